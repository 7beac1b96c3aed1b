#include "sessionlistworker.h"

#include "sessiontablemodel.h"

using namespace Qt::StringLiterals;

QList<std::optional<athena::SessionState>> StateFilter::apiFilters() const
{
    switch (mode) {
    case Mode::Active:
        return {std::nullopt};
    case Mode::Single:
        return {state};
    case Mode::All: {
        QList<std::optional<athena::SessionState>> filters{std::nullopt};
        for (athena::SessionState s : athena::endedSessionStates())
            filters << s;
        return filters;
    }
    }
    return {std::nullopt};
}

QString StateFilter::describe() const
{
    switch (mode) {
    case Mode::Active: return QObject::tr("Active");
    case Mode::All: return QObject::tr("All");
    case Mode::Single: return athena::stateName(state);
    }
    return {};
}

SessionListWorker::SessionListWorker(QObject *parent) : QObject(parent)
{
    connect(&m_autoRefresh, &QTimer::timeout, this, [this] { refresh(); });
}

SessionListWorker::~SessionListWorker()
{
    cancel();
}

void SessionListWorker::newGeneration()
{
    cancel();
    ++m_generation;
    Q_EMIT scopeChanged(m_generation);
}

void SessionListWorker::setClient(athena::AthenaClient *client)
{
    m_client = client;
    newGeneration();
}

void SessionListWorker::setScope(const QStringList &workGroups, const StateFilter &filter)
{
    m_workGroups = workGroups;
    m_filter = filter;
    newGeneration();
}

void SessionListWorker::setAutoRefreshInterval(int ms)
{
    if (ms <= 0)
        m_autoRefresh.stop();
    else
        m_autoRefresh.start(ms);
}

bool SessionListWorker::refresh()
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

void SessionListWorker::cancel()
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

void SessionListWorker::startNextJobs()
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

void SessionListWorker::attach(SessionTableModel *model)
{
    connect(this, &SessionListWorker::scopeChanged, model, [model](quint64) { model->clear(); });
    connect(this, &SessionListWorker::passStarted, model, &SessionTableModel::beginPass);
    connect(this, &SessionListWorker::pageReady, model, &SessionTableModel::mergePage);
    connect(this, &SessionListWorker::passFinished, model, &SessionTableModel::endPass);
}
