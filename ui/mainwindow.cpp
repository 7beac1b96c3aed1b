#include "ui/mainwindow.h"

#include "ui/connectionbar.h"
#include "ui/detailpane.h"
#include "ui/messageboxes.h"
#include "ui/notifier.h"
#include "ui/startsessiondialog.h"
#include "ui/stateappearance.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

using athena::SessionState;

namespace {

QIcon themed(const char *name, QStyle::StandardPixmap fallback, const QWidget *w)
{
    return QIcon::fromTheme(QString::fromLatin1(name), w->style()->standardIcon(fallback));
}

} // namespace

MainWindow::MainWindow(Dashboard *dashboard, QWidget *parent) : QMainWindow(parent), m_dashboard(dashboard)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Athena Sessions"));
    m_appearance = new StateAppearanceProxy(this);
    m_appearance->setSourceModel(m_dashboard->proxy());
    m_appearance->setPalette(palette());
    m_notifier = new Notifier(this, this);
    createActions();
    createLayout();
    connectDashboard();
    resize(1280, 760);
    restoreState();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_refreshAction = new QAction(themed("view-refresh", QStyle::SP_BrowserReload, this), tr("&Refresh"), this);
    m_refreshAction->setObjectName(QStringLiteral("refreshAction"));
    m_refreshAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_refreshAction->setToolTip(tr("Refresh the session list (F5)"));
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        clearStatusError();
        if (!m_dashboard->isConnected() || m_connectionError)
            connectTo(m_bar->connection());
        else if (!m_dashboard->workGroupsLoaded())
            m_dashboard->loadWorkGroups();
        else
            m_dashboard->refresh();
    });

    m_newAction = new QAction(themed("document-new", QStyle::SP_FileIcon, this), tr("&New session…"), this);
    m_newAction->setObjectName(QStringLiteral("newSessionAction"));
    m_newAction->setShortcut(QKeySequence::New);
    connect(m_newAction, &QAction::triggered, this, [this] { openStartDialog(); });

    m_similarAction = new QAction(tr("Start &similar…"), this);
    m_similarAction->setObjectName(QStringLiteral("startSimilarAction"));
    m_similarAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    connect(m_similarAction, &QAction::triggered, this, [this] {
        const QStringList ids = selectedSessionIds();
        if (ids.isEmpty())
            return;
        std::optional<athena::SessionDetails> d = m_dashboard->model()->detailsOf(ids.first());
        if (!d) {
            const int row = m_dashboard->model()->rowOf(ids.first());
            athena::SessionDetails fromSummary;
            const athena::SessionSummary s = m_dashboard->model()->summaryAt(row);
            fromSummary.sessionId = s.sessionId;
            fromSummary.description = s.description;
            fromSummary.workGroup = m_dashboard->model()->workGroupOf(s.sessionId);
            fromSummary.notebookVersion = s.notebookVersion;
            d = fromSummary;
        }
        openStartDialog(d);
    });

    m_terminateAction = new QAction(themed("process-stop", QStyle::SP_BrowserStop, this), tr("&Terminate…"), this);
    m_terminateAction->setObjectName(QStringLiteral("terminateAction"));
    m_terminateAction->setShortcut(QKeySequence::Delete);
    connect(m_terminateAction, &QAction::triggered, this, &MainWindow::terminateSelected);

    m_copyAction = new QAction(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("&Copy session ID"), this);
    m_copyAction->setObjectName(QStringLiteral("copyIdAction"));
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyAction, &QAction::triggered, this, &MainWindow::copySelectedIds);

    m_detailsAction = new QAction(tr("&Details"), this);
    m_detailsAction->setObjectName(QStringLiteral("detailsAction"));
    m_detailsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    connect(m_detailsAction, &QAction::triggered, this, [this] {
        QList<int> sizes = m_splitter->sizes();
        if (sizes.value(1) < 50) {
            sizes[1] = width() / 3;
            m_splitter->setSizes(sizes);
        }
        m_detail->setFocus();
    });

    m_pinAction = new QAction(tr("&Pin (notify on state changes)"), this);
    m_pinAction->setObjectName(QStringLiteral("pinAction"));
    m_pinAction->setCheckable(true);
    m_pinAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    connect(m_pinAction, &QAction::triggered, this, [this](bool on) {
        for (const QString &id : selectedSessionIds())
            m_dashboard->setPinned(id, on);
    });

    m_findAction = new QAction(tr("&Find"), this);
    m_findAction->setObjectName(QStringLiteral("findAction"));
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_bar->searchEdit()->setFocus(Qt::ShortcutFocusReason);
        m_bar->searchEdit()->selectAll();
    });

    m_exportCsvAction = new QAction(tr("Export visible rows as &CSV…"), this);
    m_exportCsvAction->setObjectName(QStringLiteral("exportCsvAction"));
    connect(m_exportCsvAction, &QAction::triggered, this, [this] { exportRows(false); });
    m_exportJsonAction = new QAction(tr("Export visible rows as &JSON…"), this);
    m_exportJsonAction->setObjectName(QStringLiteral("exportJsonAction"));
    connect(m_exportJsonAction, &QAction::triggered, this, [this] { exportRows(true); });

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_exportCsvAction);
    file->addAction(m_exportJsonAction);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *session = menuBar()->addMenu(tr("&Session"));
    session->addActions({m_newAction, m_similarAction, m_terminateAction});
    session->addSeparator();
    session->addActions({m_copyAction, m_detailsAction, m_pinAction});
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions({m_refreshAction, m_findAction});
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Athena Sessions"), this, [this] {
        QMessageBox::about(this, tr("About Athena Sessions"),
                           tr("<h3>Athena Sessions %1</h3><p>A dashboard for Amazon Athena for Apache Spark sessions.</p>"
                              "<p>Qt %2</p>").arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
    });

    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addActions({m_newAction, m_terminateAction, m_copyAction});
}

void MainWindow::createLayout()
{
    m_bar = new ConnectionBar(this);
    m_bar->setRefreshAction(m_refreshAction);
    QToolBar *barHost = new QToolBar(tr("Connection"), this);
    barHost->setObjectName(QStringLiteral("connectionToolBar"));
    barHost->setMovable(false);
    barHost->addWidget(m_bar);
    addToolBarBreak();
    addToolBar(barHost);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("sessionTable"));
    m_table->setModel(m_appearance);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(SessionTableModel::StartedColumn, Qt::DescendingOrder);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed); // uniform rows: cheap with 100,000 of them
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setTextElideMode(Qt::ElideMiddle); // IDs keep both ends readable
    const std::pair<int, int> widths[] = {
        {SessionTableModel::StateColumn, 112},       {SessionTableModel::SessionIdColumn, 150},
        {SessionTableModel::DescriptionColumn, 210}, {SessionTableModel::WorkGroupColumn, 120},
        {SessionTableModel::EngineVersionColumn, 165}, {SessionTableModel::StartedColumn, 140},
        {SessionTableModel::IdleForColumn, 78},      {SessionTableModel::LastModifiedColumn, 140},
        {SessionTableModel::EndedColumn, 140},       {SessionTableModel::NotebookVersionColumn, 165},
        {SessionTableModel::DpuHoursColumn, 78},
    };
    for (const auto &[column, width] : widths)
        m_table->setColumnWidth(column, width);
    // Idle time and cost next to the description by default; users can move columns (saved).
    QHeaderView *header = m_table->horizontalHeader();
    header->moveSection(header->visualIndex(SessionTableModel::IdleForColumn), header->visualIndex(SessionTableModel::WorkGroupColumn));
    header->moveSection(header->visualIndex(SessionTableModel::DpuHoursColumn), header->visualIndex(SessionTableModel::WorkGroupColumn));
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->addAction(m_copyAction);
    connect(m_table, &QTableView::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu(this);
        menu.addActions({m_detailsAction, m_similarAction, m_terminateAction});
        menu.addSeparator();
        menu.addActions({m_copyAction, m_pinAction});
        menu.addSeparator();
        menu.addActions({m_exportCsvAction, m_exportJsonAction});
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::onSelectionChanged);
    connect(m_table, &QTableView::doubleClicked, m_detailsAction, &QAction::trigger);

    auto *empty = new QWidget(this);
    empty->setObjectName(QStringLiteral("emptyState"));
    m_emptyTitle = new QLabel(empty);
    m_emptyTitle->setObjectName(QStringLiteral("emptyStateTitle"));
    QFont f = m_emptyTitle->font();
    f.setPointSizeF(f.pointSizeF() * 1.4);
    m_emptyTitle->setFont(f);
    m_emptyTitle->setAlignment(Qt::AlignCenter);
    m_emptyTitle->setWordWrap(true);
    m_emptyText = new QLabel(empty);
    m_emptyText->setObjectName(QStringLiteral("emptyStateText"));
    m_emptyText->setAlignment(Qt::AlignCenter);
    m_emptyText->setWordWrap(true);
    m_emptyText->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_emptyText->setOpenExternalLinks(true);
    m_emptyPrimary = new QPushButton(empty);
    m_emptyPrimary->setObjectName(QStringLiteral("emptyStatePrimaryButton"));
    m_emptySecondary = new QPushButton(empty);
    m_emptySecondary->setObjectName(QStringLiteral("emptyStateSecondaryButton"));
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_emptyPrimary);
    buttons->addWidget(m_emptySecondary);
    buttons->addStretch();
    auto *el = new QVBoxLayout(empty);
    el->addStretch();
    el->addWidget(m_emptyTitle);
    el->addWidget(m_emptyText);
    el->addLayout(buttons);
    el->addStretch(2);

    m_center = new QStackedWidget(this);
    m_center->addWidget(m_table);
    m_center->addWidget(empty);

    m_detail = new DetailPane(this);
    m_detail->setClock(m_dashboard->clock());
    m_detail->setDpuHourPrice(m_dashboard->dpuHourPrice());
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_center);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({860, 400});
    setCentralWidget(m_splitter);

    m_progress = new QLabel(this);
    m_progress->setObjectName(QStringLiteral("progressLabel"));
    m_cancelLoad = new QToolButton(this);
    m_cancelLoad->setObjectName(QStringLiteral("cancelLoadButton"));
    m_cancelLoad->setText(tr("Cancel"));
    m_cancelLoad->hide();
    connect(m_cancelLoad, &QToolButton::clicked, m_dashboard, &Dashboard::cancelLoading);
    m_statusError = new QLabel(this);
    m_statusError->setObjectName(QStringLiteral("statusErrorLabel"));
    m_statusError->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_statusError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry = new QToolButton(this);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_retry->setText(tr("Retry"));
    m_retry->hide();
    connect(m_retry, &QToolButton::clicked, m_refreshAction, &QAction::trigger);
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionLabel"));
    statusBar()->addWidget(m_progress);
    statusBar()->addWidget(m_cancelLoad);
    statusBar()->addWidget(m_statusError, 1);
    statusBar()->addWidget(m_retry);
    statusBar()->addPermanentWidget(m_connectionLabel);

    connect(m_bar, &ConnectionBar::connectionChosen, this, &MainWindow::connectTo);
    connect(m_bar, &ConnectionBar::scopeChosen, this, [this](const QString &wg, const StateFilter &filter) {
        m_listingError.reset();
        clearStatusError();
        m_dashboard->setScope(wg, filter);
        updateEmptyState();
    });
    connect(m_bar, &ConnectionBar::searchChanged, this, [this](const QString &text) {
        m_dashboard->proxy()->setSearchText(text);
        updateEmptyState();
    });
    connect(m_bar, &ConnectionBar::autoRefreshChosen, m_dashboard, &Dashboard::setAutoRefreshSeconds);
    addAction(m_findAction);
    addAction(m_refreshAction);
    addAction(m_newAction);
    addAction(m_terminateAction);
    updateActions();
}

void MainWindow::connectDashboard()
{
    connect(m_dashboard, &Dashboard::connected, this, [this](const QString &description) {
        m_connectionLabel->setText(description);
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
        m_progress->setText(tr("Loading sessions…"));
        m_cancelLoad->show();
        updateEmptyState();
    });
    connect(m_dashboard, &Dashboard::loadingProgress, this, [this](int pages, int sessions) {
        m_progress->setText(tr("Loaded %n session(s), ", nullptr, sessions) + tr("%n page(s)…", nullptr, pages));
        updateEmptyState();
    });
    connect(m_dashboard, &Dashboard::loadingFinished, this, [this](bool complete, int sessions) {
        m_cancelLoad->hide();
        m_progress->setText(complete ? tr("%n session(s)", nullptr, sessions) : tr("%n session(s) (incomplete)", nullptr, sessions));
        if (complete)
            m_listingError.reset();
        const bool first = !m_loadedOnce;
        m_loadedOnce = true;
        updateEmptyState();
        if (first && !m_screenshotPath.isEmpty())
            takeScreenshot();
    });
    connect(m_dashboard, &Dashboard::errorOccurred, this, [this](const aws::AwsError &error, Dashboard::Activity activity, const QString &during) {
        if (activity == Dashboard::Activity::LoadingWorkGroups) {
            showConnectionError(error);
            if (!m_screenshotPath.isEmpty())
                takeScreenshot();
            return;
        }
        if (activity == Dashboard::Activity::ListingSessions)
            m_listingError = error;
        showStatusError(error, during);
        updateEmptyState();
    });
    connect(m_dashboard, &Dashboard::selectedDetailsChanged, this, [this](const athena::SessionDetails &d) {
        m_detail->setDetails(d, m_dashboard->lastUpdated(d.sessionId));
        m_detail->setTimeline(m_dashboard->history()->timeline(d.sessionId));
        updateActions();
    });
    connect(m_dashboard, &Dashboard::terminateFinished, this, [this](const QString &id, bool ok, const QString &message) {
        if (ok)
            statusBar()->showMessage(tr("Terminating %1").arg(id), 5000);
        else
            m_statusError->setText(tr("Could not terminate %1: %2").arg(id, message));
    });
    connect(m_dashboard, &Dashboard::notification, m_notifier, &Notifier::notify);
    connect(m_dashboard->model(), &QAbstractItemModel::rowsInserted, this, [this] { updateEmptyState(); });
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
    m_screenshotPath = options.screenshotPath;
    m_bar->setProfiles(m_dashboard->awsProfiles());
    QSettings settings;
    ConnectionChoice choice = m_dashboard->defaultChoice();
    if (options.connection) {
        choice = *options.connection;
    } else if (settings.contains(QStringLiteral("connection/kind"))) {
        if (settings.value(QStringLiteral("connection/kind")).toString() == QStringLiteral("profile"))
            choice = ConnectionChoice::awsProfile(settings.value(QStringLiteral("connection/profile")).toString(),
                                                  settings.value(QStringLiteral("connection/region")).toString());
        else
            choice = ConnectionChoice::sandbox();
    }
    const QString workGroup = !options.workGroup.isEmpty() ? options.workGroup
                                                          : settings.value(QStringLiteral("scope/workGroup")).toString();
    const StateFilter filter = StateFilter::fromKey(settings.value(QStringLiteral("scope/filter")).toString());
    const int interval = settings.value(QStringLiteral("refresh/interval"), 0).toInt();
    m_bar->setAutoRefreshSeconds(interval);
    m_dashboard->setAutoRefreshSeconds(interval);
    m_bar->setConnection(choice);
    // The scope applies once the workgroups are known.
    m_dashboard->setScope(workGroup, filter);
    m_bar->setScope(workGroup, filter);
    connectTo(choice);
}

void MainWindow::connectTo(const ConnectionChoice &choice)
{
    m_bar->setConnection(choice);
    clearStatusError();
    m_connectionError.reset();
    m_listingError.reset();
    m_loadedOnce = false;
    const auto result = m_dashboard->connectTo(choice);
    if (!result.ok()) {
        showConnectionError(result.error());
        if (!m_screenshotPath.isEmpty())
            QTimer::singleShot(500, this, &MainWindow::takeScreenshot);
    }
    updateEmptyState();
}

void MainWindow::showConnectionError(const aws::AwsError &error)
{
    m_connectionError = error;
    m_connectionLabel->setText(tr("Not connected"));
    updateEmptyState();
}

void MainWindow::showStatusError(const aws::AwsError &error, const QString &during)
{
    m_statusError->setText(tr("%1 failed: %2").arg(during, error.toString()));
    m_statusError->setToolTip(error.toString());
    m_retry->show();
}

void MainWindow::clearStatusError()
{
    m_statusError->clear();
    m_retry->hide();
}

QString MainWindow::statusErrorText() const
{
    return m_statusError->text();
}

void MainWindow::updateEmptyState()
{
    const auto show = [this](const QString &title, const QString &text, const QString &primary,
                             std::function<void()> onPrimary, const QString &secondary = {},
                             std::function<void()> onSecondary = {}) {
        m_emptyTitle->setText(title);
        m_emptyText->setText(text);
        m_emptyPrimary->disconnect(this);
        m_emptySecondary->disconnect(this);
        m_emptyPrimary->setVisible(!primary.isEmpty());
        m_emptyPrimary->setText(primary);
        if (onPrimary)
            connect(m_emptyPrimary, &QPushButton::clicked, this, onPrimary);
        m_emptySecondary->setVisible(!secondary.isEmpty());
        m_emptySecondary->setText(secondary);
        if (onSecondary)
            connect(m_emptySecondary, &QPushButton::clicked, this, onSecondary);
        m_center->setCurrentIndex(1);
    };
    const auto useSandbox = [this] { connectTo(ConnectionChoice::sandbox()); };
    const auto retry = [this] { m_refreshAction->trigger(); };

    if (m_connectionError) {
        const aws::AwsError &e = *m_connectionError;
        const QString message = e.toString().toHtmlEscaped();
        using Kind = aws::AwsError::Kind;
        if (e.kind == Kind::Credentials) {
            show(tr("No AWS credentials"),
                 tr("<p>%1</p><p>Add a profile with <code>aws configure --profile NAME</code> (or set "
                    "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), then choose it above. Or look around in the "
                    "Local sandbox, which needs no AWS account.</p>").arg(message),
                 tr("Use the Local sandbox"), useSandbox, tr("Retry"), retry);
        } else if (e.kind == Kind::Config) {
            show(tr("The connection settings are incomplete"),
                 tr("<p>%1</p><p>Choose a region above, or fix the profile in your AWS config files.</p>").arg(message),
                 tr("Retry"), retry, tr("Use the Local sandbox"), useSandbox);
        } else if (e.kind == Kind::Service && (e.httpStatus == 403 || e.code.contains(QStringLiteral("AccessDenied"))
                                                || e.code == QStringLiteral("UnrecognizedClientException"))) {
            show(tr("Access denied"),
                 tr("<p>%1</p><p>The credentials were refused or lack permission (athena:ListWorkGroups, "
                    "athena:ListSessions, athena:GetSession). Check the profile's policy, or its clock if the "
                    "signature expired.</p>").arg(message),
                 tr("Retry"), retry, tr("Use the Local sandbox"), useSandbox);
        } else if (e.kind == Kind::Network || e.kind == Kind::Timeout) {
            show(tr("The endpoint cannot be reached"),
                 tr("<p>%1</p><p>Check the network, a proxy, or the endpoint URL (AWS_ENDPOINT_URL_ATHENA, the "
                    "profile's endpoint_url).</p>").arg(message),
                 tr("Retry"), retry, tr("Use the Local sandbox"), useSandbox);
        } else {
            show(tr("Could not connect"), QStringLiteral("<p>%1</p>").arg(message), tr("Retry"), retry,
                 tr("Use the Local sandbox"), useSandbox);
        }
        return;
    }
    if (!m_dashboard->isConnected()) {
        show(tr("Connecting…"), QString(), QString(), {});
        return;
    }
    const int sourceRows = m_dashboard->model()->rowCount();
    const int visibleRows = m_dashboard->proxy()->rowCount();
    if (sourceRows > 0 && visibleRows == 0) {
        show(tr("No session matches “%1”").arg(m_dashboard->proxy()->searchText()),
             tr("The search looks at session IDs and descriptions."), tr("Clear search"),
             [this] { m_bar->searchEdit()->clear(); });
        return;
    }
    if (sourceRows > 0) {
        m_center->setCurrentIndex(0);
        return;
    }
    if (m_dashboard->workGroupsLoaded() && m_dashboard->sparkWorkGroups().isEmpty()) {
        show(tr("No Spark workgroups"),
             tr("<p>This account has no workgroup with an Apache Spark engine in %1.</p><p>Create one in the Athena "
                "console (or with <code>aws athena create-work-group</code>), then refresh.</p>").arg(m_dashboard->region()),
             tr("Refresh"), retry);
        return;
    }
    if (m_listingError) {
        show(tr("Sessions could not be listed"), QStringLiteral("<p>%1</p>").arg(m_listingError->toString().toHtmlEscaped()),
             tr("Retry"), retry);
        return;
    }
    if (m_dashboard->isLoading() || !m_loadedOnce) {
        show(tr("Loading sessions…"), QString(), QString(), {});
        return;
    }
    const QString where = m_dashboard->workGroup().isEmpty() ? tr("any Spark workgroup") : m_dashboard->workGroup();
    const StateFilter filter = m_dashboard->filter();
    const QString which = filter.mode == StateFilter::Mode::Active ? tr("active sessions")
                          : filter.mode == StateFilter::Mode::All  ? tr("sessions")
                                                                   : tr("%1 sessions").arg(athena::stateName(filter.state));
    show(tr("No %1 in %2").arg(which, where), tr("Start one, or choose another workgroup or state above."),
         tr("Start session…"), [this] { openStartDialog(); });
}

QString MainWindow::emptyStateText() const
{
    return m_emptyTitle->text() + QLatin1Char('\n') + m_emptyText->text();
}

bool MainWindow::isShowingTable() const
{
    return m_center->currentIndex() == 0;
}

QString MainWindow::modelSessionIdAt(const QModelIndex &viewIndex) const
{
    return viewIndex.data(SessionTableModel::SessionIdRole).toString();
}

QStringList MainWindow::selectedSessionIds() const
{
    QStringList ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &r : rows)
        ids << modelSessionIdAt(r);
    return ids;
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

void MainWindow::onSelectionChanged()
{
    const QStringList ids = selectedSessionIds();
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
    bool anyActive = false;
    for (const QString &id : ids) {
        const auto state = m_dashboard->model()->summaryAt(m_dashboard->model()->rowOf(id)).status.state;
        anyActive = anyActive || (state && athena::isActive(*state));
    }
    const bool connected = m_dashboard->isConnected() && !m_connectionError;
    m_newAction->setEnabled(connected);
    m_terminateAction->setEnabled(connected && anyActive);
    m_copyAction->setEnabled(!ids.isEmpty());
    m_similarAction->setEnabled(connected && ids.size() == 1);
    m_detailsAction->setEnabled(ids.size() == 1);
    m_pinAction->setEnabled(!ids.isEmpty());
    m_pinAction->setChecked(!ids.isEmpty() && m_dashboard->isPinned(ids.first()));
}

StartSessionDialog *MainWindow::openStartDialog(const std::optional<athena::SessionDetails> &similarTo)
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return m_dialog;
    }
    QStringList groups;
    for (const athena::WorkGroupSummary &w : m_dashboard->sparkWorkGroups())
        groups << w.name;
    StartSessionForm form = similarTo ? StartSessionForm::similarTo(*similarTo) : StartSessionForm();
    form.setDpuHourPrice(m_dashboard->dpuHourPrice());
    if (!similarTo && !m_dashboard->workGroup().isEmpty())
        form.setText(StartSessionForm::Field::WorkGroup, m_dashboard->workGroup());
    auto *dialog = new StartSessionDialog(groups, form, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (similarTo)
        dialog->setWindowTitle(tr("Start a session like %1").arg(similarTo->description.isEmpty() ? similarTo->sessionId
                                                                                                   : similarTo->description));
    m_dialog = dialog;
    connect(dialog, &StartSessionDialog::submitRequested, this, [this, dialog](const athena::StartSessionRequest &request) {
        // The dialog is the context: if it is closed meanwhile, the result still reaches the table
        // through the dashboard, only the dialog is gone.
        m_dashboard->startSession(request, dialog, [this, dialog](const aws::Result<athena::StartSessionResult> &r) {
            if (!r.ok()) {
                dialog->showServiceError(r.error());
                return;
            }
            dialog->finishSubmission();
            m_bar->searchEdit()->clear();
            selectSession(r->sessionId);
            statusBar()->showMessage(tr("Started %1").arg(r->sessionId), 5000);
        });
    });
    dialog->open();
    return dialog;
}

void MainWindow::terminateSelected()
{
    QStringList ids;
    for (const QString &id : selectedSessionIds()) {
        const auto state = m_dashboard->model()->summaryAt(m_dashboard->model()->rowOf(id)).status.state;
        if (state && athena::isActive(*state))
            ids << id;
    }
    if (ids.isEmpty())
        return;
    const QString text = ids.size() == 1
                             ? tr("Terminate session %1?\n\nIts running calculation, if any, is cancelled. This cannot be undone.").arg(ids.first())
                             : tr("Terminate %n sessions?\n\nTheir running calculations are cancelled. This cannot be undone.",
                                  nullptr, static_cast<int>(ids.size()));
    if (messageboxes::question(this, tr("Terminate"), text) != QMessageBox::Yes)
        return;
    m_dashboard->terminateSessions(ids);
}

void MainWindow::copySelectedIds()
{
    const QStringList ids = selectedSessionIds();
    if (!ids.isEmpty())
        QGuiApplication::clipboard()->setText(ids.join(QLatin1Char('\n')));
}

QList<int> MainWindow::visibleModelRows() const
{
    QList<int> rows;
    const SessionFilterProxyModel *proxy = m_dashboard->proxy();
    for (int r = 0; r < proxy->rowCount(); ++r)
        rows << proxy->mapToSource(proxy->index(r, 0)).row();
    return rows;
}

bool MainWindow::exportVisibleRows(const QString &path, bool json)
{
    const QList<int> rows = visibleModelRows();
    const QByteArray bytes = json ? m_dashboard->exportJson(rows) : m_dashboard->exportCsv(rows);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        messageboxes::warning(this, tr("Export"), tr("Could not write %1: %2").arg(path, file.errorString()));
        return false;
    }
    statusBar()->showMessage(tr("Exported %n session(s) to %1", nullptr, static_cast<int>(rows.size())).arg(path), 5000);
    return true;
}

void MainWindow::exportRows(bool json)
{
    const QString path = QFileDialog::getSaveFileName(this, json ? tr("Export as JSON") : tr("Export as CSV"),
                                                      json ? QStringLiteral("sessions.json") : QStringLiteral("sessions.csv"),
                                                      json ? tr("JSON (*.json)") : tr("CSV (*.csv)"));
    if (!path.isEmpty())
        exportVisibleRows(path, json);
}

void MainWindow::takeScreenshot()
{
    if (m_screenshotPath.isEmpty())
        return;
    const QString path = std::exchange(m_screenshotPath, QString());
    auto save = [this, path] {
        const bool ok = grab().save(path, "PNG");
        if (!ok)
            qWarning("Could not save the screenshot to %s", qPrintable(path));
        Q_EMIT screenshotSaved(path);
        QCoreApplication::exit(ok ? 0 : 1);
    };
    // Show a session in the detail pane too, once its details arrive (or after a moment).
    if (m_dashboard->proxy()->rowCount() > 0) {
        m_table->selectRow(0);
        auto *timeout = new QTimer(this);
        timeout->setSingleShot(true);
        connect(timeout, &QTimer::timeout, this, save);
        connect(m_dashboard, &Dashboard::selectedDetailsChanged, timeout, [timeout] { timeout->start(150); });
        timeout->start(3000);
    } else {
        QTimer::singleShot(200, this, save);
    }
}

void MainWindow::restoreState()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    QMainWindow::restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    m_table->horizontalHeader()->restoreState(settings.value(QStringLiteral("table/header")).toByteArray());
}

void MainWindow::saveState()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), QMainWindow::saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("table/header"), m_table->horizontalHeader()->saveState());
    const ConnectionChoice c = m_bar->connection();
    settings.setValue(QStringLiteral("connection/kind"),
                      c.kind == ConnectionChoice::Kind::Sandbox ? QStringLiteral("sandbox") : QStringLiteral("profile"));
    settings.setValue(QStringLiteral("connection/profile"), c.profile);
    settings.setValue(QStringLiteral("connection/region"), c.region);
    settings.setValue(QStringLiteral("scope/workGroup"), m_dashboard->workGroup());
    settings.setValue(QStringLiteral("scope/filter"), m_dashboard->filter().key());
    settings.setValue(QStringLiteral("refresh/interval"), m_dashboard->autoRefreshSeconds());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_started)
        saveState();
    event->accept();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_appearance->setPalette(palette());
    if (event->type() == QEvent::WindowStateChange)
        m_dashboard->setWindowVisible(!isMinimized());
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
