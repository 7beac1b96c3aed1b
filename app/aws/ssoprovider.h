#pragma once

#include "aws/catrust.h"
#include "aws/credentialsprovider.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <optional>

class QNetworkAccessManager;

namespace aws {

// IAM Identity Center (SSO) role credentials, as botocore resolves them: the access token from the
// AWS CLI's token cache (~/.aws/sso/cache/<sha1 of the sso_session name, or of the start URL for
// legacy profiles>.json), refreshed with its refresh token (SSO OIDC CreateToken) within 15
// minutes of expiry for sso_session profiles and written back in the CLI's format; then the SSO
// portal's GetRoleCredentials. The role credentials are cached in ~/.aws/cli/cache under
// botocore's key, so the CLI and the app share them.
class SsoCredentialsProvider final : public QObject, public CredentialsProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SsoCredentialsProvider)

public:
    struct Settings
    {
        QString profile;
        QString accountId;
        QString roleName;
        QString startUrl;
        QString ssoRegion;
        QString sessionName;   // empty for a legacy profile (sso_start_url in the profile)
        QUrl portalEndpoint;   // portal.sso.<region>.amazonaws.com, or AWS_ENDPOINT_URL_SSO
        QUrl oidcEndpoint;     // oidc.<region>.amazonaws.com, or AWS_ENDPOINT_URL_SSO_OIDC
        QString tokenCacheDir; // ~/.aws/sso/cache
        QString cacheDir;      // ~/.aws/cli/cache; empty: none
        CaTrust caTrust; // AWS_CA_BUNDLE / ca_bundle
    };

    SsoCredentialsProvider(Settings settings, QNetworkAccessManager *network, const Clock *clock = SystemClock::instance(),
                           QObject *parent = nullptr);
    ~SsoCredentialsProvider() override;

    void fetch(QObject *context, Callback callback) override;
    QString description() const override;

    // botocore's keys: the token file's name, and the role credentials' cache key.
    static QString tokenCacheKey(const QString &startUrl, const QString &sessionName);
    static QString roleCacheKey(const QString &accountId, const QString &roleName, const QString &startUrl,
                                const QString &sessionName);

    static constexpr qint64 tokenRefreshWindowSecs = 15 * 60;
    static constexpr qint64 maxResponseBytes = 1024 * 1024;
    int portalCalls() const { return m_portalCalls; }
    int refreshCalls() const { return m_refreshCalls; }

private:
    struct Token
    {
        QJsonObject cached; // the cache file as read (written back with a refreshed token)
        QString accessToken;
        QDateTime expiresAt;
    };
    void start();
    std::optional<Token> readToken(AwsError *error) const;
    void refreshToken(const Token &token);
    void getRoleCredentials(const QString &accessToken);
    void finish(const Result<AwsCredentials> &result);
    // One bounded HTTP exchange: a JSON body back, or an error naming `what`.
    using JsonCallback = std::function<void(int status, const Result<QJsonObject> &body)>;
    void exchange(const QString &what, const QUrl &url, const QByteArray &postBody,
                  const QList<std::pair<QByteArray, QByteArray>> &headers, const JsonCallback &done);

    Settings m_settings;
    QNetworkAccessManager *m_network;
    const Clock *m_clock;
    std::optional<AwsCredentials> m_cached;
    bool m_inFlight = false;
    int m_portalCalls = 0;
    int m_refreshCalls = 0;
    QList<std::pair<QPointer<QObject>, Callback>> m_waiting;
};

} // namespace aws
