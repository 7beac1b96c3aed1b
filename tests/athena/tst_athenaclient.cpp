// AthenaClient against a fake network manager: typed results, pagination, cancel, the repeated
// token guard, typed errors, idempotency tokens and local validation.
#include "athena/athenaclient.h"
#include "athena/athenajson.h"
#include "support/fakenetwork.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace athena;
using namespace testing;
using namespace Qt::StringLiterals;

namespace {

QByteArray pageBody(int first, int count, const QString &nextToken)
{
    ListSessionsPage p;
    for (int i = first; i < first + count; ++i) {
        SessionSummary s;
        s.sessionId = u"s-%1"_s.arg(i, 4, 10, QChar(u'0'));
        s.status.state = SessionState::Idle;
        s.status.startDateTime = QDateTime::fromSecsSinceEpoch(1763700000 + i, Qt::UTC);
        p.sessions << s;
    }
    p.nextToken = nextToken;
    return QJsonDocument(json::toJson(p)).toJson(QJsonDocument::Compact);
}

QJsonObject bodyOf(const SeenRequest &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

template <typename T>
aws::Result<T> await(std::function<void(QObject *, Callback<T>)> start)
{
    QObject context;
    std::optional<aws::Result<T>> got;
    start(&context, [&got](const aws::Result<T> &r) { got = r; });
    if (!QTest::qWaitFor([&got] { return got.has_value(); }, 10000))
        return aws::AwsError::make(aws::AwsError::Kind::Timeout, u"TestTimeout"_s, {});
    return *got;
}

} // namespace

class TestAthenaClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void getSessionIsTyped();
    void startSessionFillsAndReusesToken();
    void startSessionKeepsCallerToken();
    void validationErrorSendsNothing();
    void serviceErrorsAreTyped();
    void malformedResponseIsAClearError();
    void emptyAndTruncatedResponsesAreClearErrors();
    void walkerHandsOverEveryPage();
    void walkerCancelMidway();
    void walkerStopsOnRepeatedToken();
    void walkerStopsOnError();
    void walkerMaxPages();
    void listAllWorkGroupsFollowsTokens();
    void terminateAndStatus();
    void callbackNeverOutlivesContext();

private:
    std::unique_ptr<FakeNetworkAccessManager> m_network;
    std::unique_ptr<aws::AwsJsonTransport> m_transport;
    std::unique_ptr<AthenaClient> m_client;
};

void TestAthenaClient::init()
{
    m_network = std::make_unique<FakeNetworkAccessManager>();
    aws::TransportConfig config;
    config.endpoint = QUrl(u"https://athena.eu-west-1.amazonaws.com/"_s);
    config.region = u"eu-west-1"_s;
    m_transport = std::make_unique<aws::AwsJsonTransport>(
        m_network.get(), std::make_shared<aws::StaticCredentialsProvider>(aws::AwsCredentials{u"AKID"_s, u"s"_s, {}, {}, {}}), config);
    m_transport->setRandom([] { return 0.0; });
    m_client = std::make_unique<AthenaClient>(m_transport.get());
}

void TestAthenaClient::getSessionIsTyped()
{
    m_network->script = {FakeResponse::json(200, R"({"SessionId":"s-1","WorkGroup":"spark","Status":{"State":"BUSY"},"Statistics":{"DpuExecutionInMillis":3600000}})")};
    auto r = await<SessionDetails>([this](QObject *c, Callback<SessionDetails> cb) { m_client->getSession(u"s-1"_s, c, cb); });
    QVERIFY(r.ok());
    QVERIFY(r->status.state == SessionState::Busy);
    QCOMPARE(r->dpuHours(), 1.0);
    QCOMPARE(m_network->seen.first().request.rawHeader("X-Amz-Target"), QByteArray("AmazonAthena.GetSession"));
    QCOMPARE(bodyOf(m_network->seen.first()), (QJsonObject{{u"SessionId"_s, u"s-1"_s}}));
}

void TestAthenaClient::startSessionFillsAndReusesToken()
{
    m_network->script = {FakeResponse::serviceError(500, "InternalServerException", "x"),
                         FakeResponse::transportError(QNetworkReply::RemoteHostClosedError, true),
                         FakeResponse::json(200, R"({"SessionId":"new-1","State":"CREATING"})")};
    StartSessionRequest req;
    req.workGroup = u"spark"_s;
    req.engineConfiguration.maxConcurrentDpus = 20;
    auto r = await<StartSessionResult>([&](QObject *c, Callback<StartSessionResult> cb) { m_client->startSession(req, c, cb); });
    QVERIFY(r.ok());
    QCOMPARE(r->sessionId, u"new-1"_s);
    QCOMPARE(m_network->seen.size(), 3);
    const QString token = bodyOf(m_network->seen.at(0)).value(u"ClientRequestToken"_s).toString();
    QVERIFY(QUuid::fromString(token).isNull() == false);
    QCOMPARE(r->clientRequestToken, token);
    for (const SeenRequest &s : std::as_const(m_network->seen))
        QCOMPARE(bodyOf(s).value(u"ClientRequestToken"_s).toString(), token);
    // A second call gets a different token.
    m_network->script = {FakeResponse::json(200, R"({"SessionId":"new-2","State":"CREATING"})")};
    auto second = await<StartSessionResult>([&](QObject *c, Callback<StartSessionResult> cb) { m_client->startSession(req, c, cb); });
    QVERIFY(second->clientRequestToken != token);
}

void TestAthenaClient::startSessionKeepsCallerToken()
{
    m_network->script = {FakeResponse::json(200, R"({"SessionId":"s","State":"CREATING"})")};
    StartSessionRequest req;
    req.workGroup = u"spark"_s;
    req.engineConfiguration.maxConcurrentDpus = 4;
    req.clientRequestToken = u"caller-chosen-token-0123456789abcdef"_s;
    auto r = await<StartSessionResult>([&](QObject *c, Callback<StartSessionResult> cb) { m_client->startSession(req, c, cb); });
    QCOMPARE(r->clientRequestToken, req.clientRequestToken);
    QCOMPARE(bodyOf(m_network->seen.first()).value(u"ClientRequestToken"_s).toString(), req.clientRequestToken);
    QCOMPARE(bodyOf(m_network->seen.first()).value(u"EngineConfiguration"_s).toObject(), (QJsonObject{{u"MaxConcurrentDpus"_s, 4}}));
}

void TestAthenaClient::validationErrorSendsNothing()
{
    StartSessionRequest req;
    req.workGroup = u"spark"_s;
    req.engineConfiguration.maxConcurrentDpus = 1;
    auto r = await<StartSessionResult>([&](QObject *c, Callback<StartSessionResult> cb) { m_client->startSession(req, c, cb); });
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, aws::AwsError::Kind::Validation);
    QCOMPARE(r.error().message, u"Max concurrent DPUs must be between 2 and 5000 DPUs"_s);
    auto g = await<SessionDetails>([this](QObject *c, Callback<SessionDetails> cb) { m_client->getSession({}, c, cb); });
    QCOMPARE(g.error().message, u"Session ID is required"_s);
    QCOMPARE(m_network->seen.size(), 0);
}

void TestAthenaClient::serviceErrorsAreTyped()
{
    m_network->script = {FakeResponse{400, {{"x-amzn-RequestId", "r-9"}},
                                      R"({"__type":"ResourceNotFoundException","Message":"Session s-x not found"})"}};
    auto r = await<SessionDetails>([this](QObject *c, Callback<SessionDetails> cb) { m_client->getSession(u"s-x"_s, c, cb); });
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, aws::AwsError::Kind::Service);
    QCOMPARE(r.error().code, u"ResourceNotFoundException"_s);
    QCOMPARE(r.error().message, u"Session s-x not found"_s);
    QCOMPARE(r.error().requestId, u"r-9"_s);

    m_network->script = {FakeResponse{400, {}, R"({"__type":"TooManyRequestsException","Message":"quota","Reason":"CONCURRENT_QUERY_LIMIT_EXCEEDED"})"}};
    m_transport->retryQuota().acquire(500); // no retries: see the error itself
    StartSessionRequest req;
    req.workGroup = u"spark"_s;
    req.engineConfiguration.maxConcurrentDpus = 20;
    auto t = await<StartSessionResult>([&](QObject *c, Callback<StartSessionResult> cb) { m_client->startSession(req, c, cb); });
    QCOMPARE(t.error().code, u"TooManyRequestsException"_s);
    QCOMPARE(t.error().reason, u"CONCURRENT_QUERY_LIMIT_EXCEEDED"_s);
    QVERIFY(t.error().isThrottling());
}

void TestAthenaClient::malformedResponseIsAClearError()
{
    m_network->script = {FakeResponse{200, {{"x-amzn-RequestId", "r-1"}}, R"({"SessionId":"s","Status":{"State":["NAPPING"]}})"}};
    auto r = await<SessionDetails>([this](QObject *c, Callback<SessionDetails> cb) { m_client->getSession(u"s"_s, c, cb); });
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, u"MalformedResponse"_s);
    QCOMPARE(r.error().message, u"The GetSession response does not match the API: Status.State: expected a string, got an array"_s);
    QCOMPARE(r.error().requestId, u"r-1"_s);
}

void TestAthenaClient::emptyAndTruncatedResponsesAreClearErrors()
{
    m_transport->retryQuota().acquire(500);
    const QList<QByteArray> bodies = {QByteArray(), QByteArray("{}"), QByteArray(R"({"SessionId":"s","Status":)"),
                                      QByteArray("null"), QByteArray(R"({"SessionId":["s"]})")};
    for (const QByteArray &body : bodies) {
        m_network->script = {FakeResponse::json(200, body)};
        auto r = await<SessionDetails>([this](QObject *c, Callback<SessionDetails> cb) { m_client->getSession(u"s"_s, c, cb); });
        QVERIFY2(!r.ok(), body.constData());
        QCOMPARE(r.error().kind, aws::AwsError::Kind::Decode);
        QVERIFY(!r.error().message.isEmpty());
    }
}

void TestAthenaClient::walkerHandsOverEveryPage()
{
    m_network->script = {FakeResponse::json(200, pageBody(0, 100, u"t1"_s)), FakeResponse::json(200, pageBody(100, 100, u"t2"_s)),
                         FakeResponse::json(200, pageBody(200, 37, {}))};
    ListSessionsWalker walker(m_client.get(), ListSessionsRequest{u"spark"_s, SessionState::Idle, 100, {}});
    QSignalSpy pages(&walker, &ListSessionsWalker::pageReceived);
    QSignalSpy done(&walker, &ListSessionsWalker::finished);
    walker.start();
    QVERIFY(done.wait(5000));
    QCOMPARE(pages.size(), 3);
    QCOMPARE(pages.at(2).at(1).toInt(), 3);
    QCOMPARE(walker.sessionCount(), 237);
    QVERIFY(!walker.error());
    QCOMPARE(bodyOf(m_network->seen.at(0)).contains(u"NextToken"_s), false);
    QCOMPARE(bodyOf(m_network->seen.at(1)).value(u"NextToken"_s).toString(), u"t1"_s);
    QCOMPARE(bodyOf(m_network->seen.at(2)).value(u"NextToken"_s).toString(), u"t2"_s);
    QCOMPARE(bodyOf(m_network->seen.at(2)).value(u"StateFilter"_s).toString(), u"IDLE"_s);
    QCOMPARE(bodyOf(m_network->seen.at(2)).value(u"MaxResults"_s).toInt(), 100);
}

void TestAthenaClient::walkerCancelMidway()
{
    m_network->script = {FakeResponse::json(200, pageBody(0, 10, u"t1"_s)), FakeResponse::hanging(true)};
    ListSessionsWalker walker(m_client.get(), ListSessionsRequest{u"spark"_s, {}, 10, {}});
    QSignalSpy pages(&walker, &ListSessionsWalker::pageReceived);
    QSignalSpy done(&walker, &ListSessionsWalker::finished);
    walker.start();
    QVERIFY(pages.wait(5000));
    QTRY_COMPARE(m_network->seen.size(), 2); // the second page is in flight
    walker.cancel();
    QCOMPARE(done.size(), 1);
    QVERIFY(walker.isCancelled());
    QCOMPARE(walker.error()->kind, aws::AwsError::Kind::Cancelled);
    QTest::qWait(50); // nothing more may arrive
    QCOMPARE(pages.size(), 1);
    QCOMPARE(done.size(), 1);
}

void TestAthenaClient::walkerStopsOnRepeatedToken()
{
    m_network->script = {FakeResponse::json(200, pageBody(0, 2, u"A"_s)), FakeResponse::json(200, pageBody(2, 2, u"B"_s)),
                         FakeResponse::json(200, pageBody(4, 2, u"A"_s))};
    m_network->fallback = FakeResponse::json(200, pageBody(9, 1, u"B"_s));
    ListSessionsWalker walker(m_client.get(), ListSessionsRequest{u"spark"_s, {}, {}, {}});
    QSignalSpy done(&walker, &ListSessionsWalker::finished);
    walker.start();
    QVERIFY(done.wait(5000));
    QCOMPARE(walker.pages(), 3);
    QCOMPARE(walker.error()->code, u"RepeatedNextToken"_s);
    QCOMPARE(m_network->seen.size(), 3);
}

void TestAthenaClient::walkerStopsOnError()
{
    m_network->script = {FakeResponse::json(200, pageBody(0, 5, u"t"_s)),
                         FakeResponse::serviceError(400, "InvalidRequestException", "bad token")};
    ListSessionsWalker walker(m_client.get(), ListSessionsRequest{u"spark"_s, {}, {}, {}});
    QSignalSpy done(&walker, &ListSessionsWalker::finished);
    walker.start();
    QVERIFY(done.wait(5000));
    QCOMPARE(walker.pages(), 1);
    QCOMPARE(walker.error()->code, u"InvalidRequestException"_s);
}

void TestAthenaClient::walkerMaxPages()
{
    int n = 0;
    for (int i = 0; i < 10; ++i)
        m_network->script << FakeResponse::json(200, pageBody(n++, 1, u"t%1"_s.arg(i)));
    ListSessionsWalker walker(m_client.get(), ListSessionsRequest{u"spark"_s, {}, {}, {}});
    walker.setMaxPages(4);
    QSignalSpy done(&walker, &ListSessionsWalker::finished);
    walker.start();
    QVERIFY(done.wait(5000));
    QCOMPARE(walker.pages(), 4);
    QCOMPARE(walker.error()->code, u"TooManyPages"_s);
}

void TestAthenaClient::listAllWorkGroupsFollowsTokens()
{
    m_network->script = {FakeResponse::json(200, R"({"WorkGroups":[{"Name":"primary","EngineVersion":{"EffectiveEngineVersion":"Athena engine version 3"}}],"NextToken":"n1"})"),
                         FakeResponse::json(200, R"({"WorkGroups":[{"Name":"spark","EngineVersion":{"EffectiveEngineVersion":"PySpark engine version 3"}}]})")};
    auto r = await<QList<WorkGroupSummary>>([this](QObject *c, Callback<QList<WorkGroupSummary>> cb) { m_client->listAllWorkGroups(c, cb); });
    QVERIFY(r.ok());
    QCOMPARE(r->size(), 2);
    QVERIFY(!r->at(0).engineVersion.isSpark());
    QVERIFY(r->at(1).engineVersion.isSpark());
    QCOMPARE(bodyOf(m_network->seen.at(1)).value(u"NextToken"_s).toString(), u"n1"_s);
    QCOMPARE(bodyOf(m_network->seen.at(1)).value(u"MaxResults"_s).toInt(), 50);
}

void TestAthenaClient::terminateAndStatus()
{
    m_network->script = {FakeResponse::json(200, R"({"State":"TERMINATING"})"),
                         FakeResponse::json(200, R"({"SessionId":"s","Status":{"State":"TERMINATED","EndDateTime":1763705400}})")};
    auto t = await<TerminateSessionResult>([this](QObject *c, Callback<TerminateSessionResult> cb) { m_client->terminateSession(u"s"_s, c, cb); });
    QVERIFY(t->state == SessionState::Terminating);
    auto s = await<SessionStatusResult>([this](QObject *c, Callback<SessionStatusResult> cb) { m_client->getSessionStatus(u"s"_s, c, cb); });
    QVERIFY(s->status.state == SessionState::Terminated);
    QCOMPARE(s->status.endDateTime.toSecsSinceEpoch(), 1763705400);
}

void TestAthenaClient::callbackNeverOutlivesContext()
{
    m_network->script = {FakeResponse::json(200, R"({"SessionId":"s"})")};
    bool called = false;
    {
        QObject context;
        m_client->getSession(u"s"_s, &context, [&called](const aws::Result<SessionDetails> &) { called = true; });
    }
    QTRY_COMPARE(m_network->seen.size(), 1);
    QTest::qWait(50);
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestAthenaClient)
#include "tst_athenaclient.moc"
