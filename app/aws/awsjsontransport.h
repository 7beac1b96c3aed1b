#pragma once

#include "aws/awserror.h"
#include "aws/catrust.h"
#include "aws/clock.h"
#include "aws/credentialsprovider.h"
#include "aws/result.h"
#include "aws/retrystrategy.h"
#include "aws/sigv4signer.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>

#include <optional>
#include <QPointer>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace aws {

struct TransportConfig
{
    QUrl endpoint;
    QString region;
    QString signingName = QStringLiteral("athena");
    QString targetPrefix = QStringLiteral("AmazonAthena");
    int connectTimeoutMs = 10000;  // until the request is on the wire
    int requestTimeoutMs = 60000;  // one whole attempt
    // The whole call: every attempt and the waits between them. An attempt never runs past it, and
    // the call ends with a Timeout error that says so when it passes. 0: no such deadline.
    int callTimeoutMs = 90000;
    int maxAttempts = 3; // every attempt, the first included
    int maxBackoffMs = 20000;
    RetryMode retryMode = RetryMode::Standard;
    qint64 maxResponseBytes = 64 * 1024 * 1024;
    CaTrust caTrust; // AWS_CA_BUNDLE: trusted in addition to the system store, for https
};

struct ClientSettings;
// The endpoint, signing region, retry settings and CA bundle of resolved client settings.
TransportConfig transportConfigFor(const ClientSettings &settings);

struct AwsResponse
{
    int httpStatus = 0;
    QByteArray body;
    QJsonObject json;
    QString requestId;
    int attempts = 0;
};

class AwsJsonTransport;

// One logical call: its attempts, timers and replies. Emits finished() exactly once, then
// deletes itself later; connect with a context object.
class AwsCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AwsCall)

public:
    ~AwsCall() override;

    QString operation() const { return m_operation; }
    QByteArray body() const { return m_body; }
    bool isFinished() const { return m_result.has_value(); }
    // Only meaningful once finished(); before that, a Cancelled error rather than undefined behaviour.
    const Result<AwsResponse> &result() const;
    int attempts() const { return m_attempt; }
    void cancel();
    // Ends the call because its transport goes away: finished() with a Cancelled error (outcome
    // unknown once a request was sent). The transport's destructor calls it for every live call.
    void abandon();

Q_SIGNALS:
    void finished();
    void attemptFailed(const aws::AwsError &error, int attempt, int retryDelayMs);

private:
    friend class AwsJsonTransport;
    AwsCall(AwsJsonTransport *transport, QString operation, QByteArray body);

    void startAttempt();
    void send(const AwsCredentials &credentials);
    void onReplyFinished();
    void onAttemptTimeout(bool connectPhase);
    void onDeadline();
    int remainingMs() const;
    void fail(const AwsError &error);
    void finish(Result<AwsResponse> result);
    void stopTimers();

    AwsJsonTransport *m_transport;
    QString m_operation;
    QByteArray m_body;
    int m_attempt = 0;
    int m_lastRetryCost = 0;
    bool m_sent = false;
    bool m_unknownOutcome = false; // an earlier attempt may have reached the service
    bool m_skewRetried = false;
    bool m_deadlinePassed = false;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_received; // the current attempt's body so far, at most maxResponseBytes + 1
    QTimer *m_connectTimer = nullptr;
    QTimer *m_requestTimer = nullptr;
    QTimer *m_backoffTimer = nullptr;
    QTimer *m_deadlineTimer = nullptr;
    QElapsedTimer m_elapsed; // since the first attempt began
    std::optional<Result<AwsResponse>> m_result;
};

// Sends awsJson1_1 requests: POST / with X-Amz-Target, signed with SigV4 just before each
// attempt, with timeouts, standard-mode retries and clock-skew correction.
class AwsJsonTransport final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AwsJsonTransport)

public:
    AwsJsonTransport(QNetworkAccessManager *network, std::shared_ptr<CredentialsProvider> credentials,
                     TransportConfig config, QObject *parent = nullptr);
    ~AwsJsonTransport() override;

    AwsCall *call(const QString &operation, const QByteArray &jsonBody);

    void setClock(const Clock *clock) { m_clock = clock; }
    void setRandom(RandomSource random);
    const TransportConfig &config() const { return m_config; }
    RetryQuota &retryQuota() { return m_quota; }
    qint64 clockSkewMs() const { return m_skewMs; }
    // HTTP requests sent (every attempt counts), for diagnostics and benchmarks.
    quint64 requestsSent() const { return m_requestsSent; }
    QString credentialsDescription() const;

    // Pieces shared with tests, fuzzers and the embedded endpoint.
    static AwsError decodeServiceError(int httpStatus, const QByteArray &body, const QByteArray &errorTypeHeader,
                                       const QString &requestId);
    static QByteArray hostHeader(const QUrl &url);
    static QString errorName(const QString &type);

Q_SIGNALS:
    void clockSkewCorrected(qint64 skewMs);

private:
    friend class AwsCall;

    QNetworkAccessManager *m_network;
    std::shared_ptr<CredentialsProvider> m_credentials;
    TransportConfig m_config;
    const Clock *m_clock = SystemClock::instance();
    RetryQuota m_quota;
    StandardRetryStrategy m_retry;
    qint64 m_skewMs = 0;
    quint64 m_requestsSent = 0;
};

} // namespace aws
