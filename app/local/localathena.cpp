// LocalAthena: construction, dispatch, the views of a session, and the helpers its other source
// files share (localathenainternal.h).
#include "local/localathena.h"

#include "athena/athenajson.h"
#include "local/localathenainternal.h"

#include <QJsonDocument>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace athena;

namespace local {

namespace detail {

OperationResult error(int status, const QString &type, const QString &message, QJsonObject extra)
{
    extra.insert(u"__type"_s, type);
    extra.insert(u"Message"_s, message);
    return OperationResult{status, extra};
}

OperationResult invalid(const QString &message)
{
    return error(400, u"InvalidRequestException"_s, message, {{u"AthenaErrorCode"_s, u"INVALID_INPUT"_s}});
}

OperationResult notFound(const QString &message, const QString &resource)
{
    return error(400, u"ResourceNotFoundException"_s, message, {{u"ResourceName"_s, resource}});
}

OperationResult serialization(const aws::AwsError &e)
{
    return error(400, u"SerializationException"_s, e.message);
}

OperationResult fromIssues(const ValidationIssues &issues)
{
    return invalid(toError(issues).message);
}

OperationResult internalError(const aws::AwsError &e)
{
    return error(500, u"InternalServerException"_s, u"State could not be saved: %1"_s.arg(e.message));
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QDateTime fromMs(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime();
}

QString effectiveEngine(const QString &selected)
{
    return selected.isEmpty() || selected == u"AUTO"_s ? u"Athena engine version 3"_s : selected;
}

const QList<EngineVersion> &engineVersions()
{
    static const QList<EngineVersion> list = {
        {u"AUTO"_s, u"Athena engine version 3"_s},
        {u"Athena engine version 3"_s, u"Athena engine version 3"_s},
        {u"Athena engine version 2"_s, u"Athena engine version 2"_s},
        {u"PySpark engine version 3"_s, u"PySpark engine version 3"_s},
        {u"Apache Spark version 3.5"_s, u"Apache Spark version 3.5"_s},
    };
    return list;
}

QString sparkExecutionRole()
{
    return u"arn:aws:iam::%1:role/AthenaSparkLocalRole"_s.arg(QLatin1StringView(kAccount));
}

} // namespace detail

using namespace detail;

QJsonObject OperationResult::json() const
{
    return raw.isEmpty() ? body : QJsonDocument::fromJson(raw).object();
}

LocalAthena::LocalAthena(EngineOptions options, const aws::Clock *clock)
    : m_options(options),
      m_clock(clock),
      m_random(options.seed ? static_cast<quint32>(options.seed) : QRandomGenerator::global()->generate())
{
    if (m_options.timeScale <= 0)
        m_options.timeScale = 1.0;
}

LocalAthena::~LocalAthena() = default;

QStringList LocalAthena::operations()
{
    return {u"StartSession"_s,
            u"GetSession"_s,
            u"GetSessionStatus"_s,
            u"ListSessions"_s,
            u"TerminateSession"_s,
            u"GetSessionEndpoint"_s,
            u"ListWorkGroups"_s,
            u"GetWorkGroup"_s,
            u"CreateWorkGroup"_s,
            u"ListEngineVersions"_s,
            u"StartCalculationExecution"_s,
            u"GetCalculationExecution"_s,
            u"GetCalculationExecutionStatus"_s,
            u"GetCalculationExecutionCode"_s,
            u"StopCalculationExecution"_s,
            u"ListCalculationExecutions"_s,
            u"ListExecutors"_s};
}

qint64 LocalAthena::nowMs() const
{
    return m_clock->nowUtc().toMSecsSinceEpoch();
}

qint64 LocalAthena::scaled(qint64 simulatedMs) const
{
    return std::max<qint64>(1, static_cast<qint64>(static_cast<double>(simulatedMs) / m_options.timeScale));
}

OperationResult LocalAthena::call(const QString &operation, const QJsonObject &request)
{
    advance(nowMs());
    OperationResult result = dispatch(operation, request);
    // Whatever changed is on disk before the answer leaves; if it cannot be, nothing changed.
    if (auto r = flush(); !r.ok()) {
        rollback();
        return internalError(r.error());
    }
    return result;
}

OperationResult LocalAthena::dispatch(const QString &operation, const QJsonObject &request)
{
    if (operation == u"StartSession"_s)
        return startSession(request);
    if (operation == u"GetSession"_s)
        return getSession(request);
    if (operation == u"GetSessionStatus"_s)
        return getSessionStatus(request);
    if (operation == u"ListSessions"_s)
        return listSessions(request);
    if (operation == u"TerminateSession"_s)
        return terminateSession(request);
    if (operation == u"ListWorkGroups"_s)
        return listWorkGroups(request);
    if (operation == u"GetWorkGroup"_s)
        return getWorkGroup(request);
    if (operation == u"CreateWorkGroup"_s)
        return createWorkGroup(request);
    if (operation == u"ListEngineVersions"_s)
        return listEngineVersions(request);
    if (operation == u"StartCalculationExecution"_s)
        return startCalculation(request);
    if (operation == u"GetCalculationExecution"_s)
        return getCalculation(request);
    if (operation == u"ListCalculationExecutions"_s)
        return listCalculations(request);
    if (operation == u"GetCalculationExecutionStatus"_s)
        return getCalculationStatus(request);
    if (operation == u"GetCalculationExecutionCode"_s)
        return getCalculationCode(request);
    if (operation == u"StopCalculationExecution"_s)
        return stopCalculation(request);
    if (operation == u"ListExecutors"_s)
        return listExecutors(request);
    if (operation == u"GetSessionEndpoint"_s)
        return getSessionEndpoint(request);
    return error(400, u"UnknownOperationException"_s, u"Operation %1 is not supported by athena-local"_s.arg(operation));
}

LocalAthena::Session *LocalAthena::findSession(const QJsonObject &request, OperationResult &result)
{
    const QJsonValue idValue = request.value(u"SessionId"_s);
    if (!idValue.isUndefined() && !idValue.isString()) {
        result = error(400, u"SerializationException"_s, u"SessionId: expected a string"_s);
        return nullptr;
    }
    const QString id = idValue.toString();
    if (const ValidationIssues issues = validateSessionId(id); !issues.isEmpty()) {
        result = fromIssues(issues);
        return nullptr;
    }
    const auto s = m_sessions.value(id);
    if (!s) {
        result = notFound(u"Session %1 is not found."_s.arg(id), id);
        return nullptr;
    }
    return s.get();
}

SessionDetails LocalAthena::view(const Session &s, qint64 now) const
{
    SessionDetails d = s.d;
    d.dpuExecutionInMillis = dpuMillisAt(s, now);
    return d;
}

const QByteArray &LocalAthena::summaryJson(const Session &s, const EngineVersion &workGroupEngine) const
{
    if (s.summaryJson.isEmpty()) {
        SessionSummary summary;
        summary.sessionId = s.d.sessionId;
        summary.description = s.d.description;
        summary.engineVersion = EngineVersion{workGroupEngine.selected, s.d.engineVersion};
        summary.notebookVersion = s.d.notebookVersion;
        summary.status = s.d.status;
        s.summaryJson = QJsonDocument(json::toJson(summary)).toJson(QJsonDocument::Compact);
    }
    return s.summaryJson;
}

} // namespace local
