// LocalAthena: the calculation operations (StartCalculationExecution, GetCalculationExecution,
// ListCalculationExecutions). A session runs one calculation at a time and is BUSY meanwhile.
#include "local/localathena.h"

#include "local/localathenainternal.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;
using namespace athena;

namespace local {

using namespace detail;

namespace {

QJsonObject calculationStatus(const QString &state, qint64 submitted, qint64 completed, const QString &reason)
{
    QJsonObject status{{u"State"_s, state}, {u"SubmissionDateTime"_s, static_cast<double>(submitted) / 1000.0}};
    if (completed > 0)
        status.insert(u"CompletionDateTime"_s, static_cast<double>(completed) / 1000.0);
    if (!reason.isEmpty())
        status.insert(u"StateChangeReason"_s, reason);
    return status;
}

} // namespace

OperationResult LocalAthena::startCalculation(const QJsonObject &request)
{
    OperationResult result;
    Session *s = findSession(request, result);
    if (!s)
        return result;
    const QJsonValue codeValue = request.value(u"CodeBlock"_s);
    const QJsonValue configValue = request.value(u"CalculationConfiguration"_s);
    const QJsonValue descriptionValue = request.value(u"Description"_s);
    if ((!codeValue.isUndefined() && !codeValue.isString()) || (!configValue.isUndefined() && !configValue.isObject())
        || (!descriptionValue.isUndefined() && !descriptionValue.isString()))
        return error(400, u"SerializationException"_s, u"CodeBlock and Description must be strings"_s);
    const QString code = codeValue.isString() ? codeValue.toString() : configValue.toObject().value(u"CodeBlock"_s).toString();
    if (code.isEmpty())
        return invalid(u"Either CodeBlock or CalculationConfiguration.CodeBlock is required"_s);
    if (code.size() > 68000)
        return invalid(u"CodeBlock must be at most 68000 characters"_s);
    if (descriptionValue.toString().size() > 1024)
        return invalid(u"Description must be at most 1024 characters"_s);
    if (s->state() == SessionState::Busy)
        return invalid(u"Session %1 is busy: it runs one calculation at a time."_s.arg(s->d.sessionId));
    if (s->state() != SessionState::Idle)
        return invalid(u"Session %1 is %2: calculations need an IDLE session."_s.arg(s->d.sessionId, stateName(s->state())));

    // A code block that sleeps (time.sleep(N)) runs N simulated seconds, anything else the default.
    qint64 runMs = m_options.calculationMs;
    static const QRegularExpression sleepCall(u"sleep\\((\\d+(?:\\.\\d+)?)\\)"_s);
    if (const QRegularExpressionMatch m = sleepCall.match(code); m.hasMatch())
        runMs = static_cast<qint64>(m.captured(1).toDouble() * 1000.0);

    const qint64 now = nowMs();
    auto c = std::make_shared<Calculation>();
    c->id = newId();
    c->sessionId = s->d.sessionId;
    c->description = descriptionValue.toString();
    c->state = u"RUNNING"_s;
    c->seq = ++m_seq;
    c->submittedMs = now;
    c->workingDirectory = s->d.sessionConfiguration.workingDirectory;
    const QString id = c->id;
    insertCalculation(std::move(c));

    markDirty(*s);
    accrue(*s, now);
    s->d.status.state = SessionState::Busy;
    s->d.status.lastModifiedDateTime = fromMs(now);
    s->d.status.stateChangeReason.clear();
    s->runningCalculation = id;
    schedule(*s, now + scaled(runMs), CalculationDone);
    return OperationResult{200, QJsonObject{{u"CalculationExecutionId"_s, id}, {u"State"_s, u"CREATING"_s}}};
}

OperationResult LocalAthena::getCalculation(const QJsonObject &request)
{
    const QJsonValue idValue = request.value(u"CalculationExecutionId"_s);
    if (!idValue.isString() || idValue.toString().isEmpty() || idValue.toString().size() > 36)
        return invalid(u"CalculationExecutionId must be 1 to 36 characters"_s);
    const auto c = m_calculations.value(idValue.toString());
    if (!c)
        return notFound(u"Calculation %1 is not found."_s.arg(idValue.toString()), idValue.toString());
    const auto s = m_sessions.value(c->sessionId);
    const qint64 now = nowMs();
    const qint64 dpuMs = c->state == u"RUNNING"_s && s ? dpusInUse(SessionState::Busy, s->maxDpus()) * (now - c->submittedMs) : c->dpuMs;
    QJsonObject o{{u"CalculationExecutionId"_s, c->id},
                  {u"SessionId"_s, c->sessionId},
                  {u"WorkingDirectory"_s, c->workingDirectory},
                  {u"Status"_s, calculationStatus(c->state, c->submittedMs, c->completedMs, c->reason)},
                  {u"Statistics"_s, QJsonObject{{u"DpuExecutionInMillis"_s, dpuMs}}}};
    if (!c->description.isEmpty())
        o.insert(u"Description"_s, c->description);
    if (c->state == u"COMPLETED"_s)
        o.insert(u"Result"_s, QJsonObject{{u"StdOutS3Uri"_s, QString(c->workingDirectory + c->id + u"/stdout.txt"_s)},
                                          {u"StdErrorS3Uri"_s, QString(c->workingDirectory + c->id + u"/stderr.txt"_s)},
                                          {u"ResultS3Uri"_s, QString(c->workingDirectory + c->id + u"/result.json"_s)},
                                          {u"ResultType"_s, u"application/json"_s}});
    return OperationResult{200, o};
}

OperationResult LocalAthena::listCalculations(const QJsonObject &request)
{
    OperationResult result;
    const Session *s = findSession(request, result);
    if (!s)
        return result;
    const QString filter = request.value(u"StateFilter"_s).toString();
    static const QStringList states = {u"CREATING"_s, u"CREATED"_s, u"QUEUED"_s, u"RUNNING"_s,
                                       u"CANCELING"_s, u"CANCELED"_s, u"COMPLETED"_s, u"FAILED"_s};
    if (!filter.isEmpty() && !states.contains(filter))
        return invalid(u"StateFilter '%1' is not a calculation state"_s.arg(filter));
    const QJsonValue max = request.value(u"MaxResults"_s);
    const int limit = max.isDouble() ? max.toInt() : kDefaultListCalculations;
    if (limit < 1 || limit > 100)
        return invalid(u"Max results must be between 1 and 100"_s);
    qint64 before = std::numeric_limits<qint64>::max();
    if (const QString next = request.value(u"NextToken"_s).toString(); !next.isEmpty()) {
        const std::optional<QJsonArray> token = m_pageToken.read(next);
        if (!token || token->size() != 3 || token->at(0).toInt() != 3 || token->at(1).toString() != s->d.sessionId)
            return invalid(u"The NextToken is not valid for this request."_s);
        before = token->at(2).toInteger();
    }
    QList<std::shared_ptr<Calculation>> found;
    for (const auto &c : std::as_const(m_calculations)) {
        if (c->sessionId == s->d.sessionId && c->seq < before && (filter.isEmpty() || c->state == filter))
            found.append(c);
    }
    std::sort(found.begin(), found.end(), [](const auto &a, const auto &b) { return a->seq > b->seq; });
    QJsonArray list;
    QJsonObject out;
    for (qsizetype i = 0; i < found.size(); ++i) {
        if (i == limit) {
            out.insert(u"NextToken"_s, m_pageToken.make(QJsonArray{3, s->d.sessionId, found.at(i - 1)->seq}));
            break;
        }
        const auto &c = found.at(i);
        QJsonObject summary{{u"CalculationExecutionId"_s, c->id},
                            {u"Status"_s, calculationStatus(c->state, c->submittedMs, c->completedMs, c->reason)}};
        if (!c->description.isEmpty())
            summary.insert(u"Description"_s, c->description);
        list.append(summary);
    }
    out.insert(u"Calculations"_s, list);
    return OperationResult{200, out};
}

} // namespace local
