// LocalAthena: seeding. The default workgroups of a new database, and sessions spread over
// workgroups, states and times for demonstrations and load tests.
#include "local/localathena.h"

#include "local/localathenainternal.h"

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace athena;

namespace local {

using namespace detail;

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
    const qint64 minute = 60000;
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
            s->runningCalculation = c->id;
            insertCalculation(std::move(c));
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
