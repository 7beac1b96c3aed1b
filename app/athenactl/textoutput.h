#pragma once

#include "athena/athenatypes.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <utility>

// athenactl's --output table: aligned columns, "Key: value" pairs, local times.
namespace textoutput {

QString timeText(const QDateTime &t);
void printTable(QTextStream &out, const QStringList &headers, const QList<QStringList> &rows);
// Pairs with an empty value are left out.
void printPairs(QTextStream &out, const QList<std::pair<QString, QString>> &pairs);
QString mapText(const athena::StringMap &m);

} // namespace textoutput
