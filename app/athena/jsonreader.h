#pragma once

// The JSON reader behind the decoders (athenajsondecode.cpp): private to app/athena.
#include "aws/awserror.h"
#include "aws/httpdate.h"
#include "aws/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <memory>
#include <optional>

namespace athena::json::detail {

using namespace Qt::StringLiterals;

inline QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return u"null"_s;
    case QJsonValue::Bool: return u"a boolean"_s;
    case QJsonValue::Double: return u"a number"_s;
    case QJsonValue::String: return u"a string"_s;
    case QJsonValue::Array: return u"an array"_s;
    case QJsonValue::Object: return u"an object"_s;
    case QJsonValue::Undefined: break;
    }
    return u"nothing"_s;
}

// Reads fields of one JSON object, remembering the first error with the field's full path. The
// path is built only when an error happens: a decode that succeeds allocates no path strings.
class Reader
{
public:
    explicit Reader(QJsonObject object) : m_object(std::move(object)), m_error(std::make_shared<QString>()) {}

    bool ok() const { return m_error->isEmpty(); }
    aws::AwsError error() const
    {
        return aws::AwsError::make(aws::AwsError::Kind::Decode, u"DecodeError"_s, *m_error);
    }
    bool has(QLatin1StringView key) const { return m_object.contains(key) && !m_object.value(key).isNull(); }

    void fail(QLatin1StringView key, const QString &what)
    {
        if (m_error->isEmpty())
            *m_error = field(key) + u": "_s + what;
    }

    QString str(QLatin1StringView key)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isString()) {
            fail(key, u"expected a string, got "_s + typeName(v));
            return {};
        }
        return v.toString();
    }

    std::optional<qint64> int64(QLatin1StringView key)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        const double d = v.toDouble();
        if (!v.isDouble() || !std::isfinite(d) || std::floor(d) != d || std::fabs(d) > 9.007199254740992e15) {
            fail(key, u"expected an integer, got "_s + (v.isDouble() ? u"%1"_s.arg(d) : typeName(v)));
            return std::nullopt;
        }
        return v.toInteger();
    }

    std::optional<int> int32(QLatin1StringView key)
    {
        const std::optional<qint64> v = int64(key);
        if (v && (*v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max())) {
            fail(key, u"%1 is out of range for a 32-bit integer"_s.arg(*v));
            return std::nullopt;
        }
        return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
    }

    std::optional<bool> boolean(QLatin1StringView key)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isBool()) {
            fail(key, u"expected a boolean, got "_s + typeName(v));
            return std::nullopt;
        }
        return v.toBool();
    }

    // A timestamp as botocore's parser takes it: epoch seconds (a number, or a string of one),
    // ISO 8601 (without an offset: UTC) or an HTTP date. Kept to the millisecond, QDateTime's
    // precision.
    QDateTime time(QLatin1StringView key)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || v.isNull())
            return {};
        if (v.isString()) {
            QDateTime t = parseTimestampText(v.toString());
            if (!t.isValid())
                fail(key, u"expected a timestamp (epoch seconds or ISO 8601), got '%1'"_s.arg(v.toString().left(64)));
            return t;
        }
        if (!v.isDouble() || !std::isfinite(v.toDouble()) || std::fabs(v.toDouble()) > 1e13) {
            fail(key, u"expected a timestamp in epoch seconds, got "_s + typeName(v));
            return {};
        }
        return fromEpochSeconds(v.toDouble());
    }

    static QDateTime parseTimestampText(const QString &raw)
    {
        const QString text = raw.trimmed();
        if (text.isEmpty() || text.size() > 64)
            return {};
        bool isNumber = false;
        const double seconds = text.toDouble(&isNumber);
        if (isNumber)
            return std::isfinite(seconds) && std::fabs(seconds) <= 1e13 ? fromEpochSeconds(seconds) : QDateTime();
        QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (t.isValid()) {
            if (t.timeSpec() == Qt::LocalTime)
                t.setTimeSpec(Qt::UTC); // no offset given: the fields are UTC, never local time
            return t.toUTC();
        }
        return aws::parseHttpDate(text.toLatin1());
    }

    // A state in a request: one the API defines, or an error.
    std::optional<SessionState> state(QLatin1StringView key)
    {
        const QString text = str(key);
        if (text.isEmpty())
            return std::nullopt;
        const std::optional<SessionState> s = sessionStateFromString(text);
        if (!s)
            fail(key, u"'%1' is not a session state"_s.arg(text.left(64)));
        return s;
    }

    // A state in a response: a value this client does not know yet is Unknown, not an error
    // (the service adds values), and `unknownText` gets what was sent (at most
    // maxEnumTextLength characters); it stays empty for the states the API defines.
    std::optional<SessionState> responseState(QLatin1StringView key, QString *unknownText)
    {
        const QString text = str(key);
        unknownText->clear();
        if (text.isEmpty())
            return std::nullopt;
        if (const std::optional<SessionState> known = sessionStateFromString(text))
            return known;
        *unknownText = text.left(maxEnumTextLength);
        return SessionState::Unknown;
    }
    static constexpr int maxEnumTextLength = 256;

    StringMap map(QLatin1StringView key)
    {
        StringMap out;
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || v.isNull())
            return out;
        if (!v.isObject()) {
            fail(key, u"expected an object, got "_s + typeName(v));
            return out;
        }
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!it.value().isString()) {
                if (m_error->isEmpty())
                    *m_error = field(key) + u'.' + it.key() + u": expected a string, got "_s + typeName(it.value());
                return out;
            }
            out.insert(it.key(), it.value().toString());
        }
        return out;
    }

    // A nested object; absent gives an empty reader, a wrong type an error.
    Reader object(QLatin1StringView key)
    {
        const QJsonValue v = m_object.value(key);
        if (!v.isUndefined() && !v.isNull() && !v.isObject())
            fail(key, u"expected an object, got "_s + typeName(v));
        return Reader(v.toObject(), this, key, -1);
    }

    // Calls f(Reader) for each object of an array.
    template <typename F>
    void objects(QLatin1StringView key, F &&f)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || v.isNull())
            return;
        if (!v.isArray()) {
            fail(key, u"expected an array, got "_s + typeName(v));
            return;
        }
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size() && ok(); ++i) {
            const QJsonValue item = a.at(i);
            if (!item.isObject()) {
                *m_error = field(key) + u'[' + QString::number(i) + u"]: expected an object, got "_s + typeName(item);
                return;
            }
            Reader child(item.toObject(), this, key, static_cast<int>(i));
            f(child);
        }
    }

    QStringList strings(QLatin1StringView key)
    {
        QStringList out;
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || v.isNull())
            return out;
        if (!v.isArray()) {
            fail(key, u"expected an array, got "_s + typeName(v));
            return out;
        }
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a.at(i).isString()) {
                fail(key, u"element %1 is not a string"_s.arg(i));
                return out;
            }
            out << a.at(i).toString();
        }
        return out;
    }

    const QJsonObject &raw() const { return m_object; }

private:
    // Children keep a pointer to their parent (they never outlive it) and their own key.
    Reader(QJsonObject object, const Reader *parent, QLatin1StringView key, int index)
        : m_object(std::move(object)), m_error(parent->m_error), m_parent(parent), m_key(key), m_index(index)
    {
    }

    QString path() const
    {
        if (!m_parent)
            return {};
        QString p = m_parent->field(m_key);
        if (m_index >= 0)
            p += u'[' + QString::number(m_index) + u']';
        return p;
    }
    QString field(QLatin1StringView key) const
    {
        const QString p = path();
        return p.isEmpty() ? QString(key) : p + u'.' + key;
    }

    QJsonObject m_object;
    std::shared_ptr<QString> m_error;
    const Reader *m_parent = nullptr;
    QLatin1StringView m_key; // points at a literal
    int m_index = -1;
};

template <typename T>
aws::Result<T> finish(const Reader &r, T value)
{
    if (!r.ok())
        return r.error();
    return value;
}

} // namespace athena::json::detail
