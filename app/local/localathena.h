#pragma once

#include "athena/athenatypes.h"
#include "aws/clock.h"
#include "local/localstore.h"
#include "local/pagetoken.h"

#include <QHash>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>

#include <map>
#include <memory>

namespace local {

struct EngineOptions
{
    double timeScale = 1.0;        // simulated seconds per real second
    qint64 creatingMs = 4000;      // simulated durations
    qint64 createdMs = 1500;
    qint64 terminatingMs = 2000;
    qint64 calculationMs = 8000;
    int dpuQuota = 0;              // per workgroup; 0: no limit
    double sessionFailureRate = 0; // a new session FAILS while starting
    double sessionDegradeRate = 0; // an idle session goes DEGRADED
    quint64 seed = 0;              // random source seed; 0: random
    int storeBusyTimeoutMs = 5000; // how long a write waits for another connection's lock
};

// The result of one operation: HTTP status and JSON body (errors in the service's form).
struct OperationResult
{
    OperationResult() = default;
    OperationResult(int s, QJsonObject b) : status(s), body(std::move(b)) {}

    int status = 200;
    QJsonObject body;
    QByteArray raw; // when set, the serialized body (used instead of `body`)
    bool ok() const { return status == 200; }
    // The body as JSON, whichever way it was built.
    QJsonObject json() const;
    QString errorType() const { return json().value(QStringLiteral("__type")).toString(); }
};

// A simulation of Athena's Spark sessions API: sessions with their life cycle (CREATING →
// CREATED → IDLE ⇄ BUSY → TERMINATING → TERMINATED; DEGRADED and FAILED), calculations,
// workgroups and engine versions. Time only moves through the injected clock: state changes
// are due events applied, in time order, before each call is answered. Every change is written
// to the store before the call returns; a call whose changes cannot be written answers 500 and
// leaves the memory as it was (as the store has it).
//
// The members are defined by concern: localathena.cpp (construction, dispatch, views),
// sessionlifecycle.cpp, sessionoperations.cpp, workgroupoperations.cpp,
// calculationoperations.cpp, calculationlifecycle.cpp, executoroperations.cpp,
// localpersistence.cpp and seeding.cpp.
class LocalAthena
{
public:
    LocalAthena(EngineOptions options, const aws::Clock *clock);
    ~LocalAthena();
    LocalAthena(const LocalAthena &) = delete;
    LocalAthena &operator=(const LocalAthena &) = delete;

    // Loads the state from the database ("" or ":memory:" for none kept) and seeds the default
    // workgroups into an empty one. Fails when the state cannot be read, or when what a new
    // database needs (the page-token secret, the default workgroups) cannot be written.
    aws::Result<bool> open(const QString &databasePath);
    // Creates n sessions spread over the Spark workgroups (or `workGroups`), states and times;
    // `activeShare` of them (at least half by default) IDLE or BUSY. All of them or, when they
    // cannot be written, none.
    aws::Result<int> seedSessions(int n, const QStringList &workGroups = {}, double activeShare = 0.55);

    static QStringList operations();
    OperationResult call(const QString &operation, const QJsonObject &request);

    int sessionCount() const { return static_cast<int>(m_sessions.size()); }
    QString integrityCheck() const { return m_store.integrityCheck(); }
    const EngineOptions &options() const { return m_options; }

    struct Session;
    struct Calculation;
    struct WorkGroupRecord;

private:
    using Key = std::pair<qint64, qint64>; // (start ms, seq): newest first
    using Index = std::map<Key, QString, std::greater<Key>>;

    // localathena.cpp
    qint64 nowMs() const;
    qint64 scaled(qint64 simulatedMs) const;
    OperationResult dispatch(const QString &operation, const QJsonObject &request);
    Session *findSession(const QJsonObject &request, OperationResult &error);
    athena::SessionDetails view(const Session &s, qint64 now) const;
    const QByteArray &summaryJson(const Session &s, const athena::EngineVersion &workGroupEngine) const;

    // sessionlifecycle.cpp
    void advance(qint64 now);
    void schedule(Session &s, qint64 at, int event);
    void apply(Session &s, int event, qint64 at);
    qint64 dpuMillisAt(const Session &s, qint64 at) const;
    // The session ends (TERMINATING by request or idle timeout): its calculations are canceled.
    void cancelCalculations(Session &s, qint64 at, const QString &reason);

    // calculationlifecycle.cpp: calculations are queued per session and run one at a time.
    void scheduleCalculation(Calculation &c, qint64 at, int event);
    void applyCalculation(Calculation &c, int event, qint64 at);
    // `c` ended at `at`: the next in the queue gets its turn, or the session is IDLE again.
    void calculationEnded(Session &s, const Calculation &c, qint64 at);

    // executoroperations.cpp: the executors follow the load.
    void addCoordinator(Session &s, qint64 at);
    void addWorkers(Session &s, qint64 at);     // ramps up to MaxConcurrentDpus, unless some are live
    // Workers (and, when the session ends, the coordinator) go TERMINATING now; workers end shortly after.
    void releaseWorkers(Session &s, qint64 at, bool sessionEnding = false);
    void endExecutors(Session &s, qint64 at, bool failed); // every executor ends at `at`
    void pruneExecutors(Session &s);
    qint64 executorDpuMs(const Session &s, qint64 at) const;

    // localpersistence.cpp. Every change goes through these: a record is marked before it
    // changes, so that flush() knows what to write and rollback() how it was.
    void markDirty(const Session &s);
    void markDirty(const Calculation &c);
    void insertSession(std::shared_ptr<Session> s);
    void insertCalculation(std::shared_ptr<Calculation> c);
    void indexCalculation(const Calculation &c);
    void insertWorkGroup(const athena::WorkGroup &wg);
    // Writes every change since the last write in one transaction; keeps them marked on failure.
    aws::Result<bool> flush();
    // Puts back every record changed since the last write as it was written, and forgets those
    // created since.
    void rollback();
    QByteArray serialize(const Session &s) const;
    QByteArray serialize(const Calculation &c) const;

    // seeding.cpp
    void seedDefaultWorkGroups();
    void seedPastCalculations(Session &s, int count, qint64 until);

    // sessionoperations.cpp, workgroupoperations.cpp, calculationoperations.cpp
    OperationResult startSession(const QJsonObject &request);
    OperationResult getSession(const QJsonObject &request);
    OperationResult getSessionStatus(const QJsonObject &request);
    OperationResult listSessions(const QJsonObject &request);
    OperationResult terminateSession(const QJsonObject &request);
    OperationResult listWorkGroups(const QJsonObject &request);
    OperationResult getWorkGroup(const QJsonObject &request);
    OperationResult createWorkGroup(const QJsonObject &request);
    OperationResult listEngineVersions(const QJsonObject &request);
    OperationResult startCalculation(const QJsonObject &request);
    OperationResult getCalculation(const QJsonObject &request);
    OperationResult listCalculations(const QJsonObject &request);
    OperationResult getCalculationStatus(const QJsonObject &request);
    OperationResult getCalculationCode(const QJsonObject &request);
    OperationResult stopCalculation(const QJsonObject &request);
    Calculation *findCalculation(const QJsonObject &request, OperationResult &error);
    QJsonObject calculationStatistics(const Calculation &c, qint64 now) const;
    OperationResult listExecutors(const QJsonObject &request);
    OperationResult getSessionEndpoint(const QJsonObject &request);

    EngineOptions m_options;
    const aws::Clock *m_clock;
    LocalStore m_store;
    QRandomGenerator m_random;
    PageToken m_pageToken;
    qint64 m_seq = 0;
    QHash<QString, std::shared_ptr<Session>> m_sessions;
    QHash<QString, Index> m_byWorkGroup;
    QHash<QString, std::shared_ptr<Calculation>> m_calculations;
    QHash<QString, std::map<qint64, QString>> m_calculationsBySession; // session → seq → calculation
    QHash<QString, QString> m_calculationTokens; // ClientRequestToken → calculation id
    std::multimap<qint64, QString> m_calculationTimeline;
    QHash<QString, std::shared_ptr<WorkGroupRecord>> m_workGroups;
    QHash<QString, QString> m_tokens; // ClientRequestToken → session id
    std::multimap<qint64, QString> m_timeline;
    // Changed since the last write: id → the record as last written (null: not written yet).
    QHash<QString, std::shared_ptr<const Session>> m_dirtySessions;
    QHash<QString, std::shared_ptr<const Calculation>> m_dirtyCalculations;
    QSet<QString> m_newWorkGroups;
    qint64 m_writtenSeq = 0; // m_seq as of the last write
};

} // namespace local
