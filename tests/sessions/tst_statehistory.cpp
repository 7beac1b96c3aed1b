// StateHistory: recorded transitions per session, persisted, bounded, without repeats.
#include "sessions/sessiontablemodel.h"
#include "sessions/statehistory.h"

#include "aws/clock.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace athena;
using namespace Qt::StringLiterals;

class TestStateHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void recordsAndReadsATimeline();
    void survivesReopening();
    void isBounded();
    void skipsRepeats();
    void feedsFromTheModel();
    void defaultPathIsTheAppDataLocation();
    void aFailedWriteKeepsTheTransitions();
    void stampsWithTheInjectedClock();
};

void TestStateHistory::recordsAndReadsATimeline()
{
    StateHistory h;
    QVERIFY(h.open(u":memory:"_s).ok());
    const QDateTime t0(QDate(2026, 11, 21), QTime(9, 0), Qt::UTC);
    h.record(u"s"_s, u"wg"_s, std::nullopt, SessionState::Creating, t0);
    h.record(u"s"_s, u"wg"_s, SessionState::Creating, SessionState::Created, t0.addSecs(5));
    h.record(u"other"_s, u"wg"_s, std::nullopt, SessionState::Busy, t0.addSecs(6));
    h.record(u"s"_s, u"wg"_s, SessionState::Created, SessionState::Idle, t0.addSecs(7));
    const QList<StateHistory::Transition> t = h.timeline(u"s"_s);
    QCOMPARE(t.size(), 3);
    QVERIFY(!t.at(0).from);
    QVERIFY(t.at(2).to == SessionState::Idle);
    QVERIFY(t.at(2).from == SessionState::Created);
    QCOMPARE(t.at(2).at, t0.addSecs(7));
    QCOMPARE(t.at(1).workGroup, u"wg"_s);
}

void TestStateHistory::survivesReopening()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"h.sqlite"_s);
    {
        StateHistory h;
        QVERIFY(h.open(path).ok());
        h.record(u"s"_s, u"wg"_s, SessionState::Idle, SessionState::Busy, QDateTime::currentDateTimeUtc());
    } // flushed on destruction
    StateHistory h;
    QVERIFY(h.open(path).ok());
    QCOMPARE(h.timeline(u"s"_s).size(), 1);
}

void TestStateHistory::isBounded()
{
    StateHistory h;
    QVERIFY(h.open(u":memory:"_s).ok());
    h.setMaxEntries(100);
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < 500; ++i)
        h.record(u"s%1"_s.arg(i), u"wg"_s, std::nullopt, SessionState::Idle, t0.addSecs(i));
    QCOMPARE(h.size(), 100);
    QCOMPARE(h.timeline(u"s0"_s).size(), 0);   // the oldest went
    QCOMPARE(h.timeline(u"s499"_s).size(), 1); // the newest stayed
}

void TestStateHistory::skipsRepeats()
{
    StateHistory h;
    QVERIFY(h.open(u":memory:"_s).ok());
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    h.record(u"s"_s, u"wg"_s, SessionState::Creating, SessionState::Idle, t0);
    QCOMPARE(h.flush().value(), 1);
    h.record(u"s"_s, u"wg"_s, std::nullopt, SessionState::Idle, t0.addSecs(1)); // seen again by the poller
    h.record(u"s"_s, u"wg"_s, SessionState::Idle, SessionState::Idle, t0.addSecs(2));
    QCOMPARE(h.timeline(u"s"_s).size(), 1);
}

void TestStateHistory::feedsFromTheModel()
{
    StateHistory h;
    QVERIFY(h.open(u":memory:"_s).ok());
    SessionTableModel model;
    connect(&model, &SessionTableModel::sessionStateChanged, &h, &StateHistory::record);
    SessionSummary s;
    s.sessionId = u"m"_s;
    s.status.state = SessionState::Busy;
    model.beginPass(1);
    model.mergePage(1, u"wg"_s, {s});
    s.status.state = SessionState::Idle;
    model.mergePage(1, u"wg"_s, {s});
    const auto t = h.timeline(u"m"_s);
    QCOMPARE(t.size(), 1);
    QVERIFY(t.first().from == SessionState::Busy);
    QVERIFY(t.first().to == SessionState::Idle);
}

void TestStateHistory::defaultPathIsTheAppDataLocation()
{
    QVERIFY(StateHistory::defaultPath().startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
}

void TestStateHistory::aFailedWriteKeepsTheTransitions()
{
    // Another connection (another process, in life) holds the write lock: the flush fails as a
    // whole, says so, and keeps every pending transition for the next try.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"h.sqlite"_s);
    StateHistory h;
    QVERIFY(h.open(path).ok());
    {
        QSqlDatabase locker = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"locker"_s);
        locker.setDatabaseName(path);
        locker.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=0"_s);
        QVERIFY(locker.open());
        QSqlQuery lock(locker);
        QVERIFY(lock.exec(u"BEGIN EXCLUSIVE"_s));
        const QDateTime t0(QDate(2026, 11, 21), QTime(9, 0), Qt::UTC);
        h.record(u"a"_s, u"wg"_s, std::nullopt, SessionState::Creating, t0);
        h.record(u"a"_s, u"wg"_s, SessionState::Creating, SessionState::Idle, t0.addSecs(3));
        const aws::Result<int> written = h.flush();
        QVERIFY(!written.ok());
        QVERIFY(written.error().message.contains(u"state history"_s));
        QVERIFY(lock.exec(u"ROLLBACK"_s));
    }
    QSqlDatabase::removeDatabase(u"locker"_s);
    const aws::Result<int> retried = h.flush();
    QVERIFY2(retried.ok(), qPrintable(retried.ok() ? QString() : retried.error().message));
    QCOMPARE(retried.value(), 2);
    QCOMPARE(h.timeline(u"a"_s).size(), 2);
}

void TestStateHistory::stampsWithTheInjectedClock()
{
    const QDateTime t0(QDate(2030, 1, 2), QTime(3, 4, 5), Qt::UTC);
    aws::ManualClock clock(t0);
    StateHistory h(&clock);
    QVERIFY(h.open(u":memory:"_s).ok());
    h.record(u"s"_s, u"wg"_s, std::nullopt, SessionState::Idle, QDateTime()); // no time from the service
    QCOMPARE(h.timeline(u"s"_s).value(0).at, t0);
}

QTEST_GUILESS_MAIN(TestStateHistory)
#include "tst_statehistory.moc"
