#pragma once

#include "aws/awscredentials.h"
#include "aws/catrust.h"
#include "aws/clock.h"
#include "aws/result.h"

#include <QList>
#include <QObject>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace aws {

// One AssumeRole or AssumeRoleWithWebIdentity request (STS, awsQuery protocol).
struct AssumeRoleRequest
{
    QString roleArn;
    QString roleSessionName;
    QString externalId;       // AssumeRole only
    QString serialNumber;     // MFA device, AssumeRole only
    QString tokenCode;        // the MFA code; a secret: never logged
    int durationSeconds = 0;  // 0: the service's default
    QString webIdentityToken; // AssumeRoleWithWebIdentity only; a secret
};

struct AssumedRole
{
    AwsCredentials credentials;
    QString assumedRoleArn; // AssumedRoleUser.Arn
    QString assumedRoleId;
};

// A minimal STS client: form-encoded POST (Action=…&Version=2011-06-15), SigV4-signed with the
// source credentials for AssumeRole, unsigned for AssumeRoleWithWebIdentity; XML answers read
// with QXmlStreamReader. The answer is bounded in size and time; errors carry STS's code and
// message, never a secret of the request.
class StsClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StsClient)

public:
    using Callback = std::function<void(const Result<AssumedRole> &)>;

    StsClient(QNetworkAccessManager *network, QUrl endpoint, QString region, QObject *parent = nullptr);

    void assumeRole(const AssumeRoleRequest &request, const AwsCredentials &source, QObject *context, const Callback &done);
    void assumeRoleWithWebIdentity(const AssumeRoleRequest &request, QObject *context, const Callback &done);

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void setClock(const Clock *clock) { m_clock = clock; }
    // Trusted in addition to the system store (AWS_CA_BUNDLE / ca_bundle); checks stay on.
    void setCaTrust(const CaTrust &trust) { m_caTrust = trust; }
    QUrl endpoint() const { return m_endpoint; }

    static constexpr qint64 maxResponseBytes = 1024 * 1024;

    // The form body of a request (public for tests).
    static QByteArray formBody(const QString &action, const AssumeRoleRequest &request);
    // Parses an STS answer (success or ErrorResponse); public for tests and fuzzing.
    static Result<AssumedRole> parseResponse(int httpStatus, const QByteArray &xml, const QString &action);

private:
    void send(const QString &action, const QByteArray &body, const AwsCredentials *source, QObject *context,
              const Callback &done);

    QNetworkAccessManager *m_network;
    QUrl m_endpoint;
    QString m_region;
    int m_timeoutMs = 30000;
    const Clock *m_clock = SystemClock::instance();
    CaTrust m_caTrust;
};

} // namespace aws
