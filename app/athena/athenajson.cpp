#include "athena/athenajson.h"
#include "athena/jsonwriter.h"

#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

// The encoders: value types to the API's JSON. The decoders are in athenajsondecode.cpp.
namespace athena::json {

using detail::put;

namespace {


QJsonArray tagsJson(const QList<Tag> &tags)
{
    QJsonArray a;
    for (const Tag &t : tags)
        a.append(QJsonObject{{u"Key"_s, t.key}, {u"Value"_s, t.value}});
    return a;
}


} // namespace

double toEpochSeconds(const QDateTime &t)
{
    return static_cast<double>(t.toMSecsSinceEpoch()) / 1000.0;
}

QDateTime fromEpochSeconds(double seconds)
{
    return QDateTime::fromMSecsSinceEpoch(std::llround(seconds * 1000.0), Qt::UTC);
}

// ---- encoders ----

QJsonObject toJson(const EngineConfiguration &v)
{
    QJsonObject o;
    put(o, "CoordinatorDpuSize"_L1, v.coordinatorDpuSize);
    put(o, "MaxConcurrentDpus"_L1, v.maxConcurrentDpus);
    put(o, "DefaultExecutorDpuSize"_L1, v.defaultExecutorDpuSize);
    put(o, "AdditionalConfigs"_L1, v.additionalConfigs);
    put(o, "SparkProperties"_L1, v.sparkProperties);
    if (!v.classifications.isEmpty()) {
        QJsonArray a;
        for (const Classification &c : v.classifications) {
            QJsonObject co;
            put(co, "Name"_L1, c.name);
            put(co, "Properties"_L1, c.properties);
            a.append(co);
        }
        o.insert("Classifications"_L1, a);
    }
    return o;
}

QJsonObject toJson(const EngineVersion &v)
{
    QJsonObject o;
    put(o, "SelectedEngineVersion"_L1, v.selected);
    put(o, "EffectiveEngineVersion"_L1, v.effective);
    return o;
}

QJsonObject toJson(const SessionStatus &v)
{
    QJsonObject o;
    put(o, "StartDateTime"_L1, v.startDateTime);
    put(o, "LastModifiedDateTime"_L1, v.lastModifiedDateTime);
    put(o, "EndDateTime"_L1, v.endDateTime);
    put(o, "IdleSinceDateTime"_L1, v.idleSinceDateTime);
    if (v.state)
        o.insert("State"_L1, v.stateLabelText());
    put(o, "StateChangeReason"_L1, v.stateChangeReason);
    return o;
}

QJsonObject toJson(const MonitoringConfiguration &v)
{
    QJsonObject o;
    if (v.cloudWatchLogging) {
        QJsonObject c{{u"Enabled"_s, v.cloudWatchLogging->enabled}};
        put(c, "LogGroup"_L1, v.cloudWatchLogging->logGroup);
        put(c, "LogStreamNamePrefix"_L1, v.cloudWatchLogging->logStreamNamePrefix);
        if (!v.cloudWatchLogging->logTypes.isEmpty()) {
            QJsonObject types;
            for (auto it = v.cloudWatchLogging->logTypes.begin(); it != v.cloudWatchLogging->logTypes.end(); ++it)
                types.insert(it.key(), QJsonArray::fromStringList(it.value()));
            c.insert("LogTypes"_L1, types);
        }
        o.insert("CloudWatchLoggingConfiguration"_L1, c);
    }
    if (v.managedLogging) {
        QJsonObject c{{u"Enabled"_s, v.managedLogging->enabled}};
        put(c, "KmsKey"_L1, v.managedLogging->kmsKey);
        o.insert("ManagedLoggingConfiguration"_L1, c);
    }
    if (v.s3Logging) {
        QJsonObject c{{u"Enabled"_s, v.s3Logging->enabled}};
        put(c, "KmsKey"_L1, v.s3Logging->kmsKey);
        put(c, "LogLocation"_L1, v.s3Logging->logLocation);
        o.insert("S3LoggingConfiguration"_L1, c);
    }
    return o;
}

QJsonObject toJson(const SessionConfiguration &v)
{
    QJsonObject o;
    put(o, "ExecutionRole"_L1, v.executionRole);
    put(o, "WorkingDirectory"_L1, v.workingDirectory);
    put(o, "IdleTimeoutSeconds"_L1, v.idleTimeoutSeconds);
    put(o, "SessionIdleTimeoutInMinutes"_L1, v.sessionIdleTimeoutInMinutes);
    if (v.encryptionConfiguration) {
        QJsonObject e{{u"EncryptionOption"_s, v.encryptionConfiguration->encryptionOption}};
        put(e, "KmsKey"_L1, v.encryptionConfiguration->kmsKey);
        o.insert("EncryptionConfiguration"_L1, e);
    }
    return o;
}

QJsonObject toJson(const SessionSummary &v)
{
    QJsonObject o;
    put(o, "SessionId"_L1, v.sessionId);
    put(o, "Description"_L1, v.description);
    put(o, "EngineVersion"_L1, toJson(v.engineVersion));
    put(o, "NotebookVersion"_L1, v.notebookVersion);
    put(o, "Status"_L1, toJson(v.status));
    return o;
}

QJsonObject toJson(const SessionDetails &v)
{
    QJsonObject o;
    put(o, "SessionId"_L1, v.sessionId);
    put(o, "Description"_L1, v.description);
    put(o, "WorkGroup"_L1, v.workGroup);
    put(o, "EngineVersion"_L1, v.engineVersion);
    put(o, "EngineConfiguration"_L1, toJson(v.engineConfiguration));
    put(o, "NotebookVersion"_L1, v.notebookVersion);
    if (v.monitoringConfiguration)
        o.insert("MonitoringConfiguration"_L1, toJson(*v.monitoringConfiguration));
    put(o, "SessionConfiguration"_L1, toJson(v.sessionConfiguration));
    put(o, "Status"_L1, toJson(v.status));
    if (v.dpuExecutionInMillis)
        o.insert("Statistics"_L1, QJsonObject{{u"DpuExecutionInMillis"_s, *v.dpuExecutionInMillis}});
    return o;
}

QJsonObject toJson(const SessionStatusResult &v)
{
    QJsonObject o;
    put(o, "SessionId"_L1, v.sessionId);
    put(o, "Status"_L1, toJson(v.status));
    return o;
}

QJsonObject toJson(const StartSessionRequest &v)
{
    QJsonObject o;
    put(o, "Description"_L1, v.description);
    put(o, "WorkGroup"_L1, v.workGroup);
    o.insert("EngineConfiguration"_L1, toJson(v.engineConfiguration));
    put(o, "ExecutionRole"_L1, v.executionRole);
    if (v.monitoringConfiguration)
        o.insert("MonitoringConfiguration"_L1, toJson(*v.monitoringConfiguration));
    put(o, "NotebookVersion"_L1, v.notebookVersion);
    put(o, "SessionIdleTimeoutInMinutes"_L1, v.sessionIdleTimeoutInMinutes);
    put(o, "ClientRequestToken"_L1, v.clientRequestToken);
    if (!v.tags.isEmpty())
        o.insert("Tags"_L1, tagsJson(v.tags));
    put(o, "CopyWorkGroupTags"_L1, v.copyWorkGroupTags);
    return o;
}

QJsonObject toJson(const StartSessionResult &v)
{
    QJsonObject o;
    put(o, "SessionId"_L1, v.sessionId);
    if (v.state)
        o.insert("State"_L1, stateLabel(v.state, v.stateText));
    return o;
}

QJsonObject toJson(const ListSessionsRequest &v)
{
    QJsonObject o;
    put(o, "WorkGroup"_L1, v.workGroup);
    if (v.stateFilter)
        o.insert("StateFilter"_L1, stateName(*v.stateFilter));
    put(o, "MaxResults"_L1, v.maxResults);
    put(o, "NextToken"_L1, v.nextToken);
    return o;
}

QJsonObject toJson(const ListSessionsPage &v)
{
    QJsonArray sessions;
    for (const SessionSummary &s : v.sessions)
        sessions.append(toJson(s));
    QJsonObject o{{u"Sessions"_s, sessions}};
    put(o, "NextToken"_L1, v.nextToken);
    return o;
}

QJsonObject toJson(const WorkGroupSummary &v)
{
    QJsonObject o;
    put(o, "Name"_L1, v.name);
    put(o, "State"_L1, v.state);
    put(o, "Description"_L1, v.description);
    put(o, "CreationTime"_L1, v.creationTime);
    put(o, "EngineVersion"_L1, toJson(v.engineVersion));
    return o;
}

QJsonObject toJson(const WorkGroupConfiguration &v)
{
    QJsonObject o;
    put(o, "EngineVersion"_L1, toJson(v.engineVersion));
    put(o, "ExecutionRole"_L1, v.executionRole);
    if (!v.resultOutputLocation.isEmpty())
        o.insert("ResultConfiguration"_L1, QJsonObject{{u"OutputLocation"_s, v.resultOutputLocation}});
    put(o, "EnforceWorkGroupConfiguration"_L1, v.enforceWorkGroupConfiguration);
    put(o, "PublishCloudWatchMetricsEnabled"_L1, v.publishCloudWatchMetricsEnabled);
    put(o, "BytesScannedCutoffPerQuery"_L1, v.bytesScannedCutoffPerQuery);
    if (v.engineConfiguration)
        o.insert("EngineConfiguration"_L1, toJson(*v.engineConfiguration));
    return o;
}

QJsonObject toJson(const WorkGroup &v)
{
    QJsonObject o;
    put(o, "Name"_L1, v.name);
    put(o, "State"_L1, v.state);
    o.insert("Configuration"_L1, toJson(v.configuration));
    put(o, "Description"_L1, v.description);
    put(o, "CreationTime"_L1, v.creationTime);
    return o;
}

QJsonObject toJson(const ListWorkGroupsPage &v)
{
    QJsonArray a;
    for (const WorkGroupSummary &w : v.workGroups)
        a.append(toJson(w));
    QJsonObject o{{u"WorkGroups"_s, a}};
    put(o, "NextToken"_L1, v.nextToken);
    return o;
}

QJsonObject toJson(const ListEngineVersionsPage &v)
{
    QJsonArray a;
    for (const EngineVersion &e : v.engineVersions)
        a.append(toJson(e));
    QJsonObject o{{u"EngineVersions"_s, a}};
    put(o, "NextToken"_L1, v.nextToken);
    return o;
}

QJsonObject toJson(const CreateWorkGroupRequest &v)
{
    QJsonObject o{{u"Name"_s, v.name}};
    put(o, "Description"_L1, v.description);
    put(o, "Configuration"_L1, toJson(v.configuration));
    if (!v.tags.isEmpty())
        o.insert("Tags"_L1, tagsJson(v.tags));
    return o;
}


} // namespace athena::json
