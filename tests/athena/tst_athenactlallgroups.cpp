// athenactl list-sessions --all-work-groups against the embedded endpoint, compared with boto3
// listing the same workgroups page by page (issue 18).
#include "local/localendpoint.h"
#include "support/scriptedhttpserver.h"
#include "support/testpaths.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Action = testing::ScriptedHttpServer::Action;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Every Spark workgroup's active sessions with boto3, one page of 100 after the other.
const char *kBoto3 = R"(
import boto3, json, sys
c = boto3.client("athena", endpoint_url=sys.argv[1], region_name="us-east-1")
out = []
for wg in c.list_work_groups()["WorkGroups"]:
    if "Spark" not in wg.get("EngineVersion", {}).get("EffectiveEngineVersion", ""):
        continue
    token = None
    while True:
        page = c.list_sessions(WorkGroup=wg["Name"], MaxResults=100, **({"NextToken": token} if token else {}))
        out += [[s["SessionId"], wg["Name"], s["Status"]["State"]] for s in page["Sessions"]]
        token = page.get("NextToken")
        if not token:
            break
print(json.dumps(out))
)";

} // namespace

class TestAthenaCtlAllGroups : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void sameSessionsAsBoto3();
    void hostileArguments_data();
    void hostileArguments();
    void aFailingWorkGroupPrintsNothing();
    void theLongestChainsTakeTheConnectionsFirst();

private:
    Run run(const QStringList &args, const QUrl &endpoint);
    QProcessEnvironment environment(const QUrl &endpoint) const;

    std::unique_ptr<local::LocalEndpoint> m_endpoint;
    QTemporaryDir m_home;
};

void TestAthenaCtlAllGroups::init()
{
    local::EndpointOptions options;
    options.inMemory = true;
    options.seedSessions = 900;
    options.seedActiveShare = 0.6;
    options.engine.seed = 18;
    m_endpoint = std::make_unique<local::LocalEndpoint>(options);
    QVERIFY(m_endpoint->start().ok());
}

QProcessEnvironment TestAthenaCtlAllGroups::environment(const QUrl &endpoint) const
{
    QProcessEnvironment env;
    env.insert(u"HOME"_s, m_home.path());
    env.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
    env.insert(u"AWS_ACCESS_KEY_ID"_s, m_endpoint->credentials().accessKeyId);
    env.insert(u"AWS_SECRET_ACCESS_KEY"_s, m_endpoint->credentials().secretAccessKey);
    env.insert(u"AWS_REGION"_s, u"us-east-1"_s);
    env.insert(u"AWS_ENDPOINT_URL_ATHENA"_s, endpoint.toString());
    env.insert(u"AWS_CONFIG_FILE"_s, m_home.filePath(u"none"_s));
    env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, m_home.filePath(u"none"_s));
    return env;
}

Run TestAthenaCtlAllGroups::run(const QStringList &args, const QUrl &endpoint)
{
    QProcess p;
    p.setProcessEnvironment(environment(endpoint));
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(QStringLiteral(ATHENACTL_PATH), args);
    if (!finished.wait(60000))
        p.kill();
    return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

void TestAthenaCtlAllGroups::sameSessionsAsBoto3()
{
    const Run r = run({u"list-sessions"_s, u"--all-work-groups"_s}, m_endpoint->url());
    QCOMPARE(r.exitCode, 0);
    const QJsonArray sessions = QJsonDocument::fromJson(r.out).object().value(u"Sessions"_s).toArray();
    QVERIFY(sessions.size() > 300);
    QSet<QString> mine;
    QStringList order;
    for (const QJsonValue v : sessions) {
        const QJsonObject o = v.toObject();
        mine.insert(o.value(u"SessionId"_s).toString() + u' ' + o.value(u"WorkGroup"_s).toString());
        order << o.value(u"WorkGroup"_s).toString();
    }
    QCOMPARE(mine.size(), sessions.size()); // none twice
    QVERIFY(std::is_sorted(order.begin(), order.end())); // by workgroup
    QCOMPARE(QSet<QString>(order.begin(), order.end()).size(), 3); // every Spark workgroup, not "primary" (SQL)

    const QString python = testing::pythonWith(u"boto3"_s);
    if (python.isEmpty())
        QSKIP("[peer:boto3] boto3 is not installed: the listing cannot be compared with boto3's");
    QProcess p;
    p.setProcessEnvironment(environment(m_endpoint->url()));
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(python, {u"-c"_s, QString::fromUtf8(kBoto3), m_endpoint->url().toString()});
    QVERIFY(finished.wait(60000));
    QCOMPARE(p.exitCode(), 0);
    QSet<QString> theirs;
    const QJsonArray listed = QJsonDocument::fromJson(p.readAllStandardOutput()).array();
    for (const QJsonValue v : listed)
        theirs.insert(v.toArray().at(0).toString() + u' ' + v.toArray().at(1).toString());
    QCOMPARE(mine, theirs);
}

void TestAthenaCtlAllGroups::hostileArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("says");
    QTest::newRow("with a workgroup") << QStringList{u"--work-group"_s, u"spark-etl"_s} << u"neither --work-group"_s;
    QTest::newRow("with a token") << QStringList{u"--next-token"_s, u"abc"_s} << u"--next-token"_s;
    QTest::newRow("page too large") << QStringList{u"--max-results"_s, u"1000000"_s} << u"between 1 and 100"_s;
    QTest::newRow("page of zero") << QStringList{u"--max-results"_s, u"0"_s} << u"between 1 and 100"_s;
    QTest::newRow("unknown state") << QStringList{u"--state-filter"_s, u"SLEEPING"_s} << u"not a session state"_s;
    QTest::newRow("stray argument") << QStringList{u"extra"_s} << u"unexpected argument"_s;
}

void TestAthenaCtlAllGroups::hostileArguments()
{
    QFETCH(QStringList, args);
    QFETCH(QString, says);
    const Run r = run(QStringList{u"list-sessions"_s, u"--all-work-groups"_s} + args, m_endpoint->url());
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(QString::fromUtf8(r.err).contains(says), r.err.constData());
}

void TestAthenaCtlAllGroups::aFailingWorkGroupPrintsNothing()
{
    // Two Spark workgroups; the second's listing fails for good after its first page.
    testing::ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.handler = [](const testing::ScriptedHttpServer::Received &r) {
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        if (r.header("x-amz-target").endsWith("ListWorkGroups"))
            return Action::respond(200, R"({"WorkGroups":[{"Name":"a","State":"ENABLED","EngineVersion":{"EffectiveEngineVersion":"PySpark engine version 3"}},)"
                                        R"({"Name":"b","State":"ENABLED","EngineVersion":{"EffectiveEngineVersion":"PySpark engine version 3"}}]})");
        if (body.value(u"WorkGroup"_s).toString() == u"b"_s && body.contains(u"NextToken"_s))
            return Action::respond(400, R"({"__type":"AccessDeniedException","Message":"not allowed"})");
        if (body.contains(u"NextToken"_s))
            return Action::respond(200, R"({"Sessions":[]})");
        return Action::respond(200, QByteArray(R"({"Sessions":[{"SessionId":")") + body.value(u"StateFilter"_s).toString().toUtf8()
                                        + body.value(u"WorkGroup"_s).toString().toUtf8() + R"("}],"NextToken":"t"})");
    };
    const Run r = run({u"list-sessions"_s, u"--all-work-groups"_s}, QUrl(u"http://127.0.0.1:%1"_s.arg(server.port())));
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty()); // never half a listing
    QVERIFY2(r.err.contains("AccessDeniedException") && r.err.contains("workgroup b"), r.err.constData());
    // Bounded: the workgroups, then 4 chains of each workgroup, at most 2 pages each.
    QVERIFY2(server.received.size() <= 1 + 2 * 4 * 2, qPrintable(QString::number(server.received.size())));
}

void TestAthenaCtlAllGroups::theLongestChainsTakeTheConnectionsFirst()
{
    // Three workgroups, twelve state chains, and a server that never answers a ListSessions: the
    // six chains in flight are the ones that usually run longest (IDLE, then BUSY), not the
    // one-page CREATING and CREATED chains, and no seventh request is sent while none is answered.
    testing::ScriptedHttpServer server;
    QVERIFY(server.listen());
    server.handler = [](const testing::ScriptedHttpServer::Received &r) {
        if (r.header("x-amz-target").endsWith("ListWorkGroups")) {
            QByteArray groups;
            for (const char *name : {"a", "b", "c"})
                groups += QByteArray(groups.isEmpty() ? "" : ",") + R"({"Name":")" + name
                          + R"(","State":"ENABLED","EngineVersion":{"EffectiveEngineVersion":"PySpark engine version 3"}})";
            return Action::respond(200, R"({"WorkGroups":[)" + groups + "]}");
        }
        return Action::hang();
    };
    QProcess p;
    p.setProcessEnvironment(environment(QUrl(u"http://127.0.0.1:%1"_s.arg(server.port()))));
    p.start(QStringLiteral(ATHENACTL_PATH), {u"list-sessions"_s, u"--all-work-groups"_s});
    QTRY_COMPARE_WITH_TIMEOUT(server.received.size(), 1 + 6, 20000);
    QMultiHash<QString, QString> inFlight; // state → workgroup
    for (const auto &r : std::as_const(server.received)) {
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        if (body.contains(u"StateFilter"_s))
            inFlight.insert(body.value(u"StateFilter"_s).toString(), body.value(u"WorkGroup"_s).toString());
    }
    p.kill();
    p.waitForFinished(10000);
    QCOMPARE(server.received.size(), 1 + 6);
    QCOMPARE(inFlight.values(u"IDLE"_s).size(), 3);
    QCOMPARE(inFlight.values(u"BUSY"_s).size(), 3);
}

QTEST_GUILESS_MAIN(TestAthenaCtlAllGroups)
#include "tst_athenactlallgroups.moc"
