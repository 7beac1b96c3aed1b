#pragma once

#include "aws/awscredentials.h"
#include "aws/awserror.h"
#include "aws/clock.h"
#include "local/httpserver.h"

#include <optional>

namespace local {

// Verifies SigV4 header signatures as the service does: the credential scope, the signed
// headers (Host and X-Amz-Date required), the time window, and the signature itself, recomputed
// with the same canonicalisation as the client's signer. Errors use the service's names.
class SigV4Verifier
{
public:
    SigV4Verifier(aws::AwsCredentials credentials, QString service, const aws::Clock *clock);

    // nullopt when the request is signed correctly.
    [[nodiscard]] std::optional<aws::AwsError> verify(const HttpRequest &request) const;

    static constexpr qint64 allowedSkewSecs = 15 * 60;

private:
    aws::AwsCredentials m_credentials;
    QString m_service;
    const aws::Clock *m_clock;
};

} // namespace local
