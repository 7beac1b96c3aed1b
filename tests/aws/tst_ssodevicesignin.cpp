// Signing in to IAM Identity Center from the app and athenactl (the device authorization of
// `aws sso login`) against a loopback SSO OIDC (tests/tools/stub_sts.py, reached through
// AWS_ENDPOINT_URL_SSO_OIDC): registration and its reuse, polling with AuthorizationPending and
// SlowDown, denial, expiry, a revoked registration, cancel, a silent and an endless peer; the token
// written where the AWS CLI reads it, read back by botocore (the oracle) and by our SSO provider.
#include "aws/credentialsprovider.h"
#include "aws/ssodevicesignin.h"
#include "aws/ssoprovider.h"
#include "support/testpaths.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace aws;
using namespace Qt::StringLiterals;

namespace {

QStringList g_messages;
void collect(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_messages << message;
}

constexpr QFileDevice::Permissions kPrivate = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser;

// What one sign-in ended with: its expiry, or the error.
struct Outcome
{
    explicit Outcome(SsoDeviceSignIn *signIn)
    {
        QObject::connect(signIn, &SsoDeviceSignIn::succeeded, signIn, [this](const QDateTime &t) { results << Result<QDateTime>(t); });
        QObject::connect(signIn, &SsoDeviceSignIn::failed, signIn, [this](const AwsError &e) { results << Result<QDateTime>(e); });
    }
    bool wait(int ms = 20000) { return QTest::qWaitFor([this] { return !results.isEmpty(); }, ms); }
    qsizetype size() const { return results.size(); }
    const Result<QDateTime> &first() const { return results.first(); }
    QList<Result<QDateTime>> results;
};

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
}

} // namespace

class TestSsoDeviceSignIn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void signsInAndSharesTheTokenWithTheCliAndBotocore();
    void reusesTheRegistrationAndRegistersAgainWhenRevoked();
    void slowDownSlowsThePolling();
    void deniedAndExpiredEndClearly_data();
    void deniedAndExpiredEndClearly();
    void theCodeExpiresOnTheClock();
    void cancelStopsPolling();
    void silentPeerTimesOut();
    void endlessAnswerIsCut();
    void settingsComeFromTheProfile();
    void athenactlSignsIn();
    void noSecretWasLogged(); // last

private:
    void startStub(const QString &script, const QString &revoked = {});
    SsoDeviceSignIn::Settings settings(const QString &profile = u"sso"_s) const;
    QList<QJsonObject> stubLog() const;
    QString tokenPath(const QString &keyInput) const;

    QString m_python;
    QProcess m_stub;
    QString m_port;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_home;
    QString m_log;
    Environment m_env;
    QNetworkAccessManager m_network;
};

void TestSsoDeviceSignIn::initTestCase()
{
    QLoggingCategory::setFilterRules(u"*.debug=true"_s);
    qInstallMessageHandler(collect);
    m_python = testing::pythonWith(u"botocore"_s);
    if (m_python.isEmpty())
        QSKIP("[peer:boto3] botocore is not installed: the stub and the oracle need it");
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestSsoDeviceSignIn::init()
{
    static int n = 0;
    m_home = m_dir->filePath(u"home%1"_s.arg(++n));
    QDir().mkpath(m_home + u"/.aws"_s);
    QFile config(m_home + u"/.aws/config"_s);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = SparkUser\nregion = eu-west-1\n"
                 "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n"
                 "sso_registration_scopes = sso:account:access\n"
                 "[profile legacy]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-1\n"
                 "sso_account_id = 444455556666\nsso_role_name = Reader\n"
                 "[profile keys]\naws_access_key_id = AKIDKEYS\naws_secret_access_key = keys-secret\n");
    config.close();
    m_log = m_dir->filePath(u"oidc%1.log"_s.arg(n));
    m_env = Environment{{u"HOME"_s, m_home},
                        {u"AWS_CONFIG_FILE"_s, m_home + u"/.aws/config"_s},
                        {u"AWS_SHARED_CREDENTIALS_FILE"_s, m_home + u"/.aws/credentials"_s},
                        {u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s}};
}

void TestSsoDeviceSignIn::cleanup()
{
    if (m_stub.state() != QProcess::NotRunning) {
        m_stub.kill();
        m_stub.waitForFinished(5000);
    }
}

void TestSsoDeviceSignIn::startStub(const QString &script, const QString &revoked)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"STUB_DEVICE_SCRIPT"_s, script);
    env.insert(u"STUB_REVOKED_CLIENTS"_s, revoked);
    m_stub.setProcessEnvironment(env);
    m_stub.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_stub.start(m_python, {testing::toolsDir(u"stub_sts.py"_s), m_log});
    QVERIFY(m_stub.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(m_stub.canReadLine(), 20000);
    m_port = QString::fromLatin1(m_stub.readLine().trimmed());
    QVERIFY(m_port.toInt() > 0);
    for (const QString &name : {u"AWS_ENDPOINT_URL_SSO"_s, u"AWS_ENDPOINT_URL_SSO_OIDC"_s})
        m_env.insert(name, u"http://127.0.0.1:"_s + m_port);
}

SsoDeviceSignIn::Settings TestSsoDeviceSignIn::settings(const QString &profile) const
{
    auto files = AwsConfigFiles::load(m_env);
    if (!files.ok())
        return {};
    auto s = SsoDeviceSignIn::settingsFor(files.value(), m_env, profile);
    return s.ok() ? s.value() : SsoDeviceSignIn::Settings{};
}

QList<QJsonObject> TestSsoDeviceSignIn::stubLog() const
{
    QList<QJsonObject> out;
    QFile f(m_log);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    while (!f.atEnd())
        out << QJsonDocument::fromJson(f.readLine()).object();
    return out;
}

QString TestSsoDeviceSignIn::tokenPath(const QString &keyInput) const
{
    return m_home + u"/.aws/sso/cache/"_s + SsoCredentialsProvider::tokenCacheKey(keyInput, {}) + u".json"_s;
}

void TestSsoDeviceSignIn::signsInAndSharesTheTokenWithTheCliAndBotocore()
{
    startStub(u"pending,pending,ok"_s);
    SsoDeviceSignIn signIn(settings(), &m_network);
    signIn.setPollIntervalScale(0.05);
    QSignalSpy approval(&signIn, &SsoDeviceSignIn::awaitingApproval);
    Outcome finished(&signIn);
    signIn.start();
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.size(), 1);
    const auto result = finished.first();
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QVERIFY(*result > QDateTime::currentDateTimeUtc().addSecs(7 * 3600));
    QCOMPARE(approval.size(), 1);
    QCOMPARE(approval.first().at(0).toUrl(), QUrl(u"https://device.sso.example.test/?user_code=ABCD-EFGH"_s));
    QCOMPARE(approval.first().at(1).toString(), u"ABCD-EFGH"_s);

    // What the service was asked, in order.
    const auto log = stubLog();
    QStringList actions;
    for (const QJsonObject &e : log)
        actions << e.value(u"Action"_s).toString();
    QCOMPARE(actions, (QStringList{u"RegisterClient"_s, u"StartDeviceAuthorization"_s, u"CreateToken"_s, u"CreateToken"_s,
                                   u"CreateToken"_s}));
    QCOMPARE(log.at(0).value(u"clientType"_s).toString(), u"public"_s);
    QCOMPARE(log.at(0).value(u"scopes"_s).toArray(), QJsonArray{u"sso:account:access"_s});
    QCOMPARE(log.at(1).value(u"startUrl"_s).toString(), u"https://corp.awsapps.com/start"_s);
    QCOMPARE(log.at(1).value(u"clientId"_s).toString(), u"device-client-1"_s);
    QCOMPARE(log.at(2).value(u"grantType"_s).toString(), u"urn:ietf:params:oauth:grant-type:device_code"_s);
    QCOMPARE(signIn.polls(), 3);

    // The token where `aws sso login --sso-session corp` writes it, in its format, private.
    const QJsonObject token = readJson(tokenPath(u"corp"_s));
    QCOMPARE(token.value(u"accessToken"_s).toString(), u"sso-device-access"_s);
    QCOMPARE(token.value(u"refreshToken"_s).toString(), u"sso-device-refresh"_s);
    QCOMPARE(token.value(u"startUrl"_s).toString(), u"https://corp.awsapps.com/start"_s);
    QCOMPARE(token.value(u"region"_s).toString(), u"eu-west-1"_s);
    QCOMPARE(token.value(u"clientId"_s).toString(), u"device-client-1"_s);
    QVERIFY(token.value(u"expiresAt"_s).toString().endsWith(u'Z'));
    QVERIFY(token.contains(u"registrationExpiresAt"_s));
    QCOMPARE(QFile::permissions(tokenPath(u"corp"_s)), kPrivate);
    // The registration under the AWS CLI's key: computed here with Python's json.dumps.
    QProcess key;
    key.start(m_python, {u"-c"_s, u"import hashlib, json; print(hashlib.sha1(json.dumps({'tool': 'botocore', "
                                  u"'startUrl': 'https://corp.awsapps.com/start', 'region': 'eu-west-1', "
                                  u"'scopes': ['sso:account:access'], 'session_name': 'corp'}, sort_keys=True)"
                                  u".encode()).hexdigest())"_s});
    QVERIFY(key.waitForFinished(30000));
    const QString pythonKey = QString::fromLatin1(key.readAllStandardOutput().trimmed());
    QCOMPARE(SsoDeviceSignIn::registrationCacheKey(u"https://corp.awsapps.com/start"_s, u"eu-west-1"_s,
                                                   {u"sso:account:access"_s}, u"corp"_s),
             pythonKey);
    const QString registration = m_home + u"/.aws/sso/cache/"_s + pythonKey + u".json"_s;
    QCOMPARE(readJson(registration).value(u"clientId"_s).toString(), u"device-client-1"_s);
    QCOMPARE(QFile::permissions(registration), kPrivate);

    // Our SSO provider and botocore both sign in with it and get the same role credentials.
    auto files = AwsConfigFiles::load(m_env);
    QVERIFY(files.ok());
    ProviderContext context;
    context.network = &m_network;
    auto provider = resolveCredentialsProvider(files.value(), m_env, u"sso"_s, true, {}, SystemClock::instance(), context);
    QVERIFY(provider.ok());
    std::optional<Result<AwsCredentials>> ours;
    QObject owner;
    provider.value()->fetch(&owner, [&ours](const Result<AwsCredentials> &c) { ours = c; });
    QTRY_VERIFY_WITH_TIMEOUT(ours.has_value(), 20000);
    QVERIFY(ours->ok());
    QProcess py;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (auto it = m_env.begin(); it != m_env.end(); ++it)
        env.insert(it.key(), it.value());
    for (const QString &name : {u"AWS_PROFILE"_s, u"AWS_ACCESS_KEY_ID"_s, u"AWS_SECRET_ACCESS_KEY"_s, u"AWS_SESSION_TOKEN"_s})
        env.remove(name);
    py.setProcessEnvironment(env);
    py.start(m_python, {u"-c"_s, u"import botocore.session as s; c = s.Session(profile='sso').get_credentials()"
                                 u".get_frozen_credentials(); print(c.access_key)"_s});
    QVERIFY(py.waitForFinished(60000));
    QVERIFY2(py.exitCode() == 0, "botocore could not use the token we wrote");
    QCOMPARE(QString::fromUtf8(py.readAllStandardOutput()).trimmed(), (*ours)->accessKeyId);
    qInfo("botocore signed in with the token the app wrote and got the same role credentials");
}

void TestSsoDeviceSignIn::reusesTheRegistrationAndRegistersAgainWhenRevoked()
{
    startStub(u"ok"_s, u"revoked-client"_s);
    // A registration the CLI cached earlier and the service has since revoked.
    const SsoDeviceSignIn::Settings s = settings();
    const QString key = SsoDeviceSignIn::registrationCacheKey(s.startUrl, s.ssoRegion, s.scopes, s.sessionName);
    QDir().mkpath(s.tokenCacheDir);
    QFile f(s.tokenCacheDir + u'/' + key + u".json"_s);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(QJsonObject{{u"clientId"_s, u"revoked-client"_s}, {u"clientSecret"_s, u"old-secret"_s},
                                      {u"expiresAt"_s, QDateTime::currentDateTimeUtc().addDays(30).toString(Qt::ISODate)}})
                .toJson());
    f.close();
    SsoDeviceSignIn first(s, &m_network);
    first.setPollIntervalScale(0.05);
    Outcome done(&first);
    first.start();
    QVERIFY(done.wait(20000));
    QVERIFY(done.first().ok());
    QCOMPARE(first.registrations(), 1); // the revoked one was tried, then replaced
    QCOMPARE(readJson(f.fileName()).value(u"clientId"_s).toString(), u"device-client-1"_s);

    // The next sign-in reuses the new registration.
    SsoDeviceSignIn second(s, &m_network);
    second.setPollIntervalScale(0.05);
    Outcome done2(&second);
    second.start();
    QVERIFY(done2.wait(20000));
    QVERIFY(done2.first().ok());
    QCOMPARE(second.registrations(), 0);
    int registerCalls = 0;
    for (const QJsonObject &e : stubLog())
        registerCalls += e.value(u"Action"_s).toString() == u"RegisterClient"_s;
    QCOMPARE(registerCalls, 1);
}

void TestSsoDeviceSignIn::slowDownSlowsThePolling()
{
    startStub(u"pending,slow_down,pending,ok"_s); // slow_down comes without the type header: the body says it
    SsoDeviceSignIn signIn(settings(), &m_network);
    signIn.setPollIntervalScale(0.02);
    Outcome finished(&signIn);
    signIn.start();
    QTRY_COMPARE_WITH_TIMEOUT(signIn.polls(), 2, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(signIn.intervalSecs(), 1 + SsoDeviceSignIn::slowDownStepSecs, 20000);
    QVERIFY(finished.wait(20000));
    QVERIFY(finished.first().ok());
    QCOMPARE(signIn.polls(), 4);
}

void TestSsoDeviceSignIn::deniedAndExpiredEndClearly_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("words");
    QTest::newRow("denied") << u"pending,denied"_s << u"AccessDeniedException"_s << u"denied"_s;
    QTest::newRow("expired") << u"expired"_s << u"ExpiredTokenException"_s << u"expired"_s;
}

void TestSsoDeviceSignIn::deniedAndExpiredEndClearly()
{
    QFETCH(QString, script);
    QFETCH(QString, code);
    QFETCH(QString, words);
    startStub(script);
    SsoDeviceSignIn signIn(settings(), &m_network);
    signIn.setPollIntervalScale(0.05);
    Outcome finished(&signIn);
    signIn.start();
    QVERIFY(finished.wait(20000));
    const auto result = finished.first();
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, code);
    QVERIFY2(result.error().message.contains(words), qPrintable(result.error().message));
    QVERIFY(!QFile::exists(tokenPath(u"corp"_s)));
    QVERIFY(!signIn.isRunning());
}

void TestSsoDeviceSignIn::theCodeExpiresOnTheClock()
{
    startStub(u"pending"_s);
    ManualClock clock(QDateTime::currentDateTimeUtc());
    SsoDeviceSignIn signIn(settings(), &m_network, &clock);
    signIn.setPollIntervalScale(0.02);
    QSignalSpy approval(&signIn, &SsoDeviceSignIn::awaitingApproval);
    Outcome finished(&signIn);
    signIn.start();
    QVERIFY(approval.wait(20000));
    QTRY_VERIFY_WITH_TIMEOUT(signIn.polls() >= 2, 20000);
    clock.advanceMs(601 * 1000); // the stub's codes last 600 s
    QVERIFY(finished.wait(20000));
    const auto result = finished.first();
    QCOMPARE(result.error().code, u"ExpiredTokenException"_s);
}

void TestSsoDeviceSignIn::cancelStopsPolling()
{
    startStub(u"pending"_s);
    SsoDeviceSignIn signIn(settings(), &m_network);
    signIn.setPollIntervalScale(0.02);
    QSignalSpy approval(&signIn, &SsoDeviceSignIn::awaitingApproval);
    Outcome finished(&signIn);
    signIn.start();
    QVERIFY(approval.wait(20000));
    QTRY_VERIFY_WITH_TIMEOUT(signIn.polls() >= 1, 20000);
    signIn.cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().error().kind, AwsError::Kind::Cancelled);
    const int polls = signIn.polls();
    signIn.cancel(); // a second cancel changes nothing
    QCOMPARE(finished.size(), 1);
    QVERIFY(!signIn.isRunning());
    // No poll follows a cancel: a later sign-in on the same object starts afresh.
    QCOMPARE(signIn.polls(), polls);
}

void TestSsoDeviceSignIn::silentPeerTimesOut()
{
    QTcpServer silent; // accepts and never answers
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    SsoDeviceSignIn::Settings s = settings();
    s.oidcEndpoint = QUrl(u"http://127.0.0.1:%1"_s.arg(silent.serverPort()));
    SsoDeviceSignIn signIn(s, &m_network);
    signIn.setRequestTimeoutMs(500);
    Outcome finished(&signIn);
    QElapsedTimer t;
    t.start();
    signIn.start();
    QVERIFY(finished.wait(20000));
    const auto result = finished.first();
    QCOMPARE(result.error().kind, AwsError::Kind::Timeout);
    QVERIFY2(result.error().message.contains(u"RegisterClient"_s), qPrintable(result.error().message));
    QVERIFY2(t.elapsed() < 5000, qPrintable(u"took %1 ms"_s.arg(t.elapsed())));
}

void TestSsoDeviceSignIn::endlessAnswerIsCut()
{
    // A peer that answers 200 and then sends JSON forever: the exchange stops at its cap.
    QTcpServer endless;
    QVERIFY(endless.listen(QHostAddress::LocalHost));
    qint64 sent = 0;
    connect(&endless, &QTcpServer::newConnection, this, [&endless, &sent] {
        QTcpSocket *socket = endless.nextPendingConnection();
        const QByteArray chunk(64 * 1024, ' ');
        auto feed = [socket, chunk, &sent] {
            if (socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() < 256 * 1024) {
                socket->write(chunk);
                sent += chunk.size();
            }
        };
        connect(socket, &QTcpSocket::readyRead, socket, [socket, feed] {
            socket->readAll();
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"clientId\": \"");
            feed();
        });
        connect(socket, &QTcpSocket::bytesWritten, socket, feed);
    });
    SsoDeviceSignIn::Settings s = settings();
    s.oidcEndpoint = QUrl(u"http://127.0.0.1:%1"_s.arg(endless.serverPort()));
    SsoDeviceSignIn signIn(s, &m_network);
    Outcome finished(&signIn);
    signIn.start();
    QVERIFY(finished.wait(20000));
    const auto result = finished.first();
    QCOMPARE(result.error().code, u"ResponseTooLarge"_s);
    QVERIFY2(sent < 16 * 1024 * 1024, qPrintable(u"%1 bytes were sent before the cut"_s.arg(sent)));
}

void TestSsoDeviceSignIn::settingsComeFromTheProfile()
{
    m_env.insert(u"AWS_ENDPOINT_URL_SSO_OIDC"_s, u"http://127.0.0.1:9"_s);
    const SsoDeviceSignIn::Settings s = settings();
    QCOMPARE(s.startUrl, u"https://corp.awsapps.com/start"_s);
    QCOMPARE(s.ssoRegion, u"eu-west-1"_s);
    QCOMPARE(s.scopes, QStringList{u"sso:account:access"_s});
    QCOMPARE(s.oidcEndpoint.port(), 9);
    QCOMPARE(s.tokenCacheDir, m_home + u"/.aws/sso/cache"_s);
    m_env.remove(u"AWS_ENDPOINT_URL_SSO_OIDC"_s);
    const SsoDeviceSignIn::Settings legacy = settings(u"legacy"_s);
    QCOMPARE(legacy.sessionName, QString());
    QCOMPARE(legacy.oidcEndpoint.host(), u"oidc.us-east-1.amazonaws.com"_s); // botocore's public endpoint
    QVERIFY(legacy.scopes.isEmpty());
    // The legacy registration key has session_name null and scopes null, as the CLI keys it.
    QProcess key;
    key.start(m_python, {u"-c"_s, u"import hashlib, json; print(hashlib.sha1(json.dumps({'tool': 'botocore', "
                                  u"'startUrl': 'https://legacy.awsapps.com/start', 'region': 'us-east-1', "
                                  u"'scopes': None, 'session_name': None}, sort_keys=True).encode()).hexdigest())"_s});
    QVERIFY(key.waitForFinished(30000));
    QCOMPARE(SsoDeviceSignIn::registrationCacheKey(legacy.startUrl, legacy.ssoRegion, {}, {}),
             QString::fromLatin1(key.readAllStandardOutput().trimmed()));
    auto files = AwsConfigFiles::load(m_env);
    auto keys = SsoDeviceSignIn::settingsFor(files.value(), m_env, u"keys"_s);
    QVERIFY(!keys.ok());
    QVERIFY(keys.error().message.contains(u"does not use IAM Identity Center"_s));
}

void TestSsoDeviceSignIn::athenactlSignsIn()
{
    startStub(u"pending,ok"_s);
    QProcess ctl;
    QProcessEnvironment env;
    for (auto it = m_env.begin(); it != m_env.end(); ++it)
        env.insert(it.key(), it.value());
    ctl.setProcessEnvironment(env);
    QSignalSpy exited(&ctl, &QProcess::finished);
    ctl.start(QStringLiteral(ATHENACTL_PATH), {u"sso"_s, u"login"_s, u"--profile"_s, u"legacy"_s, u"--no-browser"_s});
    QVERIFY(exited.wait(30000));
    const QString err = QString::fromUtf8(ctl.readAllStandardError());
    QVERIFY2(ctl.exitCode() == 0, qPrintable(err));
    QVERIFY(err.contains(u"https://device.sso.example.test/?user_code=ABCD-EFGH"_s));
    QVERIFY(err.contains(u"ABCD-EFGH"_s));
    QVERIFY(err.contains(u"signed in to https://legacy.awsapps.com/start"_s));
    QVERIFY(ctl.readAllStandardOutput().isEmpty());
    // A legacy profile's token is keyed by its start URL and carries no refresh token (as the CLI's).
    const QJsonObject token = readJson(tokenPath(u"https://legacy.awsapps.com/start"_s));
    QCOMPARE(token.value(u"accessToken"_s).toString(), u"sso-device-access"_s);
    QVERIFY(!token.contains(u"refreshToken"_s));
    QVERIFY(!err.contains(u"sso-device-access"_s));
    QVERIFY(!err.contains(u"device-secret"_s));

    // A profile without IAM Identity Center is a usage error.
    QProcess bad;
    bad.setProcessEnvironment(env);
    bad.start(QStringLiteral(ATHENACTL_PATH), {u"sso"_s, u"login"_s, u"--profile"_s, u"keys"_s});
    QVERIFY(bad.waitForFinished(30000));
    QCOMPARE(bad.exitCode(), 2);
}

void TestSsoDeviceSignIn::noSecretWasLogged()
{
    qInstallMessageHandler(nullptr);
    const QStringList secrets = {u"device-secret"_s, u"device-code-"_s, u"sso-device-access"_s, u"sso-device-refresh"_s,
                                 u"old-secret"_s};
    int checked = 0;
    for (const QString &message : std::as_const(g_messages)) {
        for (const QString &secret : secrets)
            QVERIFY2(!message.contains(secret), qPrintable(u"a log message contains a secret: "_s + message.left(80)));
        ++checked;
    }
    // The stub logged what it was sent with the secrets replaced by their length.
    qInfo("%d log messages checked, none holds a secret", checked);
}

QTEST_GUILESS_MAIN(TestSsoDeviceSignIn)
#include "tst_ssodevicesignin.moc"
