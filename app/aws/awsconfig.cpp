#include "aws/awsconfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcessEnvironment>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace aws {

namespace {

AwsError configError(const QString &code, const QString &message)
{
    return AwsError::make(AwsError::Kind::Config, code, message);
}

QString expandHome(const QString &path)
{
    if (path == u"~"_s || path.startsWith(u"~/"_s))
        return QDir::homePath() + path.mid(1);
    return path;
}

QString envValue(const Environment &env, const QString &name)
{
    return env.value(name).trimmed();
}

Result<QUrl> parseEndpoint(const QString &text, const QString &source)
{
    QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"https"_s && url.scheme() != u"http"_s))
        return configError(u"InvalidEndpoint"_s,
                           u"%1: '%2' is not an http(s) URL with a host"_s.arg(source, text.trimmed()));
    if (url.path().isEmpty())
        url.setPath(u"/"_s);
    if (auto err = checkEndpoint(url))
        return *err;
    return url;
}

// A setting as botocore finds it: the environment variable when set, else the profile's key
// (credentials file first, then config file).
struct Setting
{
    QString value;
    QString source; // "AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint of profile dev"; empty when unset
};

Setting lookup(const AwsConfigFiles &files, const Environment &env, const QString &profile, const QString &envName,
    const QString &key)
{
    if (const QString v = envValue(env, envName); !v.isEmpty())
        return { v, envName };
    if (const QString v = files.profileValue(profile, key).trimmed(); !v.isEmpty())
        return { v, u"%1 of profile %2"_s.arg(key, profile) };
    return {};
}

Result<bool> parseFlag(const Setting &s)
{
    if (s.source.isEmpty())
        return false;
    if (s.value.compare(u"true"_s, Qt::CaseInsensitive) == 0)
        return true;
    if (s.value.compare(u"false"_s, Qt::CaseInsensitive) == 0)
        return false;
    return configError(u"InvalidConfig"_s, u"%1: '%2' is neither true nor false"_s.arg(s.source, s.value));
}

QString variantNote(const EndpointOptions &o)
{
    QStringList notes;
    if (o.useFips)
        notes << u"FIPS"_s;
    if (o.useDualStack)
        notes << u"dual-stack"_s;
    return notes.isEmpty() ? QString() : u" ("_s + notes.join(u", "_s) + u')';
}

} // namespace

Environment processEnvironment()
{
    Environment env;
    const QProcessEnvironment pe = QProcessEnvironment::systemEnvironment();
    const QStringList keys = pe.keys();
    for (const QString &k : keys)
        env.insert(k, pe.value(k));
    return env;
}

QString AwsConfigFiles::configPath(const Environment &env)
{
    const QString p = envValue(env, u"AWS_CONFIG_FILE"_s);
    return expandHome(p.isEmpty() ? u"~/.aws/config"_s : p);
}

QString AwsConfigFiles::credentialsPath(const Environment &env)
{
    const QString p = envValue(env, u"AWS_SHARED_CREDENTIALS_FILE"_s);
    return expandHome(p.isEmpty() ? u"~/.aws/credentials"_s : p);
}

Result<AwsConfigFiles> AwsConfigFiles::load(const Environment &env)
{
    auto config = SharedConfigFile::load(configPath(env));
    if (!config)
        return config.error();
    auto credentials = SharedConfigFile::load(credentialsPath(env));
    if (!credentials)
        return credentials.error();
    AwsConfigFiles files;
    files.m_config = std::move(config).value();
    files.m_credentials = std::move(credentials).value();
    return files;
}

QStringList AwsConfigFiles::readableProfileNames(const Environment &env, std::optional<AwsError> *problem)
{
    auto files = load(env);
    if (files.ok()) {
        problem->reset();
        return files->profileNames();
    }
    *problem = files.error();
    AwsConfigFiles scanned;
    for (const QString &name : SharedConfigFile::scanSectionNames(configPath(env)))
        scanned.m_config.m_sections.append(ConfigSection{name, 0, {}, {}});
    for (const QString &name : SharedConfigFile::scanSectionNames(credentialsPath(env)))
        scanned.m_credentials.m_sections.append(ConfigSection{name, 0, {}, {}});
    return scanned.profileNames();
}

QStringList AwsConfigFiles::profileNames() const
{
    QStringList names;
    const QStringList configSections = m_config.sectionNames();
    for (const QString &s : configSections) {
        if (s == u"default"_s)
            names << s;
        else if (s.startsWith(u"profile "_s))
            names << s.mid(8).trimmed();
    }
    names << m_credentials.sectionNames();
    names.removeDuplicates();
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        if ((a == u"default"_s) != (b == u"default"_s))
            return a == u"default"_s;
        return a.localeAwareCompare(b) < 0;
    });
    return names;
}

bool AwsConfigFiles::hasProfile(const QString &name) const
{
    return configProfile(name) || credentialsProfile(name);
}

const ConfigSection *AwsConfigFiles::configProfile(const QString &name) const
{
    if (name == u"default"_s) {
        if (const ConfigSection *s = m_config.section(u"default"_s))
            return s;
    }
    return m_config.section(u"profile "_s + name);
}

const ConfigSection *AwsConfigFiles::credentialsProfile(const QString &name) const
{
    return m_credentials.section(name);
}

QString AwsConfigFiles::profileValue(const QString &profile, const QString &key) const
{
    if (const ConfigSection *s = credentialsProfile(profile); s && s->has(key))
        return s->value(key);
    if (const ConfigSection *s = configProfile(profile); s && s->has(key))
        return s->value(key);
    return {};
}

const ConfigSection *AwsConfigFiles::servicesSection(const QString &name) const
{
    return m_config.section(u"services "_s + name);
}

SettingsResolver::SettingsResolver(const AwsConfigFiles &files, Environment env)
    : m_files(files), m_env(std::move(env))
{
}

Result<QString> SettingsResolver::profile(const QString &explicitProfile) const
{
    QString name = explicitProfile.trimmed();
    QString source = u"--profile"_s;
    if (name.isEmpty()) {
        name = envValue(m_env, u"AWS_PROFILE"_s);
        source = u"AWS_PROFILE"_s;
    }
    if (name.isEmpty())
        return u"default"_s;
    if (!m_files.hasProfile(name))
        return configError(u"ProfileNotFound"_s,
                           u"The profile '%1' (from %2) is in neither %3 nor %4"_s.arg(
                               name, source, m_files.config().fileName(), m_files.credentials().fileName()));
    return name;
}

bool SettingsResolver::isValidRegion(const QString &region)
{
    static const QRegularExpression re(u"^[a-z0-9]+(-[a-z0-9]+)+$"_s);
    return re.match(region).hasMatch();
}

Result<QString> SettingsResolver::region(const QString &profile, const QString &explicitRegion, QString *source) const
{
    const std::pair<QString, QString> candidates[] = {
        {explicitRegion.trimmed(), u"--region"_s},
        {envValue(m_env, u"AWS_REGION"_s), u"AWS_REGION"_s},
        {envValue(m_env, u"AWS_DEFAULT_REGION"_s), u"AWS_DEFAULT_REGION"_s},
    };
    for (const auto &[value, from] : candidates) {
        if (value.isEmpty())
            continue;
        if (!isValidRegion(value))
            return configError(u"InvalidRegion"_s, u"%1: '%2' is not a region name such as eu-west-1"_s.arg(from, value));
        if (source)
            *source = from;
        return value;
    }
    // As botocore, the credentials file's profile values override the config file's.
    if (const QString value = m_files.profileValue(profile, u"region"_s); !value.isEmpty()) {
        const QString from = u"region of profile %1"_s.arg(profile);
        if (!isValidRegion(value))
            return configError(u"InvalidRegion"_s, u"%1: '%2' is not a region name such as eu-west-1"_s.arg(from, value));
        if (source)
            *source = from;
        return value;
    }
    return configError(u"NoRegion"_s,
                       u"No region for profile '%1': pass --region, set AWS_REGION, or add 'region = …' to "
                       u"[%2] in %3"_s.arg(profile, profile == u"default"_s ? profile : u"profile "_s + profile,
                                           m_files.config().fileName()));
}

QUrl SettingsResolver::defaultEndpoint(const QString &service, const QString &region)
{
    auto e = EndpointResolver().resolve(service, region);
    return e.ok() ? e->url : QUrl();
}

Result<EndpointOptions> SettingsResolver::endpointOptions(const QString &profile) const
{
    EndpointOptions o;
    auto fips = parseFlag(lookup(m_files, m_env, profile, u"AWS_USE_FIPS_ENDPOINT"_s, u"use_fips_endpoint"_s));
    if (!fips)
        return fips.error();
    auto dualStack
        = parseFlag(lookup(m_files, m_env, profile, u"AWS_USE_DUALSTACK_ENDPOINT"_s, u"use_dualstack_endpoint"_s));
    if (!dualStack)
        return dualStack.error();
    o.useFips = *fips;
    o.useDualStack = *dualStack;
    const Setting sts = lookup(m_files, m_env, profile, u"AWS_STS_REGIONAL_ENDPOINTS"_s, u"sts_regional_endpoints"_s);
    if (sts.value == u"legacy"_s)
        o.sts = StsRegionalEndpoints::Legacy;
    else if (!sts.source.isEmpty() && sts.value != u"regional"_s)
        return configError(u"InvalidConfig"_s, u"%1: '%2' is neither regional nor legacy"_s.arg(sts.source, sts.value));
    return o;
}

Result<RetrySettings> SettingsResolver::retry(const QString &profile) const
{
    RetrySettings r;
    QString modeNote = u"standard mode (default)"_s;
    const Setting mode = lookup(m_files, m_env, profile, u"AWS_RETRY_MODE"_s, u"retry_mode"_s);
    if (!mode.source.isEmpty()) {
        // As botocore, the names are lower case.
        if (mode.value == u"standard"_s) {
            modeNote = u"standard mode (%1)"_s.arg(mode.source);
        } else if (mode.value == u"legacy"_s) {
            r.mode = RetryMode::Legacy;
            modeNote = u"legacy mode (%1)"_s.arg(mode.source);
        } else if (mode.value == u"adaptive"_s) {
            modeNote = u"standard mode (%1 asks for adaptive, whose client-side rate limiting this client does "
                       u"not have: it retries as in standard mode)"_s.arg(mode.source);
        } else {
            return configError(u"InvalidConfig"_s,
                u"%1: '%2' is not a retry mode: use standard, legacy or adaptive"_s.arg(mode.source, mode.value));
        }
    }
    r.maxAttempts = r.mode == RetryMode::Legacy ? 5 : 3;
    QString attemptsNote = u"%1 attempts (default)"_s.arg(r.maxAttempts);
    const Setting attempts = lookup(m_files, m_env, profile, u"AWS_MAX_ATTEMPTS"_s, u"max_attempts"_s);
    if (!attempts.source.isEmpty()) {
        static const QRegularExpression integer(u"^\\+?[0-9]+$"_s);
        bool ok = false;
        const int n = integer.match(attempts.value).hasMatch() ? attempts.value.toInt(&ok) : 0;
        if (!ok || n < 1)
            return configError(u"InvalidConfig"_s,
                u"%1: '%2' is not a number of attempts: use a whole number from 1 (it counts the "
                u"first attempt)"_s.arg(attempts.source, attempts.value));
        r.maxAttempts = n;
        attemptsNote = u"%1 attempt%2 (%3)"_s.arg(n).arg(n == 1 ? QString() : u"s"_s, attempts.source);
    }
    r.description = modeNote + u", "_s + attemptsNote;
    return r;
}

CaTrust SettingsResolver::caBundle(const QString &profile) const
{
    const Setting s = lookup(m_files, m_env, profile, u"AWS_CA_BUNDLE"_s, u"ca_bundle"_s);
    if (s.source.isEmpty() || s.value.isEmpty())
        return {};
    return CaTrust(expandHome(s.value), s.source);
}

Result<QUrl> SettingsResolver::endpoint(const QString &service, const QString &profile, const QString &region,
                                        const QString &explicitUrl, QString *source) const
{
    return endpointFor(service, profile, region, explicitUrl, source, nullptr);
}

Result<QUrl> SettingsResolver::endpointFor(const QString &service, const QString &profile, const QString &region,
    const QString &explicitUrl, QString *source, ResolvedEndpoint *resolved) const
{
    auto found = [source](const QString &text, const QString &from) -> Result<QUrl> {
        if (source)
            *source = from;
        return parseEndpoint(text, from);
    };
    if (!explicitUrl.trimmed().isEmpty())
        return found(explicitUrl, u"--endpoint-url"_s);

    const QString ignore = envValue(m_env, u"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"_s).toLower();
    const bool useConfigured = ignore != u"true"_s
                               && m_files.profileValue(profile, u"ignore_configured_endpoint_urls"_s).toLower() != u"true"_s;
    if (useConfigured) {
        const QString envName = u"AWS_ENDPOINT_URL_"_s + service.toUpper().replace(u' ', u'_').replace(u'-', u'_');
        if (const QString v = envValue(m_env, envName); !v.isEmpty())
            return found(v, envName);
        if (const QString v = envValue(m_env, u"AWS_ENDPOINT_URL"_s); !v.isEmpty())
            return found(v, u"AWS_ENDPOINT_URL"_s);
        const QString servicesName = m_files.profileValue(profile, u"services"_s);
        if (!servicesName.isEmpty()) {
            const ConfigSection *services = m_files.servicesSection(servicesName);
            if (!services)
                return configError(u"InvalidConfig"_s,
                                   u"Profile '%1' names services '%2', but %3 has no [services %2] section"_s.arg(
                                       profile, servicesName, m_files.config().fileName()));
            const QString key = service.toLower().replace(u' ', u'_').replace(u'-', u'_');
            const QString v = services->nested.value(key).value(u"endpoint_url"_s);
            if (!v.isEmpty())
                return found(v, u"[services %1] in %2"_s.arg(servicesName, m_files.config().fileName()));
        }
        if (const QString v = m_files.profileValue(profile, u"endpoint_url"_s); !v.isEmpty())
            return found(v, u"endpoint_url of profile %1"_s.arg(profile));
    }
    auto options = endpointOptions(profile);
    if (!options)
        return options.error();
    auto e = EndpointResolver().resolve(service, region, *options);
    if (!e)
        return e.error();
    if (source)
        *source = u"public endpoint"_s + variantNote({ e->fips, e->dualStack, options->sts });
    if (resolved)
        *resolved = *e;
    return e->url;
}

Result<ClientSettings> SettingsResolver::resolve(const QString &service, const QString &explicitProfile,
                                                 const QString &explicitRegion, const QString &explicitEndpoint) const
{
    ClientSettings s;
    auto p = profile(explicitProfile);
    if (!p)
        return p.error();
    s.profile = *p;
    s.profileExplicit = !explicitProfile.trimmed().isEmpty();
    auto r = region(s.profile, explicitRegion, &s.regionSource);
    if (!r)
        return r.error();
    bool pseudoFips = false;
    s.region = EndpointResolver::normalizeRegion(*r, &pseudoFips);
    if (pseudoFips)
        s.regionSource += u" (FIPS pseudo-region %1)"_s.arg(*r);
    s.signingRegion = s.region;
    auto options = endpointOptions(s.profile);
    if (!options)
        return options.error();
    s.endpointOptions = *options;
    s.endpointOptions.useFips = s.endpointOptions.useFips || pseudoFips;
    ResolvedEndpoint resolved;
    auto e = endpointFor(service, s.profile, *r, explicitEndpoint, &s.endpointSource, &resolved);
    if (!e)
        return e.error();
    s.endpoint = *e;
    if (!resolved.signingRegion.isEmpty())
        s.signingRegion = resolved.signingRegion;
    auto retrySettings = retry(s.profile);
    if (!retrySettings)
        return retrySettings.error();
    s.retry = *retrySettings;
    s.caBundle = caBundle(s.profile);
    return s;
}

bool isLoopbackHost(const QString &host)
{
    QString h = host;
    if (h.startsWith(u'[') && h.endsWith(u']'))
        h = h.mid(1, h.size() - 2);
    if (h.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    return address.setAddress(h) && address.isLoopback();
}

std::optional<AwsError> checkEndpoint(const QUrl &url)
{
    if (url.scheme() == u"https"_s)
        return std::nullopt;
    if (url.scheme() == u"http"_s && isLoopbackHost(url.host()))
        return std::nullopt;
    if (url.scheme() == u"http"_s)
        return configError(u"InsecureEndpoint"_s,
                           u"Refusing plain http to %1: only loopback endpoints may use http; use https"_s.arg(url.host()));
    return configError(u"InvalidEndpoint"_s, u"Unsupported endpoint scheme '%1'"_s.arg(url.scheme()));
}

} // namespace aws
