#pragma once

#include "athena/athenatypes.h"
#include "athena/validation.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

// The rules behind the start-session dialog, without widgets: fields as the user typed them,
// defaults, per-field results with messages, cross-field rules, the request, a cost estimate,
// and prefill from an existing session ("start similar").
class StartSessionForm
{
    Q_DECLARE_TR_FUNCTIONS(StartSessionForm)

public:
    // The form's fields are the request's: WorkGroup, Description, the EngineConfiguration numbers,
    // SessionIdleTimeoutInMinutes, NotebookVersion, AdditionalConfigs, SparkProperties, ClientRequestToken.
    using Field = athena::Field;
    using KeyValues = QList<std::pair<QString, QString>>;

    static constexpr int defaultMaxConcurrentDpus = 20;
    static constexpr int defaultDpuSize = 1;
    static constexpr int defaultIdleTimeoutMinutes = 20;
    static constexpr double defaultDpuHourPriceUsd = 0.35;

    StartSessionForm();

    QString text(Field field) const;
    void setText(Field field, const QString &value);
    KeyValues keyValues(Field field) const; // AdditionalConfigs, SparkProperties
    void setKeyValues(Field field, const KeyValues &values);
    void newClientRequestToken();

    // nullopt when the field is valid; otherwise what is wrong, in a sentence.
    std::optional<QString> check(Field field) const;
    // Every problem, cross-field rules included, with the field it belongs to.
    QList<std::pair<Field, QString>> problems() const;
    bool isValid() const { return problems().isEmpty(); }

    // The request to send; only meaningful when isValid().
    athena::StartSessionRequest request() const;

    // Cost per hour with every DPU busy, and with only the coordinator (idle).
    void setDpuHourPrice(double usd) { m_price = usd; }
    double dpuHourPrice() const { return m_price; }
    std::optional<double> costPerHourAtFullUse() const;
    double costPerHourIdle() const { return m_price; }

    // Prefilled from an existing session, with a new token ("start similar"). What GetSession tells
    // and the form has no field for (execution role, monitoring, classifications) is carried over
    // into request() as it was.
    static StartSessionForm similarTo(const athena::SessionDetails &session);
    // The members carried over by similarTo(), for the dialog to name.
    const QString &carriedExecutionRole() const { return m_executionRole; }
    const std::optional<athena::MonitoringConfiguration> &carriedMonitoring() const { return m_monitoring; }
    const QList<athena::Classification> &carriedClassifications() const { return m_classifications; }

private:
    std::optional<int> number(Field field, std::optional<QString> *error) const;
    std::optional<QString> checkKeyValues(Field field) const;

    QString m_workGroup;
    QString m_description;
    QString m_maxDpus;
    QString m_coordinator;
    QString m_executor;
    QString m_idleTimeout;
    QString m_notebookVersion;
    QString m_token;
    KeyValues m_additional;
    KeyValues m_spark;
    QString m_executionRole;
    std::optional<athena::MonitoringConfiguration> m_monitoring;
    QList<athena::Classification> m_classifications;
    double m_price = defaultDpuHourPriceUsd;
};
