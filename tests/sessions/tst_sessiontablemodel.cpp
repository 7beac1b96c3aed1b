// SessionTableModel under QAbstractItemModelTester: batched inserts, targeted updates, removal
// only after a complete pass, raw sort values, the live idle column, observed state changes.
#include "sessions/sessiontablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace athena;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kNow(QDate(2026, 11, 21), QTime(9, 0), Qt::UTC);

SessionSummary summary(const QString &id, SessionState state, int startedMinutesAgo = 10)
{
    SessionSummary s;
    s.sessionId = id;
    s.description = u"desc "_s + id;
    s.engineVersion = EngineVersion{u"PySpark engine version 3"_s, u"PySpark engine version 3"_s};
    s.status.state = state;
    s.status.startDateTime = kNow.addSecs(-60 * startedMinutesAgo);
    s.status.lastModifiedDateTime = s.status.startDateTime;
    if (state == SessionState::Idle)
        s.status.idleSinceDateTime = kNow.addSecs(-90);
    return s;
}

} // namespace

class TestSessionTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void pageInsertsInOneBatch();
    void unchangedRefreshEmitsNothing();
    void changesEmitOnlyTheirColumns();
    void vanishedRowsGoOnlyAfterACompletePass();
    void stalePagesAreIgnored();
    void sortRoleIsRaw();
    void idleForIsLive();
    void detailsInsertAndRefine();
    void stateChangesAreReported();
    void clearResets();
    void olderSightingNeverWins();
    void missedRowsWaitForTheirConfirmation();
    void unknownStateIsShownAsItCameAndSortsLast();
    void timeLeftCostAndTotals();

private:
    std::unique_ptr<aws::ManualClock> m_clock;
    std::unique_ptr<SessionTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestSessionTableModel::init()
{
    m_clock = std::make_unique<aws::ManualClock>(kNow);
    m_model = std::make_unique<SessionTableModel>(m_clock.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestSessionTableModel::pageInsertsInOneBatch()
{
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->beginPass(1);
    QList<SessionSummary> page;
    for (int i = 0; i < 100; ++i)
        page << summary(u"s-%1"_s.arg(i), SessionState::Idle);
    m_model->mergePage(1, u"spark"_s, page);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 99);
    m_model->mergePage(1, u"spark"_s, {summary(u"s-100"_s, SessionState::Busy), summary(u"s-101"_s, SessionState::Busy)});
    QCOMPARE(inserted.size(), 2);
    m_model->endPass(1, true);
    QCOMPARE(m_model->rowCount(), 102);
    QCOMPARE(m_model->rowOf(u"s-100"_s), 100);
    QCOMPARE(m_model->data(m_model->index(5, SessionTableModel::WorkGroupColumn)).toString(), u"spark"_s);
    QCOMPARE(m_model->data(m_model->index(5, SessionTableModel::StateColumn)).toString(), u"IDLE"_s);
}

void TestSessionTableModel::unchangedRefreshEmitsNothing()
{
    QList<SessionSummary> page;
    for (int i = 0; i < 50; ++i)
        page << summary(u"s-%1"_s.arg(i), SessionState::Idle);
    m_model->beginPass(1);
    m_model->mergePage(1, u"spark"_s, page);
    m_model->endPass(1, true);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy layout(m_model.get(), &QAbstractItemModel::layoutChanged);
    m_model->beginPass(2);
    m_model->mergePage(2, u"spark"_s, page);
    m_model->endPass(2, true);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(layout.size(), 0);
}

void TestSessionTableModel::changesEmitOnlyTheirColumns()
{
    m_model->beginPass(1);
    m_model->mergePage(1, u"spark"_s, {summary(u"a"_s, SessionState::Busy), summary(u"b"_s, SessionState::Busy)});
    m_model->endPass(1, true);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    SessionSummary b = summary(u"b"_s, SessionState::Busy);
    b.description = u"renamed"_s;
    m_model->beginPass(2);
    m_model->mergePage(2, u"spark"_s, {summary(u"a"_s, SessionState::Busy), b});
    QCOMPARE(changed.size(), 1);
    const QModelIndex tl = changed.first().at(0).toModelIndex();
    const QModelIndex br = changed.first().at(1).toModelIndex();
    QCOMPARE(tl.row(), 1);
    QCOMPARE(br.row(), 1);
    QCOMPARE(tl.column(), int(SessionTableModel::DescriptionColumn));
    QCOMPARE(br.column(), int(SessionTableModel::DescriptionColumn));

    changed.clear();
    SessionSummary a = summary(u"a"_s, SessionState::Idle);
    a.status.lastModifiedDateTime = kNow;
    m_model->mergePage(2, u"spark"_s, {a});
    // State, Idle for and Last modified changed: two runs of adjacent columns.
    QList<std::pair<int, int>> runs;
    for (const QList<QVariant> &args : std::as_const(changed))
        runs << std::pair{args.at(0).toModelIndex().column(), args.at(1).toModelIndex().column()};
    QCOMPARE(runs, (QList<std::pair<int, int>>{{SessionTableModel::StateColumn, SessionTableModel::StateColumn},
                                               {SessionTableModel::IdleForColumn, SessionTableModel::LastModifiedColumn}}));
}

void TestSessionTableModel::vanishedRowsGoOnlyAfterACompletePass()
{
    m_model->beginPass(1);
    m_model->mergePage(1, u"spark"_s, {summary(u"a"_s, SessionState::Idle), summary(u"b"_s, SessionState::Idle),
                                       summary(u"c"_s, SessionState::Idle), summary(u"d"_s, SessionState::Idle)});
    m_model->endPass(1, true);
    m_model->beginPass(2);
    m_model->mergePage(2, u"spark"_s, {summary(u"a"_s, SessionState::Idle)});
    QCOMPARE(m_model->rowCount(), 4); // still there mid-pass
    m_model->endPass(2, false);
    QCOMPARE(m_model->rowCount(), 4); // an incomplete pass removes nothing
    m_model->beginPass(3);
    m_model->mergePage(3, u"spark"_s, {summary(u"a"_s, SessionState::Idle), summary(u"c"_s, SessionState::Idle)});
    m_model->endPass(3, true);
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->sessionIdAt(0), u"a"_s);
    QCOMPARE(m_model->sessionIdAt(1), u"c"_s);
    QCOMPARE(m_model->rowOf(u"c"_s), 1);
    QCOMPARE(m_model->rowOf(u"b"_s), -1);
}

void TestSessionTableModel::stalePagesAreIgnored()
{
    m_model->beginPass(1);
    m_model->beginPass(2);
    m_model->mergePage(1, u"old"_s, {summary(u"late"_s, SessionState::Idle)});
    QCOMPARE(m_model->rowCount(), 0);
    m_model->endPass(1, true);
    m_model->mergePage(2, u"new"_s, {summary(u"x"_s, SessionState::Idle)});
    QCOMPARE(m_model->rowCount(), 1);
}

void TestSessionTableModel::sortRoleIsRaw()
{
    m_model->beginPass(1);
    m_model->mergePage(1, u"spark"_s, {summary(u"old"_s, SessionState::Idle, 600), summary(u"new"_s, SessionState::Busy, 5)});
    const QVariant older = m_model->data(m_model->index(0, SessionTableModel::StartedColumn), SessionTableModel::SortRole);
    const QVariant newer = m_model->data(m_model->index(1, SessionTableModel::StartedColumn), SessionTableModel::SortRole);
    QCOMPARE(older.typeId(), QMetaType::LongLong);
    QVERIFY(older.toLongLong() < newer.toLongLong());
    QCOMPARE(m_model->data(m_model->index(0, 0), SessionTableModel::StateRole).toInt(), int(SessionState::Idle));
    QCOMPARE(m_model->data(m_model->index(1, 0), SessionTableModel::SessionIdRole).toString(), u"new"_s);
    QCOMPARE(m_model->data(m_model->index(0, SessionTableModel::IdleForColumn), SessionTableModel::SortRole).toLongLong(), 90000);
    QCOMPARE(m_model->data(m_model->index(1, SessionTableModel::IdleForColumn), SessionTableModel::SortRole).toLongLong(), 0);
}

void TestSessionTableModel::idleForIsLive()
{
    m_model->beginPass(1);
    m_model->mergePage(1, u"spark"_s, {summary(u"idle"_s, SessionState::Idle), summary(u"busy"_s, SessionState::Busy)});
    const QModelIndex idle = m_model->index(0, SessionTableModel::IdleForColumn);
    QCOMPARE(m_model->data(idle).toString(), u"1 min"_s);
    QCOMPARE(m_model->data(m_model->index(1, SessionTableModel::IdleForColumn)).toString(), u"busy 10 min"_s);
    m_model->upsertDetails([] { // busy: no longer in the way of the idle row's signals below
        SessionDetails d;
        d.sessionId = u"busy"_s;
        d.status.state = SessionState::Terminated;
        return d;
    }());
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->tick();
    QCOMPARE(changed.size(), 0); // still "1 min"
    m_clock->advanceMs(60000);
    m_model->tick();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex(), idle);
    QCOMPARE(m_model->data(idle).toString(), u"2 min"_s);
    m_clock->advanceMs(3 * 3600 * 1000);
    m_model->tick();
    QCOMPARE(m_model->data(idle).toString(), u"3 h 2 min"_s);
    changed.clear();
    m_model->tick(); // nothing can change before the next minute
    QCOMPARE(changed.size(), 0);
    QCOMPARE(SessionTableModel::formatDuration(5), u"5 s"_s);
    QCOMPARE(SessionTableModel::formatDuration(3 * 86400 + 7200), u"3 d 2 h"_s);
}

void TestSessionTableModel::detailsInsertAndRefine()
{
    SessionDetails d;
    d.sessionId = u"started"_s;
    d.workGroup = u"spark-etl"_s;
    d.engineVersion = u"PySpark engine version 3"_s;
    d.status.state = SessionState::Creating;
    d.status.startDateTime = kNow;
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->upsertDetails(d);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(m_model->data(m_model->index(0, SessionTableModel::WorkGroupColumn)).toString(), u"spark-etl"_s);
    QCOMPARE(m_model->data(m_model->index(0, SessionTableModel::DpuHoursColumn)).toString(), QString());
    d.status.state = SessionState::Idle;
    d.dpuExecutionInMillis = 5400000;
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->upsertDetails(d);
    QCOMPARE(m_model->rowCount(), 1);
    QVERIFY(!changed.isEmpty());
    QCOMPARE(m_model->data(m_model->index(0, SessionTableModel::DpuHoursColumn), SessionTableModel::SortRole).toDouble(), 1.5);
    QVERIFY(m_model->detailsOf(u"started"_s).has_value());
    // A later listing pass keeps the row (it is seen) and its details.
    m_model->beginPass(5);
    SessionSummary s = d.summary();
    m_model->mergePage(5, u"spark-etl"_s, {s});
    m_model->endPass(5, true);
    QCOMPARE(m_model->rowCount(), 1);
    QVERIFY(m_model->detailsOf(u"started"_s).has_value());
}

void TestSessionTableModel::stateChangesAreReported()
{
    QSignalSpy states(m_model.get(), &SessionTableModel::sessionStateChanged);
    m_model->beginPass(1);
    m_model->mergePage(1, u"spark"_s, {summary(u"a"_s, SessionState::Busy)});
    QCOMPARE(states.size(), 0); // a first sighting from a listing is not a change
    SessionSummary a = summary(u"a"_s, SessionState::Idle);
    a.status.lastModifiedDateTime = kNow.addSecs(-5);
    m_model->mergePage(1, u"spark"_s, {a});
    QCOMPARE(states.size(), 1);
    QCOMPARE(states.first().at(0).toString(), u"a"_s);
    QCOMPARE(states.first().at(1).toString(), u"spark"_s);
    QVERIFY(states.first().at(2).value<std::optional<SessionState>>() == SessionState::Busy);
    QVERIFY(states.first().at(3).value<SessionState>() == SessionState::Idle);
    QCOMPARE(states.first().at(4).toDateTime(), kNow.addSecs(-5));
}

void TestSessionTableModel::olderSightingNeverWins()
{
    // Two chains of one pass saw the session before and after it went BUSY; the older page came last.
    SessionSummary busy = summary(u"a"_s, SessionState::Busy);
    busy.status.lastModifiedDateTime = kNow;
    SessionSummary idle = summary(u"a"_s, SessionState::Idle);
    idle.status.lastModifiedDateTime = kNow.addSecs(-30);
    QSignalSpy states(m_model.get(), &SessionTableModel::sessionStateChanged);
    m_model->beginPass(1);
    m_model->mergePage(1, u"spark"_s, {busy});
    m_model->mergePage(1, u"spark"_s, {idle});
    m_model->endPass(1, true);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->summaryAt(0).status.state, SessionState::Busy);
    QCOMPARE(states.size(), 0); // no flicker BUSY → IDLE
    // Without times (a service that sends none), the latest page wins as before.
    idle.status.lastModifiedDateTime = {};
    m_model->beginPass(2);
    m_model->mergePage(2, u"spark"_s, {idle});
    QCOMPARE(m_model->summaryAt(0).status.state, SessionState::Idle);
}

void TestSessionTableModel::missedRowsWaitForTheirConfirmation()
{
    m_model->setPassesBeforeRemoval(2);
    m_model->beginPass(1);
    m_model->mergePage(1, u"spark"_s, {summary(u"a"_s, SessionState::Idle), summary(u"b"_s, SessionState::Idle),
                                       summary(u"c"_s, SessionState::Idle)});
    QVERIFY(m_model->endPass(1, true).isEmpty());
    m_model->beginPass(2);
    m_model->mergePage(2, u"spark"_s, {summary(u"a"_s, SessionState::Idle)});
    QCOMPARE(m_model->endPass(2, true), (QStringList{u"b"_s, u"c"_s})); // kept, to be confirmed
    QCOMPARE(m_model->rowCount(), 3);
    m_model->markSeen(u"b"_s);        // confirmed there
    QVERIFY(m_model->removeSession(u"c"_s)); // confirmed gone
    QVERIFY(!m_model->removeSession(u"c"_s));
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->rowOf(u"a"_s), 0);
    QCOMPARE(m_model->rowOf(u"b"_s), 1);
    // Missed by two complete passes in a row: gone without asking; an incomplete pass counts nothing.
    m_model->beginPass(3);
    QCOMPARE(m_model->endPass(3, true), (QStringList{u"a"_s, u"b"_s}));
    m_model->beginPass(4);
    QVERIFY(m_model->endPass(4, false).isEmpty());
    m_model->beginPass(5);
    m_model->mergePage(5, u"spark"_s, {summary(u"b"_s, SessionState::Idle)});
    QVERIFY(m_model->endPass(5, true).isEmpty());
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->sessionIdAt(0), u"b"_s);
}

void TestSessionTableModel::clearResets()
{
    m_model->beginPass(1);
    m_model->mergePage(1, u"spark"_s, {summary(u"a"_s, SessionState::Busy)});
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->clear();
    QCOMPARE(reset.size(), 1);
    QCOMPARE(m_model->rowCount(), 0);
    m_model->mergePage(1, u"spark"_s, {summary(u"late"_s, SessionState::Busy)});
    QCOMPARE(m_model->rowCount(), 0); // the pass closed with the reset
}

void TestSessionTableModel::unknownStateIsShownAsItCameAndSortsLast()
{
    // A state the service added later: shown with its own text, sorted after every known state.
    SessionSummary future = summary(u"future"_s, SessionState::Unknown);
    future.status.stateText = u"HIBERNATING"_s;
    m_model->beginPass(1);
    m_model->mergePage(1, u"spark"_s, {summary(u"failed"_s, SessionState::Failed), future, summary(u"idle"_s, SessionState::Idle)});
    m_model->endPass(1, true);
    const int row = m_model->rowOf(u"future"_s);
    QCOMPARE(m_model->data(m_model->index(row, SessionTableModel::StateColumn)).toString(), u"HIBERNATING"_s);
    const auto sortKey = [this](const QString &id) {
        return m_model->data(m_model->index(m_model->rowOf(id), SessionTableModel::StateColumn), SessionTableModel::SortRole).toInt();
    };
    QVERIFY(sortKey(u"future"_s) > sortKey(u"failed"_s));
    QVERIFY(sortKey(u"future"_s) > sortKey(u"idle"_s));
    // It changes to a known state in place.
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->beginPass(2);
    m_model->mergePage(2, u"spark"_s, {summary(u"future"_s, SessionState::Idle)});
    QCOMPARE(m_model->data(m_model->index(row, SessionTableModel::StateColumn)).toString(), u"IDLE"_s);
    QVERIFY(!changed.isEmpty());
}

void TestSessionTableModel::timeLeftCostAndTotals()
{
    m_model->beginPass(1);
    m_model->mergePage(1, u"spark"_s, {summary(u"idle"_s, SessionState::Idle), summary(u"busy"_s, SessionState::Busy)});
    m_model->endPass(1, true);
    const QModelIndex left = m_model->index(m_model->rowOf(u"idle"_s), SessionTableModel::TimeLeftColumn);
    QCOMPARE(left.data().toString(), QString()); // the idle timeout is not known before GetSession
    // GetSession tells the timeout (20 min) and the DPU time.
    SessionDetails d;
    d.sessionId = u"idle"_s;
    d.workGroup = u"spark"_s;
    d.status = summary(u"idle"_s, SessionState::Idle).status;
    d.sessionConfiguration.idleTimeoutSeconds = 20 * 60;
    d.dpuExecutionInMillis = 2 * 3600 * 1000;
    m_model->upsertDetails(d);
    QCOMPARE(left.data().toString(), u"19 min"_s); // idle 90 s of 20 min: 18.5 min left, rounded up
    QVERIFY(!left.data(SessionTableModel::UrgentRole).toBool());
    QCOMPARE(m_model->index(left.row(), SessionTableModel::DpuHoursColumn).data().toString(), u"2.00"_s);
    QCOMPARE(m_model->index(left.row(), SessionTableModel::CostColumn).data().toString(), u"$0.70"_s);
    m_model->setDpuHourPrice(0.5);
    QCOMPARE(m_model->index(left.row(), SessionTableModel::CostColumn).data().toString(), u"$1.00"_s);
    // Near the end: a warning; past it: due.
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_clock->advanceMs(14 * 60 * 1000);
    m_model->tick();
    QVERIFY(!changed.isEmpty());
    QCOMPARE(left.data().toString(), u"5 min"_s);
    QVERIFY(left.data(SessionTableModel::UrgentRole).toBool());
    m_clock->advanceMs(5 * 60 * 1000);
    m_model->tick();
    QCOMPARE(left.data().toString(), u"due now"_s);
    // Totals: the known rows' DPU-hours, and how many of the rows are known.
    const SessionTableModel::Totals t = m_model->totals({0, 1});
    QCOMPARE(t.rows, 2);
    QCOMPARE(t.known, 1);
    QCOMPARE(t.dpuHours, 2.0);
    // Sorting by time left: soonest first, rows without a deadline last.
    QVERIFY(left.data(SessionTableModel::SortRole).toLongLong()
            < m_model->index(m_model->rowOf(u"busy"_s), SessionTableModel::TimeLeftColumn).data(SessionTableModel::SortRole).toLongLong());
}

QTEST_GUILESS_MAIN(TestSessionTableModel)
#include "tst_sessiontablemodel.moc"
