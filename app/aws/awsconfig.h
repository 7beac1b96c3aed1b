#pragma once

#include "aws/catrust.h"
#include "aws/endpointresolver.h"
#include "aws/result.h"
#include "aws/retrystrategy.h"
#include "aws/sharedconfigfile.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace aws {

// A snapshot of the process environment, injectable for tests.
using Environment = QHash<QString, QString>;
Environment processEnvironment();

// The shared config (~/.aws/config) and credentials (~/.aws/credentials) files, as the AWS CLI
// finds them: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE override the paths.
class AwsConfigFiles
{
public:
    static Result<AwsConfigFiles> load(const Environment &env);
    static QString configPath(const Environment &env);
    static QString credentialsPath(const Environment &env);

    const SharedConfigFile &config() const { return m_config; }
    const SharedConfigFile &credentials() const { return m_credentials; }

    // Profile names from both files, "default" first, then sorted.
    QStringList profileNames() const;
    // The same for files that may not parse: when load() fails, the names its well-formed section
    // headers give, and the error in `problem` (file and line), so that a chooser still lists them.
    static QStringList readableProfileNames(const Environment &env, std::optional<AwsError> *problem);
    bool hasProfile(const QString &name) const;
    // The profile's section in the config file ([default] or [profile name]); nullptr if absent.
    const ConfigSection *configProfile(const QString &name) const;
    // The profile's section in the credentials file ([name]); nullptr if absent.
    const ConfigSection *credentialsProfile(const QString &name) const;
    // A setting looked up in the credentials file, then the config file.
    QString profileValue(const QString &profile, const QString &key) const;
    const ConfigSection *servicesSection(const QString &name) const;

private:
    SharedConfigFile m_config;
    SharedConfigFile m_credentials;
};

// AWS_RETRY_MODE / retry_mode and AWS_MAX_ATTEMPTS / max_attempts.
struct RetrySettings
{
    RetryMode mode = RetryMode::Standard;
    int maxAttempts = 3; // every attempt, the first included
    QString description; // "standard mode, 3 attempts (defaults)", with where each came from
};

struct ClientSettings
{
    QString profile;
    bool profileExplicit = false; // named on the command line (which disables environment keys)
    QString region; // a FIPS pseudo-region ("fips-us-gov-west-1") normalised
    QString regionSource;
    QString signingRegion; // the SigV4 scope: the region, or us-east-1 for STS's global endpoint
    QUrl endpoint;
    QString endpointSource;
    EndpointOptions endpointOptions; // FIPS, dual-stack and the STS mode that chose a public endpoint
    RetrySettings retry;
    CaTrust caBundle; // AWS_CA_BUNDLE / ca_bundle, read by the first https request
};

// Resolves profile, region, endpoint and client settings with the AWS CLI's precedence.
class SettingsResolver
{
public:
    SettingsResolver(const AwsConfigFiles &files, Environment env);

    // --profile, then AWS_PROFILE, then "default". A named profile that exists in neither file is
    // an error; the implicit "default" may be absent.
    Result<QString> profile(const QString &explicitProfile) const;
    // --region, then AWS_REGION, then AWS_DEFAULT_REGION, then the profile's region.
    Result<QString> region(const QString &profile, const QString &explicitRegion, QString *source = nullptr) const;
    // --endpoint-url, AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the [services] section named by
    // the profile, the profile's endpoint_url, then the service's public endpoint for the region
    // (EndpointResolver, with endpointOptions()). <SERVICE> and the [services] key are the
    // service id as botocore spells them: AWS_ENDPOINT_URL_SSO_OIDC and sso_oidc for "sso-oidc".
    Result<QUrl> endpoint(const QString &service, const QString &profile, const QString &region,
                          const QString &explicitUrl, QString *source = nullptr) const;
    Result<ClientSettings> resolve(const QString &service, const QString &explicitProfile,
                                   const QString &explicitRegion, const QString &explicitEndpoint) const;

    // AWS_USE_FIPS_ENDPOINT / use_fips_endpoint, AWS_USE_DUALSTACK_ENDPOINT / use_dualstack_endpoint
    // ("true" or "false", any case; the environment wins) and AWS_STS_REGIONAL_ENDPOINTS /
    // sts_regional_endpoints ("regional", the default, or "legacy").
    Result<EndpointOptions> endpointOptions(const QString &profile) const;
    // AWS_RETRY_MODE / retry_mode ("standard", the default; "legacy"; "adaptive", which retries
    // as standard) and AWS_MAX_ATTEMPTS / max_attempts (an integer from 1; default 3, 5 in legacy).
    Result<RetrySettings> retry(const QString &profile) const;
    // AWS_CA_BUNDLE, then the profile's ca_bundle ("~/" expanded), not read yet (CaTrust reads
    // it when an https request needs it). Not set, or set to "": none.
    CaTrust caBundle(const QString &profile) const;

    // The public endpoint without FIPS or dual-stack; empty for a region no endpoint exists for.
    // Prefer endpoint(), which honours every setting and says what is wrong.
    static QUrl defaultEndpoint(const QString &service, const QString &region);
    static bool isValidRegion(const QString &region);

private:
    // endpoint(), also handing out the public endpoint's details when one was chosen.
    Result<QUrl> endpointFor(const QString &service, const QString &profile, const QString &region,
        const QString &explicitUrl, QString *source, ResolvedEndpoint *resolved) const;

    const AwsConfigFiles &m_files;
    Environment m_env;
};

// True for localhost, 127.0.0.0/8 and ::1.
bool isLoopbackHost(const QString &host);
// An endpoint URL the client may talk to: https anywhere, plain http only to loopback.
[[nodiscard]] std::optional<AwsError> checkEndpoint(const QUrl &url);

} // namespace aws
