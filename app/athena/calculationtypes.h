#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

// Value types for what runs inside a Spark session — calculations, executors and the Spark Connect
// endpoint — as botocore's service-2.json (athena 2017-05-18) defines them. Enumerations keep the
// text the service sent beside the value (…Text), so a value this client does not know yet is shown
// as it came and never mistaken for a known one.
namespace athena {

enum class CalculationState { Creating, Created, Queued, Running, Canceling, Canceled, Completed, Failed, Unknown };

QString calculationStateName(CalculationState state); // "UNKNOWN" for Unknown
std::optional<CalculationState> calculationStateFromString(const QString &text);
QList<CalculationState> allCalculationStates();
// COMPLETED, FAILED, CANCELED: no further change will come.
bool isFinal(CalculationState state);

enum class ExecutorState { Creating, Created, Registered, Terminating, Terminated, Failed, Unknown };
QString executorStateName(ExecutorState state);
std::optional<ExecutorState> executorStateFromString(const QString &text);
QList<ExecutorState> allExecutorStates();
// TERMINATED, FAILED.
bool isFinal(ExecutorState state);

enum class ExecutorType { Coordinator, Gateway, Worker, Unknown };
QString executorTypeName(ExecutorType type);
std::optional<ExecutorType> executorTypeFromString(const QString &text);

struct CalculationStatus
{
    QDateTime submissionDateTime;
    QDateTime completionDateTime;
    std::optional<CalculationState> state;
    QString stateText; // for CalculationState::Unknown: the state as the service sent it
    QString stateChangeReason;
    QString stateLabel() const;
    bool isFinal() const { return state && athena::isFinal(*state); }
    friend bool operator==(const CalculationStatus &, const CalculationStatus &) = default;
};

struct CalculationStatistics
{
    std::optional<qint64> dpuExecutionInMillis;
    QString progress;
    double dpuHours() const { return static_cast<double>(dpuExecutionInMillis.value_or(0)) / 3.6e6; }
    friend bool operator==(const CalculationStatistics &, const CalculationStatistics &) = default;
};

struct CalculationResult
{
    QString stdOutS3Uri;
    QString stdErrorS3Uri;
    QString resultS3Uri;
    QString resultType;
    bool isEmpty() const { return stdOutS3Uri.isEmpty() && stdErrorS3Uri.isEmpty() && resultS3Uri.isEmpty() && resultType.isEmpty(); }
    friend bool operator==(const CalculationResult &, const CalculationResult &) = default;
};

// One row of ListCalculationExecutions.
struct CalculationSummary
{
    QString calculationExecutionId;
    QString description;
    CalculationStatus status;
    friend bool operator==(const CalculationSummary &, const CalculationSummary &) = default;
};

// GetCalculationExecution.
struct CalculationExecution
{
    QString calculationExecutionId;
    QString sessionId;
    QString description;
    QString workingDirectory;
    CalculationStatus status;
    CalculationStatistics statistics;
    std::optional<CalculationResult> result;
    CalculationSummary summary() const { return {calculationExecutionId, description, status}; }
    friend bool operator==(const CalculationExecution &, const CalculationExecution &) = default;
};

// GetCalculationExecutionStatus.
struct CalculationStatusResult
{
    CalculationStatus status;
    CalculationStatistics statistics;
    friend bool operator==(const CalculationStatusResult &, const CalculationStatusResult &) = default;
};

struct ListCalculationsRequest
{
    QString sessionId;
    std::optional<CalculationState> stateFilter;
    std::optional<int> maxResults;
    QString nextToken;
    friend bool operator==(const ListCalculationsRequest &, const ListCalculationsRequest &) = default;
};

struct ListCalculationsPage
{
    QList<CalculationSummary> calculations;
    QString nextToken;
    friend bool operator==(const ListCalculationsPage &, const ListCalculationsPage &) = default;
};

// StartCalculationExecution. The code goes in CodeBlock; `inConfiguration` sends it as
// CalculationConfiguration.CodeBlock instead (the model's older, deprecated place for it).
struct StartCalculationRequest
{
    QString sessionId;
    QString description;
    QString codeBlock;
    bool inConfiguration = false;
    QString clientRequestToken;
    friend bool operator==(const StartCalculationRequest &, const StartCalculationRequest &) = default;
};

struct StartCalculationResult
{
    QString calculationExecutionId;
    std::optional<CalculationState> state;
    QString stateText;
    QString clientRequestToken; // the token the call used (generated when the caller gave none)
    friend bool operator==(const StartCalculationResult &, const StartCalculationResult &) = default;
};

struct StopCalculationResult
{
    std::optional<CalculationState> state;
    QString stateText;
    friend bool operator==(const StopCalculationResult &, const StopCalculationResult &) = default;
};

// One row of ListExecutors. Start and termination times are epoch milliseconds on the wire.
struct ExecutorSummary
{
    QString executorId;
    std::optional<ExecutorType> type;
    QString typeText;
    std::optional<ExecutorState> state;
    QString stateText;
    QDateTime startDateTime;
    QDateTime terminationDateTime;
    std::optional<qint64> size; // DPUs
    QString stateLabel() const;
    QString typeLabel() const;
    bool isFinal() const { return state && athena::isFinal(*state); }
    friend bool operator==(const ExecutorSummary &, const ExecutorSummary &) = default;
};

struct ListExecutorsRequest
{
    QString sessionId;
    std::optional<ExecutorState> stateFilter;
    std::optional<int> maxResults;
    QString nextToken;
    friend bool operator==(const ListExecutorsRequest &, const ListExecutorsRequest &) = default;
};

struct ListExecutorsPage
{
    QString sessionId;
    QList<ExecutorSummary> executors;
    QString nextToken;
    friend bool operator==(const ListExecutorsPage &, const ListExecutorsPage &) = default;
};

// GetSessionEndpoint. authToken is a secret: never logged, never shown unless asked for.
struct SessionEndpoint
{
    QString endpointUrl;
    QString authToken;
    QDateTime authTokenExpirationTime;
    friend bool operator==(const SessionEndpoint &, const SessionEndpoint &) = default;
};

} // namespace athena

Q_DECLARE_METATYPE(athena::CalculationSummary)
Q_DECLARE_METATYPE(athena::ExecutorSummary)
Q_DECLARE_METATYPE(athena::SessionEndpoint)
