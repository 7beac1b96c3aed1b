#pragma once

#include "aws/awserror.h"
#include "aws/clock.h"

namespace aws {

// The SDKs' retry quota: a bucket of tokens that retries spend and successes refill, so that a
// failing service is not hammered by every client at once.
class RetryQuota
{
public:
    static constexpr int defaultCapacity = 500;
    static constexpr int retryCost = 5;
    static constexpr int timeoutRetryCost = 10;
    static constexpr int noRetryIncrement = 1;

    explicit RetryQuota(int capacity = defaultCapacity) : m_capacity(capacity), m_available(capacity) {}

    bool acquire(int cost);
    void release(int amount);
    int available() const { return m_available; }
    int capacity() const { return m_capacity; }

private:
    int m_capacity;
    int m_available;
};

// "standard": the AWS SDKs' standard mode. "legacy": botocore's older handler: the same
// jittered backoff (random × 2^(attempt-1) s), no retry quota, and 5 attempts unless configured.
enum class RetryMode { Standard, Legacy };

struct RetryDecision
{
    bool retry = false;
    int delayMs = 0;
    int cost = 0; // tokens taken from the quota, refunded if the retry succeeds
};

// The AWS SDKs' "standard" retry mode; with RetryMode::Legacy, botocore's legacy mode, which
// spends no retry quota.
class StandardRetryStrategy
{
public:
    StandardRetryStrategy(RetryQuota *quota, RandomSource random, int maxAttempts = 3, int maxBackoffMs = 20000,
        RetryMode mode = RetryMode::Standard);

    // botocore's conditions: standard mode retries connection errors and timeouts, HTTP 500, 502,
    // 503 and 504, the transient codes and the throttling codes (retries/standard.py); legacy mode
    // retries connection errors, HTTP 429, 500, 502, 503, 504 and 509, and the throttling codes
    // that come with HTTP 400 (_retry.json).
    static bool isRetryable(const AwsError &error, RetryMode mode = RetryMode::Standard);
    // `attempt` is the 1-based number of the attempt that just failed.
    RetryDecision decide(int attempt, const AwsError &error);
    // Called once per successful call; `lastRetryCost` is 0 when the first attempt succeeded.
    void recordSuccess(int lastRetryCost);
    int backoffMs(int attempt) const;
    int maxAttempts() const { return m_maxAttempts; }
    RetryMode mode() const { return m_mode; }

private:
    RetryQuota *m_quota;
    RandomSource m_random;
    int m_maxAttempts;
    int m_maxBackoffMs;
    RetryMode m_mode;
};

} // namespace aws
