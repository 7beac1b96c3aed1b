#include "athena/athenatypes.h"

using namespace Qt::StringLiterals;

namespace athena {

namespace {

struct StateName
{
    SessionState state;
    QLatin1StringView name;
};

constexpr StateName kStateNames[] = {
    {SessionState::Creating, "CREATING"_L1},       {SessionState::Created, "CREATED"_L1},
    {SessionState::Idle, "IDLE"_L1},               {SessionState::Busy, "BUSY"_L1},
    {SessionState::Terminating, "TERMINATING"_L1}, {SessionState::Terminated, "TERMINATED"_L1},
    {SessionState::Degraded, "DEGRADED"_L1},       {SessionState::Failed, "FAILED"_L1},
};

} // namespace

QString stateName(SessionState state)
{
    for (const StateName &s : kStateNames) {
        if (s.state == state)
            return s.name;
    }
    return u"UNKNOWN"_s;
}

QString stateLabel(const std::optional<SessionState> &state, const QString &text)
{
    if (!text.isEmpty())
        return text;
    return state ? stateName(*state) : QString();
}

std::optional<SessionState> sessionStateFromString(const QString &text)
{
    for (const StateName &s : kStateNames) {
        if (text == s.name)
            return s.state;
    }
    return std::nullopt;
}

QList<SessionState> allSessionStates()
{
    QList<SessionState> all;
    for (const StateName &s : kStateNames)
        all << s.state;
    return all;
}

QList<SessionState> activeSessionStates()
{
    return {SessionState::Creating, SessionState::Created, SessionState::Idle, SessionState::Busy};
}

QList<SessionState> endedSessionStates()
{
    return {SessionState::Terminating, SessionState::Terminated, SessionState::Degraded, SessionState::Failed};
}

bool isActive(SessionState state)
{
    return activeSessionStates().contains(state);
}

int listingPriority(const std::optional<SessionState> &filter)
{
    if (!filter)
        return 0;
    switch (*filter) {
    case SessionState::Idle: return 1;
    case SessionState::Terminated: return 2;
    case SessionState::Busy: return 3;
    case SessionState::Failed: return 4;
    default: return 5;
    }
}

bool isFinal(SessionState state)
{
    return state == SessionState::Terminated || state == SessionState::Failed || state == SessionState::Degraded;
}

bool isTransitional(SessionState state)
{
    return state == SessionState::Creating || state == SessionState::Created || state == SessionState::Terminating;
}

bool EngineVersion::isSpark() const
{
    return effective.contains(u"spark"_s, Qt::CaseInsensitive) || selected.contains(u"spark"_s, Qt::CaseInsensitive);
}

SessionSummary SessionDetails::summary() const
{
    SessionSummary s;
    s.sessionId = sessionId;
    s.description = description;
    s.engineVersion = EngineVersion{engineVersion, engineVersion};
    s.notebookVersion = notebookVersion;
    s.status = status;
    return s;
}

WorkGroupSummary WorkGroup::summary() const
{
    return WorkGroupSummary{name, state, description, creationTime, configuration.engineVersion};
}

} // namespace athena
