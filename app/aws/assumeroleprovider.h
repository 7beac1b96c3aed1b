#pragma once

#include "aws/credentialsprovider.h"
#include "aws/stsclient.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace aws {

// Credentials from STS: AssumeRole with the credentials of a source provider (a profile with
// keys, credential_process, another role: chaining) or AssumeRoleWithWebIdentity with a token
// file. Cached in memory and, for AssumeRole, in the AWS CLI's ~/.aws/cli/cache (so an MFA code
// entered in either is not asked again by the other); refreshed botocore's way: 15 minutes
// before expiry when possible, and a failed refresh keeps credentials valid for 10 more minutes.
class AssumeRoleCredentialsProvider final : public QObject, public CredentialsProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AssumeRoleCredentialsProvider)

public:
    struct Settings
    {
        QString profile;            // where the role is configured, for messages
        AssumeRoleRequest request;  // roleArn, roleSessionName, externalId, serialNumber, durationSeconds
        bool sessionNameConfigured = false; // role_session_name set: part of the cache key
        QString webIdentityTokenFile;       // set: AssumeRoleWithWebIdentity with this file's token
        QUrl stsEndpoint;
        QString stsRegion;
        QString cacheDir;                   // ~/.aws/cli/cache; empty: no file cache
        QString sourceDescription;          // "profile dev", "the environment", …
        QString endpointProblem;            // set: the STS endpoint could not be resolved (said on fetch)
        CaTrust caTrust; // AWS_CA_BUNDLE / ca_bundle, for STS
    };

    AssumeRoleCredentialsProvider(Settings settings, std::shared_ptr<CredentialsProvider> source,
                                  QNetworkAccessManager *network, MfaPrompt mfaPrompt,
                                  const Clock *clock = SystemClock::instance(), QObject *parent = nullptr);
    ~AssumeRoleCredentialsProvider() override;

    void fetch(QObject *context, Callback callback) override;
    QString description() const override;

    static constexpr qint64 advisoryRefreshSecs = 15 * 60;
    static constexpr qint64 mandatoryRefreshSecs = 10 * 60;
    static constexpr qint64 maxTokenFileBytes = 64 * 1024;

    int stsCalls() const { return m_stsCalls; }
    StsClient *sts() { return &m_sts; }
    QString cacheKey() const;

private:
    void start();
    void assume(const AwsCredentials &source, const QString &tokenCode);
    void finish(const Result<AwsCredentials> &result);

    Settings m_settings;
    std::shared_ptr<CredentialsProvider> m_source;
    MfaPrompt m_mfaPrompt;
    const Clock *m_clock;
    StsClient m_sts;
    std::optional<AwsCredentials> m_cached;
    QString m_assumedRoleArn;
    bool m_inFlight = false;
    int m_stsCalls = 0;
    QList<std::pair<QPointer<QObject>, Callback>> m_waiting;
};

} // namespace aws
