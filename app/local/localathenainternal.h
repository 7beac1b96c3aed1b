#pragma once

// Private to app/local: the records LocalAthena keeps and the helpers its source files share.

#include "athena/athenatypes.h"
#include "athena/validation.h"
#include "aws/awserror.h"
#include "local/localathena.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace local {

namespace detail {

// What a session's next scheduled event does (LocalAthena::apply).
// CalculationDone is only read from stores written before calculations had events of their own.
enum Event { NoEvent = 0, BecomeCreated, BecomeIdle, IdleTimeout, BecomeTerminated, CalculationDone, FailStart, Degrade };
// What a calculation's next scheduled event does (LocalAthena::applyCalculation).
enum CalculationEvent { CalculationQueued = 1, CalculationStart, CalculationFinish, CalculationCanceled };

// Simulated durations of the calculations and executors (before EngineOptions::timeScale).
inline constexpr qint64 kCalculationCreatingMs = 1000; // CREATING → QUEUED
inline constexpr qint64 kCalculationQueuedMs = 500;    // QUEUED → RUNNING, once it is the session's turn
inline constexpr qint64 kCalculationCancelingMs = 1000; // CANCELING → CANCELED
inline constexpr qint64 kMaxSleepMs = 7LL * 24 * 3600 * 1000; // the longest sleep(N) honoured
inline constexpr qint64 kExecutorRampStepMs = 1000;     // workers asked for each step double (1, 2, 4, …)
inline constexpr qint64 kExecutorStartingMs = 2000;     // a worker's CREATING → REGISTERED
inline constexpr qint64 kExecutorTerminatingMs = 2000;  // TERMINATING → TERMINATED
inline constexpr qint64 kEndpointTokenMs = 3600 * 1000; // GetSessionEndpoint's AuthToken lives an hour
inline constexpr int kKeptEndedExecutors = 1000;        // per session; older ended ones are forgotten

inline constexpr const char *kAccount = "000000000000";
inline constexpr int kDefaultListSessions = 20;
inline constexpr int kDefaultListWorkGroups = 50;
inline constexpr int kDefaultListCalculations = 20;
inline constexpr int kDefaultListExecutors = 20;

// Errors in the service's form: {"__type": type, "Message": message, ...extra}.
OperationResult error(int status, const QString &type, const QString &message, QJsonObject extra = {});
OperationResult invalid(const QString &message);
OperationResult notFound(const QString &message, const QString &resource);
OperationResult serialization(const aws::AwsError &e);
OperationResult fromIssues(const athena::ValidationIssues &issues);
OperationResult internalError(const aws::AwsError &e); // 500: the state could not be saved

QString newId();
QDateTime fromMs(qint64 ms); // invalid for 0
// The engine that runs for a selected engine version ("AUTO" and "": the current SQL engine).
QString effectiveEngine(const QString &selected);
const QList<athena::EngineVersion> &engineVersions();
QString sparkExecutionRole(); // the role Spark workgroups get when none is named

// Executors that started together and share their sizes and times: a ramp step of workers, or the
// coordinator. Listed one by one, ExecutorIds `first` … `first + count - 1`; kept as one record so
// that thousands of workers cost a few records (and seeding 100,000 sessions stays fast).
struct ExecutorBatch
{
    int first = 0;
    int count = 1;
    bool worker = false;
    int size = 1;
    qint64 startMs = 0; // CREATING from here; not listed before
    qint64 readyMs = 0; // REGISTERED from here (0: not yet), and billed
    qint64 stopMs = 0;  // TERMINATING from here (0: not asked to)
    qint64 endMs = 0;   // TERMINATED (FAILED when failed) from here (0: not ended)
    bool failed = false;

    QString stateAt(qint64 t) const;
    bool liveAt(qint64 t) const { return startMs <= t && (endMs == 0 || t < endMs); }
    // DPU-milliseconds billed from readiness until `t` (or the end).
    qint64 dpuMsAt(qint64 t) const;
};

} // namespace detail

struct LocalAthena::Session
{
    athena::SessionDetails d;
    qint64 seq = 0;
    qint64 startMs = 0;
    QString token;
    QByteArray fingerprint;
    int nextEvent = detail::NoEvent;
    qint64 nextAt = 0;
    qint64 dpuMs = 0;            // billed apart from the executors kept (seeded history, executors forgotten)
    QStringList queue;           // calculations not ended, in submission order: the first one runs
    QList<detail::ExecutorBatch> executors; // oldest first
    int executorCount = 0;       // executors ever asked for: the next one's number
    QString endpointToken;       // GetSessionEndpoint's AuthToken: memory only, never logged
    qint64 endpointExpiresMs = 0;
    bool willFail = false;
    bool willDegrade = false;
    mutable QByteArray summaryJson; // ListSessions' view of it, serialized; cleared on every change

    athena::SessionState state() const { return d.status.state.value_or(athena::SessionState::Creating); }
    int maxDpus() const { return d.engineConfiguration.maxConcurrentDpus.value_or(2); }
    int idleMinutes() const { return d.sessionConfiguration.sessionIdleTimeoutInMinutes.value_or(20); }
};

struct LocalAthena::Calculation
{
    QString id;
    QString sessionId;
    QString description;
    QString code;
    QString state; // CREATING … COMPLETED
    QString reason;
    QString failure; // "Type: message" of the code's `raise`, reported when it ends
    QString token;   // ClientRequestToken
    QByteArray fingerprint;
    qint64 seq = 0;
    qint64 submittedMs = 0;
    qint64 startedMs = 0;   // RUNNING from here (0: not yet)
    qint64 completedMs = 0;
    qint64 runMs = 0;       // how long it runs (real ms)
    qint64 dpuMs = 0;       // once ended
    int nextEvent = 0;      // detail::CalculationEvent, 0: none
    qint64 nextAt = 0;
    QString workingDirectory;

    bool ended() const
    {
        return state == QLatin1StringView("COMPLETED") || state == QLatin1StringView("FAILED") || state == QLatin1StringView("CANCELED");
    }
};

struct LocalAthena::WorkGroupRecord
{
    athena::WorkGroup wg;
    qint64 seq = 0;
};

} // namespace local
