#pragma once

#include "aws/awscredentials.h"
#include "aws/awserror.h"
#include "aws/clock.h"
#include "local/httpserver.h"

#include <optional>

namespace local {

// Verifies SigV4 header signatures as the service does: the credential scope (this endpoint's
// region and service), the signed headers (Host and X-Amz-Date required; lower case, sorted,
// each once, at most maxSignedHeaders), the time window, and the signature itself, recomputed
// with the same canonicalisation as the client's signer. Errors use the service's names. The
// work is linear in the size of the request, whatever the request names.
class SigV4Verifier
{
public:
    SigV4Verifier(aws::AwsCredentials credentials, QString service, const aws::Clock *clock,
                  QString region = QStringLiteral("us-east-1"));

    // nullopt when the request is signed correctly.
    [[nodiscard]] std::optional<aws::AwsError> verify(const HttpRequest &request) const;

    QString region() const { return m_region; }

    static constexpr qint64 allowedSkewSecs = 15 * 60;
    static constexpr int maxSignedHeaders = 64;

private:
    aws::AwsCredentials m_credentials;
    QString m_service;
    const aws::Clock *m_clock;
    QString m_region;
};

} // namespace local
