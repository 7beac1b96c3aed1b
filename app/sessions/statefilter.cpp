#include "sessions/statefilter.h"

#include <QCoreApplication>

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

QString StateFilter::key() const
{
    switch (mode) {
    case Mode::Active: return u"active"_s;
    case Mode::All: return u"all"_s;
    case Mode::Single: return athena::stateName(state);
    }
    return u"active"_s;
}

StateFilter StateFilter::fromKey(const QString &key)
{
    if (key == u"all"_s)
        return all();
    if (const auto s = athena::sessionStateFromString(key))
        return single(*s);
    return active();
}

QList<StateFilter> StateFilter::choices()
{
    QList<StateFilter> list{active(), all()};
    for (athena::SessionState s : athena::allSessionStates())
        list << single(s);
    return list;
}

QString StateFilter::describe() const
{
    switch (mode) {
    case Mode::Active: return QCoreApplication::translate("StateFilter", "Active");
    case Mode::All: return QCoreApplication::translate("StateFilter", "All");
    case Mode::Single: return athena::stateName(state);
    }
    return {};
}
