// Standard-mode retries: what is retried, the backoff, and the retry quota.
#include "aws/retrystrategy.h"

#include <QTest>

using namespace aws;
using namespace Qt::StringLiterals;

namespace {

AwsError service(int status, const QString &code)
{
    AwsError e = AwsError::make(AwsError::Kind::Service, code, u"m"_s);
    e.httpStatus = status;
    return e;
}

} // namespace

class TestRetryStrategy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void retryable_data();
    void retryable();
    void backoffIsJitteredExponentialAndCapped();
    void stopsAfterMaxAttempts();
    void quotaDrainsAndRefills();
    void timeoutsCostMore();
    void legacyModeFollowsRetryJson_data();
    void legacyModeFollowsRetryJson();
};

void TestRetryStrategy::retryable_data()
{
    QTest::addColumn<AwsError>("error");
    QTest::addColumn<bool>("retry");
    QTest::newRow("500") << service(500, u"InternalServerException"_s) << true;
    QTest::newRow("502") << service(502, u"HttpError502"_s) << true;
    QTest::newRow("503") << service(503, u"ServiceUnavailable"_s) << true;
    QTest::newRow("504") << service(504, u"HttpError504"_s) << true;
    QTest::newRow("throttling") << service(400, u"ThrottlingException"_s) << true;
    QTest::newRow("too many requests") << service(400, u"TooManyRequestsException"_s) << true;
    QTest::newRow("bare 429 (botocore's standard mode: not retried)") << service(429, u"HttpError429"_s) << false;
    QTest::newRow("InternalError at 400 (not a transient code in standard mode)") << service(400, u"InternalError"_s) << false;
    QTest::newRow("InternalError at 500") << service(500, u"InternalError"_s) << true;
    QTest::newRow("request timeout") << service(400, u"RequestTimeoutException"_s) << true;
    QTest::newRow("connection") << AwsError::make(AwsError::Kind::Network, u"NetworkError"_s, {}) << true;
    QTest::newRow("timeout") << AwsError::make(AwsError::Kind::Timeout, u"Timeout"_s, {}) << true;
    QTest::newRow("400 invalid") << service(400, u"InvalidRequestException"_s) << false;
    QTest::newRow("403") << service(403, u"AccessDeniedException"_s) << false;
    QTest::newRow("404") << service(400, u"ResourceNotFoundException"_s) << false;
    QTest::newRow("501") << service(501, u"NotImplemented"_s) << false;
    QTest::newRow("decode") << AwsError::make(AwsError::Kind::Decode, u"MalformedResponse"_s, {}) << false;
    QTest::newRow("credentials") << AwsError::make(AwsError::Kind::Credentials, u"X"_s, {}) << false;
    QTest::newRow("cancelled") << AwsError::make(AwsError::Kind::Cancelled, u"Cancelled"_s, {}) << false;
}

void TestRetryStrategy::retryable()
{
    QFETCH(AwsError, error);
    QFETCH(bool, retry);
    QCOMPARE(StandardRetryStrategy::isRetryable(error), retry);
    RetryQuota quota;
    StandardRetryStrategy s(&quota, [] { return 0.5; });
    QCOMPARE(s.decide(1, error).retry, retry);
}

void TestRetryStrategy::backoffIsJitteredExponentialAndCapped()
{
    RetryQuota quota;
    double r = 1.0;
    StandardRetryStrategy s(&quota, [&r] { return r; }, 10, 20000);
    QCOMPARE(s.backoffMs(1), 1000);
    QCOMPARE(s.backoffMs(2), 2000);
    QCOMPARE(s.backoffMs(3), 4000);
    QCOMPARE(s.backoffMs(5), 16000);
    QCOMPARE(s.backoffMs(6), 20000); // 32 s capped at 20 s
    QCOMPARE(s.backoffMs(9), 20000);
    r = 0.25;
    QCOMPARE(s.backoffMs(3), 1000);
    r = 0.0;
    QCOMPARE(s.backoffMs(4), 0);
}

void TestRetryStrategy::stopsAfterMaxAttempts()
{
    RetryQuota quota;
    StandardRetryStrategy s(&quota, [] { return 0.0; });
    const AwsError e = service(503, u"x"_s);
    QVERIFY(s.decide(1, e).retry);
    QVERIFY(s.decide(2, e).retry);
    QVERIFY(!s.decide(3, e).retry);
    QCOMPARE(quota.available(), 490);
}

void TestRetryStrategy::quotaDrainsAndRefills()
{
    RetryQuota quota;
    StandardRetryStrategy s(&quota, [] { return 0.0; });
    const AwsError e = service(500, u"x"_s);
    int retries = 0;
    while (s.decide(1, e).retry)
        ++retries;
    QCOMPARE(retries, 100); // 500 tokens / 5 per retry
    QCOMPARE(quota.available(), 0);
    QVERIFY(!s.decide(1, e).retry);
    s.recordSuccess(0); // a first-attempt success adds one token
    QCOMPARE(quota.available(), 1);
    s.recordSuccess(5); // a retried success refunds what the retry cost
    QCOMPARE(quota.available(), 6);
    QVERIFY(s.decide(1, e).retry);
    QCOMPARE(quota.available(), 1);
    for (int i = 0; i < 1000; ++i)
        s.recordSuccess(0);
    QCOMPARE(quota.available(), 500); // never above capacity
}

void TestRetryStrategy::timeoutsCostMore()
{
    RetryQuota quota;
    StandardRetryStrategy s(&quota, [] { return 0.0; });
    const RetryDecision d = s.decide(1, AwsError::make(AwsError::Kind::Timeout, u"Timeout"_s, {}));
    QVERIFY(d.retry);
    QCOMPARE(d.cost, 10);
    QCOMPARE(quota.available(), 490);
}

void TestRetryStrategy::legacyModeFollowsRetryJson_data()
{
    QTest::addColumn<AwsError>("error");
    QTest::addColumn<bool>("retry");
    QTest::newRow("429") << service(429, u"HttpError429"_s) << true;
    QTest::newRow("509") << service(509, u"HttpError509"_s) << true;
    QTest::newRow("500") << service(500, u"InternalServerException"_s) << true;
    QTest::newRow("Throttling at 400") << service(400, u"ThrottlingException"_s) << true;
    QTest::newRow("TooManyRequests at 400 (not in _retry.json)") << service(400, u"TooManyRequestsException"_s) << false;
    QTest::newRow("Throttling at 403") << service(403, u"ThrottlingException"_s) << false;
    QTest::newRow("connection") << AwsError::make(AwsError::Kind::Network, u"NetworkError"_s, {}) << true;
    QTest::newRow("invalid") << service(400, u"InvalidRequestException"_s) << false;
}

void TestRetryStrategy::legacyModeFollowsRetryJson()
{
    QFETCH(AwsError, error);
    QFETCH(bool, retry);
    QCOMPARE(StandardRetryStrategy::isRetryable(error, RetryMode::Legacy), retry);
}

QTEST_GUILESS_MAIN(TestRetryStrategy)
#include "tst_retrystrategy.moc"
