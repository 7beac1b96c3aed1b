// The simulated service's calculations, executors and session endpoints on a manual clock: the
// queue of a session, stopping, failing code, executors that follow the load, the endpoint's
// token, termination, persistence, seeding, and hostile requests with their bounds.
#include "local/localathena.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace local;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kCreatingMs = 1000; // a calculation's CREATING → QUEUED
constexpr qint64 kQueuedMs = 500;    // QUEUED → RUNNING when it is its turn
constexpr qint64 kCancelingMs = 1000;

QJsonObject startBody(int dpus = 20)
{
    return {{u"WorkGroup"_s, u"spark-analytics"_s}, {u"EngineConfiguration"_s, QJsonObject{{u"MaxConcurrentDpus"_s, dpus}}}};
}

} // namespace

class TestLocalCalculations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void queueRunsInOrderAndKeepsTheSessionBusy();
    void stopCancels();
    void raiseFailsWithAReason();
    void idempotentStarts();
    void executorsFollowTheLoad();
    void executorsArePaged();
    void endpointTokenExpires();
    void terminationCancelsEverything();
    void restartKeepsCalculationsAndExecutors();
    void seededBusySessionsRun();
    void hostileRequests_data();
    void hostileRequests();
    void forgedAndForeignTokensAreRefused();
    void thousandsOfExecutorsStayBounded();

private:
    OperationResult call(const QString &op, const QJsonObject &body) { return m_engine->call(op, body); }
    QString idleSession(int dpus = 20, int idleMinutes = 20);
    QString submit(const QString &session, const QString &code, const QString &description = {});
    QString stateOf(const QString &calculation);
    QString sessionState(const QString &session);
    // Every executor of the session, following NextToken, newest first.
    QJsonArray executors(const QString &session, const QString &filter = {}, int pageSize = 100, int *pages = nullptr);

    std::unique_ptr<aws::ManualClock> m_clock;
    std::unique_ptr<LocalAthena> m_engine;
    EngineOptions m_options;
};

void TestLocalCalculations::init()
{
    m_clock = std::make_unique<aws::ManualClock>(QDateTime(QDate(2026, 11, 21), QTime(8, 0), Qt::UTC));
    m_options = EngineOptions{};
    m_options.seed = 11;
    m_engine = std::make_unique<LocalAthena>(m_options, m_clock.get());
    QVERIFY(m_engine->open({}).ok());
}

QString TestLocalCalculations::idleSession(int dpus, int idleMinutes)
{
    QJsonObject body = startBody(dpus);
    body.insert(u"SessionIdleTimeoutInMinutes"_s, idleMinutes);
    const QString id = call(u"StartSession"_s, body).json().value(u"SessionId"_s).toString();
    m_clock->advanceMs(m_options.creatingMs + m_options.createdMs);
    return sessionState(id) == u"IDLE"_s ? id : QString();
}

QString TestLocalCalculations::submit(const QString &session, const QString &code, const QString &description)
{
    QJsonObject body{{u"SessionId"_s, session}, {u"CodeBlock"_s, code}};
    if (!description.isEmpty())
        body.insert(u"Description"_s, description);
    const OperationResult r = call(u"StartCalculationExecution"_s, body);
    if (!r.ok())
        qWarning() << r.json();
    return r.json().value(u"CalculationExecutionId"_s).toString();
}

QString TestLocalCalculations::stateOf(const QString &calculation)
{
    return call(u"GetCalculationExecutionStatus"_s, {{u"CalculationExecutionId"_s, calculation}})
        .json().value(u"Status"_s).toObject().value(u"State"_s).toString();
}

QString TestLocalCalculations::sessionState(const QString &session)
{
    return call(u"GetSessionStatus"_s, {{u"SessionId"_s, session}}).json().value(u"Status"_s).toObject().value(u"State"_s).toString();
}

QJsonArray TestLocalCalculations::executors(const QString &session, const QString &filter, int pageSize, int *pages)
{
    QJsonArray all;
    QString token;
    int count = 0;
    do {
        QJsonObject body{{u"SessionId"_s, session}, {u"MaxResults"_s, pageSize}};
        if (!filter.isEmpty())
            body.insert(u"ExecutorStateFilter"_s, filter);
        if (!token.isEmpty())
            body.insert(u"NextToken"_s, token);
        const QJsonObject page = call(u"ListExecutors"_s, body).json();
        if (page.value(u"SessionId"_s).toString() != session)
            return {};
        for (const auto &e : page.value(u"ExecutorsSummary"_s).toArray())
            all.append(e);
        token = page.value(u"NextToken"_s).toString();
    } while (!token.isEmpty() && ++count < 1000);
    if (pages)
        *pages = count + 1;
    return all;
}

void TestLocalCalculations::queueRunsInOrderAndKeepsTheSessionBusy()
{
    const QString session = idleSession();
    QVERIFY(!session.isEmpty());
    QStringList ids;
    for (int i = 0; i < 3; ++i) {
        ids << submit(session, u"df = spark.range(10)\nsleep(%1)"_s.arg(10 * (i + 1)), u"step %1"_s.arg(i + 1));
        QVERIFY(!ids.last().isEmpty());
        QCOMPARE(stateOf(ids.last()), u"CREATING"_s);
        QCOMPARE(sessionState(session), u"BUSY"_s);
    }
    m_clock->advanceMs(kCreatingMs);
    QCOMPARE(stateOf(ids[0]), u"QUEUED"_s);
    QCOMPARE(stateOf(ids[2]), u"QUEUED"_s);
    m_clock->advanceMs(kQueuedMs);
    QCOMPARE(stateOf(ids[0]), u"RUNNING"_s);
    QCOMPARE(stateOf(ids[1]), u"QUEUED"_s); // one at a time
    // The first runs 10 s; then the second gets its turn, and so on, in submission order.
    m_clock->advanceMs(10000);
    QCOMPARE(stateOf(ids[0]), u"COMPLETED"_s);
    QCOMPARE(stateOf(ids[1]), u"QUEUED"_s);
    QCOMPARE(sessionState(session), u"BUSY"_s);
    m_clock->advanceMs(kQueuedMs);
    QCOMPARE(stateOf(ids[1]), u"RUNNING"_s);
    QCOMPARE(stateOf(ids[2]), u"QUEUED"_s);
    const QJsonObject running = call(u"GetCalculationExecution"_s, {{u"CalculationExecutionId"_s, ids[1]}}).json();
    QVERIFY(running.value(u"Statistics"_s).toObject().value(u"Progress"_s).toString().contains(u'%'));
    m_clock->advanceMs(20000 + kQueuedMs);
    QCOMPARE(stateOf(ids[1]), u"COMPLETED"_s);
    QCOMPARE(stateOf(ids[2]), u"RUNNING"_s);
    const qint64 dpuEarly = call(u"GetCalculationExecutionStatus"_s, {{u"CalculationExecutionId"_s, ids[2]}})
                                .json().value(u"Statistics"_s).toObject().value(u"DpuExecutionInMillis"_s).toInteger();
    m_clock->advanceMs(10000);
    const qint64 dpuLater = call(u"GetCalculationExecutionStatus"_s, {{u"CalculationExecutionId"_s, ids[2]}})
                                .json().value(u"Statistics"_s).toObject().value(u"DpuExecutionInMillis"_s).toInteger();
    QVERIFY2(dpuLater > dpuEarly, qPrintable(u"%1 then %2"_s.arg(dpuEarly).arg(dpuLater)));
    QCOMPARE(sessionState(session), u"BUSY"_s);
    m_clock->advanceMs(20000);
    QCOMPARE(stateOf(ids[2]), u"COMPLETED"_s);
    QCOMPARE(sessionState(session), u"IDLE"_s);

    QList<qint64> completions;
    for (const QString &id : std::as_const(ids)) {
        const QJsonObject c = call(u"GetCalculationExecution"_s, {{u"CalculationExecutionId"_s, id}}).json();
        completions << static_cast<qint64>(c.value(u"Status"_s).toObject().value(u"CompletionDateTime"_s).toDouble() * 1000);
        QVERIFY(c.value(u"Result"_s).toObject().value(u"ResultS3Uri"_s).toString().startsWith(u"s3://"_s));
        QCOMPARE(c.value(u"Result"_s).toObject().value(u"ResultType"_s).toString(), u"application/json"_s);
        QVERIFY(c.value(u"Statistics"_s).toObject().value(u"DpuExecutionInMillis"_s).toInteger() > 0);
        QVERIFY(!c.value(u"Statistics"_s).toObject().contains(u"Progress"_s));
    }
    QVERIFY(completions[0] < completions[1] && completions[1] < completions[2]);
    const auto idle = call(u"GetSession"_s, {{u"SessionId"_s, session}}).json().value(u"Status"_s).toObject();
    QCOMPARE(static_cast<qint64>(idle.value(u"IdleSinceDateTime"_s).toDouble() * 1000), completions[2]);
    QCOMPARE(call(u"GetCalculationExecutionCode"_s, {{u"CalculationExecutionId"_s, ids[1]}}).json().value(u"CodeBlock"_s).toString(),
             u"df = spark.range(10)\nsleep(20)"_s);

    // Newest first, with a state filter.
    const QJsonArray list = call(u"ListCalculationExecutions"_s, {{u"SessionId"_s, session}}).json().value(u"Calculations"_s).toArray();
    QCOMPARE(list.size(), 3);
    QCOMPARE(list[0].toObject().value(u"CalculationExecutionId"_s).toString(), ids[2]);
    QCOMPARE(list[2].toObject().value(u"Description"_s).toString(), u"step 1"_s);
    QCOMPARE(call(u"ListCalculationExecutions"_s, {{u"SessionId"_s, session}, {u"StateFilter"_s, u"RUNNING"_s}})
                 .json().value(u"Calculations"_s).toArray().size(),
             0);
}

void TestLocalCalculations::stopCancels()
{
    const QString session = idleSession();
    const QString running = submit(session, u"sleep(60)"_s);
    const QString queued = submit(session, u"sleep(60)"_s);
    const QString after = submit(session, u"sleep(5)"_s);
    m_clock->advanceMs(kCreatingMs + kQueuedMs);
    QCOMPARE(stateOf(running), u"RUNNING"_s);

    const OperationResult stop = call(u"StopCalculationExecution"_s, {{u"CalculationExecutionId"_s, running}});
    QVERIFY(stop.ok());
    QCOMPARE(stop.json(), (QJsonObject{{u"State"_s, u"CANCELING"_s}}));
    QCOMPARE(stateOf(running), u"CANCELING"_s);
    QCOMPARE(call(u"StopCalculationExecution"_s, {{u"CalculationExecutionId"_s, queued}}).json().value(u"State"_s).toString(), u"CANCELING"_s);
    m_clock->advanceMs(kCancelingMs - 1);
    QCOMPARE(stateOf(running), u"CANCELING"_s);
    m_clock->advanceMs(1);
    QCOMPARE(stateOf(running), u"CANCELED"_s);
    QCOMPARE(stateOf(queued), u"CANCELED"_s);
    const QJsonObject canceled = call(u"GetCalculationExecution"_s, {{u"CalculationExecutionId"_s, running}}).json();
    QVERIFY(canceled.value(u"Status"_s).toObject().value(u"StateChangeReason"_s).toString().contains(u"stopped"_s));
    QVERIFY(!canceled.contains(u"Result"_s));
    // The next one gets its turn; the session stays BUSY until it ends.
    QCOMPARE(sessionState(session), u"BUSY"_s);
    m_clock->advanceMs(kQueuedMs);
    QCOMPARE(stateOf(after), u"RUNNING"_s);
    m_clock->advanceMs(5000);
    QCOMPARE(stateOf(after), u"COMPLETED"_s);
    QCOMPARE(sessionState(session), u"IDLE"_s);
    // Stopping one that ended succeeds and changes nothing (as the service documents).
    const OperationResult again = call(u"StopCalculationExecution"_s, {{u"CalculationExecutionId"_s, after}});
    QVERIFY(again.ok());
    QCOMPARE(again.json().value(u"State"_s).toString(), u"COMPLETED"_s);
    QCOMPARE(stateOf(after), u"COMPLETED"_s);
    QCOMPARE(call(u"StopCalculationExecution"_s, {{u"CalculationExecutionId"_s, running}}).json().value(u"State"_s).toString(), u"CANCELED"_s);
    QCOMPARE(call(u"StopCalculationExecution"_s, {{u"CalculationExecutionId"_s, u"nope"_s}}).errorType(), u"ResourceNotFoundException"_s);
}

void TestLocalCalculations::raiseFailsWithAReason()
{
    const QString session = idleSession();
    const QString id = submit(session, u"rows = spark.table('x').count()\nif rows == 0:\n    raise ValueError(\"no rows in x\")\nsleep(3)"_s);
    m_clock->advanceMs(kCreatingMs + kQueuedMs + 3000);
    const QJsonObject c = call(u"GetCalculationExecution"_s, {{u"CalculationExecutionId"_s, id}}).json();
    QCOMPARE(c.value(u"Status"_s).toObject().value(u"State"_s).toString(), u"FAILED"_s);
    QCOMPARE(c.value(u"Status"_s).toObject().value(u"StateChangeReason"_s).toString(), u"ValueError: no rows in x"_s);
    const QJsonObject result = c.value(u"Result"_s).toObject();
    QVERIFY(result.value(u"StdErrorS3Uri"_s).toString().startsWith(u"s3://"_s));
    QVERIFY(result.value(u"StdOutS3Uri"_s).toString().startsWith(u"s3://"_s));
    QVERIFY(!result.contains(u"ResultS3Uri"_s));
    QCOMPARE(sessionState(session), u"IDLE"_s);
    // Without a message, the name alone; a "raise" inside a string or comment text is not a statement.
    const QString bare = submit(session, u"raise KeyboardInterrupt"_s);
    const QString quoted = submit(session, u"print('do not raise Error(\"x\")')"_s);
    m_clock->advanceMs(60000);
    QCOMPARE(call(u"GetCalculationExecution"_s, {{u"CalculationExecutionId"_s, bare}}).json().value(u"Status"_s).toObject().value(u"StateChangeReason"_s).toString(),
             u"KeyboardInterrupt"_s);
    QCOMPARE(stateOf(quoted), u"COMPLETED"_s);
}

void TestLocalCalculations::idempotentStarts()
{
    const QString session = idleSession();
    const QString token = u"calc-token-0000000000000000000000001"_s;
    QJsonObject body{{u"SessionId"_s, session}, {u"CodeBlock"_s, u"sleep(2)"_s}, {u"ClientRequestToken"_s, token}};
    const QString first = call(u"StartCalculationExecution"_s, body).json().value(u"CalculationExecutionId"_s).toString();
    QVERIFY(!first.isEmpty());
    m_clock->advanceMs(kCreatingMs + kQueuedMs);
    const OperationResult retry = call(u"StartCalculationExecution"_s, body);
    QCOMPARE(retry.json().value(u"CalculationExecutionId"_s).toString(), first);
    QCOMPARE(retry.json().value(u"State"_s).toString(), u"RUNNING"_s);
    body.insert(u"CodeBlock"_s, u"sleep(3)"_s);
    const OperationResult changed = call(u"StartCalculationExecution"_s, body);
    QCOMPARE(changed.errorType(), u"InvalidRequestException"_s);
    QVERIFY(changed.json().value(u"Message"_s).toString().contains(u"different parameters"_s));
    QCOMPARE(call(u"ListCalculationExecutions"_s, {{u"SessionId"_s, session}}).json().value(u"Calculations"_s).toArray().size(), 1);
}

void TestLocalCalculations::executorsFollowTheLoad()
{
    const QString session = call(u"StartSession"_s, startBody(20)).json().value(u"SessionId"_s).toString();
    const qint64 started = m_clock->nowUtc().toMSecsSinceEpoch();
    QJsonArray list = executors(session);
    QCOMPARE(list.size(), 1);
    QCOMPARE(list[0].toObject().value(u"ExecutorType"_s).toString(), u"COORDINATOR"_s);
    QCOMPARE(list[0].toObject().value(u"ExecutorState"_s).toString(), u"CREATING"_s);
    QCOMPARE(list[0].toObject().value(u"StartDateTime"_s).toInteger(), started); // epoch milliseconds
    QCOMPARE(list[0].toObject().value(u"ExecutorSize"_s).toInteger(), 1);
    m_clock->advanceMs(m_options.creatingMs + m_options.createdMs);
    QCOMPARE(executors(session)[0].toObject().value(u"ExecutorState"_s).toString(), u"REGISTERED"_s);

    auto dpusInUse = [&] {
        qint64 dpus = 0;
        for (const auto &e : executors(session)) {
            const QString state = e.toObject().value(u"ExecutorState"_s).toString();
            if (state == u"REGISTERED"_s || state == u"TERMINATING"_s)
                dpus += e.toObject().value(u"ExecutorSize"_s).toInteger();
        }
        return dpus;
    };
    auto sessionDpuMs = [&] {
        return call(u"GetSession"_s, {{u"SessionId"_s, session}}).json().value(u"Statistics"_s).toObject().value(u"DpuExecutionInMillis"_s).toInteger();
    };
    QCOMPARE(dpusInUse(), 1);
    const QString calc = submit(session, u"sleep(120)"_s);
    m_clock->advanceMs(kCreatingMs + kQueuedMs);
    // Workers ramp up (1, 2, 4, … each simulated second) to (20 - 1) / 1 = 19.
    QList<qint64> seen;
    for (int step = 0; step < 10; ++step) {
        seen << dpusInUse();
        m_clock->advanceMs(1000);
    }
    QCOMPARE(seen, (QList<qint64>{1, 1, 2, 4, 8, 16, 20, 20, 20, 20})); // each registers 2 s after it is asked for
    const QJsonArray busy = executors(session);
    QCOMPARE(busy.size(), 20);
    QSet<QString> ids;
    int workers = 0;
    qint64 previousStart = std::numeric_limits<qint64>::max();
    for (const auto &v : busy) {
        const QJsonObject e = v.toObject();
        ids.insert(e.value(u"ExecutorId"_s).toString());
        workers += e.value(u"ExecutorType"_s).toString() == u"WORKER"_s;
        QVERIFY(e.value(u"StartDateTime"_s).toInteger() <= previousStart); // newest first
        previousStart = e.value(u"StartDateTime"_s).toInteger();
        QVERIFY(!e.contains(u"TerminationDateTime"_s));
    }
    QCOMPARE(ids.size(), 20);
    QCOMPARE(workers, 19);
    QCOMPARE(busy.last().toObject().value(u"ExecutorType"_s).toString(), u"COORDINATOR"_s);
    // Billing follows the executors: 20 DPUs for a minute.
    const qint64 before = sessionDpuMs();
    m_clock->advanceMs(60000);
    QCOMPARE(sessionDpuMs(), before + 20 * 60000);
    QCOMPARE(executors(session, u"REGISTERED"_s).size(), 20);

    QCOMPARE(call(u"StopCalculationExecution"_s, {{u"CalculationExecutionId"_s, calc}}).json().value(u"State"_s).toString(), u"CANCELING"_s);
    m_clock->advanceMs(kCancelingMs);
    QCOMPARE(sessionState(session), u"IDLE"_s);
    QCOMPARE(executors(session, u"TERMINATING"_s).size(), 19);
    QCOMPARE(executors(session, u"REGISTERED"_s).size(), 1);
    m_clock->advanceMs(2000);
    const QJsonArray gone = executors(session, u"TERMINATED"_s);
    QCOMPARE(gone.size(), 19);
    const qint64 now = m_clock->nowUtc().toMSecsSinceEpoch();
    for (const auto &e : gone)
        QCOMPARE(e.toObject().value(u"TerminationDateTime"_s).toInteger(), now);
    QCOMPARE(dpusInUse(), 1);
    const qint64 idle = sessionDpuMs();
    m_clock->advanceMs(10000);
    QCOMPARE(sessionDpuMs(), idle + 10000); // only the coordinator again

    // The session ends: so does the coordinator.
    QVERIFY(call(u"TerminateSession"_s, {{u"SessionId"_s, session}}).ok());
    QCOMPARE(executors(session, u"TERMINATING"_s).size(), 1);
    m_clock->advanceMs(m_options.terminatingMs);
    QCOMPARE(executors(session, u"TERMINATED"_s).size(), 20);
    QCOMPARE(dpusInUse(), 0);
}

void TestLocalCalculations::executorsArePaged()
{
    const QString session = idleSession(60);
    submit(session, u"sleep(600)"_s);
    m_clock->advanceMs(kCreatingMs + kQueuedMs + 20000);
    int pages = 0;
    const QJsonArray all = executors(session, {}, 7, &pages);
    QCOMPARE(all.size(), 60);
    QCOMPARE(pages, 9);
    QSet<QString> ids;
    for (const auto &e : all)
        ids.insert(e.toObject().value(u"ExecutorId"_s).toString());
    QCOMPARE(ids.size(), 60); // none twice, none skipped
    QCOMPARE(executors(session, {}, 100), all);
    // UUIDs, as the model documents them
    QVERIFY(!QUuid::fromString(all[0].toObject().value(u"ExecutorId"_s).toString()).isNull());
}

void TestLocalCalculations::endpointTokenExpires()
{
    const QString session = idleSession(20, 480);
    const OperationResult first = call(u"GetSessionEndpoint"_s, {{u"SessionId"_s, session}});
    QVERIFY(first.ok());
    const QJsonObject e = first.json();
    QCOMPARE(e.value(u"EndpointUrl"_s).toString(), u"https://%1.spark-connect.athena-local.localhost/"_s.arg(session));
    const QString token = e.value(u"AuthToken"_s).toString();
    QVERIFY(token.size() >= 40);
    const qint64 now = m_clock->nowUtc().toMSecsSinceEpoch();
    QCOMPARE(static_cast<qint64>(e.value(u"AuthTokenExpirationTime"_s).toDouble() * 1000), now + 3600 * 1000);
    // The same token until it expires, then a new one.
    m_clock->advanceMs(3600 * 1000 - 1);
    QCOMPARE(call(u"GetSessionEndpoint"_s, {{u"SessionId"_s, session}}).json().value(u"AuthToken"_s).toString(), token);
    m_clock->advanceMs(1);
    const QJsonObject renewed = call(u"GetSessionEndpoint"_s, {{u"SessionId"_s, session}}).json();
    QVERIFY(renewed.value(u"AuthToken"_s).toString() != token);
    QCOMPARE(static_cast<qint64>(renewed.value(u"AuthTokenExpirationTime"_s).toDouble() * 1000), now + 2 * 3600 * 1000);
    // Another session has another token; an ended session has no endpoint.
    const QString other = idleSession();
    QVERIFY(call(u"GetSessionEndpoint"_s, {{u"SessionId"_s, other}}).json().value(u"AuthToken"_s).toString() != renewed.value(u"AuthToken"_s).toString());
    call(u"TerminateSession"_s, {{u"SessionId"_s, session}});
    const OperationResult ended = call(u"GetSessionEndpoint"_s, {{u"SessionId"_s, session}});
    QCOMPARE(ended.errorType(), u"InvalidRequestException"_s);
    QVERIFY(!QJsonDocument(ended.json()).toJson().contains(renewed.value(u"AuthToken"_s).toString().toLatin1()));
    QCOMPARE(call(u"GetSessionEndpoint"_s, {{u"SessionId"_s, u"missing"_s}}).errorType(), u"ResourceNotFoundException"_s);
}

void TestLocalCalculations::terminationCancelsEverything()
{
    const QString session = idleSession();
    const QString running = submit(session, u"sleep(100)"_s);
    const QString queued = submit(session, u"sleep(100)"_s);
    m_clock->advanceMs(kCreatingMs + kQueuedMs + 5000);
    QCOMPARE(stateOf(running), u"RUNNING"_s);
    QVERIFY(executors(session).size() > 1);
    QCOMPARE(call(u"TerminateSession"_s, {{u"SessionId"_s, session}}).json().value(u"State"_s).toString(), u"TERMINATING"_s);
    for (const QString &id : {running, queued}) {
        const QJsonObject status = call(u"GetCalculationExecutionStatus"_s, {{u"CalculationExecutionId"_s, id}}).json().value(u"Status"_s).toObject();
        QCOMPARE(status.value(u"State"_s).toString(), u"CANCELED"_s);
        QCOMPARE(status.value(u"StateChangeReason"_s).toString(), u"The session was terminated"_s);
    }
    m_clock->advanceMs(m_options.terminatingMs);
    QCOMPARE(sessionState(session), u"TERMINATED"_s);
    for (const auto &e : executors(session))
        QCOMPARE(e.toObject().value(u"ExecutorState"_s).toString(), u"TERMINATED"_s);
    QCOMPARE(call(u"StartCalculationExecution"_s, {{u"SessionId"_s, session}, {u"CodeBlock"_s, u"x"_s}}).errorType(), u"InvalidRequestException"_s);
    QVERIFY(call(u"StartCalculationExecution"_s, {{u"SessionId"_s, session}, {u"CodeBlock"_s, u"x"_s}}).json().value(u"Message"_s).toString().contains(u"TERMINATED"_s));
}

void TestLocalCalculations::restartKeepsCalculationsAndExecutors()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(u"state.sqlite"_s);
    QString session, done, running, queued;
    QJsonArray executorsBefore;
    {
        m_engine = std::make_unique<LocalAthena>(m_options, m_clock.get());
        QVERIFY(m_engine->open(db).ok());
        session = idleSession();
        done = submit(session, u"raise RuntimeError(\"boom\")\nsleep(1)"_s, u"first"_s);
        running = submit(session, u"# the second\nsleep(30)"_s);
        queued = submit(session, u"sleep(5)"_s);
        m_clock->advanceMs(kCreatingMs + kQueuedMs + 1000 + kQueuedMs + 10000);
        QCOMPARE(stateOf(done), u"FAILED"_s);
        QCOMPARE(stateOf(running), u"RUNNING"_s);
        executorsBefore = executors(session);
        m_engine.reset();
    }
    m_engine = std::make_unique<LocalAthena>(m_options, m_clock.get());
    QVERIFY(m_engine->open(db).ok());
    QCOMPARE(executors(session), executorsBefore);
    QCOMPARE(call(u"GetCalculationExecutionCode"_s, {{u"CalculationExecutionId"_s, running}}).json().value(u"CodeBlock"_s).toString(),
             u"# the second\nsleep(30)"_s);
    QCOMPARE(call(u"GetCalculationExecutionStatus"_s, {{u"CalculationExecutionId"_s, done}}).json().value(u"Status"_s).toObject().value(u"StateChangeReason"_s).toString(),
             u"RuntimeError: boom"_s);
    QCOMPARE(stateOf(queued), u"QUEUED"_s);
    // The queue goes on where it was.
    m_clock->advanceMs(20000 + kQueuedMs);
    QCOMPARE(stateOf(running), u"COMPLETED"_s);
    QCOMPARE(stateOf(queued), u"RUNNING"_s);
    m_clock->advanceMs(5000);
    QCOMPARE(stateOf(queued), u"COMPLETED"_s);
    QCOMPARE(sessionState(session), u"IDLE"_s);
    QCOMPARE(call(u"ListCalculationExecutions"_s, {{u"SessionId"_s, session}}).json().value(u"Calculations"_s).toArray().size(), 3);
    QCOMPARE(m_engine->integrityCheck(), u"ok"_s);
}

void TestLocalCalculations::seededBusySessionsRun()
{
    QVERIFY(m_engine->seedSessions(300).ok());
    const QJsonArray busy = call(u"ListSessions"_s, {{u"WorkGroup"_s, u"spark-etl"_s}, {u"StateFilter"_s, u"BUSY"_s}, {u"MaxResults"_s, 100}})
                                .json().value(u"Sessions"_s).toArray();
    QVERIFY(!busy.isEmpty());
    for (const auto &v : busy) {
        const QString session = v.toObject().value(u"SessionId"_s).toString();
        const QJsonArray calcs = call(u"ListCalculationExecutions"_s, {{u"SessionId"_s, session}}).json().value(u"Calculations"_s).toArray();
        QVERIFY(calcs.size() >= 2); // the running one and some past ones
        QCOMPARE(calcs[0].toObject().value(u"Status"_s).toObject().value(u"State"_s).toString(), u"RUNNING"_s);
        const QString last = calcs.last().toObject().value(u"Status"_s).toObject().value(u"State"_s).toString();
        QVERIFY2(last == u"COMPLETED"_s || last == u"FAILED"_s, qPrintable(last));
        const QString id = calcs[0].toObject().value(u"CalculationExecutionId"_s).toString();
        QVERIFY(!call(u"GetCalculationExecutionCode"_s, {{u"CalculationExecutionId"_s, id}}).json().value(u"CodeBlock"_s).toString().isEmpty());
        const QJsonArray workers = executors(session, u"REGISTERED"_s);
        QVERIFY2(workers.size() >= 2, qPrintable(QString::number(workers.size())));
    }
}

void TestLocalCalculations::hostileRequests_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("type");
    const QString s = u"{session}"_s;
    QTest::newRow("code of 68001") << u"StartCalculationExecution"_s << QJsonObject{{u"SessionId"_s, s}, {u"CodeBlock"_s, QString(68001, u'x')}}
                                   << u"InvalidRequestException"_s;
    QTest::newRow("no code") << u"StartCalculationExecution"_s << QJsonObject{{u"SessionId"_s, s}} << u"InvalidRequestException"_s;
    QTest::newRow("both codes") << u"StartCalculationExecution"_s
                                << QJsonObject{{u"SessionId"_s, s}, {u"CodeBlock"_s, u"x"_s},
                                               {u"CalculationConfiguration"_s, QJsonObject{{u"CodeBlock"_s, u"y"_s}}}}
                                << u"InvalidRequestException"_s;
    QTest::newRow("empty description") << u"StartCalculationExecution"_s
                                       << QJsonObject{{u"SessionId"_s, s}, {u"CodeBlock"_s, u"x"_s}, {u"Description"_s, u""_s}}
                                       << u"InvalidRequestException"_s;
    QTest::newRow("description of 1025") << u"StartCalculationExecution"_s
                                         << QJsonObject{{u"SessionId"_s, s}, {u"CodeBlock"_s, u"x"_s}, {u"Description"_s, QString(1025, u'd')}}
                                         << u"InvalidRequestException"_s;
    QTest::newRow("short token") << u"StartCalculationExecution"_s
                                 << QJsonObject{{u"SessionId"_s, s}, {u"CodeBlock"_s, u"x"_s}, {u"ClientRequestToken"_s, u"short"_s}}
                                 << u"InvalidRequestException"_s;
    QTest::newRow("code not a string") << u"StartCalculationExecution"_s << QJsonObject{{u"SessionId"_s, s}, {u"CodeBlock"_s, 5}}
                                       << u"SerializationException"_s;
    QTest::newRow("unknown session") << u"StartCalculationExecution"_s << QJsonObject{{u"SessionId"_s, u"nope"_s}, {u"CodeBlock"_s, u"x"_s}}
                                     << u"ResourceNotFoundException"_s;
    QTest::newRow("id of 37") << u"GetCalculationExecution"_s << QJsonObject{{u"CalculationExecutionId"_s, QString(37, u'a')}}
                              << u"InvalidRequestException"_s;
    QTest::newRow("no id") << u"GetCalculationExecutionCode"_s << QJsonObject{} << u"InvalidRequestException"_s;
    QTest::newRow("unknown calculation") << u"GetCalculationExecutionStatus"_s << QJsonObject{{u"CalculationExecutionId"_s, u"c-404"_s}}
                                         << u"ResourceNotFoundException"_s;
    QTest::newRow("calculations max 0") << u"ListCalculationExecutions"_s << QJsonObject{{u"SessionId"_s, s}, {u"MaxResults"_s, 0}}
                                        << u"InvalidRequestException"_s;
    QTest::newRow("calculations max 101") << u"ListCalculationExecutions"_s << QJsonObject{{u"SessionId"_s, s}, {u"MaxResults"_s, 101}}
                                          << u"InvalidRequestException"_s;
    QTest::newRow("calculations max 1.5") << u"ListCalculationExecutions"_s << QJsonObject{{u"SessionId"_s, s}, {u"MaxResults"_s, 1.5}}
                                          << u"InvalidRequestException"_s;
    QTest::newRow("calculation state") << u"ListCalculationExecutions"_s << QJsonObject{{u"SessionId"_s, s}, {u"StateFilter"_s, u"DONE"_s}}
                                       << u"InvalidRequestException"_s;
    QTest::newRow("executors max 0") << u"ListExecutors"_s << QJsonObject{{u"SessionId"_s, s}, {u"MaxResults"_s, 0}} << u"InvalidRequestException"_s;
    QTest::newRow("executors max 101") << u"ListExecutors"_s << QJsonObject{{u"SessionId"_s, s}, {u"MaxResults"_s, 101}}
                                       << u"InvalidRequestException"_s;
    QTest::newRow("executor state") << u"ListExecutors"_s << QJsonObject{{u"SessionId"_s, s}, {u"ExecutorStateFilter"_s, u"RUNNING"_s}}
                                    << u"InvalidRequestException"_s;
    QTest::newRow("huge token") << u"ListExecutors"_s << QJsonObject{{u"SessionId"_s, s}, {u"NextToken"_s, QString(5000, u'A')}}
                                << u"InvalidRequestException"_s;
    QTest::newRow("executors of nobody") << u"ListExecutors"_s << QJsonObject{{u"SessionId"_s, u"nope"_s}} << u"ResourceNotFoundException"_s;
    QTest::newRow("endpoint of nobody") << u"GetSessionEndpoint"_s << QJsonObject{{u"SessionId"_s, u"nope"_s}} << u"ResourceNotFoundException"_s;
    QTest::newRow("endpoint without id") << u"GetSessionEndpoint"_s << QJsonObject{} << u"InvalidRequestException"_s;
}

void TestLocalCalculations::hostileRequests()
{
    QFETCH(QString, operation);
    QFETCH(QJsonObject, body);
    QFETCH(QString, type);
    const QString session = idleSession();
    if (body.value(u"SessionId"_s).toString() == u"{session}"_s)
        body.insert(u"SessionId"_s, session);
    const OperationResult r = call(operation, body);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorType(), type);
    QVERIFY(r.json().value(u"Message"_s).toString().size() < 400); // the input is not echoed back
    QCOMPARE(call(u"ListCalculationExecutions"_s, {{u"SessionId"_s, session}}).json().value(u"Calculations"_s).toArray().size(), 0);
    QCOMPARE(sessionState(session), u"IDLE"_s);
    // The largest code block the model allows is taken.
    if (QTest::currentDataTag() == QByteArray("code of 68001"))
        QVERIFY(!submit(session, QString(68000, u'x')).isEmpty());
}

void TestLocalCalculations::forgedAndForeignTokensAreRefused()
{
    const QString session = idleSession(40);
    const QString other = idleSession();
    for (int i = 0; i < 3; ++i)
        submit(session, u"sleep(1)"_s);
    submit(other, u"sleep(1)"_s);
    m_clock->advanceMs(30000);
    const QString token = call(u"ListCalculationExecutions"_s, {{u"SessionId"_s, session}, {u"MaxResults"_s, 1}}).json().value(u"NextToken"_s).toString();
    QVERIFY(!token.isEmpty());
    // The same token twice: the same page (tokens are positions, not one-shot).
    const QJsonObject page = call(u"ListCalculationExecutions"_s, {{u"SessionId"_s, session}, {u"MaxResults"_s, 1}, {u"NextToken"_s, token}}).json();
    QCOMPARE(call(u"ListCalculationExecutions"_s, {{u"SessionId"_s, session}, {u"MaxResults"_s, 1}, {u"NextToken"_s, token}}).json(), page);
    QString tampered = token;
    tampered[3] = tampered[3] == u'A' ? u'B' : u'A';
    const QList<QJsonObject> refused = {
        {{u"SessionId"_s, session}, {u"NextToken"_s, tampered}},
        {{u"SessionId"_s, session}, {u"NextToken"_s, u"forged"_s}},
        {{u"SessionId"_s, other}, {u"NextToken"_s, token}},                                 // another session's
        {{u"SessionId"_s, session}, {u"StateFilter"_s, u"COMPLETED"_s}, {u"NextToken"_s, token}}, // another filter's
    };
    for (const QJsonObject &body : refused)
        QCOMPARE(call(u"ListCalculationExecutions"_s, body).errorType(), u"InvalidRequestException"_s);
    // A ListCalculationExecutions token is not a ListExecutors token, nor the reverse.
    QCOMPARE(call(u"ListExecutors"_s, {{u"SessionId"_s, session}, {u"NextToken"_s, token}}).errorType(), u"InvalidRequestException"_s);
    submit(session, u"sleep(100)"_s);
    m_clock->advanceMs(20000);
    const QString executorToken = call(u"ListExecutors"_s, {{u"SessionId"_s, session}, {u"MaxResults"_s, 2}}).json().value(u"NextToken"_s).toString();
    QVERIFY(!executorToken.isEmpty());
    QVERIFY(call(u"ListExecutors"_s, {{u"SessionId"_s, session}, {u"MaxResults"_s, 2}, {u"NextToken"_s, executorToken}}).ok());
    QVERIFY(call(u"ListExecutors"_s, {{u"SessionId"_s, session}, {u"MaxResults"_s, 2}, {u"NextToken"_s, executorToken}}).ok());
    QCOMPARE(call(u"ListExecutors"_s, {{u"SessionId"_s, other}, {u"NextToken"_s, executorToken}}).errorType(), u"InvalidRequestException"_s);
    QCOMPARE(call(u"ListExecutors"_s, {{u"SessionId"_s, session}, {u"ExecutorStateFilter"_s, u"TERMINATED"_s}, {u"NextToken"_s, executorToken}}).errorType(),
             u"InvalidRequestException"_s);
    QCOMPARE(call(u"ListCalculationExecutions"_s, {{u"SessionId"_s, session}, {u"NextToken"_s, executorToken}}).errorType(),
             u"InvalidRequestException"_s);
}

void TestLocalCalculations::thousandsOfExecutorsStayBounded()
{
    // 5000 DPUs: 4999 workers for each calculation; ten of them, one after the other, would
    // leave ~50,000 executors. Only the newest 1000 ended ones are kept (and listed), and
    // the DPU time of those forgotten stays billed.
    const QString session = idleSession(5000);
    qint64 billedBefore = 0;
    for (int i = 0; i < 10; ++i) {
        submit(session, u"sleep(30)"_s);
        m_clock->advanceMs(kCreatingMs + kQueuedMs + 30000);
        QCOMPARE(sessionState(session), u"IDLE"_s);
        m_clock->advanceMs(5000); // the workers end
        const qint64 billed = call(u"GetSession"_s, {{u"SessionId"_s, session}}).json().value(u"Statistics"_s).toObject().value(u"DpuExecutionInMillis"_s).toInteger();
        QVERIFY(billed > billedBefore);
        billedBefore = billed;
    }
    QCOMPARE(executors(session, u"TERMINATED"_s).size(), 1000);
    const QJsonArray all = executors(session);
    QCOMPARE(all.size(), 1001); // and the coordinator
    QCOMPARE(all.last().toObject().value(u"ExecutorType"_s).toString(), u"COORDINATOR"_s);
    // While a run is on, its workers are listed as well: the live ones are never dropped.
    submit(session, u"sleep(60)"_s);
    m_clock->advanceMs(kCreatingMs + kQueuedMs + 20000);
    QCOMPARE(executors(session, u"REGISTERED"_s).size(), 5000);
    QVERIFY(executors(session).size() <= 6001);
    qInfo("10 runs of 4999 workers: %lld executors listed while the 11th runs", static_cast<long long>(executors(session).size()));
}

QTEST_GUILESS_MAIN(TestLocalCalculations)
#include "tst_localcalculations.moc"
