#include "aws/awsjsontransport.h"

#include "aws/awsconfig.h"
#include "aws/httpdate.h"
#include "aws/redaction.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAwsHttp, "athena.aws.http", QtWarningMsg)

namespace aws {

namespace {

QString jsonString(const QJsonObject &o, std::initializer_list<QString> keys)
{
    for (const QString &k : keys) {
        const QJsonValue v = o.value(k);
        if (v.isString())
            return v.toString();
    }
    return {};
}

} // namespace

// ---- AwsJsonTransport ----------------------------------------------------------------------

AwsJsonTransport::AwsJsonTransport(QNetworkAccessManager *network, std::shared_ptr<CredentialsProvider> credentials,
                                   TransportConfig config, QObject *parent)
    : QObject(parent),
      m_network(network),
      m_credentials(std::move(credentials)),
      m_config(std::move(config)),
      m_retry(&m_quota, systemRandom(), m_config.maxAttempts, m_config.maxBackoffMs, m_config.retryMode)
{
    if (m_config.endpoint.path().isEmpty())
        m_config.endpoint.setPath(u"/"_s);
}

TransportConfig transportConfigFor(const ClientSettings &settings)
{
    TransportConfig config;
    config.endpoint = settings.endpoint;
    config.region = settings.signingRegion.isEmpty() ? settings.region : settings.signingRegion;
    config.maxAttempts = settings.retry.maxAttempts;
    config.retryMode = settings.retry.mode;
    config.caTrust = settings.caBundle;
    return config;
}

AwsJsonTransport::~AwsJsonTransport()
{
    // Every call ends with finished(), also when its transport goes first (a profile switch).
    const QList<AwsCall *> calls = findChildren<AwsCall *>(Qt::FindDirectChildrenOnly);
    for (AwsCall *c : calls)
        c->abandon();
}

void AwsJsonTransport::setRandom(RandomSource random)
{
    m_retry = StandardRetryStrategy(
        &m_quota, std::move(random), m_config.maxAttempts, m_config.maxBackoffMs, m_config.retryMode);
}

QString AwsJsonTransport::credentialsDescription() const
{
    return m_credentials ? m_credentials->description() : QString();
}

AwsCall *AwsJsonTransport::call(const QString &operation, const QByteArray &jsonBody)
{
    auto *c = new AwsCall(this, operation, jsonBody.isEmpty() ? QByteArray("{}") : jsonBody);
    // Start from the event loop so that the caller can connect to finished() first.
    QTimer::singleShot(0, c, [c] { c->startAttempt(); });
    return c;
}

QString AwsJsonTransport::errorName(const QString &type)
{
    // "aws.protocoljson#ThrottlingException:http://internal…" → "ThrottlingException"
    QString name = type;
    if (const qsizetype colon = name.indexOf(u':'); colon >= 0)
        name.truncate(colon);
    if (const qsizetype hash = name.lastIndexOf(u'#'); hash >= 0)
        name = name.mid(hash + 1);
    return name.trimmed();
}

AwsError AwsJsonTransport::decodeServiceError(int httpStatus, const QByteArray &body, const QByteArray &errorTypeHeader,
                                              const QString &requestId)
{
    AwsError e;
    e.kind = AwsError::Kind::Service;
    e.httpStatus = httpStatus;
    e.requestId = requestId;
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject o = doc.object();
    // As botocore reads awsJson errors: the body's __type names the error, never the
    // x-amzn-ErrorType header (which only adds to an empty message), and "message" is preferred
    // to "Message". Without __type the error is named by its HTTP status.
    e.code = errorName(jsonString(o, {u"__type"_s}));
    e.message = jsonString(o, {u"message"_s, u"Message"_s, u"errorMessage"_s});
    if (e.code.isEmpty() && e.message.isEmpty() && !errorTypeHeader.isEmpty())
        e.message = u"HTTP %1, x-amzn-ErrorType %2"_s.arg(httpStatus).arg(errorName(QString::fromUtf8(errorTypeHeader)));
    e.athenaErrorCode = jsonString(o, {u"AthenaErrorCode"_s});
    e.reason = jsonString(o, {u"Reason"_s});
    if (e.code.isEmpty()) {
        // Not an AWS error body: a proxy page, a load balancer's 502, an empty body.
        e.code = u"HttpError%1"_s.arg(httpStatus);
        if (e.message.isEmpty())
            e.message = body.isEmpty() ? u"HTTP %1 with an empty body"_s.arg(httpStatus)
                                       : u"HTTP %1 with a body that is not an AWS error"_s.arg(httpStatus);
    }
    return e;
}

QByteArray AwsJsonTransport::hostHeader(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    QHostAddress address;
    if (address.setAddress(url.host()) && address.protocol() == QAbstractSocket::IPv6Protocol)
        host = '[' + host + ']';
    const int port = url.port();
    const int defaultPort = url.scheme() == u"https"_s ? 443 : 80;
    if (port != -1 && port != defaultPort)
        host += ':' + QByteArray::number(port);
    return host;
}

// ---- AwsCall -------------------------------------------------------------------------------

AwsCall::AwsCall(AwsJsonTransport *transport, QString operation, QByteArray body)
    : QObject(transport), m_transport(transport), m_operation(std::move(operation)), m_body(std::move(body))
{
    m_connectTimer = new QTimer(this);
    m_connectTimer->setSingleShot(true);
    connect(m_connectTimer, &QTimer::timeout, this, [this] { onAttemptTimeout(true); });
    m_requestTimer = new QTimer(this);
    m_requestTimer->setSingleShot(true);
    connect(m_requestTimer, &QTimer::timeout, this, [this] { onAttemptTimeout(false); });
    m_backoffTimer = new QTimer(this);
    m_backoffTimer->setSingleShot(true);
    connect(m_backoffTimer, &QTimer::timeout, this, &AwsCall::startAttempt);
    m_deadlineTimer = new QTimer(this);
    m_deadlineTimer->setSingleShot(true);
    connect(m_deadlineTimer, &QTimer::timeout, this, &AwsCall::onDeadline);
}

AwsCall::~AwsCall()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void AwsCall::cancel()
{
    if (isFinished())
        return;
    AwsError e = AwsError::make(AwsError::Kind::Cancelled, u"Cancelled"_s, u"%1 was cancelled"_s.arg(m_operation));
    e.outcomeUnknown = m_sent || m_reply;
    finish(e);
}

void AwsCall::abandon()
{
    if (isFinished())
        return;
    AwsError e = AwsError::make(AwsError::Kind::Cancelled, u"Cancelled"_s,
                                u"%1 was cancelled: the connection it used was closed"_s.arg(m_operation));
    // A request handed to the network may be on the wire before Qt reports it sent.
    e.outcomeUnknown = m_sent || m_reply || m_unknownOutcome;
    finish(e);
}

int AwsCall::remainingMs() const
{
    const int total = m_transport->m_config.callTimeoutMs;
    if (total <= 0 || !m_elapsed.isValid())
        return std::numeric_limits<int>::max();
    return static_cast<int>(std::max<qint64>(0, total - m_elapsed.elapsed()));
}

void AwsCall::onDeadline()
{
    if (isFinished())
        return;
    const int total = m_transport->m_config.callTimeoutMs;
    AwsError e = AwsError::make(AwsError::Kind::Timeout, u"Timeout"_s,
                                u"%1 got no answer within %2 s, the deadline of the whole call (%3 attempts)"_s
                                    .arg(m_operation)
                                    .arg(QString::number(total / 1000.0, 'g', 3))
                                    .arg(m_attempt));
    e.outcomeUnknown = m_sent || m_unknownOutcome;
    m_deadlinePassed = true;
    finish(e);
}

void AwsCall::stopTimers()
{
    m_connectTimer->stop();
    m_requestTimer->stop();
    m_backoffTimer->stop();
}

void AwsCall::startAttempt()
{
    if (isFinished())
        return;
    if (auto err = checkEndpoint(m_transport->m_config.endpoint)) {
        finish(*err);
        return;
    }
    if (!m_elapsed.isValid()) {
        m_elapsed.start();
        if (m_transport->m_config.callTimeoutMs > 0)
            m_deadlineTimer->start(m_transport->m_config.callTimeoutMs);
    } else if (remainingMs() == 0) {
        onDeadline(); // no time left for another attempt
        return;
    }
    ++m_attempt;
    m_sent = false;
    if (!m_transport->m_credentials) {
        finish(AwsError::make(AwsError::Kind::Credentials, u"NoCredentials"_s, u"No credentials provider"_s));
        return;
    }
    m_transport->m_credentials->fetch(this, [this](const Result<AwsCredentials> &credentials) {
        if (isFinished())
            return;
        if (!credentials)
            finish(credentials.error());
        else
            send(credentials.value());
    });
}

void AwsCall::send(const AwsCredentials &credentials)
{
    const TransportConfig &cfg = m_transport->m_config;
    const QByteArray target = (cfg.targetPrefix + u'.' + m_operation).toUtf8();

    SignableRequest signable;
    signable.method = "POST";
    signable.path = QByteArray::fromPercentEncoding(cfg.endpoint.path(QUrl::FullyEncoded).toLatin1());
    signable.headers = {
        {"Content-Type", "application/x-amz-json-1.1"},
        {"Host", AwsJsonTransport::hostHeader(cfg.endpoint)},
        {"X-Amz-Target", target},
    };
    signable.body = m_body;

    SigningOptions options;
    options.region = cfg.region;
    options.service = cfg.signingName;
    options.time = m_transport->m_clock->nowUtc().addMSecs(m_transport->m_skewMs);
    const SigningResult signature = SigV4Signer::sign(signable, credentials, options);

    QNetworkRequest request(cfg.endpoint);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("athena-sessions/" ATHENA_VERSION " Qt/" QT_VERSION_STR));
    if (const auto trust = cfg.caTrust.applyTo(request); !trust) {
        finish(trust.error()); // the CA bundle cannot be read: no attempt would do better
        return;
    }
    QList<HttpHeader> sent = signable.headers + signature.headersToAdd;
    for (const HttpHeader &h : std::as_const(sent))
        request.setRawHeader(h.name, h.value);
    qCDebug(lcAwsHttp).noquote() << "POST" << cfg.endpoint.toDisplayString() << "attempt" << m_attempt << '\n'
                                 << describeHeaders(sent);

    ++m_transport->m_requestsSent;
    m_reply = m_transport->m_network->post(request, m_body);
    m_reply->setParent(this);
    connect(m_reply, &QNetworkReply::requestSent, this, [this] {
        m_sent = true;
        m_connectTimer->stop();
    });
    // The body is read as it arrives, so the cap holds for bytes received whatever the framing
    // (chunked or not) and Qt's own buffer stays small: it stops reading the socket when full.
    m_received.clear();
    m_reply->setReadBufferSize(256 * 1024);
    connect(m_reply, &QNetworkReply::readyRead, this, [this] {
        if (!m_reply)
            return;
        m_received += m_reply->read(m_transport->m_config.maxResponseBytes + 1 - m_received.size());
        if (m_received.size() > m_transport->m_config.maxResponseBytes) {
            m_reply->disconnect(this);
            m_reply->abort();
            m_reply->deleteLater();
            stopTimers();
            fail(AwsError::make(AwsError::Kind::Decode, u"ResponseTooLarge"_s,
                                u"The response to %1 is larger than %2 bytes"_s.arg(m_operation).arg(m_transport->m_config.maxResponseBytes)));
        }
    });
    connect(m_reply, &QNetworkReply::finished, this, &AwsCall::onReplyFinished);
    // An attempt never outlives the call: the deadline ends the call, not the attempt timer.
    m_connectTimer->start(std::min(cfg.connectTimeoutMs, remainingMs()));
    m_requestTimer->start(std::min(cfg.requestTimeoutMs, remainingMs()));
}

const Result<AwsResponse> &AwsCall::result() const
{
    static const Result<AwsResponse> notYet(
        AwsError::make(AwsError::Kind::Cancelled, u"NotFinished"_s, u"The call has not finished"_s));
    return m_result ? *m_result : notYet;
}

void AwsCall::onAttemptTimeout(bool connectPhase)
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
    stopTimers();
    const TransportConfig &cfg = m_transport->m_config;
    AwsError e = AwsError::make(AwsError::Kind::Timeout, u"Timeout"_s,
                                connectPhase ? u"Could not connect to %1 within %2 ms"_s.arg(cfg.endpoint.host()).arg(cfg.connectTimeoutMs)
                                             : u"%1 got no complete answer within %2 ms"_s.arg(m_operation).arg(cfg.requestTimeoutMs));
    e.outcomeUnknown = m_sent;
    fail(e);
}

void AwsCall::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    stopTimers();
    reply->deleteLater();
    m_reply = nullptr;

    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const QByteArray body = m_received + reply->readAll();
    m_received.clear();
    const QString requestId = QString::fromLatin1(reply->hasRawHeader("x-amzn-RequestId") ? reply->rawHeader("x-amzn-RequestId")
                                                                                           : reply->rawHeader("x-amz-request-id"));
    if (!statusAttr.isValid()) {
        AwsError e = AwsError::make(AwsError::Kind::Network, u"NetworkError"_s,
                                    u"%1: %2"_s.arg(m_transport->m_config.endpoint.host(), reply->errorString()));
        e.outcomeUnknown = m_sent;
        fail(e);
        return;
    }
    const int status = statusAttr.toInt();
    if (status >= 200 && status < 300) {
        AwsResponse r;
        r.httpStatus = status;
        r.body = body;
        r.requestId = requestId;
        r.attempts = m_attempt;
        if (!body.trimmed().isEmpty()) {
            QJsonParseError parseError{};
            const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
            if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
                AwsError e = AwsError::make(AwsError::Kind::Decode, u"MalformedResponse"_s,
                                            u"The response to %1 is not a JSON object (%2 at byte %3)"_s.arg(
                                                m_operation, parseError.errorString()).arg(parseError.offset));
                e.httpStatus = status;
                e.requestId = requestId;
                finish(e);
                return;
            }
            r.json = doc.object();
        }
        m_transport->m_retry.recordSuccess(m_lastRetryCost);
        finish(r);
        return;
    }

    AwsError e = AwsJsonTransport::decodeServiceError(status, body, reply->rawHeader("x-amzn-ErrorType"), requestId);
    // A 5xx or throttling answer does not prove the work was not done: the service may have done
    // it before failing, and Qt resends a request by itself when a kept-alive connection drops
    // before any answer, so this answer may belong to a second copy. Only a client error that
    // every copy would get (validation, not found, access) is a definite "not done".
    if (m_sent && (StandardRetryStrategy::isRetryable(e, RetryMode::Legacy) || StandardRetryStrategy::isRetryable(e)))
        e.outcomeUnknown = true;
    if (status >= 300 && status < 400)
        e.message = u"Unexpected redirect (HTTP %1) from %2"_s.arg(status).arg(m_transport->m_config.endpoint.host());

    if (e.isClockSkew() && !m_skewRetried) {
        const QDateTime serverTime = parseHttpDate(reply->rawHeader("Date"));
        if (serverTime.isValid()) {
            const qint64 skew = m_transport->m_clock->nowUtc().msecsTo(serverTime);
            if (std::abs(skew - m_transport->m_skewMs) > 1000) {
                m_skewRetried = true;
                m_transport->m_skewMs = skew;
                Q_EMIT m_transport->clockSkewCorrected(skew);
                Q_EMIT attemptFailed(e, m_attempt, 0);
                --m_attempt; // a skew correction does not use up an attempt
                startAttempt();
                return;
            }
        }
    }
    fail(e);
}

void AwsCall::fail(const AwsError &error)
{
    m_unknownOutcome = m_unknownOutcome || error.outcomeUnknown;
    const RetryDecision decision = m_transport->m_retry.decide(m_attempt, error);
    if (!decision.retry) {
        finish(error);
        return;
    }
    m_lastRetryCost = decision.cost;
    qCDebug(lcAwsHttp).noquote() << m_operation << "attempt" << m_attempt << "failed:" << error.toString()
                                 << "- retrying in" << decision.delayMs << "ms";
    Q_EMIT attemptFailed(error, m_attempt, decision.delayMs);
    m_backoffTimer->start(decision.delayMs);
}

void AwsCall::finish(Result<AwsResponse> result)
{
    if (isFinished())
        return;
    stopTimers();
    m_deadlineTimer->stop();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    if (!result.ok() && m_unknownOutcome && !result.error().outcomeUnknown) {
        // An earlier attempt may have reached the service: its effect is unknown.
        AwsError e = result.error();
        e.outcomeUnknown = true;
        result = e;
    }
    if (!result.ok() && m_attempt > 1 && !m_deadlinePassed && result.error().kind != AwsError::Kind::Cancelled) {
        // Truthful about the whole call, not only the last attempt.
        AwsError e = result.error();
        e.message += u" (%1 attempts in %2 s)"_s.arg(m_attempt).arg(QString::number(m_elapsed.elapsed() / 1000.0, 'f', 1));
        result = e;
    }
    m_result = std::move(result);
    Q_EMIT finished();
    deleteLater();
}

} // namespace aws
