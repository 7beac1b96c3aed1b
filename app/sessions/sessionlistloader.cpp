#include "sessions/sessionlistloader.h"

#include "sessions/sessiontablemodel.h"

using namespace Qt::StringLiterals;

SessionListLoader::SessionListLoader(QObject *parent) : QObject(parent)
{
    connect(&m_autoRefresh, &QTimer::timeout, this, [this] { refresh(); });
}

SessionListLoader::~SessionListLoader()
{
    cancel();
}

void SessionListLoader::newGeneration()
{
    cancel();
    ++m_generation;
    Q_EMIT scopeChanged(m_generation);
}

void SessionListLoader::setClient(athena::AthenaClient *client)
{
    m_client = client;
    newGeneration();
}

void SessionListLoader::setScope(const QStringList &workGroups, const StateFilter &filter)
{
    m_workGroups = workGroups;
    m_filter = filter;
    newGeneration();
}

void SessionListLoader::setAutoRefreshInterval(int ms)
{
    if (ms <= 0)
        m_autoRefresh.stop();
    else
        m_autoRefresh.start(ms);
}

bool SessionListLoader::refresh()
{
    if (isRunning() || !m_client || m_workGroups.isEmpty())
        return false;
    m_pages = 0;
    m_sessions = 0;
    m_passComplete = true;
    m_modelFullReported = false;
    for (const QString &wg : std::as_const(m_workGroups)) {
        const QList<std::optional<athena::SessionState>> filters = m_filter.apiFilters();
        for (const std::optional<athena::SessionState> &f : filters)
            m_queue.append(Job{wg, f});
    }
    Q_EMIT passStarted(m_generation);
    startNextJobs();
    return true;
}

void SessionListLoader::cancel()
{
    const bool wasRunning = isRunning();
    m_queue.clear();
    const auto walkers = std::exchange(m_walkers, {});
    for (athena::ListSessionsWalker *w : walkers) {
        w->disconnect(this);
        w->cancel();
        w->deleteLater();
    }
    if (wasRunning)
        Q_EMIT passFinished(m_generation, false);
}

void SessionListLoader::startNextJobs()
{
    while (m_walkers.size() < m_concurrency && !m_queue.isEmpty() && m_client) {
        const Job job = m_queue.takeFirst();
        athena::ListSessionsRequest request;
        request.workGroup = job.workGroup;
        request.stateFilter = job.filter;
        request.maxResults = m_pageSize;
        auto *walker = new athena::ListSessionsWalker(m_client, request, this);
        m_walkers.append(walker);
        const quint64 generation = m_generation;
        connect(walker, &athena::ListSessionsWalker::pageReceived, this,
                [this, generation, wg = job.workGroup](const QList<athena::SessionSummary> &sessions, int) {
                    onPage(generation, wg, sessions);
                });
        connect(walker, &athena::ListSessionsWalker::finished, this, [this, walker, generation] {
            m_walkers.removeOne(walker);
            walker->deleteLater();
            if (generation != m_generation)
                return;
            if (walker->error()) {
                m_passComplete = false;
                if (walker->error()->kind != aws::AwsError::Kind::Cancelled)
                    Q_EMIT errorOccurred(generation, *walker->error());
            }
            if (m_walkers.isEmpty() && m_queue.isEmpty())
                Q_EMIT passFinished(generation, m_passComplete);
            else
                startNextJobs();
        });
        walker->start();
    }
}

void SessionListLoader::onPage(quint64 generation, const QString &workGroup, const QList<athena::SessionSummary> &sessions)
{
    if (generation != m_generation)
        return;
    const qsizetype room = std::max(0, m_maxSessions - m_sessions);
    const bool full = sessions.size() > room;
    ++m_pages;
    m_sessions += static_cast<int>(std::min(room, sessions.size()));
    Q_EMIT pageReady(generation, workGroup, full ? sessions.first(room) : sessions);
    Q_EMIT progress(generation, m_pages, m_sessions);
    if (!full || generation != m_generation)
        return;
    // The rest of this pass would go over the bound: stop every walker, keep what arrived.
    m_passComplete = false;
    Q_EMIT errorOccurred(generation, aws::AwsError::make(
        aws::AwsError::Kind::Decode, u"TooManyItems"_s,
        u"Listing stopped at %1 sessions (in %2 pages), the most the list holds; %3 more in the last page and any "
        u"after it were not listed. Choose one workgroup or a state filter to see the rest"_s
            .arg(m_sessions).arg(m_pages).arg(sessions.size() - room)));
    cancel(); // emits passFinished(generation, false)
}

void SessionListLoader::attach(SessionTableModel *model)
{
    connect(this, &SessionListLoader::scopeChanged, model, [model](quint64) { model->clear(); });
    connect(this, &SessionListLoader::passStarted, model, &SessionTableModel::beginPass);
    // The model is bounded too (rows kept from earlier incomplete passes count): say so once a pass.
    connect(this, &SessionListLoader::pageReady, model,
            [this, model](quint64 generation, const QString &workGroup, const QList<athena::SessionSummary> &sessions) {
                const int dropped = model->mergePage(generation, workGroup, sessions);
                if (dropped == 0 || m_modelFullReported)
                    return;
                m_modelFullReported = true;
                Q_EMIT errorOccurred(generation, aws::AwsError::make(
                    aws::AwsError::Kind::Decode, u"TooManyItems"_s,
                    u"The list holds at most %1 sessions; %2 more from this listing are not shown. Choose one "
                    u"workgroup or a state filter"_s.arg(model->maxRows()).arg(dropped)));
            });
    connect(this, &SessionListLoader::passFinished, model, &SessionTableModel::endPass);
}
