// The calculation, executor and session endpoint operations: codecs both ways (round trips,
// values this client does not know kept, errors that name the field), the typed client against a
// fake network (tokens reused on retry, errors by name, validation before sending, paging bounds)
// and botocore's model as the judge of every request body the client sends.
#include "athena/athenaclient.h"
#include "athena/calculationjson.h"
#include "support/fakenetwork.h"
#include "support/testpaths.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryFile>
#include <QTest>
#include <QUuid>

using namespace athena;
using namespace testing;
using namespace Qt::StringLiterals;

namespace {

QDateTime at(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

QJsonObject bodyOf(const SeenRequest &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

template <typename T>
aws::Result<T> await(const std::function<void(QObject *, Callback<T>)> &start)
{
    QObject context;
    std::optional<aws::Result<T>> got;
    start(&context, [&got](const aws::Result<T> &r) { got = r; });
    if (!QTest::qWaitFor([&got] { return got.has_value(); }, 10000))
        return aws::AwsError::make(aws::AwsError::Kind::Timeout, u"TestTimeout"_s, {});
    return *got;
}

template <typename T>
void roundTrip(const T &value)
{
    const QJsonObject encoded = json::toJson(value);
    const aws::Result<T> decoded = json::decode<T>(encoded);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QVERIFY2(decoded.value() == value, QJsonDocument(encoded).toJson().constData());
}

CalculationExecution sampleCalculation()
{
    CalculationExecution c;
    c.calculationExecutionId = u"c0ffee00-1111-2222-3333-444455556666"_s;
    c.sessionId = u"s-1"_s;
    c.description = u"count rows"_s;
    c.workingDirectory = u"s3://bucket/work/"_s;
    c.status.submissionDateTime = at(1765000000123);
    c.status.completionDateTime = at(1765000061456);
    c.status.state = CalculationState::Completed;
    c.statistics.dpuExecutionInMillis = 123456;
    c.statistics.progress = u"3/3 stages"_s;
    c.result = CalculationResult{u"s3://bucket/work/c/stdout.txt"_s, u"s3://bucket/work/c/stderr.txt"_s,
                                 u"s3://bucket/work/c/result.json"_s, u"application/json"_s};
    return c;
}

} // namespace

class TestCalculationApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void everyTypeRoundTrips();
    void unknownValuesAreKept();
    void executorTimesAreEpochMilliseconds();
    void decodeErrorsNameTheField();
    void startCalculationFillsAndReusesToken();
    void codeCanGoInTheConfiguration();
    void validationSendsNothing();
    void errorsByName();
    void unreadableStartIsOutcomeUnknown();
    void listAllFollowsTokensWithinBounds();
    void botocoreAcceptsEveryRequest();

private:
    std::unique_ptr<FakeNetworkAccessManager> m_network;
    std::unique_ptr<aws::AwsJsonTransport> m_transport;
    std::unique_ptr<AthenaClient> m_client;
};

void TestCalculationApi::init()
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

void TestCalculationApi::everyTypeRoundTrips()
{
    const CalculationExecution c = sampleCalculation();
    roundTrip(c);
    roundTrip(c.summary());
    roundTrip(c.status);
    roundTrip(CalculationStatusResult{c.status, c.statistics});
    roundTrip(ListCalculationsPage{{c.summary(), c.summary()}, u"next"_s});
    roundTrip(ListCalculationsRequest{u"s-1"_s, CalculationState::Running, 100, u"tok"_s});
    roundTrip(StartCalculationRequest{u"s-1"_s, u"d"_s, u"print(1)"_s, false, u"t"_s});
    roundTrip(StartCalculationRequest{u"s-1"_s, {}, u"print(2)"_s, true, {}});
    roundTrip(StartCalculationResult{u"c-1"_s, CalculationState::Creating, {}, {}});
    roundTrip(StopCalculationResult{CalculationState::Canceling, {}});
    ExecutorSummary e{u"ex-1"_s, ExecutorType::Worker, {}, ExecutorState::Registered, {}, at(1765000000001), {}, 4};
    ExecutorSummary gone{u"ex-0"_s, ExecutorType::Coordinator, {}, ExecutorState::Terminated, {}, at(1765000000000),
                         at(1765000999999), 1};
    roundTrip(e);
    roundTrip(ListExecutorsPage{u"s-1"_s, {e, gone}, u"n"_s});
    roundTrip(ListExecutorsRequest{u"s-1"_s, ExecutorState::Terminated, 5, u"n"_s});
    roundTrip(SessionEndpoint{u"https://s-1.spark.example/"_s, u"secret"_s, at(1765003600000)});
}

void TestCalculationApi::unknownValuesAreKept()
{
    const auto page = json::decode<ListCalculationsPage>(QJsonDocument::fromJson(R"({"Calculations":[
        {"CalculationExecutionId":"c-1","Status":{"State":"PAUSED","SubmissionDateTime":1765000000.5}, "Future":1}]})").object());
    QVERIFY(page.ok());
    QCOMPARE(page->calculations.first().status.state, CalculationState::Unknown);
    QCOMPARE(page->calculations.first().status.stateLabel(), u"PAUSED"_s);
    QVERIFY(!page->calculations.first().status.isFinal());
    QCOMPARE(json::toJson(page->calculations.first().status).value(u"State"_s).toString(), u"PAUSED"_s);

    const auto executors = json::decode<ListExecutorsPage>(QJsonDocument::fromJson(R"({"SessionId":"s",
        "ExecutorsSummary":[{"ExecutorId":"e","ExecutorType":"DRIVER","ExecutorState":"DRAINING","ExecutorSize":2}]})").object());
    QVERIFY(executors.ok());
    const ExecutorSummary &e = executors->executors.first();
    QCOMPARE(e.type, ExecutorType::Unknown);
    QCOMPARE(e.typeLabel(), u"DRIVER"_s);
    QCOMPARE(e.stateLabel(), u"DRAINING"_s);
    QVERIFY(!e.isFinal());
    // An unknown state in a request is refused, not sent.
    const auto request = json::decode<ListCalculationsRequest>(QJsonObject{{u"SessionId"_s, u"s"_s}, {u"StateFilter"_s, u"PAUSED"_s}});
    QVERIFY(!request.ok());
    QCOMPARE(request.error().message, u"StateFilter: 'PAUSED' is not a calculation state"_s);
    // Unknown text is bounded.
    const auto huge = json::decode<StopCalculationResult>(QJsonObject{{u"State"_s, QString(100000, u'X')}});
    QVERIFY(huge.ok());
    QCOMPARE(huge->stateText.size(), 256);
}

void TestCalculationApi::executorTimesAreEpochMilliseconds()
{
    const auto e = json::decode<ExecutorSummary>(QJsonObject{{u"ExecutorId"_s, u"e"_s}, {u"StartDateTime"_s, 1765000000123.0}});
    QVERIFY(e.ok());
    QCOMPARE(e->startDateTime, at(1765000000123));
    QCOMPARE(json::toJson(*e).value(u"StartDateTime"_s).toInteger(), 1765000000123);
    // Calculation times are timestamps (epoch seconds on the wire), as for sessions.
    QCOMPARE(json::toJson(sampleCalculation().status).value(u"SubmissionDateTime"_s).toDouble(), 1765000000.123);
}

void TestCalculationApi::decodeErrorsNameTheField()
{
    const auto bad = json::decode<ListExecutorsPage>(QJsonDocument::fromJson(R"({"ExecutorsSummary":[
        {"ExecutorId":"a"}, {"ExecutorId":"b","ExecutorSize":"big"}]})").object());
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().message, u"ExecutorsSummary[1].ExecutorSize: expected an integer, got a string"_s);
    const auto noId = json::decode<StartCalculationResult>(QJsonObject{{u"State"_s, u"CREATING"_s}});
    QCOMPARE(noId.error().message, u"CalculationExecutionId: is missing from the response"_s);
    const auto code = json::decodeCodeBlock(QJsonObject{{u"CodeBlock"_s, 5}});
    QCOMPARE(code.error().message, u"CodeBlock: expected a string, got a number"_s);
}

void TestCalculationApi::startCalculationFillsAndReusesToken()
{
    m_network->script = {FakeResponse::serviceError(500, "InternalServerException", "x"),
                         FakeResponse::transportError(QNetworkReply::RemoteHostClosedError, true),
                         FakeResponse::json(200, R"({"CalculationExecutionId":"c-1","State":"CREATING"})")};
    StartCalculationRequest req{u"s-1"_s, u"sum"_s, u"print(1 + 1)"_s, false, {}};
    auto r = await<StartCalculationResult>([&](QObject *c, Callback<StartCalculationResult> cb) { m_client->startCalculation(req, c, cb); });
    QVERIFY(r.ok());
    QCOMPARE(r->calculationExecutionId, u"c-1"_s);
    QCOMPARE(r->state, CalculationState::Creating);
    QCOMPARE(m_network->seen.size(), 3);
    const QString token = bodyOf(m_network->seen.first()).value(u"ClientRequestToken"_s).toString();
    QVERIFY(!QUuid::fromString(token).isNull());
    QCOMPARE(r->clientRequestToken, token);
    for (const SeenRequest &s : std::as_const(m_network->seen)) {
        QCOMPARE(s.request.rawHeader("X-Amz-Target"), QByteArray("AmazonAthena.StartCalculationExecution"));
        QCOMPARE(bodyOf(s), (QJsonObject{{u"SessionId"_s, u"s-1"_s}, {u"Description"_s, u"sum"_s},
                                         {u"CodeBlock"_s, u"print(1 + 1)"_s}, {u"ClientRequestToken"_s, token}}));
    }
}

void TestCalculationApi::codeCanGoInTheConfiguration()
{
    m_network->script = {FakeResponse::json(200, R"({"CalculationExecutionId":"c-2","State":"CREATING"})")};
    StartCalculationRequest req{u"s-1"_s, {}, u"x = 1"_s, true, u"0123456789abcdef0123456789abcdef"_s};
    auto r = await<StartCalculationResult>([&](QObject *c, Callback<StartCalculationResult> cb) { m_client->startCalculation(req, c, cb); });
    QVERIFY(r.ok());
    const QJsonObject body = bodyOf(m_network->seen.first());
    QCOMPARE(body.value(u"CalculationConfiguration"_s).toObject(), (QJsonObject{{u"CodeBlock"_s, u"x = 1"_s}}));
    QVERIFY(!body.contains(u"CodeBlock"_s));
    QCOMPARE(body.value(u"ClientRequestToken"_s).toString(), req.clientRequestToken);
}

void TestCalculationApi::validationSendsNothing()
{
    StartCalculationRequest tooLong{u"s-1"_s, {}, QString(68001, u'x'), false, {}};
    auto r = await<StartCalculationResult>([&](QObject *c, Callback<StartCalculationResult> cb) { m_client->startCalculation(tooLong, c, cb); });
    QCOMPARE(r.error().kind, aws::AwsError::Kind::Validation);
    QCOMPARE(r.error().message, u"Code must be at most 68000 characters (it has 68001)"_s);
    StartCalculationRequest empty{u"s-1"_s, {}, {}, false, {}};
    r = await<StartCalculationResult>([&](QObject *c, Callback<StartCalculationResult> cb) { m_client->startCalculation(empty, c, cb); });
    QCOMPARE(r.error().message, u"Code is required"_s);
    auto g = await<CalculationExecution>([&](QObject *c, Callback<CalculationExecution> cb) {
        m_client->getCalculation(QString(37, u'c'), c, cb);
    });
    QCOMPARE(g.error().message, u"Calculation ID must be at most 36 characters (it has 37)"_s);
    auto l = await<ListExecutorsPage>([&](QObject *c, Callback<ListExecutorsPage> cb) {
        m_client->listExecutors(ListExecutorsRequest{u"s"_s, {}, 101, {}}, c, cb);
    });
    QCOMPARE(l.error().kind, aws::AwsError::Kind::Validation);
    auto lc = await<ListCalculationsPage>([&](QObject *c, Callback<ListCalculationsPage> cb) {
        m_client->listCalculations(ListCalculationsRequest{{}, {}, 0, QString(2049, u't')}, c, cb);
    });
    QCOMPARE(lc.error().kind, aws::AwsError::Kind::Validation);
    QCOMPARE(m_network->seen.size(), 0);
}

void TestCalculationApi::errorsByName()
{
    m_network->script = {FakeResponse{400, {{"x-amzn-RequestId", "r-7"}},
                                      R"({"__type":"ResourceNotFoundException","Message":"Calculation c-x is not found."})"}};
    auto r = await<CalculationStatusResult>([&](QObject *c, Callback<CalculationStatusResult> cb) {
        m_client->getCalculationStatus(u"c-x"_s, c, cb);
    });
    QCOMPARE(r.error().code, u"ResourceNotFoundException"_s);
    QCOMPARE(r.error().message, u"Calculation c-x is not found."_s);
    QCOMPARE(r.error().requestId, u"r-7"_s);
    m_network->script = {FakeResponse::serviceError(400, "InvalidRequestException", "Session s is TERMINATED")};
    auto e = await<SessionEndpoint>([&](QObject *c, Callback<SessionEndpoint> cb) { m_client->getSessionEndpoint(u"s"_s, c, cb); });
    QCOMPARE(e.error().code, u"InvalidRequestException"_s);
    QCOMPARE(bodyOf(m_network->seen.last()), (QJsonObject{{u"SessionId"_s, u"s"_s}}));
    QCOMPARE(m_network->seen.last().request.rawHeader("X-Amz-Target"), QByteArray("AmazonAthena.GetSessionEndpoint"));
}

void TestCalculationApi::unreadableStartIsOutcomeUnknown()
{
    m_network->script = {FakeResponse::json(200, R"({"CalculationExecutionId":["c"]})")};
    StartCalculationRequest req{u"s-1"_s, {}, u"1"_s, false, {}};
    auto r = await<StartCalculationResult>([&](QObject *c, Callback<StartCalculationResult> cb) { m_client->startCalculation(req, c, cb); });
    QCOMPARE(r.error().code, u"MalformedResponse"_s);
    QVERIFY(r.error().outcomeUnknown);
    m_network->script = {FakeResponse::json(200, R"({"State":7})")};
    auto s = await<StopCalculationResult>([&](QObject *c, Callback<StopCalculationResult> cb) { m_client->stopCalculation(u"c"_s, c, cb); });
    QVERIFY(s.error().outcomeUnknown);
    // A read that cannot be understood is just an error: nothing was changed.
    m_network->script = {FakeResponse::json(200, R"({"CodeBlock":{}})")};
    auto code = await<QString>([&](QObject *c, Callback<QString> cb) { m_client->getCalculationCode(u"c"_s, c, cb); });
    QVERIFY(!code.error().outcomeUnknown);
}

void TestCalculationApi::listAllFollowsTokensWithinBounds()
{
    auto page = [](int first, int n, const char *next) {
        ListCalculationsPage p;
        for (int i = first; i < first + n; ++i)
            p.calculations << CalculationSummary{u"c-%1"_s.arg(i), {}, {}};
        p.nextToken = QString::fromLatin1(next);
        return FakeResponse::json(200, QJsonDocument(json::toJson(p)).toJson(QJsonDocument::Compact));
    };
    m_network->script = {page(0, 100, "a"), page(100, 100, "b"), page(200, 7, "")};
    auto all = await<QList<CalculationSummary>>([&](QObject *c, Callback<QList<CalculationSummary>> cb) {
        m_client->listAllCalculations(ListCalculationsRequest{u"s-1"_s, CalculationState::Completed, {}, {}}, c, cb);
    });
    QVERIFY(all.ok());
    QCOMPARE(all->size(), 207);
    QCOMPARE(m_network->seen.size(), 3);
    QCOMPARE(bodyOf(m_network->seen.at(1)), (QJsonObject{{u"SessionId"_s, u"s-1"_s}, {u"StateFilter"_s, u"COMPLETED"_s},
                                                         {u"MaxResults"_s, 100}, {u"NextToken"_s, u"a"_s}}));
    // A service that repeats a token is stopped, not followed forever.
    m_network->seen.clear();
    ListExecutorsPage loop{u"s"_s, {ExecutorSummary{u"e"_s, {}, {}, {}, {}, {}, {}, {}}}, u"same"_s};
    const QByteArray body = QJsonDocument(json::toJson(loop)).toJson(QJsonDocument::Compact);
    m_network->script = {FakeResponse::json(200, body), FakeResponse::json(200, body), FakeResponse::json(200, body)};
    auto executors = await<QList<ExecutorSummary>>([&](QObject *c, Callback<QList<ExecutorSummary>> cb) {
        m_client->listAllExecutors(ListExecutorsRequest{u"s"_s, {}, {}, {}}, c, cb);
    });
    QVERIFY(!executors.ok());
    QVERIFY2(executors.error().message.contains(u"ListExecutors"_s), qPrintable(executors.error().message));
    QCOMPARE(m_network->seen.size(), 2);
    // A page far beyond what was asked for is refused before its items are decoded.
    ListExecutorsPage flood{u"s"_s, QList<ExecutorSummary>(1001, ExecutorSummary{u"e"_s, {}, {}, {}, {}, {}, {}, {}}), {}};
    m_network->script = {FakeResponse::json(200, QJsonDocument(json::toJson(flood)).toJson(QJsonDocument::Compact))};
    auto one = await<ListExecutorsPage>([&](QObject *c, Callback<ListExecutorsPage> cb) {
        m_client->listExecutors(ListExecutorsRequest{u"s"_s, {}, 10, {}}, c, cb);
    });
    QVERIFY(!one.ok());
}

void TestCalculationApi::botocoreAcceptsEveryRequest()
{
    const QString python = pythonWith(u"botocore"_s);
    if (python.isEmpty())
        QSKIP("[peer:botocore] botocore is not installed: the request bodies were not checked against its model");
    // Every operation once, as the client sends it (the fake network records the bodies).
    m_network->fallback = FakeResponse::json(200, R"({"CalculationExecutionId":"c","SessionId":"s","EndpointUrl":"u"})");
    const QString id = u"c0ffee00-1111-2222-3333-444455556666"_s;
    auto ignore = [](auto) {};
    QObject context;
    m_client->startCalculation(StartCalculationRequest{u"s-1"_s, u"d"_s, u"print(1)"_s, false, {}}, &context, ignore);
    m_client->startCalculation(StartCalculationRequest{u"s-1"_s, {}, u"print(1)"_s, true, {}}, &context, ignore);
    m_client->getCalculation(id, &context, ignore);
    m_client->getCalculationStatus(id, &context, ignore);
    m_client->getCalculationCode(id, &context, ignore);
    m_client->stopCalculation(id, &context, ignore);
    m_client->listCalculations(ListCalculationsRequest{u"s-1"_s, CalculationState::Queued, 7, u"tok"_s}, &context, ignore);
    m_client->listExecutors(ListExecutorsRequest{u"s-1"_s, ExecutorState::Registered, 100, u"tok"_s}, &context, ignore);
    m_client->getSessionEndpoint(u"s-1"_s, &context, ignore);
    QTRY_COMPARE_WITH_TIMEOUT(m_network->seen.size(), 9, 10000);
    int valid = 0;
    for (const SeenRequest &seen : std::as_const(m_network->seen)) {
        const QString operation = QString::fromLatin1(seen.request.rawHeader("X-Amz-Target")).section(u'.', 1);
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(seen.body);
        file.flush();
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(python, {toolsDir(u"botocore_validate.py"_s), operation, u"request"_s, file.fileName()});
        QVERIFY(p.waitForFinished(60000));
        const QByteArray verdict = p.readAll();
        QVERIFY2(p.exitCode() == 0, QByteArray(operation.toUtf8() + ": " + verdict).constData());
        ++valid;
    }
    qInfo("botocore: %d of 9 request bodies valid (8 operations)", valid);
}

QTEST_GUILESS_MAIN(TestCalculationApi)
#include "tst_calculationapi.moc"
