#pragma once

#include "athena/athenatypes.h"
#include "aws/result.h"

#include <QJsonObject>

// JSON codecs for the Athena API, both ways: the client encodes requests and decodes responses,
// the embedded endpoint decodes requests and encodes responses. Timestamps are epoch seconds
// (fractional allowed; ISO 8601 and HTTP dates are read too), unknown fields are ignored, missing
// optional fields stay empty, a state the API does not define is SessionState::Unknown in a
// response (its text kept) and an error in a request, and a wrong type is a decode error that
// names the field's path.
namespace athena::json {

QJsonObject toJson(const EngineConfiguration &v);
QJsonObject toJson(const EngineVersion &v);
QJsonObject toJson(const SessionStatus &v);
QJsonObject toJson(const MonitoringConfiguration &v);
QJsonObject toJson(const SessionConfiguration &v);
QJsonObject toJson(const SessionSummary &v);
QJsonObject toJson(const SessionDetails &v);        // GetSessionResponse
QJsonObject toJson(const SessionStatusResult &v);   // GetSessionStatusResponse
QJsonObject toJson(const StartSessionRequest &v);
QJsonObject toJson(const StartSessionResult &v);    // StartSessionResponse
QJsonObject toJson(const ListSessionsRequest &v);
QJsonObject toJson(const ListSessionsPage &v);      // ListSessionsResponse
QJsonObject toJson(const WorkGroupSummary &v);
QJsonObject toJson(const WorkGroupConfiguration &v);
QJsonObject toJson(const WorkGroup &v);             // the WorkGroup member of GetWorkGroupOutput
QJsonObject toJson(const ListWorkGroupsPage &v);    // ListWorkGroupsOutput
QJsonObject toJson(const ListEngineVersionsPage &v);
QJsonObject toJson(const CreateWorkGroupRequest &v);

// decode<T>(object) for every type above. Requests decode from a request body, the response
// types from a response body (GetWorkGroup: the "WorkGroup" member).
template <typename T>
aws::Result<T> decode(const QJsonObject &object);

// Epoch seconds, with milliseconds as the fraction.
double toEpochSeconds(const QDateTime &t);
QDateTime fromEpochSeconds(double seconds);

} // namespace athena::json
