// LocalAthena: the calculation operations (StartCalculationExecution, GetCalculationExecution,
// GetCalculationExecutionStatus, GetCalculationExecutionCode, StopCalculationExecution,
// ListCalculationExecutions). What a code block does in the sandbox (README, "athena-local"):
// `sleep(N)` makes it run N simulated seconds (else EngineOptions::calculationMs), and a
// `raise Name("message")` statement makes it end FAILED with the reason "Name: message".
#include "local/localathena.h"

#include "local/localathenainternal.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;
using namespace athena;

namespace local {

using namespace detail;

namespace {

QJsonObject calculationStatus(const LocalAthena::Calculation &c)
{
    QJsonObject status{{u"State"_s, c.state}, {u"SubmissionDateTime"_s, static_cast<double>(c.submittedMs) / 1000.0}};
    if (c.completedMs > 0)
        status.insert(u"CompletionDateTime"_s, static_cast<double>(c.completedMs) / 1000.0);
    if (!c.reason.isEmpty())
        status.insert(u"StateChangeReason"_s, c.reason);
    return status;
}

// The simulated seconds of the first sleep(N), in real milliseconds; the default without one.
qint64 simulatedRunMs(const QString &code, qint64 fallbackMs)
{
    static const QRegularExpression sleepCall(u"sleep\\(\\s*(\\d{1,12}(?:\\.\\d{1,6})?)\\s*\\)"_s);
    if (const QRegularExpressionMatch m = sleepCall.match(code); m.hasMatch())
        return std::min(static_cast<qint64>(m.captured(1).toDouble() * 1000.0), kMaxSleepMs);
    return fallbackMs;
}

// "Name: message" for the first `raise Name("message")` (or `raise Name`) statement.
QString raisedError(const QString &code)
{
    static const QRegularExpression raise(
        u"^[ \\t]*raise[ \\t]+([A-Za-z_][A-Za-z0-9_.]{0,127})[ \\t]*(?:\\([ \\t]*(?:\"([^\"\\n]{0,900})\"|'([^'\\n]{0,900})')?[ \\t]*\\))?"_s,
        QRegularExpression::MultilineOption);
    const QRegularExpressionMatch m = raise.match(code);
    if (!m.hasMatch())
        return {};
    const QString message = m.captured(2).isEmpty() ? m.captured(3) : m.captured(2);
    return message.isEmpty() ? m.captured(1) : m.captured(1) + u": "_s + message;
}

} // namespace

LocalAthena::Calculation *LocalAthena::findCalculation(const QJsonObject &request, OperationResult &result)
{
    const QJsonValue idValue = request.value(u"CalculationExecutionId"_s);
    if (!idValue.isUndefined() && !idValue.isString()) {
        result = error(400, u"SerializationException"_s, u"CalculationExecutionId: expected a string"_s);
        return nullptr;
    }
    const QString id = idValue.toString();
    if (id.isEmpty() || id.size() > 36) {
        result = invalid(u"CalculationExecutionId must be 1 to 36 characters"_s);
        return nullptr;
    }
    const auto c = m_calculations.value(id);
    if (!c) {
        result = notFound(u"Calculation %1 is not found."_s.arg(id), id);
        return nullptr;
    }
    return c.get();
}

QJsonObject LocalAthena::calculationStatistics(const Calculation &c, qint64 now) const
{
    QJsonObject statistics;
    const auto s = m_sessions.value(c.sessionId);
    if (c.state == u"RUNNING"_s && s && c.startedMs) {
        statistics.insert(u"DpuExecutionInMillis"_s, executorDpuMs(*s, now) - executorDpuMs(*s, c.startedMs));
        const qint64 percent = c.runMs > 0 ? std::clamp<qint64>((now - c.startedMs) * 100 / c.runMs, 0, 99) : 0;
        statistics.insert(u"Progress"_s, u"%1% of the simulated run time"_s.arg(percent));
    } else {
        statistics.insert(u"DpuExecutionInMillis"_s, c.dpuMs);
    }
    return statistics;
}

OperationResult LocalAthena::startCalculation(const QJsonObject &request)
{
    OperationResult result;
    Session *s = findSession(request, result);
    if (!s)
        return result;
    const QJsonValue codeValue = request.value(u"CodeBlock"_s);
    const QJsonValue configValue = request.value(u"CalculationConfiguration"_s);
    const QJsonValue descriptionValue = request.value(u"Description"_s);
    const QJsonValue tokenValue = request.value(u"ClientRequestToken"_s);
    const QJsonValue configCode = configValue.toObject().value(u"CodeBlock"_s);
    if ((!codeValue.isUndefined() && !codeValue.isString()) || (!configValue.isUndefined() && !configValue.isObject())
        || (!configCode.isUndefined() && !configCode.isString()) || (!descriptionValue.isUndefined() && !descriptionValue.isString())
        || (!tokenValue.isUndefined() && !tokenValue.isString()))
        return error(400, u"SerializationException"_s, u"CodeBlock, Description and ClientRequestToken must be strings"_s);
    if (codeValue.isString() && configCode.isString())
        return invalid(u"Give CodeBlock or CalculationConfiguration.CodeBlock, not both"_s);
    const QString code = codeValue.isString() ? codeValue.toString() : configCode.toString();
    if (code.isEmpty())
        return invalid(u"Either CodeBlock or CalculationConfiguration.CodeBlock is required"_s);
    if (code.size() > 68000)
        return invalid(u"CodeBlock must be at most 68000 characters (it has %1)"_s.arg(code.size()));
    const QString description = descriptionValue.toString();
    if (descriptionValue.isString() && (description.isEmpty() || description.size() > 1024))
        return invalid(u"Description must be between 1 and 1024 characters"_s);
    const QString token = tokenValue.toString();
    if (tokenValue.isString() && (token.size() < 32 || token.size() > 128))
        return invalid(u"ClientRequestToken must be between 32 and 128 characters"_s);

    // Idempotency: the same token for the same request is the same calculation.
    const QByteArray fingerprint =
        QCryptographicHash::hash(QJsonDocument(QJsonArray{s->d.sessionId, description, code}).toJson(QJsonDocument::Compact),
                                 QCryptographicHash::Sha256)
            .toHex();
    if (!token.isEmpty()) {
        if (const auto existing = m_calculations.value(m_calculationTokens.value(token))) {
            if (existing->fingerprint != fingerprint)
                return invalid(u"A calculation was already started with ClientRequestToken %1 and different parameters."_s.arg(token));
            return OperationResult{200, QJsonObject{{u"CalculationExecutionId"_s, existing->id}, {u"State"_s, existing->state}}};
        }
    }
    if (s->state() != SessionState::Idle && s->state() != SessionState::Busy)
        return invalid(u"Session %1 is %2: calculations need an IDLE or BUSY session."_s.arg(s->d.sessionId, stateName(s->state())));

    const qint64 now = nowMs();
    auto c = std::make_shared<Calculation>();
    c->id = newId();
    c->sessionId = s->d.sessionId;
    c->description = description;
    c->code = code;
    c->token = token;
    c->fingerprint = fingerprint;
    c->state = u"CREATING"_s;
    c->seq = ++m_seq;
    c->submittedMs = now;
    c->runMs = scaled(simulatedRunMs(code, m_options.calculationMs));
    c->failure = raisedError(code);
    c->workingDirectory = s->d.sessionConfiguration.workingDirectory;
    scheduleCalculation(*c, now + scaled(kCalculationCreatingMs), CalculationQueued);
    const QString id = c->id;
    insertCalculation(std::move(c));

    markDirty(*s);
    s->queue.append(id);
    if (s->state() == SessionState::Idle) {
        s->d.status.state = SessionState::Busy;
        s->d.status.lastModifiedDateTime = fromMs(now);
        s->d.status.stateChangeReason.clear();
        schedule(*s, 0, NoEvent); // no idle timeout while busy
    }
    return OperationResult{200, QJsonObject{{u"CalculationExecutionId"_s, id}, {u"State"_s, u"CREATING"_s}}};
}

OperationResult LocalAthena::getCalculation(const QJsonObject &request)
{
    OperationResult result;
    const Calculation *c = findCalculation(request, result);
    if (!c)
        return result;
    QJsonObject o{{u"CalculationExecutionId"_s, c->id},
                  {u"SessionId"_s, c->sessionId},
                  {u"WorkingDirectory"_s, c->workingDirectory},
                  {u"Status"_s, calculationStatus(*c)},
                  {u"Statistics"_s, calculationStatistics(*c, nowMs())}};
    if (!c->description.isEmpty())
        o.insert(u"Description"_s, c->description);
    const QString base = c->workingDirectory + c->id;
    if (c->state == u"COMPLETED"_s)
        o.insert(u"Result"_s, QJsonObject{{u"StdOutS3Uri"_s, QString(base + u"/stdout.txt"_s)},
                                          {u"StdErrorS3Uri"_s, QString(base + u"/stderr.txt"_s)},
                                          {u"ResultS3Uri"_s, QString(base + u"/result.json"_s)},
                                          {u"ResultType"_s, u"application/json"_s}});
    else if (c->state == u"FAILED"_s)
        o.insert(u"Result"_s, QJsonObject{{u"StdOutS3Uri"_s, QString(base + u"/stdout.txt"_s)},
                                          {u"StdErrorS3Uri"_s, QString(base + u"/stderr.txt"_s)}});
    return OperationResult{200, o};
}

OperationResult LocalAthena::getCalculationStatus(const QJsonObject &request)
{
    OperationResult result;
    const Calculation *c = findCalculation(request, result);
    if (!c)
        return result;
    return OperationResult{200, QJsonObject{{u"Status"_s, calculationStatus(*c)}, {u"Statistics"_s, calculationStatistics(*c, nowMs())}}};
}

OperationResult LocalAthena::getCalculationCode(const QJsonObject &request)
{
    OperationResult result;
    const Calculation *c = findCalculation(request, result);
    if (!c)
        return result;
    return OperationResult{200, QJsonObject{{u"CodeBlock"_s, c->code}}};
}

OperationResult LocalAthena::stopCalculation(const QJsonObject &request)
{
    OperationResult result;
    Calculation *c = findCalculation(request, result);
    if (!c)
        return result;
    // As the service: stopping one that has ended (or is being stopped) succeeds and changes nothing.
    if (c->ended() || c->state == u"CANCELING"_s)
        return OperationResult{200, QJsonObject{{u"State"_s, c->state}}};
    const qint64 now = nowMs();
    markDirty(*c);
    c->state = u"CANCELING"_s;
    c->reason = u"The calculation was stopped by request"_s;
    scheduleCalculation(*c, now + scaled(kCalculationCancelingMs), CalculationCanceled);
    return OperationResult{200, QJsonObject{{u"State"_s, c->state}}};
}

OperationResult LocalAthena::listCalculations(const QJsonObject &request)
{
    OperationResult result;
    const Session *s = findSession(request, result);
    if (!s)
        return result;
    const QJsonValue filterValue = request.value(u"StateFilter"_s);
    const QJsonValue max = request.value(u"MaxResults"_s);
    const QJsonValue next = request.value(u"NextToken"_s);
    if ((!filterValue.isUndefined() && !filterValue.isString()) || (!max.isUndefined() && !max.isDouble())
        || (!next.isUndefined() && !next.isString()))
        return error(400, u"SerializationException"_s, u"StateFilter and NextToken must be strings, MaxResults a number"_s);
    const QString filter = filterValue.toString();
    static const QStringList states = {u"CREATING"_s, u"CREATED"_s, u"QUEUED"_s, u"RUNNING"_s,
                                       u"CANCELING"_s, u"CANCELED"_s, u"COMPLETED"_s, u"FAILED"_s};
    if (!filterValue.isUndefined() && !states.contains(filter))
        return invalid(u"StateFilter '%1' is not a calculation state"_s.arg(filter.left(64)));
    const double limitValue = max.isDouble() ? max.toDouble() : kDefaultListCalculations;
    if (limitValue < 1 || limitValue > 100 || limitValue != static_cast<int>(limitValue))
        return invalid(u"Max results must be between 1 and 100"_s);
    const int limit = static_cast<int>(limitValue);
    if (next.toString().size() > 2048)
        return invalid(u"NextToken must be at most 2048 characters"_s);
    qint64 before = std::numeric_limits<qint64>::max();
    if (!next.toString().isEmpty()) {
        const std::optional<QJsonArray> token = m_pageToken.read(next.toString());
        if (!token || token->size() != 4 || token->at(0).toInt() != 3 || token->at(1).toString() != s->d.sessionId
            || token->at(2).toString() != filter)
            return invalid(u"The NextToken is not valid for this request."_s);
        before = token->at(3).toInteger();
    }
    QJsonArray list;
    QJsonObject out;
    static const std::map<qint64, QString> none;
    const auto found = m_calculationsBySession.constFind(s->d.sessionId);
    const std::map<qint64, QString> &index = found == m_calculationsBySession.cend() ? none : *found;
    qint64 last = 0;
    for (auto it = std::make_reverse_iterator(index.lower_bound(before)); it != index.rend(); ++it) {
        const auto c = m_calculations.value(it->second);
        if (!c || (!filter.isEmpty() && c->state != filter))
            continue;
        if (list.size() == limit) {
            out.insert(u"NextToken"_s, m_pageToken.make(QJsonArray{3, s->d.sessionId, filter, last}));
            break;
        }
        QJsonObject summary{{u"CalculationExecutionId"_s, c->id}, {u"Status"_s, calculationStatus(*c)}};
        if (!c->description.isEmpty())
            summary.insert(u"Description"_s, c->description);
        list.append(summary);
        last = c->seq;
    }
    out.insert(u"Calculations"_s, list);
    return OperationResult{200, out};
}

} // namespace local
