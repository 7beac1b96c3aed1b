// athenactl inside a session — calculations, executors, the Spark Connect endpoint — as a user
// runs it: the real binary against a scripted loopback server. The request bodies are compared
// with botocore's model and the AWS CLI's in tst_athenactl_calculations_peers.
#include "support/ctltestharness.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace ctltest;
using Action = testing::ScriptedHttpServer::Action;

class TestAthenaCtlCalculations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void startSendsCodeAndPrintsTheResult();
    void startFromAFileAndCliInputJson();
    void codeBlockFileIsBounded_data();
    void codeBlockFileIsBounded();
    void waitFollowsToCompleted();
    void waitOnFailureExitsThreeWithTheReason();
    void waitIsBoundedAgainstAServerThatNeverAnswers();
    void listCalculationsOnePageAndTable();
    void listCalculationsAllPages();
    void repeatedTokenStopsAllPages();
    void listExecutorsAndDpusInUse();
    void getStatusCodeAndStop();
    void endpointTokenOnlyOnRequest();
    void usageErrorsExitTwoAndSendNothing_data();
    void usageErrorsExitTwoAndSendNothing();
    void unknownCalculationIsAServiceError();

private:
    Run run(const QStringList &args, const QList<std::pair<QString, QString>> &extraEnv = {}) const
    {
        return m_ctl.run(args, extraEnv);
    }

    CtlHarness m_ctl;
    testing::ScriptedHttpServer *m_server = nullptr;
};

void TestAthenaCtlCalculations::init()
{
    QVERIFY(m_ctl.start());
    m_server = m_ctl.server.get();
}


void TestAthenaCtlCalculations::startSendsCodeAndPrintsTheResult()
{
    m_server->script = {Action::respond(200, R"({"CalculationExecutionId":"c-1","State":"CREATING"})")};
    const Run r = run({u"start-calculation-execution"_s, u"--session-id"_s, u"s-1"_s, u"--code-block"_s, u"print(1)\nsleep(2)"_s,
                       u"--description"_s, u"first"_s});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json(), (QJsonObject{{u"CalculationExecutionId"_s, u"c-1"_s}, {u"State"_s, u"CREATING"_s}}));
    QCOMPARE(m_server->received.size(), 1);
    QCOMPARE(target(m_server->received.at(0)), QByteArray("AmazonAthena.StartCalculationExecution"));
    QJsonObject sent = bodyOf(m_server->received.at(0));
    QVERIFY(sent.take(u"ClientRequestToken"_s).toString().size() >= 32); // generated
    QCOMPARE(sent, (QJsonObject{{u"SessionId"_s, u"s-1"_s}, {u"CodeBlock"_s, u"print(1)\nsleep(2)"_s}, {u"Description"_s, u"first"_s}}));

    m_server->received.clear();
    m_server->script = {Action::respond(200, R"({"CalculationExecutionId":"c-2","State":"QUEUED"})")};
    const Run table = run({u"--output"_s, u"table"_s, u"start-calculation-execution"_s, u"s-1"_s, u"--code-block"_s, u"1+1"_s,
                           u"--client-request-token"_s, u"tok-given-by-the-user-0123456789abcdef"_s});
    QCOMPARE(table.exitCode, 0);
    QVERIFY2(table.out.contains("CalculationExecutionId:") && table.out.contains("c-2") && table.out.contains("QUEUED"), table.out);
    QCOMPARE(bodyOf(m_server->received.at(0)).value(u"ClientRequestToken"_s).toString(), u"tok-given-by-the-user-0123456789abcdef"_s);
}

void TestAthenaCtlCalculations::startFromAFileAndCliInputJson()
{
    QTemporaryDir dir;
    const QString code = u"# ünïcode 🐍\n"_s + QString(67000, u'x');
    QFile file(dir.filePath(u"cell.py"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(code.toUtf8());
    file.close();
    m_server->fallback = Action::respond(200, R"({"CalculationExecutionId":"c-1","State":"CREATING"})");
    const Run r = run({u"start-calculation-execution"_s, u"s-1"_s, u"--code-block"_s, u"file://"_s + file.fileName()});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(bodyOf(m_server->received.at(0)).value(u"CodeBlock"_s).toString(), code);

    // The whole request as JSON; --description overrides its member; the deprecated place for
    // the code (CalculationConfiguration) is kept when the input uses it.
    QFile input(dir.filePath(u"input.json"_s));
    QVERIFY(input.open(QIODevice::WriteOnly));
    input.write(R"j({"SessionId":"s-9","Description":"from json","CalculationConfiguration":{"CodeBlock":"spark.range(3)"},)j"
                R"("ClientRequestToken":"0123456789abcdef0123456789abcdef"})");
    input.close();
    const Run j = run({u"start-calculation-execution"_s, u"--cli-input-json"_s, u"file://"_s + input.fileName(), u"--description"_s,
                       u"flag wins"_s});
    QCOMPARE(j.exitCode, 0);
    QCOMPARE(bodyOf(m_server->received.at(1)),
             (QJsonObject{{u"SessionId"_s, u"s-9"_s}, {u"Description"_s, u"flag wins"_s},
                          {u"CalculationConfiguration"_s, QJsonObject{{u"CodeBlock"_s, u"spark.range(3)"_s}}},
                          {u"ClientRequestToken"_s, u"0123456789abcdef0123456789abcdef"_s}}));

}

void TestAthenaCtlCalculations::codeBlockFileIsBounded_data()
{
    QTest::addColumn<QByteArray>("content"); // written to the file; "<missing>", "<dir>" for those cases
    QTest::addColumn<QString>("message");
    QTest::newRow("missing") << QByteArray("<missing>") << u"--code-block: cannot read"_s;
    QTest::newRow("directory") << QByteArray("<dir>") << u"it is a directory"_s;
    QTest::newRow("one character too many") << QByteArray(68001, 'x') << u"has 68001 characters, more than the 68,000"_s;
    QTest::newRow("huge") << QByteArray(8 * 1024 * 1024, 'x') << u"is larger than the 68,000 characters"_s;
    QTest::newRow("not utf-8") << QByteArray("print('\xff\xfe')") << u"is not UTF-8 text"_s;
    QTest::newRow("empty") << QByteArray() << u"is empty"_s;
}

void TestAthenaCtlCalculations::codeBlockFileIsBounded()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QString path = dir.filePath(u"code.py"_s);
    if (content == "<dir>") {
        path = dir.path();
    } else if (content != "<missing>") {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    const Run r = run({u"start-calculation-execution"_s, u"s-1"_s, u"--code-block"_s, u"file://"_s + path});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QVERIFY(r.err.size() < 1000); // the code is never echoed
    QCOMPARE(m_server->received.size(), 0);
}

void TestAthenaCtlCalculations::waitFollowsToCompleted()
{
    m_server->script = {Action::respond(200, R"({"CalculationExecutionId":"c-1","State":"CREATING"})"),
                        Action::respond(200, status("QUEUED")), Action::respond(200, status("RUNNING")),
                        Action::respond(200, status("RUNNING")), Action::respond(200, status("COMPLETED")),
                        Action::respond(200, kCalculation)};
    const Run r = run({u"start-calculation-execution"_s, u"s-1"_s, u"--code-block"_s, u"sleep(3)"_s, u"--wait"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains("Started c-1 (CREATING)"), r.err.constData());
    const qsizetype queued = r.err.indexOf("c-1: QUEUED"), running = r.err.indexOf("c-1: RUNNING"),
                    completed = r.err.indexOf("c-1: COMPLETED");
    QVERIFY2(queued > 0 && running > queued && completed > running, r.err.constData());
    QCOMPARE(r.err.count("c-1: RUNNING"), 1); // a state is reported once
    // The calculation as GetCalculationExecution has it, in the API's shape.
    QCOMPARE(r.json(), QJsonDocument::fromJson(kCalculation).object());
    QCOMPARE(m_server->received.size(), 6);
    for (int i = 1; i <= 4; ++i) {
        QCOMPARE(target(m_server->received.at(i)), QByteArray("AmazonAthena.GetCalculationExecutionStatus"));
        QCOMPARE(bodyOf(m_server->received.at(i)), (QJsonObject{{u"CalculationExecutionId"_s, u"c-1"_s}}));
    }
    QCOMPARE(target(m_server->received.at(5)), QByteArray("AmazonAthena.GetCalculationExecution"));
    // Polls start at half a second and grow: four polls take well over a second, far below 20.
    QVERIFY2(r.elapsedMs > 1500 && r.elapsedMs < 20000, QByteArray::number(r.elapsedMs));
}

void TestAthenaCtlCalculations::waitOnFailureExitsThreeWithTheReason()
{
    QByteArray failed = kCalculation;
    failed.replace(R"("State":"COMPLETED")", R"("State":"FAILED","StateChangeReason":"NameError: name 'spark2' is not defined")");
    m_server->script = {Action::respond(200, R"({"CalculationExecutionId":"c-1","State":"QUEUED"})"),
                        Action::respond(200, status("FAILED", "NameError: name 'spark2' is not defined")),
                        Action::respond(200, failed)};
    const Run r = run({u"--output"_s, u"table"_s, u"start-calculation-execution"_s, u"s-1"_s, u"--code-block"_s, u"spark2"_s,
                       u"--wait"_s});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains("calculation c-1 ended FAILED: NameError: name 'spark2' is not defined"), r.err.constData());
    QVERIFY2(r.out.contains("State:") && r.out.contains("FAILED") && r.out.contains("s3://b/err"), r.out.constData());

    m_server->received.clear();
    m_server->script = {Action::respond(200, R"({"CalculationExecutionId":"c-2","State":"QUEUED"})"),
                        Action::respond(200, status("CANCELED", "stopped by the user")),
                        Action::respond(200, R"({"CalculationExecutionId":"c-2","Status":{"State":"CANCELED"}})")};
    const Run canceled = run({u"start-calculation-execution"_s, u"s-1"_s, u"--code-block"_s, u"x"_s, u"--wait"_s});
    QCOMPARE(canceled.exitCode, 3);
    QVERIFY2(canceled.err.contains("ended CANCELED: stopped by the user"), canceled.err.constData());
}

void TestAthenaCtlCalculations::waitIsBoundedAgainstAServerThatNeverAnswers()
{
    // Started, then every poll stalls (the transport alone would wait 90 s for each call).
    m_server->script = {Action::respond(200, R"({"CalculationExecutionId":"c-1","State":"QUEUED"})")};
    m_server->fallback = Action::hang();
    const Run r = run({u"start-calculation-execution"_s, u"s-1"_s, u"--code-block"_s, u"x"_s, u"--wait"_s, u"--wait-timeout"_s, u"2"_s});
    QCOMPARE(r.exitCode, 4);
    QVERIFY2(r.err.contains("did not finish within 2 seconds") && r.err.contains("stop-calculation-execution c-1"), r.err.constData());
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.elapsedMs >= 1500 && r.elapsedMs < 10000, QByteArray::number(r.elapsedMs));

    // A server that keeps saying RUNNING: the same bound.
    m_server->received.clear();
    m_server->script = {Action::respond(200, R"({"CalculationExecutionId":"c-1","State":"QUEUED"})")};
    m_server->fallback = Action::respond(200, status("RUNNING"));
    const Run running = run({u"start-calculation-execution"_s, u"s-1"_s, u"--code-block"_s, u"x"_s, u"--wait"_s, u"--wait-timeout"_s, u"2"_s});
    QCOMPARE(running.exitCode, 4);
    QVERIFY2(running.elapsedMs < 10000, QByteArray::number(running.elapsedMs));
    QVERIFY(m_server->received.size() <= 6); // backing off, not hammering
}

void TestAthenaCtlCalculations::listCalculationsOnePageAndTable()
{
    m_server->script = {Action::respond(200, calculationsPage(0, 3, u"more"_s)), Action::respond(200, calculationsPage(0, 2, {}))};
    const Run r = run({u"list-calculation-executions"_s, u"--session-id"_s, u"s-1"_s, u"--state-filter"_s, u"completed"_s,
                       u"--max-results"_s, u"3"_s, u"--next-token"_s, u"prev"_s});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json(), QJsonDocument::fromJson(calculationsPage(0, 3, u"more"_s)).object());
    QCOMPARE(bodyOf(m_server->received.at(0)), (QJsonObject{{u"SessionId"_s, u"s-1"_s}, {u"StateFilter"_s, u"COMPLETED"_s},
                                                            {u"MaxResults"_s, 3}, {u"NextToken"_s, u"prev"_s}}));
    QCOMPARE(target(m_server->received.at(0)), QByteArray("AmazonAthena.ListCalculationExecutions"));

    const Run table = run({u"--output"_s, u"table"_s, u"list-calculation-executions"_s, u"s-1"_s});
    QCOMPARE(table.exitCode, 0);
    const QList<QByteArray> lines = table.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 4); // header, rule, two rows
    QVERIFY2(lines.at(0).startsWith("CalculationExecutionId") && lines.at(2).contains("c-0") && lines.at(2).contains("RUNNING")
                 && lines.at(3).contains("COMPLETED") && lines.at(3).contains("2025-11-21 04:40:01"),
             table.out.constData());
}

void TestAthenaCtlCalculations::listCalculationsAllPages()
{
    m_server->script = {Action::respond(200, calculationsPage(0, 100, u"t1"_s)), Action::respond(200, calculationsPage(100, 100, u"t2"_s)),
                        Action::respond(200, calculationsPage(200, 7, {}))};
    const Run r = run({u"list-calculation-executions"_s, u"s-1"_s, u"--all-pages"_s});
    QCOMPARE(r.exitCode, 0);
    const QJsonArray all = r.json().value(u"Calculations"_s).toArray();
    QCOMPARE(all.size(), 207);
    QCOMPARE(all.at(150).toObject().value(u"CalculationExecutionId"_s).toString(), u"c-150"_s);
    QVERIFY(!r.json().contains(u"NextToken"_s));
    QCOMPARE(m_server->received.size(), 3);
    for (const auto &sent : std::as_const(m_server->received))
        QCOMPARE(bodyOf(sent).value(u"MaxResults"_s).toInt(), 100); // the largest page the API allows
    QCOMPARE(bodyOf(m_server->received.at(2)).value(u"NextToken"_s).toString(), u"t2"_s);
}

void TestAthenaCtlCalculations::repeatedTokenStopsAllPages()
{
    m_server->script = {Action::respond(200, calculationsPage(0, 2, u"again"_s)), Action::respond(200, calculationsPage(2, 2, u"again"_s))};
    m_server->fallback = Action::respond(200, calculationsPage(4, 2, u"again"_s));
    const Run r = run({u"list-calculation-executions"_s, u"s-1"_s, u"--all-pages"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty()); // never half a listing that looks complete
    QVERIFY2(r.err.contains("ListCalculationExecutions"), r.err.constData());
    QCOMPARE(m_server->received.size(), 2);

    m_server->received.clear();
    m_server->script = {Action::respond(200, executorsPage(0, 2, u"loop"_s))};
    m_server->fallback = Action::respond(200, executorsPage(2, 2, u"loop"_s));
    const Run e = run({u"list-executors"_s, u"s-1"_s, u"--all-pages"_s});
    QCOMPARE(e.exitCode, 1);
    QVERIFY(e.out.isEmpty());
    QVERIFY2(e.err.contains("ListExecutors"), e.err.constData());
    QCOMPARE(m_server->received.size(), 2);
}

void TestAthenaCtlCalculations::listExecutorsAndDpusInUse()
{
    m_server->script = {Action::respond(200, executorsPage(0, 3, u"n1"_s))};
    const Run r = run({u"list-executors"_s, u"--session-id"_s, u"s-1"_s, u"--executor-state-filter"_s, u"registered"_s, u"--max-results"_s,
                       u"3"_s});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json(), QJsonDocument::fromJson(executorsPage(0, 3, u"n1"_s)).object());
    QCOMPARE(bodyOf(m_server->received.at(0)),
             (QJsonObject{{u"SessionId"_s, u"s-1"_s}, {u"ExecutorStateFilter"_s, u"REGISTERED"_s}, {u"MaxResults"_s, 3}}));

    m_server->script = {Action::respond(200, executorsPage(0, 100, u"p2"_s)), Action::respond(200, executorsPage(100, 20, {}))};
    const Run table = run({u"--output"_s, u"table"_s, u"list-executors"_s, u"s-1"_s, u"--all-pages"_s});
    QCOMPARE(table.exitCode, 0);
    QVERIFY2(table.out.contains("COORDINATOR") && table.out.contains("WORKER") && table.out.contains("DPUs in use: 120"),
             table.out.right(300).constData());
    QCOMPARE(bodyOf(m_server->received.at(2)).value(u"NextToken"_s).toString(), u"p2"_s);
    QCOMPARE(bodyOf(m_server->received.at(2)).value(u"MaxResults"_s).toInt(), 100);
}

void TestAthenaCtlCalculations::getStatusCodeAndStop()
{
    m_server->script = {Action::respond(200, kCalculation), Action::respond(200, kCalculation),
                        Action::respond(200, status("RUNNING")), Action::respond(200, R"j({"CodeBlock":"print('hi')"})j"),
                        Action::respond(200, R"j({"CodeBlock":"print('hi')"})j"), Action::respond(200, R"({"State":"CANCELING"})")};
    const Run get = run({u"get-calculation-execution"_s, u"--calculation-execution-id"_s, u"c-1"_s});
    QCOMPARE(get.exitCode, 0);
    QCOMPARE(get.json(), QJsonDocument::fromJson(kCalculation).object());
    const Run getTable = run({u"--output"_s, u"table"_s, u"get-calculation-execution"_s, u"c-1"_s});
    QVERIFY2(getTable.out.contains("DpuHours:") && getTable.out.contains("2.000") && getTable.out.contains("s3://b/res"),
             getTable.out.constData());
    const Run st = run({u"get-calculation-execution-status"_s, u"c-1"_s});
    QCOMPARE(st.exitCode, 0);
    QCOMPARE(st.json(), QJsonDocument::fromJson(status("RUNNING")).object());
    const Run code = run({u"get-calculation-execution-code"_s, u"c-1"_s});
    QCOMPARE(code.json(), (QJsonObject{{u"CodeBlock"_s, u"print('hi')"_s}}));
    const Run rawCode = run({u"--output"_s, u"table"_s, u"get-calculation-execution-code"_s, u"c-1"_s});
    QCOMPARE(rawCode.out, QByteArray("print('hi')\n"));
    const Run stop = run({u"stop-calculation-execution"_s, u"c-1"_s});
    QCOMPARE(stop.exitCode, 0);
    QCOMPARE(stop.json(), (QJsonObject{{u"State"_s, u"CANCELING"_s}}));
    const QList<QByteArray> targets = {"GetCalculationExecution", "GetCalculationExecution", "GetCalculationExecutionStatus",
                                       "GetCalculationExecutionCode", "GetCalculationExecutionCode", "StopCalculationExecution"};
    QCOMPARE(m_server->received.size(), targets.size());
    for (qsizetype i = 0; i < targets.size(); ++i) {
        QCOMPARE(target(m_server->received.at(i)), "AmazonAthena." + targets.at(i));
        QCOMPARE(bodyOf(m_server->received.at(i)), (QJsonObject{{u"CalculationExecutionId"_s, u"c-1"_s}}));
    }
}

void TestAthenaCtlCalculations::endpointTokenOnlyOnRequest()
{
    m_server->fallback = Action::respond(200, kEndpoint);
    // Every HTTP debug message on: the token still never reaches stderr.
    const QList<std::pair<QString, QString>> debug = {{u"QT_LOGGING_RULES"_s, u"*.debug=true"_s}};
    const Run json = run({u"get-session-endpoint"_s, u"s-1"_s}, debug);
    QCOMPARE(json.exitCode, 0);
    QVERIFY2(!json.out.contains(kToken) && !json.err.contains(kToken), QByteArray(json.out + json.err).constData());
    QCOMPARE(json.json(), (QJsonObject{{u"EndpointUrl"_s, u"sc://spark.example:443/;use_ssl=true"_s},
                                       {u"AuthTokenExpirationTime"_s, QJsonDocument::fromJson(kEndpoint).object().value(u"AuthTokenExpirationTime"_s)}}));
    QVERIFY2(json.err.contains("--show-token"), json.err.constData());

    const Run table = run({u"--output"_s, u"table"_s, u"get-session-endpoint"_s, u"--session-id"_s, u"s-1"_s}, debug);
    QCOMPARE(table.exitCode, 0);
    QVERIFY2(table.out.contains("EndpointUrl:") && table.out.contains("hidden") && table.out.contains("2025-11-21 05:40:00"),
             table.out.constData());
    QVERIFY(!table.out.contains(kToken) && !table.err.contains(kToken));

    const Run shown = run({u"get-session-endpoint"_s, u"s-1"_s, u"--show-token"_s}, debug);
    QCOMPARE(shown.exitCode, 0);
    QCOMPARE(shown.json(), QJsonDocument::fromJson(kEndpoint).object());
    QVERIFY(!shown.err.contains(kToken));
    QCOMPARE(target(m_server->received.at(0)), QByteArray("AmazonAthena.GetSessionEndpoint"));
    QCOMPARE(bodyOf(m_server->received.at(0)), (QJsonObject{{u"SessionId"_s, u"s-1"_s}}));

    // An answer that cannot be read names what is wrong, never the token.
    m_server->fallback = Action::respond(200, QByteArray(R"({"EndpointUrl":7,"AuthToken":")") + kToken + "\"}");
    const Run bad = run({u"get-session-endpoint"_s, u"s-1"_s}, debug);
    QCOMPARE(bad.exitCode, 1);
    QVERIFY(!bad.err.contains(kToken) && !bad.out.contains(kToken));
}

void TestAthenaCtlCalculations::usageErrorsExitTwoAndSendNothing_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no session") << QStringList{u"list-calculation-executions"_s} << u"needs a SESSION_ID"_s;
    QTest::newRow("bad state") << QStringList{u"list-calculation-executions"_s, u"s"_s, u"--state-filter"_s, u"IDLE"_s}
                               << u"'IDLE' is not a calculation state (CREATING, CREATED, QUEUED"_s;
    QTest::newRow("bad executor state") << QStringList{u"list-executors"_s, u"s"_s, u"--executor-state-filter"_s, u"BUSY"_s}
                                        << u"'BUSY' is not an executor state (CREATING"_s;
    QTest::newRow("state-filter for executors") << QStringList{u"list-executors"_s, u"s"_s, u"--state-filter"_s, u"FAILED"_s}
                                                << u"--state-filter is not an option of list-executors"_s;
    QTest::newRow("max results") << QStringList{u"list-executors"_s, u"s"_s, u"--max-results"_s, u"101"_s} << u"Max results"_s;
    QTest::newRow("no code") << QStringList{u"start-calculation-execution"_s, u"s"_s} << u"needs --code-block"_s;
    QTest::newRow("empty code") << QStringList{u"start-calculation-execution"_s, u"s"_s, u"--code-block"_s, u""_s} << u"Code is required"_s;
    QTest::newRow("code too long") << QStringList{u"start-calculation-execution"_s, u"s"_s, u"--code-block"_s, QString(68001, u'y')}
                                   << u"at most 68000 characters (it has 68001)"_s;
    QTest::newRow("code twice") << QStringList{u"start-calculation-execution"_s, u"s"_s, u"--code-block"_s, u"a"_s,
                                               u"--calculation-configuration"_s, u"{\"CodeBlock\":\"b\"}"_s}
                                << u"give the code once"_s;
    QTest::newRow("timeout without wait") << QStringList{u"start-calculation-execution"_s, u"s"_s, u"--code-block"_s, u"a"_s,
                                                         u"--wait-timeout"_s, u"5"_s}
                                          << u"--wait-timeout goes with --wait"_s;
    QTest::newRow("timeout zero") << QStringList{u"start-calculation-execution"_s, u"s"_s, u"--code-block"_s, u"a"_s, u"--wait"_s,
                                                 u"--wait-timeout"_s, u"0"_s}
                                  << u"--wait-timeout must be 1 to 86400 seconds"_s;
    QTest::newRow("timeout huge") << QStringList{u"start-calculation-execution"_s, u"s"_s, u"--code-block"_s, u"a"_s, u"--wait"_s,
                                                 u"--wait-timeout"_s, u"99999999999"_s}
                                  << u"is not a whole number"_s;
    QTest::newRow("no calculation id") << QStringList{u"stop-calculation-execution"_s} << u"needs a CALCULATION_ID"_s;
    QTest::newRow("long calculation id") << QStringList{u"get-calculation-execution"_s, QString(200, u'c')} << u"Calculation ID"_s;
    QTest::newRow("extra argument") << QStringList{u"get-calculation-execution-code"_s, u"a"_s, u"b"_s} << u"unexpected argument 'b'"_s;
    QTest::newRow("token in a table") << QStringList{u"--output"_s, u"table"_s, u"get-session-endpoint"_s, u"s"_s, u"--show-token"_s}
                                      << u"--show-token prints the AuthToken only as JSON"_s;
    QTest::newRow("show-token elsewhere") << QStringList{u"get-session"_s, u"s"_s, u"--show-token"_s}
                                          << u"--show-token is not an option of get-session"_s;
    QTest::newRow("cli-input-json not an object") << QStringList{u"start-calculation-execution"_s, u"--cli-input-json"_s, u"[1]"_s}
                                                  << u"takes a JSON object"_s;
}

void TestAthenaCtlCalculations::usageErrorsExitTwoAndSendNothing()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = run(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.left(2000).constData());
    QVERIFY(r.err.size() < 4000); // a long argument is not echoed back whole
    QCOMPARE(m_server->received.size(), 0);
}

void TestAthenaCtlCalculations::unknownCalculationIsAServiceError()
{
    m_server->script = {Action::respond(400, R"({"__type":"InvalidRequestException","Message":"Calculation c-0 was not found"})")};
    const Run r = run({u"get-calculation-execution-status"_s, u"c-0"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("InvalidRequestException: Calculation c-0 was not found"), r.err.constData());
    QVERIFY(r.out.isEmpty());
    // The start's outcome is unknown (the connection drops after the request was sent): the
    // token that finds it without starting the code twice is named.
    m_server->fallback = Action::close();
    const Run start = run({u"start-calculation-execution"_s, u"s-1"_s, u"--code-block"_s, u"x"_s, u"--client-request-token"_s,
                           u"11111111-2222-3333-4444-555555555555"_s});
    QCOMPARE(start.exitCode, 1);
    QVERIFY2(start.err.contains("the calculation may have been started")
                 && start.err.contains("--client-request-token 11111111-2222-3333-4444-555555555555"),
             start.err.constData());
}

QTEST_GUILESS_MAIN(TestAthenaCtlCalculations)
#include "tst_athenactl_calculations.moc"
