#include "aws/jsonexchange.h"

#include "aws/awserror.h"
#include "aws/awsjsontransport.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace aws {

QString jsonErrorType(const QByteArray &errorTypeHeader, const QJsonObject &body)
{
    // "AuthorizationPendingException:http://internal.amazon.com/coral/…" → the part before ':'.
    QString type = QString::fromLatin1(errorTypeHeader.left(256)).section(u':', 0, 0).trimmed();
    if (type.isEmpty())
        type = body.value(u"__type"_s).toString().section(u'#', -1);
    if (!type.isEmpty())
        return type;
    // OAuth's error codes (RFC 6749, 8628), as SSO OIDC also writes them in the body.
    static const QList<std::pair<QString, QString>> oauth = {
        {u"authorization_pending"_s, u"AuthorizationPendingException"_s},
        {u"slow_down"_s, u"SlowDownException"_s},
        {u"expired_token"_s, u"ExpiredTokenException"_s},
        {u"access_denied"_s, u"AccessDeniedException"_s},
        {u"invalid_grant"_s, u"InvalidGrantException"_s},
        {u"invalid_client"_s, u"InvalidClientException"_s},
        {u"invalid_request"_s, u"InvalidRequestException"_s},
        {u"unauthorized_client"_s, u"UnauthorizedClientException"_s},
    };
    const QString error = body.value(u"error"_s).toString();
    for (const auto &[name, code] : oauth) {
        if (error == name)
            return code;
    }
    return error.size() <= 64 ? error : QString();
}

void exchangeJson(QNetworkAccessManager *network, QObject *context, const JsonExchangeRequest &r,
                  const JsonExchangeCallback &done)
{
    QNetworkRequest request(r.url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    if (const auto trust = r.caTrust.applyTo(request); !trust) {
        // Delivered from the event loop, as every other answer is.
        QTimer::singleShot(0, context, [done, error = trust.error()] { done(0, error); });
        return;
    }
    for (const auto &[name, value] : r.headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = r.post ? network->post(request, r.body) : network->get(request);
    reply->setReadBufferSize(r.maxResponseBytes + 1); // Qt stops reading the socket past the cap
    // The reply dies with the context: nothing is delivered after it, and the socket is freed.
    QObject::connect(context, &QObject::destroyed, reply, [reply] {
        reply->disconnect();
        reply->abort();
        reply->deleteLater();
    });
    auto delivered = std::make_shared<bool>(false);
    auto deliver = [delivered, done, reply](int status, const Result<QJsonObject> &result) {
        if (*delivered)
            return;
        *delivered = true;
        done(status, result);
        reply->disconnect();
        reply->abort();
        reply->deleteLater();
    };
    const QString what = r.what;
    const QString host = r.url.host();
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, context, [deliver, what, host, ms = r.timeoutMs] {
        deliver(0, AwsError::make(AwsError::Kind::Timeout, u"Timeout"_s,
                                  u"%1 at %2 did not answer within %3 s"_s.arg(what, host).arg(ms / 1000.0)));
    });
    QObject::connect(reply, &QNetworkReply::readyRead, context, [reply, deliver, what, max = r.maxResponseBytes] {
        if (reply->bytesAvailable() > max)
            deliver(0, AwsError::make(AwsError::Kind::Decode, u"ResponseTooLarge"_s,
                                      u"%1 answered with more than %2 KiB"_s.arg(what).arg(max / 1024)));
    });
    QObject::connect(reply, &QNetworkReply::finished, context, [reply, deliver, what, host, max = r.maxResponseBytes] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0) {
            deliver(0, AwsError::make(AwsError::Kind::Network, u"NetworkError"_s,
                                      u"%1 at %2 could not be reached: %3"_s.arg(what, host, reply->errorString())));
            return;
        }
        if (reply->bytesAvailable() > max) {
            deliver(0, AwsError::make(AwsError::Kind::Decode, u"ResponseTooLarge"_s,
                                      u"%1 answered with more than %2 KiB"_s.arg(what).arg(max / 1024)));
            return;
        }
        QJsonParseError parseError{};
        const QJsonDocument doc = QJsonDocument::fromJson(reply->readAll(), &parseError);
        if (status < 200 || status > 299) {
            const QString type = jsonErrorType(reply->rawHeader("x-amzn-ErrorType"), doc.object());
            AwsError e = AwsError::make(status == 401 || status == 403 ? AwsError::Kind::Credentials : AwsError::Kind::Service,
                                        type.isEmpty() ? u"HttpError%1"_s.arg(status) : type,
                                        u"%1 failed with HTTP %2%3"_s.arg(what).arg(status).arg(
                                            type.isEmpty() ? QString() : u" ("_s + type + u')'));
            e.httpStatus = status;
            deliver(status, e);
            return;
        }
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            deliver(status, AwsError::make(AwsError::Kind::Decode, u"MalformedResponse"_s,
                                           u"%1 answered with something that is not a JSON object"_s.arg(what)));
            return;
        }
        deliver(status, doc.object());
    });
    timer->start(r.timeoutMs);
}

} // namespace aws
