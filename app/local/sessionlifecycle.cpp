// LocalAthena: the session life cycle. Each session has at most one scheduled event; advance()
// applies the due ones in time order, each at its own time, and bills DPU time as it goes.
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

void LocalAthena::accrue(Session &s, qint64 at) const
{
    if (at > s.accountedMs) {
        s.dpuMs += static_cast<qint64>(dpusInUse(s.state(), s.maxDpus())) * (at - s.accountedMs);
        s.accountedMs = at;
    }
}

qint64 LocalAthena::dpuMillisAt(const Session &s, qint64 at) const
{
    const qint64 extra = at > s.accountedMs ? dpusInUse(s.state(), s.maxDpus()) * (at - s.accountedMs) : 0;
    return s.dpuMs + extra;
}

void LocalAthena::apply(Session &s, int event, qint64 at)
{
    auto setState = [&](SessionState state, const QString &reason) {
        markDirty(s);
        accrue(s, at);
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
        scheduleIdle();
        break;
    case IdleTimeout:
        setState(SessionState::Terminating,
                 u"Session was idle for longer than its idle timeout of %1 minutes"_s.arg(s.idleMinutes()));
        schedule(s, at + scaled(m_options.terminatingMs), BecomeTerminated);
        break;
    case BecomeTerminated:
        setState(SessionState::Terminated, s.d.status.stateChangeReason);
        s.d.status.endDateTime = fromMs(at);
        break;
    case FailStart:
        setState(SessionState::Failed, u"Session could not be started: no capacity for the coordinator (simulated fault)"_s);
        s.d.status.endDateTime = fromMs(at);
        break;
    case Degrade:
        setState(SessionState::Degraded, u"Session has no healthy coordinator (simulated fault)"_s);
        break;
    case CalculationDone:
        if (auto c = m_calculations.value(s.runningCalculation)) {
            markDirty(*c);
            c->state = u"COMPLETED"_s;
            c->completedMs = at;
            c->dpuMs = static_cast<qint64>(dpusInUse(SessionState::Busy, s.maxDpus())) * (at - c->submittedMs);
        }
        s.runningCalculation.clear();
        setState(SessionState::Idle, {});
        s.d.status.idleSinceDateTime = fromMs(at);
        scheduleIdle();
        break;
    default:
        break;
    }
}

void LocalAthena::advance(qint64 now)
{
    while (!m_timeline.empty() && m_timeline.begin()->first <= now) {
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
