#include "athena/athenaconnection.h"

using namespace Qt::StringLiterals;

namespace athena {

QString AthenaConnection::describe() const
{
    return u"profile %1, %2, %3"_s.arg(settings.profile, settings.region, settings.endpoint.toDisplayString());
}

aws::Result<std::shared_ptr<AthenaConnection>> openConnection(QNetworkAccessManager *network,
                                                              const ConnectionOptions &options,
                                                              const aws::Environment &env)
{
    auto files = aws::AwsConfigFiles::load(env);
    if (!files.ok())
        return files.error();
    const aws::SettingsResolver resolver(files.value(), env);
    auto settings = resolver.resolve(u"athena"_s, options.profile, options.region, options.endpointUrl);
    if (!settings.ok())
        return settings.error();
    // An https endpoint will need the CA bundle for its first request: a bundle that cannot be
    // read is said now, before a connection that works is given up for this one. (An http
    // endpoint, the sandbox, never reads it.)
    if (settings->endpoint.scheme() == u"https"_s) {
        if (const auto bundle = settings->caBundle.certificates(); !bundle.ok())
            return bundle.error();
    }
    aws::ProviderContext providers;
    providers.network = network; // STS for assumed roles and web identity
    providers.mfaPrompt = options.mfaPrompt;
    auto credentials = aws::resolveCredentialsProvider(files.value(), env, settings->profile, settings->profileExplicit,
                                                       options.explicitCredentials, aws::SystemClock::instance(), providers);
    if (!credentials.ok())
        return credentials.error();

    auto connection = std::make_shared<AthenaConnection>();
    connection->settings = settings.value();
    connection->credentials = credentials.value();
    // Endpoint, signing region, retry mode and attempts, and the CA bundle, as resolved.
    aws::TransportConfig config = aws::transportConfigFor(connection->settings);
    config.requestTimeoutMs = options.requestTimeoutMs;
    connection->transport = std::make_unique<aws::AwsJsonTransport>(network, connection->credentials, config);
    connection->client = std::make_unique<AthenaClient>(connection->transport.get());
    return connection;
}

} // namespace athena
