#include "aws/metadatarequest.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace aws {

void MetadataRequest::send(QNetworkAccessManager *network, const QByteArray &verb, const QNetworkRequest &request,
                           int timeoutMs, const QString &what, QObject *parent, Callback done)
{
    if (!network) {
        done(AwsError::make(AwsError::Kind::Network, u"NetworkError"_s, u"%1 cannot be reached without a network"_s.arg(what)));
        return;
    }
    auto *self = new MetadataRequest(what, timeoutMs, parent, std::move(done)); // owned by `parent`
    self->start(network, verb, request);
}

MetadataRequest::MetadataRequest(QString what, int timeoutMs, QObject *parent, Callback done)
    : QObject(parent), m_what(std::move(what)), m_timeoutMs(timeoutMs), m_done(std::move(done)), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
}

MetadataRequest::~MetadataRequest()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void MetadataRequest::start(QNetworkAccessManager *network, const QByteArray &verb, QNetworkRequest request)
{
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("athena-sessions/" ATHENA_VERSION " Qt/" QT_VERSION_STR));
    m_reply = verb == "PUT" ? network->put(request, QByteArray()) : network->get(request);
    // Qt's own buffer is bounded too: without it, its network thread reads an endless body into
    // memory as fast as it comes while this thread is busy (seen under the sanitizers: 256 MB).
    m_reply->setReadBufferSize(maxBodyBytes + 1);
    connect(m_timer, &QTimer::timeout, this, [this] {
        deliver(AwsError::make(AwsError::Kind::Timeout, u"Timeout"_s,
                               u"%1 did not answer within %2 ms"_s.arg(m_what).arg(m_timeoutMs)));
    });
    connect(m_reply, &QNetworkReply::metaDataChanged, this, [this] {
        const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && length.toLongLong() > maxBodyBytes)
            deliver(AwsError::make(AwsError::Kind::Decode, u"ResponseTooLarge"_s,
                                   u"%1 announced an answer of more than %2 bytes"_s.arg(m_what).arg(maxBodyBytes)));
    });
    connect(m_reply, &QNetworkReply::readyRead, this, &MetadataRequest::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &MetadataRequest::onFinished);
    m_timer->start(m_timeoutMs);
}

void MetadataRequest::onReadyRead()
{
    // Read as it arrives, so that an endless body is cut at the bound, not buffered.
    m_body += m_reply->read(maxBodyBytes + 1 - m_body.size());
    if (m_body.size() > maxBodyBytes)
        deliver(AwsError::make(AwsError::Kind::Decode, u"ResponseTooLarge"_s,
                               u"%1 answered with more than %2 bytes"_s.arg(m_what).arg(maxBodyBytes)));
}

void MetadataRequest::onFinished()
{
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        deliver(AwsError::make(AwsError::Kind::Network, u"NetworkError"_s,
                               u"%1 could not be reached: %2"_s.arg(m_what, m_reply->errorString())));
        return;
    }
    m_body += m_reply->read(maxBodyBytes + 1 - m_body.size());
    if (m_body.size() > maxBodyBytes) {
        deliver(AwsError::make(AwsError::Kind::Decode, u"ResponseTooLarge"_s,
                               u"%1 answered with more than %2 bytes"_s.arg(m_what).arg(maxBodyBytes)));
        return;
    }
    deliver(MetadataResponse{status, m_body});
}

void MetadataRequest::deliver(const Result<MetadataResponse> &result)
{
    if (m_delivered)
        return;
    m_delivered = true;
    m_timer->stop();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort(); // a no-op once finished; stops a transfer still under way
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    deleteLater();
    // Last: the callback may destroy our parent, and with it this object.
    const Callback done = std::move(m_done);
    done(result);
}

Result<AwsCredentials> parseMetadataCredentials(const QByteArray &json, const QString &who)
{
    const auto error = [&who](const QString &message) {
        return AwsError::make(AwsError::Kind::Decode, u"MalformedResponse"_s, u"%1 %2"_s.arg(who, message));
    };
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return error(u"answered with something that is not a JSON object"_s);
    const QJsonObject o = doc.object();
    AwsCredentials c;
    QString expiration;
    for (const auto &[field, target] : {std::pair{u"AccessKeyId"_s, &c.accessKeyId},
                                        std::pair{u"SecretAccessKey"_s, &c.secretAccessKey},
                                        std::pair{u"Token"_s, &c.sessionToken}, std::pair{u"Expiration"_s, &expiration}}) {
        const QJsonValue v = o.value(field);
        if (!v.isString() || v.toString().isEmpty()) {
            // IMDS answers {"Code": …, "Message": …} when it has no credentials for the role; those
            // two say why and hold no secret.
            const QString code = o.value(u"Code"_s).toString();
            if (!code.isEmpty() && code != u"Success"_s && !o.contains(u"SecretAccessKey"_s))
                return AwsError::make(AwsError::Kind::Credentials, code,
                                      u"%1 has no credentials: %2: %3"_s.arg(who, code.left(100),
                                                                             o.value(u"Message"_s).toString().left(300)));
            return error(u"answered without %1"_s.arg(field));
        }
        *target = v.toString();
    }
    c.expiration = QDateTime::fromString(expiration, Qt::ISODateWithMs);
    if (!c.expiration.isValid())
        return error(u"answered with an Expiration that is not an ISO 8601 time"_s);
    if (c.expiration.timeSpec() == Qt::LocalTime)
        c.expiration.setTimeSpec(Qt::UTC); // no offset given: UTC, as every endpoint writes it
    c.expiration = c.expiration.toUTC();
    return c;
}

} // namespace aws
