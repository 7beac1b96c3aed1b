#pragma once

#include "aws/sigv4signer.h"

#include <QByteArray>
#include <QString>

namespace aws {

// Header values that must never reach a log: Authorization, X-Amz-Security-Token, cookies.
bool isSecretHeader(const QByteArray &name);
QByteArray redactedHeaderValue(const QByteArray &name, const QByteArray &value);
// "Name: value" lines with secrets replaced by "<redacted>", for debug output.
QString describeHeaders(const QList<HttpHeader> &headers);

} // namespace aws
