#pragma once

#include "athena/athenaclient.h"
#include "aws/awsconfig.h"
#include "aws/credentialsprovider.h"

#include <memory>

class QNetworkAccessManager;

namespace athena {

struct ConnectionOptions
{
    QString profile;      // --profile; empty: AWS_PROFILE, then "default"
    QString region;       // --region
    QString endpointUrl;  // --endpoint-url
    aws::AwsCredentials explicitCredentials;
    aws::MfaPrompt mfaPrompt; // for roles with mfa_serial: the app's dialog, athenactl's terminal
    int requestTimeoutMs = 60000;
};

// Everything needed to talk to one Athena endpoint with one identity.
struct AthenaConnection
{
    aws::ClientSettings settings;
    std::shared_ptr<aws::CredentialsProvider> credentials;
    std::unique_ptr<aws::AwsJsonTransport> transport;
    std::unique_ptr<AthenaClient> client;

    // "profile dev, eu-west-1, https://athena.eu-west-1.amazonaws.com/" for a status bar.
    QString describe() const;
};

// Resolves profile, region, endpoint and credentials as the AWS CLI does and builds a client.
aws::Result<std::shared_ptr<AthenaConnection>> openConnection(QNetworkAccessManager *network,
                                                              const ConnectionOptions &options,
                                                              const aws::Environment &env);

} // namespace athena
