// AWS_CA_BUNDLE / ca_bundle (CaTrust): read when the first https request needs it, as botocore
// does, once per process, bounded; its certificates reach the athena client, STS and the SSO
// portal; errors name the file and the setting, never what it holds.
#include "athena/athenaconnection.h"
#include "aws/awsconfig.h"
#include "aws/awsjsontransport.h"
#include "aws/catrust.h"
#include "aws/jsonexchange.h"
#include "aws/ssoprovider.h"
#include "aws/stsclient.h"
#include "support/configfixture.h"
#include "support/fakenetwork.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace aws;
using namespace testing;
using namespace Qt::StringLiterals;

namespace {

const AwsCredentials kCredentials { u"AKIDCATRUST"_s, u"catrust-secret"_s, {}, {}, u"test"_s };

template<typename T> QString errorOf(const Result<T> &r)
{
    return r.ok() ? QString() : r.error().toString();
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

// The server side of makeCertificate()'s certificate and key; nothing when the key cannot be read.
std::optional<QSslConfiguration> serverTls(const QTemporaryDir &dir)
{
    QFile keyFile(dir.filePath(u"key.pem"_s));
    if (!keyFile.open(QIODevice::ReadOnly))
        return std::nullopt;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate::fromPath(dir.filePath(u"ca.pem"_s)).first());
    tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
    return tls;
}

} // namespace

class TestCaTrust : public testing::AwsConfigFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void caBundleLoads();
    void caBundleErrorsNameTheFile_data();
    void caBundleErrorsNameTheFile();
    void readOncePerProcess();
    void hostileBundlesAreBounded();
    void caBundleReachesTheRequest();
    void caBundleTrustsALoopbackServer();
    void caBundleReachesStsAndSso();
    void unreadableBundleFailsStsAndSso();
    void aFailedReadIsTriedAgain();
    void anHttpsConnectionChecksTheBundleFirst();

};

void TestCaTrust::init()
{
    resetConfig();
}

void TestCaTrust::caBundleLoads()
{
    QTemporaryDir dir;
    if (!makeCertificate(dir))
        QSKIP("[peer:openssl] openssl could not make a test certificate");
    const QString bundle = dir.filePath(u"ca.pem"_s);
    const QList<QSslCertificate> expected = QSslCertificate::fromPath(bundle);
    QCOMPARE(expected.size(), 1);

    auto loaded = CaTrust::load(bundle, u"AWS_CA_BUNDLE"_s);
    QVERIFY(loaded.ok());
    QCOMPARE(*loaded, expected);

    // From the profile, then the environment wins.
    writeConfig("[default]\nregion = eu-west-1\nca_bundle = " + bundle.toUtf8() + "\n");
    auto s = resolve(u"athena"_s, env());
    QVERIFY2(s.ok(), qPrintable(errorOf(s)));
    QCOMPARE(s->caBundle.certificates().value(), expected);
    QCOMPARE(s->caBundle.path(), bundle);
    QCOMPARE(s->caBundle.source(), u"ca_bundle of profile default"_s);
    QCOMPARE(transportConfigFor(*s).caTrust.certificates().value(), expected);

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
    QCOMPARE(s->caBundle.certificates().value().size(), 2);
    QCOMPARE(s->caBundle.source(), u"AWS_CA_BUNDLE"_s);
    QFile::remove(second.filePath(u"key.pem"_s));
    loaded = CaTrust::load(second.path(), u"AWS_CA_BUNDLE"_s);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->size(), 1);

    // Not set: nothing extra, and the transport keeps Qt's defaults.
    writeConfig("[default]\nregion = eu-west-1\n");
    s = resolve(u"athena"_s, env());
    QVERIFY(!s->caBundle.isSet() && s->caBundle.path().isEmpty());
    QVERIFY(s->caBundle.certificates().value().isEmpty());
    // Set to nothing: as botocore, no bundle.
    s = resolve(u"athena"_s, env({ { u"AWS_CA_BUNDLE"_s, QString() } }));
    QVERIFY(s.ok() && !s->caBundle.isSet());
}

void TestCaTrust::caBundleErrorsNameTheFile_data()
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

void TestCaTrust::caBundleErrorsNameTheFile()
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
    // Resolving settings does not read the bundle (botocore reads it for its first https
    // connection); the https request that needs it fails with an error naming the file and the
    // setting, never what it holds, and nothing is sent.
    const auto s = resolve(u"athena"_s, env({ { u"AWS_CA_BUNDLE"_s, path } }));
    QVERIFY2(s.ok(), qPrintable(errorOf(s)));
    QVERIFY(s->caBundle.isSet());
    const auto loaded = s->caBundle.certificates();
    QVERIFY(!loaded.ok());
    FakeNetworkAccessManager network;
    AwsJsonTransport transport(&network, std::make_shared<StaticCredentialsProvider>(kCredentials), transportConfigFor(*s));
    const auto r = run(&transport);
    QVERIFY(!r.ok());
    for (const AwsError &e : {loaded.error(), r.error()}) {
        QCOMPARE(e.code, code);
        QCOMPARE(e.kind, AwsError::Kind::Config);
        QVERIFY2(e.message.contains(path) && e.message.startsWith(u"AWS_CA_BUNDLE: "_s), qPrintable(e.message));
        QVERIFY2(!e.message.contains(u"s3cr3t"_s), qPrintable(e.message));
    }
    QCOMPARE(network.seen.size(), 0);

    // The same bundle with an http endpoint (athena-local): never read, the call goes through.
    TransportConfig plain = transportConfigFor(*s);
    plain.endpoint = QUrl(u"http://127.0.0.1:9/"_s);
    AwsJsonTransport local(&network, std::make_shared<StaticCredentialsProvider>(kCredentials), plain);
    const auto ok = run(&local);
    QVERIFY2(ok.ok(), qPrintable(errorOf(ok)));
    QCOMPARE(network.seen.size(), 1);
}

void TestCaTrust::readOncePerProcess()
{
    // Copies share one load: the athena client, STS and the SSO portal read a bundle once. The
    // file is gone after the first read, and every copy still has its certificates.
    QTemporaryDir dir;
    if (!makeCertificate(dir))
        QSKIP("[peer:openssl] openssl could not make a test certificate");
    const CaTrust trust(dir.filePath(u"ca.pem"_s), u"AWS_CA_BUNDLE"_s);
    const CaTrust copy = trust; // NOLINT(performance-unnecessary-copy-initialization): a copy is the point
    QCOMPARE(trust.certificates().value().size(), 1);
    QVERIFY(QFile::remove(dir.filePath(u"ca.pem"_s)));
    QCOMPARE(copy.certificates().value().size(), 1);
    const auto all = copy.trusted();
    QVERIFY(all.ok());
    QVERIFY(all->contains(trust.certificates().value().first()));
    QVERIFY(all->size() >= QSslConfiguration::systemCaCertificates().size() + 1);
    // A new CaTrust for the same path reads again (and finds the file gone).
    QCOMPARE(CaTrust(dir.filePath(u"ca.pem"_s), u"AWS_CA_BUNDLE"_s).certificates().error().code, u"CaBundleNotFound"_s);
}

void TestCaTrust::hostileBundlesAreBounded()
{
    // An endless device, a FIFO nobody writes to and a file far larger than any bundle: each is
    // refused at once with a named error, none is read whole (or waited on).
    const auto zero = CaTrust(u"/dev/zero"_s, u"AWS_CA_BUNDLE"_s).certificates();
    QVERIFY(!zero.ok());
    QCOMPARE(zero.error().code, u"CaBundleUnreadable"_s);
    QVERIFY2(zero.error().message.contains(u"/dev/zero"_s), qPrintable(zero.error().message));

    const QString fifo = m_dir->filePath(u"bundle.fifo"_s);
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const auto piped = CaTrust(fifo, u"ca_bundle of profile default"_s).certificates();
    QVERIFY(!piped.ok());
    QCOMPARE(piped.error().code, u"CaBundleUnreadable"_s);

    const QString big = m_dir->filePath(u"big.pem"_s);
    QFile f(big);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QVERIFY(f.resize(17 * 1024 * 1024)); // sparse: 17 MiB of zeros without writing them
    f.close();
    const auto large = CaTrust(big, u"AWS_CA_BUNDLE"_s).certificates();
    QVERIFY(!large.ok());
    QCOMPARE(large.error().code, u"CaBundleTooLarge"_s);
    QVERIFY2(large.error().message.contains(u"16 MiB"_s), qPrintable(large.error().message));

    // In a directory, links to a FIFO and to an endless device are passed over (not waited on, not
    // read): the directory's one real certificate file is the bundle.
    QTemporaryDir mixed;
    QVERIFY(QFile::link(fifo, mixed.filePath(u"a-fifo.pem"_s)));
    QVERIFY(QFile::link(u"/dev/zero"_s, mixed.filePath(u"b-zero.pem"_s)));
    QTemporaryDir certDir;
    if (makeCertificate(certDir)) {
        QVERIFY(QFile::copy(certDir.filePath(u"ca.pem"_s), mixed.filePath(u"c-real.pem"_s)));
        const auto fromDir = CaTrust(mixed.path(), u"AWS_CA_BUNDLE"_s).certificates();
        QVERIFY2(fromDir.ok(), qPrintable(errorOf(fromDir)));
        QCOMPARE(fromDir->size(), 1);
    } else {
        QCOMPARE(CaTrust(mixed.path(), u"AWS_CA_BUNDLE"_s).certificates().error().code, u"CaBundleEmpty"_s);
    }

    // A directory whose files add up past the bound is refused the same way.
    QTemporaryDir many;
    for (int i = 0; i < 3; ++i) {
        QFile part(many.filePath(u"part%1.pem"_s.arg(i)));
        QVERIFY(part.open(QIODevice::WriteOnly));
        QVERIFY(part.resize(6 * 1024 * 1024));
    }
    QCOMPARE(CaTrust(many.path(), u"AWS_CA_BUNDLE"_s).certificates().error().code, u"CaBundleTooLarge"_s);
}

void TestCaTrust::caBundleReachesTheRequest()
{
    QTemporaryDir dir;
    if (!makeCertificate(dir))
        QSKIP("[peer:openssl] openssl could not make a test certificate");
    const QList<QSslCertificate> extra = QSslCertificate::fromPath(dir.filePath(u"ca.pem"_s));
    FakeNetworkAccessManager network;
    TransportConfig config;
    config.endpoint = QUrl(u"https://athena.eu-west-1.amazonaws.com/"_s);
    config.region = u"eu-west-1"_s;
    config.caTrust = CaTrust::fromCertificates(extra);
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
    config.caTrust = CaTrust();
    AwsJsonTransport plain(&plainNetwork, std::make_shared<StaticCredentialsProvider>(kCredentials), config);
    QVERIFY(run(&plain).ok());
    QCOMPARE(plainNetwork.seen.first().request.sslConfiguration(), QSslConfiguration::defaultConfiguration());
}

void TestCaTrust::caBundleTrustsALoopbackServer()
{
    // An HTTPS server on loopback whose self-signed certificate only the bundle vouches for.
    if (!QSslSocket::supportsSsl())
        QSKIP("[peer:qt-tls] no TLS backend in this Qt");
    QTemporaryDir dir;
    if (!makeCertificate(dir))
        QSKIP("[peer:openssl] openssl could not make a test certificate");
    const std::optional<QSslConfiguration> tls = serverTls(dir);
    QVERIFY(tls);
    TlsResponder server(*tls);
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
    config.caTrust = CaTrust();
    QNetworkAccessManager otherNetwork; // no TLS session shared with the first
    AwsJsonTransport refusing(&otherNetwork, std::make_shared<StaticCredentialsProvider>(kCredentials), config);
    const auto refused = run(&refusing);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, AwsError::Kind::Network);
    QCOMPARE(server.requests, 1);
}

void TestCaTrust::caBundleReachesStsAndSso()
{
    // The credential providers that call AWS themselves (STS for a role, the SSO portal) trust
    // the profile's ca_bundle too: with it the TLS handshake passes and the request arrives;
    // without it the connection is refused.
    if (!QSslSocket::supportsSsl())
        QSKIP("[peer:qt-tls] no TLS backend in this Qt");
    QTemporaryDir dir;
    if (!makeCertificate(dir))
        QSKIP("[peer:openssl] openssl could not make a test certificate");
    const std::optional<QSslConfiguration> tls = serverTls(dir);
    QVERIFY(tls);
    TlsResponder server(*tls);
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

void TestCaTrust::unreadableBundleFailsStsAndSso()
{
    // A bundle that cannot be read fails the https exchange that needs it, from the event loop,
    // once, with the bundle's error; nothing is sent.
    const CaTrust missing(m_dir->filePath(u"missing.pem"_s), u"ca_bundle of profile role"_s);
    FakeNetworkAccessManager network;
    QObject context;

    JsonExchangeRequest request;
    request.what = u"SSO GetRoleCredentials"_s;
    request.url = QUrl(u"https://portal.sso.eu-west-1.amazonaws.com/federation/credentials"_s);
    request.caTrust = missing;
    int answers = 0;
    std::optional<Result<QJsonObject>> portal;
    exchangeJson(&network, &context, request, [&](int status, const Result<QJsonObject> &body) {
        ++answers;
        QCOMPARE(status, 0);
        portal = body;
    });
    QVERIFY(!portal.has_value()); // not from inside the call
    QTRY_VERIFY(portal.has_value());
    QCOMPARE(portal->error().code, u"CaBundleNotFound"_s);

    StsClient sts(&network, QUrl(u"https://sts.eu-west-1.amazonaws.com"_s), u"eu-west-1"_s);
    sts.setCaTrust(missing);
    std::optional<Result<AssumedRole>> role;
    AssumeRoleRequest assume;
    assume.roleArn = u"arn:aws:iam::123456789012:role/R"_s;
    assume.roleSessionName = u"s"_s;
    sts.assumeRole(assume, kCredentials, &context, [&](const Result<AssumedRole> &r) { role = r; });
    QTRY_VERIFY(role.has_value());
    QCOMPARE(role->error().code, u"CaBundleNotFound"_s);
    QVERIFY2(role->error().message.contains(u"ca_bundle of profile role"_s), qPrintable(role->error().message));
    QCOMPARE(network.seen.size(), 0);
    QCOMPARE(answers, 1);
}

void TestCaTrust::aFailedReadIsTriedAgain()
{
    // botocore reads the bundle for every new connection; here a failed read is not kept: the
    // file created after the first request is used by the next one.
    QTemporaryDir dir;
    if (!makeCertificate(dir))
        QSKIP("[peer:openssl] openssl could not make a test certificate");
    const QString later = m_dir->filePath(u"later.pem"_s);
    const CaTrust trust(later, u"AWS_CA_BUNDLE"_s);
    QCOMPARE(trust.trusted().error().code, u"CaBundleNotFound"_s);
    QVERIFY(QFile::copy(dir.filePath(u"ca.pem"_s), later));
    const auto all = trust.trusted();
    QVERIFY2(all.ok(), qPrintable(errorOf(all)));
    QVERIFY(all->contains(QSslCertificate::fromPath(later).first()));
    // Once read, it is kept (the file may go).
    QVERIFY(QFile::remove(later));
    QVERIFY(trust.certificates().ok());
}

void TestCaTrust::anHttpsConnectionChecksTheBundleFirst()
{
    // Opening a connection to an https endpoint says that its bundle cannot be read (so that the
    // window keeps the connection it has); for the http sandbox the bundle is not read at all.
    const QString missing = m_dir->filePath(u"missing.pem"_s);
    Environment e = env({{u"AWS_CA_BUNDLE"_s, missing}, {u"AWS_ACCESS_KEY_ID"_s, u"AKIDCATRUST"_s},
                         {u"AWS_SECRET_ACCESS_KEY"_s, u"catrust-secret"_s}, {u"AWS_REGION"_s, u"eu-west-1"_s}});
    QNetworkAccessManager network;
    athena::ConnectionOptions options;
    auto https = athena::openConnection(&network, options, e);
    QVERIFY(!https.ok());
    QCOMPARE(https.error().code, u"CaBundleNotFound"_s);
    QVERIFY2(https.error().message.contains(missing), qPrintable(https.error().message));
    options.endpointUrl = u"http://127.0.0.1:9"_s;
    auto local = athena::openConnection(&network, options, e);
    QVERIFY2(local.ok(), qPrintable(errorOf(local)));
}

QTEST_GUILESS_MAIN(TestCaTrust)
#include "tst_catrust.moc"
