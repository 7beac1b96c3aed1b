#include "aws/imdsprovider.h"

#include "aws/metadatarequest.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace aws {

namespace {

AwsError imdsConfigError(const QString &code, const QString &message)
{
    return AwsError::make(AwsError::Kind::Config, code, message);
}

// A setting as botocore's config chain finds it: the environment variable, then the profile.
struct Setting
{
    QString value;
    QString source;
};

Setting lookup(const AwsConfigFiles &files, const Environment &env, const QString &profile, const QString &envName,
               const QString &key)
{
    if (const QString v = env.value(envName).trimmed(); !v.isEmpty())
        return {v, envName};
    if (const QString v = files.profileValue(profile, key).trimmed(); !v.isEmpty())
        return {v, u"%1 of profile %2"_s.arg(key, profile)};
    return {};
}

std::optional<AwsError> positiveInteger(const Setting &s, int *target)
{
    if (s.value.isEmpty())
        return std::nullopt;
    bool ok = false;
    const int n = s.value.toInt(&ok);
    if (!ok || n < 1 || n > 3600)
        return imdsConfigError(u"InvalidConfiguration"_s, u"%1 must be a whole number from 1 to 3600, not '%2'"_s.arg(s.source, s.value));
    *target = n;
    return std::nullopt;
}

bool retryable(const AwsError &e)
{
    return e.code != u"ResponseTooLarge"_s;
}

QString readSmallFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(f.read(256)).trimmed();
}

} // namespace

bool looksLikeEc2Instance(const QString &sysRoot)
{
    const QDir root(sysRoot);
    return readSmallFile(root.filePath(u"sys/devices/virtual/dmi/id/sys_vendor"_s)) == u"Amazon EC2"_s
           || readSmallFile(root.filePath(u"sys/devices/virtual/dmi/id/board_asset_tag"_s)).startsWith(u"i-"_s)
           || readSmallFile(root.filePath(u"sys/hypervisor/uuid"_s)).startsWith(u"ec2"_s, Qt::CaseInsensitive);
}

Result<InstanceMetadataCredentialsProvider::Settings> InstanceMetadataCredentialsProvider::settingsFrom(
    const AwsConfigFiles &files, const Environment &env, const QString &profile)
{
    Settings s;
    s.disabled = env.value(u"AWS_EC2_METADATA_DISABLED"_s).trimmed().compare(u"true"_s, Qt::CaseInsensitive) == 0;
    s.v1Disabled = lookup(files, env, profile, u"AWS_EC2_METADATA_V1_DISABLED"_s, u"ec2_metadata_v1_disabled"_s)
                       .value.compare(u"true"_s, Qt::CaseInsensitive) == 0;
    bool ipv6 = lookup(files, env, profile, u"AWS_IMDS_USE_IPV6"_s, u"imds_use_ipv6"_s).value.compare(u"true"_s, Qt::CaseInsensitive) == 0;
    if (const Setting mode = lookup(files, env, profile, u"AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"_s,
                                    u"ec2_metadata_service_endpoint_mode"_s);
        !mode.value.isEmpty()) {
        if (mode.value.compare(u"ipv4"_s, Qt::CaseInsensitive) != 0 && mode.value.compare(u"ipv6"_s, Qt::CaseInsensitive) != 0)
            return imdsConfigError(u"InvalidIMDSEndpointMode"_s,
                                   u"%1 must be IPv4 or IPv6, not '%2'"_s.arg(mode.source, mode.value));
        ipv6 = mode.value.compare(u"ipv6"_s, Qt::CaseInsensitive) == 0;
    }
    s.baseUrl = ipv6 ? defaultIpv6Endpoint() : defaultIpv4Endpoint();
    if (const Setting endpoint = lookup(files, env, profile, u"AWS_EC2_METADATA_SERVICE_ENDPOINT"_s,
                                        u"ec2_metadata_service_endpoint"_s);
        !endpoint.value.isEmpty()) {
        const QUrl url(endpoint.value, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"http"_s && url.scheme() != u"https"_s))
            return imdsConfigError(u"InvalidIMDSEndpoint"_s,
                                   u"%1: '%2' is not an http(s) URL with a host"_s.arg(endpoint.source, endpoint.value));
        s.baseUrl = url; // a configured endpoint wins over the endpoint mode, as in botocore
        s.endpointConfigured = true;
    }
    int timeoutSecs = 1;
    if (auto e = positiveInteger(lookup(files, env, profile, u"AWS_METADATA_SERVICE_TIMEOUT"_s, u"metadata_service_timeout"_s), &timeoutSecs))
        return *e;
    s.timeoutMs = timeoutSecs * 1000;
    if (auto e = positiveInteger(lookup(files, env, profile, u"AWS_METADATA_SERVICE_NUM_ATTEMPTS"_s, u"metadata_service_num_attempts"_s), &s.attempts))
        return *e;
    return s;
}

InstanceMetadataCredentialsProvider::InstanceMetadataCredentialsProvider(Settings settings, QNetworkAccessManager *network,
                                                                         const Clock *clock, QObject *parent)
    : QObject(parent), m_settings(std::move(settings)), m_network(network), m_clock(clock), m_cache(clock)
{
}

InstanceMetadataCredentialsProvider::~InstanceMetadataCredentialsProvider() = default; // requests are children: aborted

QString InstanceMetadataCredentialsProvider::baseName() const
{
    QString base = m_settings.baseUrl.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
    if (base.endsWith(u'/'))
        base.chop(1);
    return base;
}

QString InstanceMetadataCredentialsProvider::endpointName() const
{
    return u"the instance metadata service %1"_s.arg(baseName());
}

QString InstanceMetadataCredentialsProvider::description() const
{
    const QString base = baseName();
    QString text = m_role.isEmpty() ? u"instance metadata (%1)"_s.arg(base) : u"instance metadata (role %1 at %2)"_s.arg(m_role, base);
    if (const auto &cached = m_cache.cached(); cached && cached->expiration.isValid())
        text += u", expires %1 UTC"_s.arg(cached->expiration.toUTC().toString(u"yyyy-MM-dd HH:mm"_s));
    return text;
}

QUrl InstanceMetadataCredentialsProvider::url(const QString &path) const
{
    QString base = m_settings.baseUrl.toString();
    if (!base.endsWith(u'/'))
        base += u'/';
    return QUrl(base + path, QUrl::StrictMode);
}

void InstanceMetadataCredentialsProvider::fetch(QObject *context, Callback callback)
{
    if (!m_cache.answerOrWait(context, std::move(callback)))
        return;
    if (m_settings.disabled) {
        fail(AwsError::make(AwsError::Kind::Credentials, u"InstanceMetadataDisabled"_s,
                            u"the instance metadata service is disabled (AWS_EC2_METADATA_DISABLED=true)"_s));
        return;
    }
    m_token.clear();
    requestToken(1);
}

void InstanceMetadataCredentialsProvider::requestToken(int number)
{
    QNetworkRequest request(url(u"latest/api/token"_s));
    request.setRawHeader("x-aws-ec2-metadata-token-ttl-seconds", QByteArray::number(tokenTtlSecs));
    ++m_requests;
    MetadataRequest::send(m_network, "PUT", request, m_settings.timeoutMs, endpointName(), this, [this, number](const Result<MetadataResponse> &r) {
        const auto withoutToken = [this] {
            if (m_settings.v1Disabled) {
                fail(AwsError::make(AwsError::Kind::Credentials, u"InstanceMetadataTokenRequired"_s,
                                    u"%1 gave no IMDSv2 token, and IMDSv1 is disabled (ec2_metadata_v1_disabled)"_s.arg(endpointName())));
                return;
            }
            requestRole(1);
        };
        if (!r.ok()) {
            if (!retryable(r.error()))
                fail(r.error());
            else if (r.error().kind != AwsError::Kind::Timeout && number < m_settings.attempts)
                requestToken(number + 1);
            else
                withoutToken(); // botocore: a token request that times out or keeps failing means IMDSv1
            return;
        }
        if (r->status == 200 && !r->body.isEmpty()) {
            if (r->body.contains('\r') || r->body.contains('\n') || r->body.contains('\0')) {
                fail(AwsError::make(AwsError::Kind::Decode, u"MalformedResponse"_s,
                                    u"%1 answered a token that is not a header value"_s.arg(endpointName())));
                return;
            }
            m_token = r->body;
            requestRole(1);
        } else if (r->status == 403 || r->status == 404 || r->status == 405) {
            withoutToken(); // IMDSv2 is not there (or not allowed through): IMDSv1
        } else if (r->status == 400) {
            fail(AwsError::make(AwsError::Kind::Service, u"HttpError400"_s,
                                u"%1 refused the token request (HTTP 400)"_s.arg(endpointName())));
        } else if (number < m_settings.attempts) {
            requestToken(number + 1);
        } else {
            withoutToken();
        }
    });
}

void InstanceMetadataCredentialsProvider::get(const QString &path, int number, void (InstanceMetadataCredentialsProvider::*retry)(int),
                                              const std::function<std::optional<Result<AwsCredentials>>(const QByteArray &)> &onBody)
{
    QNetworkRequest request(url(path));
    if (!m_token.isEmpty())
        request.setRawHeader("x-aws-ec2-metadata-token", m_token);
    ++m_requests;
    MetadataRequest::send(m_network, "GET", request, m_settings.timeoutMs, endpointName(), this,
                          [this, path, number, retry, onBody](const Result<MetadataResponse> &r) {
        std::optional<AwsError> problem;
        bool mayRetry = true; // botocore asks again after a failed exchange, an empty body or one that is not JSON
        if (!r.ok()) {
            problem = r.error();
            mayRetry = retryable(r.error());
        } else if (r->status != 200 || r->body.isEmpty()) {
            // The body is not quoted: it is not meant for a status bar.
            problem = AwsError::make(AwsError::Kind::Service, u"HttpError%1"_s.arg(r->status),
                                     r->status == 200 ? u"%1 answered GET /%2 with nothing"_s.arg(endpointName(), path)
                                                      : u"%1 answered GET /%2 with HTTP %3"_s.arg(endpointName(), path).arg(r->status));
            problem->httpStatus = r->status;
        } else if (auto outcome = onBody(r->body)) {
            if (!outcome->ok()) {
                problem = outcome->error();
                mayRetry = problem->code == u"MalformedResponse"_s;
            } else {
                succeed(outcome->value());
                return;
            }
        } else {
            return; // the body was taken: the next request is under way
        }
        if (mayRetry && number < m_settings.attempts)
            (this->*retry)(number + 1);
        else
            fail(*problem);
    });
}

void InstanceMetadataCredentialsProvider::requestRole(int number)
{
    get(u"latest/meta-data/iam/security-credentials/"_s, number, &InstanceMetadataCredentialsProvider::requestRole,
        [this](const QByteArray &body) -> std::optional<Result<AwsCredentials>> {
            m_role = QString::fromUtf8(body).section(u'\n', 0, 0).trimmed();
            if (m_role.isEmpty())
                return Result<AwsCredentials>(AwsError::make(AwsError::Kind::Credentials, u"NoInstanceProfile"_s,
                                                             u"%1 names no IAM role for this instance"_s.arg(endpointName())));
            requestCredentials(1);
            return std::nullopt;
        });
}

void InstanceMetadataCredentialsProvider::requestCredentials(int number)
{
    const QString path = u"latest/meta-data/iam/security-credentials/"_s + QString::fromLatin1(QUrl::toPercentEncoding(m_role));
    get(path, number, &InstanceMetadataCredentialsProvider::requestCredentials,
        [this](const QByteArray &body) -> std::optional<Result<AwsCredentials>> {
            const QString who = u"%1 (role %2)"_s.arg(endpointName(), m_role);
            if (!QJsonDocument::fromJson(body).isObject()) // botocore asks again
                return Result<AwsCredentials>(AwsError::make(AwsError::Kind::Decode, u"MalformedResponse"_s,
                                                             u"%1 answered with something that is not a JSON object"_s.arg(who)));
            auto parsed = parseMetadataCredentials(body, who);
            if (!parsed.ok() && parsed.error().code == u"MalformedResponse"_s) {
                AwsError e = parsed.error();
                e.code = u"MalformedCredentials"_s; // a member is missing: not asked again, as botocore
                return Result<AwsCredentials>(e);
            }
            return parsed;
        });
}

void InstanceMetadataCredentialsProvider::succeed(AwsCredentials credentials)
{
    m_token.clear();
    credentials.source = u"instance metadata (role %1)"_s.arg(m_role);
    // botocore's static stability: credentials within the refresh window plus 2 to 10 minutes of
    // their expiry (or past it) are used, and IMDS is asked again only after that jitter.
    const QDateTime now = m_clock->nowUtc();
    const qint64 jitter = minJitterSecs + qint64(m_random() * double(maxJitterSecs - minJitterSecs));
    const qint64 offset = extensionWindowSecs + jitter;
    if (now >= credentials.expiration.addSecs(-offset)) {
        m_cache.complete(credentials, CredentialsCache::Schedule{now.addSecs(jitter), now.addSecs(offset - CredentialsCache::mandatoryRefreshSecs)});
        return;
    }
    m_cache.complete(credentials);
}

void InstanceMetadataCredentialsProvider::fail(AwsError error)
{
    m_token.clear();
    error.message = m_failurePrefix + error.message;
    m_cache.complete(error);
}

} // namespace aws
