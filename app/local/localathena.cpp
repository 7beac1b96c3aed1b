#include "local/localathena.h"

#include "athena/athenajson.h"
#include "athena/validation.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace athena;

namespace local {

namespace {

enum Event { NoEvent = 0, BecomeCreated, BecomeIdle, IdleTimeout, BecomeTerminated, CalculationDone, FailStart, Degrade };

constexpr const char *kAccount = "000000000000";
constexpr int kDefaultListSessions = 20;
constexpr int kDefaultListWorkGroups = 50;
constexpr int kDefaultListCalculations = 20;

OperationResult error(int status, const QString &type, const QString &message, QJsonObject extra = {})
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

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QDateTime fromMs(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime();
}

int dpusInUse(SessionState state, int maxDpus)
{
    switch (state) {
    case SessionState::Created:
    case SessionState::Idle:
    case SessionState::Terminating:
        return 1; // the coordinator
    case SessionState::Busy:
        return std::min(std::max(maxDpus, 2), 5); // coordinator and executors
    default:
        return 0;
    }
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

} // namespace

QJsonObject OperationResult::json() const
{
    return raw.isEmpty() ? body : QJsonDocument::fromJson(raw).object();
}

struct LocalAthena::Session
{
    SessionDetails d;
    qint64 seq = 0;
    qint64 startMs = 0;
    QString token;
    QByteArray fingerprint;
    int nextEvent = NoEvent;
    qint64 nextAt = 0;
    qint64 accountedMs = 0;
    qint64 dpuMs = 0;
    QString runningCalculation;
    bool willFail = false;
    bool willDegrade = false;
    mutable QByteArray summaryJson; // ListSessions' view of it, serialized; cleared on every change

    SessionState state() const { return d.status.state.value_or(SessionState::Creating); }
    int maxDpus() const { return d.engineConfiguration.maxConcurrentDpus.value_or(2); }
    int idleMinutes() const { return d.sessionConfiguration.sessionIdleTimeoutInMinutes.value_or(20); }
};

struct LocalAthena::Calculation
{
    QString id;
    QString sessionId;
    QString description;
    QString state; // CREATING … COMPLETED
    QString reason;
    qint64 seq = 0;
    qint64 submittedMs = 0;
    qint64 completedMs = 0;
    qint64 dpuMs = 0;
    QString workingDirectory;
};

struct LocalAthena::WorkGroupRecord
{
    WorkGroup wg;
    qint64 seq = 0;
};

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
    return {u"StartSession"_s,        u"GetSession"_s,       u"GetSessionStatus"_s,
            u"ListSessions"_s,        u"TerminateSession"_s, u"ListWorkGroups"_s,
            u"GetWorkGroup"_s,        u"CreateWorkGroup"_s,  u"ListEngineVersions"_s,
            u"StartCalculationExecution"_s, u"GetCalculationExecution"_s, u"ListCalculationExecutions"_s};
}

qint64 LocalAthena::nowMs() const
{
    return m_clock->nowUtc().toMSecsSinceEpoch();
}

qint64 LocalAthena::scaled(qint64 simulatedMs) const
{
    return std::max<qint64>(1, static_cast<qint64>(static_cast<double>(simulatedMs) / m_options.timeScale));
}

// ---- persistence ----

QByteArray LocalAthena::serialize(const Session &s) const
{
    QJsonObject o = json::toJson(s.d);
    o.insert(u"_sim"_s, QJsonObject{
                            {u"seq"_s, s.seq},
                            {u"start"_s, s.startMs},
                            {u"token"_s, s.token},
                            {u"fingerprint"_s, QString::fromLatin1(s.fingerprint)},
                            {u"nextEvent"_s, s.nextEvent},
                            {u"nextAt"_s, s.nextAt},
                            {u"accounted"_s, s.accountedMs},
                            {u"dpuMs"_s, s.dpuMs},
                            {u"calculation"_s, s.runningCalculation},
                            {u"willFail"_s, s.willFail},
                            {u"willDegrade"_s, s.willDegrade},
                        });
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray LocalAthena::serialize(const Calculation &c) const
{
    return QJsonDocument(QJsonObject{{u"id"_s, c.id},
                                     {u"session"_s, c.sessionId},
                                     {u"description"_s, c.description},
                                     {u"state"_s, c.state},
                                     {u"reason"_s, c.reason},
                                     {u"seq"_s, c.seq},
                                     {u"submitted"_s, c.submittedMs},
                                     {u"completed"_s, c.completedMs},
                                     {u"dpuMs"_s, c.dpuMs},
                                     {u"wd"_s, c.workingDirectory}})
        .toJson(QJsonDocument::Compact);
}

void LocalAthena::markDirty(const Session &s)
{
    s.summaryJson.clear();
    m_dirtySessions.insert(s.d.sessionId);
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

void LocalAthena::markDirty(const Calculation &c)
{
    m_dirtyCalculations.insert(c.id);
}

aws::Result<bool> LocalAthena::flush()
{
    QList<LocalStore::Row> rows;
    rows.reserve(m_dirtySessions.size());
    for (const QString &id : std::as_const(m_dirtySessions)) {
        if (const auto s = m_sessions.value(id))
            rows.append({id, s->seq, s->d.workGroup, serialize(*s)});
    }
    QList<LocalStore::Row> calcs;
    for (const QString &id : std::as_const(m_dirtyCalculations)) {
        if (const auto c = m_calculations.value(id))
            calcs.append({id, c->seq, c->sessionId, serialize(*c)});
    }
    m_dirtySessions.clear();
    m_dirtyCalculations.clear();
    if (auto r = m_store.putMany(LocalStore::Table::Sessions, rows); !r.ok())
        return r;
    return m_store.putMany(LocalStore::Table::Calculations, calcs);
}

void LocalAthena::addWorkGroup(const WorkGroup &wg)
{
    auto record = std::make_shared<WorkGroupRecord>(WorkGroupRecord{wg, ++m_seq});
    m_workGroups.insert(wg.name, record);
    m_store.put(LocalStore::Table::WorkGroups,
                {wg.name, record->seq, wg.name, QJsonDocument(json::toJson(wg)).toJson(QJsonDocument::Compact)});
}

aws::Result<bool> LocalAthena::open(const QString &databasePath)
{
    if (auto r = m_store.open(databasePath.isEmpty() ? u":memory:"_s : databasePath); !r.ok())
        return r;

    m_tokenSecret = QByteArray::fromBase64(m_store.meta(u"token-secret"_s).toLatin1());
    if (m_tokenSecret.size() < 16) {
        m_tokenSecret.resize(32);
        for (char &c : m_tokenSecret)
            c = static_cast<char>(QRandomGenerator::system()->bounded(256));
        m_store.setMeta(u"token-secret"_s, QString::fromLatin1(m_tokenSecret.toBase64()));
    }

    auto groups = m_store.all(LocalStore::Table::WorkGroups);
    if (!groups.ok())
        return groups.error();
    for (const LocalStore::Row &row : groups.value()) {
        auto wg = json::decode<WorkGroup>(QJsonObject{{u"WorkGroup"_s, QJsonDocument::fromJson(row.data).object()}});
        if (!wg.ok())
            return aws::AwsError::make(aws::AwsError::Kind::Config, u"StoreError"_s, u"Workgroup %1 is unreadable: %2"_s.arg(row.id, wg.error().message));
        m_workGroups.insert(row.id, std::make_shared<WorkGroupRecord>(WorkGroupRecord{wg.value(), row.seq}));
        m_seq = std::max(m_seq, row.seq);
    }
    if (m_workGroups.isEmpty()) {
        const QDateTime created = m_clock->nowUtc().addDays(-30);
        auto make = [&](const QString &name, const QString &description, const QString &engine) {
            WorkGroup wg;
            wg.name = name;
            wg.state = u"ENABLED"_s;
            wg.description = description;
            wg.creationTime = created;
            wg.configuration.engineVersion = EngineVersion{engine, effectiveEngine(engine)};
            wg.configuration.resultOutputLocation = u"s3://athena-local-results/%1/"_s.arg(name);
            if (wg.configuration.engineVersion.isSpark())
                wg.configuration.executionRole = u"arn:aws:iam::%1:role/AthenaSparkLocalRole"_s.arg(QLatin1StringView(kAccount));
            addWorkGroup(wg);
        };
        make(u"primary"_s, u"SQL queries"_s, u"AUTO"_s);
        make(u"spark-analytics"_s, u"Interactive Spark notebooks"_s, u"PySpark engine version 3"_s);
        make(u"spark-etl"_s, u"Scheduled Spark ETL"_s, u"Apache Spark version 3.5"_s);
        make(u"spark-ml"_s, u"Model training and feature engineering"_s, u"PySpark engine version 3"_s);
    }

    auto sessions = m_store.all(LocalStore::Table::Sessions);
    if (!sessions.ok())
        return sessions.error();
    for (const LocalStore::Row &row : sessions.value()) {
        const QJsonObject o = QJsonDocument::fromJson(row.data).object();
        auto d = json::decode<SessionDetails>(o);
        if (!d.ok())
            return aws::AwsError::make(aws::AwsError::Kind::Config, u"StoreError"_s, u"Session %1 is unreadable: %2"_s.arg(row.id, d.error().message));
        auto s = std::make_shared<Session>();
        s->d = d.value();
        const QJsonObject sim = o.value(u"_sim"_s).toObject();
        s->seq = sim.value(u"seq"_s).toInteger();
        s->startMs = sim.value(u"start"_s).toInteger();
        s->token = sim.value(u"token"_s).toString();
        s->fingerprint = sim.value(u"fingerprint"_s).toString().toLatin1();
        s->nextEvent = sim.value(u"nextEvent"_s).toInt();
        s->nextAt = sim.value(u"nextAt"_s).toInteger();
        s->accountedMs = sim.value(u"accounted"_s).toInteger();
        s->dpuMs = sim.value(u"dpuMs"_s).toInteger();
        s->runningCalculation = sim.value(u"calculation"_s).toString();
        s->willFail = sim.value(u"willFail"_s).toBool();
        s->willDegrade = sim.value(u"willDegrade"_s).toBool();
        m_sessions.insert(s->d.sessionId, s);
        m_byWorkGroup[s->d.workGroup].emplace(Key{s->startMs, s->seq}, s->d.sessionId);
        if (!s->token.isEmpty())
            m_tokens.insert(s->token, s->d.sessionId);
        if (s->nextEvent != NoEvent)
            m_timeline.emplace(s->nextAt, s->d.sessionId);
        m_seq = std::max(m_seq, s->seq);
    }
    auto calcs = m_store.all(LocalStore::Table::Calculations);
    if (!calcs.ok())
        return calcs.error();
    for (const LocalStore::Row &row : calcs.value()) {
        const QJsonObject o = QJsonDocument::fromJson(row.data).object();
        auto c = std::make_shared<Calculation>();
        c->id = o.value(u"id"_s).toString();
        c->sessionId = o.value(u"session"_s).toString();
        c->description = o.value(u"description"_s).toString();
        c->state = o.value(u"state"_s).toString();
        c->reason = o.value(u"reason"_s).toString();
        c->seq = o.value(u"seq"_s).toInteger();
        c->submittedMs = o.value(u"submitted"_s).toInteger();
        c->completedMs = o.value(u"completed"_s).toInteger();
        c->dpuMs = o.value(u"dpuMs"_s).toInteger();
        c->workingDirectory = o.value(u"wd"_s).toString();
        m_calculations.insert(c->id, c);
        m_seq = std::max(m_seq, c->seq);
    }
    return true;
}

// ---- simulation ----

void LocalAthena::schedule(Session &s, qint64 at, int event)
{
    s.nextAt = at;
    s.nextEvent = event;
    if (event != NoEvent)
        m_timeline.emplace(at, s.d.sessionId);
}

void LocalAthena::accrue(Session &s, qint64 at) const
{
    if (at > s.accountedMs) {
        s.dpuMs += static_cast<qint64>(dpusInUse(s.state(), s.maxDpus())) * (at - s.accountedMs);
        s.accountedMs = at;
    }
}

qint64 LocalAthena::dpuMillisAt(const Session &s, qint64 at) const
{
    const qint64 extra = at > s.accountedMs ? dpusInUse(s.state(), s.maxDpus()) * (at - s.accountedMs) : 0;
    return s.dpuMs + extra;
}

void LocalAthena::apply(Session &s, int event, qint64 at)
{
    auto setState = [&](SessionState state, const QString &reason) {
        accrue(s, at);
        s.d.status.state = state;
        s.d.status.lastModifiedDateTime = fromMs(at);
        s.d.status.stateChangeReason = reason;
        markDirty(s);
    };
    auto scheduleIdle = [&] {
        const qint64 timeout = scaled(static_cast<qint64>(s.idleMinutes()) * 60000);
        if (s.willDegrade)
            schedule(s, at + std::max<qint64>(1, timeout / 4), Degrade);
        else
            schedule(s, at + timeout, IdleTimeout);
    };
    switch (event) {
    case BecomeCreated:
        setState(SessionState::Created, {});
        schedule(s, at + scaled(m_options.createdMs), BecomeIdle);
        break;
    case BecomeIdle:
        setState(SessionState::Idle, {});
        s.d.status.idleSinceDateTime = fromMs(at);
        scheduleIdle();
        break;
    case IdleTimeout:
        setState(SessionState::Terminating,
                 u"Session was idle for longer than its idle timeout of %1 minutes"_s.arg(s.idleMinutes()));
        schedule(s, at + scaled(m_options.terminatingMs), BecomeTerminated);
        break;
    case BecomeTerminated:
        setState(SessionState::Terminated, s.d.status.stateChangeReason);
        s.d.status.endDateTime = fromMs(at);
        break;
    case FailStart:
        setState(SessionState::Failed, u"Session could not be started: no capacity for the coordinator (simulated fault)"_s);
        s.d.status.endDateTime = fromMs(at);
        break;
    case Degrade:
        setState(SessionState::Degraded, u"Session has no healthy coordinator (simulated fault)"_s);
        break;
    case CalculationDone:
        if (auto c = m_calculations.value(s.runningCalculation)) {
            c->state = u"COMPLETED"_s;
            c->completedMs = at;
            c->dpuMs = static_cast<qint64>(dpusInUse(SessionState::Busy, s.maxDpus())) * (at - c->submittedMs);
            markDirty(*c);
        }
        s.runningCalculation.clear();
        setState(SessionState::Idle, {});
        s.d.status.idleSinceDateTime = fromMs(at);
        scheduleIdle();
        break;
    default:
        break;
    }
}

void LocalAthena::advance(qint64 now)
{
    while (!m_timeline.empty() && m_timeline.begin()->first <= now) {
        const auto it = m_timeline.begin();
        const qint64 at = it->first;
        const QString id = it->second;
        m_timeline.erase(it);
        const auto s = m_sessions.value(id);
        if (!s || s->nextAt != at || s->nextEvent == NoEvent)
            continue; // superseded
        const int event = s->nextEvent;
        s->nextEvent = NoEvent;
        s->nextAt = 0;
        apply(*s, event, at);
    }
}

SessionDetails LocalAthena::view(const Session &s, qint64 now) const
{
    SessionDetails d = s.d;
    d.dpuExecutionInMillis = dpuMillisAt(s, now);
    return d;
}

// ---- tokens ----

QString LocalAthena::makeToken(const QJsonArray &payload) const
{
    const QByteArray data = QJsonDocument(payload).toJson(QJsonDocument::Compact);
    const QByteArray mac = QMessageAuthenticationCode::hash(data, m_tokenSecret, QCryptographicHash::Sha256).left(12);
    const auto options = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
    return QString::fromLatin1(data.toBase64(options) + '.' + mac.toBase64(options));
}

std::optional<QJsonArray> LocalAthena::readToken(const QString &token) const
{
    const QList<QByteArray> parts = token.toLatin1().split('.');
    if (parts.size() != 2)
        return std::nullopt;
    const auto options = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
    const auto data = QByteArray::fromBase64Encoding(parts.at(0), options);
    const auto mac = QByteArray::fromBase64Encoding(parts.at(1), options);
    if (!data || !mac)
        return std::nullopt;
    const QByteArray expected = QMessageAuthenticationCode::hash(*data, m_tokenSecret, QCryptographicHash::Sha256).left(12);
    if (expected != *mac)
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(*data);
    if (!doc.isArray())
        return std::nullopt;
    return doc.array();
}

// ---- dispatch ----

OperationResult LocalAthena::call(const QString &operation, const QJsonObject &request)
{
    advance(nowMs());
    OperationResult result;
    if (operation == u"StartSession"_s)
        result = startSession(request);
    else if (operation == u"GetSession"_s)
        result = getSession(request);
    else if (operation == u"GetSessionStatus"_s)
        result = getSessionStatus(request);
    else if (operation == u"ListSessions"_s)
        result = listSessions(request);
    else if (operation == u"TerminateSession"_s)
        result = terminateSession(request);
    else if (operation == u"ListWorkGroups"_s)
        result = listWorkGroups(request);
    else if (operation == u"GetWorkGroup"_s)
        result = getWorkGroup(request);
    else if (operation == u"CreateWorkGroup"_s)
        result = createWorkGroup(request);
    else if (operation == u"ListEngineVersions"_s)
        result = listEngineVersions(request);
    else if (operation == u"StartCalculationExecution"_s)
        result = startCalculation(request);
    else if (operation == u"GetCalculationExecution"_s)
        result = getCalculation(request);
    else if (operation == u"ListCalculationExecutions"_s)
        result = listCalculations(request);
    else
        result = error(400, u"UnknownOperationException"_s, u"Operation %1 is not supported by athena-local"_s.arg(operation));
    // Whatever changed is on disk before the answer leaves.
    if (auto r = flush(); !r.ok())
        return error(500, u"InternalServerException"_s, u"State could not be saved: %1"_s.arg(r.error().message));
    return result;
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

OperationResult LocalAthena::startSession(const QJsonObject &body)
{
    auto decoded = json::decode<StartSessionRequest>(body);
    if (!decoded.ok())
        return serialization(decoded.error());
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
            return OperationResult{200, json::toJson(StartSessionResult{existing->d.sessionId, existing->d.status.state, {}})};
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
    s->accountedMs = now;
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

    m_sessions.insert(d.sessionId, s);
    m_byWorkGroup[d.workGroup].emplace(Key{s->startMs, s->seq}, d.sessionId);
    if (!s->token.isEmpty())
        m_tokens.insert(s->token, d.sessionId);
    markDirty(*s);
    return OperationResult{200, json::toJson(StartSessionResult{d.sessionId, d.status.state, {}})};
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
        if (auto c = m_calculations.value(s->runningCalculation)) {
            c->state = u"CANCELED"_s;
            c->reason = u"The session was terminated"_s;
            c->completedMs = now;
            markDirty(*c);
            s->runningCalculation.clear();
        }
        accrue(*s, now);
        s->d.status.state = SessionState::Terminating;
        s->d.status.lastModifiedDateTime = fromMs(now);
        s->d.status.stateChangeReason = u"Session was terminated by request"_s;
        schedule(*s, now + scaled(m_options.terminatingMs), BecomeTerminated);
        markDirty(*s);
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
        const std::optional<QJsonArray> token = readToken(request.nextToken);
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
            nextToken = makeToken(QJsonArray{1, request.workGroup, filter, last.first, last.second});
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

OperationResult LocalAthena::listWorkGroups(const QJsonObject &request)
{
    const QJsonValue max = request.value(u"MaxResults"_s);
    const QJsonValue next = request.value(u"NextToken"_s);
    if ((!max.isUndefined() && !max.isDouble()) || (!next.isUndefined() && !next.isString()))
        return error(400, u"SerializationException"_s, u"MaxResults must be a number and NextToken a string"_s);
    const std::optional<int> maxResults = max.isDouble() ? std::optional<int>(max.toInt()) : std::nullopt;
    if (const ValidationIssues issues = validateListWorkGroups(maxResults, next.toString()); !issues.isEmpty())
        return fromIssues(issues);
    QStringList names = m_workGroups.keys();
    std::sort(names.begin(), names.end());
    qsizetype from = 0;
    if (!next.toString().isEmpty()) {
        const std::optional<QJsonArray> token = readToken(next.toString());
        if (!token || token->size() != 2 || token->at(0).toInt() != 2)
            return invalid(u"The NextToken is not valid for this request."_s);
        from = std::upper_bound(names.begin(), names.end(), token->at(1).toString()) - names.begin();
    }
    ListWorkGroupsPage page;
    const int limit = maxResults.value_or(kDefaultListWorkGroups);
    for (qsizetype i = from; i < names.size(); ++i) {
        if (page.workGroups.size() == limit) {
            page.nextToken = makeToken(QJsonArray{2, names.at(i - 1)});
            break;
        }
        page.workGroups.append(m_workGroups.value(names.at(i))->wg.summary());
    }
    return OperationResult{200, json::toJson(page)};
}

OperationResult LocalAthena::getWorkGroup(const QJsonObject &request)
{
    const QJsonValue name = request.value(u"WorkGroup"_s);
    if (!name.isUndefined() && !name.isString())
        return error(400, u"SerializationException"_s, u"WorkGroup: expected a string"_s);
    if (const ValidationIssues issues = validateWorkGroupName(name.toString()); !issues.isEmpty())
        return fromIssues(issues);
    const auto wg = m_workGroups.value(name.toString());
    if (!wg)
        return invalid(u"WorkGroup %1 is not found."_s.arg(name.toString()));
    return OperationResult{200, QJsonObject{{u"WorkGroup"_s, json::toJson(wg->wg)}}};
}

OperationResult LocalAthena::createWorkGroup(const QJsonObject &body)
{
    auto decoded = json::decode<CreateWorkGroupRequest>(body);
    if (!decoded.ok())
        return serialization(decoded.error());
    const CreateWorkGroupRequest &request = decoded.value();
    if (const ValidationIssues issues = validateWorkGroupName(request.name); !issues.isEmpty())
        return fromIssues(issues);
    if (request.description.size() > 1024)
        return invalid(u"Description must be at most 1024 characters"_s);
    if (m_workGroups.contains(request.name))
        return invalid(u"WorkGroup %1 is already created."_s.arg(request.name));
    QString selected = request.configuration.engineVersion.selected;
    if (selected.isEmpty())
        selected = u"AUTO"_s;
    const bool known = std::any_of(engineVersions().begin(), engineVersions().end(),
                                   [&selected](const EngineVersion &e) { return e.selected == selected; });
    if (!known)
        return invalid(u"Engine version '%1' is not available; see ListEngineVersions."_s.arg(selected));
    WorkGroup wg;
    wg.name = request.name;
    wg.state = u"ENABLED"_s;
    wg.description = request.description;
    wg.creationTime = m_clock->nowUtc();
    wg.configuration = request.configuration;
    wg.configuration.engineVersion = EngineVersion{selected, effectiveEngine(selected)};
    if (wg.configuration.engineVersion.isSpark() && wg.configuration.executionRole.isEmpty())
        wg.configuration.executionRole = u"arn:aws:iam::%1:role/AthenaSparkLocalRole"_s.arg(QLatin1StringView(kAccount));
    addWorkGroup(wg);
    return OperationResult{200, QJsonObject()};
}

OperationResult LocalAthena::listEngineVersions(const QJsonObject &request)
{
    const QJsonValue max = request.value(u"MaxResults"_s);
    if (!max.isUndefined() && !max.isDouble())
        return error(400, u"SerializationException"_s, u"MaxResults: expected a number"_s);
    const std::optional<int> maxResults = max.isDouble() ? std::optional<int>(max.toInt()) : std::nullopt;
    if (const ValidationIssues issues = validateListEngineVersions(maxResults, request.value(u"NextToken"_s).toString()); !issues.isEmpty())
        return fromIssues(issues);
    ListEngineVersionsPage page;
    page.engineVersions = engineVersions().mid(0, maxResults.value_or(10));
    return OperationResult{200, json::toJson(page)};
}

// ---- calculations ----

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
    m_calculations.insert(c->id, c);
    markDirty(*c);

    accrue(*s, now);
    s->d.status.state = SessionState::Busy;
    s->d.status.lastModifiedDateTime = fromMs(now);
    s->d.status.stateChangeReason.clear();
    s->runningCalculation = c->id;
    schedule(*s, now + scaled(runMs), CalculationDone);
    markDirty(*s);
    return OperationResult{200, QJsonObject{{u"CalculationExecutionId"_s, c->id}, {u"State"_s, u"CREATING"_s}}};
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
        const std::optional<QJsonArray> token = readToken(next);
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
            out.insert(u"NextToken"_s, makeToken(QJsonArray{3, s->d.sessionId, found.at(i - 1)->seq}));
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

// ---- seeding ----

aws::Result<int> LocalAthena::seedSessions(int n, const QStringList &workGroups, double activeShare)
{
    QStringList targets = workGroups;
    if (targets.isEmpty()) {
        for (const auto &wg : std::as_const(m_workGroups)) {
            if (wg->wg.configuration.engineVersion.isSpark())
                targets << wg->wg.name;
        }
        std::sort(targets.begin(), targets.end());
    }
    for (const QString &t : std::as_const(targets)) {
        const auto wg = m_workGroups.value(t);
        if (!wg || !wg->wg.configuration.engineVersion.isSpark())
            return aws::AwsError::make(aws::AwsError::Kind::Validation, u"SeedError"_s, u"%1 is not a Spark workgroup"_s.arg(t));
    }
    if (targets.isEmpty() || n <= 0)
        return 0;

    static const QStringList purposes = {u"Nightly ETL"_s,          u"Ad-hoc analysis"_s,     u"Feature engineering"_s,
                                         u"Churn model training"_s, u"Clickstream sessionization"_s, u"Data quality checks"_s,
                                         u"Notebook: revenue forecast"_s, u"Backfill orders 2024"_s, u"Graph analytics"_s,
                                         u"Exploration"_s};
    static const int dpuChoices[] = {4, 8, 16, 20, 20, 40, 60, 120};
    const qint64 now = nowMs();
    const qint64 minute = 60000;
    for (int i = 0; i < n; ++i) {
        const QString wgName = targets.at(i % targets.size());
        const auto wg = m_workGroups.value(wgName);
        auto s = std::make_shared<Session>();
        s->seq = ++m_seq;
        SessionDetails &d = s->d;
        d.sessionId = newId();
        d.workGroup = wgName;
        d.description = u"%1 #%2"_s.arg(purposes.at(m_random.bounded(static_cast<int>(purposes.size())))).arg(i + 1);
        d.engineVersion = wg->wg.configuration.engineVersion.effective;
        d.engineConfiguration.maxConcurrentDpus = dpuChoices[m_random.bounded(8)];
        d.engineConfiguration.coordinatorDpuSize = 1;
        d.engineConfiguration.defaultExecutorDpuSize = 1;
        if (m_random.bounded(3) == 0)
            d.engineConfiguration.sparkProperties.insert(u"spark.sql.shuffle.partitions"_s, QString::number(64 << m_random.bounded(4)));
        if (m_random.bounded(2) == 0) {
            d.notebookVersion = u"Athena notebook version 1"_s;
            d.engineConfiguration.additionalConfigs.insert(u"NotebookId"_s, newId());
        }
        d.sessionConfiguration.executionRole = wg->wg.configuration.executionRole;
        d.sessionConfiguration.workingDirectory = u"s3://athena-local-results/%1/sessions/%2/"_s.arg(wgName, d.sessionId);

        // Active: about 3 IDLE to 1 BUSY; ended: mostly TERMINATED, some FAILED and DEGRADED.
        const double share = std::clamp(activeShare, 0.0, 1.0);
        const double r = m_random.generateDouble();
        const double ended = share < 1.0 ? (r - share) / (1.0 - share) : 0.0;
        SessionState state = r < share * 0.73 ? SessionState::Idle
                             : r < share      ? SessionState::Busy
                             : ended < 0.76   ? SessionState::Terminated
                             : ended < 0.89   ? SessionState::Failed
                                              : SessionState::Degraded;
        const bool active = isActive(state);
        const int idleMinutes = active ? 480 : QList<int>{15, 20, 30, 60}.at(m_random.bounded(4));
        d.sessionConfiguration.sessionIdleTimeoutInMinutes = idleMinutes;
        d.sessionConfiguration.idleTimeoutSeconds = idleMinutes * 60;
        s->startMs = active ? now - (5 + m_random.bounded(8 * 60)) * minute : now - (60 + m_random.bounded(14 * 24 * 60)) * minute;
        d.status.startDateTime = fromMs(s->startMs);
        d.status.state = state;
        s->accountedMs = active ? now : s->startMs;
        switch (state) {
        case SessionState::Idle: {
            const qint64 idleSince = std::max(s->startMs + minute, now - m_random.bounded(60) * minute);
            d.status.idleSinceDateTime = fromMs(idleSince);
            d.status.lastModifiedDateTime = fromMs(idleSince);
            s->dpuMs = now - s->startMs;
            schedule(*s, idleSince + scaled(static_cast<qint64>(idleMinutes) * minute), IdleTimeout);
            break;
        }
        case SessionState::Busy: {
            const qint64 submitted = now - m_random.bounded(10) * minute - minute;
            d.status.lastModifiedDateTime = fromMs(submitted);
            s->dpuMs = (now - s->startMs) + 4 * (now - submitted);
            auto c = std::make_shared<Calculation>();
            c->id = newId();
            c->sessionId = d.sessionId;
            c->description = u"Step %1"_s.arg(1 + m_random.bounded(12));
            c->state = u"RUNNING"_s;
            c->seq = ++m_seq;
            c->submittedMs = submitted;
            c->workingDirectory = d.sessionConfiguration.workingDirectory;
            m_calculations.insert(c->id, c);
            markDirty(*c);
            s->runningCalculation = c->id;
            schedule(*s, submitted + scaled((30 + m_random.bounded(90)) * minute), CalculationDone);
            break;
        }
        case SessionState::Terminated: {
            const qint64 end = std::min(now - minute, s->startMs + (10 + m_random.bounded(6 * 60)) * minute);
            d.status.endDateTime = fromMs(end);
            d.status.lastModifiedDateTime = fromMs(end);
            d.status.stateChangeReason = m_random.bounded(2) ? u"Session was terminated by request"_s
                                                              : u"Session was idle for longer than its idle timeout of %1 minutes"_s.arg(idleMinutes);
            s->dpuMs = (end - s->startMs) * (1 + m_random.bounded(4));
            s->accountedMs = end;
            break;
        }
        case SessionState::Failed:
            d.status.endDateTime = fromMs(s->startMs + 40000);
            d.status.lastModifiedDateTime = d.status.endDateTime;
            d.status.stateChangeReason = u"Session could not be started: the execution role cannot be assumed"_s;
            s->accountedMs = s->startMs + 40000;
            break;
        default: // Degraded
            d.status.lastModifiedDateTime = fromMs(s->startMs + 30 * minute);
            d.status.stateChangeReason = u"Session has no healthy coordinator"_s;
            s->dpuMs = 30 * minute;
            s->accountedMs = s->startMs + 30 * minute;
            break;
        }
        m_sessions.insert(d.sessionId, s);
        m_byWorkGroup[wgName].emplace(Key{s->startMs, s->seq}, d.sessionId);
        markDirty(*s);
    }
    if (auto f = flush(); !f.ok())
        return f.error();
    return n;
}

} // namespace local
