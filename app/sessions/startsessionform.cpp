#include "sessions/startsessionform.h"

#include "athena/athenaclient.h"

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
    default: break;
    }
}

StartSessionForm::KeyValues StartSessionForm::keyValues(Field field) const
{
    return field == Field::AdditionalConfigs ? m_additional : field == Field::SparkProperties ? m_spark : KeyValues();
}

void StartSessionForm::setKeyValues(Field field, const KeyValues &values)
{
    if (field == Field::AdditionalConfigs)
        m_additional = values;
    else if (field == Field::SparkProperties)
        m_spark = values;
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

std::optional<QString> StartSessionForm::check(Field field) const
{
    std::optional<QString> error;
    switch (field) {
    case Field::WorkGroup: return athena::checkText(field, m_workGroup, true);
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
    default: // members the form does not offer
        return std::nullopt;
    }
}

QList<std::pair<StartSessionForm::Field, QString>> StartSessionForm::problems() const
{
    QList<std::pair<Field, QString>> out;
    for (Field f : {Field::WorkGroup, Field::Description, Field::MaxConcurrentDpus, Field::CoordinatorDpuSize,
                    Field::DefaultExecutorDpuSize, Field::SessionIdleTimeoutInMinutes, Field::NotebookVersion,
                    Field::AdditionalConfigs, Field::SparkProperties, Field::ClientRequestToken}) {
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
    r.monitoringConfiguration = m_monitoring;
    r.engineConfiguration.classifications = m_classifications;
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
    form.m_monitoring = session.monitoringConfiguration;
    form.m_classifications = e.classifications;
    return form; // with its own, new token
}
