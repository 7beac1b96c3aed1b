#include "athena/athenajson.h"
#include "athena/jsonreader.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

// The decoders: the API's JSON to value types, with the field path of the first error.
namespace athena::json {

using detail::finish;
using detail::Reader;

namespace {

// ---- readers for nested types ----

EngineConfiguration readEngineConfiguration(Reader r)
{
    EngineConfiguration v;
    v.coordinatorDpuSize = r.int32("CoordinatorDpuSize"_L1);
    v.maxConcurrentDpus = r.int32("MaxConcurrentDpus"_L1);
    v.defaultExecutorDpuSize = r.int32("DefaultExecutorDpuSize"_L1);
    v.additionalConfigs = r.map("AdditionalConfigs"_L1);
    v.sparkProperties = r.map("SparkProperties"_L1);
    r.objects("Classifications"_L1, [&v](Reader &c) {
        v.classifications.append(Classification{c.str("Name"_L1), c.map("Properties"_L1)});
    });
    return v;
}

EngineVersion readEngineVersion(Reader r)
{
    return EngineVersion{r.str("SelectedEngineVersion"_L1), r.str("EffectiveEngineVersion"_L1)};
}

SessionStatus readStatus(Reader r)
{
    SessionStatus s;
    s.startDateTime = r.time("StartDateTime"_L1);
    s.lastModifiedDateTime = r.time("LastModifiedDateTime"_L1);
    s.endDateTime = r.time("EndDateTime"_L1);
    s.idleSinceDateTime = r.time("IdleSinceDateTime"_L1);
    s.state = r.responseState("State"_L1, &s.stateText);
    s.stateChangeReason = r.str("StateChangeReason"_L1);
    return s;
}

std::optional<MonitoringConfiguration> readMonitoring(Reader parent, QLatin1StringView key)
{
    if (!parent.has(key)) {
        parent.object(key); // reports a wrong type
        return std::nullopt;
    }
    Reader r = parent.object(key);
    MonitoringConfiguration m;
    if (r.has("CloudWatchLoggingConfiguration"_L1)) {
        Reader c = r.object("CloudWatchLoggingConfiguration"_L1);
        CloudWatchLoggingConfiguration v;
        v.enabled = c.boolean("Enabled"_L1).value_or(false);
        v.logGroup = c.str("LogGroup"_L1);
        v.logStreamNamePrefix = c.str("LogStreamNamePrefix"_L1);
        Reader types = c.object("LogTypes"_L1);
        for (auto it = types.raw().begin(); it != types.raw().end(); ++it) {
            const QByteArray typeName = it.key().toLatin1(); // log type names are ASCII
            v.logTypes.insert(it.key(), types.strings(QLatin1StringView(typeName)));
        }
        m.cloudWatchLogging = v;
    }
    if (r.has("ManagedLoggingConfiguration"_L1)) {
        Reader c = r.object("ManagedLoggingConfiguration"_L1);
        m.managedLogging = ManagedLoggingConfiguration{c.boolean("Enabled"_L1).value_or(false), c.str("KmsKey"_L1)};
    }
    if (r.has("S3LoggingConfiguration"_L1)) {
        Reader c = r.object("S3LoggingConfiguration"_L1);
        m.s3Logging = S3LoggingConfiguration{c.boolean("Enabled"_L1).value_or(false), c.str("KmsKey"_L1),
                                             c.str("LogLocation"_L1)};
    }
    return m;
}

QList<Tag> readTags(Reader r)
{
    QList<Tag> tags;
    r.objects("Tags"_L1, [&tags](Reader &t) { tags.append(Tag{t.str("Key"_L1), t.str("Value"_L1)}); });
    return tags;
}

SessionSummary readSummary(Reader &r)
{
    SessionSummary s;
    s.sessionId = r.str("SessionId"_L1);
    s.description = r.str("Description"_L1);
    s.engineVersion = readEngineVersion(r.object("EngineVersion"_L1));
    s.notebookVersion = r.str("NotebookVersion"_L1);
    s.status = readStatus(r.object("Status"_L1));
    return s;
}

WorkGroupSummary readWorkGroupSummary(Reader &r)
{
    WorkGroupSummary w;
    w.name = r.str("Name"_L1);
    w.state = r.str("State"_L1);
    w.description = r.str("Description"_L1);
    w.creationTime = r.time("CreationTime"_L1);
    w.engineVersion = readEngineVersion(r.object("EngineVersion"_L1));
    return w;
}

WorkGroupConfiguration readWorkGroupConfiguration(Reader r)
{
    WorkGroupConfiguration c;
    c.engineVersion = readEngineVersion(r.object("EngineVersion"_L1));
    c.executionRole = r.str("ExecutionRole"_L1);
    c.resultOutputLocation = r.object("ResultConfiguration"_L1).str("OutputLocation"_L1);
    c.enforceWorkGroupConfiguration = r.boolean("EnforceWorkGroupConfiguration"_L1);
    c.publishCloudWatchMetricsEnabled = r.boolean("PublishCloudWatchMetricsEnabled"_L1);
    c.bytesScannedCutoffPerQuery = r.int64("BytesScannedCutoffPerQuery"_L1);
    if (r.has("EngineConfiguration"_L1))
        c.engineConfiguration = readEngineConfiguration(r.object("EngineConfiguration"_L1));
    return c;
}

} // namespace

// ---- decoders ----

template <>
aws::Result<EngineConfiguration> decode(const QJsonObject &object)
{
    Reader r(object);
    return finish(r, readEngineConfiguration(r));
}

template <>
aws::Result<SessionStatus> decode(const QJsonObject &object)
{
    Reader r(object);
    return finish(r, readStatus(r));
}

template <>
aws::Result<SessionSummary> decode(const QJsonObject &object)
{
    Reader r(object);
    return finish(r, readSummary(r));
}

template <>
aws::Result<SessionDetails> decode(const QJsonObject &object)
{
    Reader r(object);
    SessionDetails d;
    d.sessionId = r.str("SessionId"_L1);
    d.description = r.str("Description"_L1);
    d.workGroup = r.str("WorkGroup"_L1);
    d.engineVersion = r.str("EngineVersion"_L1);
    d.engineConfiguration = readEngineConfiguration(r.object("EngineConfiguration"_L1));
    d.notebookVersion = r.str("NotebookVersion"_L1);
    d.monitoringConfiguration = readMonitoring(r, "MonitoringConfiguration"_L1);
    Reader sc = r.object("SessionConfiguration"_L1);
    d.sessionConfiguration.executionRole = sc.str("ExecutionRole"_L1);
    d.sessionConfiguration.workingDirectory = sc.str("WorkingDirectory"_L1);
    d.sessionConfiguration.idleTimeoutSeconds = sc.int64("IdleTimeoutSeconds"_L1);
    d.sessionConfiguration.sessionIdleTimeoutInMinutes = sc.int32("SessionIdleTimeoutInMinutes"_L1);
    if (sc.has("EncryptionConfiguration"_L1)) {
        Reader e = sc.object("EncryptionConfiguration"_L1);
        d.sessionConfiguration.encryptionConfiguration = EncryptionConfiguration{e.str("EncryptionOption"_L1), e.str("KmsKey"_L1)};
    }
    d.status = readStatus(r.object("Status"_L1));
    d.dpuExecutionInMillis = r.object("Statistics"_L1).int64("DpuExecutionInMillis"_L1);
    return finish(r, d);
}

template <>
aws::Result<SessionStatusResult> decode(const QJsonObject &object)
{
    Reader r(object);
    SessionStatusResult s{r.str("SessionId"_L1), readStatus(r.object("Status"_L1))};
    return finish(r, s);
}

template <>
aws::Result<StartSessionRequest> decode(const QJsonObject &object)
{
    Reader r(object);
    StartSessionRequest s;
    s.description = r.str("Description"_L1);
    s.workGroup = r.str("WorkGroup"_L1);
    if (!r.has("EngineConfiguration"_L1) && r.ok())
        r.fail("EngineConfiguration"_L1, u"is required"_s);
    s.engineConfiguration = readEngineConfiguration(r.object("EngineConfiguration"_L1));
    s.executionRole = r.str("ExecutionRole"_L1);
    s.monitoringConfiguration = readMonitoring(r, "MonitoringConfiguration"_L1);
    s.notebookVersion = r.str("NotebookVersion"_L1);
    s.sessionIdleTimeoutInMinutes = r.int32("SessionIdleTimeoutInMinutes"_L1);
    s.clientRequestToken = r.str("ClientRequestToken"_L1);
    s.tags = readTags(r);
    s.copyWorkGroupTags = r.boolean("CopyWorkGroupTags"_L1);
    return finish(r, s);
}

template <>
aws::Result<StartSessionResult> decode(const QJsonObject &object)
{
    Reader r(object);
    StartSessionResult s;
    s.sessionId = r.str("SessionId"_L1);
    s.state = r.responseState("State"_L1, &s.stateText);
    if (s.sessionId.isEmpty() && r.ok())
        r.fail("SessionId"_L1, u"is missing from the response"_s);
    return finish(r, s);
}

template <>
aws::Result<ListSessionsRequest> decode(const QJsonObject &object)
{
    Reader r(object);
    ListSessionsRequest l;
    l.workGroup = r.str("WorkGroup"_L1);
    l.stateFilter = r.state("StateFilter"_L1);
    l.maxResults = r.int32("MaxResults"_L1);
    l.nextToken = r.str("NextToken"_L1);
    return finish(r, l);
}

template <>
aws::Result<ListSessionsPage> decode(const QJsonObject &object)
{
    Reader r(object);
    ListSessionsPage p;
    r.objects("Sessions"_L1, [&p](Reader &s) { p.sessions.append(readSummary(s)); });
    p.nextToken = r.str("NextToken"_L1);
    return finish(r, p);
}

template <>
aws::Result<WorkGroupSummary> decode(const QJsonObject &object)
{
    Reader r(object);
    return finish(r, readWorkGroupSummary(r));
}

template <>
aws::Result<WorkGroup> decode(const QJsonObject &object)
{
    Reader outer(object);
    Reader r = outer.object("WorkGroup"_L1);
    WorkGroup w;
    w.name = r.str("Name"_L1);
    w.state = r.str("State"_L1);
    w.description = r.str("Description"_L1);
    w.creationTime = r.time("CreationTime"_L1);
    w.configuration = readWorkGroupConfiguration(r.object("Configuration"_L1));
    return finish(outer, w);
}

template <>
aws::Result<ListWorkGroupsPage> decode(const QJsonObject &object)
{
    Reader r(object);
    ListWorkGroupsPage p;
    r.objects("WorkGroups"_L1, [&p](Reader &w) { p.workGroups.append(readWorkGroupSummary(w)); });
    p.nextToken = r.str("NextToken"_L1);
    return finish(r, p);
}

template <>
aws::Result<ListEngineVersionsPage> decode(const QJsonObject &object)
{
    Reader r(object);
    ListEngineVersionsPage p;
    r.objects("EngineVersions"_L1, [&p](Reader &e) { p.engineVersions.append(readEngineVersion(e)); });
    p.nextToken = r.str("NextToken"_L1);
    return finish(r, p);
}

template <>
aws::Result<CreateWorkGroupRequest> decode(const QJsonObject &object)
{
    Reader r(object);
    CreateWorkGroupRequest c;
    c.name = r.str("Name"_L1);
    c.description = r.str("Description"_L1);
    c.configuration = readWorkGroupConfiguration(r.object("Configuration"_L1));
    c.tags = readTags(r);
    return finish(r, c);
}


} // namespace athena::json
