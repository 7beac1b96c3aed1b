#pragma once

#include "aws/awsconfig.h"
#include "aws/credentialscache.h"
#include "aws/credentialsprovider.h"

#include <QObject>
#include <QUrl>

#include <optional>

class QNetworkAccessManager;

namespace aws {

// Credentials from the container's credentials endpoint, as botocore's ContainerProvider gets
// them: ECS task roles (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, under http://169.254.170.2) and
// EKS Pod Identity or any other agent (AWS_CONTAINER_CREDENTIALS_FULL_URI: https anywhere, plain
// http only to a loopback address or the ECS/EKS agents' addresses). The Authorization header
// comes from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, read again at every fetch (the agent
// rotates it), or AWS_CONTAINER_AUTHORIZATION_TOKEN; a token with a line break is refused. The
// answer is JSON {AccessKeyId, SecretAccessKey, Token, Expiration}, cached and refreshed by
// CredentialsCache's rules. Each attempt is bounded to 2 s and 64 KiB; 3 attempts, 1 s apart.
class ContainerCredentialsProvider final : public QObject, public CredentialsProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContainerCredentialsProvider)

public:
    struct Settings
    {
        QUrl url;              // the credentials endpoint, complete
        QString urlSource;     // the variable that named it, for messages
        QString authToken;     // AWS_CONTAINER_AUTHORIZATION_TOKEN; a secret
        QString authTokenFile; // AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE; wins over authToken
    };

    static constexpr int defaultTimeoutMs = 2000;
    static constexpr int defaultAttempts = 3;
    static constexpr int defaultRetryDelayMs = 1000;
    static constexpr qint64 maxTokenFileBytes = 64 * 1024;

    // Where RELATIVE_URI points (botocore's ContainerMetadataFetcher.IP_ADDRESS).
    static QUrl defaultRelativeBase() { return QUrl(QStringLiteral("http://169.254.170.2")); }
    // The settings the environment asks for; nullopt when neither URI variable is set; an error
    // for a URL botocore refuses. `relativeBase` replaces defaultRelativeBase() (for tests).
    static std::optional<Result<Settings>> settingsFrom(const Environment &env, const QUrl &relativeBase = {});
    // botocore's rule for a FULL_URI: https to any host; http only to 127.0.0.0/8, ::1, localhost,
    // 169.254.170.2 (ECS), 169.254.170.23 or fd00:ec2::23 (EKS Pod Identity).
    [[nodiscard]] static std::optional<AwsError> checkFullUri(const QUrl &url);

    ContainerCredentialsProvider(Settings settings, QNetworkAccessManager *network,
                                 const Clock *clock = SystemClock::instance(), QObject *parent = nullptr);
    ~ContainerCredentialsProvider() override;

    void fetch(QObject *context, Callback callback) override;
    QString description() const override;

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void setAttempts(int attempts) { m_attempts = attempts; }
    void setRetryDelayMs(int ms) { m_retryDelayMs = ms; }
    int requestCount() const { return m_requests; }

private:
    void attempt(int number);
    Result<QByteArray> authorization() const;
    QString endpointName() const;

    Settings m_settings;
    QNetworkAccessManager *m_network;
    const Clock *m_clock;
    CredentialsCache m_cache;
    int m_timeoutMs = defaultTimeoutMs;
    int m_attempts = defaultAttempts;
    int m_retryDelayMs = defaultRetryDelayMs;
    int m_requests = 0;
};

} // namespace aws
