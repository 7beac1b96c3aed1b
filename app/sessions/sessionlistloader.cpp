#include "sessions/sessionlistloader.h"

#include "sessions/sessiontablemodel.h"

#include <QRandomGenerator>

#include <algorithm>

using namespace Qt::StringLiterals;
using athena::SessionState;
using athena::listingPriority;

SessionListLoader::SessionListLoader(QObject *parent) : QObject(parent)
{
    connect(&m_autoRefresh, &QTimer::timeout, this, [this] { refresh(); });
    m_mergeTimer.setSingleShot(true);
    connect(&m_mergeTimer, &QTimer::timeout, this, &SessionListLoader::mergePending);
}

SessionListLoader::~SessionListLoader()
{
    cancel();
}

bool SessionListLoader::isRunning() const
{
    return !m_walkers.isEmpty() || !m_queue.isEmpty() || !m_resumeTimers.isEmpty() || m_confirmationsLeft > 0;
}

void SessionListLoader::newGeneration()
{
    cancel();
    ++m_generation;
    m_lastPages.clear();
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

QString SessionListLoader::jobKey(const QString &workGroup, const std::optional<SessionState> &filter)
{
    return workGroup + u'\n' + (filter ? athena::stateName(*filter) : QString());
}

QList<std::optional<SessionState>> SessionListLoader::chainFilters(const StateFilter &filter) const
{
    QList<std::optional<SessionState>> filters = filter.apiFilters();
    if (!m_chainPerState)
        return filters;
    // The API's unfiltered listing is the active states: one chain for each instead.
    QList<std::optional<SessionState>> chains;
    for (const std::optional<SessionState> &f : std::as_const(filters)) {
        if (f) {
            chains << f;
            continue;
        }
        for (SessionState s : athena::allSessionStates()) {
            if (athena::isActive(s))
                chains << s;
        }
    }
    return chains;
}

bool SessionListLoader::refresh()
{
    if (isRunning() || !m_client || m_workGroups.isEmpty())
        return false;
    m_pages = 0;
    m_sessions = 0;
    m_passComplete = true;
    m_modelFullReported = false;
    m_passConcurrency = m_concurrency;
    m_peakChains = 0;
    m_passPages.clear();
    const QList<std::optional<SessionState>> filters = chainFilters(m_filter);
    for (const std::optional<SessionState> &f : filters) {
        for (const QString &wg : std::as_const(m_workGroups))
            m_queue.append(Job{wg, f, {}, 0, 0});
    }
    // Longest first (by the last pass, else by the usual sizes), so that the longest chain never
    // waits for a free slot behind short ones.
    std::stable_sort(m_queue.begin(), m_queue.end(), [this](const Job &a, const Job &b) {
        const int pa = m_lastPages.value(jobKey(a.workGroup, a.filter), -1);
        const int pb = m_lastPages.value(jobKey(b.workGroup, b.filter), -1);
        if (pa != pb)
            return pa > pb;
        return listingPriority(a.filter) < listingPriority(b.filter);
    });
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
    qDeleteAll(std::exchange(m_resumeTimers, {}));
    m_confirmationsLeft = 0;
    m_toConfirm.clear();
    for (athena::PendingCall &call : std::exchange(m_confirmations, {}))
        call.cancel();
    if (wasRunning)
        Q_EMIT passFinished(m_generation, false);
}

void SessionListLoader::startNextJobs()
{
    while (m_walkers.size() < m_passConcurrency && !m_queue.isEmpty() && m_client) {
        const Job job = m_queue.takeFirst();
        athena::ListSessionsRequest request;
        request.workGroup = job.workGroup;
        request.stateFilter = job.filter;
        request.maxResults = m_pageSize;
        request.nextToken = job.nextToken;
        auto *walker = new athena::ListSessionsWalker(m_client, request, this);
        m_walkers.append(walker);
        m_peakChains = std::max(m_peakChains, static_cast<int>(m_walkers.size()));
        const quint64 generation = m_generation;
        connect(walker, &athena::ListSessionsWalker::pageReceived, this,
                [this, generation, wg = job.workGroup](const QList<athena::SessionSummary> &sessions, int) {
                    onPage(generation, wg, sessions);
                });
        connect(walker, &athena::ListSessionsWalker::finished, this,
                [this, walker, job, generation] { onWalkerFinished(walker, job, generation); });
        walker->start();
    }
}

void SessionListLoader::onWalkerFinished(athena::ListSessionsWalker *walker, const Job &job, quint64 generation)
{
    m_walkers.removeOne(walker);
    walker->deleteLater();
    if (generation != m_generation)
        return;
    const QString key = jobKey(job.workGroup, job.filter);
    m_passPages[key] = job.pagesSoFar + walker->pages();
    if (const std::optional<aws::AwsError> &error = walker->error()) {
        if (error->isThrottling() && job.resumes < m_maxResumes) {
            // Fewer chains at once for the rest of the pass; this one goes on from where it stopped
            // after a jittered delay, so that throttled chains do not all come back together.
            m_passConcurrency = std::max(1, static_cast<int>(m_walkers.size()) / 2);
            Job next = job;
            next.nextToken = walker->nextToken();
            next.pagesSoFar += walker->pages();
            ++next.resumes;
            const double jitter = 0.5 + QRandomGenerator::global()->generateDouble() / 2;
            auto *timer = new QTimer(this);
            timer->setSingleShot(true);
            m_resumeTimers.append(timer);
            connect(timer, &QTimer::timeout, this, [this, timer, next] {
                m_resumeTimers.removeOne(timer);
                timer->deleteLater();
                m_queue.prepend(next);
                startNextJobs();
            });
            timer->start(static_cast<int>(m_resumeDelayMs * (1 << job.resumes) * jitter));
            return;
        }
        m_passComplete = false;
        if (error->kind != aws::AwsError::Kind::Cancelled)
            Q_EMIT errorOccurred(generation, *error);
    }
    startNextJobs();
    maybeFinishPass(generation);
}

void SessionListLoader::maybeFinishPass(quint64 generation)
{
    if (generation != m_generation || !m_walkers.isEmpty() || !m_queue.isEmpty() || !m_resumeTimers.isEmpty())
        return;
    if (m_passComplete)
        m_lastPages = m_passPages;
    QStringList missed;
    mergePending();
    if (m_model)
        missed = m_model->endPass(generation, m_passComplete);
    if (missed.isEmpty() || !m_client) {
        Q_EMIT passFinished(generation, m_passComplete);
        return;
    }
    confirmMissed(generation, missed);
}

bool SessionListLoader::inScope(SessionState state) const
{
    switch (m_filter.mode) {
    case StateFilter::Mode::All: return true;
    case StateFilter::Mode::Single: return state == m_filter.state;
    case StateFilter::Mode::Active: return !athena::isFinal(state);
    }
    return true;
}

void SessionListLoader::confirmMissed(quint64 generation, QStringList missed)
{
    // Beyond the bound, rows wait for a second pass to miss them.
    if (missed.size() > m_maxConfirmations)
        missed.resize(m_maxConfirmations);
    m_toConfirm = std::move(missed);
    m_confirmationsLeft = static_cast<int>(m_toConfirm.size());
    for (int i = 0; i < m_concurrency; ++i)
        confirmNext(generation);
}

void SessionListLoader::confirmNext(quint64 generation)
{
    if (m_toConfirm.isEmpty() || !m_client || generation != m_generation)
        return;
    const QString id = m_toConfirm.takeFirst();
    m_confirmations << m_client->getSession(id, this, [this, generation, id](const aws::Result<athena::SessionDetails> &r) {
        if (generation != m_generation || m_confirmationsLeft <= 0)
            return;
        if (m_model) {
            if (r.ok()) {
                m_model->updateDetails(r.value());
                const std::optional<SessionState> state = r->status.state;
                if (!state || *state == SessionState::Unknown || inScope(*state))
                    m_model->markSeen(id);
                else
                    m_model->removeSession(id); // it ended (or changed) out of this listing's scope
            } else if (r.error().code == u"ResourceNotFoundException"_s) {
                m_model->removeSession(id);
            } // any other error: the next complete pass that misses it too removes it
        }
        confirmNext(generation);
        if (--m_confirmationsLeft == 0) {
            m_confirmations.clear();
            Q_EMIT passFinished(generation, m_passComplete);
        }
    });
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
    m_model = model;
    // Rows a pass missed are confirmed before they go (or go after a second miss).
    model->setPassesBeforeRemoval(2);
    connect(this, &SessionListLoader::scopeChanged, model, [model](quint64) { model->clear(); });
    connect(this, &SessionListLoader::passStarted, model, &SessionTableModel::beginPass);
    connect(this, &SessionListLoader::pageReady, model, [this](quint64 generation, const QString &workGroup,
                                                               const QList<athena::SessionSummary> &sessions) {
        queuePage(generation, workGroup, sessions);
    });
    // An incomplete pass (cancelled, stopped at a bound) closes the model's pass too.
    connect(this, &SessionListLoader::passFinished, model, [this, model](quint64 generation, bool complete) {
        mergePending();
        if (!complete)
            model->endPass(generation, false);
    });
}

void SessionListLoader::queuePage(quint64 generation, const QString &workGroup, const QList<athena::SessionSummary> &sessions)
{
    m_pendingPages.append({generation, workGroup, sessions});
    if (m_mergeIntervalMs == 0 || !m_sinceMerge.isValid() || m_sinceMerge.elapsed() >= m_mergeIntervalMs) {
        mergePending(); // the first page of a while goes at once
        return;
    }
    if (!m_mergeTimer.isActive())
        m_mergeTimer.start(static_cast<int>(std::max<qint64>(0, m_mergeIntervalMs - m_sinceMerge.elapsed())));
}

void SessionListLoader::mergePending()
{
    m_mergeTimer.stop();
    if (m_pendingPages.isEmpty() || !m_model)
        return;
    m_sinceMerge.start();
    // The model is bounded too (rows kept from earlier incomplete passes count): say so once a pass.
    int dropped = 0;
    quint64 generation = 0;
    for (const PendingPage &page : std::exchange(m_pendingPages, {})) {
        dropped += m_model->mergePage(page.generation, page.workGroup, page.sessions);
        generation = page.generation;
    }
    if (dropped == 0 || m_modelFullReported)
        return;
    m_modelFullReported = true;
    Q_EMIT errorOccurred(generation, aws::AwsError::make(
        aws::AwsError::Kind::Decode, u"TooManyItems"_s,
        u"The list holds at most %1 sessions; %2 more from this listing are not shown. Choose one "
        u"workgroup or a state filter"_s.arg(m_model->maxRows()).arg(dropped)));
}
