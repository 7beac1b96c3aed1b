#include "athena/validation.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace athena {

namespace {

// Characters the model allows in map keys and values: tab and everything printable.
constexpr const char *kKeyPattern = "[\\x{0020}-\\x{D7FF}\\x{E000}-\\x{FFFD}\\x{10000}-\\x{10FFFF}\\t]*";

// KmsKey in the model: a key or alias ARN, alias/NAME, or a key ID.
constexpr const char *kKmsKeyPattern =
    "arn:aws[a-z\\-]*:kms:([a-z0-9\\-]+):\\d{12}:key/?[a-zA-Z_0-9+=,.@\\-_/]+"
    "|arn:aws[a-z\\-]*:kms:([a-z0-9\\-]+):\\d{12}:alias/?[a-zA-Z_0-9+=,.@\\-_/]+"
    "|alias/[a-zA-Z0-9/_-]+|[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}";

// The one table. Limits are the model's; labels and hints are ours.
constexpr FieldLimit kLimits[] = {
    {Field::WorkGroup, "WorkGroup", QT_TRANSLATE_NOOP("athena::Validation", "Workgroup"), 1, 128, "",
     "[a-zA-Z0-9._-]{1,128}", QT_TRANSLATE_NOOP("athena::Validation", "letters, digits, '.', '_' and '-'")},
    {Field::Description, "Description", QT_TRANSLATE_NOOP("athena::Validation", "Description"), 1, 1024, "", nullptr, nullptr},
    {Field::MaxConcurrentDpus, "EngineConfiguration.MaxConcurrentDpus",
     QT_TRANSLATE_NOOP("athena::Validation", "Max concurrent DPUs"), 2, 5000, QT_TRANSLATE_NOOP("athena::Validation", " DPUs"), nullptr, nullptr},
    {Field::CoordinatorDpuSize, "EngineConfiguration.CoordinatorDpuSize",
     QT_TRANSLATE_NOOP("athena::Validation", "Coordinator DPU size"), 1, 1, QT_TRANSLATE_NOOP("athena::Validation", " DPU"), nullptr, nullptr},
    {Field::DefaultExecutorDpuSize, "EngineConfiguration.DefaultExecutorDpuSize",
     QT_TRANSLATE_NOOP("athena::Validation", "Default executor DPU size"), 1, 1, QT_TRANSLATE_NOOP("athena::Validation", " DPU"), nullptr, nullptr},
    {Field::SessionIdleTimeoutInMinutes, "SessionIdleTimeoutInMinutes",
     QT_TRANSLATE_NOOP("athena::Validation", "Idle timeout"), 1, 480, QT_TRANSLATE_NOOP("athena::Validation", " minutes"), nullptr, nullptr},
    {Field::NotebookVersion, "NotebookVersion", QT_TRANSLATE_NOOP("athena::Validation", "Notebook version"), 1, 128, "",
     nullptr, nullptr},
    {Field::AdditionalConfigs, "EngineConfiguration.AdditionalConfigs",
     QT_TRANSLATE_NOOP("athena::Validation", "Additional configs"), 0, 0, "", nullptr, nullptr},
    {Field::SparkProperties, "EngineConfiguration.SparkProperties", QT_TRANSLATE_NOOP("athena::Validation", "Spark properties"),
     0, 0, "", nullptr, nullptr},
    {Field::ClientRequestToken, "ClientRequestToken", QT_TRANSLATE_NOOP("athena::Validation", "Client request token"),
     32, 128, "", nullptr, nullptr},
    {Field::ExecutionRole, "ExecutionRole", QT_TRANSLATE_NOOP("athena::Validation", "Execution role"), 20, 2048, "",
     "arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+",
     QT_TRANSLATE_NOOP("athena::Validation", "an IAM role ARN such as arn:aws:iam::123456789012:role/name")},
    {Field::ConfigKey, "Key", QT_TRANSLATE_NOOP("athena::Validation", "Key"), 1, 255, "", kKeyPattern,
     QT_TRANSLATE_NOOP("athena::Validation", "printable characters")},
    {Field::ConfigValue, "Value", QT_TRANSLATE_NOOP("athena::Validation", "Value"), 0, 51200, "", nullptr, nullptr},
    {Field::ClassificationName, "Name", QT_TRANSLATE_NOOP("athena::Validation", "Classification name"), 1, 128, "",
     nullptr, nullptr},
    {Field::TagKey, "Key", QT_TRANSLATE_NOOP("athena::Validation", "Tag key"), 1, 128, "", nullptr, nullptr},
    {Field::TagValue, "Value", QT_TRANSLATE_NOOP("athena::Validation", "Tag value"), 0, 256, "", nullptr, nullptr},
    {Field::Tags, "Tags", QT_TRANSLATE_NOOP("athena::Validation", "Tags"), 0, 0, "", nullptr, nullptr},
    {Field::Classifications, "EngineConfiguration.Classifications", QT_TRANSLATE_NOOP("athena::Validation", "Classifications"),
     0, 0, "", nullptr, nullptr},
    {Field::CloudWatchLogGroup, "MonitoringConfiguration.CloudWatchLoggingConfiguration.LogGroup",
     QT_TRANSLATE_NOOP("athena::Validation", "Log group"), 1, 512, "", "[a-zA-Z0-9._/-]+",
     QT_TRANSLATE_NOOP("athena::Validation", "letters, digits, '.', '_', '/' and '-'")},
    {Field::CloudWatchLogStreamNamePrefix, "MonitoringConfiguration.CloudWatchLoggingConfiguration.LogStreamNamePrefix",
     QT_TRANSLATE_NOOP("athena::Validation", "Log stream prefix"), 1, 512, "", "[^:*]*",
     QT_TRANSLATE_NOOP("athena::Validation", "characters other than ':' and '*'")},
    {Field::ManagedLoggingKmsKey, "MonitoringConfiguration.ManagedLoggingConfiguration.KmsKey",
     QT_TRANSLATE_NOOP("athena::Validation", "KMS key"), 1, 2048, "", kKmsKeyPattern,
     QT_TRANSLATE_NOOP("athena::Validation", "a KMS key ARN, alias ARN, alias/NAME or key ID")},
    {Field::S3LogLocation, "MonitoringConfiguration.S3LoggingConfiguration.LogLocation",
     QT_TRANSLATE_NOOP("athena::Validation", "S3 log location"), 1, 1024, "", "s3://[a-z0-9][a-z0-9\\-]*[a-z0-9](/.*)?",
     QT_TRANSLATE_NOOP("athena::Validation", "an S3 URI such as s3://bucket/prefix/")},
    {Field::S3LoggingKmsKey, "MonitoringConfiguration.S3LoggingConfiguration.KmsKey",
     QT_TRANSLATE_NOOP("athena::Validation", "KMS key"), 1, 2048, "", kKmsKeyPattern,
     QT_TRANSLATE_NOOP("athena::Validation", "a KMS key ARN, alias ARN, alias/NAME or key ID")},
    {Field::SessionId, "SessionId", QT_TRANSLATE_NOOP("athena::Validation", "Session ID"), 1, 256, "", nullptr, nullptr},
    {Field::ListSessionsMaxResults, "MaxResults", QT_TRANSLATE_NOOP("athena::Validation", "Max results"), 1, 100, "",
     nullptr, nullptr},
    {Field::ListSessionsNextToken, "NextToken", QT_TRANSLATE_NOOP("athena::Validation", "Next token"), 0, 2048, "",
     nullptr, nullptr},
    {Field::ListWorkGroupsMaxResults, "MaxResults", QT_TRANSLATE_NOOP("athena::Validation", "Max results"), 1, 50, "",
     nullptr, nullptr},
    {Field::ListEngineVersionsMaxResults, "MaxResults", QT_TRANSLATE_NOOP("athena::Validation", "Max results"), 1, 10,
     "", nullptr, nullptr},
    {Field::PageToken, "NextToken", QT_TRANSLATE_NOOP("athena::Validation", "Next token"), 1, 1024, "", nullptr, nullptr},
    {Field::CalculationExecutionId, "CalculationExecutionId", QT_TRANSLATE_NOOP("athena::Validation", "Calculation ID"), 1,
     36, "", nullptr, nullptr},
    {Field::CodeBlock, "CodeBlock", QT_TRANSLATE_NOOP("athena::Validation", "Code"), 1, 68000, "", nullptr, nullptr},
};

// Translates a text from the table (marked with QT_TRANSLATE_NOOP) at run time.
QString translated(const char *text)
{
    return QCoreApplication::translate("athena::Validation", text);
}

QString label(const FieldLimit &l)
{
    return translated(l.label);
}

qsizetype characterCount(const QString &s)
{
    qsizetype n = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (!(s.at(i).isLowSurrogate() && i > 0 && s.at(i - 1).isHighSurrogate()))
            ++n;
    }
    return n;
}

void add(ValidationIssues &issues, const QString &field, const std::optional<QString> &message)
{
    if (message)
        issues.append({field, *message});
}

void checkMap(ValidationIssues &issues, const QString &field, const StringMap &map)
{
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (auto m = checkText(Field::ConfigKey, it.key(), true))
            issues.append({field, u"%1 '%2': %3"_s.arg(field.section(u'.', -1), it.key().left(40), *m)});
        if (auto m = checkText(Field::ConfigValue, it.value(), false))
            issues.append({field, u"%1 '%2': %3"_s.arg(field.section(u'.', -1), it.key().left(40), *m)});
    }
}

} // namespace

const FieldLimit &limitOf(Field field)
{
    for (const FieldLimit &l : kLimits) {
        if (l.field == field)
            return l;
    }
    Q_UNREACHABLE();
}

QString fieldLabel(Field field)
{
    return label(limitOf(field));
}

std::optional<QString> checkNumber(Field field, std::optional<qint64> value, bool required)
{
    const FieldLimit &l = limitOf(field);
    if (!value) {
        if (required)
            return QCoreApplication::translate("athena::Validation", "%1 is required").arg(label(l));
        return std::nullopt;
    }
    if (*value >= l.min && *value <= l.max)
        return std::nullopt;
    const QString unit = *l.unit ? translated(l.unit) : QString();
    if (l.min == l.max)
        return QCoreApplication::translate("athena::Validation", "%1 must be %2%3").arg(label(l)).arg(l.min).arg(unit);
    return QCoreApplication::translate("athena::Validation", "%1 must be between %2 and %3%4").arg(label(l)).arg(l.min).arg(l.max).arg(unit);
}

std::optional<QString> checkText(Field field, const QString &value, bool required)
{
    const FieldLimit &l = limitOf(field);
    if (value.isEmpty()) // an empty optional string is an absent one
        return required ? std::optional<QString>(QCoreApplication::translate("athena::Validation", "%1 is required").arg(label(l))) : std::nullopt;
    const qsizetype n = characterCount(value);
    if (n < l.min || n > l.max) {
        if (l.min <= 1)
            return QCoreApplication::translate("athena::Validation", "%1 must be at most %2 characters (it has %3)").arg(label(l)).arg(l.max).arg(n);
        return QCoreApplication::translate("athena::Validation", "%1 must be %2 to %3 characters (it has %4)").arg(label(l)).arg(l.min).arg(l.max).arg(n);
    }
    if (l.pattern) {
        // Compiled once, read-only afterwards: safe from the endpoint's thread too.
        static const QHash<Field, QRegularExpression> patterns = [] {
            QHash<Field, QRegularExpression> h;
            for (const FieldLimit &f : kLimits) {
                if (f.pattern)
                    h.insert(f.field, QRegularExpression(QRegularExpression::anchoredPattern(QString::fromUtf8(f.pattern))));
            }
            return h;
        }();
        if (!patterns.value(field).match(value).hasMatch())
            return QCoreApplication::translate("athena::Validation", "%1 may contain only %2").arg(label(l), translated(l.patternHint));
    }
    return std::nullopt;
}

ValidationIssues validate(const StartSessionRequest &r)
{
    ValidationIssues issues;
    add(issues, u"WorkGroup"_s, checkText(Field::WorkGroup, r.workGroup, true));
    add(issues, u"Description"_s, checkText(Field::Description, r.description, false));
    const EngineConfiguration &e = r.engineConfiguration;
    add(issues, u"EngineConfiguration.MaxConcurrentDpus"_s, checkNumber(Field::MaxConcurrentDpus, e.maxConcurrentDpus, true));
    add(issues, u"EngineConfiguration.CoordinatorDpuSize"_s, checkNumber(Field::CoordinatorDpuSize, e.coordinatorDpuSize, false));
    add(issues, u"EngineConfiguration.DefaultExecutorDpuSize"_s,
        checkNumber(Field::DefaultExecutorDpuSize, e.defaultExecutorDpuSize, false));
    checkMap(issues, u"EngineConfiguration.AdditionalConfigs"_s, e.additionalConfigs);
    checkMap(issues, u"EngineConfiguration.SparkProperties"_s, e.sparkProperties);
    for (const Classification &c : e.classifications) {
        add(issues, u"EngineConfiguration.Classifications"_s, checkText(Field::ClassificationName, c.name, true));
        checkMap(issues, u"EngineConfiguration.Classifications.Properties"_s, c.properties);
    }
    add(issues, u"ExecutionRole"_s, checkText(Field::ExecutionRole, r.executionRole, false));
    add(issues, u"NotebookVersion"_s, checkText(Field::NotebookVersion, r.notebookVersion, false));
    if (!r.notebookVersion.isEmpty() && !e.additionalConfigs.contains(u"NotebookId"_s))
        issues.append({u"NotebookVersion"_s, QCoreApplication::translate("athena::Validation", "A notebook version needs a NotebookId in the additional configs")});
    if (r.sessionIdleTimeoutInMinutes)
        add(issues, u"SessionIdleTimeoutInMinutes"_s,
            checkNumber(Field::SessionIdleTimeoutInMinutes, r.sessionIdleTimeoutInMinutes, false));
    add(issues, u"ClientRequestToken"_s, checkText(Field::ClientRequestToken, r.clientRequestToken, false));
    issues += validateTags(r.tags);
    if (r.monitoringConfiguration)
        issues += validate(*r.monitoringConfiguration);
    return issues;
}

ValidationIssues validateTags(const QList<Tag> &tags)
{
    ValidationIssues issues;
    QSet<QString> keys;
    for (const Tag &t : tags) {
        add(issues, u"Tags"_s, checkText(Field::TagKey, t.key, true));
        add(issues, u"Tags"_s, checkText(Field::TagValue, t.value, false));
        if (!t.key.isEmpty() && keys.contains(t.key))
            issues.append({u"Tags"_s, QCoreApplication::translate("athena::Validation", "Tag '%1' appears twice").arg(t.key.left(40))});
        keys.insert(t.key);
    }
    return issues;
}

ValidationIssues validate(const MonitoringConfiguration &m)
{
    // Enabled is required in each part; the model makes it a member every part has, so a part
    // that is present always carries it. The strings are optional; present ones are checked.
    ValidationIssues issues;
    auto text = [&issues](Field field, const QString &value) {
        add(issues, QString::fromLatin1(limitOf(field).apiName), checkText(field, value, false));
    };
    if (m.cloudWatchLogging) {
        text(Field::CloudWatchLogGroup, m.cloudWatchLogging->logGroup);
        text(Field::CloudWatchLogStreamNamePrefix, m.cloudWatchLogging->logStreamNamePrefix);
    }
    if (m.managedLogging)
        text(Field::ManagedLoggingKmsKey, m.managedLogging->kmsKey);
    if (m.s3Logging) {
        text(Field::S3LogLocation, m.s3Logging->logLocation);
        text(Field::S3LoggingKmsKey, m.s3Logging->kmsKey);
    }
    return issues;
}

ValidationIssues validate(const ListSessionsRequest &r)
{
    ValidationIssues issues;
    add(issues, u"WorkGroup"_s, checkText(Field::WorkGroup, r.workGroup, true));
    if (r.maxResults)
        add(issues, u"MaxResults"_s, checkNumber(Field::ListSessionsMaxResults, r.maxResults, false));
    add(issues, u"NextToken"_s, checkText(Field::ListSessionsNextToken, r.nextToken, false));
    return issues;
}

ValidationIssues validateSessionId(const QString &sessionId)
{
    ValidationIssues issues;
    add(issues, u"SessionId"_s, checkText(Field::SessionId, sessionId, true));
    return issues;
}

ValidationIssues validateWorkGroupName(const QString &name)
{
    ValidationIssues issues;
    add(issues, u"WorkGroup"_s, checkText(Field::WorkGroup, name, true));
    return issues;
}

ValidationIssues validateListWorkGroups(std::optional<int> maxResults, const QString &nextToken)
{
    ValidationIssues issues;
    if (maxResults)
        add(issues, u"MaxResults"_s, checkNumber(Field::ListWorkGroupsMaxResults, maxResults, false));
    add(issues, u"NextToken"_s, checkText(Field::PageToken, nextToken, false));
    return issues;
}

ValidationIssues validateListEngineVersions(std::optional<int> maxResults, const QString &nextToken)
{
    ValidationIssues issues;
    if (maxResults)
        add(issues, u"MaxResults"_s, checkNumber(Field::ListEngineVersionsMaxResults, maxResults, false));
    add(issues, u"NextToken"_s, checkText(Field::PageToken, nextToken, false));
    return issues;
}

ValidationIssues validate(const StartCalculationRequest &r)
{
    ValidationIssues issues;
    add(issues, u"SessionId"_s, checkText(Field::SessionId, r.sessionId, true));
    add(issues, u"Description"_s, checkText(Field::Description, r.description, false));
    add(issues, r.inConfiguration ? u"CalculationConfiguration.CodeBlock"_s : u"CodeBlock"_s,
        checkText(Field::CodeBlock, r.codeBlock, true));
    add(issues, u"ClientRequestToken"_s, checkText(Field::ClientRequestToken, r.clientRequestToken, false));
    return issues;
}

namespace {
// A listing inside a session: SessionId, MaxResults 1–100 and a SessionManagerToken.
ValidationIssues validateSessionListing(const QString &sessionId, std::optional<int> maxResults, const QString &nextToken)
{
    ValidationIssues issues;
    add(issues, u"SessionId"_s, checkText(Field::SessionId, sessionId, true));
    if (maxResults)
        add(issues, u"MaxResults"_s, checkNumber(Field::ListSessionsMaxResults, maxResults, false));
    add(issues, u"NextToken"_s, checkText(Field::ListSessionsNextToken, nextToken, false));
    return issues;
}
} // namespace

ValidationIssues validate(const ListCalculationsRequest &r)
{
    return validateSessionListing(r.sessionId, r.maxResults, r.nextToken);
}

ValidationIssues validate(const ListExecutorsRequest &r)
{
    return validateSessionListing(r.sessionId, r.maxResults, r.nextToken);
}

ValidationIssues validateCalculationId(const QString &calculationExecutionId)
{
    ValidationIssues issues;
    add(issues, u"CalculationExecutionId"_s, checkText(Field::CalculationExecutionId, calculationExecutionId, true));
    return issues;
}

aws::AwsError toError(const ValidationIssues &issues)
{
    QStringList messages;
    for (const ValidationIssue &i : issues)
        messages << i.message;
    return aws::AwsError::make(aws::AwsError::Kind::Validation, u"ValidationError"_s, messages.join(u"; "_s));
}

} // namespace athena
