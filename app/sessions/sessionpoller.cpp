#include "sessions/sessionpoller.h"

#include "sessions/sessiontablemodel.h"

using athena::SessionState;

SessionPoller::SessionPoller(const aws::Clock *clock, QObject *parent) : QObject(parent), m_clock(clock)
{
}

SessionPoller::~SessionPoller()
{
    const QStringList ids = m_watches.keys();
    for (const QString &id : ids)
        drop(id);
}

void SessionPoller::setClient(athena::AthenaClient *client)
{
    const QStringList ids = m_watches.keys();
    for (const QString &id : ids)
        drop(id);
    m_client = client;
}

int SessionPoller::nextDelayMs(std::optional<SessionState> state, int errors, bool inViewOnly) const
{
    if (state && athena::isFinal(*state))
        return -1;
    const bool transitional = !state || athena::isTransitional(*state);
    const int base = inViewOnly ? (transitional ? 5 * m_intervals.transitionalMs : m_intervals.inViewMs)
                                : (transitional ? m_intervals.transitionalMs : m_intervals.steadyMs);
    if (errors <= 0)
        return base;
    // Double per consecutive error, capped.
    const qint64 backoff = static_cast<qint64>(base) << std::min(errors, 16);
    return static_cast<int>(std::min<qint64>(backoff, m_intervals.maxBackoffMs));
}

void SessionPoller::watch(const QString &sessionId, Reason reason)
{
    if (sessionId.isEmpty())
        return;
    Watch &w = m_watches[sessionId];
    const bool isNew = w.timer == nullptr;
    const bool wasInViewOnly = !isNew && w.inViewOnly();
    w.reasons |= reason;
    if (wasInViewOnly && !w.inViewOnly()) {
        // Selected, started or pinned now: it is looked at at once and then at its own pace.
        m_waiting.removeAll(sessionId);
        if (!m_paused && !w.inFlight)
            poll(sessionId);
        return;
    }
    if (isNew) {
        w.timer = new QTimer(this);
        w.timer->setSingleShot(true);
        connect(w.timer, &QTimer::timeout, this, [this, sessionId] { poll(sessionId); });
        if (!m_paused)
            poll(sessionId); // the first look is immediate
    }
}

void SessionPoller::unwatch(const QString &sessionId, Reason reason)
{
    auto it = m_watches.find(sessionId);
    if (it == m_watches.end())
        return;
    it->reasons &= ~reason;
    if (it->reasons == 0)
        drop(sessionId);
}

void SessionPoller::unwatchAll(Reason reason)
{
    const QStringList ids = m_watches.keys();
    for (const QString &id : ids)
        unwatch(id, reason);
}

void SessionPoller::drop(const QString &sessionId)
{
    auto it = m_watches.find(sessionId);
    if (it == m_watches.end())
        return;
    it->call.cancel();
    if (it->countedInView)
        --m_inViewInFlight;
    delete it->timer;
    m_watches.erase(it);
    m_waiting.removeAll(sessionId);
    Q_EMIT watchEnded(sessionId);
    startWaiting();
}

void SessionPoller::pollNow(const QString &sessionId)
{
    if (m_watches.contains(sessionId) && !m_paused)
        poll(sessionId);
}

void SessionPoller::pause()
{
    m_paused = true;
    m_waiting.clear();
    for (Watch &w : m_watches)
        w.timer->stop();
}

void SessionPoller::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    const QStringList ids = m_watches.keys();
    for (const QString &id : ids)
        poll(id); // catch up at once
}

void SessionPoller::schedule(const QString &sessionId)
{
    auto it = m_watches.find(sessionId);
    if (it == m_watches.end() || m_paused)
        return;
    const int delay = nextDelayMs(it->state, it->errors, it->inViewOnly());
    if (delay < 0) {
        drop(sessionId); // ended: nothing more will change
        return;
    }
    it->timer->start(delay);
}

void SessionPoller::poll(const QString &sessionId)
{
    auto it = m_watches.find(sessionId);
    if (it == m_watches.end() || it->inFlight || !m_client || m_paused)
        return;
    it->timer->stop();
    if (it->inViewOnly()) {
        if (m_inViewInFlight >= m_intervals.maxInViewInFlight) {
            if (!m_waiting.contains(sessionId))
                m_waiting.append(sessionId);
            return; // its turn comes when a poll in flight finishes
        }
        ++m_inViewInFlight;
        it->countedInView = true;
    }
    it->inFlight = true;
    it->call = m_client->getSession(sessionId, this, [this, sessionId](const aws::Result<athena::SessionDetails> &r) {
        auto w = m_watches.find(sessionId);
        if (w == m_watches.end())
            return;
        finished(*w);
        if (!r.ok()) {
            if (r.error().kind == aws::AwsError::Kind::Cancelled)
                return;
            ++w->errors;
            Q_EMIT pollFailed(sessionId, r.error(), w->errors);
            schedule(sessionId);
            return;
        }
        w->errors = 0;
        const std::optional<SessionState> before = w->state;
        w->state = r->status.state;
        // A row only in view refines a row the table has; it never brings back one that a listing
        // removed (or that a change of scope cleared while the answer was on its way).
        if (m_model) {
            if (w->inViewOnly())
                m_model->updateDetails(r.value());
            else
                m_model->upsertDetails(r.value());
        }
        Q_EMIT detailsUpdated(r.value());
        if (r->status.state && before != r->status.state)
            Q_EMIT stateChanged(sessionId, before, *r->status.state,
                                r->status.lastModifiedDateTime.isValid() ? r->status.lastModifiedDateTime
                                                                         : m_clock->nowUtc());
        // The slot may have unwatched it.
        w = m_watches.find(sessionId);
        if (w == m_watches.end())
            return;
        if ((w->reasons & Started) && w->state && !athena::isTransitional(*w->state)) {
            w->reasons &= ~Started;
            if (w->reasons == 0) {
                drop(sessionId);
                return;
            }
        }
        schedule(sessionId);
    });
}

void SessionPoller::finished(Watch &w)
{
    w.inFlight = false;
    if (w.countedInView) {
        w.countedInView = false;
        --m_inViewInFlight;
        // Started later than this callback's own work, so that the answer is handled first.
        QMetaObject::invokeMethod(this, &SessionPoller::startWaiting, Qt::QueuedConnection);
    }
}

void SessionPoller::startWaiting()
{
    while (!m_paused && !m_waiting.isEmpty() && m_inViewInFlight < m_intervals.maxInViewInFlight)
        poll(m_waiting.takeFirst());
}

void SessionPoller::attach(SessionTableModel *model)
{
    m_model = model;
}
