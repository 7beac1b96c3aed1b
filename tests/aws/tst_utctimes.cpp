// Times on the wire are UTC and are parsed as UTC fields, never as local time relabelled: run
// (by CTest) with TZ=Europe/Berlin, across the spring-forward gap and the autumn repeat.
#include "aws/clock.h"
#include "aws/httpdate.h"
#include "aws/sigv4signer.h"
#include "local/sigv4verifier.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

class TestUtcTimes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runsInBerlin();
    void httpDates_data();
    void httpDates();
    void amzDates_data();
    void amzDates();
    void verifierAcceptsSignaturesMadeInTheGap();
};

namespace {

// Berlin's 2026 changes: 29 March 02:00 local does not exist (01:00 UTC on), and 25 October
// 02:00–03:00 local happens twice. The times below, read as Berlin local time, fall into those.
const QDateTime kInSpringGap(QDate(2026, 3, 29), QTime(2, 30, 0), Qt::UTC);
const QDateTime kInAutumnRepeat(QDate(2026, 10, 25), QTime(2, 30, 0), Qt::UTC);

} // namespace

void TestUtcTimes::runsInBerlin()
{
    // The test is meaningless in UTC: make sure CTest's TZ took effect.
    QCOMPARE(QDateTime(QDate(2026, 7, 1), QTime(12, 0), Qt::LocalTime).offsetFromUtc(), 2 * 3600);
    QCOMPARE(QDateTime(QDate(2026, 1, 15), QTime(12, 0), Qt::LocalTime).offsetFromUtc(), 3600);
}

void TestUtcTimes::httpDates_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QDateTime>("expected");
    QTest::newRow("IMF-fixdate in the spring gap") << QByteArray("Sun, 29 Mar 2026 02:30:00 GMT") << kInSpringGap;
    QTest::newRow("RFC 850 in the spring gap") << QByteArray("Sunday, 29-Mar-26 02:30:00 GMT") << kInSpringGap;
    QTest::newRow("asctime in the spring gap") << QByteArray("Sun Mar 29 02:30:00 2026") << kInSpringGap;
    QTest::newRow("IMF-fixdate in the autumn repeat") << QByteArray("Sun, 25 Oct 2026 02:30:00 GMT") << kInAutumnRepeat;
    QTest::newRow("asctime in the autumn repeat") << QByteArray("Sun Oct 25 02:30:00 2026") << kInAutumnRepeat;
    QTest::newRow("offset into the gap") << QByteArray("Sun, 29 Mar 2026 04:30:00 +0200") << kInSpringGap;
    QTest::newRow("no zone at all") << QByteArray("Sun, 29 Mar 2026 02:30:00") << QDateTime();
}

void TestUtcTimes::httpDates()
{
    QFETCH(QByteArray, header);
    QFETCH(QDateTime, expected);
    const QDateTime parsed = aws::parseHttpDate(header);
    QCOMPARE(parsed, expected);
    if (expected.isValid()) {
        QCOMPARE(parsed.timeSpec(), Qt::UTC);
        QCOMPARE(aws::parseHttpDate(aws::formatHttpDate(expected)), expected);
    }
}

void TestUtcTimes::amzDates_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QDateTime>("expected");
    QTest::newRow("spring gap") << QByteArray("20260329T023000Z") << kInSpringGap;
    QTest::newRow("autumn repeat") << QByteArray("20261025T023000Z") << kInAutumnRepeat;
    QTest::newRow("midnight") << QByteArray("20261121T000000Z") << QDateTime(QDate(2026, 11, 21), QTime(0, 0), Qt::UTC);
    QTest::newRow("no Z") << QByteArray("20260329T023000") << QDateTime();
    QTest::newRow("sign") << QByteArray("2026+329T023000Z") << QDateTime();
    QTest::newRow("hour 24") << QByteArray("20260329T243000Z") << QDateTime();
    QTest::newRow("empty") << QByteArray() << QDateTime();
}

void TestUtcTimes::amzDates()
{
    QFETCH(QByteArray, value);
    QFETCH(QDateTime, expected);
    QCOMPARE(aws::parseAmzDate(value), expected);
    if (expected.isValid())
        QCOMPARE(aws::parseAmzDate(aws::SigV4Signer::amzDate(expected)), expected);
}

void TestUtcTimes::verifierAcceptsSignaturesMadeInTheGap()
{
    const aws::AwsCredentials credentials{u"AKIDEXAMPLE"_s, u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s, {}, {}, {}};
    for (const QDateTime &at : {kInSpringGap, kInAutumnRepeat}) {
        aws::ManualClock clock(at.addSecs(30));
        const local::SigV4Verifier verifier(credentials, u"athena"_s, &clock);
        aws::SignableRequest r;
        r.headers = {{"content-type", "application/x-amz-json-1.1"}, {"host", "127.0.0.1:4566"},
                     {"x-amz-target", "AmazonAthena.ListWorkGroups"}};
        r.body = "{}";
        const aws::SigningResult signature = aws::SigV4Signer::sign(r, credentials, {u"us-east-1"_s, u"athena"_s, at});
        local::HttpRequest request;
        request.method = "POST";
        request.target = "/";
        request.headers = r.headers + signature.headersToAdd;
        request.body = r.body;
        const auto error = verifier.verify(request);
        QVERIFY2(!error, qPrintable(error ? error->toString() : QString()));
    }
}

QTEST_GUILESS_MAIN(TestUtcTimes)
#include "tst_utctimes.moc"
