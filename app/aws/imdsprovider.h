#pragma once

#include "aws/awsconfig.h"
#include "aws/credentialscache.h"
#include "aws/credentialsprovider.h"

#include <QObject>
#include <QUrl>

class QNetworkAccessManager;

namespace aws {

// Whether this machine says it is an EC2 instance: its DMI vendor is "Amazon EC2", its board
// asset tag an instance id ("i-…"), or its Xen hypervisor UUID starts with "ec2". Reads a few
// small files under `sysRoot` (a fake tree in tests); no network.
bool looksLikeEc2Instance(const QString &sysRoot = QStringLiteral("/"));

// The role credentials of an EC2 instance profile, from the instance metadata service, as
// botocore's InstanceMetadataFetcher gets them: IMDSv2 (PUT /latest/api/token with a TTL of six
// hours, then the token in x-aws-ec2-metadata-token), falling back to IMDSv1 when the token
// request is refused with 403, 404 or 405, times out or keeps failing (unless
// ec2_metadata_v1_disabled); then GET /latest/meta-data/iam/security-credentials/ for the role
// name and …/<role> for the credentials. Each request is bounded to metadata_service_timeout
// (1 s) and 64 KiB and tried metadata_service_num_attempts times (1).
//
// Static stability, as botocore: IMDS may answer credentials that expire soon or have expired
// while it cannot renew them. They are used (the services accept them for a while), IMDS is asked
// again in 2 to 10 minutes, and when they have expired their source says so and a warning is
// logged: they are never used past their expiry silently.
class InstanceMetadataCredentialsProvider final : public QObject, public CredentialsProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InstanceMetadataCredentialsProvider)

public:
    struct Settings
    {
        QUrl baseUrl;                  // http://169.254.169.254/, [fd00:ec2::254] or the configured endpoint
        bool endpointConfigured = false; // AWS_EC2_METADATA_SERVICE_ENDPOINT / ec2_metadata_service_endpoint
        bool disabled = false;         // AWS_EC2_METADATA_DISABLED=true
        bool v1Disabled = false;       // AWS_EC2_METADATA_V1_DISABLED / ec2_metadata_v1_disabled
        int timeoutMs = 1000;          // AWS_METADATA_SERVICE_TIMEOUT / metadata_service_timeout (seconds)
        int attempts = 1;              // AWS_METADATA_SERVICE_NUM_ATTEMPTS / metadata_service_num_attempts
    };

    static QUrl defaultIpv4Endpoint() { return QUrl(QStringLiteral("http://169.254.169.254/")); }
    static QUrl defaultIpv6Endpoint() { return QUrl(QStringLiteral("http://[fd00:ec2::254]/")); }
    static constexpr int tokenTtlSecs = 21600;
    // botocore's extension of expiring IMDS credentials: refresh window plus 2 to 10 minutes.
    static constexpr qint64 extensionWindowSecs = 15 * 60;
    static constexpr qint64 minJitterSecs = 120;
    static constexpr qint64 maxJitterSecs = 600;

    // The settings of the environment and of `profile`'s config (botocore's names, the
    // environment first). Errors for a value botocore refuses: an endpoint that is not an http(s)
    // URL, an endpoint mode other than IPv4/IPv6, a timeout or attempt count that is not a
    // positive integer.
    static Result<Settings> settingsFrom(const AwsConfigFiles &files, const Environment &env, const QString &profile);

    InstanceMetadataCredentialsProvider(Settings settings, QNetworkAccessManager *network,
                                        const Clock *clock = SystemClock::instance(), QObject *parent = nullptr);
    ~InstanceMetadataCredentialsProvider() override;

    void fetch(QObject *context, Callback callback) override;
    QString description() const override;

    void setRandomSource(RandomSource random) { m_random = std::move(random); }
    // Prefixed to every failure's message (the chain says where else it looked).
    void setFailurePrefix(const QString &prefix) { m_failurePrefix = prefix; }
    int requestCount() const { return m_requests; }
    const Settings &settings() const { return m_settings; }

private:
    void requestToken(int number);
    void requestRole(int number);
    void requestCredentials(int number);
    void get(const QString &path, int number, void (InstanceMetadataCredentialsProvider::*retry)(int),
             const std::function<std::optional<Result<AwsCredentials>>(const QByteArray &)> &onBody);
    void succeed(AwsCredentials credentials);
    void fail(AwsError error);
    QUrl url(const QString &path) const;
    QString endpointName() const;
    QString baseName() const; // the base URL for messages, without a trailing slash

    Settings m_settings;
    QNetworkAccessManager *m_network;
    const Clock *m_clock;
    CredentialsCache m_cache;
    RandomSource m_random = systemRandom();
    QString m_failurePrefix;
    QByteArray m_token; // this refresh's IMDSv2 session token; a secret, never logged
    QString m_role;
    int m_requests = 0;
};

} // namespace aws
