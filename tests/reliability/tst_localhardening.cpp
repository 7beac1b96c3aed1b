// The endpoint against hostile clients: SignedHeaders that would make verification quadratic,
// request heads sent a byte at a time or with bare LF line ends, more connections than it
// serves at once, and many half-sent bodies. Each is refused quickly and within bounds, and the
// endpoint keeps serving.
#include "aws/sigv4signer.h"
#include "local/localendpoint.h"
#include "local/sigv4verifier.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <optional>

using namespace local;
using namespace Qt::StringLiterals;

namespace {

const aws::AwsCredentials kCredentials { u"LOCALHARDENTEST00001"_s, u"hardening-test-secret-0123456789"_s, {}, {},
    u"test"_s };

// One complete response from the front of `buffer`, if it holds one: status and body.
std::optional<std::pair<int, QByteArray>> takeResponse(QByteArray &buffer)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    const QByteArray head = buffer.left(end);
    const qsizetype cl = head.toLower().indexOf("content-length:");
    if (cl < 0)
        return std::nullopt;
    const qsizetype eol = head.indexOf('\r', cl);
    const qint64 length = head.mid(cl + 15, eol < 0 ? -1 : eol - cl - 15).trimmed().toLongLong();
    if (buffer.size() < end + 4 + length)
        return std::nullopt;
    const int status = head.mid(9, 3).toInt();
    const QByteArray body = buffer.mid(end + 4, length);
    buffer.remove(0, end + 4 + length);
    return std::make_pair(status, body);
}

// Waits for one response on `socket` (reading into `buffer`).
std::optional<std::pair<int, QByteArray>> awaitResponse(QTcpSocket &socket, QByteArray &buffer, int timeoutMs = 10000)
{
    std::optional<std::pair<int, QByteArray>> response;
    (void)QTest::qWaitFor(
        [&] {
            buffer += socket.readAll();
            response = takeResponse(buffer);
            return response.has_value();
        },
        timeoutMs);
    return response;
}

QByteArray rawRequest(const QByteArray &target, const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: "
           "AmazonAthena."
        + target + "\r\n" + extraHeaders + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// The attack: SignedHeaders names `a` 12,000 times and the request carries 2,000 `a:` headers;
// everything else (key, scope, date, Host) passes the earlier checks.
HttpRequest quadraticRequest(const QDateTime &now)
{
    HttpRequest r;
    r.method = "POST";
    r.target = "/";
    r.version = "HTTP/1.1";
    const QByteArray date = aws::SigV4Signer::amzDate(now);
    const QByteArray names = QByteArray("a;").repeated(12000) + "host;x-amz-date";
    r.headers = { { "Host", "127.0.0.1" }, { "X-Amz-Date", date }, { "X-Amz-Target", "AmazonAthena.ListSessions" },
        { "Authorization",
            "AWS4-HMAC-SHA256 Credential=" + kCredentials.accessKeyId.toUtf8() + '/' + date.left(8)
                + "/us-east-1/athena/aws4_request, SignedHeaders=" + names + ", Signature=" + QByteArray(64, '0') } };
    for (int i = 0; i < 2000; ++i)
        r.headers.append(aws::HttpHeader { "a", {} });
    r.body = "{}";
    return r;
}

QByteArray serialize(const HttpRequest &r)
{
    QByteArray out = r.method + ' ' + r.target + ' ' + r.version + "\r\n";
    for (const aws::HttpHeader &h : r.headers)
        out += h.name + ':' + (h.value.isEmpty() ? QByteArray() : ' ' + h.value) + "\r\n";
    out += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n\r\n" + r.body;
    return out;
}

} // namespace

class TestLocalHardening : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    // B
    void quadraticSignedHeadersAreRefusedQuickly();
    void quadraticSignedHeadersOverHttp();
    void malformedSignedHeadersAreRefused_data();
    void malformedSignedHeadersAreRefused();
    void aNormalSignedRequestVerifies();
    // C1
    void aSlowRequestHeadGets408();
    // C2
    void bareLineFeedsAreRefusedByTheParser_data();
    void bareLineFeedsAreRefusedByTheParser();
    void aBareLineFeedHeadGets400AtOnce();
    // C3
    void connectionsBeyondTheCapGet503();
    // C4
    void pendingBodiesAreBoundedAcrossConnections();

private:
    void startEndpoint(EndpointOptions options);
    QTcpSocket *connectClient();

    std::unique_ptr<LocalEndpoint> m_endpoint;
    std::vector<std::unique_ptr<QTcpSocket>> m_clients;
};

void TestLocalHardening::cleanup()
{
    m_clients.clear();
    m_endpoint.reset();
}

void TestLocalHardening::startEndpoint(EndpointOptions options)
{
    options.inMemory = true;
    if (!options.noAuth)
        options.credentials = kCredentials;
    m_endpoint = std::make_unique<LocalEndpoint>(options);
    const auto started = m_endpoint->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
}

QTcpSocket *TestLocalHardening::connectClient()
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(QHostAddress::LocalHost, m_endpoint->server().port());
    if (!socket->waitForConnected(5000))
        return nullptr;
    m_clients.push_back(std::move(socket));
    return m_clients.back().get();
}

void TestLocalHardening::quadraticSignedHeadersAreRefusedQuickly()
{
    const SigV4Verifier verifier(kCredentials, u"athena"_s, aws::SystemClock::instance());
    const HttpRequest request = quadraticRequest(QDateTime::currentDateTimeUtc());
    QElapsedTimer timer;
    timer.start();
    const auto error = verifier.verify(request);
    const qint64 elapsed = timer.elapsed();
    qInfo("12,000 signed names over 2,000 headers refused in %lld ms", elapsed);
    QVERIFY2(elapsed < 2000, qPrintable(QString::number(elapsed)));
    QVERIFY(error.has_value());
    QCOMPARE(error->code, u"InvalidSignatureException"_s);
    QVERIFY2(error->message.contains(u"SignedHeaders"_s), qPrintable(error->message));
}

void TestLocalHardening::quadraticSignedHeadersOverHttp()
{
    startEndpoint({});
    const QByteArray raw = serialize(quadraticRequest(QDateTime::currentDateTimeUtc()));
    QVERIFY2(raw.size() > 30000 && raw.size() < 40000, qPrintable(QString::number(raw.size()))); // the reported 34 KB
    QTcpSocket *client = connectClient();
    QVERIFY(client);
    QElapsedTimer timer;
    timer.start();
    client->write(raw);
    QByteArray buffer;
    const auto response = awaitResponse(*client, buffer, 30000);
    const qint64 elapsed = timer.elapsed();
    qInfo("the 34 KB request answered in %lld ms", elapsed);
    QVERIFY(response.has_value());
    QCOMPARE(response->first, 400);
    QVERIFY(response->second.contains("InvalidSignatureException"));
    QVERIFY2(elapsed < 2000, qPrintable(QString::number(elapsed)));
}

void TestLocalHardening::malformedSignedHeadersAreRefused_data()
{
    QTest::addColumn<QByteArray>("names");
    QTest::addColumn<QString>("message");
    QTest::newRow("duplicate") << QByteArray("host;host;x-amz-date") << u"once"_s;
    QTest::newRow("unsorted") << QByteArray("x-amz-date;host") << u"sorted"_s;
    QTest::newRow("upper case") << QByteArray("Host;x-amz-date") << u"lower case"_s;
    QTest::newRow("empty name") << QByteArray("host;;x-amz-date") << u"lower case"_s;
    QByteArray many;
    for (int i = 0; i < 65; ++i)
        many += "h" + QByteArray::number(1000 + i) + ';';
    QTest::newRow("65 names") << QByteArray(many + "host") << u"at most 64"_s;
}

void TestLocalHardening::malformedSignedHeadersAreRefused()
{
    QFETCH(QByteArray, names);
    QFETCH(QString, message);
    HttpRequest request = quadraticRequest(QDateTime::currentDateTimeUtc());
    request.headers.resize(4);
    QByteArray &authorization = request.headers[3].value;
    const qsizetype from = authorization.indexOf("SignedHeaders=") + 14;
    authorization.replace(from, authorization.indexOf(',', from) - from, names);
    const SigV4Verifier verifier(kCredentials, u"athena"_s, aws::SystemClock::instance());
    const auto error = verifier.verify(request);
    QVERIFY(error.has_value());
    QCOMPARE(error->code, u"InvalidSignatureException"_s);
    QVERIFY2(error->message.contains(message), qPrintable(error->message));
}

void TestLocalHardening::aNormalSignedRequestVerifies()
{
    aws::SignableRequest signable;
    signable.headers = { { "Content-Type", "application/x-amz-json-1.1" }, { "Host", "127.0.0.1:8400" },
        { "X-Amz-Target", "AmazonAthena.ListSessions" }, { "X-Custom", "one" }, { "x-custom", "two" } };
    signable.body = R"({"WorkGroup":"spark-analytics"})";
    const aws::SigningResult s = aws::SigV4Signer::sign(
        signable, kCredentials, { u"us-east-1"_s, u"athena"_s, QDateTime::currentDateTimeUtc() });
    HttpRequest request;
    request.method = "POST";
    request.target = "/";
    request.version = "HTTP/1.1";
    request.headers = signable.headers + s.headersToAdd;
    request.body = signable.body;
    const SigV4Verifier verifier(kCredentials, u"athena"_s, aws::SystemClock::instance());
    const auto error = verifier.verify(request);
    QVERIFY2(!error.has_value(), qPrintable(error ? error->message : QString()));
    request.body = "{}"; // and a changed body does not
    QVERIFY(verifier.verify(request).has_value());
}

void TestLocalHardening::aSlowRequestHeadGets408()
{
    // A header line every 50 ms keeps the idle timer (120 s) from ever firing; the deadline for a
    // complete head (300 ms here) still does.
    EndpointOptions options;
    options.noAuth = true;
    options.headTimeoutMs = 300;
    startEndpoint(options);
    QTcpSocket *client = connectClient();
    QVERIFY(client);
    QElapsedTimer sinceFirstByte;
    sinceFirstByte.start();
    client->write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    QTimer drip;
    int line = 0;
    connect(&drip, &QTimer::timeout, client, [client, &line] {
        if (client->state() == QAbstractSocket::ConnectedState)
            client->write("X-Slow-" + QByteArray::number(++line) + ": 1\r\n");
    });
    drip.start(50);
    QByteArray buffer;
    const auto response = awaitResponse(*client, buffer, 10000);
    const qint64 elapsed = sinceFirstByte.elapsed();
    drip.stop();
    QVERIFY2(response.has_value(), "no answer to a head that never completes");
    qInfo("slow head answered %d after %lld ms (%d header lines sent)", response->first, elapsed, line);
    QCOMPARE(response->first, 408);
    QVERIFY(response->second.contains("RequestTimeoutException"));
    QVERIFY2(elapsed >= 300 && elapsed < 3000, qPrintable(QString::number(elapsed)));
    QTRY_VERIFY(client->state() == QAbstractSocket::UnconnectedState);

    // A head that completes in time is served, however long the connection was idle before.
    QTcpSocket *next = connectClient();
    QVERIFY(next);
    next->write(rawRequest("ListWorkGroups", "{}"));
    QByteArray nextBuffer;
    const auto ok = awaitResponse(*next, nextBuffer);
    QVERIFY(ok.has_value());
    QCOMPARE(ok->first, 200);
}

void TestLocalHardening::bareLineFeedsAreRefusedByTheParser_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status"); // 0: complete, -1: incomplete
    QTest::newRow("bare LF head") << QByteArray("GET /health HTTP/1.1\nHost: x\n\n") << 400;
    QTest::newRow("bare LF, head not finished") << QByteArray("GET /health HTTP/1.1\nHost: x") << 400;
    QTest::newRow("LF CRLF end") << QByteArray("GET /health HTTP/1.1\r\nHost: x\n\r\n") << 400;
    QTest::newRow("one bare LF inside") << QByteArray("GET /health HTTP/1.1\r\nA: 1\nB: 2\r\n\r\n") << 400;
    QTest::newRow("CRLF, unfinished") << QByteArray("GET /health HTTP/1.1\r\nHost: x\r\n") << -1;
    QTest::newRow("CRLF") << QByteArray("GET /health HTTP/1.1\r\nHost: x\r\n\r\n") << 0;
    QTest::newRow("LF in the body") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\n{\n\n}") << 0;
}

void TestLocalHardening::bareLineFeedsAreRefusedByTheParser()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    HttpRequest request;
    const HttpParseResult r = parseHttpRequest(bytes, HttpParseLimits {}, request);
    if (status == 0) {
        QCOMPARE(r.status, HttpParseResult::Status::Complete);
    } else if (status < 0) {
        QCOMPARE(r.status, HttpParseResult::Status::Incomplete);
    } else {
        QCOMPARE(r.status, HttpParseResult::Status::Error);
        QCOMPARE(r.errorStatus, status);
    }
}

void TestLocalHardening::aBareLineFeedHeadGets400AtOnce()
{
    EndpointOptions options;
    options.noAuth = true;
    startEndpoint(options);
    QTcpSocket *client = connectClient();
    QVERIFY(client);
    QElapsedTimer timer;
    timer.start();
    client->write("GET /health HTTP/1.1\nHost: 127.0.0.1\n\n");
    QByteArray buffer;
    const auto response = awaitResponse(*client, buffer, 5000); // far less than the head deadline (10 s)
    QVERIFY2(response.has_value(), "a bare-LF head was left waiting");
    qInfo("bare-LF head answered %d in %lld ms", response->first, timer.elapsed());
    QCOMPARE(response->first, 400);
    QVERIFY(response->second.contains("CRLF"));
    QTRY_VERIFY(client->state() == QAbstractSocket::UnconnectedState);
}

void TestLocalHardening::connectionsBeyondTheCapGet503()
{
    EndpointOptions options;
    options.noAuth = true;
    options.maxConnections = 2;
    startEndpoint(options);
    HttpServer &server = m_endpoint->server();
    QCOMPARE(server.maxConnections(), 2);
    QTcpSocket *first = connectClient();
    QTcpSocket *second = connectClient();
    QVERIFY(first && second);
    for (QTcpSocket *c : { first, second }) {
        c->write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QByteArray buffer;
        const auto r = awaitResponse(*c, buffer);
        QVERIFY(r.has_value());
        QCOMPARE(r->first, 200);
    }
    QCOMPARE(server.openConnections(), 2);

    QTcpSocket *third = connectClient();
    QVERIFY(third);
    QByteArray buffer;
    const auto refused = awaitResponse(*third, buffer);
    QVERIFY2(refused.has_value(), "no answer beyond the connection cap");
    QCOMPARE(refused->first, 503);
    QVERIFY(refused->second.contains("ServiceUnavailableException"));
    QTRY_VERIFY(third->state() == QAbstractSocket::UnconnectedState);
    QCOMPARE(server.refusedConnections(), quint64(1));
    QCOMPARE(server.openConnections(), 2);

    // A place frees up: the next client is served.
    first->disconnectFromHost();
    QTRY_COMPARE(server.openConnections(), 1);
    QTcpSocket *fourth = connectClient();
    QVERIFY(fourth);
    fourth->write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray fourthBuffer;
    const auto r = awaitResponse(*fourth, fourthBuffer);
    QVERIFY(r.has_value());
    QCOMPARE(r->first, 200);
    QCOMPARE(server.refusedConnections(), quint64(1));
}

void TestLocalHardening::pendingBodiesAreBoundedAcrossConnections()
{
    // Bodies of 800,000 bytes, 600,000 of them sent, against a bound of 1 MiB over all
    // connections: the second one takes the server over and gets 503; the first one finishes.
    constexpr qint64 kBound = 1024 * 1024;
    EndpointOptions options;
    options.noAuth = true;
    options.maxPendingBodyBytes = kBound;
    startEndpoint(options);
    HttpServer &server = m_endpoint->server();
    const QByteArray body = '{' + QByteArray(800000 - 2, ' ') + '}';
    const QByteArray request = rawRequest("ListWorkGroups", body);
    const qsizetype sent = request.size() - 200000;

    QTcpSocket *first = connectClient();
    QVERIFY(first);
    first->write(request.left(sent));
    QTRY_COMPARE(server.pendingInputBytes(), qint64(sent));

    QTcpSocket *second = connectClient();
    QVERIFY(second);
    second->write(request.left(sent));
    QByteArray secondBuffer;
    const auto refused = awaitResponse(*second, secondBuffer);
    QVERIFY2(refused.has_value(), "the second half-sent body was not refused");
    QCOMPARE(refused->first, 503);
    QVERIFY(refused->second.contains("ServiceUnavailableException"));
    qInfo("pending body bytes: %lld now, peak %lld, bound %lld", server.pendingInputBytes(),
        server.peakPendingInputBytes(), kBound);
    QVERIFY(server.peakPendingInputBytes() <= kBound + 64 * 1024); // at most one read beyond the bound
    QCOMPARE(server.pendingInputBytes(), qint64(sent));

    first->write(request.mid(sent));
    QByteArray firstBuffer;
    const auto done = awaitResponse(*first, firstBuffer);
    QVERIFY(done.has_value());
    QCOMPARE(done->first, 200);
    QCOMPARE(server.pendingInputBytes(), qint64(0));
}

QTEST_GUILESS_MAIN(TestLocalHardening)
#include "tst_localhardening.moc"
