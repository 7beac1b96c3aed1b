#pragma once

#include "athena/athenatypes.h"
#include "athena/validation.h"

#include <QCoreApplication>
#include <QHash>
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
    // The form's fields are the request's, every member of StartSession: WorkGroup, Description, the
    // EngineConfiguration numbers, SessionIdleTimeoutInMinutes, NotebookVersion, AdditionalConfigs,
    // SparkProperties, ClientRequestToken, and the less common ExecutionRole, Tags, Classifications
    // (as JSON text, the API's list) and the MonitoringConfiguration's strings.
    using Field = athena::Field;
    using KeyValues = QList<std::pair<QString, QString>>;
    // The request's booleans: CopyWorkGroupTags, and each logging destination's Enabled.
    enum class Switch { CopyWorkGroupTags, ManagedLogging, CloudWatchLogging, S3Logging };

    static constexpr int defaultMaxConcurrentDpus = 20;
    static constexpr int defaultDpuSize = 1;
    static constexpr int defaultIdleTimeoutMinutes = 20;
    static constexpr double defaultDpuHourPriceUsd = 0.35;

    StartSessionForm();

    QString text(Field field) const;
    void setText(Field field, const QString &value);
    KeyValues keyValues(Field field) const; // AdditionalConfigs, SparkProperties, Tags
    void setKeyValues(Field field, const KeyValues &values);
    bool isOn(Switch s) const;
    void setOn(Switch s, bool on);
    // The fields the form offers, in the order the dialog shows them.
    static const QList<Field> &fields();
    void newClientRequestToken();

    // nullopt when the field is valid; otherwise what is wrong, in a sentence.
    std::optional<QString> check(Field field) const;
    // Every problem, cross-field rules included, with the field it belongs to.
    QList<std::pair<Field, QString>> problems() const;
    bool isValid() const { return problems().isEmpty(); }

    // The request to send; only meaningful when isValid().
    athena::StartSessionRequest request() const;

    // Workgroups that cannot run sessions, with why ("primary runs SQL queries…"); the form refuses
    // them with that reason rather than letting the service refuse them.
    void setUnusableWorkGroups(const QHash<QString, QString> &why) { m_unusableWorkGroups = why; }

    // Cost per hour with every DPU busy, and with only the coordinator (idle).
    void setDpuHourPrice(double usd) { m_price = usd; }
    double dpuHourPrice() const { return m_price; }
    std::optional<double> costPerHourAtFullUse() const;
    double costPerHourIdle() const { return m_price; }

    // Prefilled from an existing session, with a new token ("start similar"): every member GetSession
    // tells. What the form has no field for (a CloudWatch destination's LogTypes, a destination
    // present with Enabled false) is carried into request() as it was.
    static StartSessionForm similarTo(const athena::SessionDetails &session);

private:
    std::optional<int> number(Field field, std::optional<QString> *error) const;
    std::optional<QString> checkKeyValues(Field field) const;
    std::optional<QString> checkTags() const;
    // The Classifications text decoded; nullopt and a sentence in `error` when it is not the API's list.
    std::optional<QList<athena::Classification>> classifications(QString *error) const;
    std::optional<athena::MonitoringConfiguration> monitoring() const;

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
    KeyValues m_tags;
    QString m_executionRole;
    QString m_classifications; // JSON text
    QString m_logGroup;
    QString m_logStreamPrefix;
    QString m_managedKmsKey;
    QString m_s3Location;
    QString m_s3KmsKey;
    bool m_copyWorkGroupTags = false;
    bool m_managedLogging = false;
    bool m_cloudWatchLogging = false;
    bool m_s3Logging = false;
    std::optional<athena::MonitoringConfiguration> m_carriedMonitoring; // from similarTo()
    QHash<QString, QString> m_unusableWorkGroups;
    double m_price = defaultDpuHourPriceUsd;
};
