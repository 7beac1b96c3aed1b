// Public endpoints per partition with FIPS and dual-stack, checked row by row and against botocore
// as the oracle; the settings that choose them; the CA bundle; the retry settings.
#include "aws/awsconfig.h"
#include "aws/awsjsontransport.h"
#include "aws/endpointresolver.h"
#include "aws/ssoprovider.h"
#include "support/fakenetwork.h"
#include "support/testpaths.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
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

// A self-signed certificate for 127.0.0.1 made by `openssl req -x509`, and its key.
bool makeCertificate(const QTemporaryDir &dir)
{
    QProcess openssl;
    openssl.start(u"openssl"_s,
        { u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-days"_s, u"1"_s, u"-subj"_s,
            u"/CN=127.0.0.1"_s, u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s, u"-keyout"_s,
            dir.filePath(u"key.pem"_s), u"-out"_s, dir.filePath(u"ca.pem"_s) });
    return openssl.waitForFinished(60000) && openssl.exitStatus() == QProcess::NormalExit && openssl.exitCode() == 0;
}

// Answers every HTTP request on a TLS connection with 200 and "{}".
class TlsResponder final : public QObject
{
public:
    explicit TlsResponder(const QSslConfiguration &tls)
    {
        m_server.setSslConfiguration(tls);
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }
    int requests = 0;

private:
    void onReadyRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        qsizetype length = 0;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        for (const QByteArray &line : lines) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (buffer.size() < end + 4 + length)
            return;
        buffer.remove(0, end + 4 + length);
        ++requests;
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 2\r\n\r\n{}");
    }

    QSslServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace

class TestEndpointResolver : public QObject
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
    void caBundleLoads();
    void caBundleErrorsNameTheFile_data();
    void caBundleErrorsNameTheFile();
    void caBundleReachesTheRequest();
    void caBundleTrustsALoopbackServer();
    void caBundleReachesStsAndSso();
    void retrySettings_data();
    void retrySettings();
    void retrySettingsReachTheTransport_data();
    void retrySettingsReachTheTransport();

private:
    void writeConfig(const QByteArray &text);
    Environment env(std::initializer_list<std::pair<QString, QString>> extra = {}) const;
    Result<ClientSettings> resolve(const QString &service, const Environment &e, const QString &profile = {});
    Result<AwsResponse> run(AwsJsonTransport *transport);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AwsConfigFiles> m_files;
};

void TestEndpointResolver::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    writeConfig("[default]\nregion = eu-west-1\n");
}

void TestEndpointResolver::writeConfig(const QByteArray &text)
{
    QFile config(m_dir->filePath(u"config"_s));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(text);
    config.close();
    QFile credentials(m_dir->filePath(u"credentials"_s));
    QVERIFY(credentials.open(QIODevice::WriteOnly));
    auto files = AwsConfigFiles::load(env());
    QVERIFY2(files.ok(), qPrintable(errorOf(files)));
    m_files = std::make_unique<AwsConfigFiles>(files.value());
}

Environment TestEndpointResolver::env(std::initializer_list<std::pair<QString, QString>> extra) const
{
    Environment e { { u"AWS_CONFIG_FILE"_s, m_dir->filePath(u"config"_s) },
        { u"AWS_SHARED_CREDENTIALS_FILE"_s, m_dir->filePath(u"credentials"_s) } };
    for (const auto &[k, v] : extra)
        e.insert(k, v);
    return e;
}

Result<ClientSettings> TestEndpointResolver::resolve(
    const QString &service, const Environment &e, const QString &profile)
{
    return SettingsResolver(*m_files, e).resolve(service, profile, {}, {});
}

Result<AwsResponse> TestEndpointResolver::run(AwsJsonTransport *transport)
{
    AwsCall *call = transport->call(u"ListWorkGroups"_s, "{}");
    std::optional<Result<AwsResponse>> result;
    connect(call, &AwsCall::finished, this, [&result, call] { result = call->result(); });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 20000))
        return AwsError::make(AwsError::Kind::Timeout, u"TestTimeout"_s, u"call did not finish"_s);
    return *result;
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
    for (const QJsonValue &v : rows) {
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

void TestEndpointResolver::caBundleLoads()
{
    QTemporaryDir dir;
    if (!makeCertificate(dir))
        QSKIP("[peer:openssl] openssl could not make a test certificate");
    const QString bundle = dir.filePath(u"ca.pem"_s);
    const QList<QSslCertificate> expected = QSslCertificate::fromPath(bundle);
    QCOMPARE(expected.size(), 1);

    auto loaded = SettingsResolver::loadCaBundle(bundle, u"AWS_CA_BUNDLE"_s);
    QVERIFY(loaded.ok());
    QCOMPARE(*loaded, expected);

    // From the profile, then the environment wins.
    writeConfig("[default]\nregion = eu-west-1\nca_bundle = " + bundle.toUtf8() + "\n");
    auto s = resolve(u"athena"_s, env());
    QVERIFY2(s.ok(), qPrintable(errorOf(s)));
    QCOMPARE(s->caBundle.certificates, expected);
    QCOMPARE(s->caBundle.path, bundle);
    QCOMPARE(s->caBundle.source, u"ca_bundle of profile default"_s);
    QCOMPARE(transportConfigFor(*s).extraCaCertificates, expected);

    // Two certificates in one file, and a directory of files.
    QTemporaryDir second;
    QVERIFY(makeCertificate(second));
    QFile both(dir.filePath(u"both.pem"_s));
    QVERIFY(both.open(QIODevice::WriteOnly));
    QFile a(bundle), b(second.filePath(u"ca.pem"_s));
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    both.write(a.readAll() + "\n" + b.readAll());
    both.close();
    s = resolve(u"athena"_s, env({ { u"AWS_CA_BUNDLE"_s, both.fileName() } }));
    QVERIFY(s.ok());
    QCOMPARE(s->caBundle.certificates.size(), 2);
    QCOMPARE(s->caBundle.source, u"AWS_CA_BUNDLE"_s);
    QFile::remove(second.filePath(u"key.pem"_s));
    loaded = SettingsResolver::loadCaBundle(second.path(), u"AWS_CA_BUNDLE"_s);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->size(), 1);

    // Not set: nothing extra, and the transport keeps Qt's defaults.
    writeConfig("[default]\nregion = eu-west-1\n");
    s = resolve(u"athena"_s, env());
    QVERIFY(s->caBundle.certificates.isEmpty() && s->caBundle.path.isEmpty());
}

void TestEndpointResolver::caBundleErrorsNameTheFile_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("content"); // written unless the file should be missing
    QTest::addColumn<QString>("code");
    QTest::newRow("missing") << u"missing.pem"_s << QByteArray() << u"CaBundleNotFound"_s;
    QTest::newRow("empty") << u"empty.pem"_s << QByteArray("") << u"CaBundleEmpty"_s;
    QTest::newRow("not pem") << u"secret.txt"_s << QByteArray("aws_secret_access_key = s3cr3t-value\n")
                             << u"CaBundleEmpty"_s;
    QTest::newRow("broken pem") << u"broken.pem"_s
                                << QByteArray("-----BEGIN CERTIFICATE-----\ns3cr3t-value\n-----END CERTIFICATE-----\n")
                                << u"CaBundleEmpty"_s;
}

void TestEndpointResolver::caBundleErrorsNameTheFile()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, content);
    QFETCH(QString, code);
    const QString path = m_dir->filePath(fileName);
    if (!content.isNull()) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    const auto s = resolve(u"athena"_s, env({ { u"AWS_CA_BUNDLE"_s, path } }));
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, code);
    QCOMPARE(s.error().kind, AwsError::Kind::Config);
    QVERIFY2(s.error().message.contains(path) && s.error().message.startsWith(u"AWS_CA_BUNDLE: "_s),
        qPrintable(s.error().message));
    QVERIFY2(!s.error().message.contains(u"s3cr3t"_s), qPrintable(s.error().message));
}

void TestEndpointResolver::caBundleReachesTheRequest()
{
    QTemporaryDir dir;
    if (!makeCertificate(dir))
        QSKIP("[peer:openssl] openssl could not make a test certificate");
    const QList<QSslCertificate> extra = QSslCertificate::fromPath(dir.filePath(u"ca.pem"_s));
    FakeNetworkAccessManager network;
    TransportConfig config;
    config.endpoint = QUrl(u"https://athena.eu-west-1.amazonaws.com/"_s);
    config.region = u"eu-west-1"_s;
    config.extraCaCertificates = extra;
    AwsJsonTransport transport(&network, std::make_shared<StaticCredentialsProvider>(kCredentials), config);
    QVERIFY(run(&transport).ok());
    QCOMPARE(network.seen.size(), 1);
    const QSslConfiguration tls = network.seen.first().request.sslConfiguration();
    const QList<QSslCertificate> trusted = tls.caCertificates();
    QVERIFY(trusted.contains(extra.first()));
    // In addition to the system store, not instead of it; verification stays on.
    const QList<QSslCertificate> system = QSslConfiguration::systemCaCertificates();
    for (const QSslCertificate &c : system)
        QVERIFY(trusted.contains(c));
    QCOMPARE(trusted.size(), system.size() + 1);
    QVERIFY(tls.peerVerifyMode() == QSslSocket::AutoVerifyPeer || tls.peerVerifyMode() == QSslSocket::VerifyPeer);

    // Without a bundle the request keeps Qt's default configuration.
    FakeNetworkAccessManager plainNetwork;
    config.extraCaCertificates.clear();
    AwsJsonTransport plain(&plainNetwork, std::make_shared<StaticCredentialsProvider>(kCredentials), config);
    QVERIFY(run(&plain).ok());
    QCOMPARE(plainNetwork.seen.first().request.sslConfiguration(), QSslConfiguration::defaultConfiguration());
}

void TestEndpointResolver::caBundleTrustsALoopbackServer()
{
    // An HTTPS server on loopback whose self-signed certificate only the bundle vouches for.
    if (!QSslSocket::supportsSsl())
        QSKIP("[peer:qt-tls] no TLS backend in this Qt");
    QTemporaryDir dir;
    if (!makeCertificate(dir))
        QSKIP("[peer:openssl] openssl could not make a test certificate");
    QFile keyFile(dir.filePath(u"key.pem"_s));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate::fromPath(dir.filePath(u"ca.pem"_s)).first());
    tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
    TlsResponder server(tls);
    QVERIFY(server.listen());

    writeConfig("[default]\nregion = us-east-1\nca_bundle = " + dir.filePath(u"ca.pem"_s).toUtf8() + "\n");
    const auto settings
        = SettingsResolver(*m_files, env()).resolve(u"athena"_s, {}, {}, u"https://127.0.0.1:%1"_s.arg(server.port()));
    QVERIFY2(settings.ok(), qPrintable(errorOf(settings)));
    QNetworkAccessManager network;
    TransportConfig config = transportConfigFor(*settings);
    config.maxAttempts = 1;
    AwsJsonTransport trusting(&network, std::make_shared<StaticCredentialsProvider>(kCredentials), config);
    const auto r = run(&trusting);
    QVERIFY2(r.ok(), qPrintable(errorOf(r)));
    QCOMPARE(r->httpStatus, 200);
    QCOMPARE(server.requests, 1);

    // The same server without the bundle: refused, certificate checks are on.
    config.extraCaCertificates.clear();
    QNetworkAccessManager otherNetwork; // no TLS session shared with the first
    AwsJsonTransport refusing(&otherNetwork, std::make_shared<StaticCredentialsProvider>(kCredentials), config);
    const auto refused = run(&refusing);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, AwsError::Kind::Network);
    QCOMPARE(server.requests, 1);
}

void TestEndpointResolver::caBundleReachesStsAndSso()
{
    // The credential providers that call AWS themselves (STS for a role, the SSO portal) trust
    // the profile's ca_bundle too: with it the TLS handshake passes and the request arrives;
    // without it the connection is refused.
    if (!QSslSocket::supportsSsl())
        QSKIP("[peer:qt-tls] no TLS backend in this Qt");
    QTemporaryDir dir;
    if (!makeCertificate(dir))
        QSKIP("[peer:openssl] openssl could not make a test certificate");
    QFile keyFile(dir.filePath(u"key.pem"_s));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate::fromPath(dir.filePath(u"ca.pem"_s)).first());
    tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
    TlsResponder server(tls);
    QVERIFY(server.listen());
    const QString https = u"https://127.0.0.1:%1"_s.arg(server.port());
    const QString tokenDir = m_dir->filePath(u".aws/sso/cache"_s);
    QDir().mkpath(tokenDir);
    QFile token(tokenDir + u"/"_s + SsoCredentialsProvider::tokenCacheKey({}, u"corp"_s) + u".json"_s);
    QVERIFY(token.open(QIODevice::WriteOnly));
    token.write(QJsonDocument(QJsonObject{{u"accessToken"_s, u"tls-test-token"_s},
                                          {u"expiresAt"_s, QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate)}})
                    .toJson());
    token.close();
    for (const bool withBundle : {true, false}) {
        const QByteArray bundle = withBundle ? "ca_bundle = " + dir.filePath(u"ca.pem"_s).toUtf8() + "\n" : QByteArray();
        writeConfig("[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n"
                    "[profile role]\nregion = eu-west-1\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = base\n"
                    + bundle + "[profile sso]\nregion = eu-west-1\nsso_session = corp\nsso_account_id = 111122223333\n"
                    "sso_role_name = R\n" + bundle + "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
                    "sso_region = eu-west-1\n");
        const Environment e = env({{u"HOME"_s, m_dir->path()}, {u"AWS_ENDPOINT_URL_STS"_s, https},
                                   {u"AWS_ENDPOINT_URL_SSO"_s, https}, {u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s}});
        QNetworkAccessManager network;
        ProviderContext context;
        context.network = &network;
        for (const QString &profile : {u"role"_s, u"sso"_s}) {
            const int before = server.requests;
            auto provider = resolveCredentialsProvider(*m_files, e, profile, true, {}, SystemClock::instance(), context);
            QVERIFY2(provider.ok(), qPrintable(errorOf(provider)));
            std::optional<Result<AwsCredentials>> got;
            QObject owner;
            provider.value()->fetch(&owner, [&got](const Result<AwsCredentials> &c) { got = c; });
            QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 20000);
            // The responder answers "{}": no credentials in it, but it was reached (or not).
            QVERIFY(!got->ok());
            if (withBundle) {
                QCOMPARE(server.requests, before + 1);
                QVERIFY2(got->error().kind != AwsError::Kind::Network, qPrintable(got->error().message));
            } else {
                QCOMPARE(server.requests, before);
                QCOMPARE(got->error().kind, AwsError::Kind::Network);
            }
        }
    }
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
