#include "ui/mainwindow.h"

#include "ui/connectionbar.h"
#include "ui/detailpane.h"
#include "ui/emptystatepage.h"
#include "ui/messageboxes.h"
#include "ui/notifier.h"
#include "ui/rowexporter.h"
#include "ui/sandboxbanner.h"
#include "ui/screenshotmode.h"
#include "ui/sessiontableview.h"
#include "ui/signindialog.h"
#include "ui/startsessionlauncher.h"
#include "ui/tablelive.h"
#include "ui/stateappearance.h"
#include "ui/windowactions.h"
#include "ui/windowsettings.h"
#include "ui/windowstatusbar.h"

#include "sessions/sessioninside.h"

#include <QAction>
#include <QClipboard>
#include <QCloseEvent>
#include <QGuiApplication>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QPointer>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

MainWindow::MainWindow(Dashboard *dashboard, QWidget *parent) : QMainWindow(parent), m_dashboard(dashboard)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Athena Sessions"));
    m_appearance = new StateAppearanceProxy(this);
    m_appearance->setSourceModel(m_dashboard->proxy());
    m_appearance->setPalette(palette());
    m_notifier = new Notifier(this, this);
    m_actions = new WindowActions(this);
    createLayout();
    m_exporter = new RowExporter(m_dashboard, this);
    connect(m_exporter, &RowExporter::exported, m_status,
            [this](const QString &message) { m_status->showMessage(message, 5000); });
    m_launcher = new StartSessionLauncher(m_dashboard, this);
    // A role with mfa_serial asks for the code here; the code is never kept or logged.
    QPointer<MainWindow> window(this);
    m_dashboard->setMfaPrompt([window](const QString &serial, const std::function<void(std::optional<QString>)> &answer) {
        if (!window) {
            answer(std::nullopt);
            return;
        }
        bool ok = false;
        const QString code = QInputDialog::getText(window, tr("MFA code"), tr("Enter the MFA code for %1:").arg(serial),
                                                   QLineEdit::Password, QString(), &ok);
        answer(ok ? std::optional<QString>(code) : std::nullopt);
    });
    connect(m_launcher, &StartSessionLauncher::started, this, [this](const QString &sessionId) {
        m_bar->searchEdit()->clear();
        selectSession(sessionId);
        m_status->showMessage(tr("Started %1").arg(sessionId), 5000);
    });
    m_screenshot = new ScreenshotMode(this, m_table, m_dashboard);
    connect(m_screenshot, &ScreenshotMode::saved, this, &MainWindow::screenshotSaved);
    connectActions();
    connectDashboard();
    updateActions();
    resize(1280, 760);
    WindowSettings(this, m_splitter, m_table->horizontalHeader()).restoreLayout();
    m_actions->showDetailPane()->setChecked(QSettings().value(QStringLiteral("window/detailPane"), true).toBool());
}

MainWindow::~MainWindow() = default;

void MainWindow::createLayout()
{
    m_bar = new ConnectionBar(this);
    m_bar->setRefreshAction(m_actions->refresh());
    QToolBar *barHost = new QToolBar(tr("Connection"), this);
    barHost->setObjectName(QStringLiteral("connectionToolBar"));
    barHost->setMovable(false);
    barHost->addWidget(m_bar);
    addToolBarBreak();
    addToolBar(barHost);

    m_table = new SessionTableView(m_appearance, this);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->addAction(m_actions->copyId());
    connect(m_table, &QTableView::customContextMenuRequested, this,
            [this](const QPoint &pos) { m_actions->execContextMenu(m_table->viewport()->mapToGlobal(pos)); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::onSelectionChanged);
    connect(m_table, &QTableView::doubleClicked, m_actions->details(), &QAction::trigger);

    m_empty = new EmptyStatePage(this);
    connect(m_empty, &EmptyStatePage::retryRequested, m_actions->refresh(), &QAction::trigger);
    connect(m_empty, &EmptyStatePage::useSandboxRequested, this, [this] { connectTo(ConnectionChoice::sandbox()); });
    connect(m_empty, &EmptyStatePage::clearSearchRequested, m_bar->searchEdit(), &QLineEdit::clear);
    connect(m_empty, &EmptyStatePage::startSessionRequested, this, [this] { openStartDialog(); });
    connect(m_empty, &EmptyStatePage::signInRequested, this, &MainWindow::signIn);
    connect(m_empty, &EmptyStatePage::cancelLoadingRequested, m_dashboard, &Dashboard::cancelLoading);
    m_center = new QStackedWidget(this);
    m_center->addWidget(m_table);
    m_center->addWidget(m_empty);

    m_detail = new DetailPane(this);
    m_detail->setClock(m_dashboard->clock());
    m_detail->setDpuHourPrice(m_dashboard->dpuHourPrice());
    m_inside = new SessionInside(m_dashboard->clock(), this);
    m_detail->setInside(m_inside, m_dashboard->clock());
    m_detail->setDark(stateappearance::isDark(palette()));
    // Code submitted: the session turns BUSY soon; ask for it now rather than at the next poll.
    connect(m_inside, &SessionInside::workSubmitted, this, [this] { m_dashboard->poller()->pollNow(m_inside->sessionId()); });
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_banner = new SandboxBanner(this);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(4);
    leftLayout->addWidget(m_banner);
    leftLayout->addWidget(m_center, 1);
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({860, 400});
    setCentralWidget(m_splitter);

    m_status = new WindowStatusBar(this);
    setStatusBar(m_status);
    connect(m_status, &WindowStatusBar::cancelRequested, m_dashboard, &Dashboard::cancelLoading);
    connect(m_status, &WindowStatusBar::retryRequested, m_actions->refresh(), &QAction::trigger);
    m_live = new TableLive(m_table, m_dashboard, m_status, this);
    m_status->addPermanentWidget(m_notifier->button(m_status));
    // Without a tray the status bar says it too, for a while.
    connect(m_notifier, &Notifier::notified, this, [this](const QString &title, const QString &message) {
        if (!m_notifier->usesTray())
            m_status->showMessage(title + QStringLiteral(": ") + message, 10000);
    });

    connect(m_bar, &ConnectionBar::connectionChosen, this, &MainWindow::connectTo);
    connect(m_bar, &ConnectionBar::scopeChosen, this, [this](const QString &wg, const StateFilter &filter) {
        rememberSelection();
        m_listingError.reset();
        m_status->clearError();
        m_dashboard->setScope(wg, filter);
        updateEmptyState();
    });
    connect(m_bar, &ConnectionBar::searchChanged, this, [this](const QString &text) {
        rememberSelection();
        m_dashboard->proxy()->setSearchText(text);
        restoreSelection();
        updateEmptyState();
    });
    // The selected row stays in view when the rows are sorted anew.
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this] {
        QMetaObject::invokeMethod(this, [this] {
            if (m_table->currentIndex().isValid() && !selectedSessionIds().isEmpty())
                m_table->scrollTo(m_table->currentIndex());
        }, Qt::QueuedConnection);
    });
    connect(m_bar, &ConnectionBar::autoRefreshChosen, m_dashboard, &Dashboard::setAutoRefreshSeconds);
}

void MainWindow::connectActions()
{
    connect(m_actions->refresh(), &QAction::triggered, this, &MainWindow::refresh);
    connect(m_actions->signIn(), &QAction::triggered, this, &MainWindow::signIn);
    connect(m_actions->newSession(), &QAction::triggered, this, [this] { openStartDialog(); });
    connect(m_actions->startSimilar(), &QAction::triggered, this, &MainWindow::startSimilar);
    connect(m_actions->terminate(), &QAction::triggered, this, &MainWindow::terminateSelected);
    connect(m_actions->copyId(), &QAction::triggered, this, &MainWindow::copySelectedIds);
    connect(m_actions->details(), &QAction::triggered, this, &MainWindow::showDetails);
    connect(m_actions->showDetailPane(), &QAction::toggled, m_detail, &QWidget::setVisible);
    connect(m_actions->setPrice(), &QAction::triggered, this, [this] {
        bool ok = false;
        const double usd = QInputDialog::getDouble(this, tr("Price per DPU-hour"),
                                                   tr("The price of a DPU-hour in US dollars, for every cost shown "
                                                      "(Athena's us-east-1 price is $0.35):"),
                                                   m_dashboard->dpuHourPrice(), 0, 100, 3, &ok);
        if (ok)
            setDpuHourPrice(usd);
    });
    connect(m_actions->pin(), &QAction::triggered, this, [this](bool on) {
        for (const QString &id : selectedSessionIds())
            m_dashboard->setPinned(id, on);
    });
    connect(m_actions->find(), &QAction::triggered, this, [this] {
        m_bar->searchEdit()->setFocus(Qt::ShortcutFocusReason);
        m_bar->searchEdit()->selectAll();
    });
    connect(m_actions->exportCsv(), &QAction::triggered, m_exporter,
            [this] { m_exporter->exportWithDialog(RowExporter::Format::Csv); });
    connect(m_actions->exportJson(), &QAction::triggered, m_exporter,
            [this] { m_exporter->exportWithDialog(RowExporter::Format::Json); });
}

void MainWindow::connectDashboard()
{
    // After each listing the credentials' expiry is known (and may have moved on a refresh).
    connect(m_dashboard, &Dashboard::loadingFinished, this,
            [this] { m_status->setConnectionText(m_dashboard->connectionDescription()); });
    connect(m_dashboard, &Dashboard::connected, this, [this](const QString &description) {
        m_status->setConnectionText(description);
        m_inside->setClient(m_dashboard->client());
        m_bar->showInEffect(m_dashboard->region(), m_dashboard->regionSource(), m_dashboard->credentialsSource());
        m_connectionError.reset();
        m_listingError.reset();
        updateEmptyState();
    });
    connect(m_dashboard, &Dashboard::workGroupsChanged, this, [this](const QList<athena::WorkGroupSummary> &groups) {
        QStringList names;
        for (const athena::WorkGroupSummary &w : groups)
            names << w.name;
        const QString wanted = m_dashboard->workGroup();
        m_bar->setWorkGroups(names);
        m_bar->setScope(wanted, m_dashboard->filter());
        updateEmptyState();
    });
    connect(m_dashboard, &Dashboard::loadingStarted, this, [this] {
        m_status->showLoadingStarted();
        m_empty->setLastListingComplete(true);
        updateEmptyState();
    });
    connect(m_dashboard, &Dashboard::loadingProgress, this, [this](int pages, int sessions) {
        m_status->showLoadingProgress(pages, sessions);
        updateEmptyState();
    });
    connect(m_dashboard, &Dashboard::loadingFinished, this, [this](bool complete, int sessions) {
        m_status->showLoadingFinished(complete, sessions);
        m_live->update();
        m_empty->setLastListingComplete(complete);
        if (complete)
            m_listingError.reset();
        const bool first = !m_loadedOnce;
        m_loadedOnce = true;
        updateEmptyState();
        if (first)
            m_screenshot->take();
    });
    connect(m_dashboard, &Dashboard::errorOccurred, this, [this](const aws::AwsError &error, Dashboard::Activity activity, const QString &during) {
        if (activity == Dashboard::Activity::LoadingWorkGroups) {
            showConnectionError(error);
            m_screenshot->take();
            return;
        }
        if (activity == Dashboard::Activity::ListingSessions)
            m_listingError = error;
        m_status->showError(error, during);
        updateEmptyState();
    });
    connect(m_dashboard, &Dashboard::selectedDetailsChanged, this, [this](const athena::SessionDetails &d) {
        m_detail->setDetails(d, m_dashboard->lastUpdated(d.sessionId));
        m_detail->setTimeline(m_dashboard->history()->timeline(d.sessionId));
        updateActions();
    });
    connect(m_dashboard, &Dashboard::terminateFinished, this, [this](const QString &id, bool ok, const QString &message) {
        if (ok)
            m_status->showMessage(tr("Terminating %1").arg(id), 5000);
        else
            m_status->setErrorText(tr("Could not terminate %1: %2").arg(id, message));
    });
    connect(m_dashboard, &Dashboard::notification, m_notifier, &Notifier::notify);
    connect(m_dashboard->model(), &QAbstractItemModel::rowsInserted, this, [this] {
        updateEmptyState();
        restoreSelection(); // a session selected before a change of filter, listed again
    });
    connect(m_dashboard->model(), &QAbstractItemModel::modelReset, this, [this] {
        m_detail->showNothing(tr("Select a session to see its details."));
        updateEmptyState();
        updateActions();
    });
    connect(m_dashboard->model(), &QAbstractItemModel::dataChanged, this, [this] { updateActions(); });
}

void MainWindow::start(const StartOptions &options)
{
    m_started = true;
    m_screenshot->setPath(options.screenshotPath);
    m_bar->setProfiles(m_dashboard->awsProfiles());
    const WindowSettings::Scope saved = WindowSettings::savedScope();
    const ConnectionChoice choice = options.connection ? *options.connection
                                                       : saved.connection.value_or(m_dashboard->defaultChoice());
    const QString workGroup = !options.workGroup.isEmpty() ? options.workGroup : saved.workGroup;
    m_bar->setAutoRefreshSeconds(saved.autoRefreshSeconds);
    m_dashboard->setAutoRefreshSeconds(saved.autoRefreshSeconds);
    m_bar->setConnection(choice);
    // The scope applies once the workgroups are known.
    m_dashboard->setScope(workGroup, saved.filter);
    m_bar->setScope(workGroup, saved.filter);
    connectTo(choice);
    if (const auto problem = m_dashboard->configProblem())
        m_status->setErrorText(problem->message); // which file and line; the profiles it names are still listed
}

void MainWindow::connectTo(const ConnectionChoice &choice)
{
    m_bar->setConnection(choice);
    m_status->clearError();
    m_connectionError.reset();
    m_listingError.reset();
    m_loadedOnce = false;
    m_choice = choice;
    m_banner->setSandboxShown(choice.kind == ConnectionChoice::Kind::Sandbox);
    const bool canSignIn = choice.kind == ConnectionChoice::Kind::Profile && m_dashboard->profileUsesSso(choice.profile);
    m_actions->signIn()->setEnabled(canSignIn);
    m_empty->setSignInAvailable(canSignIn);
    const auto result = m_dashboard->connectTo(choice);
    if (!result.ok()) {
        showConnectionError(result.error());
        m_screenshot->takeAfter(500);
    }
    updateEmptyState();
}

void MainWindow::refresh()
{
    m_status->clearError();
    if (!m_dashboard->isConnected() || m_connectionError)
        connectTo(m_bar->connection());
    else if (!m_dashboard->workGroupsLoaded())
        m_dashboard->loadWorkGroups();
    else
        m_dashboard->refresh();
}

void MainWindow::signIn()
{
    const ConnectionChoice choice = m_choice;
    auto signIn = m_dashboard->createSsoSignIn(choice.profile, this);
    if (!signIn.ok()) {
        m_status->setErrorText(signIn.error().message);
        return;
    }
    auto *dialog = new SignInDialog(signIn.value(), choice.profile, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, choice] {
        m_status->showMessage(tr("Signed in to IAM Identity Center"), 5000);
        connectTo(choice);
    });
    dialog->open();
}

void MainWindow::showConnectionError(const aws::AwsError &error)
{
    m_connectionError = error;
    m_status->setConnectionText(tr("Not connected"));
    m_status->clearCount(); // no count beside a page that says there is nothing to count
    updateEmptyState();
}

QString MainWindow::statusErrorText() const
{
    return m_status->errorText();
}

void MainWindow::updateEmptyState()
{
    const bool explained = m_empty->explain(m_dashboard, m_connectionError, m_listingError, m_loadedOnce);
    m_center->setCurrentWidget(explained ? static_cast<QWidget *>(m_empty) : m_table);
}

QString MainWindow::emptyStateText() const
{
    return m_empty->text();
}

bool MainWindow::isShowingTable() const
{
    return m_center->currentWidget() == m_table;
}

QTableView *MainWindow::table() const
{
    return m_table;
}

QStringList MainWindow::selectedSessionIds() const
{
    return m_table->selectedSessionIds();
}

bool MainWindow::selectSession(const QString &sessionId)
{
    const int sourceRow = m_dashboard->model()->rowOf(sessionId);
    if (sourceRow < 0)
        return false;
    const QModelIndex proxyIndex = m_dashboard->proxy()->mapFromSource(m_dashboard->model()->index(sourceRow, 0));
    if (!proxyIndex.isValid())
        return false;
    const QModelIndex viewIndex = m_appearance->mapFromSource(proxyIndex);
    m_table->selectionModel()->setCurrentIndex(viewIndex, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(viewIndex);
    return true;
}

void MainWindow::rememberSelection()
{
    // Kept across a change of search or state filter: given back when the rows show again.
    if (!selectedSessionIds().isEmpty())
        m_restoreSelection = selectedSessionIds();
}

void MainWindow::restoreSelection()
{
    if (m_restoreSelection.isEmpty() || !selectedSessionIds().isEmpty())
        return;
    QItemSelection selection;
    QModelIndex current;
    for (const QString &id : std::as_const(m_restoreSelection)) {
        const int sourceRow = m_dashboard->model()->rowOf(id);
        const QModelIndex proxyIndex =
            sourceRow < 0 ? QModelIndex() : m_dashboard->proxy()->mapFromSource(m_dashboard->model()->index(sourceRow, 0));
        if (!proxyIndex.isValid())
            continue;
        const QModelIndex viewIndex = m_appearance->mapFromSource(proxyIndex);
        selection.select(viewIndex, viewIndex);
        if (!current.isValid())
            current = viewIndex;
    }
    if (!current.isValid())
        return;
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->selectionModel()->setCurrentIndex(current, QItemSelectionModel::NoUpdate);
    m_table->scrollTo(current);
}

void MainWindow::onSelectionChanged()
{
    const QStringList ids = selectedSessionIds();
    if (!ids.isEmpty()) {
        m_restoreSelection = ids;
    } else {
        // Deselected while the rows are still shown: the user's wish, not a filter's doing. Looked
        // at once the models have settled (a filter deselects while its rows are being removed).
        QMetaObject::invokeMethod(this, [this] {
            if (!selectedSessionIds().isEmpty())
                return;
            for (const QString &id : std::as_const(m_restoreSelection)) {
                const int row = m_dashboard->model()->rowOf(id);
                if (row >= 0 && m_dashboard->proxy()->mapFromSource(m_dashboard->model()->index(row, 0)).isValid()) {
                    m_restoreSelection.clear();
                    break;
                }
            }
        }, Qt::QueuedConnection);
    }
    const QString id = ids.size() == 1 ? ids.first() : QString();
    m_dashboard->select(id);
    if (id.isEmpty()) {
        m_detail->showNothing(ids.isEmpty() ? tr("Select a session to see its details.")
                                            : tr("%n sessions selected.", nullptr, static_cast<int>(ids.size())));
    } else if (const auto d = m_dashboard->model()->detailsOf(id)) {
        m_detail->setDetails(*d, m_dashboard->lastUpdated(id));
        m_detail->setTimeline(m_dashboard->history()->timeline(id));
    } else {
        const int row = m_dashboard->model()->rowOf(id);
        m_detail->setSummaryOnly(m_dashboard->model()->summaryAt(row), m_dashboard->model()->workGroupOf(id));
        m_detail->setTimeline(m_dashboard->history()->timeline(id));
    }
    updateActions();
}

void MainWindow::updateActions()
{
    const QStringList ids = selectedSessionIds();
    const bool connected = m_dashboard->isConnected() && !m_connectionError;
    m_actions->update(connected, ids.size(), !activeSelectedIds().isEmpty(),
                      !ids.isEmpty() && m_dashboard->isPinned(ids.first()));
}

void MainWindow::setDpuHourPrice(double usd)
{
    m_dashboard->setDpuHourPrice(usd); // the table's Cost column and the totals
    m_detail->setDpuHourPrice(usd);
    m_live->update();
}

void MainWindow::showDetails()
{
    m_actions->showDetailPane()->setChecked(true);
    QList<int> sizes = m_splitter->sizes();
    if (sizes.value(1) < 50) {
        sizes[1] = width() / 3;
        m_splitter->setSizes(sizes);
    }
    m_detail->setFocus();
}

void MainWindow::startSimilar()
{
    const QStringList ids = selectedSessionIds();
    if (!ids.isEmpty())
        m_launcher->openSimilarTo(ids.first());
}

StartSessionDialog *MainWindow::openStartDialog(const std::optional<athena::SessionDetails> &similarTo)
{
    return m_launcher->open(similarTo);
}

QStringList MainWindow::activeSelectedIds() const
{
    QStringList ids;
    for (const QString &id : selectedSessionIds()) {
        const auto state = m_dashboard->model()->summaryAt(m_dashboard->model()->rowOf(id)).status.state;
        if (state && athena::isActive(*state))
            ids << id;
    }
    return ids;
}

void MainWindow::terminateSelected()
{
    const QStringList ids = activeSelectedIds();
    if (ids.isEmpty())
        return;
    // Which sessions, by ID and description, so that nobody terminates the wrong ones.
    constexpr int listed = 10;
    QStringList lines;
    for (const QString &id : ids.first(std::min<qsizetype>(ids.size(), listed))) {
        const int row = m_dashboard->model()->rowOf(id);
        const QString description = row >= 0 ? m_dashboard->model()->summaryAt(row).description : QString();
        lines << (description.isEmpty() ? u"• %1"_s.arg(id) : u"• %1 — %2"_s.arg(id, description.left(60)));
    }
    if (ids.size() > listed)
        lines << tr("…and %n more", nullptr, static_cast<int>(ids.size() - listed));
    const int n = static_cast<int>(ids.size());
    const QString text = tr("Terminate these sessions?", nullptr, n) + u"\n\n"_s + lines.join(u'\n') + u"\n\n"_s
                         + tr("Running calculations are cancelled. This cannot be undone.");
    if (!messageboxes::confirm(this, tr("Terminate sessions", nullptr, n), text, tr("&Terminate %n session(s)", nullptr, n)))
        return;
    m_dashboard->terminateSessions(ids);
}

void MainWindow::copySelectedIds()
{
    const QStringList ids = selectedSessionIds();
    if (!ids.isEmpty())
        QGuiApplication::clipboard()->setText(ids.join(QLatin1Char('\n')));
}

bool MainWindow::exportVisibleRows(const QString &path, bool json)
{
    return m_exporter->exportTo(path, json ? RowExporter::Format::Json : RowExporter::Format::Csv);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_started) {
        WindowSettings(this, m_splitter, m_table->horizontalHeader())
            .save({m_bar->connection(), m_dashboard->workGroup(), m_dashboard->filter(),
                   m_dashboard->autoRefreshSeconds()});
        QSettings().setValue(QStringLiteral("window/detailPane"), m_actions->showDetailPane()->isChecked());
    }
    event->accept();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        m_appearance->setPalette(palette());
        m_detail->setDark(stateappearance::isDark(palette()));
    }
    if (event->type() == QEvent::WindowStateChange) {
        m_dashboard->setWindowVisible(!isMinimized());
        isMinimized() ? m_inside->pause() : m_inside->resume();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::showEvent(QShowEvent *event)
{
    m_dashboard->setWindowVisible(true);
    QMainWindow::showEvent(event);
}

void MainWindow::hideEvent(QHideEvent *event)
{
    m_dashboard->setWindowVisible(false);
    QMainWindow::hideEvent(event);
}
