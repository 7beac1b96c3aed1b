// LocalAthena: the life cycle of calculations. A session keeps its calculations not yet ended in
// a queue, in submission order; each goes CREATING → QUEUED → RUNNING → COMPLETED or FAILED (or
// CANCELING → CANCELED when stopped), and only the first in the queue runs. The session is BUSY
// while the queue has any, and IDLE again when the last one ends.
#include "local/localathena.h"

#include "local/localathenainternal.h"

using namespace Qt::StringLiterals;
using namespace athena;

namespace local {

using namespace detail;

void LocalAthena::scheduleCalculation(Calculation &c, qint64 at, int event)
{
    c.nextAt = at;
    c.nextEvent = event;
    if (event != NoEvent)
        m_calculationTimeline.emplace(at, c.id);
}

void LocalAthena::applyCalculation(Calculation &c, int event, qint64 at)
{
    const auto s = m_sessions.value(c.sessionId);
    if (!s)
        return;
    markDirty(c);
    switch (event) {
    case CalculationQueued:
        c.state = u"QUEUED"_s;
        if (!s->queue.isEmpty() && s->queue.first() == c.id)
            scheduleCalculation(c, at + scaled(kCalculationQueuedMs), CalculationStart);
        break;
    case CalculationStart:
        c.state = u"RUNNING"_s;
        c.startedMs = at;
        markDirty(*s);
        addWorkers(*s, at);
        scheduleCalculation(c, at + c.runMs, CalculationFinish);
        break;
    case CalculationFinish:
        c.dpuMs = executorDpuMs(*s, at) - executorDpuMs(*s, c.startedMs ? c.startedMs : at);
        c.state = c.failure.isEmpty() ? u"COMPLETED"_s : u"FAILED"_s;
        c.reason = c.failure;
        c.completedMs = at;
        c.nextEvent = NoEvent;
        calculationEnded(*s, c, at);
        break;
    case CalculationCanceled:
        c.dpuMs = c.startedMs ? executorDpuMs(*s, at) - executorDpuMs(*s, c.startedMs) : 0;
        c.state = u"CANCELED"_s;
        c.completedMs = at;
        c.nextEvent = NoEvent;
        calculationEnded(*s, c, at);
        break;
    default:
        break;
    }
}

void LocalAthena::calculationEnded(Session &s, const Calculation &c, qint64 at)
{
    markDirty(s);
    s.queue.removeOne(c.id);
    if (!s.queue.isEmpty()) {
        // The next one's turn, once it is queued (a CREATING one starts when it becomes QUEUED).
        if (const auto next = m_calculations.value(s.queue.first()); next && next->state == u"QUEUED"_s && next->nextEvent == NoEvent) {
            markDirty(*next);
            scheduleCalculation(*next, at + scaled(kCalculationQueuedMs), CalculationStart);
        }
        return;
    }
    if (s.state() != SessionState::Busy)
        return;
    s.summaryJson.clear();
    s.d.status.state = SessionState::Idle;
    s.d.status.lastModifiedDateTime = fromMs(at);
    s.d.status.stateChangeReason.clear();
    s.d.status.idleSinceDateTime = fromMs(at);
    releaseWorkers(s, at);
    const qint64 timeout = scaled(static_cast<qint64>(s.idleMinutes()) * 60000);
    if (s.willDegrade)
        schedule(s, at + std::max<qint64>(1, timeout / 4), Degrade);
    else
        schedule(s, at + timeout, IdleTimeout);
}

} // namespace local
