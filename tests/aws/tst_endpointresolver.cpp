// Public endpoints per partition with FIPS and dual-stack, checked row by row and against botocore
// as the oracle; the settings that choose them; the retry settings. (The CA bundle: tst_catrust.)
#include "aws/awsconfig.h"
#include "aws/awsjsontransport.h"
#include "aws/endpointresolver.h"
#include "support/configfixture.h"
#include "support/fakenetwork.h"
#include "support/testpaths.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace aws;
using namespace testing;
using namespace Qt::StringLiterals;

namespace {

const AwsCredentials kCredentials { u"AKIDENDPOINTS"_s, u"endpoints-secret"_s, {}, {}, u"test"_s };

// The error of a result, for QVERIFY2 (whose message is built even when the check passes).
template<typename T> QString errorOf(const Result<T> &r)
{
    return r.ok() ? QString() : r.error().toString();
}

QString urlOf(const Result<ResolvedEndpoint> &r)
{
    return r.ok() ? r->url.toString() : u"error: "_s + r.error().message;
}

QString urlOf(const Result<ClientSettings> &r)
{
    return r.ok() ? r->endpoint.toString() : u"error: "_s + r.error().message;
}

} // namespace

class TestEndpointResolver : public testing::AwsConfigFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void publicEndpoints_data();
    void publicEndpoints();
    void signingRegions_data();
    void signingRegions();
    void refusedCombinationsSayWhy();
    void partitionWithoutFipsIsRefused();
    void invalidRegions_data();
    void invalidRegions();
    void unknownService();
    void matchesBotocore();
    void settingsChooseTheVariant_data();
    void settingsChooseTheVariant();
    void overridesIgnoreVariants();
    void retrySettings_data();
    void retrySettings();
    void retrySettingsReachTheTransport_data();
    void retrySettingsReachTheTransport();

};

void TestEndpointResolver::init()
{
    resetConfig();
}

void TestEndpointResolver::publicEndpoints_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("region");
    QTest::addColumn<bool>("fips");
    QTest::addColumn<bool>("dualStack");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("partition");

    struct P
    {
        const char *region, *partition, *suffix, *dualSuffix;
    };
    // Every partition with its DNS and dual-stack suffixes; aws-iso-e and aws-iso-f have no
    // dual-stack endpoint (refusedCombinationsSayWhy).
    const P partitions[] = {
        { "eu-west-1", "aws", "amazonaws.com", "api.aws" },
        { "cn-north-1", "aws-cn", "amazonaws.com.cn", "api.amazonwebservices.com.cn" },
        { "us-gov-west-1", "aws-us-gov", "amazonaws.com", "api.aws" },
        { "us-iso-east-1", "aws-iso", "c2s.ic.gov", "api.aws.ic.gov" },
        { "us-isob-east-1", "aws-iso-b", "sc2s.sgov.gov", "api.aws.scloud" },
        { "eu-isoe-west-1", "aws-iso-e", "cloud.adc-e.uk", nullptr },
        { "us-isof-south-1", "aws-iso-f", "csp.hci.ic.gov", nullptr },
        { "eusc-de-east-1", "aws-eusc", "amazonaws.eu", "api.amazonwebservices.eu" },
    };
    for (const P &p : partitions) {
        const QString r = QString::fromLatin1(p.region);
        const QString id = QString::fromLatin1(p.partition);
        const QString s = QString::fromLatin1(p.suffix);
        QTest::addRow("athena %s", p.region)
            << u"athena"_s << r << false << false << u"https://athena.%1.%2/"_s.arg(r, s) << id;
        QTest::addRow("athena %s fips", p.region)
            << u"athena"_s << r << true << false << u"https://athena-fips.%1.%2/"_s.arg(r, s) << id;
        if (p.dualSuffix) {
            const QString d = QString::fromLatin1(p.dualSuffix);
            QTest::addRow("athena %s dual-stack", p.region)
                << u"athena"_s << r << false << true << u"https://athena.%1.%2/"_s.arg(r, d) << id;
            QTest::addRow("athena %s fips dual-stack", p.region)
                << u"athena"_s << r << true << true << u"https://athena-fips.%1.%2/"_s.arg(r, d) << id;
        }
    }
    // STS: regional by default; in GovCloud FIPS is the plain host.
    QTest::newRow("sts us-east-1") << u"sts"_s << u"us-east-1"_s << false << false
                                   << u"https://sts.us-east-1.amazonaws.com/"_s << u"aws"_s;
    QTest::newRow("sts eu-west-1 fips") << u"sts"_s << u"eu-west-1"_s << true << false
                                        << u"https://sts-fips.eu-west-1.amazonaws.com/"_s << u"aws"_s;
    QTest::newRow("sts us-gov-west-1 fips") << u"sts"_s << u"us-gov-west-1"_s << true << false
                                            << u"https://sts.us-gov-west-1.amazonaws.com/"_s << u"aws-us-gov"_s;
    QTest::newRow("sts us-gov-west-1 fips dual-stack")
        << u"sts"_s << u"us-gov-west-1"_s << true << true << u"https://sts-fips.us-gov-west-1.api.aws/"_s
        << u"aws-us-gov"_s;
    QTest::newRow("sts aws-global") << u"sts"_s << u"aws-global"_s << false << false << u"https://sts.amazonaws.com/"_s
                                    << u"aws"_s;
    QTest::newRow("sts cn dual-stack") << u"sts"_s << u"cn-northwest-1"_s << false << true
                                       << u"https://sts.cn-northwest-1.api.amazonwebservices.com.cn/"_s << u"aws-cn"_s;
    // The SSO portal and OIDC.
    QTest::newRow("sso eu-west-1") << u"sso"_s << u"eu-west-1"_s << false << false
                                   << u"https://portal.sso.eu-west-1.amazonaws.com/"_s << u"aws"_s;
    QTest::newRow("sso fips") << u"sso"_s << u"us-east-2"_s << true << false
                              << u"https://portal.sso-fips.us-east-2.amazonaws.com/"_s << u"aws"_s;
    QTest::newRow("sso gov fips") << u"sso"_s << u"us-gov-east-1"_s << true << false
                                  << u"https://portal.sso.us-gov-east-1.amazonaws.com/"_s << u"aws-us-gov"_s;
    QTest::newRow("sso dual-stack") << u"sso"_s << u"ap-south-1"_s << false << true
                                    << u"https://portal.sso.ap-south-1.api.aws/"_s << u"aws"_s;
    QTest::newRow("sso-oidc eu-central-1") << u"sso-oidc"_s << u"eu-central-1"_s << false << false
                                           << u"https://oidc.eu-central-1.amazonaws.com/"_s << u"aws"_s;
    QTest::newRow("sso-oidc cn fips") << u"sso-oidc"_s << u"cn-north-1"_s << true << false
                                      << u"https://oidc-fips.cn-north-1.amazonaws.com.cn/"_s << u"aws-cn"_s;
    QTest::newRow("sso-oidc gov fips") << u"sso-oidc"_s << u"us-gov-west-1"_s << true << false
                                       << u"https://oidc.us-gov-west-1.amazonaws.com/"_s << u"aws-us-gov"_s;
    QTest::newRow("sso-oidc eusc fips dual-stack")
        << u"sso-oidc"_s << u"eusc-de-east-1"_s << true << true
        << u"https://oidc-fips.eusc-de-east-1.api.amazonwebservices.eu/"_s << u"aws-eusc"_s;
    // Regions no partition lists yet follow the pattern; one no pattern claims is "aws"'s.
    QTest::newRow("new aws region") << u"athena"_s << u"ap-southeast-9"_s << false << false
                                    << u"https://athena.ap-southeast-9.amazonaws.com/"_s << u"aws"_s;
    QTest::newRow("new gov region") << u"athena"_s << u"us-gov-central-1"_s << false << false
                                    << u"https://athena.us-gov-central-1.amazonaws.com/"_s << u"aws-us-gov"_s;
    QTest::newRow("eusc outside de") << u"athena"_s << u"eusc-fr-east-1"_s << false << false
                                     << u"https://athena.eusc-fr-east-1.amazonaws.com/"_s << u"aws"_s;
    QTest::newRow("unknown region") << u"athena"_s << u"xx-nowhere-1"_s << false << true
                                    << u"https://athena.xx-nowhere-1.api.aws/"_s << u"aws"_s;
    // botocore's FIPS pseudo-regions name the region and turn FIPS on.
    QTest::newRow("fips- pseudo-region") << u"athena"_s << u"fips-us-gov-west-1"_s << false << false
                                         << u"https://athena-fips.us-gov-west-1.amazonaws.com/"_s << u"aws-us-gov"_s;
    QTest::newRow("-fips pseudo-region") << u"sso-oidc"_s << u"us-east-1-fips"_s << false << false
                                         << u"https://oidc-fips.us-east-1.amazonaws.com/"_s << u"aws"_s;
    // A "-global" name that a partition lists: its endpoints.json gap does not apply.
    QTest::newRow("iso-e global dual-stack")
        << u"athena"_s << u"aws-iso-e-global"_s << false << true
        << u"https://athena.aws-iso-e-global.api.cloud-aws.adc-e.uk/"_s << u"aws-iso-e"_s;
}

void TestEndpointResolver::publicEndpoints()
{
    QFETCH(QString, service);
    QFETCH(QString, region);
    QFETCH(bool, fips);
    QFETCH(bool, dualStack);
    QFETCH(QString, url);
    QFETCH(QString, partition);
    const auto r = EndpointResolver().resolve(service, region, { fips, dualStack, StsRegionalEndpoints::Regional });
    QCOMPARE(urlOf(r), url);
    QCOMPARE(r->partition, partition);
    QVERIFY(!checkEndpoint(r->url).has_value());
}

void TestEndpointResolver::signingRegions_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("region");
    QTest::addColumn<bool>("legacySts");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("signingRegion");
    QTest::newRow("regional sts") << u"sts"_s << u"eu-west-1"_s << false << u"https://sts.eu-west-1.amazonaws.com/"_s
                                  << u"eu-west-1"_s;
    QTest::newRow("legacy sts") << u"sts"_s << u"eu-west-1"_s << true << u"https://sts.amazonaws.com/"_s
                                << u"us-east-1"_s;
    QTest::newRow("legacy sts, newer region")
        << u"sts"_s << u"eu-south-1"_s << true << u"https://sts.eu-south-1.amazonaws.com/"_s << u"eu-south-1"_s;
    QTest::newRow("legacy sts, gov") << u"sts"_s << u"us-gov-west-1"_s << true
                                     << u"https://sts.us-gov-west-1.amazonaws.com/"_s << u"us-gov-west-1"_s;
    QTest::newRow("sts aws-global") << u"sts"_s << u"aws-global"_s << false << u"https://sts.amazonaws.com/"_s
                                    << u"us-east-1"_s;
    QTest::newRow("athena aws-global") << u"athena"_s << u"aws-global"_s << false
                                       << u"https://athena.aws-global.amazonaws.com/"_s << u"aws-global"_s;
    QTest::newRow("pseudo-region") << u"athena"_s << u"fips-us-gov-east-1"_s << false
                                   << u"https://athena-fips.us-gov-east-1.amazonaws.com/"_s << u"us-gov-east-1"_s;
}

void TestEndpointResolver::signingRegions()
{
    QFETCH(QString, service);
    QFETCH(QString, region);
    QFETCH(bool, legacySts);
    QFETCH(QString, url);
    QFETCH(QString, signingRegion);
    EndpointOptions o;
    o.sts = legacySts ? StsRegionalEndpoints::Legacy : StsRegionalEndpoints::Regional;
    const auto r = EndpointResolver().resolve(service, region, o);
    QCOMPARE(urlOf(r), url);
    QCOMPARE(r->signingRegion, signingRegion);
}

void TestEndpointResolver::refusedCombinationsSayWhy()
{
    for (const QString &region : { u"eu-isoe-west-1"_s, u"us-isof-east-1"_s }) {
        for (const bool fips : { false, true }) {
            const auto r
                = EndpointResolver().resolve(u"athena"_s, region, { fips, true, StsRegionalEndpoints::Regional });
            QVERIFY2(!r.ok(), qPrintable(urlOf(r)));
            QCOMPARE(r.error().code, u"EndpointVariantUnavailable"_s);
            QCOMPARE(r.error().kind, AwsError::Kind::Config);
            const QString m = r.error().message;
            QVERIFY2(m.contains(region) && m.contains(u"dual-stack"_s) && m.contains(u"AWS_USE_DUALSTACK_ENDPOINT"_s)
                    && m.contains(u"use_dualstack_endpoint"_s),
                qPrintable(m));
            QCOMPARE(m.contains(u"AWS_USE_FIPS_ENDPOINT"_s), fips);
        }
    }
    // Through the settings: the profile's use_dualstack_endpoint is what is named.
    writeConfig("[profile isoe]\nregion = eu-isoe-west-1\nuse_dualstack_endpoint = true\n");
    const auto s = resolve(u"athena"_s, env(), u"isoe"_s);
    QVERIFY(!s.ok());
    QVERIFY2(s.error().message.contains(u"use_dualstack_endpoint"_s), qPrintable(s.error().message));
}

void TestEndpointResolver::partitionWithoutFipsIsRefused()
{
    // No partition lacks FIPS today; the rule sets refuse it where one would.
    Partition p = EndpointResolver::builtinPartitions().first();
    p.id = u"test"_s;
    p.regionPattern = u"^zz\\-\\w+\\-\\d+$"_s;
    p.supportsFips = false;
    QList<Partition> partitions = EndpointResolver::builtinPartitions();
    partitions.append(p);
    const EndpointResolver resolver(partitions);
    QCOMPARE(urlOf(resolver.resolve(u"athena"_s, u"zz-east-1"_s)), u"https://athena.zz-east-1.amazonaws.com/"_s);
    for (const bool dualStack : { false, true }) {
        const auto r = resolver.resolve(u"sts"_s, u"zz-east-1"_s, { true, dualStack, StsRegionalEndpoints::Regional });
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(u"FIPS"_s) && r.error().message.contains(u"partition test"_s),
            qPrintable(r.error().message));
    }
}

void TestEndpointResolver::invalidRegions_data()
{
    QTest::addColumn<QString>("region");
    QTest::newRow("underscore") << u"us_east_1"_s;
    QTest::newRow("leading hyphen") << u"-us-east-1"_s;
    QTest::newRow("trailing hyphen") << u"us-east-1-"_s;
    QTest::newRow("digits only") << u"12345"_s;
    QTest::newRow("space") << u"us east 1"_s;
    QTest::newRow("dot") << u"us-east-1.evil.example"_s;
    QTest::newRow("slash") << u"us-east-1/x"_s;
    QTest::newRow("too long") << QString(64, u'a');
    QTest::newRow("empty") << QString();
}

void TestEndpointResolver::invalidRegions()
{
    QFETCH(QString, region);
    const auto r = EndpointResolver().resolve(u"athena"_s, region);
    QVERIFY2(!r.ok(), qPrintable(urlOf(r)));
    QVERIFY(r.error().code == u"InvalidRegion"_s || r.error().code == u"NoRegion"_s);
}

void TestEndpointResolver::unknownService()
{
    const auto r = EndpointResolver().resolve(u"s3"_s, u"eu-west-1"_s);
    QVERIFY(!r.ok());
    QVERIFY(r.error().message.contains(u"athena, sts, sso, sso-oidc"_s));
}

void TestEndpointResolver::matchesBotocore()
{
    const QString python = testing::pythonWith(u"botocore"_s);
    if (python.isEmpty())
        QSKIP("[peer:boto3] botocore is not installed (python3 -c 'import botocore' fails): the endpoint oracle cannot "
              "run");
    QProcess oracle;
    oracle.start(python, { testing::toolsDir(u"botocore_endpoints.py"_s) });
    QVERIFY(oracle.waitForFinished(120000));
    QVERIFY2(oracle.exitStatus() == QProcess::NormalExit && oracle.exitCode() == 0,
        oracle.readAllStandardError().constData());
    const QJsonArray rows = QJsonDocument::fromJson(oracle.readAllStandardOutput()).array();
    QVERIFY2(rows.size() >= 40, "the oracle printed fewer than 40 combinations");

    QSet<QString> partitions, services;
    int agree = 0;
    int errors = 0;
    for (const auto &v : rows) {
        const QJsonObject row = v.toObject();
        const QString service = row.value(u"service"_s).toString();
        const QString region = row.value(u"region"_s).toString();
        const bool fips = row.value(u"fips"_s).toBool();
        const bool dualStack = row.value(u"dualstack"_s).toBool();
        const QString stsMode = row.value(u"sts_regional_endpoints"_s).toString();
        const bool theyFail = row.contains(u"error"_s);
        const QString theirs = theyFail ? row.value(u"error"_s).toString() : row.value(u"url"_s).toString();
        const QString theirSigningRegion = row.value(u"signing_region"_s).toString(); // empty: unsigned call

        // The resolver itself, and the whole path from the environment.
        const auto direct = EndpointResolver().resolve(service, region,
            { fips, dualStack,
                stsMode == u"legacy"_s ? StsRegionalEndpoints::Legacy : StsRegionalEndpoints::Regional });
        const auto settings = resolve(service,
            env({ { u"AWS_REGION"_s, region }, { u"AWS_USE_FIPS_ENDPOINT"_s, fips ? u"true"_s : u"false"_s },
                { u"AWS_USE_DUALSTACK_ENDPOINT"_s, dualStack ? u"TRUE"_s : u"False"_s },
                { u"AWS_STS_REGIONAL_ENDPOINTS"_s, stsMode } }));
        bool same = false;
        if (theyFail) {
            same = !direct.ok() && !settings.ok();
            ++errors;
        } else {
            QUrl theirUrl(theirs); // botocore's has no path
            if (theirUrl.path().isEmpty())
                theirUrl.setPath(u"/"_s);
            same = direct.ok() && direct->url == theirUrl && settings.ok() && settings->endpoint == direct->url
                && settings->endpointSource.startsWith(u"public endpoint"_s)
                && (theirSigningRegion.isEmpty()
                    || (direct->signingRegion == theirSigningRegion && settings->signingRegion == theirSigningRegion));
            partitions.insert(direct.ok() ? direct->partition : QString());
        }
        services.insert(service);
        if (same) {
            ++agree;
            continue;
        }
        qWarning().noquote() << service << region << (fips ? "fips" : "") << (dualStack ? "dualstack" : "") << stsMode
                             << "\n  botocore:" << theirs << theirSigningRegion << "\n  resolver:" << urlOf(direct)
                             << (direct.ok() ? direct->signingRegion : QString()) << "\n  settings:"
                             << (settings.ok() ? settings->endpoint.toString() + u' ' + settings->signingRegion
                                            + u" from "_s + settings->endpointSource
                                               : settings.error().message);
    }
    qInfo("Endpoints: %d of %lld combinations (%d of them errors) agree with botocore %s (%s)", agree,
        static_cast<long long>(rows.size()), errors,
        qPrintable(rows.first().toObject().value(u"botocore"_s).toString()), qPrintable(python));
    QCOMPARE(agree, rows.size());
    for (const Partition &p : EndpointResolver::builtinPartitions())
        QVERIFY2(partitions.contains(p.id), qPrintable(u"no row in partition "_s + p.id));
    QCOMPARE(services.size(), EndpointResolver::services().size());
    QVERIFY(errors > 0);
}

void TestEndpointResolver::settingsChooseTheVariant_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QStringList>("environment"); // NAME=value pairs
    QTest::addColumn<QString>("expected"); // the endpoint, or "error: <words the message has>"

    QTest::newRow("neither") << u"plain"_s << QStringList {} << u"https://athena.eu-west-1.amazonaws.com/"_s;
    QTest::newRow("profile fips") << u"fips"_s << QStringList {}
                                  << u"https://athena-fips.us-gov-west-1.amazonaws.com/"_s;
    QTest::newRow("profile dual-stack, any case")
        << u"dual"_s << QStringList {} << u"https://athena.eu-west-1.api.aws/"_s;
    QTest::newRow("profile both") << u"both"_s << QStringList {}
                                  << u"https://athena-fips.cn-north-1.api.amazonwebservices.com.cn/"_s;
    QTest::newRow("env fips") << u"plain"_s << QStringList { u"AWS_USE_FIPS_ENDPOINT=TRUE"_s }
                              << u"https://athena-fips.eu-west-1.amazonaws.com/"_s;
    QTest::newRow("env dual-stack") << u"plain"_s << QStringList { u"AWS_USE_DUALSTACK_ENDPOINT=true"_s }
                                    << u"https://athena.eu-west-1.api.aws/"_s;
    QTest::newRow("env false wins over profile true")
        << u"both"_s << QStringList { u"AWS_USE_FIPS_ENDPOINT=false"_s, u"AWS_USE_DUALSTACK_ENDPOINT=FALSE"_s }
        << u"https://athena.cn-north-1.amazonaws.com.cn/"_s;
    QTest::newRow("empty env is unset") << u"fips"_s << QStringList { u"AWS_USE_FIPS_ENDPOINT="_s }
                                        << u"https://athena-fips.us-gov-west-1.amazonaws.com/"_s;
    QTest::newRow("invalid env value") << u"plain"_s << QStringList { u"AWS_USE_FIPS_ENDPOINT=yes"_s }
                                       << u"error: AWS_USE_FIPS_ENDPOINT 'yes' neither true nor false"_s;
    QTest::newRow("invalid profile value")
        << u"bad"_s << QStringList {} << u"error: use_dualstack_endpoint of profile bad '1'"_s;
    QTest::newRow("region pseudo-fips") << u"plain"_s << QStringList { u"AWS_REGION=fips-us-gov-east-1"_s }
                                        << u"https://athena-fips.us-gov-east-1.amazonaws.com/"_s;
    QTest::newRow("invalid sts mode") << u"plain"_s << QStringList { u"AWS_STS_REGIONAL_ENDPOINTS=global"_s }
                                      << u"error: AWS_STS_REGIONAL_ENDPOINTS 'global'"_s;
}

void TestEndpointResolver::settingsChooseTheVariant()
{
    QFETCH(QString, profile);
    QFETCH(QStringList, environment);
    QFETCH(QString, expected);
    writeConfig("[profile plain]\nregion = eu-west-1\n"
                "[profile fips]\nregion = us-gov-west-1\nuse_fips_endpoint = true\n"
                "[profile dual]\nregion = eu-west-1\nuse_dualstack_endpoint = TRUE\n"
                "[profile both]\nregion = cn-north-1\nuse_fips_endpoint = True\nuse_dualstack_endpoint = true\n"
                "[profile bad]\nregion = eu-west-1\nuse_dualstack_endpoint = 1\n");
    Environment e = env();
    for (const QString &kv : std::as_const(environment))
        e.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
    const auto s = resolve(u"athena"_s, e, profile);
    if (expected.startsWith(u"error: "_s)) {
        QVERIFY2(!s.ok(), qPrintable(s.ok() ? s->endpoint.toString() : QString()));
        const QStringList words = expected.mid(7).split(u' ');
        for (const QString &w : words)
            QVERIFY2(s.error().message.contains(w), qPrintable(w + u" not in: "_s + s.error().message));
        return;
    }
    QVERIFY2(s.ok(), qPrintable(errorOf(s)));
    QCOMPARE(urlOf(s), expected);
    QVERIFY(s->endpointSource.startsWith(u"public endpoint"_s));
    QCOMPARE(s->endpointOptions.useFips, expected.contains(u"-fips."_s));
    QCOMPARE(s->endpointSource.contains(u"FIPS"_s), expected.contains(u"-fips."_s));
    QVERIFY(!s->region.contains(u"fips"_s));
    QCOMPARE(s->signingRegion, s->region);
}

void TestEndpointResolver::overridesIgnoreVariants()
{
    // A configured endpoint wins over FIPS and dual-stack, as in botocore; each service has its own
    // variable and [services] key (AWS_ENDPOINT_URL_SSO_OIDC and sso_oidc for "sso-oidc").
    writeConfig(
        "[default]\nregion = us-east-1\nuse_fips_endpoint = true\nuse_dualstack_endpoint = true\nservices = local\n"
        "[services local]\nsts =\n  endpoint_url = http://127.0.0.1:4566\n"
        "sso_oidc =\n  endpoint_url = http://localhost:4567\n");
    Environment e = env({ { u"AWS_ENDPOINT_URL_SSO"_s, u"https://sso.example.com"_s } });
    auto sts = resolve(u"sts"_s, e);
    QCOMPARE(urlOf(sts), u"http://127.0.0.1:4566/"_s);
    QVERIFY(sts->endpointSource.startsWith(u"[services local]"_s));
    auto oidc = resolve(u"sso-oidc"_s, e);
    QCOMPARE(urlOf(oidc), u"http://localhost:4567/"_s);
    auto sso = resolve(u"sso"_s, e);
    QCOMPARE(urlOf(sso), u"https://sso.example.com/"_s);
    QCOMPARE(sso->endpointSource, u"AWS_ENDPOINT_URL_SSO"_s);
    e.insert(u"AWS_ENDPOINT_URL_SSO_OIDC"_s, u"https://oidc.example.com"_s);
    e.insert(u"AWS_ENDPOINT_URL_STS"_s, u"https://sts.example.com"_s);
    oidc = resolve(u"sso-oidc"_s, e);
    QCOMPARE(urlOf(oidc), u"https://oidc.example.com/"_s);
    QCOMPARE(oidc->endpointSource, u"AWS_ENDPOINT_URL_SSO_OIDC"_s);
    QCOMPARE(urlOf(resolve(u"sts"_s, e)), u"https://sts.example.com/"_s);
    // Athena has no override here: its FIPS dual-stack public endpoint.
    QCOMPARE(urlOf(resolve(u"athena"_s, e)), u"https://athena-fips.us-east-1.api.aws/"_s);
    // Plain http only to loopback, for every service.
    e.insert(u"AWS_ENDPOINT_URL_SSO_OIDC"_s, u"http://oidc.example.com"_s);
    oidc = resolve(u"sso-oidc"_s, e);
    QVERIFY(!oidc.ok());
    QCOMPARE(oidc.error().code, u"InsecureEndpoint"_s);
}

void TestEndpointResolver::retrySettings_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<int>("mode"); // RetryMode, or -1 for an error
    QTest::addColumn<int>("maxAttempts");
    QTest::addColumn<QString>("description"); // words the description (or the error) has

    const int standard = static_cast<int>(RetryMode::Standard);
    const int legacy = static_cast<int>(RetryMode::Legacy);
    QTest::newRow("defaults") << u"default"_s << QStringList {} << standard << 3 << u"standard default 3"_s;
    QTest::newRow("legacy: 5 attempts") << u"legacy"_s << QStringList {} << legacy << 5 << u"legacy retry_mode 5"_s;
    QTest::newRow("legacy, max_attempts")
        << u"legacy"_s << QStringList { u"AWS_MAX_ATTEMPTS=2"_s } << legacy << 2 << u"legacy AWS_MAX_ATTEMPTS"_s;
    QTest::newRow("adaptive is standard")
        << u"adaptive"_s << QStringList {} << standard << 7 << u"standard adaptive max_attempts"_s;
    QTest::newRow("env wins") << u"adaptive"_s << QStringList { u"AWS_RETRY_MODE=legacy"_s, u"AWS_MAX_ATTEMPTS=+4"_s }
                              << legacy << 4 << u"legacy AWS_RETRY_MODE AWS_MAX_ATTEMPTS"_s;
    QTest::newRow("one attempt") << u"default"_s << QStringList { u"AWS_MAX_ATTEMPTS=1"_s } << standard << 1
                                 << u"1 attempt"_s;
    QTest::newRow("zero") << u"default"_s << QStringList { u"AWS_MAX_ATTEMPTS=0"_s } << -1 << 0
                          << u"AWS_MAX_ATTEMPTS '0'"_s;
    QTest::newRow("negative") << u"default"_s << QStringList { u"AWS_MAX_ATTEMPTS=-3"_s } << -1 << 0
                              << u"AWS_MAX_ATTEMPTS"_s;
    QTest::newRow("word") << u"bad-attempts"_s << QStringList {} << -1 << 0
                          << u"max_attempts of profile bad-attempts 'three'"_s;
    QTest::newRow("huge") << u"default"_s << QStringList { u"AWS_MAX_ATTEMPTS=99999999999"_s } << -1 << 0
                          << u"AWS_MAX_ATTEMPTS"_s;
    QTest::newRow("mode case") << u"bad-mode"_s << QStringList {} << -1 << 0
                               << u"retry_mode of profile bad-mode 'Standard' standard legacy adaptive"_s;
    QTest::newRow("mode unknown") << u"default"_s << QStringList { u"AWS_RETRY_MODE=fast"_s } << -1 << 0
                                  << u"AWS_RETRY_MODE 'fast'"_s;
}

void TestEndpointResolver::retrySettings()
{
    QFETCH(QString, profile);
    QFETCH(QStringList, environment);
    QFETCH(int, mode);
    QFETCH(int, maxAttempts);
    QFETCH(QString, description);
    writeConfig("[default]\nregion = eu-west-1\n"
                "[profile legacy]\nregion = eu-west-1\nretry_mode = legacy\n"
                "[profile adaptive]\nregion = eu-west-1\nretry_mode = adaptive\nmax_attempts = 7\n"
                "[profile bad-attempts]\nregion = eu-west-1\nmax_attempts = three\n"
                "[profile bad-mode]\nregion = eu-west-1\nretry_mode = Standard\n");
    Environment e = env();
    for (const QString &kv : std::as_const(environment))
        e.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
    const auto s = resolve(u"athena"_s, e, profile == u"default"_s ? QString() : profile);
    const QString text = s.ok() ? s->retry.description : s.error().message;
    for (const QString &w : description.split(u' '))
        QVERIFY2(text.contains(w), qPrintable(w + u" not in: "_s + text));
    if (mode < 0) {
        QVERIFY(!s.ok());
        QCOMPARE(s.error().kind, AwsError::Kind::Config);
        return;
    }
    QVERIFY2(s.ok(), qPrintable(text));
    QCOMPARE(static_cast<int>(s->retry.mode), mode);
    QCOMPARE(s->retry.maxAttempts, maxAttempts);
    const TransportConfig config = transportConfigFor(*s);
    QCOMPARE(config.maxAttempts, maxAttempts);
    QCOMPARE(static_cast<int>(config.retryMode), mode);
}

void TestEndpointResolver::retrySettingsReachTheTransport_data()
{
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<int>("attempts");
    QTest::addColumn<int>("quotaSpent");
    QTest::newRow("standard") << QStringList {} << 3 << 2 * RetryQuota::retryCost;
    QTest::newRow("standard, 6") << QStringList { u"AWS_MAX_ATTEMPTS=6"_s } << 6 << 5 * RetryQuota::retryCost;
    QTest::newRow("legacy: 5, no quota") << QStringList { u"AWS_RETRY_MODE=legacy"_s } << 5 << 0;
    QTest::newRow("legacy, 2") << QStringList { u"AWS_RETRY_MODE=legacy"_s, u"AWS_MAX_ATTEMPTS=2"_s } << 2 << 0;
    QTest::newRow("one attempt") << QStringList { u"AWS_MAX_ATTEMPTS=1"_s } << 1 << 0;
}

void TestEndpointResolver::retrySettingsReachTheTransport()
{
    QFETCH(QStringList, environment);
    QFETCH(int, attempts);
    QFETCH(int, quotaSpent);
    Environment e = env();
    for (const QString &kv : std::as_const(environment))
        e.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
    const auto s = resolve(u"athena"_s, e);
    QVERIFY(s.ok());
    FakeNetworkAccessManager network;
    network.fallback = FakeResponse::serviceError(503, "ServiceUnavailableException", "later");
    AwsJsonTransport transport(
        &network, std::make_shared<StaticCredentialsProvider>(kCredentials), transportConfigFor(*s));
    transport.setRandom([] { return 0.0; }); // no backoff delay
    const auto r = run(&transport);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().httpStatus, 503);
    QCOMPARE(network.seen.size(), attempts);
    QCOMPARE(transport.retryQuota().available(), RetryQuota::defaultCapacity - quotaSpent);
    // Legacy backoff is botocore's random × 2^(attempt-1) seconds.
    RetryQuota quota;
    StandardRetryStrategy legacy(
        &quota, [] { return 0.5; }, 5, 20000, RetryMode::Legacy);
    QCOMPARE(legacy.decide(3, r.error()).delayMs, 2000);
    QCOMPARE(legacy.decide(5, r.error()).retry, false);
    QCOMPARE(quota.available(), RetryQuota::defaultCapacity);
}

QTEST_GUILESS_MAIN(TestEndpointResolver)
#include "tst_endpointresolver.moc"
