// The start-session form's rules, defaults, request, cost estimate and "start similar".
#include "sessions/startsessionform.h"

#include <QTest>

using namespace athena;
using namespace Qt::StringLiterals;
using F = StartSessionForm::Field;

class TestStartSessionForm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void fieldRules_data();
    void fieldRules();
    void keyValueRules();
    void notebookVersionNeedsNotebookId();
    void buildsTheRequest();
    void costEstimate();
    void startSimilar();
    void everyMemberReachesTheRequest();
    void startSimilarCarriesWhatTheFormCannotShow();
};

void TestStartSessionForm::defaults()
{
    const StartSessionForm form;
    QCOMPARE(form.text(F::MaxConcurrentDpus), u"20"_s);
    QCOMPARE(form.text(F::CoordinatorDpuSize), u"1"_s);
    QCOMPARE(form.text(F::DefaultExecutorDpuSize), u"1"_s);
    QCOMPARE(form.text(F::SessionIdleTimeoutInMinutes), u"20"_s);
    QVERIFY(form.text(F::ClientRequestToken).size() >= 32);
    QVERIFY(!form.isValid()); // no workgroup yet
    QCOMPARE(form.problems().size(), 1);
    QCOMPARE(form.problems().first().second, u"Workgroup is required"_s);
}

void TestStartSessionForm::fieldRules_data()
{
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    const auto f = [](F x) { return static_cast<int>(x); };
    QTest::newRow("dpus 1") << f(F::MaxConcurrentDpus) << u"1"_s << u"Max concurrent DPUs must be between 2 and 5000 DPUs"_s;
    QTest::newRow("dpus 2") << f(F::MaxConcurrentDpus) << u"2"_s << QString();
    QTest::newRow("dpus 5000") << f(F::MaxConcurrentDpus) << u"5000"_s << QString();
    QTest::newRow("dpus 5001") << f(F::MaxConcurrentDpus) << u"5001"_s << u"Max concurrent DPUs must be between 2 and 5000 DPUs"_s;
    QTest::newRow("dpus text") << f(F::MaxConcurrentDpus) << u"twenty"_s << u"Max concurrent DPUs must be a whole number"_s;
    QTest::newRow("dpus empty") << f(F::MaxConcurrentDpus) << QString() << u"Max concurrent DPUs is required"_s;
    QTest::newRow("dpus decimal") << f(F::MaxConcurrentDpus) << u"2.5"_s << u"Max concurrent DPUs must be a whole number"_s;
    QTest::newRow("idle 0") << f(F::SessionIdleTimeoutInMinutes) << u"0"_s << u"Idle timeout must be between 1 and 480 minutes"_s;
    QTest::newRow("idle 1") << f(F::SessionIdleTimeoutInMinutes) << u"1"_s << QString();
    QTest::newRow("idle 480") << f(F::SessionIdleTimeoutInMinutes) << u"480"_s << QString();
    QTest::newRow("idle 481") << f(F::SessionIdleTimeoutInMinutes) << u"481"_s << u"Idle timeout must be between 1 and 480 minutes"_s;
    QTest::newRow("idle spaces") << f(F::SessionIdleTimeoutInMinutes) << u" 30 "_s << QString();
    QTest::newRow("coordinator 2") << f(F::CoordinatorDpuSize) << u"2"_s << u"Coordinator DPU size must be 1 DPU"_s;
    QTest::newRow("executor 0") << f(F::DefaultExecutorDpuSize) << u"0"_s << u"Default executor DPU size must be 1 DPU"_s;
    QTest::newRow("workgroup bad") << f(F::WorkGroup) << u"my wg"_s << u"Workgroup may contain only letters, digits, '.', '_' and '-'"_s;
    QTest::newRow("description long") << f(F::Description) << QString(1025, u'd') << u"Description must be at most 1024 characters (it has 1025)"_s;
    QTest::newRow("token short") << f(F::ClientRequestToken) << u"abc"_s << u"Client request token must be 32 to 128 characters (it has 3)"_s;
    // The Advanced section.
    QTest::newRow("role ok") << f(F::ExecutionRole) << u"arn:aws:iam::123456789012:role/spark-exec"_s << QString();
    QTest::newRow("role gov") << f(F::ExecutionRole) << u"arn:aws-us-gov:iam::123456789012:role/x/y"_s << QString();
    QTest::newRow("role bad") << f(F::ExecutionRole) << u"spark-exec-role-for-etl"_s
                              << u"Execution role may contain only an IAM role ARN such as arn:aws:iam::123456789012:role/name"_s;
    QTest::newRow("log group ok") << f(F::CloudWatchLogGroup) << u"/aws-athena/spark"_s << QString();
    QTest::newRow("log group bad") << f(F::CloudWatchLogGroup) << u"my logs"_s
                                   << u"Log group may contain only letters, digits, '.', '_', '/' and '-'"_s;
    QTest::newRow("prefix bad") << f(F::CloudWatchLogStreamNamePrefix) << u"a:b"_s
                                << u"Log stream prefix may contain only characters other than ':' and '*'"_s;
    QTest::newRow("kms arn") << f(F::ManagedLoggingKmsKey) << u"arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"_s << QString();
    QTest::newRow("kms alias") << f(F::S3LoggingKmsKey) << u"alias/athena-logs"_s << QString();
    QTest::newRow("kms id") << f(F::S3LoggingKmsKey) << u"1234abcd-12ab-34cd-56ef-1234567890ab"_s << QString();
    QTest::newRow("kms bad") << f(F::ManagedLoggingKmsKey) << u"my key"_s
                             << u"KMS key may contain only a KMS key ARN, alias ARN, alias/NAME or key ID"_s;
    QTest::newRow("s3 ok") << f(F::S3LogLocation) << u"s3://my-logs/athena/"_s << QString();
    QTest::newRow("s3 bad") << f(F::S3LogLocation) << u"https://my-logs/athena/"_s
                            << u"S3 log location may contain only an S3 URI such as s3://bucket/prefix/"_s;
    QTest::newRow("classifications empty") << f(F::Classifications) << u"  "_s << QString();
    QTest::newRow("classifications ok") << f(F::Classifications) << uR"([{"Name":"spark-defaults","Properties":{"a":"b"}}])"_s << QString();
    QTest::newRow("classifications not json") << f(F::Classifications) << u"[{"_s
                                              << u"Classifications are not valid JSON: unterminated object at character 2"_s;
    QTest::newRow("classifications object") << f(F::Classifications) << uR"({"Name":"x"})"_s
                                            << uR"(Classifications must be a JSON list such as [{"Name": "spark-defaults", "Properties": {…}}])"_s;
    QTest::newRow("classifications wrong type")
        << f(F::Classifications) << uR"([{"Name":"x","Properties":["a"]}])"_s
        << u"Classifications do not match the API: EngineConfiguration.Classifications[0].Properties: expected an object, got an array"_s;
    QTest::newRow("classifications no name") << f(F::Classifications) << uR"([{"Properties":{}}])"_s << u"Classification name is required"_s;
}

void TestStartSessionForm::fieldRules()
{
    QFETCH(int, field);
    QFETCH(QString, value);
    QFETCH(QString, message);
    StartSessionForm form;
    form.setText(static_cast<F>(field), value);
    QCOMPARE(form.check(static_cast<F>(field)).value_or(QString()), message);
}

void TestStartSessionForm::keyValueRules()
{
    StartSessionForm form;
    form.setText(F::WorkGroup, u"spark"_s);
    form.setKeyValues(F::SparkProperties, {{u"spark.a"_s, u"1"_s}, {QString(), QString()}, {u"spark.b"_s, u"2"_s}});
    QVERIFY(form.isValid()); // an empty row being typed is fine
    form.setKeyValues(F::SparkProperties, {{u"spark.a"_s, u"1"_s}, {u" spark.a "_s, u"2"_s}});
    QCOMPARE(form.check(F::SparkProperties).value_or(QString()), u"Spark property 'spark.a' appears twice"_s);
    form.setKeyValues(F::SparkProperties, {{QString(), u"orphan"_s}});
    QCOMPARE(form.check(F::SparkProperties).value_or(QString()), u"Spark property with value 'orphan' has no key"_s);
    form.setKeyValues(F::AdditionalConfigs, {{QString(256, u'k'), u"v"_s}});
    QVERIFY(form.check(F::AdditionalConfigs).value_or(QString()).contains(u"Key must be at most 255 characters"_s));
}

void TestStartSessionForm::notebookVersionNeedsNotebookId()
{
    StartSessionForm form;
    form.setText(F::WorkGroup, u"spark"_s);
    form.setText(F::NotebookVersion, u"Athena notebook version 1"_s);
    QCOMPARE(form.check(F::NotebookVersion).value_or(QString()), u"A notebook version needs a NotebookId in the additional configs"_s);
    form.setKeyValues(F::AdditionalConfigs, {{u"NotebookId"_s, u"nb-1"_s}});
    QVERIFY(!form.check(F::NotebookVersion));
    QVERIFY(form.isValid());
}

void TestStartSessionForm::buildsTheRequest()
{
    StartSessionForm form;
    form.setText(F::WorkGroup, u"spark-etl"_s);
    form.setText(F::Description, u"nightly"_s);
    form.setText(F::MaxConcurrentDpus, u"40"_s);
    form.setText(F::SessionIdleTimeoutInMinutes, u"15"_s);
    form.setKeyValues(F::SparkProperties, {{u" spark.executor.memory "_s, u"4g"_s}, {QString(), QString()}});
    QVERIFY(form.isValid());
    const StartSessionRequest r = form.request();
    QCOMPARE(r.workGroup, u"spark-etl"_s);
    QCOMPARE(r.description, u"nightly"_s);
    QVERIFY(r.engineConfiguration.maxConcurrentDpus == 40);
    QVERIFY(r.engineConfiguration.coordinatorDpuSize == 1);
    QVERIFY(r.sessionIdleTimeoutInMinutes == 15);
    QCOMPARE(r.engineConfiguration.sparkProperties, (StringMap{{u"spark.executor.memory"_s, u"4g"_s}}));
    QCOMPARE(r.clientRequestToken, form.text(F::ClientRequestToken));
    QVERIFY(validate(r).isEmpty()); // the form and the client agree
}

void TestStartSessionForm::costEstimate()
{
    StartSessionForm form;
    QCOMPARE(form.costPerHourAtFullUse().value_or(-1), 20 * 0.35);
    QCOMPARE(form.costPerHourIdle(), 0.35);
    form.setText(F::MaxConcurrentDpus, u"100"_s);
    QCOMPARE(form.costPerHourAtFullUse().value_or(-1), 35.0);
    form.setText(F::MaxConcurrentDpus, u"x"_s);
    QVERIFY(!form.costPerHourAtFullUse());
    form.setDpuHourPrice(0.5);
    form.setText(F::MaxConcurrentDpus, u"10"_s);
    QCOMPARE(form.costPerHourAtFullUse().value_or(-1), 5.0);
}

void TestStartSessionForm::startSimilar()
{
    SessionDetails d;
    d.workGroup = u"spark-ml"_s;
    d.description = u"feature run"_s;
    d.engineConfiguration.maxConcurrentDpus = 60;
    d.engineConfiguration.coordinatorDpuSize = 1;
    d.engineConfiguration.sparkProperties = {{u"spark.sql.shuffle.partitions"_s, u"256"_s}};
    d.engineConfiguration.additionalConfigs = {{u"NotebookId"_s, u"nb"_s}};
    d.notebookVersion = u"Athena notebook version 1"_s;
    d.sessionConfiguration.idleTimeoutSeconds = 45 * 60;
    d.sessionConfiguration.executionRole = u"arn:aws:iam::123456789012:role/spark"_s;
    d.engineConfiguration.classifications = {Classification{u"spark-defaults"_s, {{u"spark.sql.adaptive.enabled"_s, u"true"_s}}}};
    MonitoringConfiguration monitoring;
    monitoring.s3Logging = S3LoggingConfiguration{true, {}, u"s3://logs/athena/"_s};
    d.monitoringConfiguration = monitoring;
    const StartSessionForm a = StartSessionForm::similarTo(d);
    const StartSessionForm b = StartSessionForm::similarTo(d);
    QCOMPARE(a.text(F::WorkGroup), u"spark-ml"_s);
    QCOMPARE(a.text(F::MaxConcurrentDpus), u"60"_s);
    QCOMPARE(a.text(F::SessionIdleTimeoutInMinutes), u"45"_s);
    QCOMPARE(a.keyValues(F::SparkProperties), (StartSessionForm::KeyValues{{u"spark.sql.shuffle.partitions"_s, u"256"_s}}));
    QVERIFY(a.isValid());
    QVERIFY(a.text(F::ClientRequestToken) != b.text(F::ClientRequestToken)); // a new session, not a retry
    // What the form has no field for goes along unchanged.
    const StartSessionRequest r = a.request();
    QCOMPARE(r.executionRole, d.sessionConfiguration.executionRole);
    QCOMPARE(r.monitoringConfiguration, d.monitoringConfiguration);
    QCOMPARE(r.engineConfiguration.classifications, d.engineConfiguration.classifications);
    QCOMPARE(r.engineConfiguration.sparkProperties, d.engineConfiguration.sparkProperties);
}

void TestStartSessionForm::everyMemberReachesTheRequest()
{
    StartSessionForm form;
    form.setText(F::WorkGroup, u"spark-etl"_s);
    form.setText(F::ExecutionRole, u"arn:aws:iam::123456789012:role/spark"_s);
    form.setKeyValues(F::Tags, {{u"team"_s, u"data"_s}, {QString(), QString()}, {u" cost-centre "_s, QString()}});
    form.setOn(StartSessionForm::Switch::CopyWorkGroupTags, true);
    form.setText(F::Classifications, uR"([{"Name":"spark-defaults","Properties":{"spark.sql.adaptive.enabled":"true"}}])"_s);
    form.setOn(StartSessionForm::Switch::ManagedLogging, true);
    form.setOn(StartSessionForm::Switch::CloudWatchLogging, true);
    form.setText(F::CloudWatchLogGroup, u"/aws-athena/spark"_s);
    form.setOn(StartSessionForm::Switch::S3Logging, true);
    QCOMPARE(form.check(F::S3LogLocation).value_or(QString()), u"S3 logging needs a location such as s3://bucket/logs/"_s);
    form.setText(F::S3LogLocation, u"s3://logs/athena/"_s);
    QVERIFY2(form.isValid(), qPrintable(form.problems().value(0).second));
    const StartSessionRequest r = form.request();
    QCOMPARE(r.executionRole, u"arn:aws:iam::123456789012:role/spark"_s);
    QCOMPARE(r.tags, (QList<Tag>{Tag{u"team"_s, u"data"_s}, Tag{u"cost-centre"_s, QString()}}));
    QCOMPARE(r.copyWorkGroupTags, std::optional<bool>(true));
    QCOMPARE(r.engineConfiguration.classifications,
             (QList<Classification>{Classification{u"spark-defaults"_s, {{u"spark.sql.adaptive.enabled"_s, u"true"_s}}}}));
    QVERIFY(r.monitoringConfiguration);
    QCOMPARE(r.monitoringConfiguration->managedLogging, std::optional(ManagedLoggingConfiguration{true, {}}));
    QCOMPARE(r.monitoringConfiguration->cloudWatchLogging->logGroup, u"/aws-athena/spark"_s);
    QCOMPARE(r.monitoringConfiguration->s3Logging, std::optional(S3LoggingConfiguration{true, {}, u"s3://logs/athena/"_s}));
    QVERIFY(validate(r).isEmpty());

    // Switched off and never copied from a session: not sent at all.
    form.setOn(StartSessionForm::Switch::ManagedLogging, false);
    form.setOn(StartSessionForm::Switch::CloudWatchLogging, false);
    form.setOn(StartSessionForm::Switch::S3Logging, false);
    form.setOn(StartSessionForm::Switch::CopyWorkGroupTags, false);
    QVERIFY(!form.request().monitoringConfiguration);
    QVERIFY(!form.request().copyWorkGroupTags);

    form.setKeyValues(F::Tags, {{u"team"_s, u"a"_s}, {u"team"_s, u"b"_s}});
    QCOMPARE(form.check(F::Tags).value_or(QString()), u"Tag 'team' appears twice"_s);
    form.setKeyValues(F::Tags, {{u"aws:createdBy"_s, u"me"_s}});
    QCOMPARE(form.check(F::Tags).value_or(QString()), u"Tag 'aws:createdBy': keys beginning with 'aws:' are reserved for AWS"_s);
    form.setKeyValues(F::Tags, {{u"k"_s, QString(257, u'v')}});
    QCOMPARE(form.check(F::Tags).value_or(QString()), u"Tag 'k': Tag value must be at most 256 characters (it has 257)"_s);
    form.setKeyValues(F::Tags, {{QString(), u"orphan"_s}});
    QCOMPARE(form.check(F::Tags).value_or(QString()), u"The tag with value 'orphan' has no key"_s);
}

void TestStartSessionForm::startSimilarCarriesWhatTheFormCannotShow()
{
    SessionDetails d;
    d.workGroup = u"spark-ml"_s;
    d.engineConfiguration.maxConcurrentDpus = 20;
    MonitoringConfiguration m;
    m.cloudWatchLogging = CloudWatchLoggingConfiguration{true, u"/spark"_s, u"run-"_s, {{u"SPARK_DRIVER"_s, {u"STDOUT"_s, u"STDERR"_s}}}};
    m.managedLogging = ManagedLoggingConfiguration{false, {}}; // present, switched off
    d.monitoringConfiguration = m;
    StartSessionForm form = StartSessionForm::similarTo(d);
    QVERIFY(form.isOn(StartSessionForm::Switch::CloudWatchLogging));
    QVERIFY(!form.isOn(StartSessionForm::Switch::ManagedLogging));
    QCOMPARE(form.text(F::CloudWatchLogGroup), u"/spark"_s);
    QCOMPARE(form.request().monitoringConfiguration, d.monitoringConfiguration); // LogTypes and Enabled=false kept
    // Edited fields win; LogTypes stay.
    form.setText(F::CloudWatchLogGroup, u"/other"_s);
    QCOMPARE(form.request().monitoringConfiguration->cloudWatchLogging->logGroup, u"/other"_s);
    QCOMPARE(form.request().monitoringConfiguration->cloudWatchLogging->logTypes, m.cloudWatchLogging->logTypes);
}

QTEST_GUILESS_MAIN(TestStartSessionForm)
#include "tst_startsessionform.moc"
