#pragma once

#include "aws/awsconfig.h"
#include "aws/awscredentials.h"
#include "aws/clock.h"
#include "aws/result.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QProcess;

namespace aws {

class CredentialsProvider
{
public:
    using Callback = std::function<void(const Result<AwsCredentials> &)>;
    virtual ~CredentialsProvider() = default;
    // Calls back once, possibly before returning; never after `context` is destroyed.
    virtual void fetch(QObject *context, Callback callback) = 0;
    // Where the credentials come from, for the status bar; never the secret.
    virtual QString description() const = 0;
};

class StaticCredentialsProvider final : public CredentialsProvider
{
public:
    explicit StaticCredentialsProvider(AwsCredentials credentials) : m_credentials(std::move(credentials)) {}
    void fetch(QObject *context, Callback callback) override;
    QString description() const override { return m_credentials.source; }

private:
    AwsCredentials m_credentials;
};

// Runs a profile's credential_process (JSON, "Version": 1) and caches the result until it is
// within the refresh window of its Expiration.
class ProcessCredentialsProvider final : public QObject, public CredentialsProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessCredentialsProvider)

public:
    ProcessCredentialsProvider(QString commandLine, QString profile, const Clock *clock = SystemClock::instance(),
                               QObject *parent = nullptr);
    ~ProcessCredentialsProvider() override;

    void fetch(QObject *context, Callback callback) override;
    QString description() const override;

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // Refresh this long before expiry (botocore's advisory window).
    static constexpr qint64 refreshBeforeExpirySecs = 15 * 60;
    int runCount() const { return m_runCount; }

    // Parses the process's standard output; public for tests and fuzzing.
    static Result<AwsCredentials> parseOutput(const QByteArray &json, const QString &profile);

private:
    void start();
    void finish(const Result<AwsCredentials> &result);

    QString m_commandLine;
    QString m_profile;
    const Clock *m_clock;
    int m_timeoutMs = 120000;
    int m_runCount = 0;
    std::optional<AwsCredentials> m_cached;
    QProcess *m_process = nullptr;
    QList<std::pair<QPointer<QObject>, Callback>> m_waiting;
};

// Splits a command line into words as a POSIX shell (and botocore's shlex.split) would.
// `ok` is false when a quote is left open.
QStringList splitCommandLine(const QString &command, bool *ok = nullptr);

// Asks a person for an MFA code for the device `serial` and answers once: the code, or nullopt
// when there is nobody to ask or they cancelled. The app shows a dialog; athenactl reads the
// terminal. The code is a secret: it is never logged or kept.
using MfaPrompt = std::function<void(const QString &serial, std::function<void(std::optional<QString>)> answer)>;

// What providers that call AWS themselves (STS) need from their host.
struct ProviderContext
{
    QNetworkAccessManager *network = nullptr; // without one, profiles that assume roles are an error
    MfaPrompt mfaPrompt;                      // without one, a role with mfa_serial is an error
    // Whether this machine is an EC2 instance; unset: looksLikeEc2Instance() (aws/imdsprovider.h).
    // Tests answer it themselves.
    std::function<bool()> isEc2Instance;
    // Where AWS_CONTAINER_CREDENTIALS_RELATIVE_URI points; empty: http://169.254.170.2 (tests
    // point it at a loopback stub).
    QUrl containerRelativeBase;
};

// botocore's credential chain: explicit keys; the environment (unless a profile was named on the
// command line); assume role (role_arn with source_profile or credential_source: Environment,
// EcsContainer or Ec2InstanceMetadata); web identity (AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE,
// or a profile's role_arn + web_identity_token_file); SSO; the shared credentials file;
// credential_process; keys in the config file; the container's credentials endpoint
// (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI); the EC2 instance metadata service — only
// on an EC2 instance or with an endpoint configured, never when AWS_EC2_METADATA_DISABLED=true,
// so that a desktop is never slowed by waiting for a service it does not have.
Result<std::shared_ptr<CredentialsProvider>> resolveCredentialsProvider(const AwsConfigFiles &files,
                                                                        const Environment &env,
                                                                        const QString &profile,
                                                                        bool profileExplicit,
                                                                        const AwsCredentials &explicitCredentials = {},
                                                                        const Clock *clock = SystemClock::instance(),
                                                                        const ProviderContext &context = {});

} // namespace aws
