// LocalAthena: persistence. open() loads the state from the store; every change is tracked from
// the moment before it is made, so that flush() writes all of a call's changes in one
// transaction, and rollback() puts the memory back as the store has it when that write fails.
#include "local/localathena.h"

#include "athena/athenajson.h"
#include "local/localathenainternal.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace athena;

namespace local {

using namespace detail;

namespace {

const QString kTokenSecretKey = u"token-secret"_s;

aws::AwsError unreadable(const QString &what, const QString &id, const QString &why)
{
    return aws::AwsError::make(aws::AwsError::Kind::Config, u"StoreError"_s, u"%1 %2 is unreadable: %3"_s.arg(what, id, why));
}

std::shared_ptr<LocalAthena::Calculation> deserializeCalculation(const QByteArray &data)
{
    const QJsonObject o = QJsonDocument::fromJson(data).object();
    auto c = std::make_shared<LocalAthena::Calculation>();
    c->id = o.value(u"id"_s).toString();
    c->sessionId = o.value(u"session"_s).toString();
    c->description = o.value(u"description"_s).toString();
    c->code = o.value(u"code"_s).toString();
    c->state = o.value(u"state"_s).toString();
    c->reason = o.value(u"reason"_s).toString();
    c->failure = o.value(u"failure"_s).toString();
    c->token = o.value(u"token"_s).toString();
    c->fingerprint = o.value(u"fingerprint"_s).toString().toLatin1();
    c->seq = o.value(u"seq"_s).toInteger();
    c->submittedMs = o.value(u"submitted"_s).toInteger();
    c->startedMs = o.value(u"started"_s).toInteger();
    c->completedMs = o.value(u"completed"_s).toInteger();
    c->runMs = o.value(u"runMs"_s).toInteger();
    c->dpuMs = o.value(u"dpuMs"_s).toInteger();
    c->nextEvent = o.value(u"nextEvent"_s).toInt();
    c->nextAt = o.value(u"nextAt"_s).toInteger();
    c->workingDirectory = o.value(u"wd"_s).toString();
    return c;
}

// Executor batches as stored: "first,count,worker,size,start,ready,stop,end,failed;…" (one
// string: cheaper than nested JSON arrays for the 100,000 sessions of a seeding).
QString serializeExecutors(const QList<ExecutorBatch> &executors)
{
    QString out;
    out.reserve(static_cast<qsizetype>(executors.size()) * 64);
    for (const ExecutorBatch &b : executors) {
        if (!out.isEmpty())
            out += u';';
        for (const qint64 v : {qint64(b.first), qint64(b.count), qint64(b.worker), qint64(b.size), b.startMs, b.readyMs, b.stopMs,
                               b.endMs, qint64(b.failed)}) {
            out += QString::number(v);
            out += u',';
        }
        out.chop(1);
    }
    return out;
}

QList<ExecutorBatch> deserializeExecutors(const QString &text)
{
    QList<ExecutorBatch> executors;
    for (const QStringView batch : QStringView(text).split(u';', Qt::SkipEmptyParts)) {
        const QList<QStringView> f = batch.split(u',');
        if (f.size() != 9)
            continue;
        executors.append(ExecutorBatch{f[0].toInt(), std::max(1, f[1].toInt()), f[2].toInt() != 0, std::max(1, f[3].toInt()),
                                       f[4].toLongLong(), f[5].toLongLong(), f[6].toLongLong(), f[7].toLongLong(), f[8].toInt() != 0});
    }
    return executors;
}

} // namespace

aws::Result<bool> LocalAthena::open(const QString &databasePath)
{
    if (auto r = m_store.open(databasePath.isEmpty() ? u":memory:"_s : databasePath, m_options.storeBusyTimeoutMs); !r.ok())
        return r;

    const auto storedSecret = m_store.meta(kTokenSecretKey);
    if (!storedSecret.ok())
        return storedSecret.error();
    QByteArray secret = QByteArray::fromBase64(storedSecret.value().toLatin1());
    if (!PageToken::isUsableSecret(secret)) {
        secret = PageToken::newSecret();
        if (auto r = m_store.setMeta(kTokenSecretKey, QString::fromLatin1(secret.toBase64())); !r.ok())
            return aws::AwsError::make(aws::AwsError::Kind::Config, u"StoreError"_s,
                                       u"Cannot store the page-token secret: %1"_s.arg(r.error().message));
    }
    m_pageToken = PageToken(secret);

    auto groups = m_store.all(LocalStore::Table::WorkGroups);
    if (!groups.ok())
        return groups.error();
    for (const LocalStore::Row &row : groups.value()) {
        auto wg = json::decode<WorkGroup>(QJsonObject{{u"WorkGroup"_s, QJsonDocument::fromJson(row.data).object()}});
        if (!wg.ok())
            return unreadable(u"Workgroup"_s, row.id, wg.error().message);
        m_workGroups.insert(row.id, std::make_shared<WorkGroupRecord>(WorkGroupRecord{wg.value(), row.seq}));
        m_seq = std::max(m_seq, row.seq);
    }

    auto sessions = m_store.all(LocalStore::Table::Sessions);
    if (!sessions.ok())
        return sessions.error();
    for (const LocalStore::Row &row : sessions.value()) {
        const QJsonObject o = QJsonDocument::fromJson(row.data).object();
        auto d = json::decode<SessionDetails>(o);
        if (!d.ok())
            return unreadable(u"Session"_s, row.id, d.error().message);
        auto s = std::make_shared<Session>();
        s->d = d.value();
        const QJsonObject sim = o.value(u"_sim"_s).toObject();
        s->seq = sim.value(u"seq"_s).toInteger();
        s->startMs = sim.value(u"start"_s).toInteger();
        s->token = sim.value(u"token"_s).toString();
        s->fingerprint = sim.value(u"fingerprint"_s).toString().toLatin1();
        s->nextEvent = sim.value(u"nextEvent"_s).toInt();
        s->nextAt = sim.value(u"nextAt"_s).toInteger();
        s->dpuMs = sim.value(u"dpuMs"_s).toInteger();
        for (const auto &id : sim.value(u"queue"_s).toArray())
            s->queue.append(id.toString());
        if (const QString running = sim.value(u"calculation"_s).toString(); !running.isEmpty() && s->queue.isEmpty())
            s->queue.append(running); // written before calculations were queued
        s->executors = deserializeExecutors(sim.value(u"executors"_s).toString());
        s->executorCount = sim.value(u"executorCount"_s).toInt();
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
        auto c = deserializeCalculation(row.data);
        m_calculations.insert(c->id, c);
        indexCalculation(*c);
        if (c->nextEvent != NoEvent)
            m_calculationTimeline.emplace(c->nextAt, c->id);
        m_seq = std::max(m_seq, c->seq);
    }
    m_writtenSeq = m_seq;

    if (m_workGroups.isEmpty()) {
        seedDefaultWorkGroups();
        if (auto r = flush(); !r.ok()) {
            rollback();
            return aws::AwsError::make(aws::AwsError::Kind::Config, u"StoreError"_s,
                                       u"Cannot store the default workgroups: %1"_s.arg(r.error().message));
        }
    }
    return true;
}

// ---- change tracking ----

void LocalAthena::markDirty(const Session &s)
{
    s.summaryJson.clear();
    if (!m_dirtySessions.contains(s.d.sessionId))
        m_dirtySessions.insert(s.d.sessionId, std::make_shared<const Session>(s));
}

void LocalAthena::markDirty(const Calculation &c)
{
    if (!m_dirtyCalculations.contains(c.id))
        m_dirtyCalculations.insert(c.id, std::make_shared<const Calculation>(c));
}

void LocalAthena::insertSession(std::shared_ptr<Session> s)
{
    const QString id = s->d.sessionId;
    m_byWorkGroup[s->d.workGroup].emplace(Key{s->startMs, s->seq}, id);
    if (!s->token.isEmpty())
        m_tokens.insert(s->token, id);
    m_sessions.insert(id, s);
    m_dirtySessions.insert(id, nullptr);
}

void LocalAthena::indexCalculation(const Calculation &c)
{
    m_calculationsBySession[c.sessionId].emplace(c.seq, c.id);
    if (!c.token.isEmpty())
        m_calculationTokens.insert(c.token, c.id);
}

void LocalAthena::insertCalculation(std::shared_ptr<Calculation> c)
{
    const QString id = c->id;
    indexCalculation(*c);
    m_calculations.insert(id, c);
    m_dirtyCalculations.insert(id, nullptr);
}

void LocalAthena::insertWorkGroup(const WorkGroup &wg)
{
    m_workGroups.insert(wg.name, std::make_shared<WorkGroupRecord>(WorkGroupRecord{wg, ++m_seq}));
    m_newWorkGroups.insert(wg.name);
}

// ---- writing and undoing ----

aws::Result<bool> LocalAthena::flush()
{
    LocalStore::Batch workGroups{LocalStore::Table::WorkGroups, {}};
    for (const QString &name : std::as_const(m_newWorkGroups)) {
        if (const auto record = m_workGroups.value(name))
            workGroups.rows.append({name, record->seq, name, QJsonDocument(json::toJson(record->wg)).toJson(QJsonDocument::Compact)});
    }
    LocalStore::Batch sessions{LocalStore::Table::Sessions, {}};
    sessions.rows.reserve(m_dirtySessions.size());
    for (auto it = m_dirtySessions.cbegin(); it != m_dirtySessions.cend(); ++it) {
        if (const auto s = m_sessions.value(it.key()))
            sessions.rows.append({it.key(), s->seq, s->d.workGroup, serialize(*s)});
    }
    LocalStore::Batch calculations{LocalStore::Table::Calculations, {}};
    for (auto it = m_dirtyCalculations.cbegin(); it != m_dirtyCalculations.cend(); ++it) {
        if (const auto c = m_calculations.value(it.key()))
            calculations.rows.append({it.key(), c->seq, c->sessionId, serialize(*c)});
    }
    if (auto r = m_store.write({workGroups, sessions, calculations}); !r.ok())
        return r; // still dirty: the caller rolls back
    m_newWorkGroups.clear();
    m_dirtySessions.clear();
    m_dirtyCalculations.clear();
    m_writtenSeq = m_seq;
    return true;
}

void LocalAthena::rollback()
{
    for (auto it = m_dirtySessions.cbegin(); it != m_dirtySessions.cend(); ++it) {
        const auto s = m_sessions.value(it.key());
        if (!s)
            continue;
        if (const std::shared_ptr<const Session> &written = it.value()) {
            *s = *written;
            // Its event may have been taken off the timeline since; a duplicate entry is
            // skipped by advance() as superseded.
            if (s->nextEvent != NoEvent)
                m_timeline.emplace(s->nextAt, s->d.sessionId);
        } else {
            auto index = m_byWorkGroup.find(s->d.workGroup);
            if (index != m_byWorkGroup.end()) {
                index->erase(Key{s->startMs, s->seq});
                if (index->empty())
                    m_byWorkGroup.erase(index);
            }
            if (!s->token.isEmpty() && m_tokens.value(s->token) == s->d.sessionId)
                m_tokens.remove(s->token);
            m_sessions.remove(it.key()); // its timeline entries are skipped as superseded
        }
    }
    for (auto it = m_dirtyCalculations.cbegin(); it != m_dirtyCalculations.cend(); ++it) {
        const auto c = m_calculations.value(it.key());
        if (!c)
            continue;
        if (const std::shared_ptr<const Calculation> &written = it.value()) {
            *c = *written;
            if (c->nextEvent != NoEvent) // a duplicate entry is skipped as superseded
                m_calculationTimeline.emplace(c->nextAt, c->id);
        } else {
            auto index = m_calculationsBySession.find(c->sessionId);
            if (index != m_calculationsBySession.end()) {
                index->erase(c->seq);
                if (index->empty())
                    m_calculationsBySession.erase(index);
            }
            if (!c->token.isEmpty() && m_calculationTokens.value(c->token) == c->id)
                m_calculationTokens.remove(c->token);
            m_calculations.remove(it.key());
        }
    }
    for (const QString &name : std::as_const(m_newWorkGroups))
        m_workGroups.remove(name);
    m_newWorkGroups.clear();
    m_dirtySessions.clear();
    m_dirtyCalculations.clear();
    m_seq = m_writtenSeq;
}

// ---- records as stored ----

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
                            {u"dpuMs"_s, s.dpuMs},
                            {u"executors"_s, serializeExecutors(s.executors)},
                            {u"executorCount"_s, s.executorCount},
                            {u"willFail"_s, s.willFail},
                            {u"willDegrade"_s, s.willDegrade},
                        });
    if (!s.queue.isEmpty()) {
        QJsonObject sim = o.value(u"_sim"_s).toObject();
        sim.insert(u"queue"_s, QJsonArray::fromStringList(s.queue));
        o.insert(u"_sim"_s, sim);
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray LocalAthena::serialize(const Calculation &c) const
{
    return QJsonDocument(QJsonObject{{u"id"_s, c.id},
                                     {u"session"_s, c.sessionId},
                                     {u"description"_s, c.description},
                                     {u"code"_s, c.code},
                                     {u"state"_s, c.state},
                                     {u"reason"_s, c.reason},
                                     {u"failure"_s, c.failure},
                                     {u"token"_s, c.token},
                                     {u"fingerprint"_s, QString::fromLatin1(c.fingerprint)},
                                     {u"seq"_s, c.seq},
                                     {u"submitted"_s, c.submittedMs},
                                     {u"started"_s, c.startedMs},
                                     {u"completed"_s, c.completedMs},
                                     {u"runMs"_s, c.runMs},
                                     {u"dpuMs"_s, c.dpuMs},
                                     {u"nextEvent"_s, c.nextEvent},
                                     {u"nextAt"_s, c.nextAt},
                                     {u"wd"_s, c.workingDirectory}})
        .toJson(QJsonDocument::Compact);
}

} // namespace local
