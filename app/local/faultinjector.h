#pragma once

#include "aws/result.h"

#include <QHash>
#include <QList>
#include <QRandomGenerator>
#include <QString>

namespace local {

// One --fault rule: "[Operation:]error=0.2,throttle=0.1,drop=0.05,latency=5-50".
struct FaultRule
{
    QString operation; // empty: every operation
    double errorRate = 0;    // HTTP 500 InternalServerException
    double throttleRate = 0; // HTTP 400 ThrottlingException
    double dropRate = 0;     // the connection is closed without an answer, before or after the work
    int latencyMinMs = 0;
    int latencyMaxMs = 0;

    static aws::Result<FaultRule> parse(const QString &spec);
};

// Decides, per request, which fault (if any) to inject. Seeded, so a test is repeatable.
class FaultInjector
{
public:
    enum class Action { None, InternalError, Throttle, DropBefore, DropAfter };
    struct Decision
    {
        Action action = Action::None;
        int delayMs = 0;
    };

    explicit FaultInjector(QList<FaultRule> rules = {}, quint64 seed = 0);
    bool isActive() const { return !m_rules.isEmpty(); }
    Decision decide(const QString &operation);
    QHash<QString, quint64> counts() const { return m_counts; } // "error", "throttle", "drop", "latency"

private:
    QList<FaultRule> m_rules;
    QRandomGenerator m_random;
    QHash<QString, quint64> m_counts;
};

} // namespace local
