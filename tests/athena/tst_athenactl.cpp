// athenactl as a user runs it: the real binary against a scripted loopback server.
#include "athena/athenajson.h"
#include "support/scriptedhttpserver.h"
#include "support/testpaths.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

using namespace athena;
using namespace testing;
using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

QByteArray page(int first, int count, const QString &next)
{
    ListSessionsPage p;
    for (int i = first; i < first + count; ++i) {
        SessionSummary s;
        s.sessionId = u"s-%1"_s.arg(i);
        s.description = u"session %1"_s.arg(i);
        s.status.state = SessionState::Idle;
        s.status.startDateTime = QDateTime::fromSecsSinceEpoch(1763700000 + i, Qt::UTC);
        p.sessions << s;
    }
    p.nextToken = next;
    return QJsonDocument(json::toJson(p)).toJson(QJsonDocument::Compact);
}

} // namespace

class TestAthenaCtl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void listAllPagesAsJson();
    void singlePageKeepsNextToken();
    void getSessionAsTable();
    void serviceErrorExitsOne();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void startAndWait();
    void startFailureNamesTheToken();
    void helpAndVersion();
    void configureListShowsSourcesNeverSecrets();
    void ssoLogoutForgetsTheSignIn();
    void mfaWithoutATerminalFailsClearly();
    void unknownStatesArePrintedAsTheyCame();
    void undecodableStartNamesTheGeneratedToken();
    void cliInputJsonCarriesEveryMemberAndFlagsOverride();
    void skeletonNamesEveryMemberOfTheModel();

private:
    Run run(const QStringList &args);

    std::unique_ptr<ScriptedHttpServer> m_server;
    std::unique_ptr<QTemporaryDir> m_home;
};

void TestAthenaCtl::init()
{
    m_server = std::make_unique<ScriptedHttpServer>();
    QVERIFY(m_server->listen());
    m_home = std::make_unique<QTemporaryDir>();
}

Run TestAthenaCtl::run(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env;
    env.insert(u"HOME"_s, m_home->path());
    env.insert(u"AWS_ACCESS_KEY_ID"_s, u"AKIDCTLTEST"_s);
    env.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"ctl-test-secret"_s);
    env.insert(u"AWS_REGION"_s, u"eu-west-1"_s);
    env.insert(u"AWS_ENDPOINT_URL_ATHENA"_s, u"http://127.0.0.1:%1"_s.arg(m_server->port()));
    env.insert(u"TZ"_s, u"UTC"_s);
    p.setProcessEnvironment(env);
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(QStringLiteral(ATHENACTL_PATH), args);
    if (!finished.wait(30000))
        p.kill();
    return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

void TestAthenaCtl::listAllPagesAsJson()
{
    m_server->script = {ScriptedHttpServer::Action::respond(200, page(0, 100, u"t1"_s)),
                        ScriptedHttpServer::Action::respond(200, page(100, 100, u"t2"_s)),
                        ScriptedHttpServer::Action::respond(200, page(200, 37, {}))};
    // Without --max-results, --all-pages asks for the largest page the API allows.
    const Run r = run({u"list-sessions"_s, u"--work-group"_s, u"spark"_s, u"--all-pages"_s});
    QCOMPARE(r.exitCode, 0);
    for (const ScriptedHttpServer::Received &sent : std::as_const(m_server->received))
        QCOMPARE(QJsonDocument::fromJson(sent.body).object().value(u"MaxResults"_s).toInt(), 100);
    const QJsonArray sessions = r.json().value(u"Sessions"_s).toArray();
    QCOMPARE(sessions.size(), 237);
    QCOMPARE(sessions.at(5).toObject().value(u"SessionId"_s).toString(), u"s-5"_s);
    QCOMPARE(sessions.at(5).toObject().value(u"Status"_s).toObject().value(u"State"_s).toString(), u"IDLE"_s);
    QVERIFY(!r.json().contains(u"NextToken"_s));
    QVERIFY2(r.err.contains("Page 3: 237 sessions"), r.err.constData());
    QCOMPARE(m_server->received.size(), 3);
    QCOMPARE(QJsonDocument::fromJson(m_server->received.at(2).body).object().value(u"NextToken"_s).toString(), u"t2"_s);
    QCOMPARE(m_server->received.at(0).header("X-Amz-Target"), QByteArray("AmazonAthena.ListSessions"));
}

void TestAthenaCtl::singlePageKeepsNextToken()
{
    m_server->script = {ScriptedHttpServer::Action::respond(200, page(0, 2, u"more"_s))};
    const Run r = run({u"list-sessions"_s, u"--work-group"_s, u"spark"_s, u"--state-filter"_s, u"terminated"_s});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json().value(u"NextToken"_s).toString(), u"more"_s);
    QCOMPARE(QJsonDocument::fromJson(m_server->received.at(0).body).object().value(u"StateFilter"_s).toString(), u"TERMINATED"_s);
}

void TestAthenaCtl::getSessionAsTable()
{
    m_server->script = {ScriptedHttpServer::Action::respond(200, R"({"SessionId":"s-9","WorkGroup":"spark","Status":{"State":"BUSY","StartDateTime":1763700000},"EngineConfiguration":{"MaxConcurrentDpus":20},"Statistics":{"DpuExecutionInMillis":5400000}})")};
    const Run r = run({u"--output"_s, u"table"_s, u"get-session"_s, u"s-9"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("State:") && r.out.contains("BUSY"), r.out.constData());
    QVERIFY(r.out.contains("MaxConcurrentDpus:"));
    QVERIFY(r.out.contains("1.500")); // DPU-hours
    QVERIFY(r.out.contains("2025-11-21 04:40:00"));
}

void TestAthenaCtl::serviceErrorExitsOne()
{
    m_server->script = {ScriptedHttpServer::Action::respond(400, R"({"__type":"ResourceNotFoundException","Message":"Session s-0 was not found"})",
                                                            {{"x-amzn-RequestId", "req-77"}})};
    const Run r = run({u"get-session"_s, u"--session-id"_s, u"s-0"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("ResourceNotFoundException: Session s-0 was not found"), r.err.constData());
    QVERIFY(r.err.contains("req-77"));
    QVERIFY(r.out.isEmpty());
    QVERIFY(!r.err.contains("ctl-test-secret"));
}

void TestAthenaCtl::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no command") << QStringList() << u"no command given"_s;
    QTest::newRow("unknown command") << QStringList{u"list-sesions"_s} << u"unknown command 'list-sesions'"_s;
    QTest::newRow("missing workgroup") << QStringList{u"list-sessions"_s} << u"list-sessions needs --work-group"_s;
    QTest::newRow("option of another command") << QStringList{u"get-session"_s, u"x"_s, u"--all-pages"_s}
                                               << u"--all-pages is not an option of get-session"_s;
    QTest::newRow("not a number") << QStringList{u"list-sessions"_s, u"--work-group"_s, u"w"_s, u"--max-results"_s, u"ten"_s}
                                  << u"--max-results: 'ten' is not a whole number"_s;
    QTest::newRow("bad state") << QStringList{u"list-sessions"_s, u"--work-group"_s, u"w"_s, u"--state-filter"_s, u"ASLEEP"_s}
                               << u"--state-filter: 'ASLEEP' is not a session state"_s;
    QTest::newRow("validation") << QStringList{u"start-session"_s, u"--work-group"_s, u"w"_s, u"--max-concurrent-dpus"_s, u"20"_s,
                                               u"--idle-timeout-minutes"_s, u"0"_s}
                                << u"Idle timeout must be between 1 and 480 minutes"_s;
    QTest::newRow("bad key=value") << QStringList{u"start-session"_s, u"--work-group"_s, u"w"_s, u"--max-concurrent-dpus"_s, u"20"_s,
                                                  u"--spark-property"_s, u"novalue"_s}
                                   << u"--spark-property takes KEY=VALUE, not 'novalue'"_s;
    QTest::newRow("bad output") << QStringList{u"--output"_s, u"yaml"_s, u"list-work-groups"_s} << u"--output must be json or table"_s;
    QTest::newRow("missing id") << QStringList{u"terminate-session"_s} << u"terminate-session needs a SESSION_ID"_s;
}

void TestAthenaCtl::usageErrorsExitTwo()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = run(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QCOMPARE(m_server->received.size(), 0); // nothing was sent
}

void TestAthenaCtl::startAndWait()
{
    m_server->script = {
        ScriptedHttpServer::Action::respond(200, R"({"SessionId":"new-1","State":"CREATING"})"),
        ScriptedHttpServer::Action::respond(200, R"({"SessionId":"new-1","Status":{"State":"CREATING"}})"),
        ScriptedHttpServer::Action::respond(200, R"({"SessionId":"new-1","Status":{"State":"CREATED"}})"),
        ScriptedHttpServer::Action::respond(200, R"({"SessionId":"new-1","Status":{"State":"IDLE"}})"),
    };
    const Run r = run({u"start-session"_s, u"--work-group"_s, u"spark"_s, u"--max-concurrent-dpus"_s, u"20"_s, u"--description"_s,
                       u"nightly"_s, u"--spark-property"_s, u"spark.executor.memory=4g"_s, u"--wait"_s});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json().value(u"State"_s).toString(), u"IDLE"_s);
    QVERIFY2(r.err.contains("new-1: CREATING") && r.err.contains("new-1: CREATED") && r.err.contains("new-1: IDLE"), r.err.constData());
    const QJsonObject sent = QJsonDocument::fromJson(m_server->received.at(0).body).object();
    QCOMPARE(sent.value(u"Description"_s).toString(), u"nightly"_s);
    QCOMPARE(sent.value(u"EngineConfiguration"_s).toObject().value(u"SparkProperties"_s).toObject().value(u"spark.executor.memory"_s).toString(), u"4g"_s);
    QVERIFY(sent.value(u"ClientRequestToken"_s).toString().size() >= 32);
    QCOMPARE(m_server->received.at(1).header("X-Amz-Target"), QByteArray("AmazonAthena.GetSessionStatus"));
}

void TestAthenaCtl::startFailureNamesTheToken()
{
    // Every attempt times out after the request was sent: the outcome is unknown.
    m_server->fallback = ScriptedHttpServer::Action::close();
    const Run r = run({u"start-session"_s, u"--work-group"_s, u"spark"_s, u"--max-concurrent-dpus"_s, u"20"_s,
                       u"--client-request-token"_s, u"11111111-2222-3333-4444-555555555555"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("--client-request-token"), r.err.constData());
}

void TestAthenaCtl::unknownStatesArePrintedAsTheyCame()
{
    // A state added by the service after this athenactl was built: printed, never a failure.
    m_server->script = {
        ScriptedHttpServer::Action::respond(200, R"({"Sessions":[{"SessionId":"a","Status":{"State":"HIBERNATING"},"Shiny":true}]})"),
        ScriptedHttpServer::Action::respond(200, R"({"SessionId":"a","Status":{"State":"HIBERNATING"}})"),
        ScriptedHttpServer::Action::respond(200, R"({"SessionId":"n","State":"QUEUED_FOR_CAPACITY"})"),
    };
    const Run list = run({u"list-sessions"_s, u"--work-group"_s, u"spark"_s});
    QCOMPARE(list.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(list.out).object().value(u"Sessions"_s).toArray().at(0).toObject()
                 .value(u"Status"_s).toObject().value(u"State"_s).toString(),
             u"HIBERNATING"_s);
    const Run get = run({u"--output"_s, u"table"_s, u"get-session"_s, u"a"_s});
    QCOMPARE(get.exitCode, 0);
    QVERIFY2(get.out.contains("HIBERNATING"), get.out.constData());
    const Run start = run({u"start-session"_s, u"--work-group"_s, u"spark"_s, u"--max-concurrent-dpus"_s, u"20"_s});
    QCOMPARE(start.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(start.out).object().value(u"State"_s).toString(), u"QUEUED_FOR_CAPACITY"_s);
}

void TestAthenaCtl::undecodableStartNamesTheGeneratedToken()
{
    // The service answered 200 but the answer cannot be read: the session may exist, and the
    // token to find it without starting a second one is printed (athenactl generated it).
    m_server->script = {ScriptedHttpServer::Action::respond(200, R"({"SessionId":42})")};
    const Run r = run({u"start-session"_s, u"--work-group"_s, u"spark"_s, u"--max-concurrent-dpus"_s, u"20"_s});
    QCOMPARE(r.exitCode, 1);
    const QString sent = QJsonDocument::fromJson(m_server->received.at(0).body).object().value(u"ClientRequestToken"_s).toString();
    QVERIFY(sent.size() >= 32);
    QVERIFY2(r.err.contains("may have been started") && r.err.contains(sent.toUtf8()), r.err.constData());
}

namespace {
// botocore's verdict on a body (tests/tools/botocore_validate.py), or why there is none.
QString botocoreVerdict(const QString &operation, const QString &mode, const QByteArray &body, bool *ok)
{
    *ok = false;
    const QString python = testing::pythonWith(u"botocore"_s);
    if (python.isEmpty())
        return u"SKIP"_s;
    QTemporaryFile file;
    if (!file.open())
        return u"cannot write a temporary file"_s;
    file.write(body);
    file.flush();
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(python, {testing::toolsDir(u"botocore_validate.py"_s), operation, mode, file.fileName()});
    if (!p.waitForFinished(60000))
        return u"botocore_validate.py did not finish"_s;
    *ok = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    return QString::fromUtf8(p.readAll()).trimmed();
}
} // namespace

void TestAthenaCtl::cliInputJsonCarriesEveryMemberAndFlagsOverride()
{
    // Every StartSession member from a file, as `aws athena start-session --cli-input-json` takes
    // it; two flags override it. What goes out must be what botocore's model accepts.
    const QJsonObject input = QJsonDocument::fromJson(R"({
        "Description": "from file", "WorkGroup": "spark",
        "EngineConfiguration": {"CoordinatorDpuSize": 1, "MaxConcurrentDpus": 20, "DefaultExecutorDpuSize": 1,
            "AdditionalConfigs": {"NotebookId": "nb-1"}, "SparkProperties": {"spark.executor.memory": "4g"},
            "Classifications": [{"Name": "spark-defaults", "Properties": {"spark.sql.shuffle.partitions": "64"}}]},
        "ExecutionRole": "arn:aws:iam::123456789012:role/spark",
        "MonitoringConfiguration": {"CloudWatchLoggingConfiguration": {"Enabled": true, "LogGroup": "/aws/athena", "LogStreamNamePrefix": "s-",
                                                                       "LogTypes": {"SPARK_DRIVER": ["STDOUT"]}},
                                    "ManagedLoggingConfiguration": {"Enabled": false},
                                    "S3LoggingConfiguration": {"Enabled": true, "LogLocation": "s3://logs/athena/"}},
        "NotebookVersion": "Athena notebook version 1", "SessionIdleTimeoutInMinutes": 30,
        "ClientRequestToken": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
        "Tags": [{"Key": "team", "Value": "data"}], "CopyWorkGroupTags": true})").object();
    QFile file(m_home->filePath(u"start.json"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(input).toJson());
    file.close();
    m_server->script = {ScriptedHttpServer::Action::respond(200, R"({"SessionId":"n-1","State":"CREATING"})")};
    const Run r = run({u"start-session"_s, u"--cli-input-json"_s, u"file://"_s + file.fileName(), u"--description"_s,
                       u"from a flag"_s, u"--tag"_s, u"cost-centre=42"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(m_server->received.size(), 1);
    QJsonObject sent = QJsonDocument::fromJson(m_server->received.at(0).body).object();
    QJsonObject expected = input;
    expected.insert(u"Description"_s, u"from a flag"_s);
    expected.insert(u"Tags"_s, QJsonArray{QJsonObject{{u"Key"_s, u"team"_s}, {u"Value"_s, u"data"_s}},
                                          QJsonObject{{u"Key"_s, u"cost-centre"_s}, {u"Value"_s, u"42"_s}}});
    QCOMPARE(sent, expected);
    bool valid = false;
    const QString verdict = botocoreVerdict(u"StartSession"_s, u"request"_s, m_server->received.at(0).body, &valid);
    if (verdict == u"SKIP"_s)
        QSKIP("[peer:botocore] botocore is not installed: the request cannot be checked against its model");
    QVERIFY2(valid, qPrintable(verdict));
    qInfo().noquote() << verdict;

    // A malformed file is a usage error that says where.
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("{\"WorkGroup\": ");
    file.close();
    const Run bad = run({u"start-session"_s, u"--cli-input-json"_s, u"file://"_s + file.fileName()});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("--cli-input-json: not valid JSON"), bad.err.constData());
}

void TestAthenaCtl::skeletonNamesEveryMemberOfTheModel()
{
    const Run r = run({u"start-session"_s, u"--generate-cli-skeleton"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(m_server->received.isEmpty()); // nothing sent
    bool valid = false;
    const QString verdict = botocoreVerdict(u"StartSession"_s, u"skeleton"_s, r.out, &valid);
    if (verdict == u"SKIP"_s)
        QSKIP("[peer:botocore] botocore is not installed: the skeleton cannot be compared with its model");
    QVERIFY2(valid, qPrintable(verdict));
}

void TestAthenaCtl::helpAndVersion()
{
    const Run help = run({u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("list-sessions --work-group WG"));
    QVERIFY(help.out.contains("Exit codes"));
    const Run version = run({u"--version"_s});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.startsWith("athenactl "));
}

void TestAthenaCtl::configureListShowsSourcesNeverSecrets()
{
    const Run r = run({u"configure"_s, u"list"_s});
    QCOMPARE(r.exitCode, 0);
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.contains(u"eu-west-1"_s) && out.contains(u"AWS_REGION"_s), r.out.constData());
    QVERIFY2(out.contains(u"AWS_ENDPOINT_URL_ATHENA"_s), r.out.constData());
    QVERIFY2(out.contains(u"****************TEST"_s) && out.contains(u"the environment"_s), r.out.constData());
    QVERIFY(!out.contains(u"AKIDCTLTEST"_s));
    QVERIFY(!out.contains(u"ctl-test-secret"_s));
    QCOMPARE(m_server->received.size(), 0); // no request to Athena
}

void TestAthenaCtl::ssoLogoutForgetsTheSignIn()
{
    QDir(m_home->path()).mkpath(u".aws/sso/cache"_s);
    QFile config(m_home->filePath(u".aws/config"_s));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[profile corp]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = r\n"
                 "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n");
    config.close();
    // botocore's key for the session "corp": sha1("corp").
    const QString token = m_home->filePath(u".aws/sso/cache/"_s
                                           + QString::fromLatin1(QCryptographicHash::hash("corp", QCryptographicHash::Sha1).toHex()) + u".json"_s);
    QFile f(token);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"accessToken\": \"x\"}");
    f.close();
    const Run r = run({u"sso"_s, u"logout"_s, u"--profile"_s, u"corp"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(!QFile::exists(token));
    QVERIFY2(r.err.contains("signed out of https://corp.awsapps.com/start"), r.err.constData());
    QCOMPARE(run({u"sso"_s, u"login"_s}).exitCode, 2);
}

void TestAthenaCtl::mfaWithoutATerminalFailsClearly()
{
    QFile config(m_home->filePath(u".aws/config"_s));
    QDir(m_home->path()).mkpath(u".aws"_s);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = s\n"
                 "[profile mfa]\nregion = eu-west-1\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = base\n"
                 "mfa_serial = arn:aws:iam::1:mfa/me\n");
    config.close();
    const Run r = run({u"list-work-groups"_s, u"--profile"_s, u"mfa"_s}); // stdin is not a terminal here
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("needs an MFA code for arn:aws:iam::1:mfa/me"), r.err.constData());
    QCOMPARE(m_server->received.size(), 0);
}

QTEST_GUILESS_MAIN(TestAthenaCtl)
#include "tst_athenactl.moc"
