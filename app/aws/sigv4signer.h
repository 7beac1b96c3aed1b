#pragma once

#include "aws/awscredentials.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <utility>

namespace aws {

struct HttpHeader
{
    QByteArray name;
    QByteArray value;
    friend bool operator==(const HttpHeader &, const HttpHeader &) = default;
};

// A request as the signer sees it: the path and query are the decoded (raw) forms.
struct SignableRequest
{
    QByteArray method = "POST";
    QByteArray path = "/";
    QList<std::pair<QByteArray, QByteArray>> query;
    QList<HttpHeader> headers; // every header to sign, Host included
    QByteArray body;
};

struct SigningOptions
{
    QString region;
    QString service;
    QDateTime time;                 // signing time (UTC)
    bool normalizePath = true;      // false only for S3-style services
    bool signBodyHash = false;      // add and sign x-amz-content-sha256
    bool signSessionToken = true;   // false: token header added after signing (a few legacy services)
};

struct SigningResult
{
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray signature;     // lower-case hex
    QByteArray signedHeaders; // "content-type;host;x-amz-date;x-amz-target"
    QByteArray authorization; // the Authorization header value
    QList<HttpHeader> headersToAdd; // X-Amz-Date, X-Amz-Security-Token, X-Amz-Content-Sha256, Authorization
};

// AWS Signature Version 4 for header-signed requests.
class SigV4Signer
{
public:
    static SigningResult sign(const SignableRequest &request, const AwsCredentials &credentials,
                              const SigningOptions &options);

    // The pieces, public so that tests and the embedded endpoint's verifier share them.
    static QByteArray amzDate(const QDateTime &time);
    static QByteArray canonicalUri(const QByteArray &path, bool normalize);
    static QByteArray canonicalQuery(const QList<std::pair<QByteArray, QByteArray>> &query);
    static QByteArray canonicalHeaderValue(const QByteArray &value);
    static QByteArray signingKey(const QString &secret, const QByteArray &date, const QString &region,
                                 const QString &service);
    static QByteArray sha256Hex(const QByteArray &data);
};

} // namespace aws
