#include "athena/calculationjson.h"

#include "athena/athenajson.h"
#include "athena/jsonreader.h"
#include "athena/jsonwriter.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace athena::json {

using detail::finish;
using detail::put;
using detail::Reader;

namespace {

void putMillis(QJsonObject &o, QLatin1StringView key, const QDateTime &t)
{
    if (t.isValid())
        o.insert(key, t.toMSecsSinceEpoch());
}

// The wire text of an enumeration member: its name, or for Unknown the text it came with.
template <typename E>
QString wireText(const std::optional<E> &value, const QString &text, QString (*name)(E))
{
    if (!value)
        return {};
    return *value == E::Unknown ? text : name(*value);
}

// An enumeration in a response: unknown text is Unknown with the text kept (bounded), not an error.
template <typename E>
std::optional<E> responseEnum(Reader &r, QLatin1StringView key, QString *text, std::optional<E> (*fromString)(const QString &))
{
    const QString raw = r.str(key);
    text->clear();
    if (raw.isEmpty())
        return std::nullopt;
    if (const std::optional<E> known = fromString(raw))
        return known;
    *text = raw.left(Reader::maxEnumTextLength);
    return E::Unknown;
}

// An enumeration in a request: one the API defines, or an error.
template <typename E>
std::optional<E> requestEnum(Reader &r, QLatin1StringView key, std::optional<E> (*fromString)(const QString &),
                             const QString &what)
{
    const QString raw = r.str(key);
    if (raw.isEmpty())
        return std::nullopt;
    const std::optional<E> value = fromString(raw);
    if (!value)
        r.fail(key, u"'%1' is not %2"_s.arg(raw.left(64), what));
    return value;
}

QDateTime readMillis(Reader &r, QLatin1StringView key)
{
    const std::optional<qint64> ms = r.int64(key);
    return ms ? QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC) : QDateTime();
}

CalculationStatus readStatus(Reader r)
{
    CalculationStatus s;
    s.submissionDateTime = r.time("SubmissionDateTime"_L1);
    s.completionDateTime = r.time("CompletionDateTime"_L1);
    s.state = responseEnum(r, "State"_L1, &s.stateText, &calculationStateFromString);
    s.stateChangeReason = r.str("StateChangeReason"_L1);
    return s;
}

CalculationStatistics readStatistics(Reader r)
{
    return CalculationStatistics{r.int64("DpuExecutionInMillis"_L1), r.str("Progress"_L1)};
}

CalculationSummary readSummary(Reader &r)
{
    CalculationSummary c;
    c.calculationExecutionId = r.str("CalculationExecutionId"_L1);
    c.description = r.str("Description"_L1);
    c.status = readStatus(r.object("Status"_L1));
    return c;
}

ExecutorSummary readExecutor(Reader &r)
{
    ExecutorSummary e;
    e.executorId = r.str("ExecutorId"_L1);
    e.type = responseEnum(r, "ExecutorType"_L1, &e.typeText, &executorTypeFromString);
    e.state = responseEnum(r, "ExecutorState"_L1, &e.stateText, &executorStateFromString);
    e.startDateTime = readMillis(r, "StartDateTime"_L1);
    e.terminationDateTime = readMillis(r, "TerminationDateTime"_L1);
    e.size = r.int64("ExecutorSize"_L1);
    return e;
}

QJsonObject statisticsJson(const CalculationStatistics &v)
{
    QJsonObject o;
    put(o, "DpuExecutionInMillis"_L1, v.dpuExecutionInMillis);
    put(o, "Progress"_L1, v.progress);
    return o;
}

void requireMember(Reader &r, QLatin1StringView key, const QString &value)
{
    if (value.isEmpty() && r.ok())
        r.fail(key, u"is missing from the response"_s);
}

} // namespace

// ---- encoders ----

QJsonObject toJson(const CalculationStatus &v)
{
    QJsonObject o;
    put(o, "SubmissionDateTime"_L1, v.submissionDateTime);
    put(o, "CompletionDateTime"_L1, v.completionDateTime);
    put(o, "State"_L1, wireText(v.state, v.stateText, &calculationStateName));
    put(o, "StateChangeReason"_L1, v.stateChangeReason);
    return o;
}

QJsonObject toJson(const CalculationSummary &v)
{
    QJsonObject o;
    put(o, "CalculationExecutionId"_L1, v.calculationExecutionId);
    put(o, "Description"_L1, v.description);
    o.insert("Status"_L1, toJson(v.status));
    return o;
}

QJsonObject toJson(const CalculationExecution &v)
{
    QJsonObject o;
    put(o, "CalculationExecutionId"_L1, v.calculationExecutionId);
    put(o, "SessionId"_L1, v.sessionId);
    put(o, "Description"_L1, v.description);
    put(o, "WorkingDirectory"_L1, v.workingDirectory);
    o.insert("Status"_L1, toJson(v.status));
    o.insert("Statistics"_L1, statisticsJson(v.statistics));
    if (v.result) {
        QJsonObject r;
        put(r, "StdOutS3Uri"_L1, v.result->stdOutS3Uri);
        put(r, "StdErrorS3Uri"_L1, v.result->stdErrorS3Uri);
        put(r, "ResultS3Uri"_L1, v.result->resultS3Uri);
        put(r, "ResultType"_L1, v.result->resultType);
        o.insert("Result"_L1, r);
    }
    return o;
}

QJsonObject toJson(const CalculationStatusResult &v)
{
    return QJsonObject{{u"Status"_s, toJson(v.status)}, {u"Statistics"_s, statisticsJson(v.statistics)}};
}

QJsonObject toJson(const ListCalculationsRequest &v)
{
    QJsonObject o{{u"SessionId"_s, v.sessionId}};
    put(o, "StateFilter"_L1, wireText(v.stateFilter, QString(), &calculationStateName));
    put(o, "MaxResults"_L1, v.maxResults);
    put(o, "NextToken"_L1, v.nextToken);
    return o;
}

QJsonObject toJson(const ListCalculationsPage &v)
{
    QJsonArray list;
    for (const CalculationSummary &c : v.calculations)
        list.append(toJson(c));
    QJsonObject o{{u"Calculations"_s, list}};
    put(o, "NextToken"_L1, v.nextToken);
    return o;
}

QJsonObject toJson(const StartCalculationRequest &v)
{
    QJsonObject o{{u"SessionId"_s, v.sessionId}};
    put(o, "Description"_L1, v.description);
    if (v.inConfiguration)
        o.insert("CalculationConfiguration"_L1, QJsonObject{{u"CodeBlock"_s, v.codeBlock}});
    else
        o.insert("CodeBlock"_L1, v.codeBlock);
    put(o, "ClientRequestToken"_L1, v.clientRequestToken);
    return o;
}

QJsonObject toJson(const StartCalculationResult &v)
{
    QJsonObject o;
    put(o, "CalculationExecutionId"_L1, v.calculationExecutionId);
    put(o, "State"_L1, wireText(v.state, v.stateText, &calculationStateName));
    return o;
}

QJsonObject toJson(const StopCalculationResult &v)
{
    QJsonObject o;
    put(o, "State"_L1, wireText(v.state, v.stateText, &calculationStateName));
    return o;
}

QJsonObject toJson(const ExecutorSummary &v)
{
    QJsonObject o;
    put(o, "ExecutorId"_L1, v.executorId);
    put(o, "ExecutorType"_L1, wireText(v.type, v.typeText, &executorTypeName));
    putMillis(o, "StartDateTime"_L1, v.startDateTime);
    putMillis(o, "TerminationDateTime"_L1, v.terminationDateTime);
    put(o, "ExecutorState"_L1, wireText(v.state, v.stateText, &executorStateName));
    put(o, "ExecutorSize"_L1, v.size);
    return o;
}

QJsonObject toJson(const ListExecutorsRequest &v)
{
    QJsonObject o{{u"SessionId"_s, v.sessionId}};
    put(o, "ExecutorStateFilter"_L1, wireText(v.stateFilter, QString(), &executorStateName));
    put(o, "MaxResults"_L1, v.maxResults);
    put(o, "NextToken"_L1, v.nextToken);
    return o;
}

QJsonObject toJson(const ListExecutorsPage &v)
{
    QJsonArray list;
    for (const ExecutorSummary &e : v.executors)
        list.append(toJson(e));
    QJsonObject o{{u"SessionId"_s, v.sessionId}, {u"ExecutorsSummary"_s, list}};
    put(o, "NextToken"_L1, v.nextToken);
    return o;
}

QJsonObject toJson(const SessionEndpoint &v)
{
    QJsonObject o;
    put(o, "EndpointUrl"_L1, v.endpointUrl);
    put(o, "AuthToken"_L1, v.authToken);
    put(o, "AuthTokenExpirationTime"_L1, v.authTokenExpirationTime);
    return o;
}

// ---- decoders ----

template <>
aws::Result<CalculationStatus> decode(const QJsonObject &object)
{
    Reader r(object);
    return finish(r, readStatus(r));
}

template <>
aws::Result<CalculationSummary> decode(const QJsonObject &object)
{
    Reader r(object);
    return finish(r, readSummary(r));
}

template <>
aws::Result<CalculationExecution> decode(const QJsonObject &object)
{
    Reader r(object);
    CalculationExecution c;
    c.calculationExecutionId = r.str("CalculationExecutionId"_L1);
    c.sessionId = r.str("SessionId"_L1);
    c.description = r.str("Description"_L1);
    c.workingDirectory = r.str("WorkingDirectory"_L1);
    c.status = readStatus(r.object("Status"_L1));
    c.statistics = readStatistics(r.object("Statistics"_L1));
    if (r.has("Result"_L1)) {
        Reader res = r.object("Result"_L1);
        c.result = CalculationResult{res.str("StdOutS3Uri"_L1), res.str("StdErrorS3Uri"_L1), res.str("ResultS3Uri"_L1),
                                     res.str("ResultType"_L1)};
    }
    requireMember(r, "CalculationExecutionId"_L1, c.calculationExecutionId);
    return finish(r, c);
}

template <>
aws::Result<CalculationStatusResult> decode(const QJsonObject &object)
{
    Reader r(object);
    CalculationStatusResult s{readStatus(r.object("Status"_L1)), readStatistics(r.object("Statistics"_L1))};
    return finish(r, s);
}

template <>
aws::Result<ListCalculationsRequest> decode(const QJsonObject &object)
{
    Reader r(object);
    ListCalculationsRequest l;
    l.sessionId = r.str("SessionId"_L1);
    l.stateFilter = requestEnum(r, "StateFilter"_L1, &calculationStateFromString, u"a calculation state"_s);
    l.maxResults = r.int32("MaxResults"_L1);
    l.nextToken = r.str("NextToken"_L1);
    return finish(r, l);
}

template <>
aws::Result<ListCalculationsPage> decode(const QJsonObject &object)
{
    Reader r(object);
    ListCalculationsPage p;
    r.objects("Calculations"_L1, [&p](Reader &c) { p.calculations.append(readSummary(c)); });
    p.nextToken = r.str("NextToken"_L1);
    return finish(r, p);
}

template <>
aws::Result<StartCalculationRequest> decode(const QJsonObject &object)
{
    Reader r(object);
    StartCalculationRequest s;
    s.sessionId = r.str("SessionId"_L1);
    s.description = r.str("Description"_L1);
    s.clientRequestToken = r.str("ClientRequestToken"_L1);
    if (r.has("CodeBlock"_L1)) {
        s.codeBlock = r.str("CodeBlock"_L1);
    } else if (r.has("CalculationConfiguration"_L1)) {
        s.inConfiguration = true;
        s.codeBlock = r.object("CalculationConfiguration"_L1).str("CodeBlock"_L1);
    }
    return finish(r, s);
}

template <>
aws::Result<StartCalculationResult> decode(const QJsonObject &object)
{
    Reader r(object);
    StartCalculationResult s;
    s.calculationExecutionId = r.str("CalculationExecutionId"_L1);
    s.state = responseEnum(r, "State"_L1, &s.stateText, &calculationStateFromString);
    requireMember(r, "CalculationExecutionId"_L1, s.calculationExecutionId);
    return finish(r, s);
}

template <>
aws::Result<StopCalculationResult> decode(const QJsonObject &object)
{
    Reader r(object);
    StopCalculationResult s;
    s.state = responseEnum(r, "State"_L1, &s.stateText, &calculationStateFromString);
    return finish(r, s);
}

template <>
aws::Result<ExecutorSummary> decode(const QJsonObject &object)
{
    Reader r(object);
    return finish(r, readExecutor(r));
}

template <>
aws::Result<ListExecutorsRequest> decode(const QJsonObject &object)
{
    Reader r(object);
    ListExecutorsRequest l;
    l.sessionId = r.str("SessionId"_L1);
    l.stateFilter = requestEnum(r, "ExecutorStateFilter"_L1, &executorStateFromString, u"an executor state"_s);
    l.maxResults = r.int32("MaxResults"_L1);
    l.nextToken = r.str("NextToken"_L1);
    return finish(r, l);
}

template <>
aws::Result<ListExecutorsPage> decode(const QJsonObject &object)
{
    Reader r(object);
    ListExecutorsPage p;
    p.sessionId = r.str("SessionId"_L1);
    r.objects("ExecutorsSummary"_L1, [&p](Reader &e) { p.executors.append(readExecutor(e)); });
    p.nextToken = r.str("NextToken"_L1);
    return finish(r, p);
}

template <>
aws::Result<SessionEndpoint> decode(const QJsonObject &object)
{
    Reader r(object);
    SessionEndpoint e;
    e.endpointUrl = r.str("EndpointUrl"_L1);
    e.authToken = r.str("AuthToken"_L1);
    e.authTokenExpirationTime = r.time("AuthTokenExpirationTime"_L1);
    requireMember(r, "EndpointUrl"_L1, e.endpointUrl);
    return finish(r, e);
}

aws::Result<QString> decodeCodeBlock(const QJsonObject &object)
{
    Reader r(object);
    QString code = r.str("CodeBlock"_L1);
    return finish(r, code);
}

} // namespace athena::json
