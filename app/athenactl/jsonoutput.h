#pragma once

#include <QByteArray>
#include <QJsonValue>

#include "athena/athenatypes.h"

// Indented JSON as the AWS CLI prints it (4 spaces, "key": value, keys in order), written
// straight to UTF-8 bytes: several times faster than QJsonDocument::toJson for large listings.
namespace jsonoutput {

void append(QByteArray &out, const QJsonValue &value, int indent = 0);
// The same text as append(out, athena::json::toJson(summary), indent), written from the struct
// without building a QJsonObject: listings of many sessions spend their time here.
// With a workgroup (list-sessions --all-work-groups), a "WorkGroup" member after "Status".
void appendSummary(QByteArray &out, const athena::SessionSummary &summary, int indent, const QString &workGroup = {});
QByteArray indented(const QJsonValue &value);

} // namespace jsonoutput
