#include "aws/endpointresolver.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace aws {

namespace {

AwsError endpointError(const QString &code, const QString &message)
{
    return AwsError::make(AwsError::Kind::Config, code, message);
}

// What the endpoint rule set of each service says, reduced to its host names.
struct ServiceRules
{
    QString service;
    QString host; // "{host}.{region}.{suffix}"
    QString fipsHost; // "{fipsHost}.{region}.{suffix}"
    // In aws-us-gov, FIPS without dual-stack is the plain host under amazonaws.com (the rule sets
    // of sts, sso and sso-oidc say so; athena's does not).
    bool govFipsIsPlainHost = false;
    bool stsGlobalEndpoint = false; // sts.amazonaws.com for aws-global and in legacy mode
};

const QList<ServiceRules> &serviceRules()
{
    static const QList<ServiceRules> rules = {
        { u"athena"_s, u"athena"_s, u"athena-fips"_s, false, false },
        { u"sts"_s, u"sts"_s, u"sts-fips"_s, true, true },
        { u"sso"_s, u"portal.sso"_s, u"portal.sso-fips"_s, true, false },
        { u"sso-oidc"_s, u"oidc"_s, u"oidc-fips"_s, true, false },
    };
    return rules;
}

// botocore's LEGACY_GLOBAL_STS_REGIONS: where "legacy" mode sends STS to sts.amazonaws.com.
const QStringList &legacyGlobalStsRegions()
{
    static const QStringList regions = {
        u"ap-northeast-1"_s,
        u"ap-south-1"_s,
        u"ap-southeast-1"_s,
        u"ap-southeast-2"_s,
        u"aws-global"_s,
        u"ca-central-1"_s,
        u"eu-central-1"_s,
        u"eu-north-1"_s,
        u"eu-west-1"_s,
        u"eu-west-2"_s,
        u"eu-west-3"_s,
        u"sa-east-1"_s,
        u"us-east-1"_s,
        u"us-east-2"_s,
        u"us-west-1"_s,
        u"us-west-2"_s,
    };
    return regions;
}

QString settingHint(bool fips, bool dualStack)
{
    QStringList names;
    if (fips)
        names << u"AWS_USE_FIPS_ENDPOINT / use_fips_endpoint"_s;
    if (dualStack)
        names << u"AWS_USE_DUALSTACK_ENDPOINT / use_dualstack_endpoint"_s;
    return names.join(u" and "_s);
}

bool matchesPattern(const Partition &p, const QString &region)
{
    // The patterns are botocore's Python regular expressions; the ones used here mean the same
    // in PCRE for the ASCII host labels that reach them.
    const QRegularExpression re(p.regionPattern);
    return re.isValid() && re.match(region).hasMatch();
}

} // namespace

EndpointResolver::EndpointResolver() : m_partitions(builtinPartitions())
{ }

EndpointResolver::EndpointResolver(QList<Partition> partitions) : m_partitions(std::move(partitions))
{
    if (m_partitions.isEmpty())
        m_partitions = builtinPartitions();
}

const QList<Partition> &EndpointResolver::builtinPartitions()
{
    // botocore data/partitions.json (version 1.1), in its order; the last flag from
    // data/endpoints.json, whose aws-iso-e and aws-iso-f partitions have no dual-stack variant.
    static const QList<Partition> partitions = {
        { u"aws"_s, uR"(^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$)"_s, { u"aws-global"_s }, u"amazonaws.com"_s,
            u"api.aws"_s, true, true, true },
        { u"aws-cn"_s, uR"(^cn\-\w+\-\d+$)"_s, { u"aws-cn-global"_s }, u"amazonaws.com.cn"_s,
            u"api.amazonwebservices.com.cn"_s, true, true, true },
        { u"aws-eusc"_s, uR"(^eusc\-(de)\-\w+\-\d+$)"_s, {}, u"amazonaws.eu"_s, u"api.amazonwebservices.eu"_s, true,
            true, true },
        { u"aws-iso"_s, uR"(^us\-iso\-\w+\-\d+$)"_s, { u"aws-iso-global"_s }, u"c2s.ic.gov"_s, u"api.aws.ic.gov"_s,
            true, true, true },
        { u"aws-iso-b"_s, uR"(^us\-isob\-\w+\-\d+$)"_s, { u"aws-iso-b-global"_s }, u"sc2s.sgov.gov"_s,
            u"api.aws.scloud"_s, true, true, true },
        { u"aws-iso-e"_s, uR"(^eu\-isoe\-\w+\-\d+$)"_s, { u"aws-iso-e-global"_s }, u"cloud.adc-e.uk"_s,
            u"api.cloud-aws.adc-e.uk"_s, true, true, false },
        { u"aws-iso-f"_s, uR"(^us\-isof\-\w+\-\d+$)"_s, { u"aws-iso-f-global"_s }, u"csp.hci.ic.gov"_s,
            u"api.aws.hci.ic.gov"_s, true, true, false },
        { u"aws-us-gov"_s, uR"(^us\-gov\-\w+\-\d+$)"_s, { u"aws-us-gov-global"_s }, u"amazonaws.com"_s, u"api.aws"_s,
            true, true, true },
    };
    return partitions;
}

QStringList EndpointResolver::services()
{
    QStringList names;
    for (const ServiceRules &r : serviceRules())
        names << r.service;
    return names;
}

const Partition &EndpointResolver::partitionFor(const QString &region) const
{
    for (const Partition &p : m_partitions) {
        if (p.extraRegions.contains(region) || matchesPattern(p, region))
            return p;
    }
    return m_partitions.first();
}

QString EndpointResolver::normalizeRegion(const QString &region, bool *impliesFips)
{
    QString normalized = region;
    normalized.replace(u"fips-"_s, QString()).replace(u"-fips"_s, QString());
    if (impliesFips)
        *impliesFips = normalized != region;
    return normalized;
}

bool EndpointResolver::isValidHostLabel(const QString &region)
{
    if (region.isEmpty() || region.size() > 63 || region.startsWith(u'-') || region.endsWith(u'-'))
        return false;
    bool allDigits = true;
    for (const QChar c : region) {
        const char16_t u = c.unicode();
        const bool digit = u >= u'0' && u <= u'9';
        const bool letter = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z');
        if (!digit && !letter && u != u'-')
            return false;
        allDigits = allDigits && digit;
    }
    return !allDigits;
}

Result<ResolvedEndpoint> EndpointResolver::resolve(
    const QString &service, const QString &region, const EndpointOptions &options) const
{
    const ServiceRules *rules = nullptr;
    for (const ServiceRules &r : serviceRules()) {
        if (r.service == service)
            rules = &r;
    }
    if (!rules)
        return endpointError(u"UnknownService"_s,
            u"No endpoint rules for the service '%1' (known: %2)"_s.arg(service, services().join(u", "_s)));
    if (region.trimmed().isEmpty())
        return endpointError(u"NoRegion"_s, u"No region to build the %1 endpoint for"_s.arg(service));

    ResolvedEndpoint e;
    bool pseudoFips = false;
    e.region = normalizeRegion(region, &pseudoFips);
    if (!isValidHostLabel(e.region))
        return endpointError(u"InvalidRegion"_s,
            u"'%1' is not a region name: letters, digits and hyphens, at most 63, "
            u"not starting or ending with a hyphen"_s.arg(region));
    e.fips = options.useFips || pseudoFips;
    e.dualStack = options.useDualStack;
    e.signingRegion = e.region;

    const Partition &p = partitionFor(e.region);
    e.partition = p.id;

    const bool sts = rules->stsGlobalEndpoint;
    if (sts && e.region == u"aws-global"_s)
        e.signingRegion = u"us-east-1"_s; // botocore signs for the endpoint's credential scope

    auto url = [](const QString &host) { return QUrl(u"https://%1/"_s.arg(host)); };
    auto refuse = [&](const QString &what) -> AwsError {
        return endpointError(u"EndpointVariantUnavailable"_s,
            u"%1 has no %2 endpoint in region %3 (partition %4), as the AWS CLI reports too: "
            u"unset %5, or set an endpoint URL"_s.arg(service, what, e.region, p.id, settingHint(e.fips, e.dualStack)));
    };

    if (sts && !e.fips && !e.dualStack && options.sts == StsRegionalEndpoints::Legacy
        && legacyGlobalStsRegions().contains(e.region)) {
        e.url = url(u"sts.amazonaws.com"_s);
        e.signingRegion = u"us-east-1"_s;
        return e;
    }
    if (e.dualStack && !p.legacyDualStack && matchesPattern(p, e.region))
        return refuse(e.fips ? u"FIPS dual-stack"_s : u"dual-stack"_s);
    if (e.fips && e.dualStack) {
        if (!p.supportsFips || !p.supportsDualStack)
            return refuse(u"FIPS dual-stack"_s);
        e.url = url(u"%1.%2.%3"_s.arg(rules->fipsHost, e.region, p.dualStackDnsSuffix));
        return e;
    }
    if (e.fips) {
        if (!p.supportsFips)
            return refuse(u"FIPS"_s);
        if (rules->govFipsIsPlainHost && p.id == u"aws-us-gov"_s)
            e.url = url(u"%1.%2.amazonaws.com"_s.arg(rules->host, e.region));
        else
            e.url = url(u"%1.%2.%3"_s.arg(rules->fipsHost, e.region, p.dnsSuffix));
        return e;
    }
    if (e.dualStack) {
        if (!p.supportsDualStack)
            return refuse(u"dual-stack"_s);
        e.url = url(u"%1.%2.%3"_s.arg(rules->host, e.region, p.dualStackDnsSuffix));
        return e;
    }
    if (sts && e.region == u"aws-global"_s) {
        e.url = url(u"sts.amazonaws.com"_s);
        return e;
    }
    e.url = url(u"%1.%2.%3"_s.arg(rules->host, e.region, p.dnsSuffix));
    return e;
}

} // namespace aws
