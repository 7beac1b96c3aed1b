#pragma once

#include "aws/awsconfig.h"
#include "aws/clock.h"
#include "aws/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <optional>

class QNetworkAccessManager;

namespace aws {

// Signs in to IAM Identity Center as `aws sso login` does (OAuth 2.0 device authorization,
// RFC 8628, over SSO OIDC): RegisterClient (the registration cached in ~/.aws/sso/cache under
// botocore's key and reused while valid), StartDeviceAuthorization, then CreateToken polled at the
// service's interval (AuthorizationPendingException: wait; SlowDownException: 5 s slower;
// ExpiredTokenException or the code's expiry: give up). The token is written to the AWS CLI's
// token cache (atomically, 0600) so that the CLI, athenactl and the app share one sign-in. Who
// drives it shows the verification URL and user code (awaitingApproval) and opens the browser.
// Client secret, device code and tokens are never logged or put in a message.
class SsoDeviceSignIn final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SsoDeviceSignIn)

public:
    struct Settings
    {
        QString profile;
        QString startUrl;
        QString ssoRegion;
        QString sessionName;      // empty for a legacy profile (sso_start_url in the profile)
        QStringList scopes;       // sso_registration_scopes of the sso-session; empty: none asked
        QUrl oidcEndpoint;        // oidc.<region>.amazonaws.com, or AWS_ENDPOINT_URL_SSO_OIDC
        QString tokenCacheDir;    // ~/.aws/sso/cache
        CaTrust caTrust; // AWS_CA_BUNDLE / ca_bundle
    };

    // The sign-in settings of an IAM Identity Center profile, or an error saying why it has none.
    static Result<Settings> settingsFor(const AwsConfigFiles &files, const Environment &env, const QString &profile);
    // botocore's cache key of a client registration: SHA-1 of json.dumps({tool, startUrl, region,
    // scopes, session_name}, sort_keys=True).
    static QString registrationCacheKey(const QString &startUrl, const QString &region, const QStringList &scopes,
                                        const QString &sessionName);

    SsoDeviceSignIn(Settings settings, QNetworkAccessManager *network, const Clock *clock = SystemClock::instance(),
                    QObject *parent = nullptr);
    ~SsoDeviceSignIn() override;

    const Settings &settings() const { return m_settings; }
    void start();
    // Stops polling; failed() reports Cancelled.
    void cancel();
    bool isRunning() const { return m_running; }

    QUrl verificationUrl() const { return m_verificationUrl; }
    QString userCode() const { return m_userCode; }
    int registrations() const { return m_registrations; }
    int polls() const { return m_polls; }

    // For tests: SSO OIDC answers in whole seconds; a test server can ask for less.
    void setPollIntervalScale(double scale) { m_intervalScale = scale; }
    void setRequestTimeoutMs(int ms) { m_requestTimeoutMs = ms; }
    int intervalSecs() const { return m_intervalSecs; }

    static constexpr int defaultIntervalSecs = 5;
    static constexpr int slowDownStepSecs = 5;
    static constexpr int maxExpiresInSecs = 60 * 60; // a code valid longer than an hour is not believed

Q_SIGNALS:
    // The user approves the sign-in at `url` (already carrying the code when the service gives one)
    // with `userCode`, before `expiresAt`.
    void awaitingApproval(const QUrl &url, const QString &userCode, const QDateTime &expiresAt);
    // Once per start(), one of these: the token's expiry, or why there is none.
    void succeeded(const QDateTime &expiresAt);
    void failed(const aws::AwsError &error);

private:
    struct Registration
    {
        QString clientId;
        QString clientSecret;
        QDateTime expiresAt;
    };
    void registerClient();
    void startAuthorization(bool mayRegisterAgain);
    void poll();
    void schedulePoll();
    void tokenReceived(const QJsonObject &answer);
    void finish(const Result<QDateTime> &result);
    QUrl oidcUrl(const QString &path) const;
    std::optional<Registration> cachedRegistration() const;

    Settings m_settings;
    QNetworkAccessManager *m_network;
    const Clock *m_clock;
    QObject *m_calls = nullptr; // parent of the current exchange: deleted to cancel it
    QTimer m_pollTimer;
    bool m_running = false;
    Registration m_registration;
    QString m_deviceCode; // a secret
    QString m_userCode;
    QUrl m_verificationUrl;
    QDateTime m_codeExpiresAt;
    int m_intervalSecs = defaultIntervalSecs;
    double m_intervalScale = 1.0;
    int m_requestTimeoutMs = 30000;
    int m_registrations = 0;
    int m_polls = 0;
};

} // namespace aws
