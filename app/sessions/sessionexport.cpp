#include "sessions/sessionexport.h"

#include "athena/athenajson.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace sessionexport {

namespace {

QByteArray csvField(const QString &text)
{
    QString t = text;
    // A leading =, +, - or @ would make a spreadsheet run the cell as a formula.
    if (!t.isEmpty() && (t.front() == u'=' || t.front() == u'+' || t.front() == u'-' || t.front() == u'@'))
        t.prepend(u'\'');
    if (t.contains(u',') || t.contains(u'"') || t.contains(u'\n') || t.contains(u'\r'))
        return '"' + t.replace(u"\""_s, u"\"\""_s).toUtf8() + '"';
    return t.toUtf8();
}

} // namespace

QByteArray toCsv(const QAbstractItemModel &model, const QList<int> &rows)
{
    QByteArray out;
    const int columns = model.columnCount();
    for (int c = 0; c < columns; ++c)
        out += (c ? "," : "") + csvField(model.headerData(c, Qt::Horizontal).toString());
    out += "\r\n";
    for (int r : rows) {
        for (int c = 0; c < columns; ++c)
            out += (c ? "," : "") + csvField(model.index(r, c).data().toString());
        out += "\r\n";
    }
    return out;
}

QByteArray toJson(const QList<Entry> &entries)
{
    QJsonArray sessions;
    for (const Entry &e : entries) {
        QJsonObject o = e.details ? athena::json::toJson(*e.details) : athena::json::toJson(e.summary);
        if (e.details && !e.summary.engineVersion.isEmpty())
            o.insert(u"EngineVersion"_s, athena::json::toJson(e.summary.engineVersion));
        o.insert(u"WorkGroup"_s, e.workGroup);
        sessions.append(o);
    }
    return QJsonDocument(QJsonObject{{u"Sessions"_s, sessions}}).toJson(QJsonDocument::Indented);
}

} // namespace sessionexport
