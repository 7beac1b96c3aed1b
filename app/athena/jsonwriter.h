#pragma once

// The JSON writing helpers behind the encoders (athenajson.cpp, calculationjson.cpp): private to
// app/athena. Each puts a member only when it has a value, as the API's optional members are sent.
#include "athena/athenajson.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace athena::json::detail {

inline void put(QJsonObject &o, QLatin1StringView key, const QString &v)
{
    if (!v.isEmpty())
        o.insert(key, v);
}

template <typename T>
void put(QJsonObject &o, QLatin1StringView key, const std::optional<T> &v)
{
    if (v)
        o.insert(key, *v);
}

// Epoch seconds, as the API's timestamps are sent.
inline void put(QJsonObject &o, QLatin1StringView key, const QDateTime &t)
{
    if (t.isValid())
        o.insert(key, toEpochSeconds(t));
}

inline void put(QJsonObject &o, QLatin1StringView key, const StringMap &m)
{
    if (m.isEmpty())
        return;
    QJsonObject out;
    for (auto it = m.begin(); it != m.end(); ++it)
        out.insert(it.key(), it.value());
    o.insert(key, out);
}

inline void put(QJsonObject &o, QLatin1StringView key, const QJsonObject &child)
{
    if (!child.isEmpty())
        o.insert(key, child);
}

} // namespace athena::json::detail
