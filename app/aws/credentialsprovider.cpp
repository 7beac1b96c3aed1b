#include "aws/credentialsprovider.h"

#include "aws/assumeroleprovider.h"
#include "aws/clicache.h"
#include "aws/containerprovider.h"
#include "aws/imdsprovider.h"
#include "aws/ssoprovider.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace aws {

namespace {

AwsError credentialsError(const QString &message)
{
    return AwsError::make(AwsError::Kind::Credentials, u"CredentialsError"_s, message);
}

} // namespace

QStringList splitCommandLine(const QString &command, bool *ok)
{
    // POSIX shell words, as botocore's shlex.split: whitespace separates, '…' is literal,
    // "…" allows \" and \\, a backslash outside quotes escapes the next character.
    QStringList words;
    QString word;
    bool inWord = false;
    enum { None, Single, Double } quote = None;
    for (qsizetype i = 0; i < command.size(); ++i) {
        const QChar c = command.at(i);
        if (quote == Single) {
            if (c == u'\'')
                quote = None;
            else
                word += c;
        } else if (quote == Double) {
            if (c == u'"')
                quote = None;
            else if (c == u'\\' && i + 1 < command.size() && (command.at(i + 1) == u'"' || command.at(i + 1) == u'\\'))
                word += command.at(++i);
            else
                word += c;
        } else if (c.isSpace()) {
            if (inWord)
                words << std::exchange(word, QString());
            inWord = false;
        } else {
            inWord = true;
            if (c == u'\'')
                quote = Single;
            else if (c == u'"')
                quote = Double;
            else if (c == u'\\' && i + 1 < command.size())
                word += command.at(++i);
            else
                word += c;
        }
    }
    if (inWord)
        words << word;
    if (ok)
        *ok = quote == None;
    return words;
}

void StaticCredentialsProvider::fetch(QObject *context, Callback callback)
{
    if (context)
        callback(m_credentials);
}

ProcessCredentialsProvider::ProcessCredentialsProvider(QString commandLine, QString profile, const Clock *clock,
                                                       QObject *parent)
    : QObject(parent), m_commandLine(std::move(commandLine)), m_profile(std::move(profile)), m_clock(clock)
{
}

ProcessCredentialsProvider::~ProcessCredentialsProvider()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(1000);
    }
}

QString ProcessCredentialsProvider::description() const
{
    return u"credential_process of profile %1"_s.arg(m_profile);
}

void ProcessCredentialsProvider::fetch(QObject *context, Callback callback)
{
    if (m_cached && !m_cached->expiresWithin(m_clock->nowUtc(), refreshBeforeExpirySecs)) {
        if (context)
            callback(*m_cached);
        return;
    }
    m_waiting.append({QPointer<QObject>(context), std::move(callback)});
    if (!m_process)
        start();
}

void ProcessCredentialsProvider::start()
{
    bool quotesClosed = false;
    const QStringList args = splitCommandLine(m_commandLine, &quotesClosed);
    if (!quotesClosed) {
        finish(credentialsError(u"credential_process of profile '%1' has an unclosed quote"_s.arg(m_profile)));
        return;
    }
    if (args.isEmpty()) {
        finish(credentialsError(u"credential_process of profile '%1' is empty"_s.arg(m_profile)));
        return;
    }
    ++m_runCount;
    m_process = new QProcess(this);
    m_process->setProgram(args.first());
    m_process->setArguments(args.mid(1));
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setStandardInputFile(QProcess::nullDevice());

    auto *timer = new QTimer(m_process);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this] {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(1000);
        finish(credentialsError(u"credential_process of profile '%1' did not finish within %2 s"_s.arg(m_profile).arg(m_timeoutMs / 1000)));
    });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        const QString message = u"credential_process of profile '%1' could not be started: %2"_s.arg(m_profile, m_process->errorString());
        m_process->disconnect(this);
        finish(credentialsError(message));
    });
    connect(m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        const QByteArray out = m_process->readAllStandardOutput();
        // Its standard error is never quoted: a failing helper may print a secret there.
        m_process->readAllStandardError();
        const QString program = QFileInfo(m_process->program()).fileName();
        m_process->disconnect(this);
        if (status != QProcess::NormalExit || exitCode != 0) {
            finish(credentialsError(
                u"credential_process of profile '%1' (%2) %3; run it in a terminal to see its message"_s.arg(
                    m_profile, program,
                    status != QProcess::NormalExit ? u"crashed"_s : u"failed with exit code %1"_s.arg(exitCode))));
            return;
        }
        finish(parseOutput(out, m_profile));
    });
    timer->start(m_timeoutMs);
    m_process->start();
}

void ProcessCredentialsProvider::finish(const Result<AwsCredentials> &result)
{
    if (m_process) {
        m_process->deleteLater();
        m_process = nullptr;
    }
    Result<AwsCredentials> delivered = result;
    if (result.ok()) {
        m_cached = result.value();
    } else if (m_cached && !m_cached->expiresWithin(m_clock->nowUtc(), 60)) {
        // A failed refresh keeps using credentials that are still valid for a while.
        delivered = *m_cached;
    }
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto &[context, callback] : waiting) {
        if (context)
            callback(delivered);
    }
}

Result<AwsCredentials> ProcessCredentialsProvider::parseOutput(const QByteArray &json, const QString &profile)
{
    const QString who = u"credential_process of profile '%1'"_s.arg(profile);
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return credentialsError(u"%1 printed something that is not a JSON object"_s.arg(who));
    const QJsonObject o = doc.object();
    if (o.value(u"Version"_s).toInt(-1) != 1)
        return credentialsError(u"%1 must print \"Version\": 1"_s.arg(who));
    AwsCredentials c;
    for (const auto &[field, target] : {std::pair{u"AccessKeyId"_s, &c.accessKeyId},
                                        std::pair{u"SecretAccessKey"_s, &c.secretAccessKey}}) {
        const QJsonValue v = o.value(field);
        if (!v.isString() || v.toString().isEmpty())
            return credentialsError(u"%1 printed no %2"_s.arg(who, field));
        *target = v.toString();
    }
    if (const QJsonValue v = o.value(u"SessionToken"_s); v.isString())
        c.sessionToken = v.toString();
    if (const QJsonValue v = o.value(u"Expiration"_s); !v.isUndefined() && !v.isNull()) {
        c.expiration = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
        if (!c.expiration.isValid())
            return credentialsError(u"%1 printed an Expiration that is not an ISO 8601 time"_s.arg(who));
        c.expiration = c.expiration.toUTC();
    }
    c.source = u"credential_process of profile %1"_s.arg(profile);
    return c;
}

namespace {

using Provider = std::shared_ptr<CredentialsProvider>;

std::optional<Result<Provider>> fromKeys(const QString &id, const QString &secret, const QString &token,
                                         const QString &where, const QString &idName, const QString &secretName)
{
    if (id.isEmpty() && secret.isEmpty())
        return std::nullopt;
    if (id.isEmpty() || secret.isEmpty())
        return Result<Provider>(credentialsError(u"%1 has %2 but no %3"_s.arg(
            where, id.isEmpty() ? secretName : idName, id.isEmpty() ? idName : secretName)));
    AwsCredentials c{id, secret, token, {}, where};
    return Result<Provider>(Provider(std::make_shared<StaticCredentialsProvider>(c)));
}

std::optional<Result<Provider>> fromEnvironment(const Environment &env)
{
    QString token = env.value(u"AWS_SESSION_TOKEN"_s);
    if (token.isEmpty())
        token = env.value(u"AWS_SECURITY_TOKEN"_s);
    return fromKeys(env.value(u"AWS_ACCESS_KEY_ID"_s), env.value(u"AWS_SECRET_ACCESS_KEY"_s), token, u"the environment"_s,
                    u"AWS_ACCESS_KEY_ID"_s, u"AWS_SECRET_ACCESS_KEY"_s);
}

// One resolution: the files, the environment and what the host offers, and the profiles a role
// chain has visited (to refuse loops as botocore does).
class ChainResolver
{
public:
    ChainResolver(const AwsConfigFiles &files, const Environment &env, const Clock *clock, const ProviderContext &context,
                  QString sessionProfile)
        : m_files(files), m_env(env), m_clock(clock), m_context(context), m_sessionProfile(std::move(sessionProfile))
    {
    }

    // The profile's own providers, after the environment: role, web identity, then the files.
    Result<Provider> profileChain(const QString &profile, bool allowRole)
    {
        if (allowRole && hasRole(profile))
            return assumeRole(profile);
        if (auto r = webIdentity(profile))
            return *r;
        if (auto r = sso(profile))
            return *r;
        if (!value(profile, u"login_session"_s).isEmpty() && value(profile, u"aws_access_key_id"_s).isEmpty()
            && value(profile, u"credential_process"_s).isEmpty())
            return credentialsError(u"Profile '%1' signs in with 'aws login' (login_session): run 'aws login --profile %1' "
                                    u"and export the credentials with credential_process, as for IAM Identity Center"_s.arg(profile));
        if (const ConfigSection *s = m_files.credentialsProfile(profile)) {
            QString token = s->value(u"aws_session_token"_s);
            if (token.isEmpty())
                token = s->value(u"aws_security_token"_s);
            if (auto r = fromKeys(s->value(u"aws_access_key_id"_s), s->value(u"aws_secret_access_key"_s), token,
                                  u"profile %1 in %2"_s.arg(profile, m_files.credentials().fileName()),
                                  u"aws_access_key_id"_s, u"aws_secret_access_key"_s))
                return *r;
        }
        if (const QString command = value(profile, u"credential_process"_s); !command.isEmpty())
            return Provider(std::make_shared<ProcessCredentialsProvider>(command, profile, m_clock));
        if (const ConfigSection *s = m_files.configProfile(profile)) {
            if (auto r = fromKeys(s->value(u"aws_access_key_id"_s), s->value(u"aws_secret_access_key"_s),
                                  s->value(u"aws_session_token"_s), u"profile %1 in %2"_s.arg(profile, m_files.config().fileName()),
                                  u"aws_access_key_id"_s, u"aws_secret_access_key"_s))
                return *r;
        }
        return noCredentials(profile);
    }

    Result<Provider> noCredentials(const QString &profile) const
    {
        return credentialsError(u"No AWS credentials for profile '%1' in %2 or %3"_s.arg(
            profile, m_files.credentials().fileName(), m_files.config().fileName()));
    }

    // botocore's last providers, after every profile's: the container's credentials endpoint,
    // then the instance metadata service. A desktop has no IMDS, and asking 169.254.169.254 there
    // costs a timeout at every start (and tests must never reach it): IMDS joins this chain only
    // when AWS_EC2_METADATA_DISABLED is not true AND either its endpoint is configured
    // (AWS_EC2_METADATA_SERVICE_ENDPOINT / ec2_metadata_service_endpoint) or the machine says it
    // is an EC2 instance (looksLikeEc2Instance(), or the context's answer). credential_source =
    // Ec2InstanceMetadata asks for it explicitly and always uses it.
    std::optional<Result<Provider>> fallback(const QString &noneMessage)
    {
        if (auto container = containerProvider())
            return container;
        if (!m_context.network || m_env.value(u"AWS_EC2_METADATA_DISABLED"_s).trimmed().compare(u"true"_s, Qt::CaseInsensitive) == 0)
            return std::nullopt;
        const bool endpointConfigured = !m_env.value(u"AWS_EC2_METADATA_SERVICE_ENDPOINT"_s).trimmed().isEmpty()
                                        || !value(m_sessionProfile, u"ec2_metadata_service_endpoint"_s).trimmed().isEmpty();
        if (!endpointConfigured && !(m_context.isEc2Instance ? m_context.isEc2Instance() : looksLikeEc2Instance()))
            return std::nullopt;
        auto imds = imdsProvider();
        if (!imds.ok())
            return Result<Provider>(imds.error());
        imds.value()->setFailurePrefix(noneMessage + u"; the instance metadata service gave none: "_s);
        return Result<Provider>(Provider(imds.value()));
    }

    // AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI; nullopt when neither is set.
    std::optional<Result<Provider>> containerProvider()
    {
        auto settings = ContainerCredentialsProvider::settingsFrom(m_env, m_context.containerRelativeBase);
        if (!settings)
            return std::nullopt;
        if (!settings->ok())
            return Result<Provider>(settings->error());
        if (!m_context.network)
            return Result<Provider>(credentialsError(u"Container credentials (%1) need the network here"_s.arg(settings->value().urlSource)));
        return Result<Provider>(Provider(std::make_shared<ContainerCredentialsProvider>(settings->value(), m_context.network, m_clock)));
    }

    Result<std::shared_ptr<InstanceMetadataCredentialsProvider>> imdsProvider()
    {
        auto settings = InstanceMetadataCredentialsProvider::settingsFrom(m_files, m_env, m_sessionProfile);
        if (!settings.ok())
            return settings.error();
        return std::make_shared<InstanceMetadataCredentialsProvider>(settings.value(), m_context.network, m_clock);
    }

    // AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE (the environment) or the profile's.
    std::optional<Result<Provider>> webIdentity(const QString &profile)
    {
        QString roleArn = value(profile, u"role_arn"_s);
        QString tokenFile = value(profile, u"web_identity_token_file"_s);
        QString sessionName = value(profile, u"role_session_name"_s);
        if (tokenFile.isEmpty()) {
            roleArn = m_env.value(u"AWS_ROLE_ARN"_s);
            tokenFile = m_env.value(u"AWS_WEB_IDENTITY_TOKEN_FILE"_s);
            sessionName = m_env.value(u"AWS_ROLE_SESSION_NAME"_s);
        }
        if (tokenFile.isEmpty() || roleArn.isEmpty())
            return std::nullopt;
        AssumeRoleCredentialsProvider::Settings settings = roleSettings(profile, roleArn, sessionName);
        settings.webIdentityTokenFile = tokenFile;
        settings.cacheDir.clear();
        if (!m_context.network)
            return Result<Provider>(credentialsError(u"Profile '%1' uses web identity, which needs the network here"_s.arg(profile)));
        return Result<Provider>(Provider(std::make_shared<AssumeRoleCredentialsProvider>(
            settings, nullptr, m_context.network, MfaPrompt(), m_clock)));
    }

    // IAM Identity Center: an sso_session profile (with its [sso-session NAME] section) or a
    // legacy one (sso_start_url and sso_region in the profile), with sso_account_id and sso_role_name.
    std::optional<Result<Provider>> sso(const QString &profile)
    {
        const QString sessionName = value(profile, u"sso_session"_s);
        QString startUrl = value(profile, u"sso_start_url"_s);
        QString ssoRegion = value(profile, u"sso_region"_s);
        if (sessionName.isEmpty() && startUrl.isEmpty())
            return std::nullopt;
        if (!sessionName.isEmpty()) {
            const ConfigSection *session = m_files.config().section(u"sso-session "_s + sessionName);
            if (!session)
                return Result<Provider>(credentialsError(u"Profile '%1' names sso_session '%2', but %3 has no [sso-session %2] section"_s.arg(
                    profile, sessionName, m_files.config().fileName())));
            startUrl = session->value(u"sso_start_url"_s);
            ssoRegion = session->value(u"sso_region"_s);
        }
        QStringList missing;
        for (const auto &[name, v] : {std::pair{u"sso_start_url"_s, startUrl}, std::pair{u"sso_region"_s, ssoRegion},
                                      std::pair{u"sso_account_id"_s, value(profile, u"sso_account_id"_s)},
                                      std::pair{u"sso_role_name"_s, value(profile, u"sso_role_name"_s)}}) {
            if (v.isEmpty())
                missing << name;
        }
        if (!missing.isEmpty())
            return Result<Provider>(credentialsError(u"Profile '%1' uses IAM Identity Center but lacks %2"_s.arg(profile, missing.join(u", "_s))));
        if (!m_context.network)
            return Result<Provider>(credentialsError(u"Profile '%1' uses IAM Identity Center, which needs the network here"_s.arg(profile)));
        SsoCredentialsProvider::Settings settings;
        settings.profile = profile;
        settings.accountId = value(profile, u"sso_account_id"_s);
        settings.roleName = value(profile, u"sso_role_name"_s);
        settings.startUrl = startUrl;
        settings.ssoRegion = ssoRegion;
        settings.sessionName = sessionName;
        const SettingsResolver resolver(m_files, m_env);
        auto portal = resolver.resolve(u"sso"_s, profile, ssoRegion, {});
        auto oidc = resolver.resolve(u"sso-oidc"_s, profile, ssoRegion, {});
        if (!portal.ok())
            return Result<Provider>(portal.error());
        if (!oidc.ok())
            return Result<Provider>(oidc.error());
        settings.portalEndpoint = portal->endpoint;
        settings.oidcEndpoint = oidc->endpoint;
        settings.tokenCacheDir = QDir(home()).filePath(u".aws/sso/cache"_s);
        settings.caTrust = portal->caBundle; // AWS_CA_BUNDLE / ca_bundle
        settings.cacheDir = clicache::assumeRoleCacheDir(home());
        return Result<Provider>(Provider(std::make_shared<SsoCredentialsProvider>(settings, m_context.network, m_clock)));
    }

    Result<Provider> assumeRole(const QString &profile)
    {
        m_visited.append(profile);
        const QString roleArn = value(profile, u"role_arn"_s);
        const QString sourceProfile = value(profile, u"source_profile"_s);
        const QString credentialSource = value(profile, u"credential_source"_s);
        if (!sourceProfile.isEmpty() && !credentialSource.isEmpty())
            return credentialsError(u"Profile '%1' has both source_profile and credential_source; keep one"_s.arg(profile));
        if (sourceProfile.isEmpty() && credentialSource.isEmpty())
            return credentialsError(u"Profile '%1' has role_arn but neither source_profile nor credential_source"_s.arg(profile));
        if (!m_context.network)
            return credentialsError(u"Profile '%1' assumes a role, which needs the network here"_s.arg(profile));

        Provider source;
        QString sourceDescription;
        if (!credentialSource.isEmpty()) {
            if (credentialSource == u"Environment"_s) {
                auto env = fromEnvironment(m_env);
                if (!env)
                    return credentialsError(u"Profile '%1' takes its source credentials from the environment, "
                                            u"but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set"_s.arg(profile));
                if (!env->ok())
                    return env->error();
                source = env->value();
                sourceDescription = u"the environment"_s;
            } else if (credentialSource == u"EcsContainer"_s) {
                auto container = containerProvider();
                if (!container)
                    return credentialsError(u"Profile '%1' takes its source credentials from the container (credential_source = "
                                            u"EcsContainer), but neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor "
                                            u"AWS_CONTAINER_CREDENTIALS_FULL_URI is set"_s.arg(profile));
                if (!container->ok())
                    return container->error();
                source = container->value();
                sourceDescription = source->description();
            } else if (credentialSource == u"Ec2InstanceMetadata"_s) {
                auto imds = imdsProvider();
                if (!imds.ok())
                    return imds.error();
                if (imds.value()->settings().disabled)
                    return credentialsError(u"Profile '%1' takes its source credentials from the instance metadata service "
                                            u"(credential_source = Ec2InstanceMetadata), but AWS_EC2_METADATA_DISABLED is true"_s.arg(profile));
                source = imds.value();
                sourceDescription = source->description();
            } else {
                return credentialsError(u"Profile '%1': credential_source '%2' is not valid (Environment, EcsContainer or "
                                        u"Ec2InstanceMetadata)"_s.arg(profile, credentialSource));
            }
        } else {
            if (!m_files.hasProfile(sourceProfile))
                return credentialsError(u"The source_profile '%1' of profile '%2' does not exist"_s.arg(sourceProfile, profile));
            const bool selfWithKeys = sourceProfile == profile && hasStaticKeys(sourceProfile);
            if (m_visited.contains(sourceProfile) && !selfWithKeys)
                return credentialsError(u"Profiles %1 → %2 form a loop of source_profile"_s.arg(m_visited.join(u" → "_s), sourceProfile));
            // A source with keys (or without a role) resolves through its own providers, the
            // environment left out; a source that is itself a role is assumed first (chaining).
            auto resolved = hasStaticKeys(sourceProfile) || !hasRole(sourceProfile) ? profileChain(sourceProfile, false)
                                                                                     : assumeRole(sourceProfile);
            if (!resolved.ok())
                return resolved.error();
            source = resolved.value();
            sourceDescription = u"profile %1"_s.arg(sourceProfile);
        }
        AssumeRoleCredentialsProvider::Settings settings =
            roleSettings(profile, roleArn, value(profile, u"role_session_name"_s));
        settings.request.externalId = value(profile, u"external_id"_s);
        settings.request.serialNumber = value(profile, u"mfa_serial"_s);
        if (const QString d = value(profile, u"duration_seconds"_s); !d.isEmpty()) {
            bool ok = false;
            settings.request.durationSeconds = d.toInt(&ok);
            if (!ok || settings.request.durationSeconds < 900 || settings.request.durationSeconds > 43200)
                return credentialsError(u"Profile '%1': duration_seconds must be a number from 900 to 43200"_s.arg(profile));
        }
        settings.sourceDescription = sourceDescription;
        return Provider(std::make_shared<AssumeRoleCredentialsProvider>(settings, source, m_context.network,
                                                                         m_context.mfaPrompt, m_clock));
    }

private:
    QString value(const QString &profile, const QString &key) const { return m_files.profileValue(profile, key); }
    bool hasRole(const QString &profile) const
    {
        return !value(profile, u"role_arn"_s).isEmpty() && value(profile, u"web_identity_token_file"_s).isEmpty();
    }
    bool hasStaticKeys(const QString &profile) const
    {
        return !value(profile, u"aws_access_key_id"_s).isEmpty() || !value(profile, u"aws_secret_access_key"_s).isEmpty();
    }

    AssumeRoleCredentialsProvider::Settings roleSettings(const QString &profile, const QString &roleArn,
                                                         const QString &sessionName) const
    {
        AssumeRoleCredentialsProvider::Settings settings;
        settings.profile = profile;
        settings.request.roleArn = roleArn;
        settings.sessionNameConfigured = !sessionName.isEmpty();
        // botocore's default name: botocore-session-<epoch seconds>.
        settings.request.roleSessionName = sessionName.isEmpty()
                                               ? u"botocore-session-%1"_s.arg(m_clock->nowUtc().toSecsSinceEpoch())
                                               : sessionName;
        // STS in the profile's region (botocore's regional default), us-east-1 without one;
        // AWS_ENDPOINT_URL_STS and the [services] section override it.
        const SettingsResolver resolver(m_files, m_env);
        auto region = resolver.region(profile, {});
        auto sts = resolver.resolve(u"sts"_s, profile, region.ok() ? region.value() : u"us-east-1"_s, {});
        if (sts.ok()) {
            settings.stsEndpoint = sts->endpoint;
            settings.stsRegion = sts->signingRegion.isEmpty() ? sts->region : sts->signingRegion;
            settings.caTrust = sts->caBundle; // AWS_CA_BUNDLE / ca_bundle
        } else { // reported when the role is assumed (an invalid FIPS/dual-stack combination, …)
            settings.stsRegion = region.ok() ? region.value() : u"us-east-1"_s;
            settings.stsEndpoint = SettingsResolver::defaultEndpoint(u"sts"_s, settings.stsRegion);
            settings.endpointProblem = sts.error().message;
        }
        settings.cacheDir = clicache::assumeRoleCacheDir(home());
        return settings;
    }

    QString home() const
    {
        const QString fromEnv = m_env.value(u"HOME"_s);
        return fromEnv.isEmpty() ? QDir::homePath() : fromEnv;
    }

    const AwsConfigFiles &m_files;
    const Environment &m_env;
    const Clock *m_clock;
    ProviderContext m_context;
    QString m_sessionProfile; // the profile asked for: IMDS settings are read from it, as botocore does
    QStringList m_visited;
};

} // namespace

Result<std::shared_ptr<CredentialsProvider>> resolveCredentialsProvider(const AwsConfigFiles &files,
                                                                        const Environment &env,
                                                                        const QString &profile,
                                                                        bool profileExplicit,
                                                                        const AwsCredentials &explicitCredentials,
                                                                        const Clock *clock,
                                                                        const ProviderContext &context)
{
    // 1. Keys given explicitly (command line or the app's own connection settings).
    if (!explicitCredentials.accessKeyId.isEmpty() || !explicitCredentials.secretAccessKey.isEmpty()) {
        AwsCredentials c = explicitCredentials;
        if (c.source.isEmpty())
            c.source = u"explicit credentials"_s;
        if (auto r = fromKeys(c.accessKeyId, c.secretAccessKey, c.sessionToken, c.source, u"an access key id"_s,
                              u"a secret access key"_s))
            return *r;
    }
    // 2. The environment, unless a profile was named explicitly (the AWS CLI's rule).
    if (!profileExplicit) {
        if (auto r = fromEnvironment(env))
            return *r;
    }
    // 3. The profile's providers in botocore's order.
    ChainResolver chain(files, env, clock, context, profile);
    auto r = chain.profileChain(profile, true);
    if (r.ok() || r.error().message != chain.noCredentials(profile).error().message)
        return r;
    const QString none = u"No AWS credentials for profile '%1': none in the environment%2, in %3, or in %4"_s.arg(
        profile, profileExplicit ? u" (not read because a profile was named)"_s : QString(), files.credentials().fileName(),
        files.config().fileName());
    // 4. The container's endpoint, then the instance metadata service (see fallback()).
    if (auto last = chain.fallback(none))
        return *last;
    return credentialsError(none + u". Run 'aws configure --profile %1', or use the Local sandbox"_s.arg(profile));
}

} // namespace aws
