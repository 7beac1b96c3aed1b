#include "local/sigv4verifier.h"

#include "aws/httpdate.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace local {

namespace {

// As Athena answers them (its Common Errors page, and the awsJson services' practice): a bad,
// incomplete or expired signature and an unknown key are HTTP 400; only a request with no
// authentication at all is 403.
aws::AwsError authError(const QString &code, const QString &message, int status = 400)
{
    aws::AwsError e = aws::AwsError::make(aws::AwsError::Kind::Service, code, message);
    e.httpStatus = status;
    return e;
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

// SignedHeaders as the signer writes it: 1 to maxSignedHeaders lower-case names, sorted, each
// once. Checked before anything else looks at the names, so that no request can make the
// verifier's work grow with the square of its size.
std::optional<aws::AwsError> checkSignedHeaders(const QList<QByteArray> &names, int max)
{
    if (names.size() > max)
        return authError(u"InvalidSignatureException"_s,
                         u"SignedHeaders names %1 headers; at most %2 are accepted"_s.arg(names.size()).arg(max));
    for (qsizetype i = 0; i < names.size(); ++i) {
        const QByteArray &name = names.at(i);
        if (name.isEmpty() || name != name.toLower())
            return authError(u"InvalidSignatureException"_s, u"SignedHeaders must name each header in lower case"_s);
        if (i > 0 && names.at(i - 1) >= name)
            return authError(u"InvalidSignatureException"_s,
                             names.at(i - 1) == name ? u"SignedHeaders must name each header once; it repeats a name"_s
                                                     : u"SignedHeaders must list the header names in sorted order"_s);
    }
    return std::nullopt;
}

} // namespace

SigV4Verifier::SigV4Verifier(aws::AwsCredentials credentials, QString service, const aws::Clock *clock, QString region)
    : m_credentials(std::move(credentials)), m_service(std::move(service)), m_clock(clock), m_region(std::move(region))
{
}

std::optional<aws::AwsError> SigV4Verifier::verify(const HttpRequest &request) const
{
    const QByteArray authorization = request.header("Authorization");
    if (authorization.isEmpty())
        return authError(u"MissingAuthenticationTokenException"_s, u"Missing Authentication Token"_s, 403);
    if (!authorization.startsWith("AWS4-HMAC-SHA256 "))
        return authError(u"IncompleteSignatureException"_s, u"Only AWS4-HMAC-SHA256 signatures are supported"_s);

    QByteArray credential, signedHeaders, signature;
    const QList<QByteArray> parts = authorization.mid(17).split(',');
    for (const QByteArray &part : parts) {
        const QByteArray p = part.trimmed();
        if (p.startsWith("Credential="))
            credential = p.mid(11);
        else if (p.startsWith("SignedHeaders="))
            signedHeaders = p.mid(14);
        else if (p.startsWith("Signature="))
            signature = p.mid(10);
    }
    if (credential.isEmpty() || signedHeaders.isEmpty() || signature.isEmpty())
        return authError(u"IncompleteSignatureException"_s,
                         u"Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters"_s);
    const QList<QByteArray> names = signedHeaders.split(';');
    if (auto e = checkSignedHeaders(names, maxSignedHeaders))
        return e;
    const QList<QByteArray> scope = credential.split('/');
    if (scope.size() != 5 || scope.at(4) != "aws4_request")
        return authError(u"IncompleteSignatureException"_s, u"Credential must have the form KeyId/Date/Region/Service/aws4_request"_s);
    if (QString::fromUtf8(scope.at(0)) != m_credentials.accessKeyId)
        return authError(u"UnrecognizedClientException"_s, u"The security token included in the request is invalid."_s);
    if (QString::fromUtf8(scope.at(2)) != m_region)
        return authError(u"InvalidSignatureException"_s,
                         u"Credential should be scoped to a valid region, not '%1'. This endpoint serves '%2'."_s.arg(
                             QString::fromUtf8(scope.at(2).left(64)), m_region));
    if (QString::fromUtf8(scope.at(3)) != m_service)
        return authError(u"InvalidSignatureException"_s,
                         u"Credential should be scoped to correct service: '%1'."_s.arg(m_service));
    if (!request.header("X-Amz-Security-Token").isEmpty() && m_credentials.sessionToken.isEmpty())
        return authError(u"UnrecognizedClientException"_s, u"The security token included in the request is invalid."_s);

    const QByteArray amzDate = request.header("X-Amz-Date");
    const QDateTime signedAt = aws::parseAmzDate(amzDate);
    if (!signedAt.isValid())
        return authError(u"IncompleteSignatureException"_s, u"X-Amz-Date is missing or not in the form yyyyMMddTHHmmssZ"_s);
    if (scope.at(1) != amzDate.left(8))
        return authError(u"InvalidSignatureException"_s, u"Date in Credential scope does not match YYYYMMDD from X-Amz-Date"_s);
    const QDateTime now = m_clock->nowUtc();
    if (signedAt.secsTo(now) > allowedSkewSecs)
        return authError(u"InvalidSignatureException"_s,
                         u"Signature expired: %1 is now earlier than %2 (%3 - 15 min.)"_s.arg(
                             QString::fromLatin1(amzDate), QString::fromLatin1(aws::SigV4Signer::amzDate(now.addSecs(-allowedSkewSecs))),
                             QString::fromLatin1(aws::SigV4Signer::amzDate(now))));
    if (now.secsTo(signedAt) > allowedSkewSecs)
        return authError(u"InvalidSignatureException"_s,
                         u"Signature not yet current: %1 is still later than %2 (%3 + 15 min.)"_s.arg(
                             QString::fromLatin1(amzDate), QString::fromLatin1(aws::SigV4Signer::amzDate(now.addSecs(allowedSkewSecs))),
                             QString::fromLatin1(aws::SigV4Signer::amzDate(now))));

    if (!names.contains("host"))
        return authError(u"InvalidSignatureException"_s, u"'Host' must be a signed header"_s);
    aws::SignableRequest signable;
    signable.method = request.method;
    signable.path = QByteArray::fromPercentEncoding(request.path());
    const qsizetype q = request.target.indexOf('?');
    if (q >= 0) {
        const QList<QByteArray> pairs = request.target.mid(q + 1).split('&');
        for (const QByteArray &pair : pairs) {
            if (pair.isEmpty())
                continue;
            const qsizetype eq = pair.indexOf('=');
            signable.query.append({QByteArray::fromPercentEncoding(eq >= 0 ? pair.left(eq) : pair),
                                   QByteArray::fromPercentEncoding(eq >= 0 ? pair.mid(eq + 1) : QByteArray())});
        }
    }
    // One pass over the request's headers, then one look-up per signed name.
    QHash<QByteArray, QList<qsizetype>> byName;
    byName.reserve(request.headers.size());
    for (qsizetype i = 0; i < request.headers.size(); ++i)
        byName[request.headers.at(i).name.toLower()].append(i);
    for (const QByteArray &name : names) {
        if (name == "x-amz-date" || name == "x-amz-security-token")
            continue; // the signer adds these itself from the credentials and the time
        const auto it = byName.constFind(name);
        if (it == byName.cend()) {
            if (!request.headers.isEmpty() && name != "host")
                return authError(u"InvalidSignatureException"_s, u"Signed header '%1' is missing"_s.arg(QString::fromLatin1(name)));
            continue;
        }
        for (const qsizetype i : it.value())
            signable.headers.append(request.headers.at(i));
    }
    signable.body = request.body;
    aws::SigningOptions options;
    options.region = m_region;
    options.service = m_service;
    options.time = signedAt;
    options.signSessionToken = names.contains("x-amz-security-token");
    options.signBodyHash = names.contains("x-amz-content-sha256");
    aws::AwsCredentials credentials = m_credentials;
    credentials.sessionToken = QString::fromUtf8(request.header("X-Amz-Security-Token"));
    const aws::SigningResult expected = aws::SigV4Signer::sign(signable, credentials, options);
    if (expected.signedHeaders != signedHeaders || !constantTimeEquals(expected.signature, signature))
        return authError(u"InvalidSignatureException"_s,
                         u"The request signature we calculated does not match the signature you provided. Check your AWS "
                         u"Secret Access Key and signing method. Consult the service documentation for details."_s);
    return std::nullopt;
}

} // namespace local
