#include "athena/athenajson.h"

#include <QJsonArray>

#include <cmath>
#include <memory>

using namespace Qt::StringLiterals;

namespace athena::json {

namespace {

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return u"null"_s;
    case QJsonValue::Bool: return u"a boolean"_s;
    case QJsonValue::Double: return u"a number"_s;
    case QJsonValue::String: return u"a string"_s;
    case QJsonValue::Array: return u"an array"_s;
    case QJsonValue::Object: return u"an object"_s;
    case QJsonValue::Undefined: break;
    }
    return u"nothing"_s;
}

// Reads fields of one JSON object, remembering the first error with the field's full path. The
// path is built only when an error happens: a decode that succeeds allocates no path strings.
class Reader
{
public:
    explicit Reader(QJsonObject object) : m_object(std::move(object)), m_error(std::make_shared<QString>()) {}

    bool ok() const { return m_error->isEmpty(); }
    aws::AwsError error() const
    {
        return aws::AwsError::make(aws::AwsError::Kind::Decode, u"DecodeError"_s, *m_error);
    }
    bool has(QLatin1StringView key) const { return m_object.contains(key) && !m_object.value(key).isNull(); }

    void fail(QLatin1StringView key, const QString &what)
    {
        if (m_error->isEmpty())
            *m_error = field(key) + u": "_s + what;
    }

    QString str(QLatin1StringView key)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isString()) {
            fail(key, u"expected a string, got "_s + typeName(v));
            return {};
        }
        return v.toString();
    }

    std::optional<qint64> int64(QLatin1StringView key)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        const double d = v.toDouble();
        if (!v.isDouble() || !std::isfinite(d) || std::floor(d) != d || std::fabs(d) > 9.007199254740992e15) {
            fail(key, u"expected an integer, got "_s + (v.isDouble() ? u"%1"_s.arg(d) : typeName(v)));
            return std::nullopt;
        }
        return v.toInteger();
    }

    std::optional<int> int32(QLatin1StringView key)
    {
        const std::optional<qint64> v = int64(key);
        if (v && (*v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max())) {
            fail(key, u"%1 is out of range for a 32-bit integer"_s.arg(*v));
            return std::nullopt;
        }
        return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
    }

    std::optional<bool> boolean(QLatin1StringView key)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isBool()) {
            fail(key, u"expected a boolean, got "_s + typeName(v));
            return std::nullopt;
        }
        return v.toBool();
    }

    QDateTime time(QLatin1StringView key)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isDouble() || !std::isfinite(v.toDouble()) || std::fabs(v.toDouble()) > 1e13) {
            fail(key, u"expected a timestamp in epoch seconds, got "_s + typeName(v));
            return {};
        }
        return fromEpochSeconds(v.toDouble());
    }

    std::optional<SessionState> state(QLatin1StringView key)
    {
        const QString text = str(key);
        if (text.isEmpty())
            return std::nullopt;
        const std::optional<SessionState> s = sessionStateFromString(text);
        if (!s)
            fail(key, u"'%1' is not a session state"_s.arg(text.left(64)));
        return s;
    }

    StringMap map(QLatin1StringView key)
    {
        StringMap out;
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || v.isNull())
            return out;
        if (!v.isObject()) {
            fail(key, u"expected an object, got "_s + typeName(v));
            return out;
        }
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!it.value().isString()) {
                if (m_error->isEmpty())
                    *m_error = field(key) + u'.' + it.key() + u": expected a string, got "_s + typeName(it.value());
                return out;
            }
            out.insert(it.key(), it.value().toString());
        }
        return out;
    }

    // A nested object; absent gives an empty reader, a wrong type an error.
    Reader object(QLatin1StringView key)
    {
        const QJsonValue v = m_object.value(key);
        if (!v.isUndefined() && !v.isNull() && !v.isObject())
            fail(key, u"expected an object, got "_s + typeName(v));
        return Reader(v.toObject(), this, key, -1);
    }

    // Calls f(Reader) for each object of an array.
    template <typename F>
    void objects(QLatin1StringView key, F &&f)
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || v.isNull())
            return;
        if (!v.isArray()) {
            fail(key, u"expected an array, got "_s + typeName(v));
            return;
        }
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size() && ok(); ++i) {
            const QJsonValue item = a.at(i);
            if (!item.isObject()) {
                *m_error = field(key) + u'[' + QString::number(i) + u"]: expected an object, got "_s + typeName(item);
                return;
            }
            Reader child(item.toObject(), this, key, static_cast<int>(i));
            f(child);
        }
    }

    QStringList strings(QLatin1StringView key)
    {
        QStringList out;
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || v.isNull())
            return out;
        if (!v.isArray()) {
            fail(key, u"expected an array, got "_s + typeName(v));
            return out;
        }
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a.at(i).isString()) {
                fail(key, u"element %1 is not a string"_s.arg(i));
                return out;
            }
            out << a.at(i).toString();
        }
        return out;
    }

    const QJsonObject &raw() const { return m_object; }

private:
    // Children keep a pointer to their parent (they never outlive it) and their own key.
    Reader(QJsonObject object, const Reader *parent, QLatin1StringView key, int index)
        : m_object(std::move(object)), m_error(parent->m_error), m_parent(parent), m_key(key), m_index(index)
    {
    }

    QString path() const
    {
        if (!m_parent)
            return {};
        QString p = m_parent->field(m_key);
        if (m_index >= 0)
            p += u'[' + QString::number(m_index) + u']';
        return p;
    }
    QString field(QLatin1StringView key) const
    {
        const QString p = path();
        return p.isEmpty() ? QString(key) : p + u'.' + key;
    }

    QJsonObject m_object;
    std::shared_ptr<QString> m_error;
    const Reader *m_parent = nullptr;
    QLatin1StringView m_key; // points at a literal
    int m_index = -1;
};

template <typename T>
aws::Result<T> finish(const Reader &r, T value)
{
    if (!r.ok())
        return r.error();
    return value;
}

void put(QJsonObject &o, QLatin1StringView key, const QString &v)
{
    if (!v.isEmpty())
        o.insert(key, v);
}

template <typename T>
void put(QJsonObject &o, QLatin1StringView key, const std::optional<T> &v)
{
    if (v)
        o.insert(key, *v);
}

void put(QJsonObject &o, QLatin1StringView key, const QDateTime &t)
{
    if (t.isValid())
        o.insert(key, toEpochSeconds(t));
}

void put(QJsonObject &o, QLatin1StringView key, const StringMap &m)
{
    if (m.isEmpty())
        return;
    QJsonObject out;
    for (auto it = m.begin(); it != m.end(); ++it)
        out.insert(it.key(), it.value());
    o.insert(key, out);
}

void put(QJsonObject &o, QLatin1StringView key, const QJsonObject &child)
{
    if (!child.isEmpty())
        o.insert(key, child);
}

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
    s.state = r.state("State"_L1);
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
        o.insert("State"_L1, stateName(*v.state));
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
        o.insert("State"_L1, stateName(*v.state));
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
    s.state = r.state("State"_L1);
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
