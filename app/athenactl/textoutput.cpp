// Plain-text output of athenactl (--output table).
#include "athenactl/textoutput.h"

using namespace Qt::StringLiterals;

namespace textoutput {

QString timeText(const QDateTime &t)
{
    return t.isValid() ? t.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s) : QString();
}

void printTable(QTextStream &out, const QStringList &headers, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QString &h : headers)
        widths << h.size();
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], std::min<qsizetype>(row[i].size(), 60));
    }
    auto line = [&](const QStringList &cells) {
        QString text;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            QString cell = cells[i];
            cell.replace(u'\n', u' ');
            if (cell.size() > 60)
                cell = cell.left(59) + u'…';
            text += (i ? u"  "_s : QString()) + cell.leftJustified(widths[i]);
        }
        out << text.trimmed() << '\n';
    };
    line(headers);
    QStringList rule;
    for (qsizetype w : widths)
        rule << QString(w, u'-');
    line(rule);
    for (const QStringList &row : rows)
        line(row);
}

void printPairs(QTextStream &out, const QList<std::pair<QString, QString>> &pairs)
{
    qsizetype width = 0;
    for (const auto &[k, v] : pairs)
        width = std::max(width, k.size());
    for (const auto &[k, v] : pairs) {
        if (!v.isEmpty())
            out << QString(k + u':').leftJustified(width + 2) << v << '\n';
    }
}

QString mapText(const athena::StringMap &m)
{
    QStringList parts;
    for (auto it = m.begin(); it != m.end(); ++it)
        parts << it.key() + u'=' + it.value();
    return parts.join(u", "_s);
}

} // namespace textoutput
