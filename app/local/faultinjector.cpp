#include "local/faultinjector.h"

using namespace Qt::StringLiterals;

namespace local {

aws::Result<FaultRule> FaultRule::parse(const QString &spec)
{
    auto bad = [&spec](const QString &why) {
        return aws::AwsError::make(aws::AwsError::Kind::Validation, u"InvalidFault"_s, u"--fault '%1': %2"_s.arg(spec, why));
    };
    FaultRule rule;
    QString rest = spec.trimmed();
    if (const qsizetype colon = rest.indexOf(u':'); colon >= 0) {
        rule.operation = rest.left(colon).trimmed();
        rest = rest.mid(colon + 1);
    }
    const QStringList parts = rest.split(u',', Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return bad(u"expected kind=value pairs such as error=0.2,latency=5-50"_s);
    for (const QString &part : parts) {
        const qsizetype eq = part.indexOf(u'=');
        if (eq <= 0)
            return bad(u"'%1' is not kind=value"_s.arg(part));
        const QString kind = part.left(eq).trimmed();
        const QString value = part.mid(eq + 1).trimmed();
        if (kind == u"latency"_s) {
            const QStringList range = value.split(u'-');
            bool okMin = false, okMax = true;
            rule.latencyMinMs = range.value(0).toInt(&okMin);
            rule.latencyMaxMs = range.size() > 1 ? range.value(1).toInt(&okMax) : rule.latencyMinMs;
            if (!okMin || !okMax || range.size() > 2 || rule.latencyMinMs < 0 || rule.latencyMaxMs < rule.latencyMinMs)
                return bad(u"latency takes milliseconds, N or MIN-MAX"_s);
            continue;
        }
        bool ok = false;
        const double rate = value.toDouble(&ok);
        if (!ok || rate < 0 || rate > 1)
            return bad(u"%1 takes a rate between 0 and 1"_s.arg(kind));
        if (kind == u"error"_s)
            rule.errorRate = rate;
        else if (kind == u"throttle"_s)
            rule.throttleRate = rate;
        else if (kind == u"drop"_s)
            rule.dropRate = rate;
        else
            return bad(u"unknown kind '%1' (error, throttle, drop, latency)"_s.arg(kind));
    }
    if (rule.errorRate + rule.throttleRate + rule.dropRate > 1.0)
        return bad(u"the rates add up to more than 1"_s);
    return rule;
}

FaultInjector::FaultInjector(QList<FaultRule> rules, quint64 seed)
    : m_rules(std::move(rules)), m_random(seed ? static_cast<quint32>(seed) : QRandomGenerator::global()->generate())
{
}

FaultInjector::Decision FaultInjector::decide(const QString &operation)
{
    Decision d;
    for (const FaultRule &rule : std::as_const(m_rules)) {
        if (!rule.operation.isEmpty() && rule.operation != operation)
            continue;
        if (rule.latencyMaxMs > 0) {
            d.delayMs += rule.latencyMinMs + static_cast<int>(m_random.bounded(rule.latencyMaxMs - rule.latencyMinMs + 1));
            ++m_counts[u"latency"_s];
        }
        if (d.action != Action::None)
            continue;
        const double r = m_random.generateDouble();
        if (r < rule.errorRate) {
            d.action = Action::InternalError;
            ++m_counts[u"error"_s];
        } else if (r < rule.errorRate + rule.throttleRate) {
            d.action = Action::Throttle;
            ++m_counts[u"throttle"_s];
        } else if (r < rule.errorRate + rule.throttleRate + rule.dropRate) {
            d.action = m_random.bounded(2) ? Action::DropAfter : Action::DropBefore;
            ++m_counts[u"drop"_s];
        }
    }
    return d;
}

} // namespace local
