#pragma once

#include "aws/awscredentials.h"
#include "aws/result.h"

#include <QByteArray>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace aws {

// What a credentials endpoint answered: any HTTP status, and the body (bounded).
struct MetadataResponse
{
    int status = 0;
    QByteArray body;
};

// One HTTP request to a credentials endpoint on the instance or next to the container (the ECS
// or EKS agent, the EC2 instance metadata service). Bounded in time (the whole exchange) and in
// size (the body: a longer one is aborted as it arrives), redirects not followed. Answers once:
// the status and body of any HTTP answer, or an error (Timeout, NetworkError, ResponseTooLarge)
// that names `what` and never the request's headers. It is a child of `parent`: destroying the
// parent aborts the request, and then nothing is answered.
class MetadataRequest final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetadataRequest)

public:
    using Callback = std::function<void(const Result<MetadataResponse> &)>;

    static constexpr qint64 maxBodyBytes = 64 * 1024;

    // `verb` is "GET" or "PUT" (with an empty body). `what` names the endpoint in messages, e.g.
    // "the container credentials endpoint http://169.254.170.2".
    static void send(QNetworkAccessManager *network, const QByteArray &verb, const QNetworkRequest &request, int timeoutMs,
                     const QString &what, QObject *parent, Callback done);

    ~MetadataRequest() override;

private:
    MetadataRequest(QString what, int timeoutMs, QObject *parent, Callback done);
    void start(QNetworkAccessManager *network, const QByteArray &verb, QNetworkRequest request);
    void onReadyRead();
    void onFinished();
    void deliver(const Result<MetadataResponse> &result);

    QString m_what;
    int m_timeoutMs;
    Callback m_done;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_timer;
    QByteArray m_body;
    bool m_delivered = false;
};

// The credentials JSON that container endpoints and IMDS answer: AccessKeyId, SecretAccessKey,
// Token and Expiration (ISO 8601), all required, as botocore requires them. Errors name `who` and
// the missing member, never a value. Public for tests and fuzzing.
Result<AwsCredentials> parseMetadataCredentials(const QByteArray &json, const QString &who);

} // namespace aws
