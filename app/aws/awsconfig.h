#pragma once

#include "aws/result.h"
#include "aws/sharedconfigfile.h"

#include <QHash>
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

struct ClientSettings
{
    QString profile;
    bool profileExplicit = false; // named on the command line (which disables environment keys)
    QString region;
    QString regionSource;
    QUrl endpoint;
    QString endpointSource;
};

// Resolves profile, region and endpoint with the AWS CLI's precedence.
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
    // the profile, the profile's endpoint_url, then the service's public endpoint for the region.
    Result<QUrl> endpoint(const QString &service, const QString &profile, const QString &region,
                          const QString &explicitUrl, QString *source = nullptr) const;
    Result<ClientSettings> resolve(const QString &service, const QString &explicitProfile,
                                   const QString &explicitRegion, const QString &explicitEndpoint) const;

    static QUrl defaultEndpoint(const QString &service, const QString &region);
    static bool isValidRegion(const QString &region);

private:
    const AwsConfigFiles &m_files;
    Environment m_env;
};

// True for localhost, 127.0.0.0/8 and ::1.
bool isLoopbackHost(const QString &host);
// An endpoint URL the client may talk to: https anywhere, plain http only to loopback.
[[nodiscard]] std::optional<AwsError> checkEndpoint(const QUrl &url);

} // namespace aws
