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
                    if (generation != m_generation)
                        return;
                    ++m_pages;
                    m_sessions += static_cast<int>(sessions.size());
                    Q_EMIT pageReady(generation, wg, sessions);
                    Q_EMIT progress(generation, m_pages, m_sessions);
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

void SessionListLoader::attach(SessionTableModel *model)
{
    connect(this, &SessionListLoader::scopeChanged, model, [model](quint64) { model->clear(); });
    connect(this, &SessionListLoader::passStarted, model, &SessionTableModel::beginPass);
    connect(this, &SessionListLoader::pageReady, model, &SessionTableModel::mergePage);
    connect(this, &SessionListLoader::passFinished, model, &SessionTableModel::endPass);
}
