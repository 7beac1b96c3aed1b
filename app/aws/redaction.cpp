#include "aws/redaction.h"

using namespace Qt::StringLiterals;

namespace aws {

bool isSecretHeader(const QByteArray &name)
{
    const QByteArray n = name.trimmed().toLower();
    return n == "authorization" || n == "x-amz-security-token" || n == "cookie" || n == "set-cookie"
           || n == "proxy-authorization";
}

QByteArray redactedHeaderValue(const QByteArray &name, const QByteArray &value)
{
    if (!isSecretHeader(name))
        return value;
    if (name.trimmed().toLower() == "authorization") {
        // Keep the credential scope and signed headers, which help diagnose signing problems;
        // drop the signature. The access key id is not a secret, the signature is.
        const qsizetype sig = value.indexOf("Signature=");
        if (sig >= 0)
            return value.left(sig) + "Signature=<redacted>";
    }
    return "<redacted>";
}

QString describeHeaders(const QList<HttpHeader> &headers)
{
    QString out;
    for (const HttpHeader &h : headers)
        out += QString::fromLatin1(h.name) + u": "_s + QString::fromUtf8(redactedHeaderValue(h.name, h.value)) + u'\n';
    return out;
}

} // namespace aws
