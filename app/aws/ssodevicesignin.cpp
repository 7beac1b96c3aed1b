#include "aws/ssodevicesignin.h"

#include "aws/clicache.h"
#include "aws/jsonexchange.h"
#include "aws/ssoprovider.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace aws {

namespace {

AwsError signInError(const QString &code, const QString &message)
{
    return AwsError::make(AwsError::Kind::Credentials, code, message);
}

QString utcText(const QDateTime &t)
{
    return t.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss'Z'"_s);
}

QDateTime parseUtc(QString text)
{
    if (text.endsWith(u"UTC"_s))
        text = text.chopped(3) + u'Z';
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    return t.isValid() && t.timeSpec() != Qt::LocalTime ? t.toUTC() : QDateTime();
}

// sso_registration_scopes: comma-separated, blanks dropped (as the AWS CLI parses it).
QStringList parseScopes(const QString &value)
{
    QStringList scopes;
    for (const QString &s : value.split(u',')) {
        if (!s.trimmed().isEmpty())
            scopes << s.trimmed();
    }
    return scopes;
}

constexpr int maxTransientFailures = 3;

} // namespace

Result<SsoDeviceSignIn::Settings> SsoDeviceSignIn::settingsFor(const AwsConfigFiles &files, const Environment &env,
                                                               const QString &profile)
{
    Settings s;
    s.profile = profile;
    s.sessionName = files.profileValue(profile, u"sso_session"_s);
    s.startUrl = files.profileValue(profile, u"sso_start_url"_s);
    s.ssoRegion = files.profileValue(profile, u"sso_region"_s);
    if (!s.sessionName.isEmpty()) {
        const ConfigSection *session = files.config().section(u"sso-session "_s + s.sessionName);
        if (!session)
            return AwsError::make(AwsError::Kind::Config, u"InvalidConfig"_s,
                                  u"Profile '%1' names sso_session '%2', but %3 has no [sso-session %2] section"_s.arg(
                                      profile, s.sessionName, files.config().fileName()));
        s.startUrl = session->value(u"sso_start_url"_s);
        s.ssoRegion = session->value(u"sso_region"_s);
        s.scopes = parseScopes(session->value(u"sso_registration_scopes"_s));
    }
    if (s.startUrl.isEmpty() || s.ssoRegion.isEmpty())
        return AwsError::make(AwsError::Kind::Config, u"InvalidConfig"_s,
                              s.sessionName.isEmpty() && s.startUrl.isEmpty()
                                  ? u"Profile '%1' does not use IAM Identity Center (no sso_session or sso_start_url)"_s.arg(profile)
                                  : u"Profile '%1' uses IAM Identity Center but lacks sso_start_url or sso_region"_s.arg(profile));
    const SettingsResolver resolver(files, env);
    auto oidc = resolver.endpoint(u"sso-oidc"_s, profile, s.ssoRegion, {});
    if (!oidc.ok())
        return oidc.error();
    s.oidcEndpoint = oidc.value();
    s.caTrust = resolver.caBundle(profile);
    QString home = env.value(u"HOME"_s);
    if (home.isEmpty())
        home = QDir::homePath();
    s.tokenCacheDir = QDir(home).filePath(u".aws/sso/cache"_s);
    return s;
}

QString SsoDeviceSignIn::registrationCacheKey(const QString &startUrl, const QString &region, const QStringList &scopes,
                                              const QString &sessionName)
{
    // json.dumps(args, sort_keys=True): ", " and ": " separators, keys sorted, None as null.
    QByteArray scopesJson = "null";
    if (!scopes.isEmpty()) {
        QByteArrayList items;
        for (const QString &scope : scopes)
            items << clicache::pythonJsonString(scope);
        scopesJson = '[' + items.join(", ") + ']';
    }
    const QByteArray json = "{\"region\": " + clicache::pythonJsonString(region) + ", \"scopes\": " + scopesJson
                            + ", \"session_name\": "
                            + (sessionName.isEmpty() ? QByteArray("null") : clicache::pythonJsonString(sessionName))
                            + ", \"startUrl\": " + clicache::pythonJsonString(startUrl) + ", \"tool\": \"botocore\"}";
    return QString::fromLatin1(QCryptographicHash::hash(json, QCryptographicHash::Sha1).toHex());
}

SsoDeviceSignIn::SsoDeviceSignIn(Settings settings, QNetworkAccessManager *network, const Clock *clock, QObject *parent)
    : QObject(parent), m_settings(std::move(settings)), m_network(network), m_clock(clock)
{
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &SsoDeviceSignIn::poll);
}

SsoDeviceSignIn::~SsoDeviceSignIn() = default;

QUrl SsoDeviceSignIn::oidcUrl(const QString &path) const
{
    QUrl url = m_settings.oidcEndpoint;
    QString base = url.path();
    if (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + path);
    return url;
}

std::optional<SsoDeviceSignIn::Registration> SsoDeviceSignIn::cachedRegistration() const
{
    QFile file(QDir(m_settings.tokenCacheDir)
                   .filePath(registrationCacheKey(m_settings.startUrl, m_settings.ssoRegion, m_settings.scopes,
                                                  m_settings.sessionName)
                             + u".json"_s));
    if (!file.open(QIODevice::ReadOnly) || file.size() > 64 * 1024)
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    Registration r{o.value(u"clientId"_s).toString(), o.value(u"clientSecret"_s).toString(),
                   parseUtc(o.value(u"expiresAt"_s).toString())};
    // Reused while it has a quarter of an hour left, enough for one sign-in.
    if (r.clientId.isEmpty() || r.clientSecret.isEmpty() || !r.expiresAt.isValid()
        || r.expiresAt < m_clock->nowUtc().addSecs(15 * 60))
        return std::nullopt;
    return r;
}

void SsoDeviceSignIn::start()
{
    if (m_running)
        return;
    m_running = true;
    m_deviceCode.clear();
    m_userCode.clear();
    m_verificationUrl.clear();
    m_intervalSecs = defaultIntervalSecs;
    delete m_calls;
    m_calls = new QObject(this);
    if (auto cached = cachedRegistration()) {
        m_registration = *cached;
        startAuthorization(true);
    } else {
        registerClient();
    }
}

void SsoDeviceSignIn::cancel()
{
    if (!m_running)
        return;
    finish(AwsError::make(AwsError::Kind::Cancelled, u"Cancelled"_s, u"The IAM Identity Center sign-in was cancelled"_s));
}

void SsoDeviceSignIn::registerClient()
{
    ++m_registrations;
    QJsonObject body;
    body.insert(u"clientName"_s, u"athena-sessions-%1"_s.arg(m_settings.sessionName.isEmpty()
                                                                  ? QString::number(m_clock->nowUtc().toSecsSinceEpoch())
                                                                  : m_settings.sessionName));
    body.insert(u"clientType"_s, u"public"_s);
    if (!m_settings.scopes.isEmpty())
        body.insert(u"scopes"_s, QJsonArray::fromStringList(m_settings.scopes));
    JsonExchangeRequest request{u"SSO OIDC RegisterClient"_s, oidcUrl(u"/client/register"_s), true,
                                QJsonDocument(body).toJson(QJsonDocument::Compact),
                                {{"Content-Type", "application/json"}}, m_requestTimeoutMs, 1024 * 1024, m_settings.caTrust};
    exchangeJson(m_network, m_calls, request, [this](int, const Result<QJsonObject> &answer) {
        if (!answer.ok()) {
            finish(answer.error());
            return;
        }
        const double expires = answer->value(u"clientSecretExpiresAt"_s).toDouble();
        m_registration = {answer->value(u"clientId"_s).toString(), answer->value(u"clientSecret"_s).toString(),
                          QDateTime::fromSecsSinceEpoch(static_cast<qint64>(expires), Qt::UTC)};
        if (m_registration.clientId.isEmpty() || m_registration.clientSecret.isEmpty() || expires <= 0) {
            finish(AwsError::make(AwsError::Kind::Decode, u"MalformedResponse"_s,
                                  u"SSO OIDC RegisterClient answered without a client"_s));
            return;
        }
        QJsonObject cached;
        cached.insert(u"clientId"_s, m_registration.clientId);
        cached.insert(u"clientSecret"_s, m_registration.clientSecret);
        cached.insert(u"expiresAt"_s, utcText(m_registration.expiresAt));
        if (!m_settings.scopes.isEmpty())
            cached.insert(u"scopes"_s, QJsonArray::fromStringList(m_settings.scopes));
        const QString name = registrationCacheKey(m_settings.startUrl, m_settings.ssoRegion, m_settings.scopes,
                                                  m_settings.sessionName)
                             + u".json"_s;
        if (auto written = clicache::writePrivateJson(m_settings.tokenCacheDir, name, cached); !written.ok())
            qWarning("%s", qPrintable(written.error().message)); // a path, never the secret
        startAuthorization(false);
    });
}

void SsoDeviceSignIn::startAuthorization(bool mayRegisterAgain)
{
    QJsonObject body;
    body.insert(u"clientId"_s, m_registration.clientId);
    body.insert(u"clientSecret"_s, m_registration.clientSecret);
    body.insert(u"startUrl"_s, m_settings.startUrl);
    JsonExchangeRequest request{u"SSO OIDC StartDeviceAuthorization"_s, oidcUrl(u"/device_authorization"_s), true,
                                QJsonDocument(body).toJson(QJsonDocument::Compact),
                                {{"Content-Type", "application/json"}}, m_requestTimeoutMs, 1024 * 1024, m_settings.caTrust};
    exchangeJson(m_network, m_calls, request, [this, mayRegisterAgain](int, const Result<QJsonObject> &answer) {
        if (!answer.ok()) {
            // A cached registration the service no longer knows: register once more.
            if (mayRegisterAgain && (answer.error().code == u"InvalidClientException"_s
                                     || answer.error().code == u"UnauthorizedClientException"_s)) {
                registerClient();
                return;
            }
            finish(answer.error());
            return;
        }
        m_deviceCode = answer->value(u"deviceCode"_s).toString();
        m_userCode = answer->value(u"userCode"_s).toString();
        const QString complete = answer->value(u"verificationUriComplete"_s).toString();
        m_verificationUrl = QUrl(complete.isEmpty() ? answer->value(u"verificationUri"_s).toString() : complete);
        const int expiresIn = answer->value(u"expiresIn"_s).toInt(600);
        const int interval = answer->value(u"interval"_s).toInt(defaultIntervalSecs);
        const bool webUrl = m_verificationUrl.isValid() && (m_verificationUrl.scheme() == u"https"_s
                                                            || m_verificationUrl.scheme() == u"http"_s);
        if (m_deviceCode.isEmpty() || m_userCode.isEmpty() || m_userCode.size() > 64 || !webUrl) {
            finish(AwsError::make(AwsError::Kind::Decode, u"MalformedResponse"_s,
                                  u"SSO OIDC StartDeviceAuthorization answered without a usable code and web address"_s));
            return;
        }
        m_intervalSecs = std::clamp(interval, 1, 60);
        m_codeExpiresAt = m_clock->nowUtc().addSecs(std::clamp(expiresIn, 1, maxExpiresInSecs));
        Q_EMIT awaitingApproval(m_verificationUrl, m_userCode, m_codeExpiresAt);
        schedulePoll();
    });
}

void SsoDeviceSignIn::schedulePoll()
{
    if (!m_running)
        return;
    m_pollTimer.start(static_cast<int>(m_intervalSecs * 1000 * m_intervalScale));
}

void SsoDeviceSignIn::poll()
{
    if (!m_running)
        return;
    if (m_clock->nowUtc() >= m_codeExpiresAt) {
        finish(signInError(u"ExpiredTokenException"_s,
                           u"The sign-in code expired before it was approved: sign in again"_s));
        return;
    }
    ++m_polls;
    QJsonObject body;
    body.insert(u"clientId"_s, m_registration.clientId);
    body.insert(u"clientSecret"_s, m_registration.clientSecret);
    body.insert(u"grantType"_s, u"urn:ietf:params:oauth:grant-type:device_code"_s);
    body.insert(u"deviceCode"_s, m_deviceCode);
    JsonExchangeRequest request{u"SSO OIDC CreateToken"_s, oidcUrl(u"/token"_s), true,
                                QJsonDocument(body).toJson(QJsonDocument::Compact),
                                {{"Content-Type", "application/json"}}, m_requestTimeoutMs, 1024 * 1024, m_settings.caTrust};
    exchangeJson(m_network, m_calls, request, [this, failures = 0](int, const Result<QJsonObject> &answer) mutable {
        if (answer.ok()) {
            tokenReceived(answer.value());
            return;
        }
        const AwsError &e = answer.error();
        if (e.code == u"AuthorizationPendingException"_s) {
            schedulePoll();
        } else if (e.code == u"SlowDownException"_s) {
            m_intervalSecs += slowDownStepSecs;
            schedulePoll();
        } else if (e.code == u"ExpiredTokenException"_s) {
            finish(signInError(e.code, u"The sign-in code expired before it was approved: sign in again"_s));
        } else if (e.code == u"AccessDeniedException"_s) {
            finish(signInError(e.code, u"The sign-in was denied in the browser"_s));
        } else if ((e.kind == AwsError::Kind::Network || e.kind == AwsError::Kind::Timeout || e.httpStatus >= 500)
                   && ++failures < maxTransientFailures) {
            schedulePoll(); // a passing network problem does not end a sign-in the user is completing
        } else {
            finish(e);
        }
    });
}

void SsoDeviceSignIn::tokenReceived(const QJsonObject &answer)
{
    const QString accessToken = answer.value(u"accessToken"_s).toString();
    const double expiresIn = answer.value(u"expiresIn"_s).toDouble();
    if (accessToken.isEmpty() || expiresIn <= 0) {
        finish(AwsError::make(AwsError::Kind::Decode, u"MalformedResponse"_s, u"SSO OIDC CreateToken answered without a token"_s));
        return;
    }
    const QDateTime expiresAt = m_clock->nowUtc().addSecs(static_cast<qint64>(expiresIn));
    // The AWS CLI's token file: what `aws sso login` writes, so that each reads the other's.
    QJsonObject token;
    token.insert(u"startUrl"_s, m_settings.startUrl);
    token.insert(u"region"_s, m_settings.ssoRegion);
    token.insert(u"accessToken"_s, accessToken);
    token.insert(u"expiresAt"_s, utcText(expiresAt));
    if (!m_settings.sessionName.isEmpty()) {
        token.insert(u"clientId"_s, m_registration.clientId);
        token.insert(u"clientSecret"_s, m_registration.clientSecret);
        token.insert(u"registrationExpiresAt"_s, utcText(m_registration.expiresAt));
        if (const QString refresh = answer.value(u"refreshToken"_s).toString(); !refresh.isEmpty())
            token.insert(u"refreshToken"_s, refresh);
    }
    const QString name = SsoCredentialsProvider::tokenCacheKey(m_settings.startUrl, m_settings.sessionName) + u".json"_s;
    if (auto written = clicache::writePrivateJson(m_settings.tokenCacheDir, name, token); !written.ok()) {
        finish(written.error());
        return;
    }
    finish(expiresAt);
}

void SsoDeviceSignIn::finish(const Result<QDateTime> &result)
{
    if (!m_running)
        return;
    m_running = false;
    m_pollTimer.stop();
    m_deviceCode.clear();
    delete m_calls; // aborts an exchange still in flight; its callback is not called
    m_calls = nullptr;
    if (result.ok())
        Q_EMIT succeeded(result.value());
    else
        Q_EMIT failed(result.error());
}

} // namespace aws
