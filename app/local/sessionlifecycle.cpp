// LocalAthena: the session life cycle. Each session and each calculation has at most one
// scheduled event; advance() applies the due ones in time order, each at its own time. DPU time is
// billed from the executors' times (executoroperations.cpp).
#include "local/localathena.h"

#include "local/localathenainternal.h"

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace athena;

namespace local {

using namespace detail;

void LocalAthena::schedule(Session &s, qint64 at, int event)
{
    s.nextAt = at;
    s.nextEvent = event;
    if (event != NoEvent)
        m_timeline.emplace(at, s.d.sessionId);
}

qint64 LocalAthena::dpuMillisAt(const Session &s, qint64 at) const
{
    return s.dpuMs + executorDpuMs(s, at);
}

void LocalAthena::cancelCalculations(Session &s, qint64 at, const QString &reason)
{
    for (const QString &id : std::as_const(s.queue)) {
        const auto c = m_calculations.value(id);
        if (!c)
            continue;
        markDirty(*c);
        c->dpuMs = c->startedMs ? executorDpuMs(s, at) - executorDpuMs(s, c->startedMs) : 0;
        c->state = u"CANCELED"_s;
        c->reason = reason;
        c->completedMs = at;
        c->nextEvent = NoEvent;
        c->nextAt = 0;
    }
    s.queue.clear();
}

void LocalAthena::apply(Session &s, int event, qint64 at)
{
    auto setState = [&](SessionState state, const QString &reason) {
        markDirty(s);
        s.d.status.state = state;
        s.d.status.lastModifiedDateTime = fromMs(at);
        s.d.status.stateChangeReason = reason;
    };
    auto scheduleIdle = [&] {
        const qint64 timeout = scaled(static_cast<qint64>(s.idleMinutes()) * 60000);
        if (s.willDegrade)
            schedule(s, at + std::max<qint64>(1, timeout / 4), Degrade);
        else
            schedule(s, at + timeout, IdleTimeout);
    };
    switch (event) {
    case BecomeCreated:
        setState(SessionState::Created, {});
        schedule(s, at + scaled(m_options.createdMs), BecomeIdle);
        break;
    case BecomeIdle:
        setState(SessionState::Idle, {});
        s.d.status.idleSinceDateTime = fromMs(at);
        for (ExecutorBatch &b : s.executors) {
            if (!b.worker && b.readyMs == 0 && b.endMs == 0)
                b.readyMs = at; // the coordinator registers
        }
        scheduleIdle();
        break;
    case IdleTimeout:
        setState(SessionState::Terminating,
                 u"Session was idle for longer than its idle timeout of %1 minutes"_s.arg(s.idleMinutes()));
        releaseWorkers(s, at, true);
        schedule(s, at + scaled(m_options.terminatingMs), BecomeTerminated);
        break;
    case BecomeTerminated:
        setState(SessionState::Terminated, s.d.status.stateChangeReason);
        s.d.status.endDateTime = fromMs(at);
        endExecutors(s, at, false);
        break;
    case FailStart:
        setState(SessionState::Failed, u"Session could not be started: no capacity for the coordinator (simulated fault)"_s);
        s.d.status.endDateTime = fromMs(at);
        endExecutors(s, at, true);
        break;
    case Degrade:
        setState(SessionState::Degraded, u"Session has no healthy coordinator (simulated fault)"_s);
        endExecutors(s, at, true);
        break;
    case CalculationDone: // from an older store: the running calculation completes now
        if (!s.queue.isEmpty()) {
            if (auto c = m_calculations.value(s.queue.first()))
                applyCalculation(*c, CalculationFinish, at);
        }
        break;
    default:
        break;
    }
}

void LocalAthena::advance(qint64 now)
{
    for (;;) {
        const bool sessionDue = !m_timeline.empty() && m_timeline.begin()->first <= now;
        const bool calculationDue = !m_calculationTimeline.empty() && m_calculationTimeline.begin()->first <= now;
        if (!sessionDue && !calculationDue)
            break;
        // The earlier event first; a session's before a calculation's at the same time.
        if (calculationDue && (!sessionDue || m_calculationTimeline.begin()->first < m_timeline.begin()->first)) {
            const auto it = m_calculationTimeline.begin();
            const qint64 at = it->first;
            const QString id = it->second;
            m_calculationTimeline.erase(it);
            const auto c = m_calculations.value(id);
            if (!c || c->nextAt != at || c->nextEvent == NoEvent)
                continue; // superseded
            markDirty(*c);
            const int event = c->nextEvent;
            c->nextEvent = NoEvent;
            c->nextAt = 0;
            applyCalculation(*c, event, at);
            continue;
        }
        const auto it = m_timeline.begin();
        const qint64 at = it->first;
        const QString id = it->second;
        m_timeline.erase(it);
        const auto s = m_sessions.value(id);
        if (!s || s->nextAt != at || s->nextEvent == NoEvent)
            continue; // superseded
        markDirty(*s);
        const int event = s->nextEvent;
        s->nextEvent = NoEvent;
        s->nextAt = 0;
        apply(*s, event, at);
    }
}

} // namespace local
