#pragma once

#include "aws/result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace aws {

// One AWS partition: the regions it serves and its DNS suffixes, as botocore's data has them.
struct Partition
{
    QString id; // "aws", "aws-cn", …
    QString regionPattern; // the regionRegex a region of this partition matches
    QStringList extraRegions; // region names the pattern does not match ("aws-global", …)
    QString dnsSuffix; // "amazonaws.com"
    QString dualStackDnsSuffix; // "api.aws"
    bool supportsFips = true; // data/partitions.json, read by the endpoint rule sets
    bool supportsDualStack = true; // data/partitions.json
    // data/endpoints.json has a dual-stack variant for the partition. Where it has none, botocore
    // refuses dual-stack when it creates the client, for the regions the pattern matches (its
    // older resolver runs first and does not know the "-global" names).
    bool legacyDualStack = true;
};

// Whether STS in the regions that once used it answers on the global sts.amazonaws.com
// (AWS_STS_REGIONAL_ENDPOINTS / sts_regional_endpoints = legacy) or in the region (the default).
enum class StsRegionalEndpoints { Regional, Legacy };

struct EndpointOptions
{
    bool useFips = false;
    bool useDualStack = false;
    StsRegionalEndpoints sts = StsRegionalEndpoints::Regional;
};

struct ResolvedEndpoint
{
    QUrl url; // https://host/
    QString region; // the region after a FIPS pseudo-region ("fips-us-gov-west-1") is normalised
    QString signingRegion; // the SigV4 scope: us-east-1 for STS's global endpoint
    QString partition;
    bool fips = false; // FIPS was asked for, by option or by a FIPS pseudo-region
    bool dualStack = false;
};

// The public endpoint of the services the app calls (athena, sts, sso — the portal — and
// sso-oidc) for a region, with FIPS and dual-stack variants, resolved as botocore's endpoint rule
// sets do for the request it sends. A combination botocore refuses is an error saying why.
class EndpointResolver
{
public:
    EndpointResolver(); // the built-in partitions
    explicit EndpointResolver(QList<Partition> partitions);

    static const QList<Partition> &builtinPartitions();
    static QStringList services();

    // The partition serving `region`: the first whose extra regions list it or whose pattern
    // matches it; "aws" (the first) when none does, as botocore falls back.
    const Partition &partitionFor(const QString &region) const;

    Result<ResolvedEndpoint> resolve(
        const QString &service, const QString &region, const EndpointOptions &options = {}) const;

    // botocore's pseudo-regions: "fips-us-gov-west-1" and "us-east-1-fips" name the region with
    // "fips-" / "-fips" removed and turn FIPS on.
    static QString normalizeRegion(const QString &region, bool *impliesFips = nullptr);
    // botocore's check before anything is resolved: a DNS label of letters, digits and hyphens.
    static bool isValidHostLabel(const QString &region);

private:
    QList<Partition> m_partitions;
};

} // namespace aws
