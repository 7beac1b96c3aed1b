// LocalAthena: the session operations (StartSession, GetSession, GetSessionStatus,
// TerminateSession, ListSessions).
#include "local/localathena.h"

#include "athena/athenajson.h"
#include "local/localathenainternal.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;
using namespace athena;

namespace local {

using namespace detail;

namespace {

// What the service checks beyond the typed request: members present but empty, the one notebook
// version it has, and the model's required members and patterns of MonitoringConfiguration.
std::optional<QString> startSessionModelIssue(const QJsonObject &body)
{
    if (body.value(u"Description"_s).isString() && body.value(u"Description"_s).toString().isEmpty())
        return u"Description must be between 1 and 1024 characters"_s;
    const QJsonValue notebook = body.value(u"NotebookVersion"_s);
    if (notebook.isString() && notebook.toString() != u"Athena notebook version 1"_s)
        return u"NotebookVersion '%1' is not supported; the supported version is 'Athena notebook version 1'"_s.arg(
            notebook.toString().left(128));
    const QJsonObject monitoring = body.value(u"MonitoringConfiguration"_s).toObject();
    static const QRegularExpression logGroup(u"^[a-zA-Z0-9._/-]{1,512}$"_s);
    static const QRegularExpression streamPrefix(u"^[^:*]{1,512}$"_s);
    static const QRegularExpression kmsKey(
        u"^(arn:aws[a-z\\-]*:kms:[a-z0-9\\-]+:\\d{12}:(key|alias)/?[a-zA-Z_0-9+=,.@\\-/]+|alias/[a-zA-Z0-9/_-]+|"
        u"[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12})$"_s);
    static const QRegularExpression s3Uri(u"^s3://[a-z0-9][a-z0-9\\-]*[a-z0-9](/.*)?$"_s);
    for (const QString &member : {u"CloudWatchLoggingConfiguration"_s, u"ManagedLoggingConfiguration"_s, u"S3LoggingConfiguration"_s}) {
        if (!monitoring.contains(member))
            continue;
        const QJsonObject c = monitoring.value(member).toObject();
        if (!c.value(u"Enabled"_s).isBool())
            return u"MonitoringConfiguration.%1.Enabled is required"_s.arg(member);
        const auto bad = [&c, &member](const QString &key, const QRegularExpression &re) -> std::optional<QString> {
            if (c.contains(key) && (c.value(key).toString().size() > 2048 || !re.match(c.value(key).toString()).hasMatch()))
                return u"MonitoringConfiguration.%1.%2 is not valid"_s.arg(member, key);
            return std::nullopt;
        };
        for (const auto &[key, re] : {std::pair{u"LogGroup"_s, &logGroup}, std::pair{u"LogStreamNamePrefix"_s, &streamPrefix},
                                      std::pair{u"KmsKey"_s, &kmsKey}, std::pair{u"LogLocation"_s, &s3Uri}}) {
            if (auto issue = bad(key, *re))
                return issue;
        }
    }
    return std::nullopt;
}

} // namespace

OperationResult LocalAthena::startSession(const QJsonObject &body)
{
    auto decoded = json::decode<StartSessionRequest>(body);
    if (!decoded.ok())
        return serialization(decoded.error());
    if (const std::optional<QString> issue = startSessionModelIssue(body))
        return invalid(*issue);
    StartSessionRequest request = decoded.value();
    if (const ValidationIssues issues = validate(request); !issues.isEmpty())
        return fromIssues(issues);
    const auto wg = m_workGroups.value(request.workGroup);
    if (!wg)
        return notFound(u"WorkGroup %1 is not found."_s.arg(request.workGroup), request.workGroup);
    if (!wg->wg.configuration.engineVersion.isSpark())
        return invalid(u"Sessions can only be started in a workgroup with an Apache Spark engine; %1 uses %2."_s.arg(
            request.workGroup, wg->wg.configuration.engineVersion.effective));
    if (wg->wg.state == u"DISABLED"_s)
        return invalid(u"WorkGroup %1 is disabled."_s.arg(request.workGroup));

    // Idempotency: the same token with the same parameters is the same session.
    StartSessionRequest withoutToken = request;
    withoutToken.clientRequestToken.clear();
    const QByteArray fingerprint =
        QCryptographicHash::hash(QJsonDocument(json::toJson(withoutToken)).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256).toHex();
    if (!request.clientRequestToken.isEmpty()) {
        if (const auto existing = m_sessions.value(m_tokens.value(request.clientRequestToken))) {
            if (existing->fingerprint != fingerprint)
                return error(400, u"SessionAlreadyExistsException"_s,
                             u"A session was already started with ClientRequestToken %1 and different parameters."_s.arg(
                                 request.clientRequestToken));
            return OperationResult{200, json::toJson(StartSessionResult{existing->d.sessionId, existing->d.status.state, {}, {}})};
        }
    }

    if (m_options.dpuQuota > 0) {
        qint64 inUse = 0;
        const Index &index = m_byWorkGroup[request.workGroup];
        for (const auto &[key, id] : index) {
            const auto s = m_sessions.value(id);
            if (s && isActive(s->state()))
                inUse += s->maxDpus();
        }
        const int wanted = request.engineConfiguration.maxConcurrentDpus.value_or(0);
        if (inUse + wanted > m_options.dpuQuota)
            return error(400, u"TooManyRequestsException"_s,
                         u"Starting this session would exceed the DPU quota of workgroup %1: %2 of %3 DPUs are in use and "
                         u"%4 were requested."_s.arg(request.workGroup).arg(inUse).arg(m_options.dpuQuota).arg(wanted),
                         {{u"Reason"_s, u"CONCURRENT_QUERY_LIMIT_EXCEEDED"_s}});
    }

    const qint64 now = nowMs();
    auto s = std::make_shared<Session>();
    s->seq = ++m_seq;
    s->startMs = now;
    s->token = request.clientRequestToken;
    s->fingerprint = fingerprint;
    s->willFail = m_options.sessionFailureRate > 0 && m_random.generateDouble() < m_options.sessionFailureRate;
    s->willDegrade = !s->willFail && m_options.sessionDegradeRate > 0 && m_random.generateDouble() < m_options.sessionDegradeRate;
    SessionDetails &d = s->d;
    d.sessionId = newId();
    d.description = request.description;
    d.workGroup = request.workGroup;
    d.engineVersion = wg->wg.configuration.engineVersion.effective;
    d.engineConfiguration = request.engineConfiguration;
    if (!d.engineConfiguration.coordinatorDpuSize)
        d.engineConfiguration.coordinatorDpuSize = 1;
    if (!d.engineConfiguration.defaultExecutorDpuSize)
        d.engineConfiguration.defaultExecutorDpuSize = 1;
    d.notebookVersion = request.notebookVersion;
    d.monitoringConfiguration = request.monitoringConfiguration;
    d.sessionConfiguration.executionRole =
        request.executionRole.isEmpty() ? wg->wg.configuration.executionRole : request.executionRole;
    d.sessionConfiguration.workingDirectory =
        u"s3://athena-local-results/%1/sessions/%2/"_s.arg(request.workGroup, d.sessionId);
    d.sessionConfiguration.sessionIdleTimeoutInMinutes = request.sessionIdleTimeoutInMinutes.value_or(20);
    d.sessionConfiguration.idleTimeoutSeconds = static_cast<qint64>(s->idleMinutes()) * 60;
    d.status.startDateTime = fromMs(now);
    d.status.lastModifiedDateTime = fromMs(now);
    d.status.state = SessionState::Creating;
    schedule(*s, now + scaled(m_options.creatingMs), s->willFail ? FailStart : BecomeCreated);
    addCoordinator(*s, now);

    OperationResult result{200, json::toJson(StartSessionResult{d.sessionId, d.status.state, {}, {}})};
    insertSession(std::move(s));
    return result;
}

OperationResult LocalAthena::getSession(const QJsonObject &request)
{
    OperationResult result;
    const Session *s = findSession(request, result);
    if (!s)
        return result;
    return OperationResult{200, json::toJson(view(*s, nowMs()))};
}

OperationResult LocalAthena::getSessionStatus(const QJsonObject &request)
{
    OperationResult result;
    const Session *s = findSession(request, result);
    if (!s)
        return result;
    return OperationResult{200, json::toJson(SessionStatusResult{s->d.sessionId, s->d.status})};
}

OperationResult LocalAthena::terminateSession(const QJsonObject &request)
{
    OperationResult result;
    Session *s = findSession(request, result);
    if (!s)
        return result;
    if (isActive(s->state())) {
        const qint64 now = nowMs();
        markDirty(*s);
        cancelCalculations(*s, now, u"The session was terminated"_s);
        releaseWorkers(*s, now, true);
        s->d.status.state = SessionState::Terminating;
        s->d.status.lastModifiedDateTime = fromMs(now);
        s->d.status.stateChangeReason = u"Session was terminated by request"_s;
        schedule(*s, now + scaled(m_options.terminatingMs), BecomeTerminated);
    }
    QJsonObject body;
    body.insert(u"State"_s, stateName(s->state()));
    return OperationResult{200, body};
}

OperationResult LocalAthena::listSessions(const QJsonObject &body)
{
    auto decoded = json::decode<ListSessionsRequest>(body);
    if (!decoded.ok())
        return serialization(decoded.error());
    const ListSessionsRequest &request = decoded.value();
    if (const ValidationIssues issues = validate(request); !issues.isEmpty())
        return fromIssues(issues);
    const auto wg = m_workGroups.value(request.workGroup);
    if (!wg)
        return notFound(u"WorkGroup %1 is not found."_s.arg(request.workGroup), request.workGroup);
    if (!wg->wg.configuration.engineVersion.isSpark())
        return invalid(u"WorkGroup %1 does not use an Apache Spark engine."_s.arg(request.workGroup));

    const QString filter = request.stateFilter ? stateName(*request.stateFilter) : QString();
    const Index &index = m_byWorkGroup[request.workGroup];
    auto it = index.begin();
    if (!request.nextToken.isEmpty()) {
        const std::optional<QJsonArray> token = m_pageToken.read(request.nextToken);
        if (!token || token->size() != 5 || token->at(0).toInt() != 1 || token->at(1).toString() != request.workGroup
            || token->at(2).toString() != filter)
            return invalid(u"The NextToken is not valid for this request."_s);
        it = index.upper_bound(Key{token->at(3).toInteger(), token->at(4).toInteger()});
    }
    auto matches = [&request](const Session &s) {
        return request.stateFilter ? s.state() == *request.stateFilter : isActive(s.state());
    };
    // The page is assembled from each session's cached JSON: a listing costs a copy, not a
    // serialization, per row.
    const int limit = request.maxResults.value_or(kDefaultListSessions);
    QByteArray sessions;
    sessions.reserve(limit * 420);
    int count = 0;
    Key last{};
    QString nextToken;
    for (; it != index.end(); ++it) {
        const auto s = m_sessions.value(it->second);
        if (!s || !matches(*s))
            continue;
        if (count == limit) {
            nextToken = m_pageToken.make(QJsonArray{1, request.workGroup, filter, last.first, last.second});
            break;
        }
        if (count++)
            sessions += ',';
        sessions += summaryJson(*s, wg->wg.configuration.engineVersion);
        last = it->first;
    }
    OperationResult result;
    result.raw = "{\"Sessions\":[" + sessions + ']';
    if (!nextToken.isEmpty())
        result.raw += ",\"NextToken\":\"" + nextToken.toLatin1() + '"';
    result.raw += '}';
    return result;
}

} // namespace local
