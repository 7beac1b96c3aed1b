// The credential chain's order and errors, and credential_process with caching and refresh.
#include "aws/credentialsprovider.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace aws;
using namespace Qt::StringLiterals;

namespace {

// Fetches synchronously from the test's point of view: waits for the callback.
Result<AwsCredentials> fetchNow(CredentialsProvider &provider)
{
    QObject context;
    std::optional<Result<AwsCredentials>> got;
    provider.fetch(&context, [&got](const Result<AwsCredentials> &r) { got = r; });
    if (!QTest::qWaitFor([&got] { return got.has_value(); }, 10000))
        return AwsError::make(AwsError::Kind::Credentials, u"TestTimeout"_s, u"no callback"_s);
    return *got;
}

} // namespace

class TestCredentialsProvider : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void explicitKeysComeFirst();
    void environmentBeforeFiles();
    void namedProfileSkipsEnvironment();
    void partialEnvironmentKeys();
    void credentialsFileBeforeProcessBeforeConfig();
    void partialKeysInFileNameTheFile();
    void unsupportedProfileKindsExplainTheBridge();
    void noCredentialsSaysWhereItLooked();
    void processOutputIsParsed();
    void processOutputErrors_data();
    void processOutputErrors();
    void processIsCachedAndRefreshedBeforeExpiry();
    void processFailureReportsExitCodeAndStderr(); // never the stderr itself
    void processTimeout();
    void processNotFound();
    void splitsCommandLinesLikeAShell_data();
    void splitsCommandLinesLikeAShell();

private:
    void write(const QString &name, const QByteArray &text, bool executable = false);
    Environment env() const;
    AwsConfigFiles files();

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCredentialsProvider::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    write(u"config"_s, "[default]\nregion = eu-west-1\n"
                       "[profile both]\ncredential_process = /bin/false\naws_access_key_id = AKIDCONFIG\n"
                       "aws_secret_access_key = config-secret\n"
                       "[profile confonly]\naws_access_key_id = AKIDCONFONLY\naws_secret_access_key = c\n"
                       "[profile role]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = default\n"
                       "[profile sso]\nsso_session = corp\n"
                       "[profile empty]\nregion = eu-west-1\n");
    write(u"credentials"_s, "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file-secret\n"
                            "[both]\naws_access_key_id = AKIDCREDFILE\naws_secret_access_key = f\n"
                            "[half]\naws_access_key_id = AKIDHALF\n");
}

void TestCredentialsProvider::write(const QString &name, const QByteArray &text, bool executable)
{
    QFile f(m_dir->filePath(name));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
    f.close();
    if (executable)
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

Environment TestCredentialsProvider::env() const
{
    return {{u"AWS_CONFIG_FILE"_s, m_dir->filePath(u"config"_s)},
            {u"AWS_SHARED_CREDENTIALS_FILE"_s, m_dir->filePath(u"credentials"_s)}};
}

AwsConfigFiles TestCredentialsProvider::files()
{
    auto f = AwsConfigFiles::load(env());
    if (!f.ok())
        qFatal("%s", qPrintable(f.error().message));
    return f.value();
}

void TestCredentialsProvider::explicitKeysComeFirst()
{
    Environment e = env();
    e.insert(u"AWS_ACCESS_KEY_ID"_s, u"AKIDENV"_s);
    e.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"env-secret"_s);
    auto p = resolveCredentialsProvider(files(), e, u"default"_s, false, AwsCredentials{u"AKIDX"_s, u"x"_s, u"tok"_s, {}, {}});
    QVERIFY(p.ok());
    auto c = fetchNow(*p.value());
    QCOMPARE(c->accessKeyId, u"AKIDX"_s);
    QCOMPARE(c->sessionToken, u"tok"_s);
}

void TestCredentialsProvider::environmentBeforeFiles()
{
    Environment e = env();
    e.insert(u"AWS_ACCESS_KEY_ID"_s, u"AKIDENV"_s);
    e.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"env-secret"_s);
    e.insert(u"AWS_SESSION_TOKEN"_s, u"env-token"_s);
    auto p = resolveCredentialsProvider(files(), e, u"default"_s, false);
    auto c = fetchNow(*p.value());
    QCOMPARE(c->accessKeyId, u"AKIDENV"_s);
    QCOMPARE(c->sessionToken, u"env-token"_s);
    QCOMPARE(p.value()->description(), u"the environment"_s);
}

void TestCredentialsProvider::namedProfileSkipsEnvironment()
{
    Environment e = env();
    e.insert(u"AWS_ACCESS_KEY_ID"_s, u"AKIDENV"_s);
    e.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"env-secret"_s);
    auto p = resolveCredentialsProvider(files(), e, u"default"_s, true);
    QCOMPARE(fetchNow(*p.value())->accessKeyId, u"AKIDFILE"_s);
}

void TestCredentialsProvider::partialEnvironmentKeys()
{
    Environment e = env();
    e.insert(u"AWS_ACCESS_KEY_ID"_s, u"AKIDENV"_s);
    auto p = resolveCredentialsProvider(files(), e, u"default"_s, false);
    QVERIFY(!p.ok());
    QCOMPARE(p.error().message, u"the environment has AWS_ACCESS_KEY_ID but no AWS_SECRET_ACCESS_KEY"_s);
}

void TestCredentialsProvider::credentialsFileBeforeProcessBeforeConfig()
{
    // [both] has keys in the credentials file, a credential_process and keys in the config file.
    auto p = resolveCredentialsProvider(files(), env(), u"both"_s, true);
    QCOMPARE(fetchNow(*p.value())->accessKeyId, u"AKIDCREDFILE"_s);
    // Without the credentials-file keys, credential_process wins over the config file's keys.
    write(u"credentials"_s, "");
    auto q = resolveCredentialsProvider(files(), env(), u"both"_s, true);
    QVERIFY(dynamic_cast<ProcessCredentialsProvider *>(q.value().get()));
    auto r = resolveCredentialsProvider(files(), env(), u"confonly"_s, true);
    QCOMPARE(fetchNow(*r.value())->accessKeyId, u"AKIDCONFONLY"_s);
}

void TestCredentialsProvider::partialKeysInFileNameTheFile()
{
    auto p = resolveCredentialsProvider(files(), env(), u"half"_s, true);
    QVERIFY(!p.ok());
    QCOMPARE(p.error().message, u"profile half in %1 has aws_access_key_id but no aws_secret_access_key"_s.arg(
                                    m_dir->filePath(u"credentials"_s)));
}

void TestCredentialsProvider::unsupportedProfileKindsExplainTheBridge()
{
    // Roles and IAM Identity Center are resolved natively (tst_signin); what they lack is named.
    auto sso = resolveCredentialsProvider(files(), env(), u"sso"_s, true);
    QVERIFY(!sso.ok());
    QVERIFY2(sso.error().message.contains(u"has no [sso-session corp] section"_s), qPrintable(sso.error().message));
    auto role = resolveCredentialsProvider(files(), env(), u"role"_s, true); // no network given here
    QVERIFY(!role.ok());
    QVERIFY2(role.error().message.contains(u"needs the network"_s), qPrintable(role.error().message));
}

void TestCredentialsProvider::noCredentialsSaysWhereItLooked()
{
    auto p = resolveCredentialsProvider(files(), env(), u"empty"_s, false);
    QVERIFY(!p.ok());
    QCOMPARE(p.error().kind, AwsError::Kind::Credentials);
    QVERIFY(p.error().message.contains(m_dir->filePath(u"credentials"_s)));
    QVERIFY(p.error().message.contains(m_dir->filePath(u"config"_s)));
    QVERIFY(p.error().message.contains(u"Local sandbox"_s));
}

void TestCredentialsProvider::processOutputIsParsed()
{
    auto c = ProcessCredentialsProvider::parseOutput(
        R"({"Version":1,"AccessKeyId":"AKIDP","SecretAccessKey":"sp","SessionToken":"tp","Expiration":"2026-11-21T10:00:00Z"})", u"p"_s);
    QVERIFY(c.ok());
    QCOMPARE(c->accessKeyId, u"AKIDP"_s);
    QCOMPARE(c->sessionToken, u"tp"_s);
    QCOMPARE(c->expiration, QDateTime(QDate(2026, 11, 21), QTime(10, 0), Qt::UTC));
    auto fractional = ProcessCredentialsProvider::parseOutput(
        R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":"s","Expiration":"2026-11-21T10:00:00.123+01:00"})", u"p"_s);
    QCOMPARE(fractional->expiration, QDateTime(QDate(2026, 11, 21), QTime(9, 0, 0, 123), Qt::UTC));
}

void TestCredentialsProvider::processOutputErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("not json") << QByteArray("AKID secret") << u"not a JSON object"_s;
    QTest::newRow("array") << QByteArray("[]") << u"not a JSON object"_s;
    QTest::newRow("version 2") << QByteArray(R"({"Version":2,"AccessKeyId":"A","SecretAccessKey":"s"})") << u"\"Version\": 1"_s;
    QTest::newRow("no version") << QByteArray(R"({"AccessKeyId":"A","SecretAccessKey":"s"})") << u"\"Version\": 1"_s;
    QTest::newRow("no key") << QByteArray(R"({"Version":1,"SecretAccessKey":"s"})") << u"printed no AccessKeyId"_s;
    QTest::newRow("no secret") << QByteArray(R"({"Version":1,"AccessKeyId":"A"})") << u"printed no SecretAccessKey"_s;
    QTest::newRow("bad expiry") << QByteArray(R"({"Version":1,"AccessKeyId":"A","SecretAccessKey":"s","Expiration":"soon"})")
                                << u"not an ISO 8601 time"_s;
}

void TestCredentialsProvider::processOutputErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, fragment);
    auto c = ProcessCredentialsProvider::parseOutput(json, u"p"_s);
    QVERIFY(!c.ok());
    QVERIFY2(c.error().message.contains(fragment), qPrintable(c.error().message));
    QVERIFY(!c.error().message.contains(u"AKID secret"_s));
}

void TestCredentialsProvider::processIsCachedAndRefreshedBeforeExpiry()
{
    // The script counts its runs and hands out credentials that expire at a fixed time.
    const QString counter = m_dir->filePath(u"runs"_s);
    write(u"creds.sh"_s,
          "#!/bin/sh\necho x >> '" + counter.toUtf8() + "'\nn=$(wc -l < '" + counter.toUtf8() + "')\n"
          "printf '{\"Version\": 1, \"AccessKeyId\": \"AKID%s\", \"SecretAccessKey\": \"s\", "
          "\"SessionToken\": \"t\", \"Expiration\": \"2026-11-21T12:00:00Z\"}' $n\n",
          true);
    ManualClock clock(QDateTime(QDate(2026, 11, 21), QTime(11, 0), Qt::UTC));
    ProcessCredentialsProvider p(u"'"_s + m_dir->filePath(u"creds.sh"_s) + u"' --flag"_s, u"proc"_s, &clock);
    QCOMPARE(fetchNow(p)->accessKeyId, u"AKID1"_s);
    QCOMPARE(fetchNow(p)->accessKeyId, u"AKID1"_s); // cached
    QCOMPARE(p.runCount(), 1);
    clock.set(QDateTime(QDate(2026, 11, 21), QTime(11, 46), Qt::UTC)); // 14 minutes left: refresh
    QCOMPARE(fetchNow(p)->accessKeyId, u"AKID2"_s);
    QCOMPARE(p.runCount(), 2);

    // Concurrent fetches share one run.
    clock.set(QDateTime(QDate(2026, 11, 21), QTime(11, 50), Qt::UTC));
    QObject ctx;
    int answered = 0;
    for (int i = 0; i < 3; ++i)
        p.fetch(&ctx, [&answered](const Result<AwsCredentials> &r) { answered += r.ok() ? 1 : 0; });
    QTRY_COMPARE(answered, 3);
    QCOMPARE(p.runCount(), 3);
}

void TestCredentialsProvider::processFailureReportsExitCodeAndStderr()
{
    write(u"fail.sh"_s, "#!/bin/sh\necho 'token expired, run aws sso login' >&2\nexit 3\n", true);
    ProcessCredentialsProvider p(m_dir->filePath(u"fail.sh"_s), u"proc"_s);
    auto c = fetchNow(p);
    QVERIFY(!c.ok());
    // The process's output is never quoted (it may hold a secret): the program and the status are.
    QCOMPARE(c.error().message, u"credential_process of profile 'proc' (fail.sh) failed with exit code 3; run it in a terminal to see its message"_s);
}

void TestCredentialsProvider::processTimeout()
{
    write(u"slow.sh"_s, "#!/bin/sh\nexec sleep 30\n", true);
    ProcessCredentialsProvider p(m_dir->filePath(u"slow.sh"_s), u"proc"_s);
    p.setTimeoutMs(200);
    auto c = fetchNow(p);
    QVERIFY(!c.ok());
    QVERIFY2(c.error().message.contains(u"did not finish"_s), qPrintable(c.error().message));
}

void TestCredentialsProvider::processNotFound()
{
    ProcessCredentialsProvider p(m_dir->filePath(u"missing-program"_s), u"proc"_s);
    auto c = fetchNow(p);
    QVERIFY(!c.ok());
    QVERIFY2(c.error().message.contains(u"could not be started"_s), qPrintable(c.error().message));
}

void TestCredentialsProvider::splitsCommandLinesLikeAShell_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("words");
    QTest::addColumn<bool>("ok");
    QTest::newRow("plain") << u"aws configure export-credentials --profile x"_s
                           << QStringList{u"aws"_s, u"configure"_s, u"export-credentials"_s, u"--profile"_s, u"x"_s} << true;
    QTest::newRow("single quotes") << u"'/opt/my tools/creds' --a 'b \\ c'"_s
                                   << QStringList{u"/opt/my tools/creds"_s, u"--a"_s, u"b \\ c"_s} << true;
    QTest::newRow("double quotes") << u"cmd \"say \\\"hi\\\"\" x\"y\"z"_s
                                   << QStringList{u"cmd"_s, u"say \"hi\""_s, u"xyz"_s} << true;
    QTest::newRow("backslash") << u"a\\ b c"_s << QStringList{u"a b"_s, u"c"_s} << true;
    QTest::newRow("empty quotes") << u"a '' b"_s << QStringList{u"a"_s, QString(), u"b"_s} << true;
    QTest::newRow("unclosed") << u"a 'b"_s << QStringList{u"a"_s, u"b"_s} << false;
}

void TestCredentialsProvider::splitsCommandLinesLikeAShell()
{
    QFETCH(QString, command);
    QFETCH(QStringList, words);
    QFETCH(bool, ok);
    bool closed = false;
    QCOMPARE(splitCommandLine(command, &closed), words);
    QCOMPARE(closed, ok);
}

QTEST_GUILESS_MAIN(TestCredentialsProvider)
#include "tst_credentialsprovider.moc"
