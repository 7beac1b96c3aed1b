// Sign-in beyond static keys, against a loopback STS and IAM Identity Center
// (tests/tools/stub_sts.py) reached through AWS_ENDPOINT_URL_STS, _SSO and _SSO_OIDC: the stub
// checks every AssumeRole signature with botocore's SigV4Auth and every SSO bearer token. Roles,
// chaining, MFA, web identity, SSO with its token cache and refresh, the AWS CLI's caches both
// ways, and botocore as the oracle for the keys a profile resolves to.
#include "aws/assumeroleprovider.h"
#include "aws/clicache.h"
#include "aws/credentialsprovider.h"
#include "aws/ssoprovider.h"
#include "support/testpaths.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace aws;
using namespace Qt::StringLiterals;

namespace {

const QString kBaseKey = u"AKIDBASEEXAMPLE00001"_s;
const QString kBaseSecret = u"base/secret/EXAMPLEKEYxxxxxxxxxxxxxxxx"_s;

// Every message any category logs during the test, every debug category on.
QStringList g_messages;
void collect(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_messages << message;
}

Result<AwsCredentials> fetchNow(CredentialsProvider &provider)
{
    QObject context;
    std::optional<Result<AwsCredentials>> got;
    provider.fetch(&context, [&got](const Result<AwsCredentials> &r) { got = r; });
    if (!QTest::qWaitFor([&got] { return got.has_value(); }, 20000))
        return AwsError::make(AwsError::Kind::Credentials, u"TestTimeout"_s, u"no callback"_s);
    return *got;
}

} // namespace

class TestSignIn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void assumesARoleSignedWithTheSourceKeys();
    void chainsRoles();
    void asksForAnMfaCodeAndFailsClearlyWithout();
    void webIdentityIsUnsigned();
    void writesAndReadsTheCliCache();
    void theAwsCliReusesOurCacheAndWeReuseIts();
    void botocoreResolvesTheSameKeys();
    void cacheKeyMatchesBotocore();
    void failingProcessNeverQuotesItsOutput();
    void ssoUsesTheCachedToken_data();
    void ssoUsesTheCachedToken();
    void ssoRefreshesAnExpiringTokenAndWritesTheCacheBack();
    void ssoWithoutSignInSaysHowToSignIn();
    void botocoreResolvesTheSameSsoKeys();
    void noSecretWasLogged(); // last

private:
    void writeSsoToken(const QString &cacheKeyInput, qint64 expiresInSecs, bool refreshable);
    std::shared_ptr<CredentialsProvider> resolve(const QString &profile, MfaPrompt prompt = {});
    QList<QJsonObject> stsLog() const;
    QProcessEnvironment pythonEnv() const;

    QString m_python;
    QProcess m_stub;
    QString m_port;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_log;
    Environment m_env;
    QNetworkAccessManager m_network;
};

void TestSignIn::initTestCase()
{
    QLoggingCategory::setFilterRules(u"*.debug=true"_s);
    qInstallMessageHandler(collect);
    m_python = testing::pythonWith(u"botocore"_s);
    if (m_python.isEmpty())
        QSKIP("[peer:boto3] botocore is not installed: the STS stub checks signatures with it");
    m_dir = std::make_unique<QTemporaryDir>();
    m_log = m_dir->filePath(u"sts.log"_s);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"STUB_KEYS"_s, QString::fromUtf8(QJsonDocument(QJsonObject{{kBaseKey, kBaseSecret}}).toJson(QJsonDocument::Compact)));
    m_stub.setProcessEnvironment(env);
    m_stub.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_stub.start(m_python, {testing::toolsDir(u"stub_sts.py"_s), m_log});
    QVERIFY(m_stub.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(m_stub.canReadLine(), 20000);
    m_port = QString::fromLatin1(m_stub.readLine().trimmed());
    QVERIFY(m_port.toInt() > 0);
}

void TestSignIn::cleanupTestCase()
{
    m_stub.kill();
    m_stub.waitForFinished(5000);
}

void TestSignIn::init()
{
    // A fresh HOME (so a fresh ~/.aws/cli/cache) and config for each test; the log starts empty.
    static int n = 0;
    const QString home = m_dir->filePath(u"home%1"_s.arg(++n));
    QDir().mkpath(home + u"/.aws"_s);
    QFile config(home + u"/.aws/config"_s);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral(
                     "[default]\nregion = eu-west-1\n"
                     "[profile base]\nregion = eu-west-1\naws_access_key_id = %1\naws_secret_access_key = %2\n"
                     "[profile role]\nregion = eu-west-1\nrole_arn = arn:aws:iam::123456789012:role/Analyst\nsource_profile = base\n"
                     "[profile chained]\nregion = eu-west-1\nrole_arn = arn:aws:iam::210987654321:role/Spark\nsource_profile = role\nrole_session_name = chained-session\n"
                     "[profile mfa]\nregion = eu-west-1\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\nduration_seconds = 3600\n"
                     "[profile web]\nregion = eu-west-1\nrole_arn = arn:aws:iam::123456789012:role/Web\nweb_identity_token_file = %3\n"
                     "[profile loop-a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = loop-b\n"
                     "[profile loop-b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = loop-a\n"
                     "[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = SparkUser\nregion = eu-west-1\n"
                     "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n"
                     "[profile sso-legacy]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 444455556666\nsso_role_name = Reader\n"
                     "[profile failing]\ncredential_process = sh -c 'echo SECRETVALUE-IN-STDERR >&2; exit 3'\n")
                     .arg(kBaseKey, kBaseSecret, home + u"/token"_s)
                     .toUtf8());
    config.close();
    QFile token(home + u"/token"_s);
    QVERIFY(token.open(QIODevice::WriteOnly));
    token.write("web-identity-token"); // as a Kubernetes projected token: no newline
    token.close();
    m_env = Environment{{u"HOME"_s, home},
                        {u"AWS_CONFIG_FILE"_s, home + u"/.aws/config"_s},
                        {u"AWS_SHARED_CREDENTIALS_FILE"_s, home + u"/.aws/credentials"_s},
                        {u"AWS_ENDPOINT_URL_STS"_s, u"http://127.0.0.1:"_s + m_port},
                        {u"AWS_ENDPOINT_URL_SSO"_s, u"http://127.0.0.1:"_s + m_port},
                        {u"AWS_ENDPOINT_URL_SSO_OIDC"_s, u"http://127.0.0.1:"_s + m_port}};
    QFile::remove(m_log);
}

std::shared_ptr<CredentialsProvider> TestSignIn::resolve(const QString &profile, MfaPrompt prompt)
{
    auto files = AwsConfigFiles::load(m_env);
    if (!files.ok())
        return {};
    ProviderContext context;
    context.network = &m_network;
    context.mfaPrompt = std::move(prompt);
    auto p = resolveCredentialsProvider(files.value(), m_env, profile, true, {}, SystemClock::instance(), context);
    if (!p.ok()) {
        qWarning("%s", qPrintable(p.error().message));
        return {};
    }
    return p.value();
}

QList<QJsonObject> TestSignIn::stsLog() const
{
    QList<QJsonObject> out;
    QFile f(m_log);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    while (!f.atEnd())
        out << QJsonDocument::fromJson(f.readLine()).object();
    return out;
}

QProcessEnvironment TestSignIn::pythonEnv() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : {u"AWS_PROFILE"_s, u"AWS_ACCESS_KEY_ID"_s, u"AWS_SECRET_ACCESS_KEY"_s, u"AWS_SESSION_TOKEN"_s,
                                u"AWS_REGION"_s, u"AWS_DEFAULT_REGION"_s, u"AWS_ENDPOINT_URL"_s})
        env.remove(name);
    for (auto it = m_env.begin(); it != m_env.end(); ++it)
        env.insert(it.key(), it.value());
    return env;
}

void TestSignIn::assumesARoleSignedWithTheSourceKeys()
{
    auto provider = resolve(u"role"_s);
    QVERIFY(provider);
    const auto c = fetchNow(*provider);
    QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().message));
    QVERIFY(c->accessKeyId.startsWith(u"ASIA"_s));
    QVERIFY(!c->sessionToken.isEmpty());
    QVERIFY(c->expiration.isValid());
    const auto log = stsLog();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.first().value(u"Action"_s).toString(), u"AssumeRole"_s);
    QCOMPARE(log.first().value(u"RoleArn"_s).toString(), u"arn:aws:iam::123456789012:role/Analyst"_s);
    QCOMPARE(log.first().value(u"caller"_s).toString(), kBaseKey); // botocore's SigV4Auth agreed
    QVERIFY(log.first().value(u"RoleSessionName"_s).toString().startsWith(u"botocore-session-"_s));
    // Fetched again: from memory, no second call.
    QVERIFY(fetchNow(*provider).ok());
    QCOMPARE(stsLog().size(), 1);
    QVERIFY(provider->description().contains(u"role arn:aws:iam::123456789012:role/Analyst (from profile base)"_s));
}

void TestSignIn::chainsRoles()
{
    auto provider = resolve(u"chained"_s);
    QVERIFY(provider);
    const auto c = fetchNow(*provider);
    QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().message));
    const auto log = stsLog();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log.at(0).value(u"RoleArn"_s).toString(), u"arn:aws:iam::123456789012:role/Analyst"_s);
    QCOMPARE(log.at(0).value(u"caller"_s).toString(), kBaseKey);
    QCOMPARE(log.at(1).value(u"RoleArn"_s).toString(), u"arn:aws:iam::210987654321:role/Spark"_s);
    QVERIFY(log.at(1).value(u"caller"_s).toString().startsWith(u"ASIA"_s)); // signed with the first role's keys
    QCOMPARE(log.at(1).value(u"RoleSessionName"_s).toString(), u"chained-session"_s);
    // A loop of source profiles is refused before any call.
    QVERIFY(!resolve(u"loop-a"_s));
}

void TestSignIn::asksForAnMfaCodeAndFailsClearlyWithout()
{
    QStringList asked;
    auto provider = resolve(u"mfa"_s, [&asked](const QString &serial, std::function<void(std::optional<QString>)> answer) {
        asked << serial;
        answer(u"123456"_s);
    });
    const auto c = fetchNow(*provider);
    QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().message));
    QCOMPARE(asked, QStringList{u"arn:aws:iam::123456789012:mfa/alice"_s});
    const auto log = stsLog();
    QCOMPARE(log.first().value(u"SerialNumber"_s).toString(), u"arn:aws:iam::123456789012:mfa/alice"_s);
    QCOMPARE(log.first().value(u"TokenCode"_s).toString(), u"<6 chars>"_s);
    QCOMPARE(log.first().value(u"DurationSeconds"_s).toString(), u"3600"_s);

    // Cancelled, wrong, and nobody to ask: clear errors that never contain the code.
    QFile::remove(m_log);
    QDir(m_env.value(u"HOME"_s) + u"/.aws/cli/cache"_s).removeRecursively();
    auto cancelled = resolve(u"mfa"_s, [](const QString &, std::function<void(std::optional<QString>)> answer) { answer(std::nullopt); });
    const auto e1 = fetchNow(*cancelled);
    QVERIFY(!e1.ok());
    QVERIFY(e1.error().message.contains(u"No MFA code"_s));
    auto wrong = resolve(u"mfa"_s, [](const QString &, std::function<void(std::optional<QString>)> answer) { answer(u"999111"_s); });
    const auto e2 = fetchNow(*wrong);
    QVERIFY(!e2.ok());
    QVERIFY(e2.error().message.contains(u"AccessDenied"_s));
    QVERIFY(!e2.error().message.contains(u"999111"_s));
    auto nobody = resolve(u"mfa"_s);
    const auto e3 = fetchNow(*nobody);
    QVERIFY(!e3.ok());
    QVERIFY(e3.error().message.contains(u"needs an MFA code"_s));
}

void TestSignIn::webIdentityIsUnsigned()
{
    auto provider = resolve(u"web"_s);
    QVERIFY(provider);
    const auto c = fetchNow(*provider);
    QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().message));
    const auto log = stsLog();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.first().value(u"Action"_s).toString(), u"AssumeRoleWithWebIdentity"_s);
    QCOMPARE(log.first().value(u"signed"_s).toBool(), false);
    QCOMPARE(log.first().value(u"WebIdentityToken"_s).toString(), u"<18 chars>"_s);
}

void TestSignIn::writesAndReadsTheCliCache()
{
    auto first = resolve(u"role"_s);
    const auto c = fetchNow(*first);
    QVERIFY(c.ok());
    const QString dir = m_env.value(u"HOME"_s) + u"/.aws/cli/cache"_s;
    const QStringList files = QDir(dir).entryList({u"*.json"_s}, QDir::Files);
    QCOMPARE(files.size(), 1);
    QCOMPARE(QFile::permissions(dir + u'/' + files.first()), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
    QCOMPARE(QDir(dir).entryList(QDir::Files).size(), 1); // no temporary file left
    // A second provider (another process, in life) reads it instead of calling STS.
    auto second = resolve(u"role"_s);
    const auto again = fetchNow(*second);
    QVERIFY(again.ok());
    QCOMPARE(again->accessKeyId, c->accessKeyId);
    QCOMPARE(stsLog().size(), 1);
}

void TestSignIn::theAwsCliReusesOurCacheAndWeReuseIts()
{
    const QString aws = QStandardPaths::findExecutable(u"aws"_s);
    if (aws.isEmpty())
        QSKIP("[peer:awscli] the AWS CLI is not installed");
    // Ours first: the CLI then makes no AssumeRole, only GetCallerIdentity with our keys.
    auto ours = resolve(u"role"_s);
    const auto c = fetchNow(*ours);
    QVERIFY(c.ok());
    QProcess cli;
    cli.setProcessEnvironment(pythonEnv());
    cli.start(aws, {u"sts"_s, u"get-caller-identity"_s, u"--profile"_s, u"role"_s, u"--output"_s, u"json"_s});
    QVERIFY(cli.waitForFinished(60000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    auto log = stsLog();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log.at(1).value(u"Action"_s).toString(), u"GetCallerIdentity"_s);
    QCOMPARE(log.at(1).value(u"caller"_s).toString(), c->accessKeyId);

    // Then the other way: the CLI assumes the MFA role (code on its stdin), we reuse it.
    QFile::remove(m_log);
    cli.start(aws, {u"sts"_s, u"get-caller-identity"_s, u"--profile"_s, u"mfa"_s, u"--output"_s, u"json"_s});
    QVERIFY(cli.waitForStarted(10000));
    cli.write("123456\n");
    cli.closeWriteChannel();
    QVERIFY(cli.waitForFinished(60000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    QCOMPARE(stsLog().first().value(u"Action"_s).toString(), u"AssumeRole"_s);
    int prompts = 0;
    auto reuse = resolve(u"mfa"_s, [&prompts](const QString &, std::function<void(std::optional<QString>)> answer) {
        ++prompts;
        answer(std::nullopt);
    });
    const auto reused = fetchNow(*reuse);
    QVERIFY2(reused.ok(), qPrintable(reused.ok() ? QString() : reused.error().message));
    QCOMPARE(prompts, 0); // no second MFA prompt
    QCOMPARE(stsLog().size(), 2); // the CLI's AssumeRole and GetCallerIdentity; none of ours
}

void TestSignIn::botocoreResolvesTheSameKeys()
{
    int compared = 0;
    for (const QString &profile : {u"role"_s, u"chained"_s, u"web"_s}) {
        QDir(m_env.value(u"HOME"_s) + u"/.aws/cli/cache"_s).removeRecursively();
        auto provider = resolve(profile);
        QVERIFY(provider);
        const auto ours = fetchNow(*provider);
        QVERIFY2(ours.ok(), qPrintable(ours.ok() ? QString() : ours.error().message));
        QProcess py;
        py.setProcessEnvironment(pythonEnv());
        py.start(m_python, {u"-c"_s, u"import botocore.session as s; c = s.Session(profile='%1').get_credentials()"
                                     u".get_frozen_credentials(); print(c.access_key, c.token)"_s.arg(profile)});
        QVERIFY(py.waitForFinished(60000));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().right(600).constData());
        const QStringList theirs = QString::fromUtf8(py.readAllStandardOutput()).trimmed().split(u' ');
        QCOMPARE(theirs.value(0), ours->accessKeyId);
        QCOMPARE(theirs.value(1), ours->sessionToken);
        ++compared;
    }
    qInfo("botocore resolved the same keys for %d of 3 profiles", compared);
}

void TestSignIn::cacheKeyMatchesBotocore()
{
    // botocore's own key computation for the same arguments.
    QProcess py;
    py.start(m_python, {u"-c"_s, u"import json, hashlib\n"
                                 u"for args in [dict(RoleArn='arn:aws:iam::1:role/a'),"
                                 u" dict(RoleArn='arn:aws:iam::1:role/a', SerialNumber='arn:aws:iam::1:mfa/x', DurationSeconds=3600, ExternalId='ext \\u00e9\"'),"
                                 u" dict(RoleArn='arn:aws:iam::1:role/a', RoleSessionName='s')]:\n"
                                 u"  print(hashlib.sha1(json.dumps(args, sort_keys=True).encode()).hexdigest())"_s});
    QVERIFY(py.waitForFinished(30000));
    const QStringList expected = QString::fromUtf8(py.readAllStandardOutput()).trimmed().split(u'\n');
    QCOMPARE(expected.size(), 3);
    clicache::AssumeRoleKeyArgs a;
    a.roleArn = u"arn:aws:iam::1:role/a"_s;
    QCOMPARE(clicache::assumeRoleKey(a), expected.at(0));
    clicache::AssumeRoleKeyArgs b = a;
    b.serialNumber = u"arn:aws:iam::1:mfa/x"_s;
    b.durationSeconds = 3600;
    b.externalId = u"ext \u00e9\""_s;
    QCOMPARE(clicache::assumeRoleKey(b), expected.at(1));
    clicache::AssumeRoleKeyArgs c = a;
    c.roleSessionName = u"s"_s;
    QCOMPARE(clicache::assumeRoleKey(c), expected.at(2));
}

void TestSignIn::failingProcessNeverQuotesItsOutput()
{
    auto files = AwsConfigFiles::load(m_env);
    QVERIFY(files.ok());
    auto p = resolveCredentialsProvider(files.value(), m_env, u"failing"_s, true);
    QVERIFY(p.ok());
    const auto c = fetchNow(*p.value());
    QVERIFY(!c.ok());
    QVERIFY(c.error().message.contains(u"exit code 3"_s));
    QVERIFY(c.error().message.contains(u"(sh)"_s));
    QVERIFY2(!c.error().message.contains(u"SECRETVALUE"_s), qPrintable(c.error().message));
}

void TestSignIn::writeSsoToken(const QString &cacheKeyInput, qint64 expiresInSecs, bool refreshable)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QJsonObject token{{u"startUrl"_s, u"https://corp.awsapps.com/start"_s}, {u"region"_s, u"eu-west-1"_s},
                      {u"accessToken"_s, u"sso-access-1"_s},
                      {u"expiresAt"_s, now.addSecs(expiresInSecs).toString(u"yyyy-MM-ddTHH:mm:ss'Z'"_s)}};
    if (refreshable) {
        token.insert(u"refreshToken"_s, u"sso-refresh-1"_s);
        token.insert(u"clientId"_s, u"client-id"_s);
        token.insert(u"clientSecret"_s, u"client-secret"_s);
        token.insert(u"registrationExpiresAt"_s, now.addDays(30).toString(u"yyyy-MM-ddTHH:mm:ss'Z'"_s));
    }
    const QString dir = m_env.value(u"HOME"_s) + u"/.aws/sso/cache"_s;
    QDir().mkpath(dir);
    QFile f(dir + u'/' + SsoCredentialsProvider::tokenCacheKey(cacheKeyInput, {}) + u".json"_s);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(token).toJson());
}

void TestSignIn::ssoUsesTheCachedToken_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("cacheKeyInput"); // botocore keys the token by the session name, or the start URL
    QTest::addColumn<QString>("account");
    QTest::newRow("sso_session") << u"sso"_s << u"corp"_s << u"111122223333"_s;
    QTest::newRow("legacy") << u"sso-legacy"_s << u"https://legacy.awsapps.com/start"_s << u"444455556666"_s;
}

void TestSignIn::ssoUsesTheCachedToken()
{
    QFETCH(QString, profile);
    QFETCH(QString, cacheKeyInput);
    QFETCH(QString, account);
    writeSsoToken(cacheKeyInput, 3600, false);
    auto provider = resolve(profile);
    QVERIFY(provider);
    const auto c = fetchNow(*provider);
    QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().message));
    QVERIFY(c->accessKeyId.startsWith(u"ASIASSO"_s));
    const auto log = stsLog();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.first().value(u"Action"_s).toString(), u"GetRoleCredentials"_s);
    QCOMPARE(log.first().value(u"account_id"_s).toString(), account);
    QCOMPARE(log.first().value(u"bearer"_s).toString(), u"sso-access-1"_s);
    QVERIFY(provider->description().contains(u"IAM Identity Center: account %1"_s.arg(account)));
    // The role credentials went to the CLI's cache, private; a second provider reuses them.
    const QString dir = m_env.value(u"HOME"_s) + u"/.aws/cli/cache"_s;
    const QStringList files = QDir(dir).entryList({u"*.json"_s}, QDir::Files);
    QCOMPARE(files.size(), 1);
    QCOMPARE(QFile::permissions(dir + u'/' + files.first()), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
    auto second = resolve(profile);
    QCOMPARE(fetchNow(*second)->accessKeyId, c->accessKeyId);
    QCOMPARE(stsLog().size(), 1);
}

void TestSignIn::ssoRefreshesAnExpiringTokenAndWritesTheCacheBack()
{
    writeSsoToken(u"corp"_s, 5 * 60, true); // within botocore's 15-minute refresh window
    auto provider = resolve(u"sso"_s);
    const auto c = fetchNow(*provider);
    QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().message));
    const auto log = stsLog();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log.at(0).value(u"Action"_s).toString(), u"CreateToken"_s);
    QCOMPARE(log.at(0).value(u"grantType"_s).toString(), u"refresh_token"_s);
    QCOMPARE(log.at(1).value(u"bearer"_s).toString(), u"sso-access-2"_s);
    QFile f(m_env.value(u"HOME"_s) + u"/.aws/sso/cache/"_s + SsoCredentialsProvider::tokenCacheKey(u"corp"_s, {}) + u".json"_s);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject cached = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(cached.value(u"accessToken"_s).toString(), u"sso-access-2"_s);
    QCOMPARE(cached.value(u"refreshToken"_s).toString(), u"sso-refresh-2"_s);
    QCOMPARE(cached.value(u"clientSecret"_s).toString(), u"client-secret"_s);
    QVERIFY(QDateTime::fromString(cached.value(u"expiresAt"_s).toString(), Qt::ISODate) > QDateTime::currentDateTimeUtc().addSecs(7 * 3600));
    QCOMPARE(QFile::permissions(f.fileName()), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);

    // botocore reads the token we wrote back and needs no refresh of its own.
    QFile::remove(m_log);
    QProcess py;
    py.setProcessEnvironment(pythonEnv());
    py.start(m_python, {u"-c"_s, u"import botocore.session as s; c = s.Session(profile='sso').get_credentials()"
                                 u".get_frozen_credentials(); print(c.access_key)"_s});
    QVERIFY(py.waitForFinished(60000));
    QVERIFY2(py.exitCode() == 0, py.readAllStandardError().right(600).constData());
    QCOMPARE(QString::fromUtf8(py.readAllStandardOutput()).trimmed(), c->accessKeyId);
    QCOMPARE(stsLog().size(), 1);
    QCOMPARE(stsLog().first().value(u"bearer"_s).toString(), u"sso-access-2"_s);
}

void TestSignIn::ssoWithoutSignInSaysHowToSignIn()
{
    auto provider = resolve(u"sso"_s);
    const auto c = fetchNow(*provider);
    QVERIFY(!c.ok());
    QCOMPARE(c.error().code, u"SsoSignInRequired"_s);
    QVERIFY2(c.error().message.contains(u"aws sso login --sso-session corp"_s), qPrintable(c.error().message));
    // An expired token that cannot be refreshed says so, without quoting it.
    writeSsoToken(u"corp"_s, -60, false);
    auto expired = resolve(u"sso"_s);
    const auto e = fetchNow(*expired);
    QVERIFY(!e.ok());
    QVERIFY(e.error().message.contains(u"expired"_s));
    QVERIFY(!e.error().message.contains(u"sso-access-1"_s));
    QCOMPARE(stsLog().size(), 0);
}

void TestSignIn::botocoreResolvesTheSameSsoKeys()
{
    int agreed = 0;
    for (const auto &[profile, key] : {std::pair{u"sso"_s, u"corp"_s}, std::pair{u"sso-legacy"_s, u"https://legacy.awsapps.com/start"_s}}) {
        writeSsoToken(key, 3600, false);
        auto provider = resolve(profile);
        const auto ours = fetchNow(*provider);
        QVERIFY(ours.ok());
        QProcess py;
        py.setProcessEnvironment(pythonEnv());
        py.start(m_python, {u"-c"_s, u"import botocore.session as s; c = s.Session(profile='%1').get_credentials()"
                                     u".get_frozen_credentials(); print(c.access_key, c.token)"_s.arg(profile)});
        QVERIFY(py.waitForFinished(60000));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().right(600).constData());
        const QStringList theirs = QString::fromUtf8(py.readAllStandardOutput()).trimmed().split(u' ');
        QCOMPARE(theirs.value(0), ours->accessKeyId);
        QCOMPARE(theirs.value(1), ours->sessionToken);
        ++agreed;
    }
    qInfo("botocore resolved the same SSO keys for %d of 2 profiles", agreed);
}

void TestSignIn::noSecretWasLogged()
{
    // Runs last: the secrets of every flow above (keys, tokens, MFA codes, SSO access, refresh
    // and client secrets) appear in no message of any category.
    qInstallMessageHandler(nullptr);
    const QStringList secrets = {kBaseSecret, u"123456"_s, u"999111"_s, u"sso-access-1"_s, u"sso-access-2"_s, u"sso-refresh-1"_s,
                                 u"sso-refresh-2"_s, u"client-secret"_s, u"web-identity-token"_s, u"SECRETVALUE"_s};
    int checked = 0;
    for (const QString &message : std::as_const(g_messages)) {
        for (const QString &secret : secrets)
            QVERIFY2(!message.contains(secret), qPrintable(u"a log message contains a secret: "_s + message.left(80)));
        ++checked;
    }
    qInfo("%d log messages checked, none holds a secret", checked);
}

QTEST_GUILESS_MAIN(TestSignIn)
#include "tst_signin.moc"
