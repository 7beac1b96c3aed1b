// LocalAthena: seeding. The default workgroups of a new database, and sessions spread over
// workgroups, states and times for demonstrations and load tests.
#include "local/localathena.h"

#include "local/localathenainternal.h"

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace athena;

namespace local {

using namespace detail;

namespace {

constexpr qint64 second = 1000;
constexpr qint64 minute = 60 * second;

const QStringList &seededCode()
{
    static const QStringList code = {
        u"df = spark.read.parquet(\"s3://athena-local-data/orders/\")\ndf.groupBy(\"region\").count().show()\nsleep(240)"_s,
        u"events = spark.table(\"clickstream.events\")\nsessions = events.groupBy(\"user_id\").agg({\"ts\": \"max\"})\nsessions.write.mode(\"overwrite\").saveAsTable(\"clickstream.sessions\")"_s,
        u"from pyspark.ml.feature import VectorAssembler\nfeatures = VectorAssembler(inputCols=[\"a\", \"b\"], outputCol=\"f\")\nsleep(600)"_s,
        u"spark.sql(\"SELECT count(*) FROM sales.orders WHERE day = current_date()\").show()"_s,
    };
    return code;
}

} // namespace

// `count` calculations that ended before `until`, one after another, oldest first.
void LocalAthena::seedPastCalculations(Session &s, int count, qint64 until)
{
    qint64 at = s.startMs + m_options.creatingMs + m_options.createdMs;
    const qint64 span = std::max<qint64>(count, until - at) / std::max(1, count);
    for (int k = 0; k < count; ++k) {
        auto c = std::make_shared<Calculation>();
        c->id = newId();
        c->sessionId = s.d.sessionId;
        c->description = u"Step %1"_s.arg(k + 1);
        c->code = seededCode().at(m_random.bounded(static_cast<int>(seededCode().size())));
        c->seq = ++m_seq;
        c->submittedMs = at;
        c->startedMs = at + 2 * second;
        c->completedMs = std::max(c->startedMs, at + span / 2);
        c->runMs = c->completedMs - c->startedMs;
        c->dpuMs = c->runMs * s.maxDpus();
        s.dpuMs += c->runMs * (s.maxDpus() - 1); // its workers: billed, no longer listed
        if (m_random.bounded(8) == 0) {
            c->state = u"FAILED"_s;
            c->reason = u"AnalysisException: Table or view not found: sales.orders_staging"_s;
        } else {
            c->state = u"COMPLETED"_s;
        }
        c->workingDirectory = s.d.sessionConfiguration.workingDirectory;
        insertCalculation(std::move(c));
        at += span;
    }
}

void LocalAthena::seedDefaultWorkGroups()
{
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
            wg.configuration.executionRole = sparkExecutionRole();
        insertWorkGroup(wg);
    };
    make(u"primary"_s, u"SQL queries"_s, u"AUTO"_s);
    make(u"spark-analytics"_s, u"Interactive Spark notebooks"_s, u"PySpark engine version 3"_s);
    make(u"spark-etl"_s, u"Scheduled Spark ETL"_s, u"Apache Spark version 3.5"_s);
    make(u"spark-ml"_s, u"Model training and feature engineering"_s, u"PySpark engine version 3"_s);
}

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
    const qint64 startupMs = m_options.creatingMs + m_options.createdMs;
    for (int i = 0; i < n; ++i) {
        const QString &wgName = targets.at(i % targets.size());
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
        // The coordinator, up since the session came up; ended with it.
        ExecutorBatch coordinator;
        coordinator.first = s->executorCount++;
        coordinator.startMs = s->startMs;
        coordinator.readyMs = s->startMs + startupMs;
        switch (state) {
        case SessionState::Idle: {
            const qint64 idleSince = std::max(s->startMs + minute, now - m_random.bounded(60) * minute);
            d.status.idleSinceDateTime = fromMs(idleSince);
            d.status.lastModifiedDateTime = fromMs(idleSince);
            s->executors.append(coordinator);
            schedule(*s, idleSince + scaled(static_cast<qint64>(idleMinutes) * minute), IdleTimeout);
            break;
        }
        case SessionState::Busy: {
            const qint64 submitted = std::max(s->startMs + startupMs, now - m_random.bounded(10) * minute - minute);
            d.status.lastModifiedDateTime = fromMs(submitted);
            s->executors.append(coordinator);
            seedPastCalculations(*s, 1, submitted); // one: seeding 100,000 sessions stays fast
            auto c = std::make_shared<Calculation>();
            c->id = newId();
            c->sessionId = d.sessionId;
            c->description = u"Step %1"_s.arg(1 + m_random.bounded(12));
            c->code = seededCode().at(m_random.bounded(static_cast<int>(seededCode().size())));
            c->state = u"RUNNING"_s;
            c->seq = ++m_seq;
            c->submittedMs = submitted - 2 * second;
            c->startedMs = submitted;
            c->runMs = scaled((30 + m_random.bounded(90)) * minute);
            c->workingDirectory = d.sessionConfiguration.workingDirectory;
            s->queue.append(c->id);
            addWorkers(*s, submitted);
            scheduleCalculation(*c, submitted + c->runMs, CalculationFinish);
            insertCalculation(std::move(c));
            break;
        }
        case SessionState::Terminated: {
            const qint64 end = std::min(now - minute, s->startMs + (10 + m_random.bounded(6 * 60)) * minute);
            d.status.endDateTime = fromMs(end);
            d.status.lastModifiedDateTime = fromMs(end);
            d.status.stateChangeReason = m_random.bounded(2) ? u"Session was terminated by request"_s
                                                              : u"Session was idle for longer than its idle timeout of %1 minutes"_s.arg(idleMinutes);
            coordinator.stopMs = end - 2 * second;
            coordinator.endMs = end;
            s->executors.append(coordinator);
            // Its workers came and went: billed, no longer listed.
            s->dpuMs = std::max<qint64>(0, (end - s->startMs) * (1 + m_random.bounded(4)) - coordinator.dpuMsAt(end));
            break;
        }
        case SessionState::Failed:
            d.status.endDateTime = fromMs(s->startMs + 40000);
            d.status.lastModifiedDateTime = d.status.endDateTime;
            d.status.stateChangeReason = u"Session could not be started: the execution role cannot be assumed"_s;
            coordinator.readyMs = 0;
            coordinator.endMs = s->startMs + 40000;
            coordinator.failed = true;
            s->executors.append(coordinator);
            break;
        default: // Degraded
            d.status.lastModifiedDateTime = fromMs(s->startMs + 30 * minute);
            d.status.stateChangeReason = u"Session has no healthy coordinator"_s;
            coordinator.endMs = s->startMs + 30 * minute;
            coordinator.failed = true;
            s->executors.append(coordinator);
            break;
        }
        insertSession(std::move(s));
    }
    // All of them or none.
    if (auto f = flush(); !f.ok()) {
        rollback();
        return f.error();
    }
    return n;
}

} // namespace local
