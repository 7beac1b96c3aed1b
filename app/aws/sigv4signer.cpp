#include "aws/sigv4signer.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

#include <algorithm>
#include <map>

namespace aws {

namespace {

QByteArray hmac(const QByteArray &key, const QByteArray &data)
{
    return QMessageAuthenticationCode::hash(data, key, QCryptographicHash::Sha256);
}

QByteArray uriEncode(const QByteArray &raw, const QByteArray &keep = {})
{
    // toPercentEncoding leaves exactly RFC 3986's unreserved set unencoded and uses upper-case hex.
    return raw.toPercentEncoding(keep);
}

QByteArray removeDotSegments(const QByteArray &path)
{
    const QList<QByteArray> parts = path.split('/');
    QList<QByteArray> out;
    for (const QByteArray &p : parts) {
        if (p.isEmpty() || p == ".")
            continue;
        if (p == "..") {
            if (!out.isEmpty())
                out.removeLast();
            continue;
        }
        out.append(p);
    }
    QByteArray result = "/" + out.join('/');
    const bool trailing = path.endsWith('/') || path.endsWith("/.") || path.endsWith("/..");
    if (trailing && !out.isEmpty())
        result += '/';
    return result;
}

} // namespace

QByteArray SigV4Signer::amzDate(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
}

QByteArray SigV4Signer::canonicalUri(const QByteArray &path, bool normalize)
{
    QByteArray p = path.isEmpty() ? QByteArray("/") : path;
    if (normalize)
        p = removeDotSegments(p);
    return uriEncode(p, "/");
}

QByteArray SigV4Signer::canonicalQuery(const QList<std::pair<QByteArray, QByteArray>> &query)
{
    QList<std::pair<QByteArray, QByteArray>> encoded;
    encoded.reserve(query.size());
    for (const auto &[k, v] : query)
        encoded.append({uriEncode(k), uriEncode(v)});
    std::sort(encoded.begin(), encoded.end());
    QByteArray out;
    for (const auto &[k, v] : encoded) {
        if (!out.isEmpty())
            out += '&';
        out += k + '=' + v;
    }
    return out;
}

QByteArray SigV4Signer::canonicalHeaderValue(const QByteArray &value)
{
    // Trim, and fold every run of white space (including line folds) into one space.
    return value.simplified();
}

QByteArray SigV4Signer::signingKey(const QString &secret, const QByteArray &date, const QString &region,
                                   const QString &service)
{
    const QByteArray kDate = hmac("AWS4" + secret.toUtf8(), date);
    const QByteArray kRegion = hmac(kDate, region.toUtf8());
    const QByteArray kService = hmac(kRegion, service.toUtf8());
    return hmac(kService, "aws4_request");
}

QByteArray SigV4Signer::sha256Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

SigningResult SigV4Signer::sign(const SignableRequest &request, const AwsCredentials &credentials,
                                 const SigningOptions &options)
{
    SigningResult result;
    const QByteArray date = amzDate(options.time);
    const QByteArray day = date.left(8);
    const QByteArray payloadHash = sha256Hex(request.body);

    result.headersToAdd.append({"X-Amz-Date", date});
    if (!credentials.sessionToken.isEmpty())
        result.headersToAdd.append({"X-Amz-Security-Token", credentials.sessionToken.toUtf8()});
    if (options.signBodyHash)
        result.headersToAdd.append({"X-Amz-Content-Sha256", payloadHash});

    // Lower-cased names, sorted; repeated headers joined with commas in their original order.
    std::map<QByteArray, QByteArray> canonical;
    auto add = [&canonical](const QByteArray &name, const QByteArray &value) {
        const QByteArray key = name.trimmed().toLower();
        const QByteArray v = canonicalHeaderValue(value);
        auto it = canonical.find(key);
        if (it == canonical.end())
            canonical.emplace(key, v);
        else
            it->second += ',' + v;
    };
    for (const HttpHeader &h : request.headers) {
        const QByteArray lower = h.name.trimmed().toLower();
        // Anything the signer sets itself is replaced, never signed twice.
        if (lower == "authorization" || lower == "x-amz-date" || lower == "x-amz-security-token"
            || (options.signBodyHash && lower == "x-amz-content-sha256"))
            continue;
        add(h.name, h.value);
    }
    for (const HttpHeader &h : std::as_const(result.headersToAdd)) {
        if (!options.signSessionToken && h.name == "X-Amz-Security-Token")
            continue;
        add(h.name, h.value);
    }

    QByteArray canonicalHeaders;
    QByteArray signedHeaders;
    for (const auto &[name, value] : canonical) {
        canonicalHeaders += name + ':' + value + '\n';
        if (!signedHeaders.isEmpty())
            signedHeaders += ';';
        signedHeaders += name;
    }

    result.canonicalRequest = request.method.toUpper() + '\n' + canonicalUri(request.path, options.normalizePath)
                              + '\n' + canonicalQuery(request.query) + '\n' + canonicalHeaders + '\n'
                              + signedHeaders + '\n' + payloadHash;

    const QByteArray scope = day + '/' + options.region.toUtf8() + '/' + options.service.toUtf8() + "/aws4_request";
    result.stringToSign = "AWS4-HMAC-SHA256\n" + date + '\n' + scope + '\n' + sha256Hex(result.canonicalRequest);

    const QByteArray key = signingKey(credentials.secretAccessKey, day, options.region, options.service);
    result.signature = hmac(key, result.stringToSign).toHex();
    result.signedHeaders = signedHeaders;
    result.authorization = "AWS4-HMAC-SHA256 Credential=" + credentials.accessKeyId.toUtf8() + '/' + scope
                           + ", SignedHeaders=" + signedHeaders + ", Signature=" + result.signature;
    result.headersToAdd.append({"Authorization", result.authorization});
    return result;
}

} // namespace aws
