// JSON codecs: round trips for every type, decoding of responses shaped as the service sends
// them, and decode errors that name the field.
#include "athena/athenajson.h"

#include <QJsonDocument>
#include <QTest>

using namespace athena;
using namespace Qt::StringLiterals;

namespace {

QJsonObject parse(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

QDateTime at(int h, int m, int s, int ms = 0)
{
    return QDateTime(QDate(2026, 11, 21), QTime(h, m, s, ms), Qt::UTC);
}

EngineConfiguration fullEngine()
{
    EngineConfiguration e;
    e.coordinatorDpuSize = 1;
    e.maxConcurrentDpus = 20;
    e.defaultExecutorDpuSize = 1;
    e.additionalConfigs = {{u"NotebookId"_s, u"nb-1"_s}, {u"NotebookIframeParentUrl"_s, u"https://x"_s}};
    e.sparkProperties = {{u"spark.executor.memory"_s, u"4g"_s}};
    e.classifications = {Classification{u"spark-defaults"_s, {{u"spark.sql.shuffle.partitions"_s, u"64"_s}}}};
    return e;
}

SessionStatus fullStatus()
{
    return SessionStatus{at(6, 0, 0, 250), at(6, 1, 2), at(7, 0, 0), at(6, 1, 2), SessionState::Idle, {}, u"Idle"_s};
}

} // namespace

class TestAthenaJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sessionStates();
    void roundTripSessionDetails();
    void roundTripSummaryAndPage();
    void roundTripStartSessionRequest();
    void roundTripOtherTypes();
    void decodesServiceShapedGetSession();
    void decodesServiceShapedListSessions();
    void fractionalAndIntegerTimestamps();
    void unknownFieldsIgnoredMissingLeftEmpty();
    void unknownStatesAreKeptAsTheyCame();
    void timestampsAsBotocoreTakesThem_data();
    void timestampsAsBotocoreTakesThem();
    void decodeErrors_data();
    void decodeErrors();
};

void TestAthenaJson::sessionStates()
{
    for (SessionState s : allSessionStates())
        QVERIFY(sessionStateFromString(stateName(s)) == s);
    QCOMPARE(allSessionStates().size(), 8);
    QVERIFY(!sessionStateFromString(u"idle"_s)); // the API is case-sensitive
    QVERIFY(isActive(SessionState::Busy) && !isActive(SessionState::Terminating));
    QVERIFY(isFinal(SessionState::Failed) && isFinal(SessionState::Degraded) && !isFinal(SessionState::Terminating));
    QVERIFY(isTransitional(SessionState::Created) && !isTransitional(SessionState::Idle));
}

void TestAthenaJson::roundTripSessionDetails()
{
    SessionDetails d;
    d.sessionId = u"a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"_s;
    d.description = u"Nightly features — ünïcödé 漢字"_s;
    d.workGroup = u"spark-analytics"_s;
    d.engineVersion = u"PySpark engine version 3"_s;
    d.engineConfiguration = fullEngine();
    d.notebookVersion = u"Athena notebook version 1"_s;
    MonitoringConfiguration m;
    m.cloudWatchLogging = CloudWatchLoggingConfiguration{true, u"/aws/athena"_s, u"s-"_s, {{u"SPARK_DRIVER"_s, {u"STDOUT"_s, u"STDERR"_s}}}};
    m.managedLogging = ManagedLoggingConfiguration{true, u"alias/key"_s};
    m.s3Logging = S3LoggingConfiguration{false, {}, u"s3://bucket/logs/"_s};
    d.monitoringConfiguration = m;
    d.sessionConfiguration = SessionConfiguration{u"arn:aws:iam::123456789012:role/AthenaSpark"_s, u"s3://bucket/wd/"_s, 1200, 20,
                                                  EncryptionConfiguration{u"SSE_KMS"_s, u"arn:aws:kms:eu-west-1:123456789012:key/k"_s}};
    d.status = fullStatus();
    d.dpuExecutionInMillis = 7200000;
    const auto back = json::decode<SessionDetails>(json::toJson(d));
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back.value(), d);
    QCOMPARE(back->dpuHours(), 2.0);
}

void TestAthenaJson::roundTripSummaryAndPage()
{
    ListSessionsPage page;
    for (int i = 0; i < 3; ++i)
        page.sessions << SessionSummary{u"s-%1"_s.arg(i), u"d"_s, EngineVersion{u"PySpark engine version 3"_s, u"PySpark engine version 3"_s},
                                        {}, fullStatus()};
    page.nextToken = u"opaque+token/=="_s;
    const auto back = json::decode<ListSessionsPage>(json::toJson(page));
    QVERIFY(back.ok());
    QCOMPARE(back->sessions, page.sessions);
    QCOMPARE(back->nextToken, page.nextToken);
    const auto empty = json::decode<ListSessionsPage>(json::toJson(ListSessionsPage{}));
    QVERIFY(empty.ok() && empty->sessions.isEmpty());
    QVERIFY(json::toJson(ListSessionsPage{}).contains(u"Sessions"_s)); // the service always sends the list
}

void TestAthenaJson::roundTripStartSessionRequest()
{
    StartSessionRequest r;
    r.workGroup = u"spark"_s;
    r.description = u"d"_s;
    r.engineConfiguration = fullEngine();
    r.executionRole = u"arn:aws:iam::123456789012:role/x"_s;
    r.notebookVersion = u"Athena notebook version 1"_s;
    r.sessionIdleTimeoutInMinutes = 15;
    r.clientRequestToken = u"0123456789abcdef0123456789abcdef"_s;
    r.tags = {Tag{u"team"_s, u"data"_s}, Tag{u"empty"_s, QString()}};
    r.copyWorkGroupTags = true;
    r.monitoringConfiguration = MonitoringConfiguration{};
    const auto back = json::decode<StartSessionRequest>(json::toJson(r));
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back.value(), r);

    ListSessionsRequest l{u"spark"_s, SessionState::Terminated, 50, u"tok"_s};
    const auto lb = json::decode<ListSessionsRequest>(json::toJson(l));
    QCOMPARE(lb->workGroup, l.workGroup);
    QVERIFY(lb->stateFilter == l.stateFilter);
    QVERIFY(lb->maxResults == l.maxResults);
    QCOMPARE(lb->nextToken, l.nextToken);
}

void TestAthenaJson::roundTripOtherTypes()
{
    const StartSessionResult start{u"s-1"_s, SessionState::Creating, {}, {}};
    const auto sb = json::decode<StartSessionResult>(json::toJson(start));
    QCOMPARE(sb->sessionId, start.sessionId);
    QVERIFY(sb->state == start.state);

    const SessionStatusResult status{u"s-2"_s, fullStatus()};
    const auto stb = json::decode<SessionStatusResult>(json::toJson(status));
    QCOMPARE(stb->status, status.status);

    WorkGroup w;
    w.name = u"spark-analytics"_s;
    w.state = u"ENABLED"_s;
    w.description = u"Spark"_s;
    w.creationTime = at(1, 2, 3);
    w.configuration.engineVersion = EngineVersion{u"PySpark engine version 3"_s, u"PySpark engine version 3"_s};
    w.configuration.executionRole = u"arn:aws:iam::123456789012:role/x"_s;
    w.configuration.resultOutputLocation = u"s3://b/"_s;
    w.configuration.enforceWorkGroupConfiguration = true;
    w.configuration.bytesScannedCutoffPerQuery = 10000000;
    w.configuration.engineConfiguration = fullEngine();
    const auto wb = json::decode<WorkGroup>(QJsonObject{{u"WorkGroup"_s, json::toJson(w)}});
    QVERIFY(wb.ok());
    QCOMPARE(wb.value(), w);
    QVERIFY(w.summary().engineVersion.isSpark());

    const ListWorkGroupsPage wp{{w.summary(), WorkGroupSummary{u"primary"_s, u"ENABLED"_s, {}, at(0, 0, 0),
                                                               EngineVersion{u"AUTO"_s, u"Athena engine version 3"_s}}},
                                u"t"_s};
    const auto wpb = json::decode<ListWorkGroupsPage>(json::toJson(wp));
    QCOMPARE(wpb->workGroups, wp.workGroups);
    QVERIFY(!wpb->workGroups.at(1).engineVersion.isSpark());

    const ListEngineVersionsPage ev{{EngineVersion{u"PySpark engine version 3"_s, {}}, EngineVersion{u"Athena engine version 3"_s, {}}}, {}};
    QCOMPARE(json::decode<ListEngineVersionsPage>(json::toJson(ev))->engineVersions, ev.engineVersions);

    const EngineConfiguration e = fullEngine();
    QCOMPARE(json::decode<EngineConfiguration>(json::toJson(e)).value(), e);
}

void TestAthenaJson::decodesServiceShapedGetSession()
{
    // Shaped as the service answers GetSession (values made up).
    const QByteArray body = R"({
        "Description": "My Spark session",
        "EngineConfiguration": {"CoordinatorDpuSize": 1, "DefaultExecutorDpuSize": 1, "MaxConcurrentDpus": 20,
                                "AdditionalConfigs": {"NotebookId": "b8f2f5d7-1a4b-4e0e-9c5a-0123456789ab"}},
        "EngineVersion": "PySpark engine version 3",
        "NotebookVersion": "Athena notebook version 1",
        "SessionConfiguration": {"ExecutionRole": "arn:aws:iam::123456789012:role/service-role/AWSAthenaSparkExecutionRole",
                                 "IdleTimeoutSeconds": 1200,
                                 "WorkingDirectory": "s3://athena-spark-123456789012/spark-analytics/a1b2/",
                                 "EncryptionConfiguration": {"EncryptionOption": "SSE_S3"}},
        "SessionId": "a6c3a0d6-1e1b-3d5a-0b1e-9f8e7d6c5b4a",
        "Statistics": {"DpuExecutionInMillis": 2345678},
        "Status": {"IdleSinceDateTime": 1763705465.123, "LastModifiedDateTime": 1763705465.123,
                   "StartDateTime": 1763705400.0, "State": "IDLE"},
        "WorkGroup": "spark-analytics"
    })";
    const auto d = json::decode<SessionDetails>(parse(body));
    QVERIFY2(d.ok(), qPrintable(d.ok() ? QString() : d.error().message));
    QVERIFY(d->status.state == SessionState::Idle);
    QCOMPARE(d->status.idleSinceDateTime.toMSecsSinceEpoch(), 1763705465123LL);
    QVERIFY(d->engineConfiguration.maxConcurrentDpus == 20);
    QVERIFY(d->sessionConfiguration.idleTimeoutSeconds == 1200);
    QCOMPARE(d->sessionConfiguration.encryptionConfiguration->encryptionOption, u"SSE_S3"_s);
    QVERIFY(d->dpuExecutionInMillis == 2345678);
    QVERIFY(!d->status.endDateTime.isValid());
}

void TestAthenaJson::decodesServiceShapedListSessions()
{
    const QByteArray body = R"({"NextToken": "AQICAHh...==", "Sessions": [
        {"Description": "a", "EngineVersion": {"EffectiveEngineVersion": "PySpark engine version 3",
         "SelectedEngineVersion": "PySpark engine version 3"}, "NotebookVersion": "Athena notebook version 1",
         "SessionId": "s-1", "Status": {"StartDateTime": 1763705400, "State": "BUSY", "LastModifiedDateTime": 1763705401}},
        {"SessionId": "s-2", "Status": {"State": "CREATING", "StartDateTime": 1763705402.5}}]})";
    const auto page = json::decode<ListSessionsPage>(parse(body));
    QVERIFY(page.ok());
    QCOMPARE(page->sessions.size(), 2);
    QCOMPARE(page->sessions.at(0).engineVersion.effective, u"PySpark engine version 3"_s);
    QVERIFY(page->sessions.at(1).status.state == SessionState::Creating);
    QCOMPARE(page->nextToken, u"AQICAHh...=="_s);
}

void TestAthenaJson::fractionalAndIntegerTimestamps()
{
    QCOMPARE(json::fromEpochSeconds(1763705400.123).toMSecsSinceEpoch(), 1763705400123LL);
    QCOMPARE(json::fromEpochSeconds(1763705400).toMSecsSinceEpoch(), 1763705400000LL);
    QCOMPARE(json::toEpochSeconds(json::fromEpochSeconds(1.5)), 1.5);
    QCOMPARE(json::fromEpochSeconds(0).timeSpec(), Qt::UTC);
}

void TestAthenaJson::unknownFieldsIgnoredMissingLeftEmpty()
{
    const auto d = json::decode<SessionDetails>(parse(R"({"SessionId":"s","Brand":"new","Status":{"Future":1}})"));
    QVERIFY(d.ok());
    QCOMPARE(d->sessionId, u"s"_s);
    QVERIFY(!d->status.state);
    QVERIFY(!d->dpuExecutionInMillis);
    QVERIFY(!d->monitoringConfiguration);
    QVERIFY(d->engineConfiguration.additionalConfigs.isEmpty());
    QVERIFY(json::decode<SessionDetails>(QJsonObject()).ok());
}

void TestAthenaJson::unknownStatesAreKeptAsTheyCame()
{
    // A state the service added after this client was written: kept, shown and written back as it came.
    const auto d = json::decode<SessionDetails>(parse(R"({"SessionId":"s","Status":{"State":"HIBERNATING","Mood":"calm"}})"));
    QVERIFY(d.ok());
    QCOMPARE(d->status.state, SessionState::Unknown);
    QCOMPARE(d->status.stateText, u"HIBERNATING"_s);
    QCOMPARE(d->status.stateLabelText(), u"HIBERNATING"_s);
    QCOMPARE(json::toJson(d->status).value(u"State"_s).toString(), u"HIBERNATING"_s);
    QVERIFY(!isFinal(SessionState::Unknown) && !isTransitional(SessionState::Unknown) && !isActive(SessionState::Unknown));
    const auto page = json::decode<ListSessionsPage>(
        parse(R"({"Sessions":[{"SessionId":"a","Status":{"State":"IDLE"}},{"SessionId":"b","Status":{"State":"WARMING_UP"}}]})"));
    QVERIFY(page.ok());
    QCOMPARE(page->sessions.size(), 2);
    QCOMPARE(page->sessions.at(0).status.state, SessionState::Idle);
    QVERIFY(page->sessions.at(0).status.stateText.isEmpty());
    QCOMPARE(page->sessions.at(1).status.stateLabelText(), u"WARMING_UP"_s);
    const auto started = json::decode<StartSessionResult>(parse(R"({"SessionId":"n","State":"QUEUED_FOR_CAPACITY"})"));
    QVERIFY(started.ok());
    QCOMPARE(stateLabel(started->state, started->stateText), u"QUEUED_FOR_CAPACITY"_s);
    // A request with a state the API does not define stays an error (the sandbox refuses it).
    QVERIFY(!json::decode<ListSessionsRequest>(parse(R"({"WorkGroup":"w","StateFilter":"HIBERNATING"})")).ok());
}

void TestAthenaJson::timestampsAsBotocoreTakesThem_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<qint64>("msecs");
    const qint64 base = QDateTime(QDate(2026, 12, 6), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch();
    QTest::newRow("epoch number") << u"1796551200.25"_s << base + 250;
    QTest::newRow("epoch string") << u"\"1796551200.5\""_s << base + 500;
    QTest::newRow("ISO Z") << u"\"2026-12-06T10:00:00Z\""_s << base;
    QTest::newRow("ISO micro") << u"\"2026-12-06T10:00:00.123456Z\""_s << base + 123;
    QTest::newRow("ISO offset") << u"\"2026-12-06T12:00:00+02:00\""_s << base;
    QTest::newRow("ISO naive is UTC") << u"\"2026-12-06T10:00:00\""_s << base;
    QTest::newRow("HTTP date") << u"\"Sun, 06 Dec 2026 10:00:00 GMT\""_s << base;
}

void TestAthenaJson::timestampsAsBotocoreTakesThem()
{
    QFETCH(QString, json);
    QFETCH(qint64, msecs);
    const auto s = json::decode<SessionStatus>(parse((u"{\"StartDateTime\":"_s + json + u"}"_s).toUtf8()));
    QVERIFY(s.ok());
    QCOMPARE(s->startDateTime.toMSecsSinceEpoch(), msecs);
    QCOMPARE(s->startDateTime.timeSpec(), Qt::UTC);
}

void TestAthenaJson::decodeErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::newRow("number for enum") << QByteArray(R"({"Status":{"State":7}})") << u"Status.State: expected a string, got a number"_s;
    QTest::newRow("number for string") << QByteArray(R"({"SessionId":42})") << u"SessionId: expected a string, got a number"_s;
    QTest::newRow("string for time") << QByteArray(R"({"Status":{"StartDateTime":"yesterday"}})")
                                     << u"Status.StartDateTime: expected a timestamp (epoch seconds or ISO 8601), got 'yesterday'"_s;
    QTest::newRow("bool for time") << QByteArray(R"({"Status":{"StartDateTime":true}})")
                                   << u"Status.StartDateTime: expected a timestamp in epoch seconds, got a boolean"_s;
    QTest::newRow("fraction for integer") << QByteArray(R"({"EngineConfiguration":{"MaxConcurrentDpus":2.5}})")
                                          << u"EngineConfiguration.MaxConcurrentDpus: expected an integer, got 2.5"_s;
    QTest::newRow("too big for int32") << QByteArray(R"({"EngineConfiguration":{"MaxConcurrentDpus":4294967296}})")
                                       << u"EngineConfiguration.MaxConcurrentDpus: 4294967296 is out of range for a 32-bit integer"_s;
    QTest::newRow("array for object") << QByteArray(R"({"Status":[]})") << u"Status: expected an object, got an array"_s;
    QTest::newRow("map value type") << QByteArray(R"({"EngineConfiguration":{"SparkProperties":{"k":1}}})")
                                    << u"EngineConfiguration.SparkProperties.k: expected a string, got a number"_s;
    QTest::newRow("bool for long") << QByteArray(R"({"Statistics":{"DpuExecutionInMillis":true}})")
                                   << u"Statistics.DpuExecutionInMillis: expected an integer, got a boolean"_s;
}

void TestAthenaJson::decodeErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    const auto d = json::decode<SessionDetails>(parse(body));
    QVERIFY(!d.ok());
    QCOMPARE(d.error().kind, aws::AwsError::Kind::Decode);
    QCOMPARE(d.error().message, message);

    const auto page = json::decode<ListSessionsPage>(parse(R"({"Sessions":[{"SessionId":"ok"},{"Status":{"State":7}}]})"));
    QCOMPARE(page.error().message, u"Sessions[1].Status.State: expected a string, got a number"_s);
    const auto notList = json::decode<ListSessionsPage>(parse(R"({"Sessions":{}})"));
    QCOMPARE(notList.error().message, u"Sessions: expected an array, got an object"_s);
    const auto start = json::decode<StartSessionResult>(parse(R"({"State":"CREATING"})"));
    QCOMPARE(start.error().message, u"SessionId: is missing from the response"_s);
}

QTEST_GUILESS_MAIN(TestAthenaJson)
#include "tst_athenajson.moc"
