#pragma once

#include <QByteArray>
#include <QDateTime>

namespace aws {

// Parses an HTTP Date header (RFC 9110): IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT", the
// obsolete RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT" and asctime "Sun Nov  6 08:49:37 1994",
// and RFC 2822 dates with a numeric offset. Invalid QDateTime when none matches.
QDateTime parseHttpDate(const QByteArray &value);
// IMF-fixdate, as servers send it.
QByteArray formatHttpDate(const QDateTime &time);

} // namespace aws
