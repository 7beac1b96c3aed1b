// The awsJson1_1 transport against a fake network manager: the request on the wire, error
// decoding, retries, the quota, timeouts, clock-skew correction, cancellation.
#include "aws/awsjsontransport.h"
#include "support/fakenetwork.h"
#include "aws/httpdate.h"

#include <QSignalSpy>
#include <QTest>

using namespace aws;
using namespace testing;
using namespace Qt::StringLiterals;

namespace {

const AwsCredentials kCredentials{u"AKIDTEST"_s, u"test-secret-key"_s, u"test-session-token"_s, {}, u"test"_s};

} // namespace

class TestAwsJsonTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void sendsSignedJsonRequest();
    void parsesSuccess();
    void retriesRetryableFailures_data();
    void retriesRetryableFailures();
    void doesNotRetryOthers_data();
    void doesNotRetryOthers();
    void givesUpAfterThreeAttempts();
    void retriedBodyIsIdenticalAndDateIsFresh();
    void quotaDrainedStopsRetriesAndSuccessRefills();
    void requestTimeoutFires();
    void connectTimeoutFires();
    void decodesErrorBodies_data();
    void decodesErrorBodies();
    void correctsClockSkew();
    void credentialsErrorSendsNothing();
    void cancelFinishesOnce();
    void refusesPlainHttpToRemoteHosts();
    void malformedSuccessBodyIsADecodeError_data();
    void malformedSuccessBodyIsADecodeError();
    void errorsNeverCarrySecrets();
    void parsesHttpDates_data();
    void parsesHttpDates();

private:
    AwsCall *start(const QString &op = u"GetSession"_s, const QByteArray &body = R"({"SessionId":"s-1"})");
    Result<AwsResponse> run(const QString &op = u"GetSession"_s, const QByteArray &body = R"({"SessionId":"s-1"})");

    std::unique_ptr<FakeNetworkAccessManager> m_network;
    std::unique_ptr<AwsJsonTransport> m_transport;
    std::unique_ptr<ManualClock> m_clock;
};

void TestAwsJsonTransport::init()
{
    m_network = std::make_unique<FakeNetworkAccessManager>();
    m_clock = std::make_unique<ManualClock>(QDateTime(QDate(2026, 11, 21), QTime(6, 0), Qt::UTC));
    TransportConfig config;
    config.endpoint = QUrl(u"https://athena.eu-west-1.amazonaws.com"_s);
    config.region = u"eu-west-1"_s;
    m_transport = std::make_unique<AwsJsonTransport>(m_network.get(), std::make_shared<StaticCredentialsProvider>(kCredentials),
                                                     config);
    m_transport->setClock(m_clock.get());
    m_transport->setRandom([] { return 0.0; }); // no backoff delay in tests
}

AwsCall *TestAwsJsonTransport::start(const QString &op, const QByteArray &body)
{
    return m_transport->call(op, body);
}

Result<AwsResponse> TestAwsJsonTransport::run(const QString &op, const QByteArray &body)
{
    AwsCall *call = start(op, body);
    QSignalSpy spy(call, &AwsCall::finished);
    std::optional<Result<AwsResponse>> result;
    connect(call, &AwsCall::finished, this, [&result, call] { result = call->result(); });
    if (!spy.wait(10000))
        return AwsError::make(AwsError::Kind::Timeout, u"TestTimeout"_s, u"call did not finish"_s);
    return *result;
}

void TestAwsJsonTransport::sendsSignedJsonRequest()
{
    QVERIFY(run().ok());
    QCOMPARE(m_network->seen.size(), 1);
    const QNetworkRequest &r = m_network->seen.first().request;
    QCOMPARE(r.url(), QUrl(u"https://athena.eu-west-1.amazonaws.com/"_s));
    QCOMPARE(r.rawHeader("Content-Type"), QByteArray("application/x-amz-json-1.1"));
    QCOMPARE(r.rawHeader("X-Amz-Target"), QByteArray("AmazonAthena.GetSession"));
    QCOMPARE(r.rawHeader("Host"), QByteArray("athena.eu-west-1.amazonaws.com"));
    QCOMPARE(r.rawHeader("X-Amz-Date"), QByteArray("20261121T060000Z"));
    QCOMPARE(r.rawHeader("X-Amz-Security-Token"), QByteArray("test-session-token"));
    QVERIFY(r.rawHeader("Authorization").startsWith(
        "AWS4-HMAC-SHA256 Credential=AKIDTEST/20261121/eu-west-1/athena/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature="));
    QCOMPARE(m_network->seen.first().body, QByteArray(R"({"SessionId":"s-1"})"));
    // The signature is the one the signer computes for exactly these headers.
    SignableRequest s;
    s.headers = {{"Content-Type", "application/x-amz-json-1.1"}, {"Host", "athena.eu-west-1.amazonaws.com"},
                 {"X-Amz-Target", "AmazonAthena.GetSession"}};
    s.body = R"({"SessionId":"s-1"})";
    const SigningResult expected = SigV4Signer::sign(s, kCredentials, {u"eu-west-1"_s, u"athena"_s, m_clock->nowUtc()});
    QCOMPARE(r.rawHeader("Authorization"), expected.authorization);
}

void TestAwsJsonTransport::parsesSuccess()
{
    m_network->script = {FakeResponse{200, {{"x-amzn-RequestId", "req-1"}}, R"({"SessionId":"s-1","State":"IDLE"})"}};
    auto r = run();
    QVERIFY(r.ok());
    QCOMPARE(r->json.value(u"State"_s).toString(), u"IDLE"_s);
    QCOMPARE(r->requestId, u"req-1"_s);
    QCOMPARE(r->attempts, 1);
}

void TestAwsJsonTransport::retriesRetryableFailures_data()
{
    QTest::addColumn<FakeResponse>("failure");
    QTest::addColumn<bool>("outcomeUnknown");
    // A 5xx or throttling answer cannot prove the work was not done: outcome unknown.
    QTest::newRow("500") << FakeResponse::serviceError(500, "InternalServerException", "boom") << true;
    QTest::newRow("502 html") << FakeResponse{502, {}, "<html>bad gateway</html>"} << true;
    QTest::newRow("503") << FakeResponse::serviceError(503, "ServiceUnavailableException", "later") << true;
    QTest::newRow("504 empty") << FakeResponse{504, {}, {}} << true;
    QTest::newRow("throttling") << FakeResponse::serviceError(400, "ThrottlingException", "Rate exceeded") << true;
    QTest::newRow("too many requests") << FakeResponse::serviceError(400, "TooManyRequestsException", "slow down") << true;
    QTest::newRow("connection refused") << FakeResponse::transportError(QNetworkReply::ConnectionRefusedError, false) << false;
    QTest::newRow("dropped after send") << FakeResponse::transportError(QNetworkReply::RemoteHostClosedError, true) << true;
}

void TestAwsJsonTransport::retriesRetryableFailures()
{
    QFETCH(FakeResponse, failure);
    QFETCH(bool, outcomeUnknown);
    m_network->script = {failure, FakeResponse::json(200, R"({"State":"IDLE"})")};
    AwsCall *call = start();
    QSignalSpy failed(call, &AwsCall::attemptFailed);
    QSignalSpy finished(call, &AwsCall::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(0).value<AwsError>().outcomeUnknown, outcomeUnknown);
    QCOMPARE(m_network->seen.size(), 2);
    QCOMPARE(m_transport->retryQuota().available(), 500); // the retry's 5 tokens were refunded
}

void TestAwsJsonTransport::doesNotRetryOthers_data()
{
    QTest::addColumn<FakeResponse>("failure");
    QTest::addColumn<QString>("code");
    QTest::newRow("invalid request") << FakeResponse::serviceError(400, "InvalidRequestException", "bad") << u"InvalidRequestException"_s;
    QTest::newRow("not found") << FakeResponse::serviceError(400, "ResourceNotFoundException", "no") << u"ResourceNotFoundException"_s;
    QTest::newRow("access denied") << FakeResponse::serviceError(403, "AccessDeniedException", "no") << u"AccessDeniedException"_s;
    QTest::newRow("unknown op") << FakeResponse::serviceError(400, "UnknownOperationException", "") << u"UnknownOperationException"_s;
    QTest::newRow("501") << FakeResponse{501, {}, {}} << u"HttpError501"_s;
    QTest::newRow("redirect") << FakeResponse{301, {{"Location", "https://elsewhere/"}}, {}} << u"HttpError301"_s;
}

void TestAwsJsonTransport::doesNotRetryOthers()
{
    QFETCH(FakeResponse, failure);
    QFETCH(QString, code);
    m_network->script = {failure};
    auto r = run();
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, code);
    QCOMPARE(r.error().outcomeUnknown, false);
    QCOMPARE(m_network->seen.size(), 1);
}

void TestAwsJsonTransport::givesUpAfterThreeAttempts()
{
    m_network->fallback = FakeResponse::serviceError(503, "ServiceUnavailableException", "down");
    AwsCall *call = start();
    QSignalSpy finished(call, &AwsCall::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(m_network->seen.size(), 3);
    QCOMPARE(m_transport->retryQuota().available(), 490);
}

void TestAwsJsonTransport::retriedBodyIsIdenticalAndDateIsFresh()
{
    m_network->script = {FakeResponse::serviceError(500, "InternalServerException", ""),
                         FakeResponse::transportError(QNetworkReply::RemoteHostClosedError, true)};
    const QByteArray body = R"({"WorkGroup":"spark","Description":"é 漢","EngineConfiguration":{"MaxConcurrentDpus":20}})";
    AwsCall *call = start(u"StartSession"_s, body);
    connect(call, &AwsCall::attemptFailed, this, [this] { m_clock->advanceMs(61000); });
    QSignalSpy finished(call, &AwsCall::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(m_network->seen.size(), 3);
    QSet<QByteArray> dates;
    for (const SeenRequest &s : std::as_const(m_network->seen)) {
        QCOMPARE(s.body, body);
        dates.insert(s.request.rawHeader("X-Amz-Date"));
    }
    QCOMPARE(dates.size(), 3);
}

void TestAwsJsonTransport::quotaDrainedStopsRetriesAndSuccessRefills()
{
    m_network->fallback = FakeResponse::serviceError(500, "InternalServerException", "");
    // Each failing call makes 3 attempts and spends 2 × 5 tokens: 50 calls empty the bucket.
    for (int i = 0; i < 50; ++i)
        QVERIFY(!run().ok());
    QCOMPARE(m_transport->retryQuota().available(), 0);
    m_network->seen.clear();
    QVERIFY(!run().ok());
    QCOMPARE(m_network->seen.size(), 1); // no retry without tokens
    m_network->fallback = FakeResponse::json(200, "{}");
    for (int i = 0; i < 5; ++i)
        QVERIFY(run().ok());
    QCOMPARE(m_transport->retryQuota().available(), 5);
    m_network->script = {FakeResponse::serviceError(500, "InternalServerException", "")};
    m_network->seen.clear();
    QVERIFY(run().ok());
    QCOMPARE(m_network->seen.size(), 2); // retried again now that tokens are back
}

void TestAwsJsonTransport::requestTimeoutFires()
{
    TransportConfig config = m_transport->config();
    config.requestTimeoutMs = 100;
    config.maxAttempts = 1;
    m_transport = std::make_unique<AwsJsonTransport>(m_network.get(), std::make_shared<StaticCredentialsProvider>(kCredentials), config);
    m_network->script = {FakeResponse::hanging(true)};
    auto r = run();
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, AwsError::Kind::Timeout);
    QVERIFY(r.error().outcomeUnknown); // the request was sent: it may have been carried out
    QVERIFY(r.error().message.contains(u"within 100 ms"_s));
}

void TestAwsJsonTransport::connectTimeoutFires()
{
    TransportConfig config = m_transport->config();
    config.connectTimeoutMs = 100;
    m_transport = std::make_unique<AwsJsonTransport>(m_network.get(), std::make_shared<StaticCredentialsProvider>(kCredentials), config);
    m_transport->setRandom([] { return 0.0; });
    m_network->script = {FakeResponse::hanging(false), FakeResponse::json(200, "{}")};
    auto r = run();
    QVERIFY(r.ok()); // a connect timeout is retried
    QCOMPARE(m_network->seen.size(), 2);
    QCOMPARE(m_transport->retryQuota().available(), 500);
}

void TestAwsJsonTransport::decodesErrorBodies_data()
{
    QTest::addColumn<FakeResponse>("response");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("athenaErrorCode");
    QTest::newRow("namespaced type") << FakeResponse{400, {}, R"({"__type":"com.amazonaws.athena#InvalidRequestException","Message":"Bad DPU","AthenaErrorCode":"INVALID_INPUT"})"}
                                     << u"InvalidRequestException"_s << u"Bad DPU"_s << u"INVALID_INPUT"_s;
    QTest::newRow("plain type, lower message") << FakeResponse{400, {}, R"({"__type":"ResourceNotFoundException","message":"No session"})"}
                                               << u"ResourceNotFoundException"_s << u"No session"_s << QString();
    QTest::newRow("type with url suffix") << FakeResponse{403, {}, R"({"__type":"InvalidSignatureException:http://internal.amazon.com/","message":"sig"})"}
                                          << u"InvalidSignatureException"_s << u"sig"_s << QString();
    // As botocore: the body's __type decides, never x-amzn-ErrorType; "message" before "Message".
    QTest::newRow("body type wins over the header") << FakeResponse{400, {{"x-amzn-ErrorType", "ThrottlingException:http://x"}}, R"({"__type":"InvalidRequestException","Message":"bad"})"}
                                                    << u"InvalidRequestException"_s << u"bad"_s << QString();
    QTest::newRow("header alone names no error") << FakeResponse{403, {{"x-amzn-ErrorType", "AccessDeniedException:http://x"}}, R"({"message":"denied"})"}
                                                 << u"HttpError403"_s << u"denied"_s << QString();
    QTest::newRow("message before Message") << FakeResponse{400, {}, R"({"__type":"InvalidRequestException","Message":"upper","message":"lower"})"}
                                            << u"InvalidRequestException"_s << u"lower"_s << QString();
    QTest::newRow("not json") << FakeResponse{418, {}, "I'm a teapot"} << u"HttpError418"_s
                              << u"HTTP 418 with a body that is not an AWS error"_s << QString();
}

void TestAwsJsonTransport::decodesErrorBodies()
{
    QFETCH(FakeResponse, response);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(QString, athenaErrorCode);
    response.headers.append(HttpHeader{"x-amzn-RequestId", "rid-42"});
    m_network->script = {response};
    auto r = run();
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, AwsError::Kind::Service);
    QCOMPARE(r.error().code, code);
    QCOMPARE(r.error().message, message);
    QCOMPARE(r.error().athenaErrorCode, athenaErrorCode);
    QCOMPARE(r.error().requestId, u"rid-42"_s);
    QCOMPARE(r.error().httpStatus, response.status);
    QVERIFY(r.error().toString().contains(u"request id rid-42"_s));
}

void TestAwsJsonTransport::correctsClockSkew()
{
    // The local clock is an hour slow; the service says so and sends its Date.
    const QDateTime server = m_clock->nowUtc().addSecs(3600);
    m_network->script = {FakeResponse{403,
                                      {{"Date", formatHttpDate(server)}}, // IMF-fixdate, as servers send it
                                      R"({"__type":"InvalidSignatureException","message":"Signature expired: 20261121T060000Z is now earlier than 20261121T065500Z"})"},
                         FakeResponse::json(200, "{}")};
    QSignalSpy skew(m_transport.get(), &AwsJsonTransport::clockSkewCorrected);
    auto r = run();
    QVERIFY(r.ok());
    QCOMPARE(skew.size(), 1);
    QCOMPARE(m_transport->clockSkewMs(), 3600 * 1000);
    QCOMPARE(m_network->seen.at(1).request.rawHeader("X-Amz-Date"), QByteArray("20261121T070000Z"));
    // Later calls use the corrected time from the start.
    QVERIFY(run().ok());
    QCOMPARE(m_network->seen.at(2).request.rawHeader("X-Amz-Date"), QByteArray("20261121T070000Z"));
}

void TestAwsJsonTransport::credentialsErrorSendsNothing()
{
    class Failing final : public CredentialsProvider
    {
    public:
        void fetch(QObject *, Callback cb) override
        {
            cb(AwsError::make(AwsError::Kind::Credentials, u"CredentialsError"_s, u"no keys"_s));
        }
        QString description() const override { return {}; }
    };
    m_transport = std::make_unique<AwsJsonTransport>(m_network.get(), std::make_shared<Failing>(), m_transport->config());
    auto r = run();
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, AwsError::Kind::Credentials);
    QCOMPARE(m_network->seen.size(), 0);
}

void TestAwsJsonTransport::cancelFinishesOnce()
{
    m_network->script = {FakeResponse::hanging(true)};
    AwsCall *call = start();
    QSignalSpy finished(call, &AwsCall::finished);
    QTRY_COMPARE(m_network->seen.size(), 1);
    call->cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(call->result().error().kind, AwsError::Kind::Cancelled);
    call->cancel();
    QCOMPARE(finished.size(), 1);
}

void TestAwsJsonTransport::refusesPlainHttpToRemoteHosts()
{
    TransportConfig config = m_transport->config();
    config.endpoint = QUrl(u"http://athena.eu-west-1.amazonaws.com/"_s);
    m_transport = std::make_unique<AwsJsonTransport>(m_network.get(), std::make_shared<StaticCredentialsProvider>(kCredentials), config);
    auto r = run();
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, u"InsecureEndpoint"_s);
    QCOMPARE(m_network->seen.size(), 0);
}

void TestAwsJsonTransport::malformedSuccessBodyIsADecodeError_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("truncated") << QByteArray(R"({"SessionId":"s-)");
    QTest::newRow("array") << QByteArray("[1,2]");
    QTest::newRow("html") << QByteArray("<html></html>");
    QTest::newRow("number") << QByteArray("42");
}

void TestAwsJsonTransport::malformedSuccessBodyIsADecodeError()
{
    QFETCH(QByteArray, body);
    m_network->script = {FakeResponse::json(200, body)};
    auto r = run();
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, AwsError::Kind::Decode);
    QVERIFY(r.error().message.startsWith(u"The response to GetSession is not a JSON object"_s));
    QCOMPARE(m_network->seen.size(), 1); // not retried
}

void TestAwsJsonTransport::errorsNeverCarrySecrets()
{
    m_network->fallback = FakeResponse::serviceError(403, "InvalidSignatureException", "The request signature we calculated does not match");
    auto r = run();
    QVERIFY(!r.ok());
    const QString text = r.error().toString();
    QVERIFY(!text.contains(kCredentials.secretAccessKey));
    QVERIFY(!text.contains(kCredentials.sessionToken));
}

void TestAwsJsonTransport::parsesHttpDates_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QDateTime>("expected");
    const QDateTime t(QDate(1994, 11, 6), QTime(8, 49, 37), Qt::UTC);
    QTest::newRow("IMF-fixdate") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << t;
    QTest::newRow("RFC 850") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << t;
    QTest::newRow("asctime") << QByteArray("Sun Nov  6 08:49:37 1994") << t;
    QTest::newRow("numeric offset") << QByteArray("Sun, 06 Nov 1994 09:49:37 +0100") << t;
    QTest::newRow("garbage") << QByteArray("yesterday") << QDateTime();
    QTest::newRow("empty") << QByteArray() << QDateTime();
}

void TestAwsJsonTransport::parsesHttpDates()
{
    QFETCH(QByteArray, header);
    QFETCH(QDateTime, expected);
    QCOMPARE(parseHttpDate(header), expected);
    if (expected.isValid())
        QCOMPARE(parseHttpDate(formatHttpDate(expected)), expected);
}

QTEST_GUILESS_MAIN(TestAwsJsonTransport)
#include "tst_awsjsontransport.moc"
