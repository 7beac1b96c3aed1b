#pragma once

#include "aws/awscredentials.h"
#include "aws/result.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace aws {

// The AWS CLI's credential caches, shared with it: ~/.aws/cli/cache for assumed roles (a file per
// request, named by a SHA-1 of the request's parameters as botocore computes it) and
// ~/.aws/sso/cache for IAM Identity Center tokens. Files are written atomically with mode 0600.
namespace clicache {

// ~/.aws/cli/cache, with HOME from `home` (the environment's HOME).
QString assumeRoleCacheDir(const QString &home);

// botocore's key: json.dumps(args, sort_keys=True) of the AssumeRole parameters (RoleArn,
// RoleSessionName when configured, ExternalId, SerialNumber, DurationSeconds), SHA-1, hex.
struct AssumeRoleKeyArgs
{
    QString roleArn;
    QString roleSessionName; // only when the profile sets role_session_name
    QString externalId;
    QString serialNumber;
    std::optional<int> durationSeconds;
};
QString assumeRoleKey(const AssumeRoleKeyArgs &args);
// Python's json.dumps for a string (ASCII only, as botocore writes it): public for tests.
QByteArray pythonJsonString(const QString &value);

// Reads a cached AssumeRole answer; nullopt when absent, unreadable or without credentials.
std::optional<AwsCredentials> readAssumedRole(const QString &dir, const QString &key);
// Writes it in the CLI's format (Credentials with Expiration as "…UTC", AssumedRoleUser).
[[nodiscard]] Result<bool> writeAssumedRole(const QString &dir, const QString &key, const AwsCredentials &credentials,
                                            const QString &assumedRoleArn, const QString &assumedRoleId);

// Writes `json` to dir/name atomically (temporary file, fsync, rename), mode 0600, the folder
// created with mode 0700 when missing.
[[nodiscard]] Result<bool> writePrivateJson(const QString &dir, const QString &name, const QJsonObject &json);

} // namespace clicache
} // namespace aws
