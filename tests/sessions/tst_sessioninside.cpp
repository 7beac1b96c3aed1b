// The data layer of a session's inside: the calculation and executor models (under
// QAbstractItemModelTester), the bounded DPU history, and SessionInside's polling — only while
// watched, quickly while work runs, never again for an ended session, backing off on errors —
// and its actions (run code and follow it to its end, a refused submit, stop, the endpoint).
#include "athena/calculationjson.h"
#include "sessions/sessioninside.h"
#include "support/fakenetwork.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace athena;
using namespace testing;
using namespace Qt::StringLiterals;

namespace {

QDateTime at(qint64 s)
{
    return QDateTime::fromSecsSinceEpoch(1765000000 + s, Qt::UTC);
}

CalculationSummary calc(const QString &id, CalculationState state, qint64 submitted = 0)
{
    CalculationSummary c;
    c.calculationExecutionId = id;
    c.status.state = state;
    c.status.submissionDateTime = at(submitted);
    return c;
}

ExecutorSummary executor(const QString &id, ExecutorType type, ExecutorState state, qint64 size, qint64 start)
{
    ExecutorSummary e;
    e.executorId = id;
    e.type = type;
    e.state = state;
    e.size = size;
    e.startDateTime = at(start);
    if (isFinal(state))
        e.terminationDateTime = at(start + 60);
    return e;
}

QString target(const SeenRequest &r)
{
    return QString::fromLatin1(r.request.rawHeader("X-Amz-Target")).section(u'.', 1);
}

FakeResponse ok(const QJsonObject &o)
{
    return FakeResponse::json(200, QJsonDocument(o).toJson(QJsonDocument::Compact));
}

int count(const QList<SeenRequest> &seen, const QString &operation)
{
    return static_cast<int>(std::count_if(seen.cbegin(), seen.cend(), [&](const SeenRequest &r) { return target(r) == operation; }));
}

} // namespace

class TestSessionInside : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void calculationRowsMergeByIdInListOrder();
    void executorRowsLiveFirstAndDpusInUse();
    void dpuHistoryIsBoundedAndStepped();
    void pollsOnlyWhatIsWatched();
    void endedSessionIsFetchedOnceMoreThenLeftAlone();
    void errorsBackOffAndRecover();
    void runCodeIsFollowedToItsEnd();
    void refusedSubmitSaysWhy();
    void stopAndEndpoint();
    void switchingSessionsDropsTheOldOnesAnswers();
    void everyRowGetsItsDpuHoursOnceEnded();
    void viewsSeeACurrentIndexDuringEverySignal();
    void anEndedSessionStopsWhateverWasWatchedBefore();
    void aSubmitIsAnsweredAfterASessionSwitch();
    void aTabOpenedDuringAPollIsFetchedRightAfter();

private:
    std::unique_ptr<FakeNetworkAccessManager> m_network;
    std::unique_ptr<aws::AwsJsonTransport> m_transport;
    std::unique_ptr<AthenaClient> m_client;
    std::unique_ptr<aws::ManualClock> m_clock;
    std::unique_ptr<SessionInside> m_inside;
};

void TestSessionInside::init()
{
    m_network = std::make_unique<FakeNetworkAccessManager>();
    aws::TransportConfig config;
    config.endpoint = QUrl(u"https://athena.eu-west-1.amazonaws.com/"_s);
    config.region = u"eu-west-1"_s;
    m_transport = std::make_unique<aws::AwsJsonTransport>(
        m_network.get(), std::make_shared<aws::StaticCredentialsProvider>(aws::AwsCredentials{u"AKID"_s, u"s"_s, {}, {}, {}}), config);
    m_transport->setRandom([] { return 0.0; });
    m_client = std::make_unique<AthenaClient>(m_transport.get());
    m_clock = std::make_unique<aws::ManualClock>(at(100));
    m_inside = std::make_unique<SessionInside>(m_clock.get());
    m_inside->setIntervals({20, 80, 400});
    m_inside->setClient(m_client.get());
}

void TestSessionInside::cleanup()
{
    // Users of the network first: a call still hanging is abandoned while its manager lives.
    m_inside.reset();
    m_client.reset();
    m_transport.reset();
    m_network.reset();
}

void TestSessionInside::calculationRowsMergeByIdInListOrder()
{
    CalculationListModel model(m_clock.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCalculations({calc(u"c3"_s, CalculationState::Running, 30), calc(u"c2"_s, CalculationState::Completed, 20),
                           calc(u"c1"_s, CalculationState::Failed, 10)});
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(model.anyUnfinished());
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    // A new one comes first, c1 is gone, c3 finished: one insert, one removal, no reset.
    model.setCalculations({calc(u"c4"_s, CalculationState::Queued, 40), calc(u"c3"_s, CalculationState::Completed, 30),
                           calc(u"c2"_s, CalculationState::Completed, 20)});
    QCOMPARE(resets.size(), 0);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.idAt(0), u"c4"_s);
    QCOMPARE(model.idAt(2), u"c2"_s);
    QCOMPARE(model.data(model.index(1, CalculationListModel::StateColumn)).toString(), u"COMPLETED"_s);
    // A state this client does not know is shown as it came.
    CalculationSummary future = calc(u"c5"_s, CalculationState::Unknown, 50);
    future.status.stateText = u"PAUSED"_s;
    model.setCalculations({future, calc(u"c4"_s, CalculationState::Queued, 40)});
    QCOMPARE(model.data(model.index(0, CalculationListModel::StateColumn)).toString(), u"PAUSED"_s);
    // Details refine a row: DPU-hours and a running duration that moves with the clock.
    CalculationExecution d;
    d.calculationExecutionId = u"c4"_s;
    d.status = calc(u"c4"_s, CalculationState::Running, 40).status;
    d.statistics.dpuExecutionInMillis = 3600000;
    model.update(d);
    QCOMPARE(model.data(model.index(1, CalculationListModel::DpuHoursColumn)).toString(), QLocale().toString(1.0, 'f', 3));
    QCOMPARE(model.data(model.index(1, CalculationListModel::DurationColumn)).toString(), u"1 min 0 s"_s);
    m_clock->advanceMs(60000);
    QCOMPARE(model.data(model.index(1, CalculationListModel::DurationColumn)).toString(), u"2 min 0 s"_s);
    // Reversed order is moves, not a reset.
    model.setCalculations({calc(u"c4"_s, CalculationState::Running, 40), future});
    QCOMPARE(model.idAt(0), u"c4"_s);
    QCOMPARE(resets.size(), 0);
}

void TestSessionInside::executorRowsLiveFirstAndDpusInUse()
{
    ExecutorListModel model(m_clock.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setExecutors({executor(u"w-old"_s, ExecutorType::Worker, ExecutorState::Terminated, 1, 0),
                        executor(u"coord"_s, ExecutorType::Coordinator, ExecutorState::Registered, 1, 1),
                        executor(u"w-1"_s, ExecutorType::Worker, ExecutorState::Registered, 4, 5),
                        executor(u"w-2"_s, ExecutorType::Worker, ExecutorState::Creating, 4, 9)});
    QCOMPARE(model.dpusInUse(), 9);
    QCOMPARE(model.liveCount(), 3);
    QCOMPARE(model.data(model.index(0, ExecutorListModel::IdColumn)).toString(), u"w-2"_s);
    QCOMPARE(model.data(model.index(3, ExecutorListModel::IdColumn)).toString(), u"w-old"_s);
    QVERIFY(model.data(model.index(3, ExecutorListModel::SinceColumn)).toString().startsWith(u"ended"_s));
}

void TestSessionInside::dpuHistoryIsBoundedAndStepped()
{
    DpuHistory h;
    h.add(at(0), 1);
    h.add(at(1), 1);
    QCOMPARE(h.points().size(), 1);
    for (int i = 0; i < 100000; ++i)
        h.add(at(i), i % 7);
    QCOMPARE(h.points().size(), DpuHistory::maxPoints);
    QCOMPARE(h.points().last().at, at(99999));
    QCOMPARE(h.peak(), 6);
}

void TestSessionInside::pollsOnlyWhatIsWatched()
{
    m_network->handler = [](const SeenRequest &r) {
        if (target(r) == u"ListExecutors"_s)
            return ok(QJsonObject{{u"SessionId"_s, u"s-1"_s}, {u"ExecutorsSummary"_s, QJsonArray{}}});
        return ok(QJsonObject{{u"Calculations"_s, QJsonArray{}}});
    };
    m_inside->setSession(u"s-1"_s, SessionState::Idle);
    QVERIFY(!m_inside->isPolling());
    QCOMPARE(m_network->seen.size(), 0); // nothing on screen: nothing asked
    m_inside->setWatched(SessionInside::Calculations);
    QTRY_VERIFY(count(m_network->seen, u"ListCalculationExecutions"_s) >= 2);
    QCOMPARE(count(m_network->seen, u"ListExecutors"_s), 0);
    QCOMPARE(m_inside->nextDelayMs(0), 80); // IDLE, nothing running: the steady interval
    m_inside->setWatched(SessionInside::Executors);
    QTRY_VERIFY(count(m_network->seen, u"ListExecutors"_s) >= 2);
    m_inside->setWatched({});
    QVERIFY(!m_inside->isPolling());
    m_inside->pause();
    m_inside->setWatched(SessionInside::Calculations);
    QVERIFY(!m_inside->isPolling());
}

void TestSessionInside::endedSessionIsFetchedOnceMoreThenLeftAlone()
{
    m_network->handler = [](const SeenRequest &) {
        return ok(QJsonObject{{u"Calculations"_s, QJsonArray{json::toJson(calc(u"c1"_s, CalculationState::Canceled))}}});
    };
    m_inside->setWatched(SessionInside::Calculations);
    m_inside->setSession(u"s-1"_s, SessionState::Busy);
    QTRY_VERIFY(m_network->seen.size() >= 2);
    QSignalSpy refreshed(m_inside.get(), &SessionInside::calculationsRefreshed);
    m_inside->setSession(u"s-1"_s, SessionState::Terminated);
    QTRY_VERIFY(!m_inside->isPolling() && refreshed.size() >= 1);
    QTRY_COMPARE(m_inside->nextDelayMs(0), -1);
    const qsizetype asked = m_network->seen.size();
    QVERIFY(!m_inside->isPolling());
    QCOMPARE(m_network->seen.size(), asked);
}

void TestSessionInside::errorsBackOffAndRecover()
{
    int fail = 3;
    m_network->handler = [&fail](const SeenRequest &) {
        if (fail > 0) {
            --fail;
            return FakeResponse::serviceError(400, "AccessDeniedException", "no");
        }
        return ok(QJsonObject{{u"Calculations"_s, QJsonArray{}}});
    };
    QSignalSpy failed(m_inside.get(), &SessionInside::pollFailed);
    QSignalSpy refreshed(m_inside.get(), &SessionInside::calculationsRefreshed);
    m_inside->setWatched(SessionInside::Calculations);
    m_inside->setSession(u"s-1"_s, SessionState::Idle);
    QTRY_COMPARE(failed.size(), 3);
    QCOMPARE(failed.at(2).at(1).toInt(), 3);
    QCOMPARE(failed.at(0).at(0).value<aws::AwsError>().code, u"AccessDeniedException"_s);
    QCOMPARE(m_inside->nextDelayMs(1), 40);
    QCOMPARE(m_inside->nextDelayMs(3), 160);
    QCOMPARE(m_inside->nextDelayMs(20), 400);
    QTRY_VERIFY(refreshed.size() >= 1);
    QCOMPARE(m_inside->nextDelayMs(0), 80);
}

void TestSessionInside::runCodeIsFollowedToItsEnd()
{
    // A service whose calculation moves one state per status read: QUEUED, RUNNING, COMPLETED.
    int reads = 0;
    const QList<CalculationState> path{CalculationState::Queued, CalculationState::Running, CalculationState::Completed};
    QByteArray sentCode;
    m_network->handler = [&](const SeenRequest &r) {
        const QString op = target(r);
        if (op == u"StartCalculationExecution"_s) {
            sentCode = QJsonDocument::fromJson(r.body).object().value(u"CodeBlock"_s).toString().toUtf8();
            return ok(QJsonObject{{u"CalculationExecutionId"_s, u"c-new"_s}, {u"State"_s, u"CREATING"_s}});
        }
        const CalculationState s = path.at(std::min<qsizetype>(reads, path.size() - 1));
        if (op == u"GetCalculationExecutionCode"_s)
            return ok(QJsonObject{{u"CodeBlock"_s, QString::fromUtf8(sentCode)}});
        if (op == u"GetCalculationExecution"_s) {
            ++reads;
            CalculationExecution c;
            c.calculationExecutionId = u"c-new"_s;
            c.status = calc(u"c-new"_s, s, 100).status;
            c.statistics.dpuExecutionInMillis = reads * 1000;
            return ok(json::toJson(c));
        }
        return ok(QJsonObject{{u"Calculations"_s, QJsonArray{json::toJson(calc(u"c-new"_s, s, 100))}}});
    };
    m_inside->setWatched(SessionInside::Calculations);
    m_inside->setSession(u"s-1"_s, SessionState::Idle);
    QVERIFY(m_inside->whyCannotRun().isEmpty());
    QSignalSpy submitted(m_inside.get(), &SessionInside::submitted);
    QSignalSpy work(m_inside.get(), &SessionInside::workSubmitted);
    m_inside->runCode(u"print(sum(range(10)))"_s, u"a sum"_s);
    QTRY_COMPARE(submitted.size(), 1);
    QCOMPARE(work.size(), 1);
    QCOMPARE(submitted.at(0).at(0).toString(), u"c-new"_s);
    QCOMPARE(m_inside->selectedCalculation(), u"c-new"_s);
    QCOMPARE(m_inside->calculations()->idAt(0), u"c-new"_s);
    QTRY_COMPARE(m_inside->selectedCode(), u"print(sum(range(10)))"_s);
    QTRY_VERIFY(m_inside->selectedDetails() && m_inside->selectedDetails()->status.state == CalculationState::Completed);
    QTRY_COMPARE(m_inside->calculations()->data(m_inside->calculations()->index(0, 0)).toString(), u"COMPLETED"_s);
    QVERIFY(!m_inside->calculations()->anyUnfinished());
    // Once it is done the details are not asked again.
    const int readsAtEnd = reads;
    QTRY_VERIFY(count(m_network->seen, u"ListCalculationExecutions"_s) >= 4);
    QCOMPARE(reads, readsAtEnd);
    QCOMPARE(count(m_network->seen, u"GetCalculationExecutionCode"_s), 1);
}

void TestSessionInside::refusedSubmitSaysWhy()
{
    m_network->handler = [](const SeenRequest &r) {
        if (target(r) == u"StartCalculationExecution"_s)
            return FakeResponse::serviceError(400, "InvalidRequestException", "Session s-1 is TERMINATED");
        return ok(QJsonObject{{u"Calculations"_s, QJsonArray{}}});
    };
    m_inside->setSession(u"s-1"_s, SessionState::Idle);
    QSignalSpy failed(m_inside.get(), &SessionInside::submitFailed);
    m_inside->runCode(u"1"_s, {});
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).value<aws::AwsError>().message, u"Session s-1 is TERMINATED"_s);
    QCOMPARE(m_inside->calculations()->rowCount(), 0);
    // Refused before sending: too long, or a session that cannot run code.
    m_inside->runCode(QString(68001, u'x'), {});
    QTRY_COMPARE(failed.size(), 2);
    QCOMPARE(failed.at(1).at(0).value<aws::AwsError>().kind, aws::AwsError::Kind::Validation);
    m_inside->setSession(u"s-1"_s, SessionState::Terminated);
    QVERIFY(m_inside->whyCannotRun().contains(u"TERMINATED"_s));
    m_inside->setSession(u"s-1"_s, SessionState::Creating);
    QVERIFY(!m_inside->whyCannotRun().isEmpty());
}

void TestSessionInside::stopAndEndpoint()
{
    m_network->handler = [](const SeenRequest &r) {
        if (target(r) == u"StopCalculationExecution"_s)
            return ok(QJsonObject{{u"State"_s, u"CANCELING"_s}});
        if (target(r) == u"GetSessionEndpoint"_s)
            return ok(QJsonObject{{u"EndpointUrl"_s, u"https://s-1.spark.example"_s}, {u"AuthToken"_s, u"tok-secret"_s},
                                  {u"AuthTokenExpirationTime"_s, 1765003600}});
        return ok(QJsonObject{{u"Calculations"_s, QJsonArray{}}});
    };
    m_inside->setSession(u"s-1"_s, SessionState::Busy);
    QSignalSpy stopped(m_inside.get(), &SessionInside::stopDone);
    m_inside->stopCalculation(u"c-1"_s);
    QTRY_COMPARE(stopped.size(), 1);
    QCOMPARE(stopped.at(0).at(1).toString(), u"CANCELING"_s);
    QSignalSpy endpoint(m_inside.get(), &SessionInside::endpointReady);
    m_inside->fetchEndpoint();
    QTRY_COMPARE(endpoint.size(), 1);
    const auto e = endpoint.at(0).at(0).value<SessionEndpoint>();
    QCOMPARE(e.authToken, u"tok-secret"_s);
    QCOMPARE(e.authTokenExpirationTime, QDateTime::fromSecsSinceEpoch(1765003600, Qt::UTC));
}

void TestSessionInside::switchingSessionsDropsTheOldOnesAnswers()
{
    m_network->handler = [](const SeenRequest &r) {
        const QString session = QJsonDocument::fromJson(r.body).object().value(u"SessionId"_s).toString();
        FakeResponse answer = ok(QJsonObject{{u"Calculations"_s, QJsonArray{json::toJson(calc(u"of-"_s + session, CalculationState::Completed))}}});
        answer.hang = session == u"slow"_s;
        return answer;
    };
    m_inside->setWatched(SessionInside::Calculations);
    m_inside->setSession(u"slow"_s, SessionState::Idle);
    m_inside->setSession(u"s-2"_s, SessionState::Idle);
    QTRY_COMPARE(m_inside->calculations()->rowCount(), 1);
    QCOMPARE(m_inside->calculations()->idAt(0), u"of-s-2"_s);
}

void TestSessionInside::everyRowGetsItsDpuHoursOnceEnded()
{
    // ListCalculationExecutions has no statistics: each ended row's details are asked for once.
    m_network->handler = [](const SeenRequest &r) {
        if (target(r) == u"GetCalculationExecution"_s) {
            CalculationExecution c;
            c.calculationExecutionId = QJsonDocument::fromJson(r.body).object().value(u"CalculationExecutionId"_s).toString();
            c.status = calc(c.calculationExecutionId, CalculationState::Completed, 5).status;
            c.statistics.dpuExecutionInMillis = 1800000;
            return ok(json::toJson(c));
        }
        QJsonArray list;
        for (int i = 0; i < 60; ++i)
            list.append(json::toJson(calc(u"c%1"_s.arg(i), CalculationState::Completed, 100 - i)));
        return ok(QJsonObject{{u"Calculations"_s, list}});
    };
    m_inside->setWatched(SessionInside::Calculations);
    m_inside->setSession(u"s-1"_s, SessionState::Idle);
    CalculationListModel *model = m_inside->calculations();
    QTRY_COMPARE(model->rowCount(), 60);
    QTRY_COMPARE(model->data(model->index(49, CalculationListModel::DpuHoursColumn)).toString(), QLocale().toString(0.5, 'f', 3));
    QTRY_VERIFY(count(m_network->seen, u"ListCalculationExecutions"_s) >= 20);
    // The newest 50 rows, once each; the older ones are not asked for.
    QCOMPARE(count(m_network->seen, u"GetCalculationExecution"_s), 50);
    QCOMPARE(model->data(model->index(55, CalculationListModel::DpuHoursColumn)).toString(), QString());
}

void TestSessionInside::viewsSeeACurrentIndexDuringEverySignal()
{
    // Views look rows up by ID while the model's signals run (a removed current row moves the
    // selection at once): the ID index must be right at every signal.
    CalculationListModel model(m_clock.get());
    QItemSelectionModel selection(&model);
    int checks = 0;
    auto consistent = [&] {
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.rowOf(model.idAt(row)), row);
            ++checks;
        }
    };
    connect(&selection, &QItemSelectionModel::currentRowChanged, this, [&](const QModelIndex &current) {
        consistent();
        if (current.isValid())
            QVERIFY(model.find(model.idAt(current.row())));
    });
    connect(&model, &QAbstractItemModel::dataChanged, this, consistent);
    connect(&model, &QAbstractItemModel::rowsRemoved, this, consistent);
    connect(&model, &QAbstractItemModel::rowsMoved, this, consistent);
    connect(&model, &QAbstractItemModel::rowsInserted, this, consistent);
    model.setCalculations({calc(u"X"_s, CalculationState::Running), calc(u"A"_s, CalculationState::Completed),
                           calc(u"B"_s, CalculationState::Completed), calc(u"D"_s, CalculationState::Completed)});
    selection.setCurrentIndex(model.index(0, 0), QItemSelectionModel::ClearAndSelect);
    model.setCalculations({calc(u"D"_s, CalculationState::Completed)});
    QCOMPARE(model.rowCount(), 1);
    model.setCalculations({calc(u"A"_s, CalculationState::Running), calc(u"B"_s, CalculationState::Running),
                           calc(u"D"_s, CalculationState::Completed)});
    model.setCalculations({calc(u"D"_s, CalculationState::Failed), calc(u"A"_s, CalculationState::Completed),
                           calc(u"B"_s, CalculationState::Completed)});
    QCOMPARE(model.idAt(0), u"D"_s);
    QVERIFY(checks > 5);
    QCOMPARE(model.rowOf(u"X"_s), -1);
}

void TestSessionInside::anEndedSessionStopsWhateverWasWatchedBefore()
{
    // Executors watched while work ran (live workers seen), then the Calculations tab, then the
    // session ends: the stale executors must not keep the calculations polled forever.
    m_network->handler = [](const SeenRequest &r) {
        if (target(r) == u"ListExecutors"_s)
            return ok(json::toJson(ListExecutorsPage{u"s-1"_s, {executor(u"w"_s, ExecutorType::Worker, ExecutorState::Registered, 1, 1)}, {}}));
        return ok(QJsonObject{{u"Calculations"_s, QJsonArray{}}});
    };
    m_inside->setSession(u"s-1"_s, SessionState::Busy);
    m_inside->setWatched(SessionInside::Executors);
    QTRY_COMPARE(m_inside->executors()->liveCount(), 1);
    m_inside->setWatched(SessionInside::Calculations);
    m_inside->setSession(u"s-1"_s, SessionState::Terminated);
    QTRY_VERIFY(!m_inside->isPolling());
    QTRY_COMPARE(m_inside->nextDelayMs(0), -1);
    QCOMPARE(m_inside->nextDelayMs(5), -1); // not even after errors
}

void TestSessionInside::aSubmitIsAnsweredAfterASessionSwitch()
{
    m_network->handler = [](const SeenRequest &r) {
        if (target(r) == u"StartCalculationExecution"_s)
            return ok(QJsonObject{{u"CalculationExecutionId"_s, u"c-old"_s}, {u"State"_s, u"CREATING"_s}});
        return ok(QJsonObject{{u"Calculations"_s, QJsonArray{}}});
    };
    m_inside->setSession(u"s-1"_s, SessionState::Idle);
    QSignalSpy submitted(m_inside.get(), &SessionInside::submitted);
    m_inside->runCode(u"1"_s, {});
    m_inside->setSession(u"s-2"_s, SessionState::Idle);
    QTRY_COMPARE(submitted.size(), 1);
    QCOMPARE(m_inside->calculations()->rowCount(), 0); // s-2's list does not get s-1's calculation
    QVERIFY(m_inside->selectedCalculation().isEmpty());
}

void TestSessionInside::aTabOpenedDuringAPollIsFetchedRightAfter()
{
    m_inside->setIntervals({20, 60000, 400}); // steady: a minute, so only the catch-up can explain a fetch
    m_network->handler = [](const SeenRequest &r) {
        if (target(r) == u"ListExecutors"_s)
            return ok(QJsonObject{{u"SessionId"_s, u"s-1"_s}, {u"ExecutorsSummary"_s, QJsonArray{}}});
        return ok(QJsonObject{{u"Calculations"_s, QJsonArray{}}});
    };
    m_inside->setWatched(SessionInside::Calculations);
    m_inside->setSession(u"s-1"_s, SessionState::Idle); // ListCalculationExecutions now in flight
    m_inside->setWatched(SessionInside::Calculations | SessionInside::Executors);
    QCOMPARE(count(m_network->seen, u"ListExecutors"_s), 0); // one poll at a time
    QSignalSpy executors(m_inside.get(), &SessionInside::executorsRefreshed);
    QVERIFY(executors.wait(5000)); // right after the poll in flight, not a minute later
    QCOMPARE(count(m_network->seen, u"ListCalculationExecutions"_s), 2);
}

QTEST_GUILESS_MAIN(TestSessionInside)
#include "tst_sessioninside.moc"
