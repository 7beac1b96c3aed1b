#include "athenactl/jsonoutput.h"

#include "athena/athenajson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace jsonoutput {

namespace {

void appendString(QByteArray &out, const QString &s)
{
    // Most values (IDs, states, versions, times) are printable ASCII with nothing to escape: they
    // are written straight, without a UTF-8 copy first.
    const QChar *units = s.constData();
    const qsizetype n = s.size();
    qsizetype plain = 0;
    while (plain < n && units[plain].unicode() >= 0x20 && units[plain].unicode() < 0x80 && units[plain] != u'"' && units[plain] != u'\\')
        ++plain;
    if (plain == n) {
        const qsizetype at = out.size();
        out.resize(at + n + 2);
        char *d = out.data() + at;
        *d++ = '"';
        for (qsizetype i = 0; i < n; ++i)
            *d++ = static_cast<char>(units[i].unicode());
        *d = '"';
        return;
    }
    static const char hex[] = "0123456789abcdef";
    const QByteArray utf8 = s.toUtf8();
    out += '"';
    // Runs of bytes that need no escape are appended at once.
    const char *data = utf8.constData();
    qsizetype runStart = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const auto u = static_cast<unsigned char>(data[i]);
        if (u >= 0x20 && u != '"' && u != '\\')
            continue;
        out.append(data + runStart, i - runStart);
        runStart = i + 1;
        switch (u) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            out += "\\u00";
            out += hex[u >> 4];
            out += hex[u & 0xf];
        }
    }
    out.append(data + runStart, utf8.size() - runStart);
    out += '"';
}

void appendInteger(QByteArray &out, qint64 v)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, v).ptr;
    out.append(digits, end - digits);
}

void appendNumber(QByteArray &out, double d)
{
    if (!std::isfinite(d)) {
        out += "null";
    } else if (std::floor(d) == d && std::fabs(d) < 9007199254740992.0) {
        appendInteger(out, static_cast<qint64>(d));
    } else {
        out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
    }
}

// An epoch time in seconds, as appendNumber(ms / 1000.0) writes it: the shortest form of a double
// below 10^15 ms (15 significant digits) is the exact decimal, so it is written from the integers.
void appendEpochSeconds(QByteArray &out, qint64 ms)
{
    if (ms < 0 || ms >= 1'000'000'000'000'000LL) {
        appendNumber(out, static_cast<double>(ms) / 1000.0);
        return;
    }
    appendInteger(out, ms / 1000);
    const auto frac = static_cast<int>(ms % 1000);
    if (frac == 0)
        return;
    const char decimals[4] = {'.', static_cast<char>('0' + frac / 100), static_cast<char>('0' + frac / 10 % 10),
                              static_cast<char>('0' + frac % 10)};
    qsizetype used = 4;
    while (decimals[used - 1] == '0')
        --used;
    out.append(decimals, used);
}

} // namespace

void append(QByteArray &out, const QJsonValue &value, int indent)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: out += "null"; return;
    case QJsonValue::Bool: out += value.toBool() ? "true" : "false"; return;
    case QJsonValue::Double: appendNumber(out, value.toDouble()); return;
    case QJsonValue::String: appendString(out, value.toString()); return;
    case QJsonValue::Array: {
        const QJsonArray a = value.toArray();
        if (a.isEmpty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        for (qsizetype i = 0; i < a.size(); ++i) {
            out.append(indent + 4, ' ');
            append(out, a.at(i), indent + 4);
            out += i + 1 < a.size() ? ",\n" : "\n";
        }
        out.append(indent, ' ');
        out += ']';
        return;
    }
    case QJsonValue::Object: {
        const QJsonObject o = value.toObject();
        if (o.isEmpty()) {
            out += "{}";
            return;
        }
        out += "{\n";
        qsizetype i = 0;
        for (auto it = o.begin(); it != o.end(); ++it, ++i) {
            out.append(indent + 4, ' ');
            appendString(out, it.key());
            out += ": ";
            append(out, it.value(), indent + 4);
            out += i + 1 < o.size() ? ",\n" : "\n";
        }
        out.append(indent, ' ');
        out += '}';
        return;
    }
    }
}

namespace {

// Writes "key": value members of one object, in the order given (callers pass them sorted, as
// QJsonObject orders its keys), skipping absent ones.
class ObjectWriter
{
public:
    ObjectWriter(QByteArray &out, int indent) : m_out(out), m_indent(indent) {}
    ~ObjectWriter()
    {
        if (m_count == 0) {
            m_out += "{}";
            return;
        }
        m_out += '\n';
        m_out.append(m_indent, ' ');
        m_out += '}';
    }
    void key(const char *name)
    {
        // ",\n" or "{\n", the indent, "name": — one write.
        const size_t length = std::strlen(name);
        const size_t spaces = static_cast<size_t>(m_indent) + 4;
        const qsizetype at = m_out.size();
        m_out.resize(at + static_cast<qsizetype>(2 + spaces + 1 + length + 3));
        char *d = m_out.data() + at;
        *d++ = m_count++ ? ',' : '{';
        *d++ = '\n';
        std::memset(d, ' ', spaces);
        d += spaces;
        *d++ = '"';
        std::copy_n(name, length, d);
        d += length;
        std::copy_n("\": ", 3, d);
    }
    void string(const char *name, const QString &value)
    {
        if (value.isEmpty())
            return;
        key(name);
        appendString(m_out, value);
    }
    void time(const char *name, const QDateTime &t)
    {
        if (!t.isValid())
            return;
        key(name);
        appendEpochSeconds(m_out, t.toMSecsSinceEpoch());
    }
    int childIndent() const { return m_indent + 4; }
    QByteArray &out() { return m_out; }

private:
    QByteArray &m_out;
    int m_indent;
    int m_count = 0;
};

} // namespace

void appendSummary(QByteArray &out, const athena::SessionSummary &s, int indent, const QString &workGroup)
{
    ObjectWriter o(out, indent);
    o.string("Description", s.description);
    if (!s.engineVersion.isEmpty()) {
        o.key("EngineVersion");
        ObjectWriter e(o.out(), o.childIndent());
        e.string("EffectiveEngineVersion", s.engineVersion.effective);
        e.string("SelectedEngineVersion", s.engineVersion.selected);
    }
    o.string("NotebookVersion", s.notebookVersion);
    o.string("SessionId", s.sessionId);
    const athena::SessionStatus &st = s.status;
    if (st.startDateTime.isValid() || st.lastModifiedDateTime.isValid() || st.endDateTime.isValid()
        || st.idleSinceDateTime.isValid() || st.state || !st.stateChangeReason.isEmpty()) {
        o.key("Status");
        ObjectWriter w(o.out(), o.childIndent());
        w.time("EndDateTime", st.endDateTime);
        w.time("IdleSinceDateTime", st.idleSinceDateTime);
        w.time("LastModifiedDateTime", st.lastModifiedDateTime);
        w.time("StartDateTime", st.startDateTime);
        if (st.state)
            w.string("State", st.stateLabelText());
        w.string("StateChangeReason", st.stateChangeReason);
    }
    o.string("WorkGroup", workGroup);
}

QByteArray indented(const QJsonValue &value)
{
    QByteArray out;
    append(out, value, 0);
    out += '\n';
    return out;
}

} // namespace jsonoutput
