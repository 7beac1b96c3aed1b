#include "aws/retrystrategy.h"

#include <QSet>

#include <algorithm>
#include <cmath>

namespace aws {

bool RetryQuota::acquire(int cost)
{
    if (m_available < cost)
        return false;
    m_available -= cost;
    return true;
}

void RetryQuota::release(int amount)
{
    m_available = std::min(m_capacity, m_available + amount);
}

StandardRetryStrategy::StandardRetryStrategy(
    RetryQuota *quota, RandomSource random, int maxAttempts, int maxBackoffMs, RetryMode mode)
    : m_quota(quota),
      m_random(std::move(random)),
      m_maxAttempts(maxAttempts),
      m_maxBackoffMs(maxBackoffMs),
      m_mode(mode)
{
}

bool StandardRetryStrategy::isRetryable(const AwsError &error, RetryMode mode)
{
    if (mode == RetryMode::Standard)
        return error.isTransient() || error.isThrottling();
    switch (error.kind) {
    case AwsError::Kind::Network:
    case AwsError::Kind::Timeout:
        return true;
    case AwsError::Kind::Service:
        break;
    default:
        return false;
    }
    static const QSet<int> statuses = {429, 500, 502, 503, 504, 509};
    static const QSet<QString> throttlingAt400 = {
        QStringLiteral("Throttling"), QStringLiteral("ThrottlingException"), QStringLiteral("ThrottledException"),
        QStringLiteral("RequestThrottledException"), QStringLiteral("ProvisionedThroughputExceededException")};
    return statuses.contains(error.httpStatus) || (error.httpStatus == 400 && throttlingAt400.contains(error.code));
}

int StandardRetryStrategy::backoffMs(int attempt) const
{
    // random(0,1) × 2^(attempt-1) seconds, capped at the maximum backoff.
    const double base = std::pow(2.0, std::max(0, attempt - 1)) * 1000.0;
    const double jittered = std::clamp(m_random(), 0.0, 1.0) * base;
    return static_cast<int>(std::min<double>(jittered, m_maxBackoffMs));
}

RetryDecision StandardRetryStrategy::decide(int attempt, const AwsError &error)
{
    RetryDecision d;
    if (attempt >= m_maxAttempts || !isRetryable(error, m_mode))
        return d;
    if (m_mode == RetryMode::Legacy) {
        d.retry = true;
        d.delayMs = backoffMs(attempt);
        return d;
    }
    const int cost = error.kind == AwsError::Kind::Timeout ? RetryQuota::timeoutRetryCost : RetryQuota::retryCost;
    if (!m_quota->acquire(cost))
        return d;
    d.retry = true;
    d.cost = cost;
    d.delayMs = backoffMs(attempt);
    return d;
}

void StandardRetryStrategy::recordSuccess(int lastRetryCost)
{
    if (m_mode == RetryMode::Legacy)
        return;
    m_quota->release(lastRetryCost > 0 ? lastRetryCost : RetryQuota::noRetryIncrement);
}

} // namespace aws
