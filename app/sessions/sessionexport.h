#pragma once

#include "athena/athenatypes.h"

#include <QAbstractItemModel>
#include <QByteArray>
#include <QList>

// Exports of the rows a user sees, in the order shown.
namespace sessionexport {

// RFC 4180 CSV of the model's displayed columns (header row first); `rows` are model rows.
QByteArray toCsv(const QAbstractItemModel &model, const QList<int> &rows);

struct Entry
{
    athena::SessionSummary summary;
    QString workGroup;
    std::optional<athena::SessionDetails> details;
};
// {"Sessions": [...]} with the API's field names (as ListSessions), plus WorkGroup, and the
// GetSession fields where the app has them.
QByteArray toJson(const QList<Entry> &entries);

} // namespace sessionexport
