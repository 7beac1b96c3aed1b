#include "sessions/startsessionform.h"

#include "athena/athenaclient.h"
#include "athena/athenajson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;
using athena::Field;

StartSessionForm::StartSessionForm()
    : m_maxDpus(QString::number(defaultMaxConcurrentDpus)),
      m_coordinator(QString::number(defaultDpuSize)),
      m_executor(QString::number(defaultDpuSize)),
      m_idleTimeout(QString::number(defaultIdleTimeoutMinutes)),
      m_token(athena::AthenaClient::newClientRequestToken())
{
}

QString StartSessionForm::text(Field field) const
{
    switch (field) {
    case Field::WorkGroup: return m_workGroup;
    case Field::Description: return m_description;
    case Field::MaxConcurrentDpus: return m_maxDpus;
    case Field::CoordinatorDpuSize: return m_coordinator;
    case Field::DefaultExecutorDpuSize: return m_executor;
    case Field::SessionIdleTimeoutInMinutes: return m_idleTimeout;
    case Field::NotebookVersion: return m_notebookVersion;
    case Field::ClientRequestToken: return m_token;
    case Field::ExecutionRole: return m_executionRole;
    case Field::Classifications: return m_classifications;
    case Field::CloudWatchLogGroup: return m_logGroup;
    case Field::CloudWatchLogStreamNamePrefix: return m_logStreamPrefix;
    case Field::ManagedLoggingKmsKey: return m_managedKmsKey;
    case Field::S3LogLocation: return m_s3Location;
    case Field::S3LoggingKmsKey: return m_s3KmsKey;
    default: return {};
    }
}

void StartSessionForm::setText(Field field, const QString &value)
{
    switch (field) {
    case Field::WorkGroup: m_workGroup = value.trimmed(); break;
    case Field::Description: m_description = value; break;
    case Field::MaxConcurrentDpus: m_maxDpus = value.trimmed(); break;
    case Field::CoordinatorDpuSize: m_coordinator = value.trimmed(); break;
    case Field::DefaultExecutorDpuSize: m_executor = value.trimmed(); break;
    case Field::SessionIdleTimeoutInMinutes: m_idleTimeout = value.trimmed(); break;
    case Field::NotebookVersion: m_notebookVersion = value.trimmed(); break;
    case Field::ClientRequestToken: m_token = value.trimmed(); break;
    case Field::ExecutionRole: m_executionRole = value.trimmed(); break;
    case Field::Classifications: m_classifications = value; break;
    case Field::CloudWatchLogGroup: m_logGroup = value.trimmed(); break;
    case Field::CloudWatchLogStreamNamePrefix: m_logStreamPrefix = value.trimmed(); break;
    case Field::ManagedLoggingKmsKey: m_managedKmsKey = value.trimmed(); break;
    case Field::S3LogLocation: m_s3Location = value.trimmed(); break;
    case Field::S3LoggingKmsKey: m_s3KmsKey = value.trimmed(); break;
    default: break;
    }
}

StartSessionForm::KeyValues StartSessionForm::keyValues(Field field) const
{
    switch (field) {
    case Field::AdditionalConfigs: return m_additional;
    case Field::SparkProperties: return m_spark;
    case Field::Tags: return m_tags;
    default: return {};
    }
}

void StartSessionForm::setKeyValues(Field field, const KeyValues &values)
{
    if (field == Field::AdditionalConfigs)
        m_additional = values;
    else if (field == Field::SparkProperties)
        m_spark = values;
    else if (field == Field::Tags)
        m_tags = values;
}

bool StartSessionForm::isOn(Switch s) const
{
    switch (s) {
    case Switch::CopyWorkGroupTags: return m_copyWorkGroupTags;
    case Switch::ManagedLogging: return m_managedLogging;
    case Switch::CloudWatchLogging: return m_cloudWatchLogging;
    case Switch::S3Logging: return m_s3Logging;
    }
    return false;
}

void StartSessionForm::setOn(Switch s, bool on)
{
    switch (s) {
    case Switch::CopyWorkGroupTags: m_copyWorkGroupTags = on; break;
    case Switch::ManagedLogging: m_managedLogging = on; break;
    case Switch::CloudWatchLogging: m_cloudWatchLogging = on; break;
    case Switch::S3Logging: m_s3Logging = on; break;
    }
}

const QList<StartSessionForm::Field> &StartSessionForm::fields()
{
    static const QList<Field> list{Field::WorkGroup, Field::Description, Field::MaxConcurrentDpus, Field::CoordinatorDpuSize,
                                   Field::DefaultExecutorDpuSize, Field::SessionIdleTimeoutInMinutes, Field::NotebookVersion,
                                   Field::AdditionalConfigs, Field::SparkProperties, Field::ClientRequestToken,
                                   Field::ExecutionRole, Field::Tags, Field::Classifications, Field::ManagedLoggingKmsKey,
                                   Field::CloudWatchLogGroup, Field::CloudWatchLogStreamNamePrefix, Field::S3LogLocation,
                                   Field::S3LoggingKmsKey};
    return list;
}

void StartSessionForm::newClientRequestToken()
{
    m_token = athena::AthenaClient::newClientRequestToken();
}

std::optional<int> StartSessionForm::number(Field field, std::optional<QString> *error) const
{
    const QString t = text(field);
    if (t.isEmpty())
        return std::nullopt;
    bool ok = false;
    const int v = t.toInt(&ok);
    if (!ok && error)
        *error = tr("%1 must be a whole number").arg(athena::fieldLabel(field));
    return ok ? std::optional<int>(v) : std::nullopt;
}

std::optional<QString> StartSessionForm::checkKeyValues(Field field) const
{
    const KeyValues values = keyValues(field);
    const QString what = field == Field::AdditionalConfigs ? tr("Additional config") : tr("Spark property");
    QSet<QString> keys;
    for (const auto &[key, value] : values) {
        if (key.trimmed().isEmpty() && value.isEmpty())
            continue; // an empty row being typed
        if (key.trimmed().isEmpty())
            return tr("%1 with value '%2' has no key").arg(what, value.left(40));
        if (keys.contains(key.trimmed()))
            return tr("%1 '%2' appears twice").arg(what, key.trimmed());
        keys.insert(key.trimmed());
        if (auto m = athena::checkText(athena::Field::ConfigKey, key.trimmed(), true))
            return tr("%1 '%2': %3").arg(what, key.trimmed().left(40), *m);
        if (auto m = athena::checkText(athena::Field::ConfigValue, value, false))
            return tr("%1 '%2': %3").arg(what, key.trimmed().left(40), *m);
    }
    return std::nullopt;
}

std::optional<QString> StartSessionForm::checkTags() const
{
    QSet<QString> keys;
    for (const auto &[rawKey, value] : m_tags) {
        const QString key = rawKey.trimmed();
        if (key.isEmpty() && value.isEmpty())
            continue; // an empty row being typed
        if (key.isEmpty())
            return tr("The tag with value '%1' has no key").arg(value.left(40));
        if (keys.contains(key))
            return tr("Tag '%1' appears twice").arg(key.left(40));
        keys.insert(key);
        if (key.startsWith(u"aws:"_s, Qt::CaseInsensitive))
            return tr("Tag '%1': keys beginning with 'aws:' are reserved for AWS").arg(key.left(40));
        if (auto m = athena::checkText(Field::TagKey, key, true))
            return tr("Tag '%1': %2").arg(key.left(40), *m);
        if (auto m = athena::checkText(Field::TagValue, value, false))
            return tr("Tag '%1': %2").arg(key.left(40), *m);
    }
    return std::nullopt;
}

std::optional<QList<athena::Classification>> StartSessionForm::classifications(QString *error) const
{
    if (m_classifications.trimmed().isEmpty())
        return QList<athena::Classification>();
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(m_classifications.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = tr("Classifications are not valid JSON: %1 at character %2").arg(parseError.errorString()).arg(parseError.offset);
        return std::nullopt;
    }
    if (!doc.isArray()) {
        *error = tr("Classifications must be a JSON list such as [{\"Name\": \"spark-defaults\", \"Properties\": {…}}]");
        return std::nullopt;
    }
    // Decoded by the request codec, so the form accepts exactly what the API's shape allows.
    const QJsonObject wrapped{{u"EngineConfiguration"_s, QJsonObject{{u"Classifications"_s, doc.array()}}}};
    const auto decoded = athena::json::decode<athena::StartSessionRequest>(wrapped);
    if (!decoded.ok()) {
        *error = tr("Classifications do not match the API: %1").arg(decoded.error().message);
        return std::nullopt;
    }
    for (const athena::Classification &c : decoded->engineConfiguration.classifications) {
        if (auto m = athena::checkText(Field::ClassificationName, c.name, true)) {
            *error = *m;
            return std::nullopt;
        }
        for (auto it = c.properties.begin(); it != c.properties.end(); ++it) {
            auto m = athena::checkText(Field::ConfigKey, it.key(), true);
            if (!m)
                m = athena::checkText(Field::ConfigValue, it.value(), false);
            if (m) {
                *error = tr("Classification '%1', property '%2': %3").arg(c.name.left(40), it.key().left(40), *m);
                return std::nullopt;
            }
        }
    }
    return decoded->engineConfiguration.classifications;
}

std::optional<athena::MonitoringConfiguration> StartSessionForm::monitoring() const
{
    // A destination is sent when it is switched on, or when the session it was copied from had it
    // (then with Enabled false if switched off, as it was); members the form has no field for
    // (LogTypes) are kept from that session.
    const athena::MonitoringConfiguration carried = m_carriedMonitoring.value_or(athena::MonitoringConfiguration());
    athena::MonitoringConfiguration m;
    if (m_cloudWatchLogging || carried.cloudWatchLogging) {
        athena::CloudWatchLoggingConfiguration c = carried.cloudWatchLogging.value_or(athena::CloudWatchLoggingConfiguration());
        c.enabled = m_cloudWatchLogging;
        c.logGroup = m_logGroup;
        c.logStreamNamePrefix = m_logStreamPrefix;
        m.cloudWatchLogging = c;
    }
    if (m_managedLogging || carried.managedLogging)
        m.managedLogging = athena::ManagedLoggingConfiguration{m_managedLogging, m_managedKmsKey};
    if (m_s3Logging || carried.s3Logging)
        m.s3Logging = athena::S3LoggingConfiguration{m_s3Logging, m_s3KmsKey, m_s3Location};
    if (!m.cloudWatchLogging && !m.managedLogging && !m.s3Logging)
        return m_carriedMonitoring ? m_carriedMonitoring : std::nullopt; // an empty one stays as it came
    return m;
}

std::optional<QString> StartSessionForm::check(Field field) const
{
    std::optional<QString> error;
    switch (field) {
    case Field::WorkGroup:
        if (m_unusableWorkGroups.contains(m_workGroup))
            return tr("%1: sessions need an enabled workgroup with an Apache Spark engine").arg(m_unusableWorkGroups.value(m_workGroup));
        return athena::checkText(field, m_workGroup, true);
    case Field::Description: return athena::checkText(field, m_description, false);
    case Field::MaxConcurrentDpus:
    case Field::CoordinatorDpuSize:
    case Field::DefaultExecutorDpuSize:
    case Field::SessionIdleTimeoutInMinutes: {
        const auto v = number(field, &error);
        const bool required = field == Field::MaxConcurrentDpus || field == Field::SessionIdleTimeoutInMinutes;
        return error ? error : athena::checkNumber(field, v, required);
    }
    case Field::NotebookVersion:
        if (auto m = athena::checkText(field, m_notebookVersion, false))
            return m;
        if (!m_notebookVersion.isEmpty()) {
            const bool hasId = std::any_of(m_additional.begin(), m_additional.end(),
                                           [](const auto &kv) { return kv.first.trimmed() == u"NotebookId"_s; });
            if (!hasId)
                return tr("A notebook version needs a NotebookId in the additional configs");
        }
        return std::nullopt;
    case Field::AdditionalConfigs:
    case Field::SparkProperties:
        return checkKeyValues(field);
    case Field::ClientRequestToken:
        return athena::checkText(field, m_token, true);
    case Field::ExecutionRole:
        return athena::checkText(field, m_executionRole, false);
    case Field::Tags:
        return checkTags();
    case Field::Classifications: {
        QString problem;
        return classifications(&problem) ? std::nullopt : std::optional<QString>(problem);
    }
    case Field::CloudWatchLogGroup:
    case Field::CloudWatchLogStreamNamePrefix:
    case Field::ManagedLoggingKmsKey:
    case Field::S3LogLocation:
    case Field::S3LoggingKmsKey:
        if (field == Field::S3LogLocation && m_s3Logging && m_s3Location.isEmpty())
            return tr("S3 logging needs a location such as s3://bucket/logs/");
        return athena::checkText(field, text(field), false);
    default: // members the form does not offer
        return std::nullopt;
    }
}

QList<std::pair<StartSessionForm::Field, QString>> StartSessionForm::problems() const
{
    QList<std::pair<Field, QString>> out;
    for (Field f : fields()) {
        if (auto m = check(f))
            out.append({f, *m});
    }
    return out;
}

athena::StartSessionRequest StartSessionForm::request() const
{
    athena::StartSessionRequest r;
    r.workGroup = m_workGroup;
    r.description = m_description;
    r.engineConfiguration.maxConcurrentDpus = number(Field::MaxConcurrentDpus, nullptr);
    r.engineConfiguration.coordinatorDpuSize = number(Field::CoordinatorDpuSize, nullptr);
    r.engineConfiguration.defaultExecutorDpuSize = number(Field::DefaultExecutorDpuSize, nullptr);
    for (const auto &[k, v] : m_additional) {
        if (!k.trimmed().isEmpty())
            r.engineConfiguration.additionalConfigs.insert(k.trimmed(), v);
    }
    for (const auto &[k, v] : m_spark) {
        if (!k.trimmed().isEmpty())
            r.engineConfiguration.sparkProperties.insert(k.trimmed(), v);
    }
    r.notebookVersion = m_notebookVersion;
    r.sessionIdleTimeoutInMinutes = number(Field::SessionIdleTimeoutInMinutes, nullptr);
    r.clientRequestToken = m_token;
    r.executionRole = m_executionRole;
    r.monitoringConfiguration = monitoring();
    QString ignored;
    r.engineConfiguration.classifications = classifications(&ignored).value_or(QList<athena::Classification>());
    for (const auto &[k, v] : m_tags) {
        if (!k.trimmed().isEmpty())
            r.tags.append(athena::Tag{k.trimmed(), v});
    }
    if (m_copyWorkGroupTags)
        r.copyWorkGroupTags = true;
    return r;
}

std::optional<double> StartSessionForm::costPerHourAtFullUse() const
{
    if (check(Field::MaxConcurrentDpus))
        return std::nullopt;
    return *number(Field::MaxConcurrentDpus, nullptr) * m_price;
}

StartSessionForm StartSessionForm::similarTo(const athena::SessionDetails &session)
{
    StartSessionForm form;
    form.m_workGroup = session.workGroup;
    form.m_description = session.description;
    const athena::EngineConfiguration &e = session.engineConfiguration;
    if (e.maxConcurrentDpus)
        form.m_maxDpus = QString::number(*e.maxConcurrentDpus);
    if (e.coordinatorDpuSize)
        form.m_coordinator = QString::number(*e.coordinatorDpuSize);
    if (e.defaultExecutorDpuSize)
        form.m_executor = QString::number(*e.defaultExecutorDpuSize);
    const std::optional<int> idle = session.sessionConfiguration.sessionIdleTimeoutInMinutes
                                        ? session.sessionConfiguration.sessionIdleTimeoutInMinutes
                                        : session.sessionConfiguration.idleTimeoutSeconds
                                              ? std::optional<int>(static_cast<int>(*session.sessionConfiguration.idleTimeoutSeconds / 60))
                                              : std::nullopt;
    if (idle)
        form.m_idleTimeout = QString::number(*idle);
    form.m_notebookVersion = session.notebookVersion;
    for (auto it = e.additionalConfigs.begin(); it != e.additionalConfigs.end(); ++it)
        form.m_additional.append({it.key(), it.value()});
    for (auto it = e.sparkProperties.begin(); it != e.sparkProperties.end(); ++it)
        form.m_spark.append({it.key(), it.value()});
    form.m_executionRole = session.sessionConfiguration.executionRole;
    if (!e.classifications.isEmpty()) {
        athena::EngineConfiguration only;
        only.classifications = e.classifications;
        const QJsonArray list = athena::json::toJson(only).value(u"Classifications"_s).toArray();
        form.m_classifications = QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Indented));
    }
    form.m_carriedMonitoring = session.monitoringConfiguration;
    if (const auto &m = session.monitoringConfiguration) {
        if (m->cloudWatchLogging) {
            form.m_cloudWatchLogging = m->cloudWatchLogging->enabled;
            form.m_logGroup = m->cloudWatchLogging->logGroup;
            form.m_logStreamPrefix = m->cloudWatchLogging->logStreamNamePrefix;
        }
        if (m->managedLogging) {
            form.m_managedLogging = m->managedLogging->enabled;
            form.m_managedKmsKey = m->managedLogging->kmsKey;
        }
        if (m->s3Logging) {
            form.m_s3Logging = m->s3Logging->enabled;
            form.m_s3Location = m->s3Logging->logLocation;
            form.m_s3KmsKey = m->s3Logging->kmsKey;
        }
    }
    return form; // with its own, new token (tags are not part of GetSession and start empty)
}
