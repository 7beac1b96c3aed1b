// The transport over real sockets on loopback: what Qt actually puts on the wire is what was
// signed, dropped connections and error statuses are retried with identical bodies, a silent
// server times out, a closed port is a network error.
#include "aws/awsjsontransport.h"
#include "support/loopback.h"
#include "support/scriptedhttpserver.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QSignalSpy>
#include <QFile>
#include <QProcess>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace aws;
using namespace testing;
using namespace Qt::StringLiterals;

namespace {

const AwsCredentials kCredentials{u"AKIDLOOP"_s, u"loopback-secret"_s, {}, {}, u"test"_s};

} // namespace

class TestTransportLoopback : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void wireRequestVerifiesAgainstSignature();
    void droppedConnectionIsRetriedWithTheSameBody();
    void serviceUnavailableThenSuccess();
    void silentServerTimesOut();
    void closedPortIsANetworkError();
    void untrustedCertificateIsRefused();
    void endlessChunkedBodyStopsAtTheCap();
    void resultBeforeFinishedIsAnError();
    void wholeCallHasOneDeadline();
    void retriedTimeoutsSayHowLongTheCallTook();
    void destroyingTheTransportFinishesEveryCall();

private:
    Result<AwsResponse> run(const QByteArray &body = R"({"WorkGroup":"spark"})");
    void makeTransport(int requestTimeoutMs = 5000, quint16 port = 0, int callTimeoutMs = 90000, int maxAttempts = 3);

    std::unique_ptr<ScriptedHttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<AwsJsonTransport> m_transport;
};

void TestTransportLoopback::init()
{
    m_server = std::make_unique<ScriptedHttpServer>();
    QVERIFY(m_server->listen());
    m_network = std::make_unique<QNetworkAccessManager>();
    makeTransport();
}

void TestTransportLoopback::makeTransport(int requestTimeoutMs, quint16 port, int callTimeoutMs, int maxAttempts)
{
    TransportConfig config;
    config.endpoint = QUrl(u"http://127.0.0.1:%1/"_s.arg(port ? port : m_server->port()));
    config.region = u"us-east-1"_s;
    config.requestTimeoutMs = requestTimeoutMs;
    config.callTimeoutMs = callTimeoutMs;
    config.maxAttempts = maxAttempts;
    m_transport = std::make_unique<AwsJsonTransport>(m_network.get(), std::make_shared<StaticCredentialsProvider>(kCredentials),
                                                     config);
    m_transport->setRandom([] { return 0.0; });
}

Result<AwsResponse> TestTransportLoopback::run(const QByteArray &body)
{
    AwsCall *call = m_transport->call(u"ListSessions"_s, body);
    std::optional<Result<AwsResponse>> result;
    connect(call, &AwsCall::finished, this, [&result, call] { result = call->result(); });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 20000))
        return AwsError::make(AwsError::Kind::Timeout, u"TestTimeout"_s, u"call did not finish"_s);
    return *result;
}

void TestTransportLoopback::wireRequestVerifiesAgainstSignature()
{
    m_server->script = {ScriptedHttpServer::Action::respond(200, R"({"Sessions":[]})", {{"x-amzn-RequestId", "loop-1"}})};
    auto r = run();
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
    QCOMPARE(r->requestId, u"loop-1"_s);
    QCOMPARE(m_server->received.size(), 1);
    const ScriptedHttpServer::Received &got = m_server->received.first();
    QCOMPARE(got.method, QByteArray("POST"));
    QCOMPARE(got.path, QByteArray("/"));
    QCOMPARE(got.header("Host"), "127.0.0.1:" + QByteArray::number(m_server->port()));

    // Re-sign from what arrived, as a server would verify it.
    const QByteArray auth = got.header("Authorization");
    const QByteArray signedList = auth.mid(auth.indexOf("SignedHeaders=") + 14).split(',').first();
    SignableRequest s;
    s.body = got.body;
    for (const QByteArray &name : signedList.split(';')) {
        if (name != "x-amz-date")
            s.headers.append({name, got.header(name)});
    }
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(got.header("X-Amz-Date")), u"yyyyMMdd'T'HHmmss'Z'"_s);
    SigningOptions o{u"us-east-1"_s, u"athena"_s, QDateTime(when.date(), when.time(), Qt::UTC)};
    QCOMPARE(SigV4Signer::sign(s, kCredentials, o).authorization, auth);
}

void TestTransportLoopback::droppedConnectionIsRetriedWithTheSameBody()
{
    // Qt resends once by itself when a connection drops before any answer; the transport's own
    // retry takes over when Qt gives up. Every copy that reaches the server is byte-identical.
    m_server->script = {ScriptedHttpServer::Action::close(), ScriptedHttpServer::Action::close()};
    const QByteArray body = R"({"WorkGroup":"spark","MaxResults":100,"NextToken":"abc=="})";
    auto r = run(body);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
    QVERIFY2(r->attempts >= 2, "the transport itself retried");
    QCOMPARE(m_server->received.size(), 3);
    for (const ScriptedHttpServer::Received &got : std::as_const(m_server->received))
        QCOMPARE(got.body, body);
}

void TestTransportLoopback::serviceUnavailableThenSuccess()
{
    m_server->script = {ScriptedHttpServer::Action::respond(503, R"({"__type":"ServiceUnavailable","message":"x"})"),
                        ScriptedHttpServer::Action::respond(400, R"({"__type":"ThrottlingException","message":"Rate exceeded"})"),
                        ScriptedHttpServer::Action::respond(200, R"({"Sessions":[]})")};
    auto r = run();
    QVERIFY(r.ok());
    QCOMPARE(r->attempts, 3);
}

void TestTransportLoopback::silentServerTimesOut()
{
    makeTransport(300);
    m_server->fallback = ScriptedHttpServer::Action::hang();
    auto r = run();
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, AwsError::Kind::Timeout);
    QVERIFY(r.error().outcomeUnknown);
    QCOMPARE(m_server->received.size(), 3); // each attempt timed out and was retried
}

void TestTransportLoopback::closedPortIsANetworkError()
{
    const quint16 closedPort = testing::unusedLoopbackPort();
    QVERIFY(closedPort != 0);
    makeTransport(5000, closedPort);
    auto r = run();
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, AwsError::Kind::Network);
    QVERIFY(!r.error().outcomeUnknown); // never sent
}

void TestTransportLoopback::untrustedCertificateIsRefused()
{
    // An HTTPS endpoint with a self-signed certificate: the transport refuses it (there is no
    // setting that turns certificate checks off).
    if (!QSslSocket::supportsSsl())
        QSKIP("[peer:qt-tls] no TLS backend in this Qt");
    QTemporaryDir dir;
    QProcess openssl;
    openssl.start(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-days"_s, u"1"_s,
                                 u"-subj"_s, u"/CN=127.0.0.1"_s, u"-keyout"_s, dir.filePath(u"key.pem"_s),
                                 u"-out"_s, dir.filePath(u"cert.pem"_s)});
    if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0)
        QSKIP("[peer:openssl] openssl could not make a test certificate");
    QFile certFile(dir.filePath(u"cert.pem"_s));
    QFile keyFile(dir.filePath(u"key.pem"_s));
    QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(certFile.readAll()));
    tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
    QSslServer server;
    server.setSslConfiguration(tls);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    int handshakes = 0;
    connect(&server, &QSslServer::startedEncryptionHandshake, this, [&handshakes] { ++handshakes; });

    TransportConfig config;
    config.endpoint = QUrl(u"https://127.0.0.1:%1/"_s.arg(server.serverPort()));
    config.region = u"us-east-1"_s;
    config.maxAttempts = 1;
    m_transport = std::make_unique<AwsJsonTransport>(m_network.get(), std::make_shared<StaticCredentialsProvider>(kCredentials), config);
    auto r = run();
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, AwsError::Kind::Network);
    QVERIFY2(r.error().message.contains(u"SSL"_s) || r.error().message.contains(u"certificate"_s, Qt::CaseInsensitive),
             qPrintable(r.error().message));
    QVERIFY(handshakes >= 1);
    QVERIFY(!r.error().toString().contains(kCredentials.secretAccessKey));
}

void TestTransportLoopback::endlessChunkedBodyStopsAtTheCap()
{
    // A hostile endpoint answers 200 with a chunked body that never ends. The cap counts bytes
    // received, so the call fails at it and the server cannot push far beyond it.
    QTcpServer hostile;
    QVERIFY(hostile.listen(QHostAddress::LocalHost, 0));
    qint64 sent = 0;
    const QByteArray chunk = "10000\r\n" + QByteArray(0x10000, 'x') + "\r\n"; // 64 KiB a chunk
    connect(&hostile, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *s = hostile.nextPendingConnection();
        auto pump = [s, &sent, chunk] {
            while (s->state() == QAbstractSocket::ConnectedState && s->bytesToWrite() < 1024 * 1024 && sent < 512LL * 1024 * 1024) {
                s->write(chunk);
                sent += chunk.size();
            }
        };
        connect(s, &QTcpSocket::readyRead, s, [s, pump] {
            if (s->property("answered").toBool())
                return;
            s->readAll();
            s->setProperty("answered", true);
            s->write("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
            pump();
        });
        connect(s, &QTcpSocket::bytesWritten, s, pump);
    });
    TransportConfig config;
    config.endpoint = QUrl(u"http://127.0.0.1:%1/"_s.arg(hostile.serverPort()));
    config.region = u"us-east-1"_s;
    config.maxAttempts = 1;
    config.maxResponseBytes = 8 * 1024 * 1024;
    m_transport = std::make_unique<AwsJsonTransport>(m_network.get(), std::make_shared<StaticCredentialsProvider>(kCredentials), config);
    auto r = run();
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, u"ResponseTooLarge"_s);
    qInfo("the hostile server got %lld bytes out before the call stopped at its 8 MiB cap", sent);
    QVERIFY2(sent < 32LL * 1024 * 1024, qPrintable(QString::number(sent)));
}

void TestTransportLoopback::resultBeforeFinishedIsAnError()
{
    m_server->script = {ScriptedHttpServer::Action::respond(200, R"({"Sessions":[]})")};
    AwsCall *call = m_transport->call(u"ListSessions"_s, "{}");
    QVERIFY(!call->isFinished());
    QVERIFY(!call->result().ok()); // not undefined behaviour
    QCOMPARE(call->result().error().code, u"NotFinished"_s);
    QSignalSpy finished(call, &AwsCall::finished);
    QVERIFY(finished.wait(10000));
    QVERIFY(call->result().ok());
}

void TestTransportLoopback::wholeCallHasOneDeadline()
{
    // Attempts of 400 ms, as many as the deadline allows: the call ends at its 1 s deadline, not
    // after 10 attempts, and says so (athenactl once said "within 60000 ms" after 183 s).
    makeTransport(400, 0, 1000, 10);
    m_server->fallback = ScriptedHttpServer::Action::hang();
    QElapsedTimer clock;
    clock.start();
    auto r = run();
    const qint64 took = clock.elapsed();
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, AwsError::Kind::Timeout);
    // About three attempts fit (fewer on a loaded machine); the message counts them truly.
    const qsizetype attempts = m_server->received.size();
    QVERIFY2(attempts >= 2 && attempts <= 3, qPrintable(QString::number(attempts)));
    QVERIFY2(r.error().message.contains(u"within 1 s, the deadline of the whole call (%1 attempts)"_s.arg(attempts)),
             qPrintable(r.error().message));
    QVERIFY(r.error().outcomeUnknown);
    QVERIFY2(took >= 900 && took < 5000, qPrintable(QString::number(took)));
}

void TestTransportLoopback::retriedTimeoutsSayHowLongTheCallTook()
{
    makeTransport(300, 0, 0, 3); // no call deadline: three attempts of 300 ms
    m_server->fallback = ScriptedHttpServer::Action::hang();
    auto r = run();
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, AwsError::Kind::Timeout);
    // The per-attempt limit and the whole call's attempts and time, both stated.
    QVERIFY2(r.error().message.contains(u"within 300 ms (3 attempts in "_s), qPrintable(r.error().message));
}

void TestTransportLoopback::destroyingTheTransportFinishesEveryCall()
{
    // A profile switch destroys the transport mid-call: finished() still comes, exactly once.
    m_server->fallback = ScriptedHttpServer::Action::hang();
    QSignalSpy received(m_server.get(), &ScriptedHttpServer::requestReceived);
    QPointer<AwsCall> call = m_transport->call(u"StartSession"_s, "{}");
    int finished = 0;
    std::optional<Result<AwsResponse>> result;
    connect(call, &AwsCall::finished, this, [&] {
        ++finished;
        result = call->result();
    });
    QVERIFY(received.wait(10000));
    m_transport.reset();
    QCOMPARE(finished, 1);
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().kind, AwsError::Kind::Cancelled);
    QVERIFY(result->error().outcomeUnknown); // it was sent: it may have started a session
    QVERIFY(result->error().message.contains(u"connection it used was closed"_s));
    QTRY_VERIFY(call.isNull());
    QTest::qWait(50);
    QCOMPARE(finished, 1);
}

QTEST_GUILESS_MAIN(TestTransportLoopback)
#include "tst_transportloopback.moc"
