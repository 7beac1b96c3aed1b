#include "local/localstore.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace local {

namespace {

QString tableName(LocalStore::Table t)
{
    switch (t) {
    case LocalStore::Table::WorkGroups: return u"workgroups"_s;
    case LocalStore::Table::Sessions: return u"sessions"_s;
    case LocalStore::Table::Calculations: return u"calculations"_s;
    }
    return {};
}

aws::AwsError storeError(const QString &what, const QSqlError &e)
{
    return aws::AwsError::make(aws::AwsError::Kind::Config, u"StoreError"_s, what + u": "_s + e.text());
}

} // namespace

LocalStore::LocalStore()
{
    static QAtomicInteger<int> counter;
    m_connection = u"athena-local-store-%1"_s.arg(counter.fetchAndAddRelaxed(1));
}

LocalStore::~LocalStore()
{
    close();
}

bool LocalStore::isOpen() const
{
    return QSqlDatabase::contains(m_connection) && QSqlDatabase::database(m_connection, false).isOpen();
}

aws::Result<bool> LocalStore::open(const QString &path, int busyTimeoutMs)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    db.setDatabaseName(path);
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(std::max(0, busyTimeoutMs)));
    if (!db.open())
        return storeError(u"Cannot open %1"_s.arg(path), db.lastError());
    QSqlQuery q(db);
    const QStringList setup = {
        u"PRAGMA journal_mode=WAL"_s,
        u"PRAGMA synchronous=FULL"_s,
        u"PRAGMA foreign_keys=ON"_s,
        u"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
        u"CREATE TABLE IF NOT EXISTS workgroups(id TEXT PRIMARY KEY, seq INTEGER NOT NULL, grp TEXT NOT NULL, data BLOB NOT NULL)"_s,
        u"CREATE TABLE IF NOT EXISTS sessions(id TEXT PRIMARY KEY, seq INTEGER NOT NULL, grp TEXT NOT NULL, data BLOB NOT NULL)"_s,
        u"CREATE TABLE IF NOT EXISTS calculations(id TEXT PRIMARY KEY, seq INTEGER NOT NULL, grp TEXT NOT NULL, data BLOB NOT NULL)"_s,
        u"CREATE INDEX IF NOT EXISTS sessions_grp ON sessions(grp, seq)"_s,
        u"CREATE INDEX IF NOT EXISTS calculations_grp ON calculations(grp, seq)"_s,
    };
    for (const QString &sql : setup) {
        if (!q.exec(sql))
            return storeError(u"Cannot prepare %1"_s.arg(path), q.lastError());
    }
    return true;
}

void LocalStore::close()
{
    if (!QSqlDatabase::contains(m_connection))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

aws::Result<QList<LocalStore::Row>> LocalStore::all(Table table) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT id, seq, grp, data FROM %1 ORDER BY seq"_s.arg(tableName(table))))
        return storeError(u"Cannot read %1"_s.arg(tableName(table)), q.lastError());
    QList<Row> rows;
    while (q.next())
        rows.append(Row{q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toByteArray()});
    return rows;
}

aws::Result<bool> LocalStore::write(const QList<Batch> &batches)
{
    qsizetype count = 0;
    for (const Batch &batch : batches)
        count += batch.rows.size();
    if (count == 0)
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const bool transaction = count > 1;
    if (transaction && !db.transaction())
        return storeError(u"Cannot begin a transaction"_s, db.lastError());
    auto fail = [&](const QString &what, const QSqlError &error) {
        aws::AwsError e = storeError(what, error);
        if (transaction && !db.rollback())
            e.message += u" (and the rollback failed: %1)"_s.arg(db.lastError().text());
        return e;
    };
    for (const Batch &batch : batches) {
        if (batch.rows.isEmpty())
            continue;
        QSqlQuery q(db);
        if (!q.prepare(u"INSERT INTO %1(id, seq, grp, data) VALUES(?, ?, ?, ?) "
                       u"ON CONFLICT(id) DO UPDATE SET seq=excluded.seq, grp=excluded.grp, data=excluded.data"_s.arg(tableName(batch.table))))
            return fail(u"Cannot write to %1"_s.arg(tableName(batch.table)), q.lastError());
        for (const Row &row : batch.rows) {
            q.bindValue(0, row.id);
            q.bindValue(1, row.seq);
            q.bindValue(2, row.group);
            q.bindValue(3, row.data);
            if (!q.exec())
                return fail(u"Cannot write to %1"_s.arg(tableName(batch.table)), q.lastError());
        }
    }
    if (transaction && !db.commit())
        return fail(u"Cannot commit"_s, db.lastError());
    return true;
}

aws::Result<QString> LocalStore::meta(const QString &key) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    if (!q.prepare(u"SELECT value FROM meta WHERE key = ?"_s))
        return storeError(u"Cannot read meta"_s, q.lastError());
    q.bindValue(0, key);
    if (!q.exec())
        return storeError(u"Cannot read meta"_s, q.lastError());
    return q.next() ? q.value(0).toString() : QString();
}

aws::Result<bool> LocalStore::setMeta(const QString &key, const QString &value)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.prepare(u"INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value"_s))
        return storeError(u"Cannot write meta"_s, q.lastError());
    q.bindValue(0, key);
    q.bindValue(1, value);
    if (!q.exec())
        return storeError(u"Cannot write meta"_s, q.lastError());
    return true;
}

QString LocalStore::integrityCheck() const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (q.exec(u"PRAGMA integrity_check"_s) && q.next())
        return q.value(0).toString();
    return q.lastError().text();
}

} // namespace local
