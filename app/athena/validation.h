#pragma once

#include "athena/athenatypes.h"
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
    SessionId,
    ListSessionsMaxResults,
    ListSessionsNextToken,
    ListWorkGroupsMaxResults,
    ListEngineVersionsMaxResults,
    PageToken,
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

const FieldLimit &limitOf(Field field);
// What a person calls the field, translated.
QString fieldLabel(Field field);

struct ValidationIssue
{
    QString field;   // API path, e.g. "EngineConfiguration.MaxConcurrentDpus"
    QString message; // a sentence a person understands
    friend bool operator==(const ValidationIssue &, const ValidationIssue &) = default;
};
using ValidationIssues = QList<ValidationIssue>;

// Single-field checks, for forms that validate as the user types. nullopt when valid.
std::optional<QString> checkNumber(Field field, std::optional<qint64> value, bool required);
std::optional<QString> checkText(Field field, const QString &value, bool required);

ValidationIssues validate(const StartSessionRequest &request);
ValidationIssues validate(const ListSessionsRequest &request);
ValidationIssues validateSessionId(const QString &sessionId); // GetSession, GetSessionStatus, TerminateSession
ValidationIssues validateWorkGroupName(const QString &name);  // GetWorkGroup
ValidationIssues validateListWorkGroups(std::optional<int> maxResults, const QString &nextToken);
ValidationIssues validateListEngineVersions(std::optional<int> maxResults, const QString &nextToken);

// A Validation-kind error whose message lists every issue.
aws::AwsError toError(const ValidationIssues &issues);

} // namespace athena
