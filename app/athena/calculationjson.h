#pragma once

#include "athena/calculationtypes.h"
#include "aws/result.h"

#include <QJsonObject>

// JSON codecs for the calculation, executor and session endpoint operations, both ways (the client
// encodes requests and decodes responses; the round trip is tested). The conventions are those of
// athenajson.h: Submission/CompletionDateTime are timestamps, executor Start/TerminationDateTime
// are epoch milliseconds (the model's Long), unknown fields are ignored, an enumeration value this
// client does not know is Unknown in a response (its text kept) and an error in a request.
namespace athena::json {

QJsonObject toJson(const CalculationStatus &v);
QJsonObject toJson(const CalculationSummary &v);
QJsonObject toJson(const CalculationExecution &v);      // GetCalculationExecutionResponse
QJsonObject toJson(const CalculationStatusResult &v);   // GetCalculationExecutionStatusResponse
QJsonObject toJson(const ListCalculationsRequest &v);
QJsonObject toJson(const ListCalculationsPage &v);      // ListCalculationExecutionsResponse
QJsonObject toJson(const StartCalculationRequest &v);
QJsonObject toJson(const StartCalculationResult &v);    // StartCalculationExecutionResponse
QJsonObject toJson(const StopCalculationResult &v);     // StopCalculationExecutionResponse
QJsonObject toJson(const ExecutorSummary &v);
QJsonObject toJson(const ListExecutorsRequest &v);
QJsonObject toJson(const ListExecutorsPage &v);         // ListExecutorsResponse
QJsonObject toJson(const SessionEndpoint &v);           // GetSessionEndpointResponse

// decode<T>(object) for every type above (declared in athenajson.h's template).
template <typename T>
aws::Result<T> decode(const QJsonObject &object);

// GetCalculationExecutionCode's CodeBlock.
aws::Result<QString> decodeCodeBlock(const QJsonObject &object);

} // namespace athena::json
