#pragma once

#include <QDateTime>
#include <QString>

namespace aws {

struct AwsCredentials
{
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken;  // empty for long-term keys
    QDateTime expiration;  // invalid when the credentials do not expire
    QString source;        // where they came from, e.g. "environment", "profile dev in ~/.aws/credentials"

    bool isValid() const { return !accessKeyId.isEmpty() && !secretAccessKey.isEmpty(); }
    bool expiresWithin(const QDateTime &now, qint64 seconds) const
    {
        return expiration.isValid() && now.secsTo(expiration) <= seconds;
    }
};

} // namespace aws
