// AthenaClient: the operations inside a session — calculations, executors, the Spark Connect endpoint.
#include "athena/athenaclient.h"

#include "athena/calculationjson.h"
#include "athena/clientcalls.h"
#include "athena/validation.h"

using namespace Qt::StringLiterals;

namespace athena {

using detail::arrayLength;
using detail::fetchAll;
using detail::ListAll;

namespace {

QJsonObject byCalculationId(const QString &id)
{
    return QJsonObject{{u"CalculationExecutionId"_s, id}};
}

} // namespace

PendingCall AthenaClient::startCalculation(StartCalculationRequest request, QObject *context,
                                           Callback<StartCalculationResult> done)
{
    if (request.clientRequestToken.isEmpty())
        request.clientRequestToken = newClientRequestToken();
    const QString token = request.clientRequestToken;
    return invoke<StartCalculationResult>(u"StartCalculationExecution"_s, json::toJson(request), validate(request), context,
                                          std::move(done), [token](const QJsonObject &o) -> aws::Result<StartCalculationResult> {
                                              auto r = json::decode<StartCalculationResult>(o);
                                              if (!r.ok())
                                                  return r;
                                              StartCalculationResult v = r.value();
                                              v.clientRequestToken = token;
                                              return v;
                                          });
}

PendingCall AthenaClient::getCalculation(const QString &calculationId, QObject *context, Callback<CalculationExecution> done)
{
    return invoke<CalculationExecution>(u"GetCalculationExecution"_s, byCalculationId(calculationId),
                                        validateCalculationId(calculationId), context, std::move(done),
                                        &json::decode<CalculationExecution>);
}

PendingCall AthenaClient::getCalculationStatus(const QString &calculationId, QObject *context,
                                               Callback<CalculationStatusResult> done)
{
    return invoke<CalculationStatusResult>(u"GetCalculationExecutionStatus"_s, byCalculationId(calculationId),
                                           validateCalculationId(calculationId), context, std::move(done),
                                           &json::decode<CalculationStatusResult>);
}

PendingCall AthenaClient::getCalculationCode(const QString &calculationId, QObject *context, Callback<QString> done)
{
    return invoke<QString>(u"GetCalculationExecutionCode"_s, byCalculationId(calculationId),
                           validateCalculationId(calculationId), context, std::move(done), &json::decodeCodeBlock);
}

PendingCall AthenaClient::stopCalculation(const QString &calculationId, QObject *context, Callback<StopCalculationResult> done)
{
    return invoke<StopCalculationResult>(u"StopCalculationExecution"_s, byCalculationId(calculationId),
                                         validateCalculationId(calculationId), context, std::move(done),
                                         &json::decode<StopCalculationResult>);
}

PendingCall AthenaClient::listCalculations(const ListCalculationsRequest &request, QObject *context,
                                           Callback<ListCalculationsPage> done)
{
    return invoke<ListCalculationsPage>(
        u"ListCalculationExecutions"_s, json::toJson(request), validate(request), context, std::move(done),
        [asked = request.maxResults](const QJsonObject &o) -> aws::Result<ListCalculationsPage> {
            if (auto e = PageGuard::checkPageSize(u"ListCalculationExecutions"_s, u"calculations"_s, kListCalculationsPaging,
                                                  arrayLength(o, "Calculations"_L1), asked))
                return *e;
            return json::decode<ListCalculationsPage>(o);
        });
}

PendingCall AthenaClient::listExecutors(const ListExecutorsRequest &request, QObject *context, Callback<ListExecutorsPage> done)
{
    return invoke<ListExecutorsPage>(
        u"ListExecutors"_s, json::toJson(request), validate(request), context, std::move(done),
        [asked = request.maxResults](const QJsonObject &o) -> aws::Result<ListExecutorsPage> {
            if (auto e = PageGuard::checkPageSize(u"ListExecutors"_s, u"executors"_s, kListExecutorsPaging,
                                                  arrayLength(o, "ExecutorsSummary"_L1), asked))
                return *e;
            return json::decode<ListExecutorsPage>(o);
        });
}

PendingCall AthenaClient::getSessionEndpoint(const QString &sessionId, QObject *context, Callback<SessionEndpoint> done)
{
    return invoke<SessionEndpoint>(u"GetSessionEndpoint"_s, QJsonObject{{u"SessionId"_s, sessionId}},
                                   validateSessionId(sessionId), context, std::move(done), &json::decode<SessionEndpoint>);
}

void AthenaClient::listAllCalculations(ListCalculationsRequest request, QObject *context,
                                       const Callback<QList<CalculationSummary>> &done, const PagingLimits &limits)
{
    const QString start = request.nextToken;
    auto state = std::make_shared<ListAll<ListCalculationsPage, CalculationSummary>>(ListAll<ListCalculationsPage, CalculationSummary>{
        [client = QPointer(this), limits, request](const QString &token, QObject *c, Callback<ListCalculationsPage> page) mutable {
            request.maxResults = limits.apiPageItems;
            request.nextToken = token;
            return client ? client->listCalculations(request, c, std::move(page)) : PendingCall();
        },
        &ListCalculationsPage::calculations, done, PageGuard(u"ListCalculationExecutions"_s, u"calculations"_s, limits), {}});
    state->guard.begin(start);
    fetchAll(state, context, start);
}

void AthenaClient::listAllExecutors(ListExecutorsRequest request, QObject *context, const Callback<QList<ExecutorSummary>> &done,
                                    const PagingLimits &limits)
{
    const QString start = request.nextToken;
    auto state = std::make_shared<ListAll<ListExecutorsPage, ExecutorSummary>>(ListAll<ListExecutorsPage, ExecutorSummary>{
        [client = QPointer(this), limits, request](const QString &token, QObject *c, Callback<ListExecutorsPage> page) mutable {
            request.maxResults = limits.apiPageItems;
            request.nextToken = token;
            return client ? client->listExecutors(request, c, std::move(page)) : PendingCall();
        },
        &ListExecutorsPage::executors, done, PageGuard(u"ListExecutors"_s, u"executors"_s, limits), {}});
    state->guard.begin(start);
    fetchAll(state, context, start);
}

} // namespace athena
