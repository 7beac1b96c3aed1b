#pragma once

#include "athena/athenatypes.h"

#include <QList>
#include <QString>

#include <optional>

// What a listing shows: "Active" (the API's default), one state, or "All" (active, then each
// ended state, since ListSessions without a filter returns only active sessions).
struct StateFilter
{
    enum class Mode { Active, Single, All } mode = Mode::Active;
    athena::SessionState state = athena::SessionState::Idle; // for Single

    static StateFilter active() { return {}; }
    static StateFilter all() { return {Mode::All, athena::SessionState::Idle}; }
    static StateFilter single(athena::SessionState s) { return {Mode::Single, s}; }

    // The ListSessions StateFilter values one pass needs (nullopt: no filter, the active states).
    QList<std::optional<athena::SessionState>> apiFilters() const;

    // The one mapping between a filter and its stable key ("active", "all" or the state's API
    // name), used for settings and combo-box data; unknown keys read as Active.
    QString key() const;
    static StateFilter fromKey(const QString &key);
    // Every filter a user can choose, in menu order.
    static QList<StateFilter> choices();

    // What a person calls it (translated).
    QString describe() const;

    friend bool operator==(const StateFilter &, const StateFilter &) = default;
};
