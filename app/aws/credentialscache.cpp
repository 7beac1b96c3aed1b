#include "aws/credentialscache.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace aws {

bool CredentialsCache::answerOrWait(QObject *context, Callback callback)
{
    const QDateTime now = m_clock->nowUtc();
    if (m_cached && (!m_schedule.refreshAt.isValid() || now < m_schedule.refreshAt)) {
        if (context)
            callback(current(now));
        return false;
    }
    m_waiting.append({QPointer<QObject>(context), std::move(callback)});
    if (m_refreshing)
        return false;
    m_refreshing = true;
    return true;
}

void CredentialsCache::complete(const Result<AwsCredentials> &result, const std::optional<Schedule> &schedule)
{
    const QDateTime now = m_clock->nowUtc();
    Result<AwsCredentials> delivered = result;
    if (result.ok() && !schedule && result->expiration.isValid() && result->expiration <= now) {
        delivered = AwsError::make(AwsError::Kind::Credentials, u"ExpiredCredentials"_s,
                                   u"%1 answered credentials that expired at %2 UTC"_s.arg(
                                       result->source, result->expiration.toString(u"yyyy-MM-dd HH:mm:ss"_s)));
    }
    if (delivered.ok()) {
        if (!m_cached || m_cached->accessKeyId != delivered->accessKeyId || m_cached->expiration != delivered->expiration)
            m_warnedExpired = false;
        m_cached = delivered.value();
        if (schedule) {
            m_schedule = *schedule;
        } else if (m_cached->expiration.isValid()) {
            m_schedule = {m_cached->expiration.addSecs(-advisoryRefreshSecs), m_cached->expiration.addSecs(-mandatoryRefreshSecs)};
        } else {
            m_schedule = {};
        }
        delivered = current(now);
    } else if (m_cached && (!m_schedule.mandatoryAt.isValid() || now < m_schedule.mandatoryAt)) {
        delivered = current(now); // a failed early refresh keeps what is still good for a while,
        // and is not tried again at every call: once a minute, until the mandatory window.
        const QDateTime retryAt = now.addSecs(retryAfterFailureSecs);
        m_schedule.refreshAt = m_schedule.mandatoryAt.isValid() ? std::min(retryAt, m_schedule.mandatoryAt) : retryAt;
    }
    m_refreshing = false;
    // The callbacks may destroy the provider that owns this cache: nothing is touched after them.
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto &[context, callback] : waiting) {
        if (context)
            callback(delivered);
    }
}

AwsCredentials CredentialsCache::current(const QDateTime &now)
{
    AwsCredentials c = *m_cached;
    if (c.expiration.isValid() && c.expiration <= now) {
        // Only a provider's own schedule keeps credentials past their expiry (IMDS static
        // stability); whoever uses them is told, and the log says it once.
        const QString when = c.expiration.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s);
        if (!m_warnedExpired) {
            qWarning("%s", qPrintable(u"%1 expired at %2 UTC and could not be renewed yet; still using them, as EC2 static "
                                      u"stability allows"_s.arg(c.source, when)));
            m_warnedExpired = true;
        }
        c.source += u" (expired at %1 UTC, still used under EC2 static stability)"_s.arg(when);
    }
    return c;
}

} // namespace aws
