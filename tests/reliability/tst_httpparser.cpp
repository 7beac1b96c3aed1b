// The endpoint's HTTP request parser against hostile Content-Length values: every one is a clean
// 400 or 413 with arithmetic that cannot overflow (run under UBSan in the sanitizer stage).
#include "local/httpserver.h"

#include <QTest>

#include <limits>

class TestHttpParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void contentLength_data();
    void contentLength();
    void partOfARefusedBodyAlreadyRead();
};

void TestHttpParser::contentLength_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("status"); // 0: parsed
    QTest::addColumn<qint64>("unread");
    const QByteArray max63 = QByteArray::number(std::numeric_limits<qint64>::max());
    const QByteArray max64 = QByteArray::number(std::numeric_limits<quint64>::max());
    QTest::newRow("2^63-1") << max63 << 413 << qint64(0);
    QTest::newRow("2^64-1") << max64 << 413 << qint64(0);
    QTest::newRow("2^64") << QByteArray("18446744073709551616") << 413 << qint64(0);
    QTest::newRow("a thousand digits") << QByteArray(1000, '9') << 413 << qint64(0);
    QTest::newRow("18 nines") << QByteArray(18, '9') << 413 << qint64(999'999'999'999'999'999) - 2;
    QTest::newRow("negative") << QByteArray("-1") << 400 << qint64(0);
    QTest::newRow("plus sign") << QByteArray("+2") << 400 << qint64(0);
    QTest::newRow("hex") << QByteArray("0x2") << 400 << qint64(0);
    QTest::newRow("inner space") << QByteArray("1 2") << 400 << qint64(0);
    QTest::newRow("empty") << QByteArray() << 400 << qint64(0);
    QTest::newRow("two") << QByteArray("2") << 0 << qint64(0);
    QTest::newRow("leading zeros") << QByteArray("0002") << 0 << qint64(0);
}

void TestHttpParser::contentLength()
{
    QFETCH(QByteArray, value);
    QFETCH(int, status);
    QFETCH(qint64, unread);
    QByteArray buffer = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + value + "\r\n\r\n{}";
    local::HttpRequest request;
    const local::HttpParseResult r = local::parseHttpRequest(buffer, local::HttpParseLimits{4096, 1024}, request);
    if (status == 0) {
        QCOMPARE(r.status, local::HttpParseResult::Status::Complete);
        QCOMPARE(request.body, QByteArray("{}"));
        return;
    }
    QCOMPARE(r.status, local::HttpParseResult::Status::Error);
    QCOMPARE(r.errorStatus, status);
    if (unread > 0)
        QCOMPARE(r.unreadBodyBytes, unread);
    QVERIFY(r.unreadBodyBytes >= 0);
}

void TestHttpParser::partOfARefusedBodyAlreadyRead()
{
    // 2,000 bytes announced over a limit of 1,024, 500 of them already in the buffer.
    QByteArray buffer = "POST / HTTP/1.1\r\nContent-Length: 2000\r\n\r\n" + QByteArray(500, 'x');
    local::HttpRequest request;
    const local::HttpParseResult r = local::parseHttpRequest(buffer, local::HttpParseLimits{4096, 1024}, request);
    QCOMPARE(r.errorStatus, 413);
    QCOMPARE(r.unreadBodyBytes, qint64(1500));
}

QTEST_GUILESS_MAIN(TestHttpParser)
#include "tst_httpparser.moc"
