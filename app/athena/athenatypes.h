#pragma once

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

// Value types for the Athena sessions API, as botocore's service-2.json (2017-05-18) defines them.
// Optional members are std::optional or empty strings/containers; nothing here knows about JSON.
namespace athena {

// Unknown: a state the service sent that this client does not know yet (the service adds values
// without notice). It is kept, with its text beside it (SessionStatus::stateText), shown as it came,
// sorted after the known states, polled like a steady state, and never treated as ended.
enum class SessionState { Creating, Created, Idle, Busy, Terminating, Terminated, Degraded, Failed, Unknown };

// The wire name; "UNKNOWN" for Unknown (whose text is kept where it was read).
QString stateName(SessionState state);
// What to show for a state read from the service: its text as it came when there is one.
QString stateLabel(const std::optional<SessionState> &state, const QString &text);
std::optional<SessionState> sessionStateFromString(const QString &text);
QList<SessionState> allSessionStates();
// CREATING, CREATED, IDLE, BUSY: what ListSessions returns without a StateFilter.
QList<SessionState> activeSessionStates();
// TERMINATING, TERMINATED, DEGRADED, FAILED.
QList<SessionState> endedSessionStates();
bool isActive(SessionState state);
// The order in which to start one listing chain per state before their lengths are known: the
// states that usually hold the most sessions first (IDLE, TERMINATED, BUSY, FAILED, the rest), so
// that the longest chain never waits for a free connection behind short ones. No filter: first.
int listingPriority(const std::optional<SessionState> &filter);
// No further change will come: TERMINATED, FAILED, DEGRADED.
bool isFinal(SessionState state);
// Changing on its own soon: CREATING, CREATED, TERMINATING.
bool isTransitional(SessionState state);

using StringMap = QMap<QString, QString>;

struct Classification
{
    QString name;
    StringMap properties;
    friend bool operator==(const Classification &, const Classification &) = default;
};

struct EngineConfiguration
{
    std::optional<int> coordinatorDpuSize;
    std::optional<int> maxConcurrentDpus; // required in StartSession
    std::optional<int> defaultExecutorDpuSize;
    StringMap additionalConfigs;
    StringMap sparkProperties;
    QList<Classification> classifications;
    friend bool operator==(const EngineConfiguration &, const EngineConfiguration &) = default;
};

struct EngineVersion
{
    QString selected;
    QString effective;
    bool isEmpty() const { return selected.isEmpty() && effective.isEmpty(); }
    // Spark engines ("PySpark engine version 3", "Apache Spark version 3.5"), not Athena SQL.
    bool isSpark() const;
    friend bool operator==(const EngineVersion &, const EngineVersion &) = default;
};

struct SessionStatus
{
    QDateTime startDateTime;
    QDateTime lastModifiedDateTime;
    QDateTime endDateTime;
    QDateTime idleSinceDateTime;
    std::optional<SessionState> state;
    QString stateText; // for SessionState::Unknown: the state as the service sent it; else empty
    QString stateChangeReason;
    QString stateLabelText() const { return stateLabel(state, stateText); }
    friend bool operator==(const SessionStatus &, const SessionStatus &) = default;
};

struct CloudWatchLoggingConfiguration
{
    bool enabled = false;
    QString logGroup;
    QString logStreamNamePrefix;
    QMap<QString, QStringList> logTypes;
    friend bool operator==(const CloudWatchLoggingConfiguration &, const CloudWatchLoggingConfiguration &) = default;
};

struct ManagedLoggingConfiguration
{
    bool enabled = false;
    QString kmsKey;
    friend bool operator==(const ManagedLoggingConfiguration &, const ManagedLoggingConfiguration &) = default;
};

struct S3LoggingConfiguration
{
    bool enabled = false;
    QString kmsKey;
    QString logLocation;
    friend bool operator==(const S3LoggingConfiguration &, const S3LoggingConfiguration &) = default;
};

struct MonitoringConfiguration
{
    std::optional<CloudWatchLoggingConfiguration> cloudWatchLogging;
    std::optional<ManagedLoggingConfiguration> managedLogging;
    std::optional<S3LoggingConfiguration> s3Logging;
    friend bool operator==(const MonitoringConfiguration &, const MonitoringConfiguration &) = default;
};

struct EncryptionConfiguration
{
    QString encryptionOption; // SSE_S3, SSE_KMS, CSE_KMS
    QString kmsKey;
    friend bool operator==(const EncryptionConfiguration &, const EncryptionConfiguration &) = default;
};

struct SessionConfiguration
{
    QString executionRole;
    QString workingDirectory;
    std::optional<qint64> idleTimeoutSeconds;
    std::optional<int> sessionIdleTimeoutInMinutes;
    std::optional<EncryptionConfiguration> encryptionConfiguration;
    friend bool operator==(const SessionConfiguration &, const SessionConfiguration &) = default;
};

// One row of ListSessions.
struct SessionSummary
{
    QString sessionId;
    QString description;
    EngineVersion engineVersion;
    QString notebookVersion;
    SessionStatus status;
    friend bool operator==(const SessionSummary &, const SessionSummary &) = default;
};

// GetSession.
struct SessionDetails
{
    QString sessionId;
    QString description;
    QString workGroup;
    QString engineVersion;
    EngineConfiguration engineConfiguration;
    QString notebookVersion;
    std::optional<MonitoringConfiguration> monitoringConfiguration;
    SessionConfiguration sessionConfiguration;
    SessionStatus status;
    std::optional<qint64> dpuExecutionInMillis; // Statistics.DpuExecutionInMillis

    double dpuHours() const { return dpuExecutionInMillis.value_or(0) / 3.6e6; }
    SessionSummary summary() const;
    friend bool operator==(const SessionDetails &, const SessionDetails &) = default;
};

struct Tag
{
    QString key;
    QString value;
    friend bool operator==(const Tag &, const Tag &) = default;
};

struct StartSessionRequest
{
    QString workGroup;
    QString description;
    EngineConfiguration engineConfiguration;
    QString executionRole;
    std::optional<MonitoringConfiguration> monitoringConfiguration;
    QString notebookVersion;
    std::optional<int> sessionIdleTimeoutInMinutes;
    QString clientRequestToken;
    QList<Tag> tags;
    std::optional<bool> copyWorkGroupTags;
    friend bool operator==(const StartSessionRequest &, const StartSessionRequest &) = default;
};

struct StartSessionResult
{
    QString sessionId;
    std::optional<SessionState> state;
    QString stateText; // for SessionState::Unknown: as the service sent it
    QString clientRequestToken; // the token the call used (generated when the caller gave none)
};

struct SessionStatusResult // GetSessionStatus
{
    QString sessionId;
    SessionStatus status;
};

struct ListSessionsRequest
{
    QString workGroup;
    std::optional<SessionState> stateFilter;
    std::optional<int> maxResults;
    QString nextToken;
};

struct ListSessionsPage
{
    QList<SessionSummary> sessions;
    QString nextToken;
};

struct WorkGroupSummary
{
    QString name;
    QString state; // ENABLED, DISABLED
    QString description;
    QDateTime creationTime;
    EngineVersion engineVersion;
    friend bool operator==(const WorkGroupSummary &, const WorkGroupSummary &) = default;
};

struct WorkGroupConfiguration
{
    EngineVersion engineVersion;
    QString executionRole;
    QString resultOutputLocation; // ResultConfiguration.OutputLocation
    std::optional<bool> enforceWorkGroupConfiguration;
    std::optional<bool> publishCloudWatchMetricsEnabled;
    std::optional<qint64> bytesScannedCutoffPerQuery;
    std::optional<EngineConfiguration> engineConfiguration;
    friend bool operator==(const WorkGroupConfiguration &, const WorkGroupConfiguration &) = default;
};

struct WorkGroup // GetWorkGroup
{
    QString name;
    QString state;
    QString description;
    QDateTime creationTime;
    WorkGroupConfiguration configuration;
    WorkGroupSummary summary() const;
    friend bool operator==(const WorkGroup &, const WorkGroup &) = default;
};

struct ListWorkGroupsPage
{
    QList<WorkGroupSummary> workGroups;
    QString nextToken;
};

struct ListEngineVersionsPage
{
    QList<EngineVersion> engineVersions;
    QString nextToken;
};

struct CreateWorkGroupRequest
{
    QString name;
    QString description;
    WorkGroupConfiguration configuration;
    QList<Tag> tags;
};

} // namespace athena

Q_DECLARE_METATYPE(athena::SessionState)
Q_DECLARE_METATYPE(athena::SessionSummary)
Q_DECLARE_METATYPE(athena::SessionDetails)
Q_DECLARE_METATYPE(athena::StartSessionRequest)
