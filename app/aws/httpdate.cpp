#include "aws/httpdate.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace aws {

namespace {

// Parses `text` with `format`, in which the time of day is written exactly once as HH:mm:ss, as
// UTC: the date part with QLocale::toDate and the time with QTime, so that no local time zone
// is involved (QLocale::toDateTime would read local time).
QDateTime parseUtc(const QString &text, const QString &format)
{
    static const QString timeField = u"HH:mm:ss"_s;
    const qsizetype at = format.indexOf(timeField);
    if (at < 0)
        return {};
    // The time in the text stands where the format has it, counted from the end when the format
    // ends with it, else from the token position.
    const QStringList formatTokens = format.split(u' ');
    const QStringList textTokens = text.split(u' ');
    if (formatTokens.size() != textTokens.size())
        return {};
    const qsizetype index = formatTokens.indexOf(timeField);
    if (index < 0)
        return {};
    const QTime time = QTime::fromString(textTokens.at(index), timeField);
    QStringList dateTokens = textTokens;
    QStringList dateFormat = formatTokens;
    dateTokens.removeAt(index);
    dateFormat.removeAt(index);
    const QDate date = QLocale::c().toDate(dateTokens.join(u' '), dateFormat.join(u' '));
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, Qt::UTC);
}

} // namespace

QDateTime parseHttpDate(const QByteArray &value)
{
    const QString text = QString::fromLatin1(value).simplified();
    if (text.isEmpty())
        return {};
    // Formats without the zone name; the zone must be GMT (or UTC).
    const QString zoneless = text.endsWith(u" GMT"_s) || text.endsWith(u" UTC"_s) ? text.chopped(4) : QString();
    if (!zoneless.isEmpty()) {
        if (QDateTime t = parseUtc(zoneless, u"ddd, dd MMM yyyy HH:mm:ss"_s); t.isValid())
            return t;
        // RFC 850 ("Sunday, 29-Mar-26 02:30:00"): the weekday is left unchecked, because it
        // belongs to the century the two-digit year means, which is not yet known.
        const qsizetype comma = zoneless.indexOf(u", "_s);
        if (comma > 0) {
            if (QDateTime t = parseUtc(zoneless.mid(comma + 2), u"dd-MMM-yy HH:mm:ss"_s); t.isValid()) {
                while (t.date().year() < 1970) // two-digit years: 1970–2069
                    t = t.addYears(100);
                return t;
            }
        }
    }
    if (QDateTime t = parseUtc(text, u"ddd MMM d HH:mm:ss yyyy"_s); t.isValid()) // asctime, after simplified()
        return t;
    // RFC 2822 with a numeric offset, which Qt applies itself. A date with no zone at all is
    // refused: HTTP dates are GMT, and a bare one could be anything.
    const bool hasOffset = text.size() > 5 && (text.at(text.size() - 5) == u'+' || text.at(text.size() - 5) == u'-');
    const QDateTime t = hasOffset ? QDateTime::fromString(text, Qt::RFC2822Date) : QDateTime();
    return t.isValid() ? t.toUTC() : QDateTime();
}

QDateTime parseAmzDate(const QByteArray &value)
{
    if (value.size() != 16 || value.at(8) != 'T' || value.at(15) != 'Z')
        return {};
    for (qsizetype i = 0; i < 15; ++i) {
        if (i != 8 && (value.at(i) < '0' || value.at(i) > '9'))
            return {};
    }
    const QDate date = QDate::fromString(QString::fromLatin1(value.left(8)), u"yyyyMMdd"_s);
    const QTime time = QTime::fromString(QString::fromLatin1(value.mid(9, 6)), u"HHmmss"_s);
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, Qt::UTC);
}

QByteArray formatHttpDate(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC(), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1();
}

} // namespace aws
