#pragma once

#include "athena/athenatypes.h"
#include "athena/calculationtypes.h"
#include "aws/awserror.h"

#include <QList>
#include <QString>

#include <optional>

// Request validation from one table of limits, taken from the service model (service-2.json).
namespace athena {

// Every request member the client validates; forms use the same enum for their fields.
enum class Field {
    WorkGroup,
    Description,
    MaxConcurrentDpus,
    CoordinatorDpuSize,
    DefaultExecutorDpuSize,
    SessionIdleTimeoutInMinutes,
    NotebookVersion,
    AdditionalConfigs, // EngineConfiguration.AdditionalConfigs, a map: each entry is ConfigKey/ConfigValue
    SparkProperties,   // EngineConfiguration.SparkProperties, likewise
    ClientRequestToken,
    ExecutionRole,
    ConfigKey,
    ConfigValue,
    ClassificationName,
    TagKey,
    TagValue,
    Tags,            // the StartSession Tags list: each entry is TagKey/TagValue, keys unique
    Classifications, // EngineConfiguration.Classifications: Name (ClassificationName) and Properties
    CloudWatchLogGroup,            // MonitoringConfiguration.CloudWatchLoggingConfiguration.LogGroup
    CloudWatchLogStreamNamePrefix, // ….LogStreamNamePrefix
    ManagedLoggingKmsKey,          // MonitoringConfiguration.ManagedLoggingConfiguration.KmsKey
    S3LogLocation,                 // MonitoringConfiguration.S3LoggingConfiguration.LogLocation
    S3LoggingKmsKey,               // ….KmsKey
    SessionId,
    ListSessionsMaxResults,
    ListSessionsNextToken,
    ListWorkGroupsMaxResults,
    ListEngineVersionsMaxResults,
    PageToken,
    CalculationExecutionId,
    CodeBlock,
};

struct FieldLimit
{
    Field field;
    const char *apiName;  // the member's name in the API
    const char *label;    // what a person calls it (translatable, context "athena::Validation")
    qint64 min;
    qint64 max;
    const char *unit;     // for numbers: " minutes", " DPUs"; empty otherwise
    const char *pattern;  // a full-match regular expression, or nullptr
    const char *patternHint; // what the pattern means, for the message
};

[[nodiscard]] const FieldLimit &limitOf(Field field);
// What a person calls the field, translated.
[[nodiscard]] QString fieldLabel(Field field);

struct ValidationIssue
{
    QString field;   // API path, e.g. "EngineConfiguration.MaxConcurrentDpus"
    QString message; // a sentence a person understands
    friend bool operator==(const ValidationIssue &, const ValidationIssue &) = default;
};
using ValidationIssues = QList<ValidationIssue>;

// Single-field checks, for forms that validate as the user types. nullopt when valid.
[[nodiscard]] std::optional<QString> checkNumber(Field field, std::optional<qint64> value, bool required);
[[nodiscard]] std::optional<QString> checkText(Field field, const QString &value, bool required);

[[nodiscard]] ValidationIssues validate(const StartSessionRequest &request);
[[nodiscard]] ValidationIssues validate(const MonitoringConfiguration &monitoring); // as a member of StartSession
[[nodiscard]] ValidationIssues validateTags(const QList<Tag> &tags);
[[nodiscard]] ValidationIssues validate(const ListSessionsRequest &request);
[[nodiscard]] ValidationIssues validateSessionId(const QString &sessionId); // GetSession, GetSessionStatus, TerminateSession
[[nodiscard]] ValidationIssues validateWorkGroupName(const QString &name);  // GetWorkGroup
[[nodiscard]] ValidationIssues validateListWorkGroups(std::optional<int> maxResults, const QString &nextToken);
[[nodiscard]] ValidationIssues validateListEngineVersions(std::optional<int> maxResults, const QString &nextToken);

// The calculation, executor and endpoint operations.
[[nodiscard]] ValidationIssues validate(const StartCalculationRequest &request);
[[nodiscard]] ValidationIssues validate(const ListCalculationsRequest &request);
[[nodiscard]] ValidationIssues validate(const ListExecutorsRequest &request);
[[nodiscard]] ValidationIssues validateCalculationId(const QString &calculationExecutionId);

// A Validation-kind error whose message lists every issue.
[[nodiscard]] aws::AwsError toError(const ValidationIssues &issues);

} // namespace athena
