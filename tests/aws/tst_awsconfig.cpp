// Profile, region and endpoint resolution with the AWS CLI's precedence.
#include "aws/awsconfig.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace aws;
using namespace Qt::StringLiterals;

class TestAwsConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void filePathsFromEnvironment();
    void profileNames();
    void profilePrecedence();
    void unknownProfileIsAnError();
    void regionPrecedence();
    void missingRegionSaysWhatToDo();
    void invalidRegion();
    void endpointPrecedence();
    void ignoreConfiguredEndpoints();
    void servicesSectionMissing();
    void defaultEndpoints();
    void serviceIdsAsBotocoreSpellsThem();
    void publicEndpointFollowsFipsAndDualStack();
    void plainHttpOnlyToLoopback_data();
    void plainHttpOnlyToLoopback();
    void malformedFileIsAnErrorWithItsLine();

private:
    void write(const QString &name, const QByteArray &text);
    Environment env() const;
    AwsConfigFiles load(const Environment &e);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAwsConfig::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    write(u"config"_s, "[default]\nregion = eu-west-1\n"
                       "[profile dev]\nregion = us-east-2\nendpoint_url = https://dev.example.com\n"
                       "[profile svc]\nregion = eu-north-1\nservices = mine\n"
                       "[services mine]\nathena =\n  endpoint_url = http://127.0.0.1:4566\n"
                       "[profile noregion]\noutput = json\n"
                       "[profile badregion]\nregion = Not A Region\n");
    write(u"credentials"_s, "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s\n"
                            "[ci]\naws_access_key_id = AKIDCI\naws_secret_access_key = s\nregion = ap-south-1\n");
}

void TestAwsConfig::write(const QString &name, const QByteArray &text)
{
    QFile f(m_dir->filePath(name));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

Environment TestAwsConfig::env() const
{
    return {{u"AWS_CONFIG_FILE"_s, m_dir->filePath(u"config"_s)},
            {u"AWS_SHARED_CREDENTIALS_FILE"_s, m_dir->filePath(u"credentials"_s)}};
}

AwsConfigFiles TestAwsConfig::load(const Environment &e)
{
    auto files = AwsConfigFiles::load(e);
    if (!files.ok())
        qFatal("config did not load: %s", qPrintable(files.error().message));
    return files.value();
}

void TestAwsConfig::filePathsFromEnvironment()
{
    QCOMPARE(AwsConfigFiles::configPath(env()), m_dir->filePath(u"config"_s));
    QCOMPARE(AwsConfigFiles::configPath({{u"AWS_CONFIG_FILE"_s, u"~/x/cfg"_s}}), QDir::homePath() + u"/x/cfg"_s);
    QCOMPARE(AwsConfigFiles::credentialsPath({}), QDir::homePath() + u"/.aws/credentials"_s);
}

void TestAwsConfig::profileNames()
{
    const AwsConfigFiles files = load(env());
    QCOMPARE(files.profileNames(),
             (QStringList{u"default"_s, u"badregion"_s, u"ci"_s, u"dev"_s, u"noregion"_s, u"svc"_s}));
}

void TestAwsConfig::profilePrecedence()
{
    const AwsConfigFiles files = load(env());
    Environment e = env();
    QCOMPARE(*SettingsResolver(files, e).profile({}), u"default"_s);
    e.insert(u"AWS_PROFILE"_s, u"dev"_s);
    QCOMPARE(*SettingsResolver(files, e).profile({}), u"dev"_s);
    QCOMPARE(*SettingsResolver(files, e).profile(u"ci"_s), u"ci"_s);
}

void TestAwsConfig::unknownProfileIsAnError()
{
    const AwsConfigFiles files = load(env());
    Environment e = env();
    e.insert(u"AWS_PROFILE"_s, u"typo"_s);
    auto r = SettingsResolver(files, e).profile({});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, u"ProfileNotFound"_s);
    QVERIFY(r.error().message.contains(u"'typo' (from AWS_PROFILE)"_s));
    QVERIFY(r.error().message.contains(m_dir->filePath(u"config"_s)));
}

void TestAwsConfig::regionPrecedence()
{
    const AwsConfigFiles files = load(env());
    Environment e = env();
    QString source;
    QCOMPARE(*SettingsResolver(files, e).region(u"dev"_s, {}, &source), u"us-east-2"_s);
    QCOMPARE(source, u"region of profile dev"_s);
    QCOMPARE(*SettingsResolver(files, e).region(u"ci"_s, {}), u"ap-south-1"_s); // credentials file counts too
    e.insert(u"AWS_DEFAULT_REGION"_s, u"sa-east-1"_s);
    QCOMPARE(*SettingsResolver(files, e).region(u"dev"_s, {}, &source), u"sa-east-1"_s);
    QCOMPARE(source, u"AWS_DEFAULT_REGION"_s);
    e.insert(u"AWS_REGION"_s, u"ca-central-1"_s);
    QCOMPARE(*SettingsResolver(files, e).region(u"dev"_s, {}), u"ca-central-1"_s);
    QCOMPARE(*SettingsResolver(files, e).region(u"dev"_s, u"af-south-1"_s, &source), u"af-south-1"_s);
    QCOMPARE(source, u"--region"_s);
}

void TestAwsConfig::missingRegionSaysWhatToDo()
{
    const AwsConfigFiles files = load(env());
    auto r = SettingsResolver(files, env()).region(u"noregion"_s, {});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, u"NoRegion"_s);
    QVERIFY2(r.error().message.contains(u"--region"_s) && r.error().message.contains(u"[profile noregion]"_s),
             qPrintable(r.error().message));
}

void TestAwsConfig::invalidRegion()
{
    const AwsConfigFiles files = load(env());
    auto r = SettingsResolver(files, env()).region(u"badregion"_s, {});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, u"InvalidRegion"_s);
}

void TestAwsConfig::endpointPrecedence()
{
    const AwsConfigFiles files = load(env());
    Environment e = env();
    QString source;
    auto ep = [&](const QString &profile, const QString &explicitUrl = {}) {
        auto r = SettingsResolver(files, e).endpoint(u"athena"_s, profile, u"eu-west-1"_s, explicitUrl, &source);
        return r.ok() ? r->toString() : r.error().message;
    };
    QCOMPARE(ep(u"default"_s), u"https://athena.eu-west-1.amazonaws.com/"_s);
    QCOMPARE(ep(u"dev"_s), u"https://dev.example.com/"_s);
    QCOMPARE(source, u"endpoint_url of profile dev"_s);
    QCOMPARE(ep(u"svc"_s), u"http://127.0.0.1:4566/"_s);
    QVERIFY(source.startsWith(u"[services mine]"_s));
    e.insert(u"AWS_ENDPOINT_URL"_s, u"https://global.example.com"_s);
    QCOMPARE(ep(u"svc"_s), u"https://global.example.com/"_s);
    e.insert(u"AWS_ENDPOINT_URL_ATHENA"_s, u"https://athena-only.example.com"_s);
    QCOMPARE(ep(u"svc"_s), u"https://athena-only.example.com/"_s);
    QCOMPARE(source, u"AWS_ENDPOINT_URL_ATHENA"_s);
    QCOMPARE(ep(u"svc"_s, u"http://localhost:9999"_s), u"http://localhost:9999/"_s);
    QCOMPARE(source, u"--endpoint-url"_s);
}

void TestAwsConfig::ignoreConfiguredEndpoints()
{
    const AwsConfigFiles files = load(env());
    Environment e = env();
    e.insert(u"AWS_ENDPOINT_URL"_s, u"https://global.example.com"_s);
    e.insert(u"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"_s, u"true"_s);
    auto r = SettingsResolver(files, e).endpoint(u"athena"_s, u"dev"_s, u"us-east-2"_s, {});
    QCOMPARE(r->toString(), u"https://athena.us-east-2.amazonaws.com/"_s);
}

void TestAwsConfig::servicesSectionMissing()
{
    write(u"config"_s, "[default]\nregion = eu-west-1\nservices = gone\n");
    const AwsConfigFiles files = load(env());
    auto r = SettingsResolver(files, env()).endpoint(u"athena"_s, u"default"_s, u"eu-west-1"_s, {});
    QVERIFY(!r.ok());
    QVERIFY(r.error().message.contains(u"[services gone]"_s));
}

void TestAwsConfig::defaultEndpoints()
{
    QCOMPARE(SettingsResolver::defaultEndpoint(u"athena"_s, u"cn-north-1"_s).toString(),
             u"https://athena.cn-north-1.amazonaws.com.cn/"_s);
    // Partition-aware (tst_endpointresolver has every partition and variant).
    QCOMPARE(SettingsResolver::defaultEndpoint(u"sts"_s, u"us-iso-east-1"_s).toString(),
        u"https://sts.us-iso-east-1.c2s.ic.gov/"_s);
    QCOMPARE(SettingsResolver::defaultEndpoint(u"sso"_s, u"eu-west-1"_s).toString(),
        u"https://portal.sso.eu-west-1.amazonaws.com/"_s);
    QCOMPARE(SettingsResolver::defaultEndpoint(u"sso-oidc"_s, u"eusc-de-east-1"_s).toString(),
        u"https://oidc.eusc-de-east-1.amazonaws.eu/"_s);
    QVERIFY(SettingsResolver::defaultEndpoint(u"athena"_s, u"not_a_region"_s).isEmpty());
}

void TestAwsConfig::serviceIdsAsBotocoreSpellsThem()
{
    // botocore: AWS_ENDPOINT_URL_<service id, upper case, "_" for " " and "-"> and the snake-case
    // [services] key: AWS_ENDPOINT_URL_SSO_OIDC and sso_oidc for "sso-oidc".
    write(u"config"_s,
        "[default]\nregion = eu-west-1\nservices = sso\n"
        "[services sso]\nsso_oidc =\n  endpoint_url = http://127.0.0.1:7001\n"
        "sso =\n  endpoint_url = http://127.0.0.1:7002\n"
        "sts =\n  endpoint_url = http://127.0.0.1:7003\n");
    const AwsConfigFiles files = load(env());
    Environment e = env();
    QString source;
    auto ep = [&](const QString &service) {
        auto r = SettingsResolver(files, e).endpoint(service, u"default"_s, u"eu-west-1"_s, {}, &source);
        return r.ok() ? r->toString() : r.error().message;
    };
    QCOMPARE(ep(u"sso-oidc"_s), u"http://127.0.0.1:7001/"_s);
    QCOMPARE(ep(u"sso"_s), u"http://127.0.0.1:7002/"_s);
    QCOMPARE(ep(u"sts"_s), u"http://127.0.0.1:7003/"_s);
    QCOMPARE(ep(u"athena"_s), u"https://athena.eu-west-1.amazonaws.com/"_s);
    e.insert(u"AWS_ENDPOINT_URL_SSO"_s, u"https://portal.example.com"_s);
    QCOMPARE(ep(u"sso-oidc"_s), u"http://127.0.0.1:7001/"_s); // AWS_ENDPOINT_URL_SSO is not sso-oidc's
    QCOMPARE(ep(u"sso"_s), u"https://portal.example.com/"_s);
    e.insert(u"AWS_ENDPOINT_URL_SSO_OIDC"_s, u"https://oidc.example.com"_s);
    QCOMPARE(ep(u"sso-oidc"_s), u"https://oidc.example.com/"_s);
    QCOMPARE(source, u"AWS_ENDPOINT_URL_SSO_OIDC"_s);
    e.insert(u"AWS_ENDPOINT_URL_STS"_s, u"https://sts.example.com"_s);
    QCOMPARE(ep(u"sts"_s), u"https://sts.example.com/"_s);
}

void TestAwsConfig::publicEndpointFollowsFipsAndDualStack()
{
    write(u"config"_s, "[default]\nregion = us-gov-west-1\nuse_fips_endpoint = true\n");
    const AwsConfigFiles files = load(env());
    Environment e = env();
    QString source;
    auto r = SettingsResolver(files, e).endpoint(u"athena"_s, u"default"_s, u"us-gov-west-1"_s, {}, &source);
    QCOMPARE(r->toString(), u"https://athena-fips.us-gov-west-1.amazonaws.com/"_s);
    QCOMPARE(source, u"public endpoint (FIPS)"_s);
    e.insert(u"AWS_USE_DUALSTACK_ENDPOINT"_s, u"true"_s);
    r = SettingsResolver(files, e).endpoint(u"sts"_s, u"default"_s, u"us-gov-west-1"_s, {}, &source);
    QCOMPARE(r->toString(), u"https://sts-fips.us-gov-west-1.api.aws/"_s);
    QCOMPARE(source, u"public endpoint (FIPS, dual-stack)"_s);
    e.insert(u"AWS_USE_FIPS_ENDPOINT"_s, u"false"_s); // the environment wins over the profile
    r = SettingsResolver(files, e).endpoint(u"sso"_s, u"default"_s, u"us-gov-west-1"_s, {}, &source);
    QCOMPARE(r->toString(), u"https://portal.sso.us-gov-west-1.api.aws/"_s);
    QCOMPARE(source, u"public endpoint (dual-stack)"_s);
}

void TestAwsConfig::plainHttpOnlyToLoopback_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("https") << u"https://athena.eu-west-1.amazonaws.com/"_s << true;
    QTest::newRow("http 127.0.0.1") << u"http://127.0.0.1:8080/"_s << true;
    QTest::newRow("http 127.9.9.9") << u"http://127.9.9.9:8080/"_s << true;
    QTest::newRow("http localhost") << u"http://localhost:8080/"_s << true;
    QTest::newRow("http ::1") << u"http://[::1]:8080/"_s << true;
    QTest::newRow("http remote") << u"http://athena.eu-west-1.amazonaws.com/"_s << false;
    QTest::newRow("http private") << u"http://10.0.0.5/"_s << false;
    QTest::newRow("http localhost-lookalike") << u"http://localhost.example.com/"_s << false;
    QTest::newRow("ftp") << u"ftp://127.0.0.1/"_s << false;
}

void TestAwsConfig::plainHttpOnlyToLoopback()
{
    QFETCH(QString, url);
    QFETCH(bool, allowed);
    QCOMPARE(!checkEndpoint(QUrl(url)).has_value(), allowed);
    const AwsConfigFiles files = load(env());
    auto r = SettingsResolver(files, env()).endpoint(u"athena"_s, u"default"_s, u"eu-west-1"_s, url);
    QCOMPARE(r.ok(), allowed);
}

void TestAwsConfig::malformedFileIsAnErrorWithItsLine()
{
    write(u"credentials"_s, "[default]\naws_access_key_id = A\ngarbage\n");
    auto files = AwsConfigFiles::load(env());
    QVERIFY(!files.ok());
    QCOMPARE(files.error().message, m_dir->filePath(u"credentials"_s) + u" line 3: expected 'key = value' or a [section] header"_s);
}

QTEST_GUILESS_MAIN(TestAwsConfig)
#include "tst_awsconfig.moc"
