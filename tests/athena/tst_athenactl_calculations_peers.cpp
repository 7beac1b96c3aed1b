// The bodies athenactl sends for the calculation, executor and endpoint commands, against two peers:
// botocore's model accepts every one, and `aws athena` sends the same body for the same flags
// (ClientRequestToken aside, each generating its own). Both against the same scripted server.
#include "support/ctltestharness.h"

#include <QFile>
#include <QStandardPaths>
#include <QTest>

using namespace ctltest;
using Action = testing::ScriptedHttpServer::Action;

class TestAthenaCtlPeers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void skeletonNamesEveryMemberOfTheModel();
    void bodiesMatchBotocoreAndTheAwsCli_data();
    void bodiesMatchBotocoreAndTheAwsCli();

private:
    CtlHarness m_ctl;
    testing::ScriptedHttpServer *m_server = nullptr;
};

void TestAthenaCtlPeers::init()
{
    QVERIFY(m_ctl.start());
    m_server = m_ctl.server.get();
}

void TestAthenaCtlPeers::skeletonNamesEveryMemberOfTheModel()
{
    const Run skeleton = m_ctl.run({u"start-calculation-execution"_s, u"--generate-cli-skeleton"_s});
    QCOMPARE(skeleton.exitCode, 0);
    QCOMPARE(m_server->received.size(), 0); // nothing sent for the skeleton
    bool skipped = false;
    const QString problem = botocoreProblem(u"StartCalculationExecution"_s, u"skeleton"_s, skeleton.out, &skipped);
    if (skipped)
        QSKIP("[peer:botocore] botocore is not installed: the skeleton cannot be compared with its model");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestAthenaCtlPeers::bodiesMatchBotocoreAndTheAwsCli_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QStringList>("args"); // the same flags for both
    QTest::addColumn<QByteArray>("answer");
    const QByteArray started = R"({"CalculationExecutionId":"c-1","State":"CREATING"})";
    QTest::newRow("start") << u"StartCalculationExecution"_s
                           << QStringList{u"start-calculation-execution"_s, u"--session-id"_s, u"s-1"_s, u"--code-block"_s,
                                          u"spark.range(10).count()"_s, u"--description"_s, u"count"_s}
                           << started;
    QTest::newRow("start file") << u"StartCalculationExecution"_s
                                << QStringList{u"start-calculation-execution"_s, u"--session-id"_s, u"s-1"_s, u"--code-block"_s,
                                               u"file://@CODE@"_s}
                                << started;
    QTest::newRow("start token") << u"StartCalculationExecution"_s
                                 << QStringList{u"start-calculation-execution"_s, u"--session-id"_s, u"s-1"_s, u"--code-block"_s, u"1"_s,
                                                u"--client-request-token"_s, u"abcdefabcdefabcdefabcdefabcdef12"_s}
                                 << started;
    QTest::newRow("start configuration") << u"StartCalculationExecution"_s
                                         << QStringList{u"start-calculation-execution"_s, u"--session-id"_s, u"s-1"_s,
                                                        u"--calculation-configuration"_s, u"{\"CodeBlock\":\"print(2)\"}"_s}
                                         << started;
    QTest::newRow("list calculations") << u"ListCalculationExecutions"_s
                                       << QStringList{u"list-calculation-executions"_s, u"--session-id"_s, u"s-1"_s, u"--state-filter"_s,
                                                      u"RUNNING"_s, u"--max-results"_s, u"5"_s, u"--next-token"_s, u"tok"_s}
                                       << calculationsPage(0, 1, {});
    QTest::newRow("list calculations bare") << u"ListCalculationExecutions"_s
                                            << QStringList{u"list-calculation-executions"_s, u"--session-id"_s, u"s-1"_s}
                                            << calculationsPage(0, 1, {});
    QTest::newRow("list executors") << u"ListExecutors"_s
                                    << QStringList{u"list-executors"_s, u"--session-id"_s, u"s-1"_s, u"--executor-state-filter"_s,
                                                   u"TERMINATED"_s, u"--max-results"_s, u"50"_s, u"--next-token"_s, u"n"_s}
                                    << executorsPage(0, 1, {});
    QTest::newRow("get") << u"GetCalculationExecution"_s
                         << QStringList{u"get-calculation-execution"_s, u"--calculation-execution-id"_s, u"c-1"_s} << kCalculation;
    QTest::newRow("status") << u"GetCalculationExecutionStatus"_s
                            << QStringList{u"get-calculation-execution-status"_s, u"--calculation-execution-id"_s, u"c-1"_s}
                            << status("RUNNING");
    QTest::newRow("code") << u"GetCalculationExecutionCode"_s
                          << QStringList{u"get-calculation-execution-code"_s, u"--calculation-execution-id"_s, u"c-1"_s}
                          << QByteArray(R"({"CodeBlock":"1"})");
    QTest::newRow("stop") << u"StopCalculationExecution"_s
                          << QStringList{u"stop-calculation-execution"_s, u"--calculation-execution-id"_s, u"c-1"_s}
                          << QByteArray(R"({"State":"CANCELING"})");
    QTest::newRow("endpoint") << u"GetSessionEndpoint"_s << QStringList{u"get-session-endpoint"_s, u"--session-id"_s, u"s-1"_s}
                              << kEndpoint;
}

void TestAthenaCtlPeers::bodiesMatchBotocoreAndTheAwsCli()
{
    QFETCH(QString, operation);
    QFETCH(QStringList, args);
    QFETCH(QByteArray, answer);
    QTemporaryDir dir;
    QFile cell(dir.filePath(u"cell.py"_s));
    QVERIFY(cell.open(QIODevice::WriteOnly));
    cell.write("import math\nprint(math.pi)  # \xc3\xbc\n");
    cell.close();
    args.replaceInStrings(u"@CODE@"_s, cell.fileName());

    m_server->fallback = Action::respond(200, answer);
    const Run ours = m_ctl.run(args);
    QCOMPARE(ours.exitCode, 0);
    QCOMPARE(m_server->received.size(), 1);
    QCOMPARE(target(m_server->received.at(0)), "AmazonAthena." + operation.toUtf8());
    const QByteArray ourBody = m_server->received.at(0).body;

    bool skipped = false;
    const QString problem = botocoreProblem(operation, u"request"_s, ourBody, &skipped);
    if (skipped)
        QSKIP("[peer:botocore] botocore is not installed: the request cannot be checked against its model");
    QVERIFY2(problem.isEmpty(), qPrintable(problem + u'\n' + QString::fromUtf8(ourBody)));

    const QString aws = QStandardPaths::findExecutable(u"aws"_s);
    if (aws.isEmpty())
        QSKIP("[peer:aws-cli] the AWS CLI is not installed: the request cannot be compared with its own");
    const Run theirRun = m_ctl.run(QStringList{u"athena"_s} + args,
                                   {{u"AWS_CONFIG_FILE"_s, dir.filePath(u"config"_s)},
                                    {u"AWS_SHARED_CREDENTIALS_FILE"_s, dir.filePath(u"credentials"_s)},
                                    {u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s},
                                    {u"AWS_MAX_ATTEMPTS"_s, u"1"_s},
                                    {u"AWS_PAGER"_s, QString()},
                                    {u"AWS_DEFAULT_REGION"_s, u"eu-west-1"_s}}, // AWS CLI v1 reads this one
                                   aws);
    QVERIFY2(theirRun.exitCode == 0, theirRun.err.constData());
    QCOMPARE(m_server->received.size(), 2);
    QCOMPARE(target(m_server->received.at(1)), "AmazonAthena." + operation.toUtf8());
    QJsonObject theirs = bodyOf(m_server->received.at(1));
    QJsonObject mine = QJsonDocument::fromJson(ourBody).object();
    // ClientRequestToken: each generates its own unless one is given; given, both send it.
    if (operation == u"StartCalculationExecution"_s && !args.contains(u"--client-request-token"_s)) {
        QVERIFY(mine.take(u"ClientRequestToken"_s).toString().size() >= 32);
        theirs.remove(u"ClientRequestToken"_s);
    }
    QCOMPARE(mine, theirs);
}

QTEST_GUILESS_MAIN(TestAthenaCtlPeers)
#include "tst_athenactl_calculations_peers.moc"
