#include "aws/containerprovider.h"

#include "aws/metadatarequest.h"

#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace aws {

namespace {

const QString kRelativeUri = u"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"_s;
const QString kFullUri = u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s;
const QString kToken = u"AWS_CONTAINER_AUTHORIZATION_TOKEN"_s;
const QString kTokenFile = u"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"_s;

AwsError uriError(const QString &message)
{
    return AwsError::make(AwsError::Kind::Config, u"InvalidContainerCredentialsUri"_s, message);
}

AwsError tokenError(const QString &message)
{
    return AwsError::make(AwsError::Kind::Credentials, u"InvalidAuthorizationToken"_s, message);
}

// Python's ip_address(host).is_loopback, as botocore asks it: 127.0.0.0/8 or ::1 written as an
// address (a name other than "localhost" is not resolved).
bool isLoopbackAddress(const QString &host)
{
    QHostAddress address;
    if (!address.setAddress(host))
        return false;
    if (address.protocol() == QAbstractSocket::IPv4Protocol)
        return address.isInSubnet(QHostAddress(u"127.0.0.0"_s), 8);
    return address == QHostAddress(QHostAddress::LocalHostIPv6);
}

} // namespace

std::optional<AwsError> ContainerCredentialsProvider::checkFullUri(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return uriError(u"%1 is not a URL with a host"_s.arg(kFullUri));
    if (url.scheme() == u"https"_s)
        return std::nullopt;
    if (url.scheme() != u"http"_s)
        return uriError(u"%1 must be an http or https URL, not '%2'"_s.arg(kFullUri, url.scheme()));
    static const QStringList allowed = {u"169.254.170.2"_s, u"169.254.170.23"_s, u"fd00:ec2::23"_s, u"localhost"_s};
    const QString host = url.host(); // lower case, an IPv6 address without its brackets
    if (isLoopbackAddress(host) || allowed.contains(host))
        return std::nullopt;
    return uriError(u"Refusing plain http to '%1' for container credentials: only a loopback address or %2 may be "
                    u"used without https"_s.arg(host, allowed.join(u", "_s)));
}

std::optional<Result<ContainerCredentialsProvider::Settings>> ContainerCredentialsProvider::settingsFrom(
    const Environment &env, const QUrl &relativeBase)
{
    const QString relative = env.value(kRelativeUri);
    const QString full = env.value(kFullUri);
    if (relative.isEmpty() && full.isEmpty())
        return std::nullopt;
    Settings s;
    if (!relative.isEmpty()) { // botocore's order: the relative URI wins
        const QUrl base = relativeBase.isEmpty() ? defaultRelativeBase() : relativeBase;
        if (!relative.startsWith(u'/'))
            return Result<Settings>(uriError(u"%1 must start with '/'"_s.arg(kRelativeUri)));
        // botocore writes "http://169.254.170.2" + the variable; the host must stay the agent's.
        s.url = QUrl(base.toString(QUrl::RemovePath | QUrl::StripTrailingSlash) + relative, QUrl::StrictMode);
        if (!s.url.isValid() || s.url.host() != base.host() || s.url.port() != base.port())
            return Result<Settings>(uriError(u"%1 is not a valid path"_s.arg(kRelativeUri)));
        s.urlSource = kRelativeUri;
    } else {
        s.url = QUrl(full, QUrl::StrictMode);
        if (auto error = checkFullUri(s.url))
            return Result<Settings>(*error);
        s.urlSource = kFullUri;
    }
    s.authTokenFile = env.value(kTokenFile);
    s.authToken = env.value(kToken);
    return Result<Settings>(s);
}

ContainerCredentialsProvider::ContainerCredentialsProvider(Settings settings, QNetworkAccessManager *network,
                                                           const Clock *clock, QObject *parent)
    : QObject(parent), m_settings(std::move(settings)), m_network(network), m_clock(clock), m_cache(clock)
{
}

ContainerCredentialsProvider::~ContainerCredentialsProvider() = default; // our requests are children: aborted

QString ContainerCredentialsProvider::endpointName() const
{
    // Scheme, host and port only: the path of an ECS task's endpoint is its own business.
    return u"the container credentials endpoint %1"_s.arg(
        m_settings.url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment));
}

QString ContainerCredentialsProvider::description() const
{
    QString text = u"container credentials (%1)"_s.arg(
        m_settings.url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment));
    if (const auto &cached = m_cache.cached(); cached && cached->expiration.isValid())
        text += u", expires %1 UTC"_s.arg(cached->expiration.toUTC().toString(u"yyyy-MM-dd HH:mm"_s));
    return text;
}

void ContainerCredentialsProvider::fetch(QObject *context, Callback callback)
{
    if (m_cache.answerOrWait(context, std::move(callback)))
        attempt(1);
}

Result<QByteArray> ContainerCredentialsProvider::authorization() const
{
    QString token;
    QString from;
    if (!m_settings.authTokenFile.isEmpty()) {
        QFile file(m_settings.authTokenFile);
        if (!file.open(QIODevice::ReadOnly))
            return tokenError(u"Cannot read the container authorization token file %1 (%2)"_s.arg(m_settings.authTokenFile, kTokenFile));
        if (file.size() > maxTokenFileBytes)
            return tokenError(u"The container authorization token file %1 is larger than %2 bytes"_s.arg(m_settings.authTokenFile)
                                  .arg(maxTokenFileBytes));
        token = QString::fromUtf8(file.read(maxTokenFileBytes)); // as botocore sends it: as is
        from = u"The container authorization token file %1"_s.arg(m_settings.authTokenFile);
    } else {
        token = m_settings.authToken;
        from = kToken;
    }
    if (token.contains(u'\r') || token.contains(u'\n') || token.contains(QChar(0)))
        return tokenError(u"%1 holds a line break, which no HTTP header may hold; it was not sent"_s.arg(from));
    return token.toUtf8();
}

void ContainerCredentialsProvider::attempt(int number)
{
    const auto auth = authorization();
    if (!auth.ok()) {
        m_cache.complete(auth.error());
        return;
    }
    QNetworkRequest request(m_settings.url);
    request.setRawHeader("Accept", "application/json");
    if (!auth->isEmpty())
        request.setRawHeader("Authorization", auth.value());
    ++m_requests;
    MetadataRequest::send(m_network, "GET", request, m_timeoutMs, endpointName(), this, [this, number](const Result<MetadataResponse> &r) {
        const QString who = endpointName();
        bool retry = false;
        Result<AwsCredentials> outcome = AwsError{};
        if (!r.ok()) {
            outcome = r.error();
            retry = r.error().kind == AwsError::Kind::Timeout || r.error().kind == AwsError::Kind::Network;
        } else if (r->status != 200) {
            // The body is not quoted: whatever the agent says, it is not for a status bar.
            AwsError e = AwsError::make(AwsError::Kind::Service, u"HttpError%1"_s.arg(r->status),
                                        u"%1 answered HTTP %2"_s.arg(who).arg(r->status));
            e.httpStatus = r->status;
            outcome = e;
            retry = true;
        } else if (!QJsonDocument::fromJson(r->body).isObject()) {
            outcome = AwsError::make(AwsError::Kind::Decode, u"MalformedResponse"_s,
                                     u"%1 answered with something that is not a JSON object"_s.arg(who));
            retry = true;
        } else {
            outcome = parseMetadataCredentials(r->body, who);
        }
        if (!outcome.ok() && retry && number < m_attempts) {
            QTimer::singleShot(m_retryDelayMs, this, [this, number] { attempt(number + 1); });
            return;
        }
        if (!outcome.ok()) {
            AwsError e = outcome.error();
            if (number > 1)
                e.message += u" (%1 attempts)"_s.arg(number);
            m_cache.complete(e);
            return;
        }
        AwsCredentials c = outcome.value();
        c.source = u"container credentials (%1)"_s.arg(
            m_settings.url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment));
        m_cache.complete(c);
    });
}

} // namespace aws
