// The Executors and Connect tabs of the detail pane.
#include "ui/insidetabs.h"

#include "ui/dpuchart.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace athena;

// ---- ExecutorsTab ----

ExecutorsTab::ExecutorsTab(SessionInside *inside, const aws::Clock *clock, QWidget *parent) : QWidget(parent), m_inside(inside)
{
    setObjectName(QStringLiteral("executorsTab"));
    m_now = new QLabel(this);
    m_now->setObjectName(QStringLiteral("dpusNowLabel"));
    m_now->setWordWrap(true);
    m_chart = new DpuChart(this);
    m_chart->setHistory(&inside->dpuHistory(), clock);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("executorsView"));
    m_view->setAccessibleName(tr("Executors"));
    m_view->setModel(inside->executors());
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAlternatingRowColors(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_now);
    layout->addWidget(m_chart);
    layout->addWidget(m_view, 1);
    connect(inside, &SessionInside::executorsRefreshed, this, &ExecutorsTab::refresh);
    connect(inside, &SessionInside::pollFailed, this, [this](const aws::AwsError &e, int errors) {
        if (m_inside->watched() & SessionInside::Executors)
            m_now->setText(tr("Could not refresh (%1 in a row, retrying): %2").arg(errors).arg(e.message));
    });
    connect(inside->executors(), &QAbstractItemModel::modelReset, this, &ExecutorsTab::refresh);
    refresh();
}

void ExecutorsTab::refresh()
{
    const ExecutorListModel *model = m_inside->executors();
    if (model->rowCount() == 0 && m_inside->dpuHistory().points().isEmpty())
        m_now->setText(tr("No executors listed yet."));
    else
        m_now->setText(tr("<b>%1 DPUs in use now</b> by %n executor(s); peak seen %2 DPUs.", nullptr, model->liveCount())
                           .arg(model->dpusInUse())
                           .arg(m_inside->dpuHistory().peak()));
    m_view->resizeColumnsToContents();
    m_chart->update();
}

// ---- ConnectTab ----

ConnectTab::ConnectTab(SessionInside *inside, const aws::Clock *clock, QWidget *parent)
    : QWidget(parent), m_inside(inside), m_clock(clock)
{
    setObjectName(QStringLiteral("connectTab"));
    m_explain = new QLabel(tr("Connect a Spark Connect client (PySpark 3.4 or later) to this session. The URL comes "
                              "from GetSessionEndpoint; the client also needs the authentication token, which "
                              "expires. The token is never shown here."), this);
    m_explain->setWordWrap(true);
    m_fetch = new QPushButton(tr("&Get endpoint"), this);
    m_fetch->setObjectName(QStringLiteral("fetchEndpointButton"));
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("endpointUrlEdit"));
    m_url->setReadOnly(true);
    m_url->setAccessibleName(tr("Spark Connect URL"));
    m_expiry = new QLabel(this);
    m_expiry->setObjectName(QStringLiteral("tokenExpiryLabel"));
    m_copyUrl = new QPushButton(tr("Copy Spark Connect &URL"), this);
    m_copyUrl->setObjectName(QStringLiteral("copyUrlButton"));
    m_copyToken = new QPushButton(tr("Copy &token"), this);
    m_copyToken->setObjectName(QStringLiteral("copyTokenButton"));
    m_copyToken->setToolTip(tr("Copies the secret token to the clipboard; it is cleared from there after a minute"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("connectMessage"));
    m_message->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_explain);
    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_url, 1);
    urlRow->addWidget(m_fetch);
    layout->addLayout(urlRow);
    layout->addWidget(m_expiry);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_copyUrl);
    buttons->addWidget(m_copyToken);
    buttons->addStretch();
    layout->addLayout(buttons);
    layout->addWidget(m_message);
    layout->addStretch();

    m_clearClipboard.setSingleShot(true);
    connect(&m_clearClipboard, &QTimer::timeout, this, &ConnectTab::clearCopiedToken);
    connect(m_fetch, &QPushButton::clicked, this, [this] {
        m_fetch->setEnabled(false);
        m_message->setText(tr("Asking for the endpoint…"));
        m_inside->fetchEndpoint();
    });
    connect(inside, &SessionInside::endpointReady, this, [this](const SessionEndpoint &e) {
        m_endpoint = e;
        m_message->clear();
        showEndpoint();
    });
    connect(inside, &SessionInside::endpointFailed, this, [this](const aws::AwsError &e) {
        m_endpoint.reset();
        m_message->setText(tr("No endpoint: %1").arg(e.message));
        showEndpoint();
    });
    connect(m_copyUrl, &QPushButton::clicked, this, [this] {
        if (!m_endpoint)
            return;
        QApplication::clipboard()->setText(m_endpoint->endpointUrl);
        m_message->setText(tr("URL copied."));
    });
    connect(m_copyToken, &QPushButton::clicked, this, [this] {
        if (!m_endpoint)
            return;
        QApplication::clipboard()->setText(m_endpoint->authToken);
        m_copiedToken = m_endpoint->authToken; // whatever happens to the endpoint meanwhile
        m_clearClipboard.start(clipboardClearMs);
        m_message->setText(tr("Token copied; it leaves the clipboard in a minute."));
    });
    showEndpoint();
}

ConnectTab::~ConnectTab()
{
    clearCopiedToken(); // the window closes: the token does not outlive it in the clipboard
}

void ConnectTab::clearCopiedToken()
{
    if (!m_copiedToken.isEmpty() && QApplication::clipboard()->text() == m_copiedToken)
        QApplication::clipboard()->clear();
    m_copiedToken.clear();
}

void ConnectTab::sessionUpdated(bool another)
{
    if (another) {
        m_endpoint.reset();
        m_message->clear();
    }
    showEndpoint();
}

void ConnectTab::showEndpoint()
{
    const QString why = m_inside->whyCannotRun();
    m_fetch->setEnabled(why.isEmpty());
    m_url->setText(m_endpoint ? m_endpoint->endpointUrl : QString());
    m_url->setPlaceholderText(why.isEmpty() ? tr("Press Get endpoint") : why);
    m_copyUrl->setEnabled(m_endpoint.has_value());
    m_copyToken->setEnabled(m_endpoint && !m_endpoint->authToken.isEmpty());
    if (!m_endpoint || !m_endpoint->authTokenExpirationTime.isValid()) {
        m_expiry->clear();
        return;
    }
    const qint64 minutes = m_clock->nowUtc().secsTo(m_endpoint->authTokenExpirationTime) / 60;
    const QString when = QLocale().toString(m_endpoint->authTokenExpirationTime.toLocalTime(), QLocale::ShortFormat);
    m_expiry->setText(minutes >= 0 ? tr("The token expires %1 (in %n min).", nullptr, static_cast<int>(minutes)).arg(when)
                                   : tr("The token expired %1: get the endpoint again.").arg(when));
}
