#pragma once

#include "aws/catrust.h"
#include "aws/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QObject;

namespace aws {

// One bounded HTTP exchange with a JSON answer, for the small services credentials come from
// (IAM Identity Center's portal and OIDC): a deadline for the whole exchange, a cap on the answer
// (the reply is aborted beyond it, so a peer that sends forever costs at most `maxResponseBytes`),
// no redirects, and the CA bundle trusted in addition to the system store. Errors name `what` and
// the host, never a header or body that was sent (they carry tokens).
struct JsonExchangeRequest
{
    QString what; // "SSO OIDC CreateToken": how messages name the call
    QUrl url;
    bool post = false;
    QByteArray body; // sent with POST
    QList<std::pair<QByteArray, QByteArray>> headers;
    int timeoutMs = 30000;
    qint64 maxResponseBytes = 1024 * 1024;
    CaTrust caTrust; // AWS_CA_BUNDLE, for https
};

// `status` is the HTTP status (0 when there was no answer). A non-2xx answer is an AwsError whose
// code is the service's error type: the x-amzn-ErrorType header, then the body's "__type", then
// OAuth's "error" ("authorization_pending" → AuthorizationPendingException, …).
using JsonExchangeCallback = std::function<void(int status, const Result<QJsonObject> &body)>;

// Calls `done` exactly once, never after `context` is destroyed (the reply is then aborted).
void exchangeJson(QNetworkAccessManager *network, QObject *context, const JsonExchangeRequest &request,
                  const JsonExchangeCallback &done);

// The error type of a non-2xx answer, as above; public for tests.
QString jsonErrorType(const QByteArray &errorTypeHeader, const QJsonObject &body);

} // namespace aws
