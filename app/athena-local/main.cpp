// athena-local: the embedded Athena endpoint as a standalone server.
#include "local/localendpoint.h"
#include "athena-local/signalwatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>
#include <QTextStream>

#include <csignal>

#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace {

// Every connection takes a file descriptor: raise the soft limit on open files to the hard limit
// (often 1,024 against 500,000 or more), so that the connection cap derived from it is useful.
// Returns a sentence for the start-up message, empty when there was nothing to do.
QString raiseOpenFilesLimit()
{
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= rl.rlim_max)
        return {};
    const rlim_t before = rl.rlim_cur;
    rl.rlim_cur = rl.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
        return u"could not raise the open-files limit from %1"_s.arg(static_cast<qulonglong>(before));
    return u"open-files limit raised from %1 to %2"_s.arg(static_cast<qulonglong>(before))
        .arg(rl.rlim_max == RLIM_INFINITY ? u"unlimited"_s : QString::number(static_cast<qulonglong>(rl.rlim_max)));
}

} // namespace

int main(int argc, char *argv[])
{
    const QString openFiles = raiseOpenFilesLimit();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"athena-local"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(ATHENA_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"A local endpoint that speaks Amazon Athena's sessions API (awsJson1_1 on POST /), for the\n"
        u"Athena Sessions app, the AWS CLI, boto3 and tests. State is kept in SQLite under the data\n"
        u"directory; requests must be signed (SigV4) with the endpoint's own credentials.\n\n"
        u"  eval \"$(athena-local --print-credentials)\"\n"
        u"  athena-local --seed-sessions 200 &\n"
        u"  aws athena list-sessions --work-group spark-analytics"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption port(u"port"_s, u"TCP port to listen on (default 8400; 0 picks a free one)."_s, u"N"_s, u"8400"_s);
    const QCommandLineOption bind(u"bind"_s, u"Address to listen on (default 127.0.0.1; 0.0.0.0 or :: for every interface). Anything but loopback needs SigV4."_s, u"ADDR"_s, u"127.0.0.1"_s);
    const QCommandLineOption region(u"region"_s, u"The region signatures must be scoped to (default us-east-1); others get InvalidSignatureException."_s, u"REGION"_s, u"us-east-1"_s);
    const QCommandLineOption dataDir(u"data-dir"_s, u"Where state and credentials live (default %1). Made user-only; refused if group or others may write to it."_s.arg(local::LocalEndpoint::defaultDataDir()), u"DIR"_s);
    const QCommandLineOption inMemory(u"in-memory"_s, u"Keep no state on disk. Credentials come from --data-dir if given, else are new on every start."_s);
    const QCommandLineOption seed(u"seed-sessions"_s, u"Create N sessions over the Spark workgroups, states and times when the store is empty (at least half active)."_s, u"N"_s);
    const QCommandLineOption seedGroups(u"seed-work-groups"_s, u"Comma-separated workgroups for --seed-sessions (default: every Spark workgroup)."_s, u"LIST"_s);
    const QCommandLineOption activeShare(u"seed-active-share"_s, u"Share of seeded sessions that are IDLE or BUSY (default 0.55)."_s, u"F"_s, u"0.55"_s);
    const QCommandLineOption timeScale(u"time-scale"_s, u"Run the simulated life cycle X times faster (60: a 20-minute idle timeout passes in 20 s)."_s, u"X"_s, u"1"_s);
    const QCommandLineOption noAuth(u"no-auth"_s, u"Accept unsigned requests (loopback only)."_s);
    const QCommandLineOption printCredentials(u"print-credentials"_s, u"Print export lines for the endpoint's credentials and address, then exit."_s);
    const QCommandLineOption dpuQuota(u"dpu-quota"_s, u"Per-workgroup limit on the DPUs of active sessions; 0 for none (default)."_s, u"N"_s, u"0"_s);
    const QCommandLineOption fault(u"fault"_s, u"Inject faults: [Operation:]error=R,throttle=R,drop=R,latency=MIN-MAX (rates 0..1, ms). Repeatable."_s, u"SPEC"_s);
    const QCommandLineOption faultSeed(u"fault-seed"_s, u"Seed for faults and simulated failures, for repeatable runs."_s, u"N"_s, u"0"_s);
    const QCommandLineOption failRate(u"session-failure-rate"_s, u"Share of new sessions that go FAILED while starting."_s, u"R"_s, u"0"_s);
    const QCommandLineOption degradeRate(u"session-degrade-rate"_s, u"Share of new sessions that go DEGRADED once idle."_s, u"R"_s, u"0"_s);
    const QCommandLineOption maxBody(u"max-body-bytes"_s, u"Largest request body accepted (default 4194304); larger ones get 413."_s, u"N"_s, u"4194304"_s);
    const QCommandLineOption maxConnections(u"max-connections"_s, u"Connections served at once; more get 503 and are closed (default: the open-files limit, raised to its maximum at start, less %1)."_s.arg(local::HttpServer::kReservedFileDescriptors), u"N"_s, u"0"_s);
    const QCommandLineOption maxPending(u"max-pending-body-bytes"_s, u"Bytes of unfinished requests held over all connections (default 67108864); the request that would exceed it gets 503."_s, u"N"_s, QString::number(local::HttpServer::kDefaultMaxPendingInputBytes));
    const QCommandLineOption headTimeout(u"head-timeout-ms"_s, u"Time a client has to send a complete request head, from its first byte (default 10000); then 408."_s, u"MS"_s, QString::number(local::HttpServer::kDefaultHeadTimeoutMs));
    parser.addOptions({port, bind, region, dataDir, inMemory, seed, seedGroups, activeShare, timeScale, noAuth, printCredentials, dpuQuota, fault,
                       faultSeed, failRate, degradeRate, maxBody, maxConnections, maxPending, headTimeout});
    parser.process(app);

    auto usage = [&err](const QString &message) {
        err << "athena-local: " << message << "\nRun 'athena-local --help' for the options.\n";
        return 2;
    };
    auto number = [&](const QCommandLineOption &o, double min, double max, double &target) {
        bool ok = false;
        target = parser.value(o).toDouble(&ok);
        return ok && target >= min && target <= max;
    };

    local::EndpointOptions options;
    double value = 0;
    if (!number(port, 0, 65535, value))
        return usage(u"--port takes a number from 0 to 65535"_s);
    options.port = static_cast<quint16>(value);
    if (!options.bind.setAddress(parser.value(bind)))
        return usage(u"--bind takes an IP address"_s);
    options.dataDir = parser.value(dataDir);
    options.inMemory = parser.isSet(inMemory);
    options.noAuth = parser.isSet(noAuth);
    if (parser.isSet(seed)) {
        if (!number(seed, 0, 10'000'000, value))
            return usage(u"--seed-sessions takes a number"_s);
        options.seedSessions = static_cast<int>(value);
    }
    options.seedWorkGroups = parser.value(seedGroups).split(u',', Qt::SkipEmptyParts);
    if (!number(activeShare, 0, 1, options.seedActiveShare))
        return usage(u"--seed-active-share takes a share from 0 to 1"_s);
    if (!number(timeScale, 0.001, 1e6, options.engine.timeScale))
        return usage(u"--time-scale takes a positive number"_s);
    if (!number(dpuQuota, 0, 1e9, value))
        return usage(u"--dpu-quota takes a number"_s);
    options.engine.dpuQuota = static_cast<int>(value);
    if (!number(failRate, 0, 1, options.engine.sessionFailureRate) || !number(degradeRate, 0, 1, options.engine.sessionDegradeRate))
        return usage(u"--session-failure-rate and --session-degrade-rate take a rate from 0 to 1"_s);
    if (!number(faultSeed, 0, 4e9, value))
        return usage(u"--fault-seed takes a number"_s);
    options.faultSeed = static_cast<quint64>(value);
    options.engine.seed = options.faultSeed;
    if (!number(maxBody, 1024, 1e9, value))
        return usage(u"--max-body-bytes takes a number of at least 1024"_s);
    options.maxBodyBytes = static_cast<qint64>(value);
    if (!number(maxConnections, 0, 1 << 20, value))
        return usage(u"--max-connections takes a number (0: from the open-files limit)"_s);
    options.maxConnections = static_cast<int>(value);
    if (!number(maxPending, 1024, 1e12, value))
        return usage(u"--max-pending-body-bytes takes a number of at least 1024"_s);
    options.maxPendingBodyBytes = static_cast<qint64>(value);
    if (!number(headTimeout, 1, 3.6e6, value))
        return usage(u"--head-timeout-ms takes a number of milliseconds"_s);
    options.headTimeoutMs = static_cast<int>(value);
    options.region = parser.value(region);
    if (!QRegularExpression(u"^[a-z0-9]+(-[a-z0-9]+)*$"_s).match(options.region).hasMatch() || options.region.size() > 64)
        return usage(u"--region takes a region name such as us-east-1 or eu-west-1"_s);
    const QStringList faults = parser.values(fault);
    for (const QString &spec : faults) {
        auto rule = local::FaultRule::parse(spec);
        if (!rule.ok())
            return usage(rule.error().message);
        options.faults.append(rule.value());
    }

    if (parser.isSet(printCredentials)) {
        if (options.inMemory && options.dataDir.isEmpty())
            return usage(u"--print-credentials with --in-memory needs --data-dir: otherwise each run has new credentials"_s);
        QStringList notes;
        auto credentials = local::LocalEndpoint::loadOrCreateCredentials(
            options.dataDir.isEmpty() ? local::LocalEndpoint::defaultDataDir() : options.dataDir, &notes);
        for (const QString &note : std::as_const(notes))
            err << "athena-local: " << note << '\n';
        if (!credentials.ok()) {
            err << "athena-local: " << credentials.error().message << '\n';
            return 1;
        }
        out << "export AWS_ACCESS_KEY_ID=" << credentials->accessKeyId << '\n'
            << "export AWS_SECRET_ACCESS_KEY=" << credentials->secretAccessKey << '\n'
            << "unset AWS_SESSION_TOKEN\n";
        if (options.port != 0) {
            local::LocalEndpoint probe(options);
            out << "export AWS_ENDPOINT_URL_ATHENA=" << probe.url().toString(QUrl::StripTrailingSlash) << '\n';
        }
        // The endpoint accepts signatures for its own region only.
        out << "export AWS_DEFAULT_REGION=" << options.region << '\n' << "export AWS_REGION=" << options.region << '\n';
        return 0;
    }

    local::LocalEndpoint endpoint(options);
    const auto started = endpoint.start();
    for (const QString &note : endpoint.startupNotes())
        err << "athena-local: " << note << '\n';
    if (!started.ok()) {
        err << "athena-local: " << started.error().message << '\n';
        return 1;
    }
    // SIGINT and SIGTERM stop the server through the event loop, so the store closes cleanly.
    SignalWatcher stopSignals({SIGINT, SIGTERM});
    QObject::connect(&stopSignals, &SignalWatcher::received, &app, [&err](int signalNumber) {
        err << "athena-local: " << (signalNumber == SIGINT ? "SIGINT" : "SIGTERM") << ", stopping\n";
        err.flush();
        QCoreApplication::quit();
    });
    err << "athena-local " << ATHENA_VERSION << ' ' << endpoint.listeningDescription() << " ("
        << endpoint.engine().sessionCount() << " sessions, "
        << (options.inMemory ? u"in memory"_s : u"data in "_s + (options.dataDir.isEmpty() ? local::LocalEndpoint::defaultDataDir() : options.dataDir))
        << (options.noAuth ? u", no authentication"_s : u", region "_s + options.region) << ", up to "
        << endpoint.server().maxConnections() << " connections" << (openFiles.isEmpty() ? QString() : u", "_s + openFiles) << ")\n";
    if (options.inMemory && options.dataDir.isEmpty() && !options.noAuth)
        err << "This run's throwaway credentials (new on every --in-memory start without --data-dir):\n"
            << "  export AWS_ACCESS_KEY_ID=" << endpoint.credentials().accessKeyId
            << " AWS_SECRET_ACCESS_KEY=" << endpoint.credentials().secretAccessKey
            << " AWS_ENDPOINT_URL_ATHENA=" << endpoint.url().toString(QUrl::StripTrailingSlash) << '\n';
    err.flush();
    return QCoreApplication::exec();
}
