// Back-pressure in the endpoint's HTTP server: a client that pipelines requests and never reads
// the answers stops being read once 1 MiB of its answers is waiting, so the server's memory stays
// bounded while other clients are served; it is served again as soon as it reads. A bound on all
// connections together holds when many such clients gang up.
#include "local/localendpoint.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <optional>

using namespace local;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMiB = 1024 * 1024;

double rssMb()
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

QByteArray listSessionsRequest()
{
    const QByteArray body = R"({"WorkGroup":"spark-analytics","MaxResults":100})";
    return "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\n"
           "X-Amz-Target: AmazonAthena.ListSessions\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

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

// A client that sends `request` and waits for its answer (keep-alive).
std::optional<std::pair<int, QByteArray>> roundTrip(
    QTcpSocket &socket, const QByteArray &request, int timeoutMs = 10000)
{
    socket.write(request);
    QByteArray buffer;
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

} // namespace

class TestLocalBackPressure : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void aClientThatNeverReadsIsBounded();
    void manyClientsThatNeverReadShareATotalBound();

private:
    void startEndpoint(EndpointOptions options);

    std::unique_ptr<LocalEndpoint> m_endpoint;
    qint64 m_responseBytes = 0; // one ListSessions answer, head and body (they vary a little: counted twice below)
};

void TestLocalBackPressure::init()
{
    EndpointOptions options;
    options.inMemory = true;
    options.noAuth = true;
    options.seedSessions = 100;
    options.seedWorkGroups = { u"spark-analytics"_s };
    startEndpoint(options);
}

void TestLocalBackPressure::cleanup()
{
    m_endpoint.reset();
}

void TestLocalBackPressure::startEndpoint(EndpointOptions options)
{
    m_endpoint = std::make_unique<LocalEndpoint>(options);
    const auto started = m_endpoint->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, m_endpoint->server().port());
    QVERIFY(probe.waitForConnected(5000));
    const auto answer = roundTrip(probe, listSessionsRequest());
    QVERIFY(answer.has_value());
    QCOMPARE(answer->first, 200);
    m_responseBytes = answer->second.size() + 300; // and its head
    QVERIFY2(m_responseBytes > 10000, qPrintable(QString::number(m_responseBytes)));
}

void TestLocalBackPressure::aClientThatNeverReadsIsBounded()
{
    HttpServer &server = m_endpoint->server();
    // Enough pipelined requests for ~40 MB of answers: far more than the kernel's socket buffers
    // take, so without back-pressure the server would hold most of it.
    const int requests = static_cast<int>(40 * kMiB / m_responseBytes);
    const quint64 servedBefore = server.requestsServed();
    const double rssBefore = rssMb();

    QTcpSocket flood;
    flood.setReadBufferSize(4096); // this client never reads: its kernel buffer fills, then the server's
    flood.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(flood.waitForConnected(5000));
    flood.write(listSessionsRequest().repeated(requests));

    // Either the server stops reading the client (back-pressure) or it answers everything.
    QTRY_VERIFY_WITH_TIMEOUT(
        server.pausedConnections() == 1 || server.requestsServed() - servedBefore == quint64(requests), 60000);
    // Another client is served meanwhile.
    QTcpSocket other;
    other.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(other.waitForConnected(5000));
    const auto answer = roundTrip(other, listSessionsRequest());
    QVERIFY(answer.has_value());
    QCOMPARE(answer->first, 200);

    const quint64 served = server.requestsServed() - servedBefore - 1;
    const double rssGrowth = rssMb() - rssBefore;
    // At most one answer beyond the per-connection bound is ever buffered.
    const qint64 bound = HttpServer::kDefaultMaxConnectionOutputBytes + 2 * m_responseBytes;
    qInfo("back-pressure: %llu of %d pipelined requests served (~%lld MB of answers had all been); buffered output "
          "%lld bytes "
          "(peak %lld, bound %lld); process RSS grew %.1f MB",
        served, requests, requests * m_responseBytes / kMiB, server.bufferedOutputBytes(),
        server.peakBufferedOutputBytes(), bound, rssGrowth);
    QVERIFY2(server.peakBufferedOutputBytes() <= bound,
        qPrintable(u"the server buffered %1 bytes of answers for a client that does not read"_s.arg(
            server.peakBufferedOutputBytes())));
    QVERIFY(served < quint64(requests));
    QVERIFY2(rssGrowth < 24, qPrintable(u"RSS grew by %1 MB"_s.arg(rssGrowth)));

    // Once the client reads, the server resumes and answers every request, in order.
    int answers = 0;
    QByteArray buffer;
    connect(&flood, &QTcpSocket::readyRead, this, [&] {
        buffer += flood.readAll();
        while (const auto r = takeResponse(buffer)) {
            if (r->first == 200)
                ++answers;
        }
    });
    flood.setReadBufferSize(0);
    buffer += flood.readAll();
    while (const auto r = takeResponse(buffer))
        answers += r->first == 200 ? 1 : 0;
    QTRY_COMPARE_WITH_TIMEOUT(answers, requests, 60000);
    QCOMPARE(server.pausedConnections(), 0);
    QTRY_COMPARE(server.bufferedOutputBytes(), qint64(0));
    QVERIFY2(server.peakBufferedOutputBytes() <= bound, qPrintable(QString::number(server.peakBufferedOutputBytes())));
}

void TestLocalBackPressure::manyClientsThatNeverReadShareATotalBound()
{
    // Three clients that never read against a total bound of 2 MiB (1 MiB each): beyond the
    // total, no connection is read; when two of them go away, the rest is served again.
    EndpointOptions options;
    options.inMemory = true;
    options.noAuth = true;
    options.seedSessions = 100;
    options.seedWorkGroups = { u"spark-analytics"_s };
    options.maxTotalOutputBytes = 2 * kMiB;
    startEndpoint(options);
    HttpServer &server = m_endpoint->server();
    const int requests = static_cast<int>(24 * kMiB / m_responseBytes);

    std::vector<std::unique_ptr<QTcpSocket>> floods;
    for (int i = 0; i < 3; ++i) {
        auto s = std::make_unique<QTcpSocket>();
        s->setReadBufferSize(4096);
        s->connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(s->waitForConnected(5000));
        s->write(listSessionsRequest().repeated(requests));
        floods.push_back(std::move(s));
    }
    QTRY_VERIFY_WITH_TIMEOUT(server.pausedConnections() == 3, 60000);
    const qint64 bound = 2 * kMiB + 2 * m_responseBytes;
    qInfo("total bound: buffered output %lld bytes, peak %lld, bound %lld", server.bufferedOutputBytes(),
        server.peakBufferedOutputBytes(), bound);
    QVERIFY(server.peakBufferedOutputBytes() <= bound);

    // A new client waits while the total is over; once two of the clients that never read have
    // gone, it is answered.
    QTcpSocket other;
    other.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(other.waitForConnected(5000));
    other.write(listSessionsRequest());
    floods.at(0)->abort();
    floods.at(1)->abort();
    QByteArray buffer;
    std::optional<std::pair<int, QByteArray>> answer;
    QTRY_VERIFY_WITH_TIMEOUT(
        answer.has_value() || (buffer += other.readAll(), answer = takeResponse(buffer), answer.has_value()), 30000);
    QCOMPARE(answer->first, 200);
    QVERIFY(server.peakBufferedOutputBytes() <= bound);
}

QTEST_GUILESS_MAIN(TestLocalBackPressure)
#include "tst_localbackpressure.moc"
