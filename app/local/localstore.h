#pragma once

#include "aws/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace local {

// Durable state of the local endpoint in SQLite (Qt Sql): one table per kind of record, each
// row an id, an ordering number, a group and the record as JSON. WAL journal and
// synchronous=FULL: a committed write is on disk before the call returns. ":memory:" for tests.
// A store belongs to the thread that opened it.
class LocalStore
{
public:
    enum class Table { WorkGroups, Sessions, Calculations };
    struct Row
    {
        QString id;
        qint64 seq = 0;
        QString group;
        QByteArray data;
    };

    LocalStore();
    ~LocalStore();
    LocalStore(const LocalStore &) = delete;
    LocalStore &operator=(const LocalStore &) = delete;

    // Rows for one table, as written by write().
    struct Batch
    {
        Table table;
        QList<Row> rows;
    };

    // busyTimeoutMs: how long a statement waits for another connection's lock before failing.
    aws::Result<bool> open(const QString &path, int busyTimeoutMs = 5000);
    void close();
    bool isOpen() const;

    aws::Result<QList<Row>> all(Table table) const;
    // Inserts or replaces every row of every batch in one transaction: all of them or none.
    aws::Result<bool> write(const QList<Batch> &batches);
    // The value, or "" when the key is not set.
    aws::Result<QString> meta(const QString &key) const;
    aws::Result<bool> setMeta(const QString &key, const QString &value);
    // "ok" when SQLite's integrity check passes.
    QString integrityCheck() const;

private:
    QString m_connection;
};

} // namespace local
