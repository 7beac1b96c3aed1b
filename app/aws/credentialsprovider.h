#pragma once

#include "aws/awsconfig.h"
#include "aws/awscredentials.h"
#include "aws/clock.h"
#include "aws/result.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <memory>

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

// The AWS CLI's credential chain: explicit keys, environment (unless a profile was named on the
// command line), the shared credentials file, credential_process, the config file.
Result<std::shared_ptr<CredentialsProvider>> resolveCredentialsProvider(const AwsConfigFiles &files,
                                                                        const Environment &env,
                                                                        const QString &profile,
                                                                        bool profileExplicit,
                                                                        const AwsCredentials &explicitCredentials = {},
                                                                        const Clock *clock = SystemClock::instance());

} // namespace aws
