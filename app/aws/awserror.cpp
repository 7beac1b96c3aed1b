#include "aws/awserror.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace aws {

bool AwsError::isThrottling() const
{
    static const QSet<QString> names = {
        u"Throttling"_s,
        u"ThrottlingException"_s,
        u"ThrottledException"_s,
        u"RequestThrottledException"_s,
        u"TooManyRequestsException"_s,
        u"ProvisionedThroughputExceededException"_s,
        u"TransactionInProgressException"_s,
        u"RequestLimitExceeded"_s,
        u"BandwidthLimitExceeded"_s,
        u"LimitExceededException"_s,
        u"RequestThrottled"_s,
        u"SlowDown"_s,
        u"PriorRequestNotComplete"_s,
        u"EC2ThrottledException"_s,
    };
    // As botocore's standard mode: the error code alone; a bare 429 is not throttling there.
    return kind == Kind::Service && names.contains(code);
}

bool AwsError::isTransient() const
{
    static const QSet<QString> names = {
        u"RequestTimeout"_s,
        u"RequestTimeoutException"_s,
        u"PriorRequestNotComplete"_s,
    };
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
        return true;
    case Kind::Service:
        return httpStatus == 500 || httpStatus == 502 || httpStatus == 503 || httpStatus == 504
               || names.contains(code);
    default:
        return false;
    }
}

bool AwsError::isClockSkew() const
{
    if (kind != Kind::Service)
        return false;
    static const QSet<QString> names = {
        u"RequestTimeTooSkewed"_s,
        u"RequestExpired"_s,
        u"RequestInTheFuture"_s,
    };
    if (names.contains(code))
        return true;
    if (code == u"InvalidSignatureException"_s || code == u"SignatureDoesNotMatch"_s || code == u"AuthFailure"_s)
        return message.contains(u"expired"_s, Qt::CaseInsensitive)
               || message.contains(u"skew"_s, Qt::CaseInsensitive);
    return false;
}

QString AwsError::toString() const
{
    QString text = code.isEmpty() ? kindName(kind) : code;
    if (!message.isEmpty())
        text += u": "_s + message;
    QStringList extras;
    if (httpStatus > 0)
        extras << u"HTTP %1"_s.arg(httpStatus);
    if (!athenaErrorCode.isEmpty())
        extras << u"AthenaErrorCode %1"_s.arg(athenaErrorCode);
    if (!reason.isEmpty())
        extras << u"reason %1"_s.arg(reason);
    if (!requestId.isEmpty())
        extras << u"request id %1"_s.arg(requestId);
    if (!extras.isEmpty())
        text += u" ("_s + extras.join(u", "_s) + u')';
    return text;
}

QString kindName(AwsError::Kind kind)
{
    switch (kind) {
    case AwsError::Kind::Network: return u"NetworkError"_s;
    case AwsError::Kind::Timeout: return u"Timeout"_s;
    case AwsError::Kind::Service: return u"ServiceError"_s;
    case AwsError::Kind::Decode: return u"DecodeError"_s;
    case AwsError::Kind::Credentials: return u"CredentialsError"_s;
    case AwsError::Kind::Config: return u"ConfigError"_s;
    case AwsError::Kind::Validation: return u"ValidationError"_s;
    case AwsError::Kind::Cancelled: return u"Cancelled"_s;
    }
    return u"Error"_s;
}

} // namespace aws
