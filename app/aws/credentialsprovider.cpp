#include "aws/credentialsprovider.h"

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
        QString err = QString::fromUtf8(m_process->readAllStandardError()).trimmed();
        if (err.size() > 300)
            err = err.left(300) + u'…';
        m_process->disconnect(this);
        if (status != QProcess::NormalExit || exitCode != 0) {
            finish(credentialsError(u"credential_process of profile '%1' failed with exit code %2%3"_s.arg(
                m_profile, QString::number(exitCode), err.isEmpty() ? QString() : u": "_s + err)));
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

Result<std::shared_ptr<CredentialsProvider>> resolveCredentialsProvider(const AwsConfigFiles &files,
                                                                        const Environment &env,
                                                                        const QString &profile,
                                                                        bool profileExplicit,
                                                                        const AwsCredentials &explicitCredentials,
                                                                        const Clock *clock)
{
    using Provider = std::shared_ptr<CredentialsProvider>;
    auto fromKeys = [](const QString &id, const QString &secret, const QString &token, const QString &where,
                       const QString &idName, const QString &secretName) -> std::optional<Result<Provider>> {
        if (id.isEmpty() && secret.isEmpty())
            return std::nullopt;
        if (id.isEmpty() || secret.isEmpty())
            return Result<Provider>(credentialsError(u"%1 has %2 but no %3"_s.arg(
                where, id.isEmpty() ? secretName : idName, id.isEmpty() ? idName : secretName)));
        AwsCredentials c{id, secret, token, {}, where};
        return Result<Provider>(Provider(std::make_shared<StaticCredentialsProvider>(c)));
    };

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
        QString token = env.value(u"AWS_SESSION_TOKEN"_s);
        if (token.isEmpty())
            token = env.value(u"AWS_SECURITY_TOKEN"_s);
        if (auto r = fromKeys(env.value(u"AWS_ACCESS_KEY_ID"_s), env.value(u"AWS_SECRET_ACCESS_KEY"_s), token,
                              u"the environment"_s, u"AWS_ACCESS_KEY_ID"_s, u"AWS_SECRET_ACCESS_KEY"_s))
            return *r;
    }

    // 3. Profile kinds this client cannot use on its own: say how to bridge them.
    for (const QString &key : {u"role_arn"_s, u"sso_session"_s, u"sso_start_url"_s, u"web_identity_token_file"_s}) {
        if (!files.profileValue(profile, key).isEmpty() && files.profileValue(profile, u"credential_process"_s).isEmpty()
            && files.profileValue(profile, u"aws_access_key_id"_s).isEmpty())
            return credentialsError(
                u"Profile '%1' uses %2, which Athena Sessions cannot resolve itself. Add "
                u"'credential_process = aws configure export-credentials --profile %1 --format process' "
                u"to a profile of its own and select that profile"_s.arg(profile, key));
    }

    // 4. The shared credentials file.
    if (const ConfigSection *s = files.credentialsProfile(profile)) {
        QString token = s->value(u"aws_session_token"_s);
        if (token.isEmpty())
            token = s->value(u"aws_security_token"_s);
        if (auto r = fromKeys(s->value(u"aws_access_key_id"_s), s->value(u"aws_secret_access_key"_s), token,
                              u"profile %1 in %2"_s.arg(profile, files.credentials().fileName()),
                              u"aws_access_key_id"_s, u"aws_secret_access_key"_s))
            return *r;
    }

    // 5. credential_process, from either file.
    if (const QString command = files.profileValue(profile, u"credential_process"_s); !command.isEmpty())
        return Provider(std::make_shared<ProcessCredentialsProvider>(command, profile, clock));

    // 6. Keys in the config file's profile.
    if (const ConfigSection *s = files.configProfile(profile)) {
        if (auto r = fromKeys(s->value(u"aws_access_key_id"_s), s->value(u"aws_secret_access_key"_s),
                              s->value(u"aws_session_token"_s), u"profile %1 in %2"_s.arg(profile, files.config().fileName()),
                              u"aws_access_key_id"_s, u"aws_secret_access_key"_s))
            return *r;
    }

    return credentialsError(
        u"No AWS credentials for profile '%1': none in the environment%2, in %3, or in %4. Run "
        u"'aws configure --profile %1', or use the Local sandbox"_s.arg(
            profile, profileExplicit ? u" (not read because a profile was named)"_s : QString(),
            files.credentials().fileName(), files.config().fileName()));
}

} // namespace aws
