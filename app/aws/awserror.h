#pragma once

#include <QMetaType>
#include <QString>

namespace aws {

// Everything that can go wrong between a caller and an AWS service, as one value type.
struct AwsError
{
    enum class Kind {
        Network,     // connection refused, reset, DNS, TLS
        Timeout,     // connect or whole-request timeout
        Service,     // the service answered with an error body
        Decode,      // the response could not be understood
        Credentials, // no usable credentials
        Config,      // a configuration file or value is wrong
        Validation,  // the request was refused locally before sending
        Cancelled,   // the caller cancelled
    };

    Kind kind = Kind::Network;
    QString code;            // service error name, e.g. "ThrottlingException"
    QString message;         // human readable; never contains secrets
    int httpStatus = 0;      // 0 when no response was received
    QString requestId;       // x-amzn-RequestId, when the service answered
    QString athenaErrorCode; // AthenaErrorCode, when present
    QString reason;          // TooManyRequestsException's Reason, when present
    // True when the request may have reached the service, so its effect is unknown
    // (a dropped connection or a timeout after the request was sent).
    bool outcomeUnknown = false;

    static AwsError make(Kind kind, QString code, QString message)
    {
        AwsError e;
        e.kind = kind;
        e.code = std::move(code);
        e.message = std::move(message);
        return e;
    }

    bool isThrottling() const;
    bool isTransient() const;
    bool isClockSkew() const;
    // One line for a status bar or stderr: "ThrottlingException: Rate exceeded (HTTP 400, request id …)".
    QString toString() const;
};

QString kindName(AwsError::Kind kind);

} // namespace aws

Q_DECLARE_METATYPE(aws::AwsError)
