#include "aws/ssoprovider.h"

#include "aws/clicache.h"
#include "aws/jsonexchange.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace aws {

namespace {

AwsError ssoError(const QString &code, const QString &message)
{
    return AwsError::make(AwsError::Kind::Credentials, code, message);
}

QDateTime parseUtc(QString text)
{
    if (text.endsWith(u"UTC"_s))
        text = text.chopped(3) + u'Z';
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    return t.isValid() && t.timeSpec() != Qt::LocalTime ? t.toUTC() : QDateTime();
}

QString utcText(const QDateTime &t)
{
    return t.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss'Z'"_s);
}

} // namespace

SsoCredentialsProvider::SsoCredentialsProvider(Settings settings, QNetworkAccessManager *network, const Clock *clock,
                                               QObject *parent)
    : QObject(parent), m_settings(std::move(settings)), m_network(network), m_clock(clock)
{
}

SsoCredentialsProvider::~SsoCredentialsProvider() = default;

QString SsoCredentialsProvider::tokenCacheKey(const QString &startUrl, const QString &sessionName)
{
    const QString input = sessionName.isEmpty() ? startUrl : sessionName;
    return QString::fromLatin1(QCryptographicHash::hash(input.toUtf8(), QCryptographicHash::Sha1).toHex());
}

QString SsoCredentialsProvider::roleCacheKey(const QString &accountId, const QString &roleName, const QString &startUrl,
                                             const QString &sessionName)
{
    // json.dumps(args, sort_keys=True, separators=(',', ':')) of accountId, roleName and
    // sessionName (or startUrl for a legacy profile).
    QByteArray json = "{\"accountId\":" + clicache::pythonJsonString(accountId) + ",\"roleName\":" + clicache::pythonJsonString(roleName);
    if (!sessionName.isEmpty())
        json += ",\"sessionName\":" + clicache::pythonJsonString(sessionName);
    else
        json += ",\"startUrl\":" + clicache::pythonJsonString(startUrl);
    json += '}';
    return QString::fromLatin1(QCryptographicHash::hash(json, QCryptographicHash::Sha1).toHex());
}

QString SsoCredentialsProvider::description() const
{
    QString text = u"IAM Identity Center: account %1, role %2"_s.arg(m_settings.accountId, m_settings.roleName);
    if (m_cached && m_cached->expiration.isValid())
        text += u", expires %1 UTC"_s.arg(m_cached->expiration.toUTC().toString(u"yyyy-MM-dd HH:mm"_s));
    return text;
}

void SsoCredentialsProvider::fetch(QObject *context, Callback callback)
{
    const QDateTime now = m_clock->nowUtc();
    if (m_cached && !m_cached->expiresWithin(now, 15 * 60)) {
        if (context)
            callback(*m_cached);
        return;
    }
    if (!m_settings.cacheDir.isEmpty()) {
        const QString key = roleCacheKey(m_settings.accountId, m_settings.roleName, m_settings.startUrl, m_settings.sessionName);
        if (auto cached = clicache::readAssumedRole(m_settings.cacheDir, key); cached && !cached->expiresWithin(now, 15 * 60)) {
            cached->source = description() + u" (AWS CLI cache)"_s;
            m_cached = *cached;
            if (context)
                callback(*m_cached);
            return;
        }
    }
    m_waiting.append({QPointer<QObject>(context), std::move(callback)});
    if (!m_inFlight)
        start();
}

std::optional<SsoCredentialsProvider::Token> SsoCredentialsProvider::readToken(AwsError *error) const
{
    const QString signIn = m_settings.sessionName.isEmpty()
                               ? u"aws sso login --profile %1"_s.arg(m_settings.profile)
                               : u"aws sso login --sso-session %1"_s.arg(m_settings.sessionName);
    QFile file(QDir(m_settings.tokenCacheDir).filePath(tokenCacheKey(m_settings.startUrl, m_settings.sessionName) + u".json"_s));
    if (!file.open(QIODevice::ReadOnly) || file.size() > maxResponseBytes) {
        *error = ssoError(u"SsoSignInRequired"_s, u"Profile '%1' is not signed in to IAM Identity Center (%2): sign in, or run '%3'"_s.arg(
                                                      m_settings.profile, m_settings.startUrl, signIn));
        return std::nullopt;
    }
    Token token;
    token.cached = QJsonDocument::fromJson(file.readAll()).object();
    token.accessToken = token.cached.value(u"accessToken"_s).toString();
    token.expiresAt = parseUtc(token.cached.value(u"expiresAt"_s).toString());
    if (token.accessToken.isEmpty() || !token.expiresAt.isValid()) {
        *error = ssoError(u"SsoSignInRequired"_s, u"The IAM Identity Center token cache %1 cannot be read: sign in again ('%2')"_s.arg(
                                                      file.fileName(), signIn));
        return std::nullopt;
    }
    return token;
}

void SsoCredentialsProvider::start()
{
    m_inFlight = true;
    AwsError error;
    const std::optional<Token> token = readToken(&error);
    if (!token) {
        finish(error);
        return;
    }
    const qint64 remaining = m_clock->nowUtc().secsTo(token->expiresAt);
    const bool canRefresh = !m_settings.sessionName.isEmpty() && token->cached.contains(u"refreshToken"_s)
                            && token->cached.contains(u"clientId"_s) && token->cached.contains(u"clientSecret"_s)
                            && parseUtc(token->cached.value(u"registrationExpiresAt"_s).toString()) > m_clock->nowUtc();
    if (remaining < tokenRefreshWindowSecs && canRefresh) {
        refreshToken(*token);
        return;
    }
    if (remaining <= 0) {
        finish(ssoError(u"SsoTokenExpired"_s, u"The IAM Identity Center sign-in of profile '%1' has expired: sign in again"_s.arg(
                                                  m_settings.profile)));
        return;
    }
    getRoleCredentials(token->accessToken);
}

void SsoCredentialsProvider::refreshToken(const Token &token)
{
    ++m_refreshCalls;
    QJsonObject request;
    request.insert(u"grantType"_s, u"refresh_token"_s);
    for (const QString &key : {u"clientId"_s, u"clientSecret"_s, u"refreshToken"_s})
        request.insert(key, token.cached.value(key));
    QUrl url = m_settings.oidcEndpoint;
    url.setPath(url.path().endsWith(u'/') ? url.path() + u"token"_s : url.path() + u"/token"_s);
    const Token old = token;
    exchange(u"SSO OIDC CreateToken"_s, url, QJsonDocument(request).toJson(QJsonDocument::Compact),
             {{"Content-Type", "application/json"}}, [this, old](int, const Result<QJsonObject> &body) {
                 const bool valid = body.ok() && !body->value(u"accessToken"_s).toString().isEmpty()
                                    && body->value(u"expiresIn"_s).toDouble() > 0;
                 if (!valid) {
                     // As botocore: a failed refresh falls back to the cached token while it lasts.
                     if (m_clock->nowUtc() < old.expiresAt) {
                         getRoleCredentials(old.accessToken);
                         return;
                     }
                     finish(ssoError(u"SsoTokenExpired"_s,
                                     u"The IAM Identity Center sign-in of profile '%1' has expired and could not be refreshed: "
                                     u"sign in again"_s.arg(m_settings.profile)));
                     return;
                 }
                 QJsonObject cached = old.cached;
                 cached.insert(u"startUrl"_s, m_settings.startUrl);
                 cached.insert(u"region"_s, m_settings.ssoRegion);
                 cached.insert(u"accessToken"_s, body->value(u"accessToken"_s));
                 const QDateTime expiresAt = m_clock->nowUtc().addSecs(static_cast<qint64>(body->value(u"expiresIn"_s).toDouble()));
                 cached.insert(u"expiresAt"_s, utcText(expiresAt));
                 if (body->contains(u"refreshToken"_s))
                     cached.insert(u"refreshToken"_s, body->value(u"refreshToken"_s));
                 const QString name = tokenCacheKey(m_settings.startUrl, m_settings.sessionName) + u".json"_s;
                 if (auto written = clicache::writePrivateJson(m_settings.tokenCacheDir, name, cached); !written.ok())
                     qWarning("%s", qPrintable(written.error().message)); // a path, never a token
                 getRoleCredentials(body->value(u"accessToken"_s).toString());
             });
}

void SsoCredentialsProvider::getRoleCredentials(const QString &accessToken)
{
    ++m_portalCalls;
    QUrl url = m_settings.portalEndpoint;
    url.setPath(url.path().endsWith(u'/') ? url.path() + u"federation/credentials"_s : url.path() + u"/federation/credentials"_s);
    QUrlQuery query;
    query.addQueryItem(u"account_id"_s, m_settings.accountId);
    query.addQueryItem(u"role_name"_s, m_settings.roleName);
    url.setQuery(query);
    exchange(u"IAM Identity Center GetRoleCredentials"_s, url, {}, {{"x-amz-sso_bearer_token", accessToken.toUtf8()}},
             [this](int status, const Result<QJsonObject> &body) {
                 if (status == 401 || status == 403) {
                     finish(ssoError(u"SsoSignInRequired"_s,
                                     u"IAM Identity Center no longer accepts the sign-in of profile '%1' (HTTP %2): sign in again"_s.arg(
                                         m_settings.profile)
                                         .arg(status)));
                     return;
                 }
                 if (!body.ok()) {
                     finish(body.error());
                     return;
                 }
                 const QJsonObject rc = body->value(u"roleCredentials"_s).toObject();
                 AwsCredentials c;
                 c.accessKeyId = rc.value(u"accessKeyId"_s).toString();
                 c.secretAccessKey = rc.value(u"secretAccessKey"_s).toString();
                 c.sessionToken = rc.value(u"sessionToken"_s).toString();
                 c.expiration = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(rc.value(u"expiration"_s).toDouble()), Qt::UTC);
                 if (!c.isValid() || rc.value(u"expiration"_s).toDouble() <= 0) {
                     finish(ssoError(u"MalformedResponse"_s, u"IAM Identity Center answered GetRoleCredentials without credentials"_s));
                     return;
                 }
                 c.source = description();
                 if (!m_settings.cacheDir.isEmpty()) {
                     QJsonObject creds;
                     creds.insert(u"AccessKeyId"_s, c.accessKeyId);
                     creds.insert(u"SecretAccessKey"_s, c.secretAccessKey);
                     creds.insert(u"SessionToken"_s, c.sessionToken);
                     creds.insert(u"Expiration"_s, utcText(c.expiration));
                     creds.insert(u"AccountId"_s, m_settings.accountId);
                     QJsonObject file;
                     file.insert(u"ProviderType"_s, u"sso"_s);
                     file.insert(u"Credentials"_s, creds);
                     const QString key = roleCacheKey(m_settings.accountId, m_settings.roleName, m_settings.startUrl,
                                                      m_settings.sessionName);
                     if (auto written = clicache::writePrivateJson(m_settings.cacheDir, key + u".json"_s, file); !written.ok())
                         qWarning("%s", qPrintable(written.error().message));
                 }
                 finish(c);
             });
}

void SsoCredentialsProvider::exchange(const QString &what, const QUrl &url, const QByteArray &postBody,
                                      const QList<std::pair<QByteArray, QByteArray>> &headers, const JsonCallback &done)
{
    JsonExchangeRequest request;
    request.what = what;
    request.url = url;
    request.post = !postBody.isEmpty();
    request.body = postBody;
    request.headers = headers;
    request.maxResponseBytes = maxResponseBytes;
    request.caTrust = m_settings.caTrust;
    exchangeJson(m_network, this, request, done);
}

void SsoCredentialsProvider::finish(const Result<AwsCredentials> &result)
{
    m_inFlight = false;
    Result<AwsCredentials> delivered = result;
    if (result.ok())
        m_cached = result.value();
    else if (m_cached && !m_cached->expiresWithin(m_clock->nowUtc(), 10 * 60))
        delivered = *m_cached;
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto &[context, callback] : waiting) {
        if (context)
            callback(delivered);
    }
}

} // namespace aws
