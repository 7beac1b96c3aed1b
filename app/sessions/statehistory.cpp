#include "sessions/statehistory.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

using namespace Qt::StringLiterals;

StateHistory::StateHistory(const aws::Clock *clock, QObject *parent) : QObject(parent), m_clock(clock)
{
    static QAtomicInteger<int> counter;
    m_connection = u"state-history-%1"_s.arg(counter.fetchAndAddRelaxed(1));
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &StateHistory::flushLogged);
}

StateHistory::~StateHistory()
{
    flushLogged();
    if (QSqlDatabase::contains(m_connection)) {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

QString StateHistory::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(u"state-history.sqlite"_s);
}

aws::Result<bool> StateHistory::open(const QString &path)
{
    const QString file = path.isEmpty() ? defaultPath() : path;
    if (file != u":memory:"_s)
        QDir().mkpath(QFileInfo(file).absolutePath());
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    db.setDatabaseName(file);
    // The history is written on the GUI thread: never wait long for another writer's lock (a
    // failed flush keeps its transitions for the next one).
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=250"_s);
    auto fail = [](const QString &what, const QSqlError &e) {
        return aws::AwsError::make(aws::AwsError::Kind::Config, u"HistoryError"_s, what + u": "_s + e.text());
    };
    if (!db.open())
        return fail(u"Cannot open %1"_s.arg(file), db.lastError());
    QSqlQuery q(db);
    for (const QString &sql : {u"PRAGMA journal_mode=WAL"_s,
                               u"CREATE TABLE IF NOT EXISTS transitions(id INTEGER PRIMARY KEY AUTOINCREMENT, "
                               u"session_id TEXT NOT NULL, work_group TEXT, from_state TEXT, to_state TEXT NOT NULL, at_ms INTEGER NOT NULL)"_s,
                               u"CREATE INDEX IF NOT EXISTS transitions_session ON transitions(session_id, at_ms)"_s}) {
        if (!q.exec(sql))
            return fail(u"Cannot prepare %1"_s.arg(file), q.lastError());
    }
    m_open = true;
    return true;
}

void StateHistory::record(const QString &sessionId, const QString &workGroup, std::optional<athena::SessionState> from,
                          athena::SessionState to, const QDateTime &at)
{
    if (from == to)
        return;
    m_pending.append(Transition{sessionId, workGroup, from, to, at.isValid() ? at.toUTC() : m_clock->nowUtc()});
    if (!m_flushTimer.isActive())
        m_flushTimer.start(0);
    Q_EMIT recorded(sessionId);
}

aws::Result<int> StateHistory::flush()
{
    if (m_pending.isEmpty() || !m_open)
        return 0;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    auto fail = [&](const QString &what, const QSqlError &e) -> aws::Result<int> {
        db.rollback();
        if (m_pending.size() > maxPending)
            m_pending.erase(m_pending.begin(), m_pending.begin() + (m_pending.size() - maxPending));
        return aws::AwsError::make(aws::AwsError::Kind::Config, u"HistoryError"_s, what + u": "_s + e.text());
    };
    if (!db.transaction())
        return fail(u"Cannot begin writing the state history"_s, db.lastError());
    // Prepared once per flush: the last recorded state of a session, and the insert.
    QSqlQuery last(db);
    QSqlQuery insert(db);
    if (!last.prepare(u"SELECT to_state FROM transitions WHERE session_id = ? ORDER BY id DESC LIMIT 1"_s))
        return fail(u"Cannot read the state history"_s, last.lastError());
    if (!insert.prepare(u"INSERT INTO transitions(session_id, work_group, from_state, to_state, at_ms) VALUES(?, ?, ?, ?, ?)"_s))
        return fail(u"Cannot write the state history"_s, insert.lastError());
    int written = 0;
    for (const Transition &t : std::as_const(m_pending)) {
        // Skip a repeat of the last recorded state of the session (seen again by another path).
        last.bindValue(0, t.sessionId);
        if (!last.exec())
            return fail(u"Cannot read the state history"_s, last.lastError());
        const bool repeat = last.next() && last.value(0).toString() == athena::stateName(t.to);
        last.finish();
        if (repeat)
            continue;
        insert.bindValue(0, t.sessionId);
        insert.bindValue(1, t.workGroup);
        insert.bindValue(2, t.from ? athena::stateName(*t.from) : QString());
        insert.bindValue(3, athena::stateName(t.to));
        insert.bindValue(4, t.at.toMSecsSinceEpoch());
        if (!insert.exec())
            return fail(u"Cannot write the state history"_s, insert.lastError());
        ++written;
    }
    QSqlQuery trim(db);
    if (!trim.prepare(u"DELETE FROM transitions WHERE id <= (SELECT MAX(id) FROM transitions) - ?"_s))
        return fail(u"Cannot trim the state history"_s, trim.lastError());
    trim.bindValue(0, m_maxEntries);
    if (!trim.exec())
        return fail(u"Cannot trim the state history"_s, trim.lastError());
    if (!db.commit())
        return fail(u"Cannot write the state history"_s, db.lastError());
    m_pending.clear();
    return written;
}

void StateHistory::flushLogged()
{
    if (auto r = flush(); !r.ok())
        qWarning("State history: %s", qPrintable(r.error().message));
}

QList<StateHistory::Transition> StateHistory::timeline(const QString &sessionId)
{
    flushLogged();
    QList<Transition> out;
    if (!m_open)
        return out;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"SELECT work_group, from_state, to_state, at_ms FROM transitions WHERE session_id = ? ORDER BY at_ms, id"_s);
    q.bindValue(0, sessionId);
    if (!q.exec())
        return out;
    while (q.next()) {
        const auto to = athena::sessionStateFromString(q.value(2).toString());
        if (!to)
            continue;
        out.append(Transition{sessionId, q.value(0).toString(), athena::sessionStateFromString(q.value(1).toString()), *to,
                              QDateTime::fromMSecsSinceEpoch(q.value(3).toLongLong(), Qt::UTC)});
    }
    return out;
}

int StateHistory::size()
{
    flushLogged();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    return q.exec(u"SELECT COUNT(*) FROM transitions"_s) && q.next() ? q.value(0).toInt() : 0;
}
