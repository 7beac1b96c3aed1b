#include "aws/httpdate.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace aws {

QDateTime parseHttpDate(const QByteArray &value)
{
    const QString text = QString::fromLatin1(value).simplified();
    if (text.isEmpty())
        return {};
    const QLocale c = QLocale::c();
    // Formats without the zone name; the zone must be GMT (or UTC).
    const QString zoneless = text.endsWith(u" GMT"_s) || text.endsWith(u" UTC"_s) ? text.chopped(4) : QString();
    if (!zoneless.isEmpty()) {
        for (const QString &format : {u"ddd, dd MMM yyyy HH:mm:ss"_s, u"dddd, dd-MMM-yy HH:mm:ss"_s}) {
            QDateTime t = c.toDateTime(zoneless, format);
            if (t.isValid()) {
                if (t.date().year() < 1970) // two-digit years of RFC 850
                    t = t.addYears(100);
                t.setTimeSpec(Qt::UTC);
                return t;
            }
        }
    }
    QDateTime t = c.toDateTime(text, u"ddd MMM d HH:mm:ss yyyy"_s); // asctime, after simplified()
    if (t.isValid()) {
        t.setTimeSpec(Qt::UTC);
        return t;
    }
    t = QDateTime::fromString(text, Qt::RFC2822Date);
    return t.isValid() ? t.toUTC() : QDateTime();
}

QByteArray formatHttpDate(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC(), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1();
}

} // namespace aws
