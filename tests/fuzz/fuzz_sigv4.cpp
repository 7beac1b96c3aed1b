// libFuzzer target: SigV4 canonicalisation and signing of arbitrary requests, and the endpoint's
// verifier on arbitrary Authorization headers.
#include "aws/clock.h"
#include "local/httpserver.h"
#include "aws/sigv4signer.h"
#include "local/sigv4verifier.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QList<QByteArray> parts = bytes.split('\n');
    aws::SignableRequest r;
    r.method = parts.value(0);
    r.path = parts.value(1);
    for (const QByteArray &pair : parts.value(2).split('&')) {
        const qsizetype eq = pair.indexOf('=');
        r.query.append({pair.left(eq), eq >= 0 ? pair.mid(eq + 1) : QByteArray()});
    }
    for (qsizetype i = 3; i < parts.size() && i < 40; ++i) {
        const qsizetype colon = parts[i].indexOf(':');
        if (colon > 0)
            r.headers.append({parts[i].left(colon), parts[i].mid(colon + 1)});
        else
            r.body += parts[i];
    }
    (void)aws::SigV4Signer::canonicalUri(r.path, true);
    (void)aws::SigV4Signer::canonicalUri(r.path, false);
    (void)aws::SigV4Signer::canonicalQuery(r.query);
    const aws::AwsCredentials creds{QStringLiteral("AKIDFUZZ"), QStringLiteral("secret"), QStringLiteral("token"), {}, {}};
    aws::SigningOptions o{QStringLiteral("us-east-1"), QStringLiteral("athena"), QDateTime(QDate(2026, 11, 21), QTime(8, 0), Qt::UTC)};
    const aws::SigningResult signature = aws::SigV4Signer::sign(r, creds, o);

    // The verifier on the same request, with the fuzzer's headers as they came.
    static aws::ManualClock clock(QDateTime(QDate(2026, 11, 21), QTime(8, 0), Qt::UTC));
    static local::SigV4Verifier verifier(aws::AwsCredentials{QStringLiteral("AKIDFUZZ"), QStringLiteral("secret"), {}, {}, {}},
                                         QStringLiteral("athena"), &clock);
    local::HttpRequest request;
    request.method = r.method;
    request.target = r.path.isEmpty() ? QByteArray("/") : r.path;
    request.headers = r.headers;
    request.body = r.body;
    (void)verifier.verify(request);
    // Signing never fails: it always produces a 64-hex-digit signature.
    if (signature.signature.size() != 64)
        __builtin_trap();
    return 0;
}
