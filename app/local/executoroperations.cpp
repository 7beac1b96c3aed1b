// LocalAthena: the executors of a session (ListExecutors) and its Spark Connect endpoint
// (GetSessionEndpoint). Every session has a COORDINATOR from its start; while calculations run,
// WORKERs are asked for in steps that double (1, 2, 4, … as Spark's dynamic allocation ramps up)
// until MaxConcurrentDpus is reached; once the session is idle again they terminate. The DPUs a
// session is billed for are its executors' sizes over the time they were registered.
#include "local/localathena.h"

#include "local/localathenainternal.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QUuid>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;
using namespace athena;

namespace local {

using namespace detail;

namespace detail {

QString ExecutorBatch::stateAt(qint64 t) const
{
    if (endMs != 0 && t >= endMs)
        return failed ? u"FAILED"_s : u"TERMINATED"_s;
    if (stopMs != 0 && t >= stopMs)
        return u"TERMINATING"_s;
    if (readyMs != 0 && t >= readyMs)
        return u"REGISTERED"_s;
    return u"CREATING"_s;
}

qint64 ExecutorBatch::dpuMsAt(qint64 t) const
{
    if (readyMs == 0 || t <= readyMs)
        return 0;
    const qint64 until = endMs != 0 ? std::min(t, endMs) : t;
    return until > readyMs ? static_cast<qint64>(count) * size * (until - readyMs) : 0;
}

} // namespace detail

namespace {

// The executor's UUID: derived from the session and the executor's number, so that a batch of
// workers needs no stored ids.
QString executorId(const QString &sessionId, int number)
{
    const QUuid space = QUuid::createUuidV5(QUuid(), sessionId);
    return QUuid::createUuidV5(space, QString::number(number)).toString(QUuid::WithoutBraces);
}

} // namespace

void LocalAthena::addCoordinator(Session &s, qint64 at)
{
    ExecutorBatch coordinator;
    coordinator.first = s.executorCount++;
    coordinator.size = std::max(1, s.d.engineConfiguration.coordinatorDpuSize.value_or(1));
    coordinator.startMs = at;
    s.executors.append(coordinator);
}

void LocalAthena::addWorkers(Session &s, qint64 at)
{
    for (const ExecutorBatch &b : std::as_const(s.executors)) {
        if (b.worker && b.endMs == 0)
            return; // already there (or on their way)
    }
    const int coordinator = std::max(1, s.d.engineConfiguration.coordinatorDpuSize.value_or(1));
    const int size = std::max(1, s.d.engineConfiguration.defaultExecutorDpuSize.value_or(1));
    const int wanted = std::max(0, (s.maxDpus() - coordinator) / size);
    int asked = 0;
    for (int step = 0; asked < wanted; ++step) {
        ExecutorBatch b;
        b.worker = true;
        b.first = s.executorCount;
        b.count = std::min(1 << std::min(step, 20), wanted - asked);
        b.size = size;
        b.startMs = at + (step ? scaled(step * kExecutorRampStepMs) : 0);
        b.readyMs = b.startMs + scaled(kExecutorStartingMs);
        s.executors.append(b);
        s.executorCount += b.count;
        asked += b.count;
    }
}

void LocalAthena::releaseWorkers(Session &s, qint64 at, bool sessionEnding)
{
    // Those not started yet never will be.
    s.executors.removeIf([at](const ExecutorBatch &b) { return b.worker && b.startMs > at; });
    for (ExecutorBatch &b : s.executors) {
        if (b.endMs != 0 || b.stopMs != 0)
            continue;
        if (b.worker) {
            b.stopMs = at;
            b.endMs = at + scaled(kExecutorTerminatingMs);
            if (b.readyMs > b.stopMs)
                b.readyMs = 0; // stopped while starting: never registered
        } else if (sessionEnding) {
            b.stopMs = at;
        }
    }
    pruneExecutors(s);
}

void LocalAthena::endExecutors(Session &s, qint64 at, bool failed)
{
    s.executors.removeIf([at](const ExecutorBatch &b) { return b.startMs > at; });
    for (ExecutorBatch &b : s.executors) {
        if (b.endMs != 0 && b.endMs <= at)
            continue;
        if (b.readyMs > at)
            b.readyMs = 0;
        if (b.stopMs > at)
            b.stopMs = 0;
        b.endMs = at;
        b.failed = failed && !b.worker;
    }
    pruneExecutors(s);
}

void LocalAthena::pruneExecutors(Session &s)
{
    // Keep the newest kKeptEndedExecutors of those ended or ending; the others' DPU time (to
    // their end, a few simulated seconds ahead at most) stays billed.
    qint64 ended = 0;
    for (const ExecutorBatch &b : std::as_const(s.executors)) {
        if (b.endMs != 0)
            ended += b.count;
    }
    for (qsizetype i = 0; ended > kKeptEndedExecutors && i < s.executors.size();) {
        ExecutorBatch &b = s.executors[i];
        if (b.endMs == 0) {
            ++i;
            continue;
        }
        const int drop = static_cast<int>(std::min<qint64>(b.count, ended - kKeptEndedExecutors));
        s.dpuMs += static_cast<qint64>(drop) * b.size * (b.readyMs ? std::max<qint64>(0, b.endMs - b.readyMs) : 0);
        ended -= drop;
        if (drop == b.count) {
            s.executors.removeAt(i);
        } else {
            b.first += drop;
            b.count -= drop;
            ++i;
        }
    }
}

qint64 LocalAthena::executorDpuMs(const Session &s, qint64 at) const
{
    qint64 total = 0;
    for (const ExecutorBatch &b : s.executors)
        total += b.dpuMsAt(at);
    return total;
}

OperationResult LocalAthena::listExecutors(const QJsonObject &request)
{
    OperationResult result;
    const Session *s = findSession(request, result);
    if (!s)
        return result;
    const QJsonValue filterValue = request.value(u"ExecutorStateFilter"_s);
    const QJsonValue max = request.value(u"MaxResults"_s);
    const QJsonValue next = request.value(u"NextToken"_s);
    if ((!filterValue.isUndefined() && !filterValue.isString()) || (!max.isUndefined() && !max.isDouble())
        || (!next.isUndefined() && !next.isString()))
        return error(400, u"SerializationException"_s, u"ExecutorStateFilter and NextToken must be strings, MaxResults a number"_s);
    const QString filter = filterValue.toString();
    static const QStringList states = {u"CREATING"_s, u"CREATED"_s, u"REGISTERED"_s, u"TERMINATING"_s, u"TERMINATED"_s, u"FAILED"_s};
    if (!filterValue.isUndefined() && !states.contains(filter))
        return invalid(u"ExecutorStateFilter '%1' is not an executor state"_s.arg(filter.left(64)));
    const double limitValue = max.isDouble() ? max.toDouble() : kDefaultListExecutors;
    if (limitValue < 1 || limitValue > 100 || limitValue != static_cast<int>(limitValue))
        return invalid(u"Max results must be between 1 and 100"_s);
    const int limit = static_cast<int>(limitValue);
    if (next.toString().size() > 2048)
        return invalid(u"NextToken must be at most 2048 characters"_s);
    int before = std::numeric_limits<int>::max();
    if (!next.toString().isEmpty()) {
        const std::optional<QJsonArray> token = m_pageToken.read(next.toString());
        if (!token || token->size() != 4 || token->at(0).toInt() != 4 || token->at(1).toString() != s->d.sessionId
            || token->at(2).toString() != filter)
            return invalid(u"The NextToken is not valid for this request."_s);
        before = token->at(3).toInt();
    }

    const qint64 now = nowMs();
    QJsonArray list;
    QJsonObject out{{u"SessionId"_s, s->d.sessionId}};
    int last = -1;
    for (auto b = s->executors.crbegin(); b != s->executors.crend(); ++b) {
        if (b->startMs > now)
            continue; // asked for later
        const QString state = b->stateAt(now);
        if (!filter.isEmpty() && state != filter)
            continue;
        for (int n = std::min(b->first + b->count, before) - 1; n >= b->first; --n) {
            if (list.size() == limit) {
                out.insert(u"NextToken"_s, m_pageToken.make(QJsonArray{4, s->d.sessionId, filter, last}));
                out.insert(u"ExecutorsSummary"_s, list);
                return OperationResult{200, out};
            }
            QJsonObject e{{u"ExecutorId"_s, executorId(s->d.sessionId, n)},
                          {u"ExecutorType"_s, b->worker ? u"WORKER"_s : u"COORDINATOR"_s},
                          {u"StartDateTime"_s, b->startMs},
                          {u"ExecutorState"_s, state},
                          {u"ExecutorSize"_s, b->size}};
            if (b->endMs != 0 && b->endMs <= now)
                e.insert(u"TerminationDateTime"_s, b->endMs);
            list.append(e);
            last = n;
        }
    }
    out.insert(u"ExecutorsSummary"_s, list);
    return OperationResult{200, out};
}

OperationResult LocalAthena::getSessionEndpoint(const QJsonObject &request)
{
    OperationResult result;
    Session *s = findSession(request, result);
    if (!s)
        return result;
    if (!isActive(s->state()))
        return invalid(u"Session %1 is %2: it has no endpoint."_s.arg(s->d.sessionId, stateName(s->state())));
    const qint64 now = nowMs();
    // One token at a time, until it expires; kept in memory only and never written anywhere.
    if (s->endpointToken.isEmpty() || now >= s->endpointExpiresMs) {
        QByteArray secret(32, '\0');
        for (char &c : secret)
            c = static_cast<char>(QRandomGenerator::system()->bounded(256));
        s->endpointToken = QString::fromLatin1(secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        s->endpointExpiresMs = now + scaled(kEndpointTokenMs);
    }
    return OperationResult{200, QJsonObject{{u"EndpointUrl"_s, u"https://%1.spark-connect.athena-local.localhost/"_s.arg(s->d.sessionId)},
                                            {u"AuthToken"_s, s->endpointToken},
                                            {u"AuthTokenExpirationTime"_s, static_cast<double>(s->endpointExpiresMs) / 1000.0}}};
}

} // namespace local
