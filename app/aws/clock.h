#pragma once

#include <QDateTime>

#include <functional>

namespace aws {

// Wall-clock time, injectable so that signing, expiry and retries can be tested.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const = 0;
};

class SystemClock final : public Clock
{
public:
    QDateTime nowUtc() const override { return QDateTime::currentDateTimeUtc(); }
    static SystemClock *instance();
};

// A clock that only moves when told to.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start) : m_now(std::move(start)) {}
    QDateTime nowUtc() const override { return m_now; }
    void set(QDateTime t) { m_now = std::move(t); }
    void advanceMs(qint64 ms) { m_now = m_now.addMSecs(ms); }

private:
    QDateTime m_now;
};

// Uniform random numbers in [0, 1), injectable for repeatable retry jitter.
using RandomSource = std::function<double()>;
RandomSource systemRandom();

} // namespace aws
