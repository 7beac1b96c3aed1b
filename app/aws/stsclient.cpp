#include "aws/stsclient.h"

#include "aws/awsjsontransport.h"
#include "aws/sigv4signer.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>
#include <QUrlQuery>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace aws {

namespace {

QByteArray formEncode(const QString &value)
{
    return QUrl::toPercentEncoding(value);
}

AwsError stsError(AwsError::Kind kind, const QString &code, const QString &message, int status = 0)
{
    AwsError e = AwsError::make(kind, code, message);
    e.httpStatus = status;
    return e;
}

} // namespace

StsClient::StsClient(QNetworkAccessManager *network, QUrl endpoint, QString region, QObject *parent)
    : QObject(parent), m_network(network), m_endpoint(std::move(endpoint)), m_region(std::move(region))
{
}

QByteArray StsClient::formBody(const QString &action, const AssumeRoleRequest &r)
{
    QList<std::pair<QString, QString>> params{{u"Action"_s, action}, {u"Version"_s, u"2011-06-15"_s}};
    params.append({u"RoleArn"_s, r.roleArn});
    params.append({u"RoleSessionName"_s, r.roleSessionName});
    if (r.durationSeconds > 0)
        params.append({u"DurationSeconds"_s, QString::number(r.durationSeconds)});
    if (action == u"AssumeRole"_s) {
        if (!r.externalId.isEmpty())
            params.append({u"ExternalId"_s, r.externalId});
        if (!r.serialNumber.isEmpty())
            params.append({u"SerialNumber"_s, r.serialNumber});
        if (!r.tokenCode.isEmpty())
            params.append({u"TokenCode"_s, r.tokenCode});
    } else {
        params.append({u"WebIdentityToken"_s, r.webIdentityToken});
    }
    QByteArray body;
    for (const auto &[name, value] : params) {
        if (!body.isEmpty())
            body += '&';
        body += formEncode(name) + '=' + formEncode(value);
    }
    return body;
}

Result<AssumedRole> StsClient::parseResponse(int httpStatus, const QByteArray &xml, const QString &action)
{
    QXmlStreamReader reader(xml);
    AssumedRole role;
    QString errorCode;
    QString errorMessage;
    QString expiration;
    QStringList path;
    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            path.append(reader.name().toString());
            if (path.size() > 32)
                return stsError(AwsError::Kind::Decode, u"MalformedResponse"_s, u"STS %1 answered with XML nested too deep"_s.arg(action));
        } else if (token == QXmlStreamReader::EndElement) {
            if (!path.isEmpty())
                path.removeLast();
        } else if (token == QXmlStreamReader::Characters && !reader.isWhitespace() && path.size() >= 2) {
            const QString &leaf = path.last();
            const QString &parent = path.at(path.size() - 2);
            const QString text = reader.text().toString();
            if (parent == u"Credentials"_s) {
                if (leaf == u"AccessKeyId"_s)
                    role.credentials.accessKeyId = text;
                else if (leaf == u"SecretAccessKey"_s)
                    role.credentials.secretAccessKey = text;
                else if (leaf == u"SessionToken"_s)
                    role.credentials.sessionToken = text;
                else if (leaf == u"Expiration"_s)
                    expiration = text;
            } else if (parent == u"AssumedRoleUser"_s) {
                if (leaf == u"Arn"_s)
                    role.assumedRoleArn = text;
                else if (leaf == u"AssumedRoleId"_s)
                    role.assumedRoleId = text;
            } else if (parent == u"Error"_s) {
                if (leaf == u"Code"_s)
                    errorCode = text;
                else if (leaf == u"Message"_s)
                    errorMessage = text.left(500);
            }
        }
    }
    if (reader.hasError() && errorCode.isEmpty())
        return stsError(AwsError::Kind::Decode, u"MalformedResponse"_s,
                        u"STS %1 answered HTTP %2 with a body that is not XML"_s.arg(action).arg(httpStatus), httpStatus);
    if (httpStatus != 200 || !errorCode.isEmpty()) {
        const QString code = errorCode.isEmpty() ? u"HttpError%1"_s.arg(httpStatus) : errorCode;
        return stsError(AwsError::Kind::Service, code,
                        u"STS %1 failed: %2%3"_s.arg(action, code, errorMessage.isEmpty() ? QString() : u": "_s + errorMessage),
                        httpStatus);
    }
    if (!role.credentials.isValid() || role.credentials.sessionToken.isEmpty())
        return stsError(AwsError::Kind::Decode, u"MalformedResponse"_s, u"STS %1 answered without credentials"_s.arg(action), httpStatus);
    role.credentials.expiration = QDateTime::fromString(expiration, Qt::ISODateWithMs).toUTC();
    if (!role.credentials.expiration.isValid())
        return stsError(AwsError::Kind::Decode, u"MalformedResponse"_s,
                        u"STS %1 answered with an Expiration that is not an ISO 8601 time"_s.arg(action), httpStatus);
    return role;
}

void StsClient::assumeRole(const AssumeRoleRequest &request, const AwsCredentials &source, QObject *context, const Callback &done)
{
    send(u"AssumeRole"_s, formBody(u"AssumeRole"_s, request), &source, context, done);
}

void StsClient::assumeRoleWithWebIdentity(const AssumeRoleRequest &request, QObject *context, const Callback &done)
{
    send(u"AssumeRoleWithWebIdentity"_s, formBody(u"AssumeRoleWithWebIdentity"_s, request), nullptr, context, done);
}

void StsClient::send(const QString &action, const QByteArray &body, const AwsCredentials *source, QObject *context,
                     const Callback &done)
{
    QUrl url = m_endpoint;
    if (url.path().isEmpty())
        url.setPath(u"/"_s);
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    const QByteArray contentType = "application/x-www-form-urlencoded; charset=utf-8";
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (const auto trust = m_caTrust.applyTo(request); !trust) {
        // Delivered from the event loop, as every other answer is.
        QTimer::singleShot(0, this, [context = QPointer<QObject>(context), done, error = trust.error()] {
            if (context)
                done(error);
        });
        return;
    }
    if (source) {
        SignableRequest signable;
        signable.method = "POST";
        signable.path = url.path(QUrl::FullyDecoded).toUtf8();
        const QByteArray host = url.port() > 0 ? url.host().toUtf8() + ':' + QByteArray::number(url.port()) : url.host().toUtf8();
        signable.headers = {{"content-type", contentType}, {"host", host}};
        signable.body = body;
        SigningOptions options;
        options.region = m_region;
        options.service = u"sts"_s;
        options.time = m_clock->nowUtc();
        const SigningResult signature = SigV4Signer::sign(signable, *source, options);
        for (const HttpHeader &h : signature.headersToAdd)
            request.setRawHeader(h.name, h.value);
    }
    QNetworkReply *reply = m_network->post(request, body);
    reply->setReadBufferSize(maxResponseBytes + 1); // Qt stops reading the socket past the cap
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    auto finished = std::make_shared<bool>(false);
    auto deliver = [context = QPointer<QObject>(context), done, finished](const Result<AssumedRole> &r) {
        if (*finished)
            return;
        *finished = true;
        if (context)
            done(r);
    };
    connect(timer, &QTimer::timeout, reply, [reply, deliver, action, this] {
        deliver(stsError(AwsError::Kind::Timeout, u"Timeout"_s,
                         u"STS %1 at %2 did not answer within %3 s"_s.arg(action, m_endpoint.host()).arg(m_timeoutMs / 1000)));
        reply->abort();
    });
    connect(reply, &QNetworkReply::readyRead, reply, [reply, deliver, action] {
        if (reply->bytesAvailable() > maxResponseBytes) {
            deliver(stsError(AwsError::Kind::Decode, u"ResponseTooLarge"_s,
                             u"STS %1 answered with more than %2 bytes"_s.arg(action).arg(maxResponseBytes)));
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, reply, [reply, deliver, action, this] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0) {
            deliver(stsError(AwsError::Kind::Network, u"NetworkError"_s,
                             u"STS %1 at %2 could not be reached: %3"_s.arg(action, m_endpoint.host(), reply->errorString())));
            return;
        }
        deliver(parseResponse(status, reply->read(maxResponseBytes + 1).left(maxResponseBytes), action));
    });
    timer->start(m_timeoutMs);
}

} // namespace aws
