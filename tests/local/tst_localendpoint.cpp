// The endpoint over HTTP: signed clients work, bad signatures and bad requests get the
// service's errors and the server keeps serving, faults are injected as configured.
#include "athena/athenaclient.h"
#include "local/localendpoint.h"

#include <QElapsedTimer>
#include <QNetworkRequest>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace athena;
using namespace local;
using namespace Qt::StringLiterals;

namespace {

const aws::AwsCredentials kCredentials{u"LOCALTESTKEY0000001"_s, u"local-test-secret-0123456789"_s, {}, {}, u"test"_s};

aws::Result<aws::AwsResponse> runCall(aws::AwsJsonTransport &transport, const QString &op, const QByteArray &body)
{
    aws::AwsCall *call = transport.call(op, body);
    std::optional<aws::Result<aws::AwsResponse>> result;
    QObject::connect(call, &aws::AwsCall::finished, call, [&result, call] { result = call->result(); });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 30000))
        return aws::AwsError::make(aws::AwsError::Kind::Timeout, u"TestTimeout"_s, {});
    return *result;
}

} // namespace

class TestLocalEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void signedClientRoundTrip();
    void unsignedRequestIsRefused();
    void wrongSecretIsRefused();
    void unknownKeyIsRefused();
    void staleClockIsCorrectedFromTheDateHeader();
    void unknownOperation();
    void notJsonIsASerializationError();
    void deepNestingIsASerializationError();
    void oversizedBodyGets413AndServerKeepsServing();
    void garbageOnTheSocketGets400();
    void faultsAreInjected_data();
    void faultsAreInjected();
    void latencyIsInjected();
    void faultsCanTargetOneOperation();
    void noAuthAcceptsUnsigned();
    void noAuthRefusesNonLoopback();
    void healthCheck();
    void expiredAndFutureSignaturesAreRefused();
    void onlyTheEndpointsRegionIsAccepted();
    void threadedEndpointStartsAndStopsAgainAndAgain();

private:
    void startEndpoint(EndpointOptions options);
    std::unique_ptr<aws::AwsJsonTransport> transport(const aws::AwsCredentials &credentials, int attempts = 3,
                                                     const QString &region = u"us-east-1"_s);

    std::unique_ptr<LocalEndpoint> m_endpoint;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

void TestLocalEndpoint::init()
{
    m_network = std::make_unique<QNetworkAccessManager>();
    EndpointOptions options;
    options.inMemory = true;
    options.credentials = kCredentials;
    startEndpoint(options);
}

void TestLocalEndpoint::cleanup()
{
    m_endpoint.reset();
}

void TestLocalEndpoint::startEndpoint(EndpointOptions options)
{
    m_endpoint = std::make_unique<LocalEndpoint>(options);
    const auto started = m_endpoint->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
}

std::unique_ptr<aws::AwsJsonTransport> TestLocalEndpoint::transport(const aws::AwsCredentials &credentials, int attempts,
                                                                     const QString &region)
{
    aws::TransportConfig config;
    config.endpoint = m_endpoint->url();
    config.region = region;
    config.maxAttempts = attempts;
    auto t = std::make_unique<aws::AwsJsonTransport>(m_network.get(), std::make_shared<aws::StaticCredentialsProvider>(credentials), config);
    t->setRandom([] { return 0.0; });
    return t;
}

void TestLocalEndpoint::signedClientRoundTrip()
{
    auto t = transport(kCredentials);
    AthenaClient client(t.get());
    QObject context;
    std::optional<aws::Result<StartSessionResult>> started;
    StartSessionRequest request;
    request.workGroup = u"spark-analytics"_s;
    request.engineConfiguration.maxConcurrentDpus = 20;
    client.startSession(request, &context, [&started](const aws::Result<StartSessionResult> &r) { started = r; });
    QTRY_VERIFY(started.has_value());
    QVERIFY2(started->ok(), qPrintable(started->ok() ? QString() : started->error().toString()));
    QVERIFY(started->value().state == SessionState::Creating);

    std::optional<aws::Result<SessionDetails>> details;
    client.getSession(started->value().sessionId, &context, [&details](const aws::Result<SessionDetails> &r) { details = r; });
    QTRY_VERIFY(details.has_value());
    QVERIFY(details->ok());
    QCOMPARE(details->value().workGroup, u"spark-analytics"_s);

    ListSessionsWalker walker(&client, ListSessionsRequest{u"spark-analytics"_s, {}, 100, {}});
    QSignalSpy done(&walker, &ListSessionsWalker::finished);
    walker.start();
    QVERIFY(done.wait(5000));
    QCOMPARE(walker.sessionCount(), 1);
}

void TestLocalEndpoint::unsignedRequestIsRefused()
{
    QNetworkRequest request(m_endpoint->url());
    request.setRawHeader("Content-Type", "application/x-amz-json-1.1");
    request.setRawHeader("X-Amz-Target", "AmazonAthena.ListWorkGroups");
    QNetworkReply *reply = m_network->post(request, "{}");
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 403);
    QVERIFY(reply->readAll().contains("MissingAuthenticationTokenException"));
    reply->deleteLater();
}

void TestLocalEndpoint::wrongSecretIsRefused()
{
    aws::AwsCredentials wrong = kCredentials;
    wrong.secretAccessKey = u"not-the-secret"_s;
    auto t = transport(wrong);
    const auto r = runCall(*t, u"ListWorkGroups"_s, "{}");
    QVERIFY(!r.ok());
    QCOMPARE(r.error().httpStatus, 400); // as Athena answers a bad signature
    QCOMPARE(r.error().code, u"InvalidSignatureException"_s);
    QVERIFY(r.error().message.contains(u"does not match"_s));
    QVERIFY(!r.error().toString().contains(u"not-the-secret"_s));
}

void TestLocalEndpoint::unknownKeyIsRefused()
{
    aws::AwsCredentials other = kCredentials;
    other.accessKeyId = u"LOCALSOMEBODYELSE000"_s;
    auto t = transport(other);
    const auto r = runCall(*t, u"ListWorkGroups"_s, "{}");
    QCOMPARE(r.error().code, u"UnrecognizedClientException"_s);
    QCOMPARE(r.error().httpStatus, 400);
}

void TestLocalEndpoint::staleClockIsCorrectedFromTheDateHeader()
{
    // The client's clock is an hour behind: the endpoint says "Signature expired" with its Date,
    // the transport corrects its offset and the call succeeds on the next attempt.
    aws::ManualClock slow(QDateTime::currentDateTimeUtc().addSecs(-3600));
    auto t = transport(kCredentials);
    t->setClock(&slow);
    QSignalSpy skew(t.get(), &aws::AwsJsonTransport::clockSkewCorrected);
    const auto r = runCall(*t, u"ListWorkGroups"_s, "{}");
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
    QCOMPARE(skew.size(), 1);
    QVERIFY(std::abs(t->clockSkewMs() - 3600 * 1000) < 5000);

    // A fresh transport with the same slow clock sees the service's own error on its first try.
    auto fresh = transport(kCredentials);
    fresh->setClock(&slow);
    QSignalSpy failed(fresh.get(), &aws::AwsJsonTransport::clockSkewCorrected);
    aws::AwsCall *call = fresh->call(u"ListWorkGroups"_s, "{}");
    QSignalSpy attempt(call, &aws::AwsCall::attemptFailed);
    QTRY_COMPARE(attempt.size(), 1);
    const aws::AwsError first = attempt.first().at(0).value<aws::AwsError>();
    QCOMPARE(first.code, u"InvalidSignatureException"_s);
    QVERIFY(first.message.startsWith(u"Signature expired:"_s));
}

void TestLocalEndpoint::unknownOperation()
{
    auto t = transport(kCredentials);
    const auto r = runCall(*t, u"DropAllTables"_s, "{}");
    QCOMPARE(r.error().code, u"UnknownOperationException"_s);
    QCOMPARE(r.error().httpStatus, 400);
}

void TestLocalEndpoint::notJsonIsASerializationError()
{
    auto t = transport(kCredentials);
    const auto r = runCall(*t, u"GetSession"_s, "{\"SessionId\": ");
    QCOMPARE(r.error().code, u"SerializationException"_s);
    const auto array = runCall(*t, u"GetSession"_s, "[1,2,3]");
    QCOMPARE(array.error().code, u"SerializationException"_s);
}

void TestLocalEndpoint::deepNestingIsASerializationError()
{
    auto t = transport(kCredentials);
    const QByteArray deep = QByteArray("{\"a\":").repeated(5000) + "1" + QByteArray("}").repeated(5000);
    const auto r = runCall(*t, u"GetSession"_s, deep);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, u"SerializationException"_s);
    QVERIFY(runCall(*t, u"ListWorkGroups"_s, "{}").ok());
}

void TestLocalEndpoint::oversizedBodyGets413AndServerKeepsServing()
{
    auto t = transport(kCredentials, 1);
    const QByteArray huge = "{\"Description\":\"" + QByteArray(5 * 1024 * 1024, 'x') + "\"}";
    const auto r = runCall(*t, u"StartSession"_s, huge);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().httpStatus, 413);
    QCOMPARE(r.error().code, u"RequestEntityTooLargeException"_s);
    QVERIFY(runCall(*t, u"ListWorkGroups"_s, "{}").ok());
}

void TestLocalEndpoint::garbageOnTheSocketGets400()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_endpoint->server().port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("THIS IS NOT HTTP\r\n\r\n");
    QTRY_VERIFY(socket.bytesAvailable() > 0 || socket.state() != QAbstractSocket::ConnectedState);
    QVERIFY(socket.readAll().startsWith("HTTP/1.1 400"));
    auto t = transport(kCredentials);
    QVERIFY(runCall(*t, u"ListWorkGroups"_s, "{}").ok());
}

void TestLocalEndpoint::faultsAreInjected_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("code");
    QTest::newRow("errors") << u"error=1"_s << static_cast<int>(aws::AwsError::Kind::Service) << u"InternalServerException"_s;
    QTest::newRow("throttling") << u"throttle=1"_s << static_cast<int>(aws::AwsError::Kind::Service) << u"ThrottlingException"_s;
    QTest::newRow("drops") << u"drop=1"_s << static_cast<int>(aws::AwsError::Kind::Network) << u"NetworkError"_s;
}

void TestLocalEndpoint::faultsAreInjected()
{
    QFETCH(QString, spec);
    QFETCH(int, kind);
    QFETCH(QString, code);
    EndpointOptions options;
    options.inMemory = true;
    options.credentials = kCredentials;
    options.faults = {FaultRule::parse(spec).value()};
    options.faultSeed = 3;
    startEndpoint(options);
    auto t = transport(kCredentials);
    const auto r = runCall(*t, u"ListWorkGroups"_s, "{}");
    QVERIFY(!r.ok());
    QCOMPARE(static_cast<int>(r.error().kind), kind);
    QCOMPARE(r.error().code, code);
    QVERIFY(r.error().httpStatus == 0 || r.error().httpStatus >= 400);
}

void TestLocalEndpoint::latencyIsInjected()
{
    EndpointOptions options;
    options.inMemory = true;
    options.credentials = kCredentials;
    options.faults = {FaultRule::parse(u"latency=200"_s).value()};
    startEndpoint(options);
    auto t = transport(kCredentials);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(runCall(*t, u"ListWorkGroups"_s, "{}").ok());
    QVERIFY2(timer.elapsed() >= 200, qPrintable(QString::number(timer.elapsed())));
}

void TestLocalEndpoint::faultsCanTargetOneOperation()
{
    EndpointOptions options;
    options.inMemory = true;
    options.credentials = kCredentials;
    options.faults = {FaultRule::parse(u"GetSession:error=1"_s).value()};
    startEndpoint(options);
    auto t = transport(kCredentials);
    QVERIFY(runCall(*t, u"ListWorkGroups"_s, "{}").ok());
    QCOMPARE(runCall(*t, u"GetSession"_s, R"({"SessionId":"x"})").error().code, u"InternalServerException"_s);
    QCOMPARE(m_endpoint->faults().counts().value(u"error"_s), 3u); // every attempt of the call
    QVERIFY(!FaultRule::parse(u"error=2"_s).ok());
    QVERIFY(!FaultRule::parse(u"boom=0.1"_s).ok());
    QVERIFY(!FaultRule::parse(u"error=0.6,throttle=0.6"_s).ok());
    QVERIFY(FaultRule::parse(u"StartSession:error=0.2,throttle=0.1,drop=0.05,latency=5-50"_s).ok());
}

void TestLocalEndpoint::noAuthAcceptsUnsigned()
{
    EndpointOptions options;
    options.inMemory = true;
    options.noAuth = true;
    startEndpoint(options);
    QNetworkRequest request(m_endpoint->url());
    request.setRawHeader("Content-Type", "application/x-amz-json-1.1");
    request.setRawHeader("X-Amz-Target", "AmazonAthena.ListEngineVersions");
    QNetworkReply *reply = m_network->post(request, "{}");
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(reply->readAll().contains("EngineVersions"));
    reply->deleteLater();
}

void TestLocalEndpoint::noAuthRefusesNonLoopback()
{
    EndpointOptions options;
    options.inMemory = true;
    options.noAuth = true;
    options.bind = QHostAddress::AnyIPv4;
    LocalEndpoint endpoint(options);
    const auto r = endpoint.start();
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, u"InsecureBind"_s);
}

void TestLocalEndpoint::healthCheck()
{
    QNetworkReply *reply = m_network->get(QNetworkRequest(m_endpoint->url().resolved(QUrl(u"/health"_s))));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
}

void TestLocalEndpoint::expiredAndFutureSignaturesAreRefused()
{
    for (const int offsetMinutes : {-20, 20}) {
        aws::SignableRequest signable;
        const QByteArray host = "127.0.0.1:" + QByteArray::number(m_endpoint->server().port());
        signable.headers = {{"Content-Type", "application/x-amz-json-1.1"}, {"Host", host}, {"X-Amz-Target", "AmazonAthena.ListWorkGroups"}};
        signable.body = "{}";
        const aws::SigningResult s = aws::SigV4Signer::sign(
            signable, kCredentials, {u"us-east-1"_s, u"athena"_s, QDateTime::currentDateTimeUtc().addSecs(offsetMinutes * 60)});
        QNetworkRequest request(m_endpoint->url());
        for (const aws::HttpHeader &h : signable.headers + s.headersToAdd)
            request.setRawHeader(h.name, h.value);
        QNetworkReply *reply = m_network->post(request, signable.body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
        const QByteArray body = reply->readAll();
        QVERIFY2(body.contains(offsetMinutes < 0 ? "Signature expired" : "Signature not yet current"), body.constData());
        reply->deleteLater();
    }
    auto t = transport(kCredentials);
    QVERIFY(runCall(*t, u"ListWorkGroups"_s, "{}").ok()); // and it keeps serving
}

void TestLocalEndpoint::onlyTheEndpointsRegionIsAccepted()
{
    // The default endpoint serves us-east-1 (what the app's sandbox signs for): a signature
    // scoped to another region is refused as the service refuses it.
    QCOMPARE(EndpointOptions().region, u"us-east-1"_s);
    auto elsewhere = transport(kCredentials, 1, u"eu-west-1"_s);
    const auto refused = runCall(*elsewhere, u"ListWorkGroups"_s, "{}");
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().httpStatus, 400);
    QCOMPARE(refused.error().code, u"InvalidSignatureException"_s);
    QVERIFY2(refused.error().message.startsWith(u"Credential should be scoped to a valid region"_s), qPrintable(refused.error().message));
    QVERIFY(runCall(*transport(kCredentials), u"ListWorkGroups"_s, "{}").ok());

    // An endpoint configured for eu-west-1 takes exactly that region.
    EndpointOptions options;
    options.inMemory = true;
    options.credentials = kCredentials;
    options.region = u"eu-west-1"_s;
    startEndpoint(options);
    QVERIFY(runCall(*transport(kCredentials, 1, u"eu-west-1"_s), u"ListWorkGroups"_s, "{}").ok());
    const auto east = runCall(*transport(kCredentials, 1), u"ListWorkGroups"_s, "{}");
    QVERIFY(!east.ok());
    QVERIFY2(east.error().message.contains(u"valid region"_s), qPrintable(east.error().message));
}

QTEST_GUILESS_MAIN(TestLocalEndpoint)
void TestLocalEndpoint::threadedEndpointStartsAndStopsAgainAndAgain()
{
    // The app's sandbox thread, started, used and stopped 20 times: every stop deletes the endpoint
    // on its thread and the thread's context only after the thread has finished (run under the
    // sanitizers in CI).
    for (int i = 0; i < 20; ++i) {
        EndpointOptions options;
        options.inMemory = true;
        options.seedSessions = 0;
        auto thread = std::make_unique<LocalEndpointThread>(options);
        QVERIFY(thread->start().ok());
        aws::TransportConfig config;
        config.endpoint = thread->url();
        config.region = u"us-east-1"_s;
        aws::AwsJsonTransport t(m_network.get(), std::make_shared<aws::StaticCredentialsProvider>(thread->credentials()), config);
        aws::AwsCall *call = t.call(u"ListWorkGroups"_s, "{}");
        QSignalSpy finished(call, &aws::AwsCall::finished);
        QVERIFY(finished.wait(10000));
        const aws::Result<aws::AwsResponse> &r = call->result();
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().toString()));
        thread->stop();
        thread->stop(); // twice is harmless
    }
}

#include "tst_localendpoint.moc"
