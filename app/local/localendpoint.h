#pragma once

#include "aws/awscredentials.h"
#include "local/faultinjector.h"
#include "local/httpserver.h"
#include "local/localathena.h"
#include "local/sigv4verifier.h"

#include <QObject>
#include <QThread>
#include <QUrl>

#include <memory>

namespace local {

struct EndpointOptions
{
    QHostAddress bind = QHostAddress::LocalHost;
    quint16 port = 0;             // 0: any free port
    QString dataDir;              // state and credentials; ignored with inMemory
    bool inMemory = false;
    int seedSessions = 0;         // seeded into an empty store only
    QStringList seedWorkGroups;
    double seedActiveShare = 0.55;
    bool noAuth = false;
    EngineOptions engine;
    QList<FaultRule> faults;
    quint64 faultSeed = 0;
    qint64 maxBodyBytes = 4 * 1024 * 1024;
    aws::AwsCredentials credentials; // empty: loaded from (or created in) dataDir, or random in memory
    QString region = QStringLiteral("us-east-1"); // the only region signatures may be scoped to
    // Resource bounds of the HTTP server (see HttpServer); 0 connections: from the open-files limit.
    int maxConnections = 0;
    int headTimeoutMs = HttpServer::kDefaultHeadTimeoutMs;
    qint64 maxPendingBodyBytes = HttpServer::kDefaultMaxPendingInputBytes;
    qint64 maxConnectionOutputBytes = HttpServer::kDefaultMaxConnectionOutputBytes;
    qint64 maxTotalOutputBytes = HttpServer::kDefaultMaxTotalOutputBytes;
};

// The embedded Athena endpoint: HTTP on loopback, SigV4 verification, fault injection, and the
// simulated service with its SQLite state. Lives on the thread that starts it.
class LocalEndpoint final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalEndpoint)

public:
    explicit LocalEndpoint(EndpointOptions options, const aws::Clock *clock = aws::SystemClock::instance(),
                           QObject *parent = nullptr);
    ~LocalEndpoint() override;

    aws::Result<bool> start();
    QUrl url() const;
    // "listening on …" for the address actually bound: for 0.0.0.0 or :: it says that every
    // interface is served and gives a loopback URL to try from this machine.
    QString listeningDescription() const;
    static QString describeListening(const QHostAddress &bound, quint16 port);
    // What start() did that the user should hear about (permissions it tightened, say).
    QStringList startupNotes() const { return m_notes; }
    aws::AwsCredentials credentials() const { return m_credentials; }
    LocalAthena &engine() { return *m_engine; }
    HttpServer &server() { return *m_server; }
    const FaultInjector &faults() const { return m_faults; }
    void setFaults(const QList<FaultRule> &rules, quint64 seed = 0) { m_faults = FaultInjector(rules, seed); }

    HttpResponse handle(const HttpRequest &request);

    // Reads <dataDir>/credentials.json, or creates it (user-only permissions). A data directory
    // that others may write to is refused; a credentials file that others may read is made
    // user-only, with a note saying so.
    static aws::Result<aws::AwsCredentials> loadOrCreateCredentials(const QString &dataDir, QStringList *notes = nullptr);
    // Creates the data directory user-only, or checks an existing one: refused when group or
    // others may write to it, made user-only (with a note) when they may only read it.
    static aws::Result<bool> prepareDataDir(const QString &dataDir, QStringList *notes = nullptr);
    static aws::AwsCredentials randomCredentials();
    static QString defaultDataDir();

private:
    EndpointOptions m_options;
    const aws::Clock *m_clock;
    aws::AwsCredentials m_credentials;
    std::unique_ptr<LocalAthena> m_engine;
    std::unique_ptr<SigV4Verifier> m_verifier;
    std::unique_ptr<HttpServer> m_server;
    FaultInjector m_faults;
    QStringList m_notes;
};

// Runs a LocalEndpoint on a thread of its own, for the app's "Local sandbox" and for tests.
class LocalEndpointThread
{
public:
    explicit LocalEndpointThread(EndpointOptions options);
    ~LocalEndpointThread();
    LocalEndpointThread(const LocalEndpointThread &) = delete;
    LocalEndpointThread &operator=(const LocalEndpointThread &) = delete;

    // Blocks until the endpoint listens (or failed to).
    aws::Result<bool> start();
    void stop();
    // Changes the injected faults while running (demos, tests of recovery).
    void setFaults(const QList<FaultRule> &rules, quint64 seed = 0);
    QUrl url() const { return m_url; }
    aws::AwsCredentials credentials() const { return m_credentials; }

private:
    EndpointOptions m_options;
    QThread m_thread;
    QObject *m_context = nullptr;
    LocalEndpoint *m_endpoint = nullptr;
    QUrl m_url;
    aws::AwsCredentials m_credentials;
};

} // namespace local
