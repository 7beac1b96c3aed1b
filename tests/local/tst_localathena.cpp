// The simulated service on a manual clock: life cycle, calculations, listing and its tokens,
// idempotency, quotas, errors, seeding and persistence, including writes the store refuses.
#include "athena/athenajson.h"
#include "local/localathena.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

using namespace athena;
using namespace local;
using namespace Qt::StringLiterals;

namespace {

QJsonObject startBody(const QString &wg = u"spark-analytics"_s, int dpus = 20, const QString &token = {})
{
    QJsonObject o{{u"WorkGroup"_s, wg}, {u"EngineConfiguration"_s, QJsonObject{{u"MaxConcurrentDpus"_s, dpus}}}};
    if (!token.isEmpty())
        o.insert(u"ClientRequestToken"_s, token);
    return o;
}

// A second connection to the database file that holds its write lock (BEGIN EXCLUSIVE) until
// released: the engine's writes fail, its reads still work (WAL).
class StoreLock
{
public:
    explicit StoreLock(const QString &path) : m_name(u"tst-store-lock-%1"_s.arg(++s_count))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        m_held = db.open() && QSqlQuery(db).exec(u"BEGIN EXCLUSIVE"_s);
    }
    ~StoreLock() { release(); }
    StoreLock(const StoreLock &) = delete;
    StoreLock &operator=(const StoreLock &) = delete;

    bool isHeld() const { return m_held; }
    void release()
    {
        if (m_name.isEmpty())
            return;
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            if (m_held && !QSqlQuery(db).exec(u"ROLLBACK"_s))
                qWarning("Cannot end the locking transaction");
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
        m_name.clear();
        m_held = false;
    }

private:
    static inline int s_count = 0;
    QString m_name;
    bool m_held = false;
};

// Runs one statement on the database file from a connection of its own.
bool execute(const QString &path, const QString &sql)
{
    const QString name = u"tst-store-exec"_s;
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        ok = db.open() && QSqlQuery(db).exec(sql);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

QJsonObject createSparkWorkGroup(const QString &name)
{
    return {{u"Name"_s, name},
            {u"Configuration"_s, QJsonObject{{u"EngineVersion"_s, QJsonObject{{u"SelectedEngineVersion"_s, u"PySpark engine version 3"_s}}}}}};
}

QStringList workGroupNames(LocalAthena &engine)
{
    QStringList names;
    const auto page = json::decode<ListWorkGroupsPage>(engine.call(u"ListWorkGroups"_s, {}).json());
    for (const WorkGroupSummary &w : page->workGroups)
        names << w.name;
    return names;
}

QString stateIn(LocalAthena &engine, const QString &id)
{
    return engine.call(u"GetSessionStatus"_s, {{u"SessionId"_s, id}}).json().value(u"Status"_s).toObject().value(u"State"_s).toString();
}

} // namespace

class TestLocalAthena : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void defaultWorkGroups();
    void lifeCycleFollowsTheClock();
    void timeScaleShortensEverything();
    void dpuUsageGrowsWhileAlive();
    void calculationsMakeSessionsBusy();
    void terminate();
    void listDefaultsToActiveNewestFirst();
    void listFiltersByState();
    void paginationStaysCorrectWhileSessionsChange();
    void badTokensAreRefused();
    void idempotentStarts();
    void refusesNonSparkAndUnknownWorkGroups();
    void dpuQuotaThrottles();
    void validationErrorsUseTheServiceForm_data();
    void validationErrorsUseTheServiceForm();
    void simulatedFailures();
    void seeding();
    void restartKeepsEverything();
    void createWorkGroupAndEngineVersions();
    void createWorkGroupIsAcknowledgedOnlyOnceStored();
    void openFailsWhenTheTokenSecretCannotBeStored();
    void failedStartSessionLeavesNothingBehind();
    void failedChangesToASessionAreRolledBack();
    void fullDiskLeavesNothingBehind();
    void startSessionChecksWhatTheModelRequires_data();
    void startSessionChecksWhatTheModelRequires();
    void monitoringIsEchoedByGetSession();
    void seedingIsAllOrNothing();

private:
    OperationResult call(const QString &op, const QJsonObject &body) { return m_engine->call(op, body); }
    QString start(const QJsonObject &body = startBody());
    QString stateOf(const QString &id);

    std::unique_ptr<aws::ManualClock> m_clock;
    std::unique_ptr<LocalAthena> m_engine;
    EngineOptions m_options;
};

void TestLocalAthena::init()
{
    m_clock = std::make_unique<aws::ManualClock>(QDateTime(QDate(2026, 11, 21), QTime(8, 0), Qt::UTC));
    m_options = EngineOptions{};
    m_options.seed = 7;
    m_engine = std::make_unique<LocalAthena>(m_options, m_clock.get());
    QVERIFY(m_engine->open({}).ok());
}

QString TestLocalAthena::start(const QJsonObject &body)
{
    const OperationResult r = call(u"StartSession"_s, body);
    if (!r.ok())
        qWarning() << r.body;
    return r.json().value(u"SessionId"_s).toString();
}

QString TestLocalAthena::stateOf(const QString &id)
{
    return call(u"GetSessionStatus"_s, {{u"SessionId"_s, id}}).json().value(u"Status"_s).toObject().value(u"State"_s).toString();
}

void TestLocalAthena::defaultWorkGroups()
{
    const OperationResult r = call(u"ListWorkGroups"_s, {});
    QVERIFY(r.ok());
    const auto page = json::decode<ListWorkGroupsPage>(r.body);
    QStringList names, spark;
    for (const WorkGroupSummary &w : page->workGroups) {
        names << w.name;
        if (w.engineVersion.isSpark())
            spark << w.name;
    }
    QVERIFY(names.contains(u"primary"_s));
    QVERIFY(spark.size() >= 2);
    QVERIFY(!spark.contains(u"primary"_s));
}

void TestLocalAthena::lifeCycleFollowsTheClock()
{
    const QString id = start();
    QVERIFY(!id.isEmpty());
    QCOMPARE(stateOf(id), u"CREATING"_s);
    m_clock->advanceMs(m_options.creatingMs);
    QCOMPARE(stateOf(id), u"CREATED"_s);
    m_clock->advanceMs(m_options.createdMs);
    QCOMPARE(stateOf(id), u"IDLE"_s);
    const auto d = json::decode<SessionDetails>(call(u"GetSession"_s, {{u"SessionId"_s, id}}).json());
    QVERIFY(d.ok());
    QCOMPARE(d->status.idleSinceDateTime, m_clock->nowUtc());
    QCOMPARE(d->sessionConfiguration.idleTimeoutSeconds, 20 * 60); // the default 20 minutes
    QVERIFY(d->sessionConfiguration.workingDirectory.startsWith(u"s3://"_s));
    m_clock->advanceMs(20 * 60000 - 1);
    QCOMPARE(stateOf(id), u"IDLE"_s);
    m_clock->advanceMs(1);
    QCOMPARE(stateOf(id), u"TERMINATING"_s);
    m_clock->advanceMs(m_options.terminatingMs);
    const auto end = json::decode<SessionDetails>(call(u"GetSession"_s, {{u"SessionId"_s, id}}).json());
    QVERIFY(end->status.state == SessionState::Terminated);
    QVERIFY(end->status.stateChangeReason.contains(u"idle timeout of 20 minutes"_s));
    QCOMPARE(end->status.endDateTime, m_clock->nowUtc());
}

void TestLocalAthena::timeScaleShortensEverything()
{
    m_options.timeScale = 60;
    m_engine = std::make_unique<LocalAthena>(m_options, m_clock.get());
    QVERIFY(m_engine->open({}).ok());
    QJsonObject body = startBody();
    body.insert(u"SessionIdleTimeoutInMinutes"_s, 1);
    const QString id = start(body);
    m_clock->advanceMs((m_options.creatingMs + m_options.createdMs) / 60 + 1);
    QCOMPARE(stateOf(id), u"IDLE"_s);
    m_clock->advanceMs(1000); // one simulated minute
    QCOMPARE(stateOf(id), u"TERMINATING"_s);
}

void TestLocalAthena::dpuUsageGrowsWhileAlive()
{
    const QString id = start();
    auto dpuMs = [&] {
        return json::decode<SessionDetails>(call(u"GetSession"_s, {{u"SessionId"_s, id}}).json())->dpuExecutionInMillis.value_or(-1);
    };
    QCOMPARE(dpuMs(), 0); // nothing while CREATING
    m_clock->advanceMs(m_options.creatingMs + m_options.createdMs);
    const qint64 atIdle = dpuMs();
    m_clock->advanceMs(60000);
    QCOMPARE(dpuMs(), atIdle + 60000); // the coordinator's DPU for a minute
    QCOMPARE(call(u"TerminateSession"_s, {{u"SessionId"_s, id}}).json().value(u"State"_s).toString(), u"TERMINATING"_s);
    m_clock->advanceMs(3600000);
    const qint64 ended = dpuMs();
    m_clock->advanceMs(3600000);
    QCOMPARE(dpuMs(), ended); // no growth after the end
}

void TestLocalAthena::calculationsMakeSessionsBusy()
{
    const QString id = start();
    QJsonObject calc{{u"SessionId"_s, id}, {u"CodeBlock"_s, u"import time\ntime.sleep(30)"_s}, {u"Description"_s, u"step 1"_s}};
    OperationResult notReady = call(u"StartCalculationExecution"_s, calc);
    QCOMPARE(notReady.errorType(), u"InvalidRequestException"_s); // still CREATING
    m_clock->advanceMs(m_options.creatingMs + m_options.createdMs);
    const OperationResult r = call(u"StartCalculationExecution"_s, calc);
    QVERIFY2(r.ok(), QJsonDocument(r.body).toJson().constData());
    const QString calcId = r.json().value(u"CalculationExecutionId"_s).toString();
    QCOMPARE(stateOf(id), u"BUSY"_s);
    QCOMPARE(call(u"GetCalculationExecution"_s, {{u"CalculationExecutionId"_s, calcId}}).json().value(u"Status"_s).toObject().value(u"State"_s).toString(),
             u"CREATING"_s);
    m_clock->advanceMs(1500); // CREATING → QUEUED → RUNNING (tst_localcalculations follows every step)
    QCOMPARE(call(u"GetCalculationExecution"_s, {{u"CalculationExecutionId"_s, calcId}}).json().value(u"Status"_s).toObject().value(u"State"_s).toString(),
             u"RUNNING"_s);
    m_clock->advanceMs(30000);
    QCOMPARE(stateOf(id), u"IDLE"_s);
    const QJsonObject done = call(u"GetCalculationExecution"_s, {{u"CalculationExecutionId"_s, calcId}}).json();
    QCOMPARE(done.value(u"Status"_s).toObject().value(u"State"_s).toString(), u"COMPLETED"_s);
    QVERIFY(done.value(u"Result"_s).toObject().value(u"ResultS3Uri"_s).toString().startsWith(u"s3://"_s));
    const QJsonArray list = call(u"ListCalculationExecutions"_s, {{u"SessionId"_s, id}}).json().value(u"Calculations"_s).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(call(u"GetCalculationExecution"_s, {{u"CalculationExecutionId"_s, u"nope"_s}}).errorType(), u"ResourceNotFoundException"_s);
}

void TestLocalAthena::terminate()
{
    const QString id = start();
    m_clock->advanceMs(m_options.creatingMs + m_options.createdMs);
    const QString calcId = call(u"StartCalculationExecution"_s, {{u"SessionId"_s, id}, {u"CodeBlock"_s, u"x"_s}})
                               .body.value(u"CalculationExecutionId"_s).toString();
    QCOMPARE(call(u"TerminateSession"_s, {{u"SessionId"_s, id}}).json().value(u"State"_s).toString(), u"TERMINATING"_s);
    QCOMPARE(call(u"GetCalculationExecution"_s, {{u"CalculationExecutionId"_s, calcId}}).json().value(u"Status"_s).toObject().value(u"State"_s).toString(),
             u"CANCELED"_s);
    m_clock->advanceMs(m_options.terminatingMs);
    QCOMPARE(stateOf(id), u"TERMINATED"_s);
    // Terminating an ended session succeeds and changes nothing.
    const OperationResult again = call(u"TerminateSession"_s, {{u"SessionId"_s, id}});
    QVERIFY(again.ok());
    QCOMPARE(again.body.value(u"State"_s).toString(), u"TERMINATED"_s);
    QCOMPARE(call(u"TerminateSession"_s, {{u"SessionId"_s, u"missing"_s}}).errorType(), u"ResourceNotFoundException"_s);
    QCOMPARE(call(u"TerminateSession"_s, {{u"SessionId"_s, u"missing"_s}}).status, 400);
}

void TestLocalAthena::listDefaultsToActiveNewestFirst()
{
    QStringList ids;
    for (int i = 0; i < 5; ++i) {
        ids.prepend(start());
        m_clock->advanceMs(1000);
    }
    call(u"TerminateSession"_s, {{u"SessionId"_s, ids.at(2)}});
    m_clock->advanceMs(60000);
    const auto page = json::decode<ListSessionsPage>(call(u"ListSessions"_s, {{u"WorkGroup"_s, u"spark-analytics"_s}}).json());
    QStringList listed;
    for (const SessionSummary &s : page->sessions)
        listed << s.sessionId;
    QStringList expected = ids;
    expected.removeAt(2);
    QCOMPARE(listed, expected);
    QVERIFY(page->nextToken.isEmpty());
    QCOMPARE(page->sessions.first().engineVersion.effective, u"PySpark engine version 3"_s);
}

void TestLocalAthena::listFiltersByState()
{
    const QString a = start();
    const QString b = start();
    call(u"TerminateSession"_s, {{u"SessionId"_s, a}});
    m_clock->advanceMs(10000);
    auto list = [&](const QString &state) {
        QStringList out;
        const auto page = json::decode<ListSessionsPage>(
            call(u"ListSessions"_s, {{u"WorkGroup"_s, u"spark-analytics"_s}, {u"StateFilter"_s, state}}).json());
        for (const SessionSummary &s : page->sessions)
            out << s.sessionId;
        return out;
    };
    QCOMPARE(list(u"TERMINATED"_s), QStringList{a});
    QCOMPARE(list(u"IDLE"_s), QStringList{b});
    QCOMPARE(list(u"BUSY"_s), QStringList());
    QCOMPARE(call(u"ListSessions"_s, {{u"WorkGroup"_s, u"spark-analytics"_s}, {u"StateFilter"_s, u"ASLEEP"_s}}).errorType(),
             u"SerializationException"_s);
}

void TestLocalAthena::paginationStaysCorrectWhileSessionsChange()
{
    QStringList all;
    for (int i = 0; i < 250; ++i) {
        all.prepend(start());
        m_clock->advanceMs(10);
    }
    m_clock->advanceMs(10000); // all IDLE
    QStringList seen;
    QString token;
    int pages = 0;
    QSet<QString> endedDuringListing;
    do {
        QJsonObject body{{u"WorkGroup"_s, u"spark-analytics"_s}, {u"MaxResults"_s, 37}};
        if (!token.isEmpty())
            body.insert(u"NextToken"_s, token);
        const auto page = json::decode<ListSessionsPage>(call(u"ListSessions"_s, body).json());
        QVERIFY(page.ok());
        for (const SessionSummary &s : page->sessions)
            seen << s.sessionId;
        token = page->nextToken;
        ++pages;
        // Between pages: new sessions start, and one not yet listed ends.
        start();
        start();
        const QString victim = all.at(std::min<qsizetype>(all.size() - 1, seen.size() + 5));
        if (!seen.contains(victim) && call(u"TerminateSession"_s, {{u"SessionId"_s, victim}}).ok())
            endedDuringListing.insert(victim);
    } while (!token.isEmpty() && pages < 50);
    QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), seen.size()); // no row twice
    for (const QString &id : std::as_const(all)) {
        if (!endedDuringListing.contains(id))
            QVERIFY2(seen.contains(id), qPrintable(id)); // none skipped of those active throughout
    }
    QVERIFY(pages >= 7);
}

void TestLocalAthena::badTokensAreRefused()
{
    for (int i = 0; i < 3; ++i)
        start();
    const QString token = call(u"ListSessions"_s, {{u"WorkGroup"_s, u"spark-analytics"_s}, {u"MaxResults"_s, 1}}).json().value(u"NextToken"_s).toString();
    QVERIFY(!token.isEmpty());
    QString tampered = token;
    tampered[5] = tampered[5] == u'A' ? u'B' : u'A';
    QCOMPARE(call(u"ListSessions"_s, {{u"WorkGroup"_s, u"spark-analytics"_s}, {u"NextToken"_s, tampered}}).errorType(), u"InvalidRequestException"_s);
    QCOMPARE(call(u"ListSessions"_s, {{u"WorkGroup"_s, u"spark-etl"_s}, {u"NextToken"_s, token}}).errorType(), u"InvalidRequestException"_s);
    QCOMPARE(call(u"ListSessions"_s, {{u"WorkGroup"_s, u"spark-analytics"_s}, {u"StateFilter"_s, u"IDLE"_s}, {u"NextToken"_s, token}}).errorType(),
             u"InvalidRequestException"_s);
    QVERIFY(call(u"ListSessions"_s, {{u"WorkGroup"_s, u"spark-analytics"_s}, {u"NextToken"_s, token}}).ok());
}

void TestLocalAthena::idempotentStarts()
{
    const QString token = u"0f8fad5b-d9cb-469f-a165-70867728950e"_s;
    const QString first = start(startBody(u"spark-analytics"_s, 20, token));
    const QString second = start(startBody(u"spark-analytics"_s, 20, token));
    QCOMPARE(second, first);
    QCOMPARE(m_engine->sessionCount(), 1);
    const OperationResult changed = call(u"StartSession"_s, startBody(u"spark-analytics"_s, 40, token));
    QCOMPARE(changed.errorType(), u"SessionAlreadyExistsException"_s);
    QCOMPARE(changed.status, 400);
    QCOMPARE(m_engine->sessionCount(), 1);
    start(startBody()); // without a token: a new session every time
    start(startBody());
    QCOMPARE(m_engine->sessionCount(), 3);
}

void TestLocalAthena::refusesNonSparkAndUnknownWorkGroups()
{
    const OperationResult sql = call(u"StartSession"_s, startBody(u"primary"_s));
    QCOMPARE(sql.errorType(), u"InvalidRequestException"_s);
    QVERIFY(sql.json().value(u"Message"_s).toString().contains(u"Apache Spark"_s));
    QCOMPARE(sql.json().value(u"AthenaErrorCode"_s).toString(), u"INVALID_INPUT"_s);
    const OperationResult missing = call(u"StartSession"_s, startBody(u"no-such-group"_s));
    QCOMPARE(missing.errorType(), u"ResourceNotFoundException"_s);
    QCOMPARE(call(u"ListSessions"_s, {{u"WorkGroup"_s, u"no-such-group"_s}}).errorType(), u"ResourceNotFoundException"_s);
    QCOMPARE(call(u"GetWorkGroup"_s, {{u"WorkGroup"_s, u"no-such-group"_s}}).errorType(), u"InvalidRequestException"_s);
}

void TestLocalAthena::dpuQuotaThrottles()
{
    m_options.dpuQuota = 50;
    m_engine = std::make_unique<LocalAthena>(m_options, m_clock.get());
    QVERIFY(m_engine->open({}).ok());
    const QString a = start(startBody(u"spark-analytics"_s, 30));
    QVERIFY(!a.isEmpty());
    const OperationResult over = call(u"StartSession"_s, startBody(u"spark-analytics"_s, 30));
    QCOMPARE(over.errorType(), u"TooManyRequestsException"_s);
    QCOMPARE(over.json().value(u"Reason"_s).toString(), u"CONCURRENT_QUERY_LIMIT_EXCEEDED"_s);
    QVERIFY(over.json().value(u"Message"_s).toString().contains(u"30 of 50 DPUs are in use"_s));
    QVERIFY(call(u"StartSession"_s, startBody(u"spark-etl"_s, 30)).ok()); // per workgroup
    call(u"TerminateSession"_s, {{u"SessionId"_s, a}});
    m_clock->advanceMs(60000);
    QVERIFY(call(u"StartSession"_s, startBody(u"spark-analytics"_s, 30)).ok()); // freed
}

void TestLocalAthena::validationErrorsUseTheServiceForm_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("message");
    QTest::newRow("dpus too low") << u"StartSession"_s << startBody(u"spark-analytics"_s, 1) << u"InvalidRequestException"_s
                                  << u"Max concurrent DPUs must be between 2 and 5000 DPUs"_s;
    QJsonObject idle = startBody();
    idle.insert(u"SessionIdleTimeoutInMinutes"_s, 481);
    QTest::newRow("idle timeout") << u"StartSession"_s << idle << u"InvalidRequestException"_s << u"Idle timeout must be between 1 and 480 minutes"_s;
    QTest::newRow("missing engine") << u"StartSession"_s << QJsonObject{{u"WorkGroup"_s, u"spark-etl"_s}} << u"SerializationException"_s
                                    << u"EngineConfiguration: is required"_s;
    QTest::newRow("wrong type") << u"StartSession"_s << QJsonObject{{u"WorkGroup"_s, 5}} << u"SerializationException"_s
                                << u"WorkGroup: expected a string, got a number"_s;
    QTest::newRow("huge description") << u"StartSession"_s
                                      << QJsonObject{{u"WorkGroup"_s, u"spark-etl"_s}, {u"Description"_s, QString(100000, u'x')},
                                                     {u"EngineConfiguration"_s, QJsonObject{{u"MaxConcurrentDpus"_s, 2}}}}
                                      << u"InvalidRequestException"_s << u"Description must be at most 1024 characters (it has 100000)"_s;
    QTest::newRow("no session id") << u"GetSession"_s << QJsonObject() << u"InvalidRequestException"_s << u"Session ID is required"_s;
    QTest::newRow("unknown session") << u"GetSession"_s << QJsonObject{{u"SessionId"_s, u"s-404"_s}} << u"ResourceNotFoundException"_s
                                     << u"Session s-404 is not found."_s;
    QTest::newRow("max results") << u"ListSessions"_s << QJsonObject{{u"WorkGroup"_s, u"spark-etl"_s}, {u"MaxResults"_s, 101}}
                                 << u"InvalidRequestException"_s << u"Max results must be between 1 and 100"_s;
    QTest::newRow("unknown op") << u"DeleteEverything"_s << QJsonObject() << u"UnknownOperationException"_s
                                << u"Operation DeleteEverything is not supported by athena-local"_s;
}

void TestLocalAthena::validationErrorsUseTheServiceForm()
{
    QFETCH(QString, operation);
    QFETCH(QJsonObject, body);
    QFETCH(QString, type);
    QFETCH(QString, message);
    const OperationResult r = call(operation, body);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorType(), type);
    QCOMPARE(r.json().value(u"Message"_s).toString(), message);
    QCOMPARE(m_engine->sessionCount(), 0);
}

void TestLocalAthena::simulatedFailures()
{
    m_options.sessionFailureRate = 1.0;
    m_engine = std::make_unique<LocalAthena>(m_options, m_clock.get());
    QVERIFY(m_engine->open({}).ok());
    const QString failing = start();
    m_clock->advanceMs(m_options.creatingMs);
    QCOMPARE(stateOf(failing), u"FAILED"_s);

    m_options.sessionFailureRate = 0;
    m_options.sessionDegradeRate = 1.0;
    m_engine = std::make_unique<LocalAthena>(m_options, m_clock.get());
    QVERIFY(m_engine->open({}).ok());
    const QString degrading = start();
    m_clock->advanceMs(m_options.creatingMs + m_options.createdMs + 20 * 60000);
    QCOMPARE(stateOf(degrading), u"DEGRADED"_s);
}

void TestLocalAthena::seeding()
{
    QCOMPARE(m_engine->seedSessions(1000).value(), 1000);
    QCOMPARE(m_engine->sessionCount(), 1000);
    int active = 0;
    QSet<QString> states;
    for (const QString &wg : {u"spark-analytics"_s, u"spark-etl"_s, u"spark-ml"_s}) {
        for (const QString &state : {u"CREATING"_s, u"CREATED"_s, u"IDLE"_s, u"BUSY"_s, u"TERMINATING"_s, u"TERMINATED"_s, u"DEGRADED"_s, u"FAILED"_s}) {
            QString token;
            do {
                QJsonObject body{{u"WorkGroup"_s, wg}, {u"StateFilter"_s, state}, {u"MaxResults"_s, 100}};
                if (!token.isEmpty())
                    body.insert(u"NextToken"_s, token);
                const auto page = json::decode<ListSessionsPage>(call(u"ListSessions"_s, body).json());
                QVERIFY(page.ok());
                if (!page->sessions.isEmpty())
                    states.insert(state);
                if (isActive(*sessionStateFromString(state)))
                    active += static_cast<int>(page->sessions.size());
                token = page->nextToken;
            } while (!token.isEmpty());
        }
    }
    QVERIFY2(active >= 500, qPrintable(QString::number(active)));
    QVERIFY(states.contains(u"IDLE"_s) && states.contains(u"BUSY"_s) && states.contains(u"TERMINATED"_s) && states.contains(u"FAILED"_s));
}

void TestLocalAthena::restartKeepsEverything()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(u"state.sqlite"_s);
    QString id, token = u"restart-token-0123456789abcdefghij"_s;
    {
        LocalAthena engine(m_options, m_clock.get());
        QVERIFY(engine.open(db).ok());
        id = engine.call(u"StartSession"_s, startBody(u"spark-ml"_s, 20, token)).json().value(u"SessionId"_s).toString();
        QVERIFY(engine.call(u"CreateWorkGroup"_s, {{u"Name"_s, u"spark-new"_s},
                                                   {u"Configuration"_s, QJsonObject{{u"EngineVersion"_s, QJsonObject{{u"SelectedEngineVersion"_s, u"PySpark engine version 3"_s}}}}}})
                    .ok());
        m_clock->advanceMs(m_options.creatingMs);
        QCOMPARE(engine.call(u"GetSessionStatus"_s, {{u"SessionId"_s, id}}).json().value(u"Status"_s).toObject().value(u"State"_s).toString(), u"CREATED"_s);
    }
    LocalAthena engine(m_options, m_clock.get());
    QVERIFY(engine.open(db).ok());
    QCOMPARE(engine.sessionCount(), 1);
    QCOMPARE(engine.call(u"GetSessionStatus"_s, {{u"SessionId"_s, id}}).json().value(u"Status"_s).toObject().value(u"State"_s).toString(), u"CREATED"_s);
    m_clock->advanceMs(m_options.createdMs); // the schedule survived too
    QCOMPARE(engine.call(u"GetSessionStatus"_s, {{u"SessionId"_s, id}}).json().value(u"Status"_s).toObject().value(u"State"_s).toString(), u"IDLE"_s);
    QCOMPARE(engine.call(u"StartSession"_s, startBody(u"spark-ml"_s, 20, token)).json().value(u"SessionId"_s).toString(), id);
    QVERIFY(engine.call(u"GetWorkGroup"_s, {{u"WorkGroup"_s, u"spark-new"_s}}).ok());
    QCOMPARE(engine.integrityCheck(), u"ok"_s);
}

void TestLocalAthena::createWorkGroupAndEngineVersions()
{
    QVERIFY(call(u"CreateWorkGroup"_s, {{u"Name"_s, u"sql-team"_s}}).ok());
    QCOMPARE(call(u"CreateWorkGroup"_s, {{u"Name"_s, u"sql-team"_s}}).errorType(), u"InvalidRequestException"_s);
    QCOMPARE(call(u"CreateWorkGroup"_s, {{u"Name"_s, u"bad name"_s}}).errorType(), u"InvalidRequestException"_s);
    QCOMPARE(call(u"CreateWorkGroup"_s, {{u"Name"_s, u"x"_s},
                                         {u"Configuration"_s, QJsonObject{{u"EngineVersion"_s, QJsonObject{{u"SelectedEngineVersion"_s, u"Spark 9"_s}}}}}})
                 .errorType(),
             u"InvalidRequestException"_s);
    const auto wg = json::decode<WorkGroup>(call(u"GetWorkGroup"_s, {{u"WorkGroup"_s, u"sql-team"_s}}).json());
    QCOMPARE(wg->configuration.engineVersion.effective, u"Athena engine version 3"_s);
    const auto versions = json::decode<ListEngineVersionsPage>(call(u"ListEngineVersions"_s, {}).json());
    QVERIFY(versions->engineVersions.size() >= 4);
}

void TestLocalAthena::createWorkGroupIsAcknowledgedOnlyOnceStored()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(u"state.sqlite"_s);
    m_options.storeBusyTimeoutMs = 20;
    {
        LocalAthena engine(m_options, m_clock.get());
        QVERIFY(engine.open(db).ok());
        StoreLock lock(db);
        QVERIFY(lock.isHeld());
        const OperationResult refused = engine.call(u"CreateWorkGroup"_s, createSparkWorkGroup(u"spark-new"_s));
        QCOMPARE(refused.status, 500);
        QCOMPARE(refused.errorType(), u"InternalServerException"_s);
        // Nothing of it is left to find.
        QCOMPARE(engine.call(u"GetWorkGroup"_s, {{u"WorkGroup"_s, u"spark-new"_s}}).errorType(), u"InvalidRequestException"_s);
        QVERIFY(!workGroupNames(engine).contains(u"spark-new"_s));
        QCOMPARE(engine.call(u"StartSession"_s, startBody(u"spark-new"_s)).errorType(), u"ResourceNotFoundException"_s);

        lock.release();
        QVERIFY(engine.call(u"CreateWorkGroup"_s, createSparkWorkGroup(u"spark-new"_s)).ok()); // not "already created"
        QVERIFY(engine.call(u"GetWorkGroup"_s, {{u"WorkGroup"_s, u"spark-new"_s}}).ok());
    }
    LocalAthena reopened(m_options, m_clock.get());
    QVERIFY(reopened.open(db).ok());
    QCOMPARE(workGroupNames(reopened).count(u"spark-new"_s), 1);
    QCOMPARE(reopened.integrityCheck(), u"ok"_s);
}

void TestLocalAthena::openFailsWhenTheTokenSecretCannotBeStored()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(u"state.sqlite"_s);
    m_options.storeBusyTimeoutMs = 20;
    {
        LocalAthena engine(m_options, m_clock.get());
        QVERIFY(engine.open(db).ok());
    }
    // A database without a secret, which cannot be written to: open() must make a secret and
    // cannot keep it, so page tokens would stop working after a restart.
    QVERIFY(execute(db, u"DELETE FROM meta"_s));
    StoreLock lock(db);
    QVERIFY(lock.isHeld());
    {
        LocalAthena engine(m_options, m_clock.get());
        const aws::Result<bool> opened = engine.open(db);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().message.contains(u"page-token secret"_s), qPrintable(opened.error().message));
    }
    lock.release();

    QString token;
    {
        LocalAthena engine(m_options, m_clock.get());
        QVERIFY(engine.open(db).ok());
        for (int i = 0; i < 2; ++i)
            QVERIFY(engine.call(u"StartSession"_s, startBody()).ok());
        token = engine.call(u"ListSessions"_s, {{u"WorkGroup"_s, u"spark-analytics"_s}, {u"MaxResults"_s, 1}}).json().value(u"NextToken"_s).toString();
        QVERIFY(!token.isEmpty());
    }
    LocalAthena reopened(m_options, m_clock.get());
    QVERIFY(reopened.open(db).ok());
    // The secret was kept: a token made before the restart still reads.
    const OperationResult next = reopened.call(u"ListSessions"_s, {{u"WorkGroup"_s, u"spark-analytics"_s}, {u"NextToken"_s, token}});
    QVERIFY2(next.ok(), QJsonDocument(next.json()).toJson().constData());
    QCOMPARE(next.json().value(u"Sessions"_s).toArray().size(), 1);
}

void TestLocalAthena::failedStartSessionLeavesNothingBehind()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(u"state.sqlite"_s);
    m_options.storeBusyTimeoutMs = 20;
    const QString token = u"4a7c9e1f-2b3d-4e5f-8a9b-0c1d2e3f4a5b"_s;
    QString id;
    {
        LocalAthena engine(m_options, m_clock.get());
        QVERIFY(engine.open(db).ok());
        StoreLock lock(db);
        QVERIFY(lock.isHeld());
        for (int attempt = 0; attempt < 2; ++attempt) {
            const OperationResult refused = engine.call(u"StartSession"_s, startBody(u"spark-analytics"_s, 20, token));
            QCOMPARE(refused.status, 500);
            QCOMPARE(refused.errorType(), u"InternalServerException"_s);
            QCOMPARE(engine.sessionCount(), 0);
        }
        const OperationResult listed = engine.call(u"ListSessions"_s, {{u"WorkGroup"_s, u"spark-analytics"_s}});
        QVERIFY(listed.ok());
        QVERIFY(listed.json().value(u"Sessions"_s).toArray().isEmpty());

        lock.release();
        // The client's retry with the same token starts the session, once.
        const OperationResult started = engine.call(u"StartSession"_s, startBody(u"spark-analytics"_s, 20, token));
        QVERIFY2(started.ok(), QJsonDocument(started.json()).toJson().constData());
        id = started.json().value(u"SessionId"_s).toString();
        QVERIFY(!id.isEmpty());
        QCOMPARE(engine.call(u"StartSession"_s, startBody(u"spark-analytics"_s, 20, token)).json().value(u"SessionId"_s).toString(), id);
        QCOMPARE(engine.sessionCount(), 1);
    }
    LocalAthena reopened(m_options, m_clock.get());
    QVERIFY(reopened.open(db).ok());
    QCOMPARE(reopened.sessionCount(), 1);
    QCOMPARE(stateIn(reopened, id), u"CREATING"_s);
    QCOMPARE(reopened.call(u"StartSession"_s, startBody(u"spark-analytics"_s, 20, token)).json().value(u"SessionId"_s).toString(), id);
    QCOMPARE(reopened.sessionCount(), 1);
    QCOMPARE(reopened.integrityCheck(), u"ok"_s);
}

void TestLocalAthena::failedChangesToASessionAreRolledBack()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(u"state.sqlite"_s);
    m_options.storeBusyTimeoutMs = 20;
    QString id;
    {
        LocalAthena engine(m_options, m_clock.get());
        QVERIFY(engine.open(db).ok());
        id = engine.call(u"StartSession"_s, startBody()).json().value(u"SessionId"_s).toString();
        QVERIFY(!id.isEmpty());
        m_clock->advanceMs(m_options.creatingMs + m_options.createdMs);
        QCOMPARE(stateIn(engine, id), u"IDLE"_s);

        StoreLock lock(db);
        QVERIFY(lock.isHeld());
        const OperationResult calc = engine.call(u"StartCalculationExecution"_s, {{u"SessionId"_s, id}, {u"CodeBlock"_s, u"x"_s}});
        QCOMPARE(calc.status, 500);
        QCOMPARE(calc.errorType(), u"InternalServerException"_s);
        QCOMPARE(stateIn(engine, id), u"IDLE"_s);
        QVERIFY(engine.call(u"ListCalculationExecutions"_s, {{u"SessionId"_s, id}}).json().value(u"Calculations"_s).toArray().isEmpty());
        QCOMPARE(engine.call(u"TerminateSession"_s, {{u"SessionId"_s, id}}).status, 500);
        QCOMPARE(stateIn(engine, id), u"IDLE"_s);
        // A due change of state that cannot be written is not reported either…
        m_clock->advanceMs(20 * 60000);
        QCOMPARE(engine.call(u"GetSessionStatus"_s, {{u"SessionId"_s, id}}).status, 500);

        lock.release();
        // … and happens, at its own time, once it can be.
        const auto d = json::decode<SessionDetails>(engine.call(u"GetSession"_s, {{u"SessionId"_s, id}}).json());
        QVERIFY(d.ok());
        QVERIFY(d->status.state == SessionState::Terminating);
        QCOMPARE(d->status.lastModifiedDateTime, m_clock->nowUtc());
        QVERIFY(engine.call(u"ListCalculationExecutions"_s, {{u"SessionId"_s, id}}).json().value(u"Calculations"_s).toArray().isEmpty());
    }
    LocalAthena reopened(m_options, m_clock.get());
    QVERIFY(reopened.open(db).ok());
    QCOMPARE(stateIn(reopened, id), u"TERMINATING"_s);
    m_clock->advanceMs(m_options.terminatingMs);
    QCOMPARE(stateIn(reopened, id), u"TERMINATED"_s);
}

void TestLocalAthena::seedingIsAllOrNothing()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(u"state.sqlite"_s);
    m_options.storeBusyTimeoutMs = 20;
    {
        LocalAthena engine(m_options, m_clock.get());
        QVERIFY(engine.open(db).ok());
        StoreLock lock(db);
        QVERIFY(lock.isHeld());
        QVERIFY(!engine.seedSessions(50).ok());
        QCOMPARE(engine.sessionCount(), 0);
        const OperationResult listed = engine.call(u"ListSessions"_s, {{u"WorkGroup"_s, u"spark-analytics"_s}});
        QVERIFY(listed.ok());
        QVERIFY(listed.json().value(u"Sessions"_s).toArray().isEmpty());
        lock.release();
        QCOMPARE(engine.seedSessions(50).value(), 50);
    }
    LocalAthena reopened(m_options, m_clock.get());
    QVERIFY(reopened.open(db).ok());
    QCOMPARE(reopened.sessionCount(), 50);
}

QTEST_GUILESS_MAIN(TestLocalAthena)
namespace {
// Files of this process may not grow past `bytes` while it lives (a full disk as the store sees
// it: writes past the limit fail with EFBIG), then the old limit is back.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        ::signal(SIGXFSZ, SIG_IGN);
        m_ok = ::getrlimit(RLIMIT_FSIZE, &m_old) == 0;
        rlimit limit = m_old;
        limit.rlim_cur = bytes;
        m_ok = m_ok && ::setrlimit(RLIMIT_FSIZE, &limit) == 0;
    }
    ~FileSizeLimit() { lift(); }
    FileSizeLimit(const FileSizeLimit &) = delete;
    FileSizeLimit &operator=(const FileSizeLimit &) = delete;
    bool ok() const { return m_ok; }
    void lift()
    {
        if (m_ok)
            ::setrlimit(RLIMIT_FSIZE, &m_old);
        m_ok = false;
    }

private:
    rlimit m_old{};
    bool m_ok = false;
};

qint64 largestFile(const QString &dir)
{
    qint64 largest = 0;
    for (const QFileInfo &f : QDir(dir).entryInfoList(QDir::Files))
        largest = std::max(largest, f.size());
    return largest;
}
} // namespace

void TestLocalAthena::fullDiskLeavesNothingBehind()
{
    // The disk fills up under the store: starts fail with 500, and a retry with the same token
    // does not get a 200 from memory for a session that is not on disk. Once there is room, the
    // retry starts it once, and it is there after a restart.
    QTemporaryDir dir;
    const QString db = dir.filePath(u"state.sqlite"_s);
    QString failedToken;
    int acknowledged = 0;
    QString id;
    {
        LocalAthena engine(m_options, m_clock.get());
        QVERIFY(engine.open(db).ok());
        QVERIFY(!start().isEmpty()); // (the member engine: unrelated, in memory)
        QVERIFY(!engine.call(u"StartSession"_s, startBody()).json().value(u"SessionId"_s).toString().isEmpty());
        acknowledged = 1;
        FileSizeLimit full(static_cast<rlim_t>(largestFile(dir.path())));
        QVERIFY(full.ok());
        // Until the store needs to grow a file, starts still fit; the first that does not fails.
        for (int i = 0; i < 500 && failedToken.isEmpty(); ++i) {
            const QString token = u"fulldisk-%1-0000000000000000000000000000"_s.arg(i, 4, 10, QLatin1Char('0'));
            const OperationResult r = engine.call(u"StartSession"_s, startBody(u"spark-analytics"_s, 2, token));
            if (r.ok()) {
                ++acknowledged;
                continue;
            }
            QCOMPARE(r.status, 500);
            QCOMPARE(r.errorType(), u"InternalServerException"_s);
            failedToken = token;
        }
        QVERIFY2(!failedToken.isEmpty(), "the file size limit never made a write fail");
        QCOMPARE(engine.sessionCount(), acknowledged);
        // The client's retry while the disk is still full: refused again, not acknowledged.
        QCOMPARE(engine.call(u"StartSession"_s, startBody(u"spark-analytics"_s, 2, failedToken)).status, 500);
        QCOMPARE(engine.sessionCount(), acknowledged);
        full.lift();
        const OperationResult started = engine.call(u"StartSession"_s, startBody(u"spark-analytics"_s, 2, failedToken));
        QVERIFY2(started.ok(), QJsonDocument(started.json()).toJson().constData());
        id = started.json().value(u"SessionId"_s).toString();
        QCOMPARE(engine.sessionCount(), acknowledged + 1);
    }
    LocalAthena reopened(m_options, m_clock.get());
    QVERIFY(reopened.open(db).ok());
    QCOMPARE(reopened.sessionCount(), acknowledged + 1);
    QCOMPARE(reopened.call(u"StartSession"_s, startBody(u"spark-analytics"_s, 2, failedToken)).json().value(u"SessionId"_s).toString(), id);
    QCOMPARE(reopened.sessionCount(), acknowledged + 1);
    QCOMPARE(reopened.integrityCheck(), u"ok"_s);
    qInfo("full disk after %d acknowledged starts: the failed start was refused twice, then started once", acknowledged);
}

void TestLocalAthena::startSessionChecksWhatTheModelRequires_data()
{
    QTest::addColumn<QString>("member");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty description") << u"Description"_s << QJsonValue(u""_s) << u"Description must be between 1 and 1024"_s;
    QTest::newRow("other notebook version") << u"NotebookVersion"_s << QJsonValue(u"Athena notebook version 2"_s)
                                            << u"is not supported"_s;
    QTest::newRow("monitoring without Enabled")
        << u"MonitoringConfiguration"_s << QJsonValue(QJsonObject{{u"S3LoggingConfiguration"_s, QJsonObject{{u"LogLocation"_s, u"s3://logs/x"_s}}}})
        << u"S3LoggingConfiguration.Enabled is required"_s;
    QTest::newRow("log group pattern")
        << u"MonitoringConfiguration"_s
        << QJsonValue(QJsonObject{{u"CloudWatchLoggingConfiguration"_s, QJsonObject{{u"Enabled"_s, true}, {u"LogGroup"_s, u"bad group!"_s}}}})
        << u"CloudWatchLoggingConfiguration.LogGroup is not valid"_s;
    QTest::newRow("s3 uri pattern")
        << u"MonitoringConfiguration"_s
        << QJsonValue(QJsonObject{{u"S3LoggingConfiguration"_s, QJsonObject{{u"Enabled"_s, true}, {u"LogLocation"_s, u"https://x"_s}}}})
        << u"S3LoggingConfiguration.LogLocation is not valid"_s;
    QTest::newRow("kms key pattern")
        << u"MonitoringConfiguration"_s
        << QJsonValue(QJsonObject{{u"ManagedLoggingConfiguration"_s, QJsonObject{{u"Enabled"_s, true}, {u"KmsKey"_s, u"my key"_s}}}})
        << u"ManagedLoggingConfiguration.KmsKey is not valid"_s;
}

void TestLocalAthena::startSessionChecksWhatTheModelRequires()
{
    QFETCH(QString, member);
    QFETCH(QJsonValue, value);
    QFETCH(QString, message);
    QJsonObject body = startBody();
    body.insert(member, value);
    const OperationResult r = call(u"StartSession"_s, body);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorType(), u"InvalidRequestException"_s);
    const QString said = r.json().value(u"Message"_s).toString() + r.json().value(u"message"_s).toString();
    QVERIFY2(said.contains(message), qPrintable(said));
    QCOMPARE(m_engine->sessionCount(), 0);
}

void TestLocalAthena::monitoringIsEchoedByGetSession()
{
    QJsonObject body = startBody();
    const QJsonObject monitoring{
        {u"CloudWatchLoggingConfiguration"_s, QJsonObject{{u"Enabled"_s, true}, {u"LogGroup"_s, u"/aws/athena/spark"_s},
                                                           {u"LogStreamNamePrefix"_s, u"sessions-"_s}}},
        {u"S3LoggingConfiguration"_s, QJsonObject{{u"Enabled"_s, true}, {u"LogLocation"_s, u"s3://my-logs/athena/"_s}}},
        {u"ManagedLoggingConfiguration"_s, QJsonObject{{u"Enabled"_s, false}}}};
    body.insert(u"MonitoringConfiguration"_s, monitoring);
    const QString id = start(body);
    QVERIFY(!id.isEmpty());
    const QJsonObject got = call(u"GetSession"_s, {{u"SessionId"_s, id}}).json();
    QCOMPARE(got.value(u"MonitoringConfiguration"_s).toObject(), monitoring);
}

#include "tst_localathena.moc"
