// SessionPoller: intervals by state, backoff and recovery, pause and resume (fake network), and
// a started session followed CREATING → CREATED → IDLE, then terminated, on the embedded endpoint.
#include "support/fakenetwork.h"
#include "support/scriptedhttpserver.h"
#include "local/localendpoint.h"
#include "sessions/sessionpoller.h"
#include "sessions/sessiontablemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace athena;
using namespace testing;
using namespace Qt::StringLiterals;

class TestSessionPoller : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void delaysFollowTheState();
    void backsOffAndRecovers();
    void pauseAndResume();
    void followsAStartedSessionToIdleAndATerminatedOneToTheEnd();
    void rowsInViewShareABudget();
};

void TestSessionPoller::delaysFollowTheState()
{
    SessionPoller poller;
    poller.setIntervals({1000, 5000, 60000});
    QCOMPARE(poller.nextDelayMs(std::nullopt, 0), 1000);
    QCOMPARE(poller.nextDelayMs(SessionState::Creating, 0), 1000);
    QCOMPARE(poller.nextDelayMs(SessionState::Created, 0), 1000);
    QCOMPARE(poller.nextDelayMs(SessionState::Terminating, 0), 1000);
    QCOMPARE(poller.nextDelayMs(SessionState::Idle, 0), 5000);
    QCOMPARE(poller.nextDelayMs(SessionState::Busy, 0), 5000);
    QCOMPARE(poller.nextDelayMs(SessionState::Terminated, 0), -1);
    QCOMPARE(poller.nextDelayMs(SessionState::Failed, 0), -1);
    QCOMPARE(poller.nextDelayMs(SessionState::Degraded, 0), -1);
    QCOMPARE(poller.nextDelayMs(SessionState::Idle, 1), 10000);
    QCOMPARE(poller.nextDelayMs(SessionState::Idle, 2), 20000);
    QCOMPARE(poller.nextDelayMs(SessionState::Idle, 5), 60000);
    QCOMPARE(poller.nextDelayMs(SessionState::Creating, 30), 60000);
}

void TestSessionPoller::backsOffAndRecovers()
{
    FakeNetworkAccessManager network;
    network.script = {FakeResponse::serviceError(500, "InternalServerException", "x"),
                      FakeResponse::serviceError(503, "ServiceUnavailable", "y")};
    network.fallback = FakeResponse::json(200, R"({"SessionId":"s","WorkGroup":"wg","Status":{"State":"IDLE"}})");
    aws::TransportConfig config;
    config.endpoint = QUrl(u"https://athena.eu-west-1.amazonaws.com/"_s);
    config.region = u"eu-west-1"_s;
    config.maxAttempts = 1; // let the poller see each failure
    aws::AwsJsonTransport transport(&network, std::make_shared<aws::StaticCredentialsProvider>(aws::AwsCredentials{u"A"_s, u"s"_s, {}, {}, {}}), config);
    AthenaClient client(&transport);
    SessionPoller poller;
    poller.setClient(&client);
    poller.setIntervals({20, 40, 200});
    QSignalSpy failed(&poller, &SessionPoller::pollFailed);
    QSignalSpy updated(&poller, &SessionPoller::detailsUpdated);
    poller.watch(u"s"_s, SessionPoller::Selected);
    QVERIFY(updated.wait(5000));
    QCOMPARE(failed.size(), 2);
    QCOMPARE(failed.at(0).at(2).toInt(), 1);
    QCOMPARE(failed.at(1).at(2).toInt(), 2);
    QCOMPARE(updated.first().at(0).value<SessionDetails>().status.state, std::optional<SessionState>(SessionState::Idle));
    QVERIFY(poller.isWatching(u"s"_s)); // selected sessions keep being polled
    QVERIFY(updated.wait(5000));         // at the steady interval again
}

void TestSessionPoller::pauseAndResume()
{
    FakeNetworkAccessManager network;
    network.fallback = FakeResponse::json(200, R"({"SessionId":"s","Status":{"State":"CREATING"}})");
    aws::TransportConfig config;
    config.endpoint = QUrl(u"https://athena.eu-west-1.amazonaws.com/"_s);
    config.region = u"eu-west-1"_s;
    aws::AwsJsonTransport transport(&network, std::make_shared<aws::StaticCredentialsProvider>(aws::AwsCredentials{u"A"_s, u"s"_s, {}, {}, {}}), config);
    AthenaClient client(&transport);
    SessionPoller poller;
    poller.setClient(&client);
    poller.setIntervals({20, 40, 200});
    QSignalSpy updated(&poller, &SessionPoller::detailsUpdated);
    poller.watch(u"s"_s, SessionPoller::Pinned);
    QVERIFY(updated.wait(5000));
    poller.pause();
    const qsizetype before = network.seen.size();
    QTest::qWait(150); // several intervals: nothing may be sent while paused
    QCOMPARE(network.seen.size(), before);
    poller.resume();
    QTRY_VERIFY(network.seen.size() > before);
    poller.unwatch(u"s"_s, SessionPoller::Pinned);
    QVERIFY(!poller.isWatching(u"s"_s));
}

void TestSessionPoller::followsAStartedSessionToIdleAndATerminatedOneToTheEnd()
{
    local::EndpointOptions options;
    options.inMemory = true;
    options.engine.timeScale = 4; // CREATING 1 s, CREATED 375 ms, TERMINATING 500 ms
    local::LocalEndpoint endpoint(options);
    QVERIFY(endpoint.start().ok());
    QNetworkAccessManager network;
    aws::TransportConfig config;
    config.endpoint = endpoint.url();
    config.region = u"us-east-1"_s;
    aws::AwsJsonTransport transport(&network, std::make_shared<aws::StaticCredentialsProvider>(endpoint.credentials()), config);
    AthenaClient client(&transport);
    SessionTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    SessionPoller poller;
    poller.setClient(&client);
    poller.setIntervals({50, 200, 2000});
    poller.attach(&model);

    std::optional<aws::Result<StartSessionResult>> started;
    StartSessionRequest request;
    request.workGroup = u"spark-analytics"_s;
    request.engineConfiguration.maxConcurrentDpus = 8;
    client.startSession(request, this, [&started](const aws::Result<StartSessionResult> &r) { started = r; });
    QTRY_VERIFY(started.has_value());
    QVERIFY(started->ok());
    const QString id = started->value().sessionId;

    QList<SessionState> seen;
    connect(&poller, &SessionPoller::stateChanged, this,
            [&seen](const QString &, std::optional<SessionState>, SessionState to, const QDateTime &) { seen << to; });
    QSignalSpy ended(&poller, &SessionPoller::watchEnded);
    poller.watch(id, SessionPoller::Started);
    QVERIFY(ended.wait(15000)); // a Started watch ends once the session settles
    QCOMPARE(seen, (QList<SessionState>{SessionState::Creating, SessionState::Created, SessionState::Idle}));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.data(model.index(0, SessionTableModel::StateColumn)).toString(), u"IDLE"_s);

    // Selected and terminated: followed to TERMINATED, then no more polling.
    seen.clear();
    poller.watch(id, SessionPoller::Selected);
    std::optional<aws::Result<TerminateSessionResult>> terminated;
    client.terminateSession(id, this, [&terminated](const aws::Result<TerminateSessionResult> &r) { terminated = r; });
    QTRY_VERIFY(terminated.has_value());
    QVERIFY(ended.wait(15000));
    QCOMPARE(seen.last(), SessionState::Terminated);
    QVERIFY(!poller.isWatching(id));
    QCOMPARE(model.data(model.index(0, SessionTableModel::StateColumn)).toString(), u"TERMINATED"_s);
    QVERIFY(model.data(model.index(0, SessionTableModel::DpuHoursColumn), SessionTableModel::SortRole).toDouble() > 0);
}

void TestSessionPoller::rowsInViewShareABudget()
{
    // A service that never answers: every poll stays in flight, so the budget is plain to see.
    ScriptedHttpServer silent;
    QVERIFY(silent.listen());
    silent.fallback = ScriptedHttpServer::Action::hang();
    QNetworkAccessManager network;
    aws::TransportConfig config;
    config.endpoint = QUrl(u"http://127.0.0.1:%1/"_s.arg(silent.port()));
    config.region = u"eu-west-1"_s;
    aws::AwsJsonTransport transport(&network, std::make_shared<aws::StaticCredentialsProvider>(aws::AwsCredentials{u"A"_s, u"s"_s, {}, {}, {}}), config);
    AthenaClient client(&transport);
    SessionPoller poller;
    poller.setClient(&client);
    SessionPoller::Intervals intervals;
    intervals.maxInViewInFlight = 4;
    poller.setIntervals(intervals);
    QCOMPARE(poller.nextDelayMs(SessionState::Idle, 0, true), 30000); // in view only: the slow pace
    QCOMPARE(poller.nextDelayMs(SessionState::Creating, 0, true), 5000);

    for (int i = 0; i < 10; ++i)
        poller.watch(u"s%1"_s.arg(i), SessionPoller::InView);
    QTRY_COMPARE(silent.received.size(), 4);
    QCOMPARE(poller.inViewInFlight(), 4);
    // Selecting a row that waits its turn looks at it at once, outside the budget.
    poller.watch(u"s9"_s, SessionPoller::Selected);
    QTRY_COMPARE(silent.received.size(), 5);
    QCOMPARE(poller.inViewInFlight(), 4);
    // Rows scrolled out of view free their places for the rows waiting.
    for (int i = 0; i < 4; ++i)
        poller.unwatch(u"s%1"_s.arg(i), SessionPoller::InView);
    QTRY_COMPARE(silent.received.size(), 9);
    QCOMPARE(poller.inViewInFlight(), 4);
    QStringList asked;
    for (const ScriptedHttpServer::Received &r : std::as_const(silent.received))
        asked << QJsonDocument::fromJson(r.body).object().value(u"SessionId"_s).toString();
    asked.sort();
    // In the order they came into view; s8 waits for the next free place.
    QCOMPARE(asked, (QStringList{u"s0"_s, u"s1"_s, u"s2"_s, u"s3"_s, u"s4"_s, u"s5"_s, u"s6"_s, u"s7"_s, u"s9"_s}));
}

QTEST_GUILESS_MAIN(TestSessionPoller)
#include "tst_sessionpoller.moc"
