// Credentials from the container's endpoint (ECS, EKS Pod Identity) and the EC2 instance metadata
// service, against a loopback stand-in for both (tests/tools/stub_instance_metadata.py) and a
// loopback STS (tests/tools/stub_sts.py): URL rules, the Authorization token (file re-read, header
// injection refused), IMDSv2 with its token and the IMDSv1 fallback, timeouts and size bounds,
// refresh before expiry, static stability, the desktop rule that keeps IMDS out of the chain, an
// assumed role whose source is the container or the instance, and botocore as the oracle.
//
// Every environment here sets AWS_EC2_METADATA_DISABLED=true unless it points IMDS at the stub:
// no test ever reaches 169.254.169.254 or 169.254.170.2.
#include "aws/containerprovider.h"
#include "aws/credentialsprovider.h"
#include "aws/imdsprovider.h"
#include "aws/metadatarequest.h"
#include "support/testpaths.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>

using namespace aws;
using namespace Qt::StringLiterals;

namespace {

const QString kContainerToken = u"container-auth-token-SECRET-1"_s;
const QString kContainerKey = u"ASIA-TEST-CONTAINER-1"_s;
const QString kContainerSecret = u"container/secret/EXAMPLEKEYxxxxxxxxxx"_s;
const QString kContainerSessionToken = u"container-session-token-SECRET"_s;
const QString kInstanceKey = u"ASIA-TEST-INSTANCE-1"_s;
const QString kInstanceSecret = u"instance/secret/EXAMPLEKEYxxxxxxxxxxx"_s;
const QString kInstanceSessionToken = u"instance-session-token-SECRET"_s;
const QString kImdsTokenMark = u"imds-session-token"_s; // every token the stub issues holds it

// Every message any category logs during the test, every debug category on.
// Info messages (the oracle's counts) are shown as well.
QStringList g_messages;
QtMessageHandler g_previous = nullptr;
void collect(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_messages << message;
    if (type == QtInfoMsg && g_previous)
        g_previous(type, context, message);
}

Result<AwsCredentials> fetchNow(CredentialsProvider &provider, int timeoutMs = 30000)
{
    QObject context;
    std::optional<Result<AwsCredentials>> got;
    provider.fetch(&context, [&got](const Result<AwsCredentials> &r) { got = r; });
    if (!QTest::qWaitFor([&got] { return got.has_value(); }, timeoutMs))
        return AwsError::make(AwsError::Kind::Credentials, u"TestTimeout"_s, u"no callback"_s);
    if (!got->ok())
        g_messages << got->error().message; // checked for secrets at the end, with the logs
    return *got;
}

// botocore's ContainerMetadataFetcher._validate_allowed_url: https anywhere; http to loopback
// addresses, localhost and the ECS/EKS agents only (botocoreAgreesOnFullUriHosts asks botocore).
const QList<std::pair<QString, bool>> kHostRules = {
    {u"https://creds.example.com/v1"_s, true},
    {u"http://127.0.0.1:8080/creds"_s, true},
    {u"http://127.1.2.3/creds"_s, true},
    {u"http://[::1]:8080/creds"_s, true},
    {u"http://localhost/creds"_s, true},
    {u"http://169.254.170.2/v2/credentials/x"_s, true},
    {u"http://169.254.170.23/v1/credentials"_s, true},
    {u"http://[fd00:ec2::23]/v1/credentials"_s, true},
    {u"http://169.254.169.254/latest"_s, false}, // IMDS is not a container agent
    {u"http://creds.example.com/v1"_s, false},
    {u"http://10.0.0.1/creds"_s, false},
    {u"http://127.0.0.1.example.com/creds"_s, false},
    {u"http://localhost.example.com/creds"_s, false},
};

QString errorOf(const Result<AwsCredentials> &r)
{
    return r.ok() ? u"(no error: %1)"_s.arg(r->source) : r.error().message;
}

} // namespace

class TestInstanceCredentials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    // Container credentials
    void parsesTheCredentialsAnswer();
    void relativeUriIsAppendedToTheAgentsAddress();
    void fullUriHostRules_data();
    void fullUriHostRules();
    void containerFullUriWithToken();
    void containerRelativeUriAgainstTheStub();
    void tokenFileIsReadAtEveryFetch();
    void headerInjectionIsRefused();
    void containerErrorsAreRetriedThenReported();
    void silentContainerTimesOutInBoundedTime();
    void endlessBodyIsCut();
    void everyWaiterIsCalledOnceAndNeverAfterItsContext();
    void refreshesBeforeExpiryWithAnInjectedClock();

    // Instance metadata
    void imdsV2TokenFlow();
    void imdsFallsBackToV1_data();
    void imdsFallsBackToV1();
    void imdsV1CanBeDisabled();
    void imdsRejectedTokenFailsClearly();
    void imdsErrorAnswerIsReportedNotRetried();
    void imdsDisabled();
    void silentImdsIsBoundedInTime();
    void imdsStaticStabilitySaysSo();
    void imdsSettings();
    void ec2Detection();
    void desktopChainNeverAsksImds();

    // Roles and the oracle
    void assumedRoleFromTheContainer();
    void assumedRoleFromTheInstance();
    void botocoreAgreesOnFullUriHosts();
    void botocoreResolvesTheSameKeys();
    void noSecretWasLogged(); // last

private:
    void setControl(const QJsonObject &control);
    QList<QJsonObject> stubLog() const;
    QList<QJsonObject> requests() const; // the log without the stub's own events
    QString stubUrl(const QString &path = {}) const { return u"http://127.0.0.1:%1%2"_s.arg(m_port, path); }
    Environment imdsEnv() const;
    Result<std::shared_ptr<CredentialsProvider>> resolve(const Environment &env, const QString &profile = u"default"_s,
                                                         bool profileExplicit = false, bool ec2 = false);
    void writeFile(const QString &path, const QByteArray &content);
    void startSts();
    QList<QJsonObject> stsLog() const;
    QStringList botocoreKeys(const Environment &env, const QString &profile, const QString &prelude = {});

    QString m_python;   // any python3: the metadata stub needs only its standard library
    QString m_botocore; // a python3 with botocore: the oracle and the STS stub
    QProcess m_stub;
    QString m_port;
    QProcess m_sts;
    QString m_stsPort;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_log;
    QString m_control;
    QString m_stsLog;
    QString m_home;
    Environment m_env;
    QNetworkAccessManager m_network;
};

void TestInstanceCredentials::initTestCase()
{
    QLoggingCategory::setFilterRules(u"*.debug=true"_s);
    g_previous = qInstallMessageHandler(collect);
    m_python = testing::pythonWith(u"json"_s);
    if (m_python.isEmpty())
        QSKIP("[peer:botocore] python3 is not installed: the metadata stub and the botocore oracle need it");
    m_botocore = testing::pythonWith(u"botocore"_s);
    m_dir = std::make_unique<QTemporaryDir>();
    m_log = m_dir->filePath(u"metadata.log"_s);
    m_control = m_dir->filePath(u"control.json"_s);
    m_stsLog = m_dir->filePath(u"sts.log"_s);
    m_stub.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_stub.start(m_python, {testing::toolsDir(u"stub_instance_metadata.py"_s), m_log, m_control});
    QVERIFY(m_stub.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(m_stub.canReadLine(), 20000);
    m_port = QString::fromLatin1(m_stub.readLine().trimmed());
    QVERIFY(m_port.toInt() > 0);
}

void TestInstanceCredentials::cleanupTestCase()
{
    for (QProcess *p : {&m_stub, &m_sts}) {
        if (p->state() != QProcess::NotRunning) {
            p->kill();
            p->waitForFinished(5000);
        }
    }
}

void TestInstanceCredentials::init()
{
    static int n = 0;
    m_home = m_dir->filePath(u"home%1"_s.arg(++n));
    QDir().mkpath(m_home + u"/.aws"_s);
    writeFile(m_home + u"/.aws/config"_s, "[default]\nregion = eu-west-1\n");
    writeFile(m_home + u"/.aws/credentials"_s, "");
    m_env = Environment{{u"HOME"_s, m_home},
                        {u"AWS_CONFIG_FILE"_s, m_home + u"/.aws/config"_s},
                        {u"AWS_SHARED_CREDENTIALS_FILE"_s, m_home + u"/.aws/credentials"_s},
                        {u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s}};
    setControl({});
    QFile::remove(m_log);
    QFile::remove(m_stsLog);
}

void TestInstanceCredentials::writeFile(const QString &path, const QByteArray &content)
{
    QSaveFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    QVERIFY(f.commit());
}

void TestInstanceCredentials::setControl(const QJsonObject &control)
{
    writeFile(m_control, QJsonDocument(control).toJson(QJsonDocument::Compact));
}

QList<QJsonObject> TestInstanceCredentials::stubLog() const
{
    QList<QJsonObject> out;
    QFile f(m_log);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    while (!f.atEnd())
        out << QJsonDocument::fromJson(f.readLine()).object();
    return out;
}

QList<QJsonObject> TestInstanceCredentials::requests() const
{
    QList<QJsonObject> out;
    const auto log = stubLog();
    for (const QJsonObject &o : log) {
        if (o.contains(u"method"_s))
            out << o;
    }
    return out;
}

QList<QJsonObject> TestInstanceCredentials::stsLog() const
{
    QList<QJsonObject> out;
    QFile f(m_stsLog);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    while (!f.atEnd())
        out << QJsonDocument::fromJson(f.readLine()).object();
    return out;
}

Environment TestInstanceCredentials::imdsEnv() const
{
    Environment env = m_env;
    env.remove(u"AWS_EC2_METADATA_DISABLED"_s);
    env.insert(u"AWS_EC2_METADATA_SERVICE_ENDPOINT"_s, stubUrl(u"/"_s));
    return env;
}

Result<std::shared_ptr<CredentialsProvider>> TestInstanceCredentials::resolve(const Environment &env, const QString &profile,
                                                                              bool profileExplicit, bool ec2)
{
    auto files = AwsConfigFiles::load(env);
    if (!files.ok())
        return files.error();
    ProviderContext context;
    context.network = &m_network;
    context.isEc2Instance = [ec2] { return ec2; };
    context.containerRelativeBase = QUrl(stubUrl());
    auto r = resolveCredentialsProvider(files.value(), env, profile, profileExplicit, {}, SystemClock::instance(), context);
    if (!r.ok())
        g_messages << r.error().message;
    return r;
}

void TestInstanceCredentials::startSts()
{
    if (m_sts.state() == QProcess::Running)
        return;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"STUB_KEYS"_s, QString::fromUtf8(QJsonDocument(QJsonObject{{kContainerKey, kContainerSecret},
                                                                            {kInstanceKey, kInstanceSecret}})
                                                     .toJson(QJsonDocument::Compact)));
    m_sts.setProcessEnvironment(env);
    m_sts.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_sts.start(m_botocore, {testing::toolsDir(u"stub_sts.py"_s), m_stsLog});
    QVERIFY(m_sts.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(m_sts.canReadLine(), 20000);
    m_stsPort = QString::fromLatin1(m_sts.readLine().trimmed());
    QVERIFY(m_stsPort.toInt() > 0);
}

// botocore's access key and session token for `profile` in `env` (run after `prelude`).
QStringList TestInstanceCredentials::botocoreKeys(const Environment &env, const QString &profile, const QString &prelude)
{
    QProcessEnvironment pe = QProcessEnvironment::systemEnvironment();
    const QStringList keys = pe.keys();
    for (const QString &name : keys) {
        if (name.startsWith(u"AWS_"_s))
            pe.remove(name);
    }
    for (auto it = env.begin(); it != env.end(); ++it)
        pe.insert(it.key(), it.value());
    QProcess py;
    py.setProcessEnvironment(pe);
    py.start(m_botocore, {u"-c"_s, prelude + u"\nimport botocore.session as s\n"
                                              u"c = s.Session(profile='%1').get_credentials()\n"
                                              u"print('NONE' if c is None else '%s %s' % (c.get_frozen_credentials().access_key, "
                                              u"c.get_frozen_credentials().token))\n"_s.arg(profile)});
    if (!py.waitForFinished(60000) || py.exitCode() != 0) {
        qWarning("botocore failed: %s", py.readAllStandardError().right(600).constData());
        return {};
    }
    return QString::fromUtf8(py.readAllStandardOutput()).trimmed().split(u' ');
}

// ---- Container credentials ------------------------------------------------------------------

void TestInstanceCredentials::parsesTheCredentialsAnswer()
{
    auto c = parseMetadataCredentials(R"({"Code":"Success","AccessKeyId":"ASIAX","SecretAccessKey":"s","Token":"t",)"
                                      R"("Expiration":"2026-11-21T10:00:00Z","AccountId":"123456789012"})", u"here"_s);
    QVERIFY(c.ok());
    QCOMPARE(c->accessKeyId, u"ASIAX"_s);
    QCOMPARE(c->sessionToken, u"t"_s);
    QCOMPARE(c->expiration, QDateTime(QDate(2026, 11, 21), QTime(10, 0), Qt::UTC));
    QCOMPARE(c->expiration.timeSpec(), Qt::UTC);
    // Every member is required, as botocore requires it; errors name it, never a value.
    const auto noToken = parseMetadataCredentials(R"({"AccessKeyId":"ASIAX","SecretAccessKey":"hidden-secret","Expiration":"2026-11-21T10:00:00Z"})", u"here"_s);
    QVERIFY(!noToken.ok());
    QCOMPARE(noToken.error().message, u"here answered without Token"_s);
    const auto badTime = parseMetadataCredentials(R"({"AccessKeyId":"A","SecretAccessKey":"s","Token":"t","Expiration":"soon"})", u"here"_s);
    QVERIFY(badTime.error().message.contains(u"ISO 8601"_s));
    QVERIFY(!parseMetadataCredentials("[1]", u"here"_s).ok());
    QVERIFY(!parseMetadataCredentials(R"({"AccessKeyId":1,"SecretAccessKey":"s","Token":"t","Expiration":"2026-11-21T10:00:00Z"})", u"here"_s).ok());
}

void TestInstanceCredentials::relativeUriIsAppendedToTheAgentsAddress()
{
    // botocore: "http://169.254.170.2" + AWS_CONTAINER_CREDENTIALS_RELATIVE_URI.
    auto s = ContainerCredentialsProvider::settingsFrom({{u"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"_s, u"/v2/credentials/task-1?x=1"_s}});
    QVERIFY(s && s->ok());
    QCOMPARE(s->value().url, QUrl(u"http://169.254.170.2/v2/credentials/task-1?x=1"_s));
    QCOMPARE(s->value().urlSource, u"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"_s);
    // The relative URI wins over the full one, as in botocore.
    auto both = ContainerCredentialsProvider::settingsFrom({{u"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"_s, u"/a"_s},
                                                            {u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s, u"http://localhost/b"_s}});
    QCOMPARE(both->value().url, QUrl(u"http://169.254.170.2/a"_s));
    // An injected base (tests) keeps its port.
    auto local = ContainerCredentialsProvider::settingsFrom({{u"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"_s, u"/v2/c"_s}},
                                                            QUrl(u"http://127.0.0.1:4321"_s));
    QCOMPARE(local->value().url, QUrl(u"http://127.0.0.1:4321/v2/c"_s));
    // Something that would move the request to another host is refused.
    for (const QString &bad : {u"v2/credentials"_s, u"@evil.example/x"_s, u".evil.example/x"_s}) {
        auto r = ContainerCredentialsProvider::settingsFrom({{u"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"_s, bad}});
        QVERIFY2(r && !r->ok(), qPrintable(bad));
        QCOMPARE(r->error().kind, AwsError::Kind::Config);
    }
    // Neither variable: no container provider at all.
    QVERIFY(!ContainerCredentialsProvider::settingsFrom({{u"AWS_CONTAINER_AUTHORIZATION_TOKEN"_s, u"x"_s}}));
}

void TestInstanceCredentials::fullUriHostRules_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowed");
    for (const auto &[url, allowed] : kHostRules)
        QTest::newRow(qPrintable(url)) << url << allowed;
}

void TestInstanceCredentials::fullUriHostRules()
{
    QFETCH(QString, url);
    QFETCH(bool, allowed);
    Environment env = m_env;
    env.insert(u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s, url);
    auto s = ContainerCredentialsProvider::settingsFrom(env);
    QVERIFY(s);
    QCOMPARE(s->ok(), allowed);
    // Through the chain: refused at once, before any request.
    auto r = resolve(env);
    QCOMPARE(r.ok(), allowed);
    if (!allowed) {
        QVERIFY2(r.error().message.contains(u"Refusing plain http"_s), qPrintable(r.error().message));
        QCOMPARE(r.error().kind, AwsError::Kind::Config);
    } else {
        QVERIFY2(r.value()->description().startsWith(u"container credentials ("_s), qPrintable(r.value()->description()));
    }
    QVERIFY(stubLog().isEmpty());
}

void TestInstanceCredentials::containerFullUriWithToken()
{
    setControl({{u"container_auth"_s, kContainerToken}});
    Environment env = m_env;
    env.insert(u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s, stubUrl(u"/container/v1/credentials"_s));
    env.insert(u"AWS_CONTAINER_AUTHORIZATION_TOKEN"_s, kContainerToken);
    auto p = resolve(env);
    QVERIFY2(p.ok(), qPrintable(p.ok() ? QString() : p.error().message));
    QCOMPARE(p.value()->description(), u"container credentials (%1)"_s.arg(stubUrl()));
    const auto c = fetchNow(*p.value());
    QVERIFY2(c.ok(), qPrintable(errorOf(c)));
    QVERIFY(c->accessKeyId.startsWith(u"ASIA"_s));
    QVERIFY(c->secretAccessKey.startsWith(u"stub/secret/"_s));
    QVERIFY(c->sessionToken.startsWith(u"stub-token-"_s));
    QVERIFY(c->expiration > QDateTime::currentDateTimeUtc().addSecs(50 * 60));
    const auto log = requests();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.first().value(u"method"_s).toString(), u"GET"_s);
    QCOMPARE(log.first().value(u"path"_s).toString(), u"/container/v1/credentials"_s);
    QCOMPARE(log.first().value(u"authorization"_s).toString(), u"<%1 chars>"_s.arg(kContainerToken.size()));
    QCOMPARE(log.first().value(u"accept"_s).toString(), u"application/json"_s);
    QCOMPARE(log.first().value(u"status"_s).toInt(), 200);
    // Fetched again: from memory.
    QCOMPARE(fetchNow(*p.value())->accessKeyId, c->accessKeyId);
    QCOMPARE(requests().size(), 1);
    QVERIFY(p.value()->description().contains(u"expires"_s));
}

void TestInstanceCredentials::containerRelativeUriAgainstTheStub()
{
    Environment env = m_env;
    env.insert(u"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"_s, u"/container/v2/credentials/task-42"_s);
    auto p = resolve(env); // the context points the relative URI at the stub
    QVERIFY(p.ok());
    const auto c = fetchNow(*p.value());
    QVERIFY2(c.ok(), qPrintable(errorOf(c)));
    const auto log = requests();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.first().value(u"path"_s).toString(), u"/container/v2/credentials/task-42"_s);
    QVERIFY(log.first().value(u"authorization"_s).isNull()); // no token configured: no header
}

void TestInstanceCredentials::tokenFileIsReadAtEveryFetch()
{
    // Credentials that expire in 9 minutes are inside the mandatory refresh window: every fetch
    // asks, and a failure is not covered by the keys in memory.
    const QString soon = QDateTime::currentDateTimeUtc().addSecs(9 * 60).toString(Qt::ISODate);
    const QString tokenFile = m_home + u"/token"_s;
    writeFile(tokenFile, "token-A");
    setControl({{u"container_auth"_s, u"token-A"_s}, {u"expiration"_s, soon}});
    Environment env = m_env;
    env.insert(u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s, stubUrl(u"/container/pod"_s));
    env.insert(u"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"_s, tokenFile);
    env.insert(u"AWS_CONTAINER_AUTHORIZATION_TOKEN"_s, u"the-env-token-loses"_s); // the file wins
    auto p = resolve(env);
    QVERIFY(p.ok());
    QVERIFY2(fetchNow(*p.value()).ok(), "first token");
    // The agent rotates the token: the next fetch reads the file again.
    writeFile(tokenFile, "token-BBB");
    setControl({{u"container_auth"_s, u"token-BBB"_s}, {u"expiration"_s, soon}});
    const auto c = fetchNow(*p.value());
    QVERIFY2(c.ok(), qPrintable(errorOf(c)));
    const auto log = requests();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log.at(0).value(u"authorization"_s).toString(), u"<7 chars>"_s);
    QCOMPARE(log.at(1).value(u"authorization"_s).toString(), u"<9 chars>"_s);
    // A file that cannot be read is an error that names it.
    QFile::remove(tokenFile);
    const auto missing = fetchNow(*p.value());
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error().message.contains(tokenFile), qPrintable(missing.error().message));
}

void TestInstanceCredentials::headerInjectionIsRefused()
{
    Environment env = m_env;
    env.insert(u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s, stubUrl(u"/container/x"_s));
    env.insert(u"AWS_CONTAINER_AUTHORIZATION_TOKEN"_s, u"abc\r\nX-Injected: yes"_s);
    auto p = resolve(env);
    QVERIFY(p.ok());
    const auto c = fetchNow(*p.value());
    QVERIFY(!c.ok());
    QCOMPARE(c.error().code, u"InvalidAuthorizationToken"_s);
    QVERIFY2(c.error().message.contains(u"line break"_s), qPrintable(c.error().message));
    QVERIFY(!c.error().message.contains(u"Injected"_s));
    // botocore refuses a token file that ends with a newline too (it sends the file as is).
    const QString tokenFile = m_home + u"/token"_s;
    writeFile(tokenFile, "token-with-newline\n");
    env.insert(u"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"_s, tokenFile);
    auto q = resolve(env);
    const auto d = fetchNow(*q.value());
    QVERIFY(!d.ok());
    QCOMPARE(d.error().code, u"InvalidAuthorizationToken"_s);
    QVERIFY(!d.error().message.contains(u"token-with-newline"_s));
    QVERIFY(stubLog().isEmpty()); // nothing was sent
}

void TestInstanceCredentials::containerErrorsAreRetriedThenReported()
{
    setControl({{u"container_auth"_s, u"the-right-token"_s}});
    auto s = ContainerCredentialsProvider::settingsFrom({{u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s, stubUrl(u"/container/x"_s)},
                                                        {u"AWS_CONTAINER_AUTHORIZATION_TOKEN"_s, u"a-wrong-token"_s}});
    ContainerCredentialsProvider provider(s->value(), &m_network);
    provider.setRetryDelayMs(50);
    const auto c = fetchNow(provider);
    QVERIFY(!c.ok());
    QCOMPARE(c.error().httpStatus, 401);
    QVERIFY2(c.error().message.contains(u"HTTP 401"_s) && c.error().message.contains(u"(3 attempts)"_s), qPrintable(c.error().message));
    QVERIFY(!c.error().message.contains(u"a-wrong-token"_s));
    QCOMPARE(requests().size(), ContainerCredentialsProvider::defaultAttempts);
    QCOMPARE(provider.requestCount(), 3);
}

void TestInstanceCredentials::silentContainerTimesOutInBoundedTime()
{
    setControl({{u"silent"_s, true}});
    auto s = ContainerCredentialsProvider::settingsFrom({{u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s, stubUrl(u"/container/x"_s)}});
    ContainerCredentialsProvider provider(s->value(), &m_network);
    provider.setTimeoutMs(400);
    provider.setRetryDelayMs(100);
    QElapsedTimer timer;
    timer.start();
    const auto c = fetchNow(provider);
    const qint64 elapsed = timer.elapsed();
    QVERIFY(!c.ok());
    QCOMPARE(c.error().kind, AwsError::Kind::Timeout);
    QVERIFY2(c.error().message.contains(u"did not answer within 400 ms"_s), qPrintable(c.error().message));
    // 3 attempts of 0.4 s, 0.1 s apart: about 1.4 s; a generous bound for a busy machine.
    QVERIFY2(elapsed >= 1200 && elapsed < 10000, qPrintable(QString::number(elapsed)));
    QCOMPARE(requests().size(), 3);
}

void TestInstanceCredentials::endlessBodyIsCut()
{
    setControl({{u"endless"_s, true}});
    auto s = ContainerCredentialsProvider::settingsFrom({{u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s, stubUrl(u"/container/x"_s)}});
    ContainerCredentialsProvider provider(s->value(), &m_network);
    QElapsedTimer timer;
    timer.start();
    const auto c = fetchNow(provider);
    QVERIFY(!c.ok());
    QCOMPARE(c.error().code, u"ResponseTooLarge"_s);
    QVERIFY2(c.error().message.contains(u"65536 bytes"_s), qPrintable(c.error().message));
    QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(provider.requestCount(), 1); // not asked again: a peer that floods is not a blip
    // The connection was dropped: the stub's writing ended long before its gigabyte.
    QTRY_VERIFY_WITH_TIMEOUT(stubLog().size() == 2, 10000);
    const QJsonObject closed = stubLog().last();
    QCOMPARE(closed.value(u"event"_s).toString(), u"endless-closed"_s);
    QVERIFY(closed.value(u"sent"_s).toDouble() < 256.0 * 1024 * 1024);

    // The same for IMDS, on the token request.
    QFile::remove(m_log);
    auto settings = InstanceMetadataCredentialsProvider::settingsFrom(AwsConfigFiles(), imdsEnv(), u"default"_s);
    InstanceMetadataCredentialsProvider imds(settings.value(), &m_network);
    const auto d = fetchNow(imds);
    QVERIFY(!d.ok());
    QCOMPARE(d.error().code, u"ResponseTooLarge"_s);
    QCOMPARE(imds.requestCount(), 1);
}

void TestInstanceCredentials::everyWaiterIsCalledOnceAndNeverAfterItsContext()
{
    auto s = ContainerCredentialsProvider::settingsFrom({{u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s, stubUrl(u"/container/x"_s)}});
    ContainerCredentialsProvider provider(s->value(), &m_network);
    QObject a;
    QObject c;
    auto b = std::make_unique<QObject>();
    int calledA = 0;
    int calledB = 0;
    int calledC = 0;
    int calledNull = 0;
    provider.fetch(&a, [&calledA](const Result<AwsCredentials> &r) { calledA += r.ok() ? 1 : 100; });
    provider.fetch(b.get(), [&calledB](const Result<AwsCredentials> &) { ++calledB; });
    provider.fetch(&c, [&calledC](const Result<AwsCredentials> &r) { calledC += r.ok() ? 1 : 100; });
    provider.fetch(nullptr, [&calledNull](const Result<AwsCredentials> &) { ++calledNull; });
    b.reset(); // gone before the answer
    QTRY_COMPARE_WITH_TIMEOUT(calledA, 1, 20000);
    QTRY_COMPARE(calledC, 1);
    QCoreApplication::processEvents();
    QCOMPARE(calledA, 1);
    QCOMPARE(calledB, 0);
    QCOMPARE(calledC, 1);
    QCOMPARE(calledNull, 0);
    QCOMPARE(requests().size(), 1); // one request served them all
    // From the cache: answered before fetch returns, once.
    int cached = 0;
    provider.fetch(&a, [&cached](const Result<AwsCredentials> &) { ++cached; });
    QCOMPARE(cached, 1);

    // A provider destroyed while its request is under way calls nobody back and aborts it.
    setControl({{u"silent"_s, true}});
    int late = 0;
    {
        auto gone = std::make_unique<ContainerCredentialsProvider>(s->value(), &m_network);
        gone->fetch(&a, [&late](const Result<AwsCredentials> &) { ++late; });
        QTRY_VERIFY_WITH_TIMEOUT(requests().size() == 2, 10000);
    }
    QCoreApplication::processEvents();
    QCOMPARE(late, 0);
}

void TestInstanceCredentials::refreshesBeforeExpiryWithAnInjectedClock()
{
    const QDateTime start = QDateTime::currentDateTimeUtc();
    ManualClock clock(start);
    const auto at = [&start](qint64 minutes) { return start.addSecs(minutes * 60).toString(Qt::ISODate); };
    setControl({{u"generation"_s, 0}, {u"expiration"_s, at(60)}});
    auto s = ContainerCredentialsProvider::settingsFrom({{u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s, stubUrl(u"/container/x"_s)},
                                                        {u"AWS_CONTAINER_AUTHORIZATION_TOKEN"_s, u"t"_s}});
    ContainerCredentialsProvider provider(s->value(), &m_network, &clock);
    provider.setRetryDelayMs(20);
    const auto first = fetchNow(provider);
    QVERIFY(first.ok());
    // 30 minutes later: 30 minutes left, outside the 15-minute window: from memory.
    clock.set(start.addSecs(30 * 60));
    setControl({{u"generation"_s, 1}, {u"expiration"_s, at(120)}});
    QCOMPARE(fetchNow(provider)->accessKeyId, first->accessKeyId);
    QCOMPARE(requests().size(), 1);
    // 46 minutes: 14 left, inside the advisory window: refreshed, new keys.
    clock.set(start.addSecs(46 * 60));
    const auto second = fetchNow(provider);
    QVERIFY(second.ok());
    QVERIFY(second->accessKeyId != first->accessKeyId);
    QCOMPARE(requests().size(), 2);
    // Advisory window of the new keys (expire at 120): the endpoint fails, the keys are kept.
    clock.set(start.addSecs(106 * 60));
    setControl({{u"container_auth"_s, u"another"_s}});
    const auto kept = fetchNow(provider);
    QVERIFY2(kept.ok(), qPrintable(errorOf(kept)));
    QCOMPARE(kept->accessKeyId, second->accessKeyId);
    QCOMPARE(requests().size(), 5); // three attempts
    // …and the next call does not ask again at once (botocore would; a minute's pause here).
    QCOMPARE(fetchNow(provider)->accessKeyId, second->accessKeyId);
    QCOMPARE(requests().size(), 5);
    // Mandatory window (9 minutes left): the failure goes out.
    clock.set(start.addSecs(111 * 60));
    const auto failed = fetchNow(provider);
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().httpStatus, 401);
    // Endpoints that answer already expired credentials are refused, as botocore does.
    setControl({{u"expiration"_s, at(100)}});
    const auto expired = fetchNow(provider);
    QVERIFY(!expired.ok());
    QCOMPARE(expired.error().code, u"ExpiredCredentials"_s);
}

// ---- Instance metadata ----------------------------------------------------------------------

void TestInstanceCredentials::imdsV2TokenFlow()
{
    // An endpoint configured: IMDS joins the chain even where the machine is not an EC2 instance.
    auto p = resolve(imdsEnv());
    QVERIFY2(p.ok(), qPrintable(p.ok() ? QString() : p.error().message));
    QVERIFY2(p.value()->description().startsWith(u"instance metadata (%1)"_s.arg(stubUrl())), qPrintable(p.value()->description()));
    const auto c = fetchNow(*p.value());
    QVERIFY2(c.ok(), qPrintable(errorOf(c)));
    QVERIFY(c->accessKeyId.startsWith(u"ASIA"_s));
    QCOMPARE(c->source, u"instance metadata (role AthenaSessionsInstanceRole)"_s);
    QVERIFY(p.value()->description().contains(u"role AthenaSessionsInstanceRole"_s));
    const auto log = requests();
    QCOMPARE(log.size(), 3);
    QCOMPARE(log.at(0).value(u"method"_s).toString(), u"PUT"_s);
    QCOMPARE(log.at(0).value(u"path"_s).toString(), u"/latest/api/token"_s);
    QCOMPARE(log.at(0).value(u"ttl"_s).toString(), u"21600"_s);
    QVERIFY(log.at(0).value(u"token"_s).isNull());
    QCOMPARE(log.at(1).value(u"method"_s).toString(), u"GET"_s);
    QCOMPARE(log.at(1).value(u"path"_s).toString(), u"/latest/meta-data/iam/security-credentials/"_s);
    QCOMPARE(log.at(1).value(u"token"_s).toString(), u"<30 chars>"_s); // "imds-session-token-NNNN-secret"
    QCOMPARE(log.at(2).value(u"path"_s).toString(), u"/latest/meta-data/iam/security-credentials/AthenaSessionsInstanceRole"_s);
    QCOMPARE(log.at(2).value(u"token"_s).toString(), u"<30 chars>"_s);
    QCOMPARE(log.at(2).value(u"status"_s).toInt(), 200);
    // Cached.
    QCOMPARE(fetchNow(*p.value())->accessKeyId, c->accessKeyId);
    QCOMPARE(requests().size(), 3);
}

void TestInstanceCredentials::imdsFallsBackToV1_data()
{
    QTest::addColumn<int>("putStatus");
    QTest::newRow("403") << 403;
    QTest::newRow("404") << 404;
    QTest::newRow("405") << 405;
}

void TestInstanceCredentials::imdsFallsBackToV1()
{
    QFETCH(int, putStatus);
    setControl({{u"imds"_s, u"v1"_s}, {u"put_status"_s, putStatus}});
    auto p = resolve(imdsEnv());
    QVERIFY(p.ok());
    const auto c = fetchNow(*p.value());
    QVERIFY2(c.ok(), qPrintable(errorOf(c)));
    const auto log = requests();
    QCOMPARE(log.size(), 3);
    QCOMPARE(log.at(0).value(u"status"_s).toInt(), putStatus);
    QVERIFY(log.at(1).value(u"token"_s).isNull());
    QVERIFY(log.at(2).value(u"token"_s).isNull());
}

void TestInstanceCredentials::imdsV1CanBeDisabled()
{
    setControl({{u"imds"_s, u"v1"_s}, {u"put_status"_s, 404}});
    Environment env = imdsEnv();
    env.insert(u"AWS_EC2_METADATA_V1_DISABLED"_s, u"true"_s);
    auto p = resolve(env);
    QVERIFY(p.ok());
    const auto c = fetchNow(*p.value());
    QVERIFY(!c.ok());
    QVERIFY2(c.error().message.contains(u"IMDSv1 is disabled"_s), qPrintable(c.error().message));
    QCOMPARE(requests().size(), 1);
}

void TestInstanceCredentials::imdsRejectedTokenFailsClearly()
{
    setControl({{u"reject_tokens"_s, true}});
    Environment env = imdsEnv();
    env.insert(u"AWS_METADATA_SERVICE_NUM_ATTEMPTS"_s, u"2"_s);
    auto p = resolve(env);
    QVERIFY(p.ok());
    const auto c = fetchNow(*p.value());
    QVERIFY(!c.ok());
    QCOMPARE(c.error().httpStatus, 401);
    QVERIFY2(c.error().message.contains(u"HTTP 401"_s), qPrintable(c.error().message));
    // The chain says where else it looked.
    QVERIFY2(c.error().message.startsWith(u"No AWS credentials for profile 'default'"_s), qPrintable(c.error().message));
    QVERIFY(!c.error().message.contains(kImdsTokenMark));
    QCOMPARE(requests().size(), 3); // the token, then two attempts at the role
}

void TestInstanceCredentials::imdsErrorAnswerIsReportedNotRetried()
{
    setControl({{u"imds_error"_s, true}});
    Environment env = imdsEnv();
    env.insert(u"AWS_METADATA_SERVICE_NUM_ATTEMPTS"_s, u"3"_s);
    auto p = resolve(env);
    const auto c = fetchNow(*p.value());
    QVERIFY(!c.ok());
    QCOMPARE(c.error().code, u"AssumeRoleUnauthorizedAccess"_s);
    QVERIFY2(c.error().message.contains(u"EC2 cannot assume the role"_s), qPrintable(c.error().message));
    QCOMPARE(requests().size(), 3);
}

void TestInstanceCredentials::imdsDisabled()
{
    // AWS_EC2_METADATA_DISABLED wins over a configured endpoint and over an EC2 machine.
    Environment env = imdsEnv();
    env.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"TRUE"_s);
    auto baseline = resolve(m_env);
    QVERIFY(!baseline.ok());
    auto p = resolve(env, u"default"_s, false, true);
    QVERIFY(!p.ok());
    QCOMPARE(p.error().message, baseline.error().message);
    // A provider built anyway refuses without a request.
    auto settings = InstanceMetadataCredentialsProvider::settingsFrom(AwsConfigFiles(), env, u"default"_s);
    QVERIFY(settings.ok() && settings->disabled);
    InstanceMetadataCredentialsProvider imds(settings.value(), &m_network);
    const auto c = fetchNow(imds);
    QVERIFY(!c.ok());
    QCOMPARE(c.error().code, u"InstanceMetadataDisabled"_s);
    // A role whose source is the instance says why it cannot be assumed.
    writeFile(m_home + u"/.aws/config"_s, "[profile ec2-role]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Ec2InstanceMetadata\n");
    auto role = resolve(env, u"ec2-role"_s, true);
    QVERIFY(!role.ok());
    QVERIFY2(role.error().message.contains(u"AWS_EC2_METADATA_DISABLED"_s), qPrintable(role.error().message));
    QVERIFY(stubLog().isEmpty());
}

void TestInstanceCredentials::silentImdsIsBoundedInTime()
{
    setControl({{u"silent"_s, true}});
    auto p = resolve(imdsEnv()); // botocore's defaults: 1 s, one attempt
    QVERIFY(p.ok());
    QElapsedTimer timer;
    timer.start();
    const auto c = fetchNow(*p.value());
    const qint64 elapsed = timer.elapsed();
    QVERIFY(!c.ok());
    QCOMPARE(c.error().kind, AwsError::Kind::Timeout);
    QVERIFY2(c.error().message.contains(u"did not answer within 1000 ms"_s), qPrintable(c.error().message));
    // The token request times out (1 s), IMDSv1 is tried (1 s), then it gives up.
    QVERIFY2(elapsed >= 1800 && elapsed < 10000, qPrintable(QString::number(elapsed)));
    const auto log = requests();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log.at(0).value(u"method"_s).toString(), u"PUT"_s);
    QVERIFY(log.at(1).value(u"token"_s).isNull());
}

void TestInstanceCredentials::imdsStaticStabilitySaysSo()
{
    const QDateTime start = QDateTime::currentDateTimeUtc();
    ManualClock clock(start);
    setControl({{u"expiration"_s, start.addSecs(-5 * 60).toString(Qt::ISODate)}});
    auto settings = InstanceMetadataCredentialsProvider::settingsFrom(AwsConfigFiles(), imdsEnv(), u"default"_s);
    InstanceMetadataCredentialsProvider provider(settings.value(), &m_network, &clock);
    provider.setRandomSource([] { return 0.5; }); // 2 + 4 minutes of jitter: 6 minutes
    const int messagesBefore = int(g_messages.size());
    const auto c = fetchNow(provider);
    QVERIFY2(c.ok(), qPrintable(errorOf(c)));
    QVERIFY2(c->source.contains(u"expired at"_s) && c->source.contains(u"static stability"_s), qPrintable(c->source));
    QCOMPARE(c->expiration, QDateTime::fromString(start.addSecs(-5 * 60).toString(Qt::ISODate), Qt::ISODate)); // the truth, not extended
    bool warned = false;
    for (qsizetype i = messagesBefore; i < g_messages.size(); ++i)
        warned = warned || g_messages.at(i).contains(u"static stability"_s);
    QVERIFY(warned);
    // IMDS is not asked again before the jitter has passed…
    clock.set(start.addSecs(5 * 60));
    QVERIFY(fetchNow(provider)->source.contains(u"expired at"_s));
    QCOMPARE(requests().size(), 3);
    // …and then it is; fresh credentials are used without a word.
    clock.set(start.addSecs(7 * 60));
    setControl({{u"generation"_s, 1}, {u"expiration"_s, start.addSecs(3600).toString(Qt::ISODate)}});
    const auto fresh = fetchNow(provider);
    QVERIFY(fresh.ok());
    QVERIFY(fresh->accessKeyId != c->accessKeyId);
    QCOMPARE(fresh->source, u"instance metadata (role AthenaSessionsInstanceRole)"_s);
    QCOMPARE(requests().size(), 6);
}

void TestInstanceCredentials::imdsSettings()
{
    const auto settings = [](const Environment &env) { return InstanceMetadataCredentialsProvider::settingsFrom(AwsConfigFiles(), env, u"default"_s); };
    auto defaults = settings({});
    QVERIFY(defaults.ok());
    QCOMPARE(defaults->baseUrl, QUrl(u"http://169.254.169.254/"_s));
    QCOMPARE(defaults->timeoutMs, 1000);
    QCOMPARE(defaults->attempts, 1);
    QVERIFY(!defaults->endpointConfigured && !defaults->disabled && !defaults->v1Disabled);
    auto v6 = settings({{u"AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"_s, u"IPv6"_s}});
    QCOMPARE(v6->baseUrl, QUrl(u"http://[fd00:ec2::254]/"_s));
    QCOMPARE(settings({{u"AWS_IMDS_USE_IPV6"_s, u"true"_s}})->baseUrl, QUrl(u"http://[fd00:ec2::254]/"_s));
    auto custom = settings({{u"AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"_s, u"ipv6"_s},
                            {u"AWS_EC2_METADATA_SERVICE_ENDPOINT"_s, u"http://127.0.0.1:9/prefix"_s}});
    QCOMPARE(custom->baseUrl, QUrl(u"http://127.0.0.1:9/prefix"_s)); // the endpoint wins over the mode
    QVERIFY(custom->endpointConfigured);
    auto tuned = settings({{u"AWS_METADATA_SERVICE_TIMEOUT"_s, u"3"_s}, {u"AWS_METADATA_SERVICE_NUM_ATTEMPTS"_s, u"4"_s}});
    QCOMPARE(tuned->timeoutMs, 3000);
    QCOMPARE(tuned->attempts, 4);
    for (const auto &[name, value] : {std::pair{u"AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"_s, u"ipv5"_s},
                                      std::pair{u"AWS_EC2_METADATA_SERVICE_ENDPOINT"_s, u"not a url"_s},
                                      std::pair{u"AWS_METADATA_SERVICE_TIMEOUT"_s, u"1.5"_s},
                                      std::pair{u"AWS_METADATA_SERVICE_NUM_ATTEMPTS"_s, u"0"_s}}) {
        auto bad = settings({{name, value}});
        QVERIFY2(!bad.ok(), qPrintable(name));
        QVERIFY2(bad.error().message.contains(name), qPrintable(bad.error().message));
    }
    // The same keys in the profile of the config file; the environment first.
    writeFile(m_home + u"/.aws/config"_s, "[default]\nec2_metadata_service_endpoint = http://127.0.0.1:7/\n"
                                          "metadata_service_timeout = 2\nmetadata_service_num_attempts = 5\n"
                                          "ec2_metadata_v1_disabled = true\n");
    auto files = AwsConfigFiles::load(m_env);
    QVERIFY(files.ok());
    auto fromFile = InstanceMetadataCredentialsProvider::settingsFrom(files.value(), {{u"AWS_METADATA_SERVICE_TIMEOUT"_s, u"4"_s}}, u"default"_s);
    QVERIFY(fromFile.ok());
    QCOMPARE(fromFile->baseUrl, QUrl(u"http://127.0.0.1:7/"_s));
    QCOMPARE(fromFile->timeoutMs, 4000);
    QCOMPARE(fromFile->attempts, 5);
    QVERIFY(fromFile->v1Disabled);
}

void TestInstanceCredentials::ec2Detection()
{
    QTemporaryDir root;
    QVERIFY(!looksLikeEc2Instance(root.path()));
    const auto write = [&root, this](const QString &relative, const QByteArray &content) {
        QDir().mkpath(QFileInfo(root.filePath(relative)).path());
        writeFile(root.filePath(relative), content);
    };
    write(u"sys/devices/virtual/dmi/id/sys_vendor"_s, "QEMU\n");
    write(u"sys/devices/virtual/dmi/id/board_asset_tag"_s, "\n");
    QVERIFY(!looksLikeEc2Instance(root.path()));
    write(u"sys/devices/virtual/dmi/id/sys_vendor"_s, "Amazon EC2\n"); // Nitro
    QVERIFY(looksLikeEc2Instance(root.path()));
    write(u"sys/devices/virtual/dmi/id/sys_vendor"_s, "Xen\n");
    write(u"sys/devices/virtual/dmi/id/board_asset_tag"_s, "i-0123456789abcdef0\n");
    QVERIFY(looksLikeEc2Instance(root.path()));
    write(u"sys/devices/virtual/dmi/id/board_asset_tag"_s, "\n");
    write(u"sys/hypervisor/uuid"_s, "ec2e1916-9099-7caf-fd21-012345abcdef\n"); // Xen instances
    QVERIFY(looksLikeEc2Instance(root.path()));
    write(u"sys/hypervisor/uuid"_s, "4a0b1916-9099-7caf-fd21-012345abcdef\n");
    QVERIFY(!looksLikeEc2Instance(root.path()));
}

void TestInstanceCredentials::desktopChainNeverAsksImds()
{
    // No endpoint, not EC2: the synchronous error of old, word for word.
    Environment env = m_env;
    env.remove(u"AWS_EC2_METADATA_DISABLED"_s);
    auto p = resolve(env);
    QVERIFY(!p.ok());
    QCOMPARE(p.error().message, u"No AWS credentials for profile 'default': none in the environment, in %1, or in %2. Run "
                                u"'aws configure --profile default', or use the Local sandbox"_s.arg(
                                    m_home + u"/.aws/credentials"_s, m_home + u"/.aws/config"_s));
    // On an EC2 instance IMDS joins at its usual address (resolved, never fetched here).
    auto ec2 = resolve(env, u"default"_s, false, true);
    QVERIFY(ec2.ok());
    QCOMPARE(ec2.value()->description(), u"instance metadata (http://169.254.169.254)"_s);
    // Without a network (athenactl's checks, tests) IMDS never joins.
    auto files = AwsConfigFiles::load(imdsEnv());
    auto offline = resolveCredentialsProvider(files.value(), imdsEnv(), u"default"_s, false);
    QVERIFY(!offline.ok());
    QVERIFY(offline.error().message.startsWith(u"No AWS credentials for profile 'default'"_s));
    // Keys anywhere in the chain come before the container and the instance.
    Environment withKeys = imdsEnv();
    withKeys.insert(u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s, stubUrl(u"/container/x"_s));
    writeFile(m_home + u"/.aws/credentials"_s, "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file-secret\n");
    auto keys = resolve(withKeys);
    QVERIFY(keys.ok());
    QVERIFY(keys.value()->description().startsWith(u"profile default"_s));
    // The container comes before the instance.
    writeFile(m_home + u"/.aws/credentials"_s, "");
    auto container = resolve(withKeys, u"default"_s, false, true);
    QVERIFY(container.value()->description().startsWith(u"container credentials"_s));
    QVERIFY(stubLog().isEmpty());
}

// ---- Roles and the oracle -------------------------------------------------------------------

void TestInstanceCredentials::assumedRoleFromTheContainer()
{
    if (m_botocore.isEmpty())
        QSKIP("[peer:botocore] botocore is not installed: the STS stub checks signatures with it");
    startSts();
    setControl({{u"keys"_s, QJsonObject{{u"AccessKeyId"_s, kContainerKey}, {u"SecretAccessKey"_s, kContainerSecret},
                                        {u"Token"_s, kContainerSessionToken}}},
                {u"container_auth"_s, kContainerToken}});
    writeFile(m_home + u"/.aws/config"_s, "[profile ecs-role]\nregion = eu-west-1\nrole_arn = arn:aws:iam::123456789012:role/FromEcs\n"
                                          "credential_source = EcsContainer\n"
                                          "[profile no-container]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = EcsContainer\n");
    Environment env = m_env;
    env.insert(u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s, stubUrl(u"/container/v1/credentials"_s));
    env.insert(u"AWS_CONTAINER_AUTHORIZATION_TOKEN"_s, kContainerToken);
    env.insert(u"AWS_ENDPOINT_URL_STS"_s, u"http://127.0.0.1:"_s + m_stsPort);
    auto p = resolve(env, u"ecs-role"_s, true);
    QVERIFY2(p.ok(), qPrintable(p.ok() ? QString() : p.error().message));
    QVERIFY2(p.value()->description().contains(u"(from container credentials (%1))"_s.arg(stubUrl())), qPrintable(p.value()->description()));
    const auto c = fetchNow(*p.value());
    QVERIFY2(c.ok(), qPrintable(errorOf(c)));
    QVERIFY(c->accessKeyId.startsWith(u"ASIA"_s));
    QVERIFY(c->accessKeyId != kContainerKey);
    const auto sts = stsLog();
    QCOMPARE(sts.size(), 1);
    QCOMPARE(sts.first().value(u"Action"_s).toString(), u"AssumeRole"_s);
    QCOMPARE(sts.first().value(u"RoleArn"_s).toString(), u"arn:aws:iam::123456789012:role/FromEcs"_s);
    QCOMPARE(sts.first().value(u"caller"_s).toString(), kContainerKey); // signed with the container's keys (botocore verified)
    QCOMPARE(requests().size(), 1);
    // botocore, same environment and files: the same assumed keys.
    QDir(m_home + u"/.aws/cli/cache"_s).removeRecursively();
    const QStringList theirs = botocoreKeys(env, u"ecs-role"_s);
    QCOMPARE(theirs.value(0), c->accessKeyId);
    QCOMPARE(theirs.value(1), c->sessionToken);
    // Without a container endpoint configured, the profile says what is missing.
    Environment bare = m_env;
    auto missing = resolve(bare, u"no-container"_s, true);
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error().message.contains(u"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"_s), qPrintable(missing.error().message));
}

void TestInstanceCredentials::assumedRoleFromTheInstance()
{
    if (m_botocore.isEmpty())
        QSKIP("[peer:botocore] botocore is not installed: the STS stub checks signatures with it");
    startSts();
    setControl({{u"keys"_s, QJsonObject{{u"AccessKeyId"_s, kInstanceKey}, {u"SecretAccessKey"_s, kInstanceSecret},
                                        {u"Token"_s, kInstanceSessionToken}}}});
    writeFile(m_home + u"/.aws/config"_s, "[profile ec2-role]\nregion = eu-west-1\nrole_arn = arn:aws:iam::123456789012:role/FromEc2\n"
                                          "credential_source = Ec2InstanceMetadata\n");
    Environment env = imdsEnv();
    env.insert(u"AWS_ENDPOINT_URL_STS"_s, u"http://127.0.0.1:"_s + m_stsPort);
    auto p = resolve(env, u"ec2-role"_s, true); // explicit: used whatever the machine is
    QVERIFY2(p.ok(), qPrintable(p.ok() ? QString() : p.error().message));
    const auto c = fetchNow(*p.value());
    QVERIFY2(c.ok(), qPrintable(errorOf(c)));
    const auto sts = stsLog();
    QCOMPARE(sts.size(), 1);
    QCOMPARE(sts.first().value(u"caller"_s).toString(), kInstanceKey);
    QCOMPARE(requests().size(), 3);
    QDir(m_home + u"/.aws/cli/cache"_s).removeRecursively();
    const QStringList theirs = botocoreKeys(env, u"ec2-role"_s);
    QCOMPARE(theirs.value(0), c->accessKeyId);
    QCOMPARE(theirs.value(1), c->sessionToken);
}

void TestInstanceCredentials::botocoreAgreesOnFullUriHosts()
{
    if (m_botocore.isEmpty())
        QSKIP("[peer:botocore] botocore is not installed: it is the oracle here");
    QStringList urls;
    for (const auto &[url, allowed] : kHostRules)
        urls << url;
    QProcess py;
    py.start(m_botocore, QStringList{u"-c"_s, u"import sys\nfrom botocore.utils import ContainerMetadataFetcher as F\n"
                                              u"for u in sys.argv[1:]:\n"
                                              u"    try:\n        F()._validate_allowed_url(u); print(1)\n"
                                              u"    except ValueError:\n        print(0)\n"_s}
                             + urls);
    QVERIFY(py.waitForFinished(60000));
    QVERIFY2(py.exitCode() == 0, py.readAllStandardError().right(600).constData());
    const QStringList theirs = QString::fromUtf8(py.readAllStandardOutput()).trimmed().split(u'\n');
    QCOMPARE(theirs.size(), urls.size());
    int agreed = 0;
    for (qsizetype i = 0; i < urls.size(); ++i) {
        auto ours = ContainerCredentialsProvider::settingsFrom({{u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s, urls.at(i)}});
        QVERIFY2((theirs.at(i) == u"1"_s) == (ours && ours->ok()), qPrintable(urls.at(i)));
        QCOMPARE(theirs.at(i) == u"1"_s, kHostRules.at(i).second);
        ++agreed;
    }
    qInfo("botocore agreed on %d of %d FULL_URI host rules", agreed, int(urls.size()));
}

void TestInstanceCredentials::botocoreResolvesTheSameKeys()
{
    if (m_botocore.isEmpty())
        QSKIP("[peer:botocore] botocore is not installed: it is the oracle here");
    struct Scenario
    {
        const char *name;
        Environment env;
        QJsonObject control;
        QByteArray config;
        QString prelude;
    };
    const QString tokenFile = m_home + u"/pod-token"_s;
    writeFile(tokenFile, "pod-identity-token-from-file");
    Environment container = m_env;
    container.insert(u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s, stubUrl(u"/container/v1/credentials"_s));
    container.insert(u"AWS_CONTAINER_AUTHORIZATION_TOKEN"_s, kContainerToken);
    Environment containerFile = container;
    containerFile.insert(u"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"_s, tokenFile);
    Environment relative = m_env;
    relative.insert(u"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"_s, u"/container/v2/credentials/task-7"_s);
    Environment imdsFromConfig = m_env;
    imdsFromConfig.remove(u"AWS_EC2_METADATA_DISABLED"_s);
    const QByteArray defaultConfig = "[default]\nregion = eu-west-1\n";
    const QList<Scenario> scenarios = {
        {"FULL_URI and a token", container, {{u"container_auth"_s, kContainerToken}}, defaultConfig, {}},
        {"FULL_URI and a token file", containerFile, {{u"container_auth"_s, u"pod-identity-token-from-file"_s}}, defaultConfig, {}},
        // botocore's agent address moved to the stub, as the context moves ours.
        {"RELATIVE_URI", relative, {{u"generation"_s, 3}}, defaultConfig,
         u"import botocore.utils as u; u.ContainerMetadataFetcher.IP_ADDRESS = '127.0.0.1:%1'"_s.arg(m_port)},
        {"IMDSv2", imdsEnv(), {{u"role"_s, u"SparkRunner"_s}}, defaultConfig, {}},
        {"IMDSv1 fallback", imdsEnv(), {{u"imds"_s, u"v1"_s}, {u"put_status"_s, 405}}, defaultConfig, {}},
        {"IMDS endpoint in the config file", imdsFromConfig, {{u"generation"_s, 9}},
         "[default]\nregion = eu-west-1\nec2_metadata_service_endpoint = " + stubUrl(u"/"_s).toUtf8() + "\n", {}},
    };
    const auto shape = [](const QList<QJsonObject> &log) {
        QStringList out;
        for (const QJsonObject &o : log)
            out << u"%1 %2 ttl=%3 token=%4 auth=%5"_s.arg(o.value(u"method"_s).toString(), o.value(u"path"_s).toString(),
                                                        o.value(u"ttl"_s).toString(), o.value(u"token"_s).toString(),
                                                        o.value(u"authorization"_s).toString());
        return out;
    };
    int agreed = 0;
    for (const Scenario &scenario : scenarios) {
        writeFile(m_home + u"/.aws/config"_s, scenario.config);
        setControl(scenario.control);
        QFile::remove(m_log);
        auto p = resolve(scenario.env);
        QVERIFY2(p.ok(), scenario.name);
        const auto ours = fetchNow(*p.value());
        QVERIFY2(ours.ok(), qPrintable(u"%1: %2"_s.arg(QLatin1String(scenario.name), errorOf(ours))));
        const QStringList ourRequests = shape(requests());
        QFile::remove(m_log);
        const QStringList theirs = botocoreKeys(scenario.env, u"default"_s, scenario.prelude);
        QVERIFY2(theirs.size() == 2, scenario.name);
        QCOMPARE(theirs.value(0), ours->accessKeyId);
        QCOMPARE(theirs.value(1), ours->sessionToken);
        // The same requests, in the same order, with the same headers (secrets by length).
        QCOMPARE(shape(requests()), ourRequests);
        ++agreed;
    }
    qInfo("botocore resolved the same keys with the same requests in %d of %d scenarios", agreed, int(scenarios.size()));
}

void TestInstanceCredentials::noSecretWasLogged()
{
    qInstallMessageHandler(nullptr);
    const QStringList secrets = {kContainerToken, kContainerSecret, kContainerSessionToken, kInstanceSecret, kInstanceSessionToken,
                                 kImdsTokenMark, u"stub/secret/"_s, u"stub-token-"_s, u"token-BBB"_s, u"the-env-token-loses"_s,
                                 u"a-wrong-token"_s, u"X-Injected"_s};
    int checked = 0;
    for (const QString &message : std::as_const(g_messages)) {
        for (const QString &secret : secrets)
            QVERIFY2(!message.contains(secret), qPrintable(u"a message holds a secret: "_s + message.left(120)));
        ++checked;
    }
    qInfo("%d log and error messages checked, none holds a secret", checked);
}

QTEST_GUILESS_MAIN(TestInstanceCredentials)
#include "tst_instancecredentials.moc"
