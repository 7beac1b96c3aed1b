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
// Parses SigV4's X-Amz-Date "20150830T123600Z" (exactly that form). Invalid when it is not.
QDateTime parseAmzDate(const QByteArray &value);

// Every parser here reads the date and the time as UTC fields: never as local time relabelled
// afterwards, which shifts or rejects times inside a daylight-saving gap of the local zone.

} // namespace aws
