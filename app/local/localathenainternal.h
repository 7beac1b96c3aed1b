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

namespace local {

namespace detail {

// What a session's next scheduled event does (LocalAthena::apply).
enum Event { NoEvent = 0, BecomeCreated, BecomeIdle, IdleTimeout, BecomeTerminated, CalculationDone, FailStart, Degrade };

inline constexpr const char *kAccount = "000000000000";
inline constexpr int kDefaultListSessions = 20;
inline constexpr int kDefaultListWorkGroups = 50;
inline constexpr int kDefaultListCalculations = 20;

// Errors in the service's form: {"__type": type, "Message": message, ...extra}.
OperationResult error(int status, const QString &type, const QString &message, QJsonObject extra = {});
OperationResult invalid(const QString &message);
OperationResult notFound(const QString &message, const QString &resource);
OperationResult serialization(const aws::AwsError &e);
OperationResult fromIssues(const athena::ValidationIssues &issues);
OperationResult internalError(const aws::AwsError &e); // 500: the state could not be saved

QString newId();
QDateTime fromMs(qint64 ms); // invalid for 0
// DPUs a session in `state` bills for.
int dpusInUse(athena::SessionState state, int maxDpus);
// The engine that runs for a selected engine version ("AUTO" and "": the current SQL engine).
QString effectiveEngine(const QString &selected);
const QList<athena::EngineVersion> &engineVersions();
QString sparkExecutionRole(); // the role Spark workgroups get when none is named

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
    qint64 accountedMs = 0;
    qint64 dpuMs = 0;
    QString runningCalculation;
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
    QString state; // CREATING … COMPLETED
    QString reason;
    qint64 seq = 0;
    qint64 submittedMs = 0;
    qint64 completedMs = 0;
    qint64 dpuMs = 0;
    QString workingDirectory;
};

struct LocalAthena::WorkGroupRecord
{
    athena::WorkGroup wg;
    qint64 seq = 0;
};

} // namespace local
