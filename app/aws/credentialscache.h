#pragma once

#include "aws/awscredentials.h"
#include "aws/clock.h"
#include "aws/credentialsprovider.h"

#include <QDateTime>
#include <QList>
#include <QPointer>

#include <optional>

namespace aws {

// botocore's RefreshableCredentials for an asynchronous provider. Credentials are answered from
// memory until the advisory window (15 minutes before they expire); then one refresh serves every
// caller waiting for it. A refresh that fails keeps the credentials it was meant to replace while
// they are outside the mandatory window (10 minutes before expiry), and the next refresh waits a
// minute (botocore would try again at every call); in the mandatory window the error goes out.
// Each waiter is called back once, never after its context is destroyed.
class CredentialsCache
{
public:
    using Callback = CredentialsProvider::Callback;

    static constexpr qint64 advisoryRefreshSecs = 15 * 60;
    static constexpr qint64 mandatoryRefreshSecs = 10 * 60;
    static constexpr qint64 retryAfterFailureSecs = 60; // after a failed advisory refresh

    // When to refresh next, when a provider knows better than the expiry (IMDS static stability).
    struct Schedule
    {
        QDateTime refreshAt;   // advisory: try again from then on, keep these on failure
        QDateTime mandatoryAt; // from then on a failed refresh is an error
    };

    explicit CredentialsCache(const Clock *clock) : m_clock(clock) {}

    // Answers `callback` at once with fresh cached credentials and returns false; otherwise keeps
    // it for complete() and returns true when the caller must start a refresh (none is running).
    bool answerOrWait(QObject *context, Callback callback);
    // A refresh's outcome, to every waiter. Successful credentials that have already expired are
    // refused (botocore's "refreshed credentials are still expired") unless `schedule` is given.
    void complete(const Result<AwsCredentials> &result, const std::optional<Schedule> &schedule = std::nullopt);

    bool refreshing() const { return m_refreshing; }
    const std::optional<AwsCredentials> &cached() const { return m_cached; }

private:
    // The cached credentials as handed out; their source says so when they are past expiry.
    AwsCredentials current(const QDateTime &now);

    const Clock *m_clock;
    std::optional<AwsCredentials> m_cached;
    Schedule m_schedule; // invalid times: the credentials never expire
    bool m_refreshing = false;
    bool m_warnedExpired = false;
    QList<std::pair<QPointer<QObject>, Callback>> m_waiting;
};

} // namespace aws
