// The workgroup calls against a peer nobody here wrote: moto's server, started on a free
// loopback port. Skipped, saying so, only when moto is not installed.
#include "athena/athenaclient.h"
#include "support/loopback.h"
#include "support/testpaths.h"

#include <QNetworkAccessManager>
#include <QProcess>
#include <QTest>

using namespace athena;
using namespace Qt::StringLiterals;

namespace {

template <typename T>
aws::Result<T> await(std::function<void(QObject *, Callback<T>)> start)
{
    QObject context;
    std::optional<aws::Result<T>> got;
    start(&context, [&got](const aws::Result<T> &r) { got = r; });
    if (!QTest::qWaitFor([&got] { return got.has_value(); }, 20000))
        return aws::AwsError::make(aws::AwsError::Kind::Timeout, u"TestTimeout"_s, {});
    return *got;
}

} // namespace

class TestAthenaClientMoto : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void createListAndGetWorkGroups();
    void pagesThroughManyWorkGroups();
    void engineVersions();

private:
    QProcess m_moto;
    quint16 m_port = 0;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<aws::AwsJsonTransport> m_transport;
    std::unique_ptr<AthenaClient> m_client;
};

void TestAthenaClientMoto::initTestCase()
{
    const QString python = testing::pythonWith(u"moto.server"_s);
    if (python.isEmpty())
        QSKIP("[peer:moto] moto is not installed (python3 -c 'import moto.server' fails): the moto peer test cannot run");
    m_port = testing::unusedLoopbackPort();
    QVERIFY(m_port != 0);
    m_moto.setStandardOutputFile(QProcess::nullDevice());
    m_moto.setStandardErrorFile(QProcess::nullDevice());
    m_moto.start(python, {u"-m"_s, u"moto.server"_s, u"-H"_s, u"127.0.0.1"_s, u"-p"_s, QString::number(m_port)});
    QVERIFY(m_moto.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(testing::acceptsConnections(m_port), 30000);

    m_network = std::make_unique<QNetworkAccessManager>();
    aws::TransportConfig config;
    config.endpoint = QUrl(u"http://127.0.0.1:%1/"_s.arg(m_port));
    config.region = u"us-east-1"_s;
    m_transport = std::make_unique<aws::AwsJsonTransport>(
        m_network.get(), std::make_shared<aws::StaticCredentialsProvider>(aws::AwsCredentials{u"testing"_s, u"testing"_s, {}, {}, {}}),
        config);
    m_client = std::make_unique<AthenaClient>(m_transport.get());
}

void TestAthenaClientMoto::cleanupTestCase()
{
    if (m_moto.state() != QProcess::NotRunning) {
        m_moto.terminate();
        if (!m_moto.waitForFinished(5000))
            m_moto.kill();
    }
}

void TestAthenaClientMoto::createListAndGetWorkGroups()
{
    CreateWorkGroupRequest create;
    create.name = u"spark-analytics"_s;
    create.description = u"Spark notebooks"_s;
    create.configuration.engineVersion.selected = u"PySpark engine version 3"_s;
    create.configuration.executionRole = u"arn:aws:iam::123456789012:role/AthenaSpark"_s;
    create.configuration.resultOutputLocation = u"s3://athena-results/spark/"_s;
    auto created = await<bool>([&](QObject *c, Callback<bool> cb) { m_client->createWorkGroup(create, c, cb); });
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().toString()));

    auto all = await<QList<WorkGroupSummary>>([this](QObject *c, Callback<QList<WorkGroupSummary>> cb) { m_client->listAllWorkGroups(c, cb); });
    QVERIFY2(all.ok(), qPrintable(all.ok() ? QString() : all.error().toString()));
    QStringList names;
    for (const WorkGroupSummary &w : all.value())
        names << w.name;
    QVERIFY2(names.contains(u"primary"_s) && names.contains(u"spark-analytics"_s), qPrintable(names.join(u',')));

    auto wg = await<WorkGroup>([this](QObject *c, Callback<WorkGroup> cb) { m_client->getWorkGroup(u"spark-analytics"_s, c, cb); });
    QVERIFY2(wg.ok(), qPrintable(wg.ok() ? QString() : wg.error().toString()));
    QCOMPARE(wg->name, u"spark-analytics"_s);
    QCOMPARE(wg->description, u"Spark notebooks"_s);
    QCOMPARE(wg->state, u"ENABLED"_s);
    QCOMPARE(wg->configuration.resultOutputLocation, u"s3://athena-results/spark/"_s);
    QVERIFY(wg->creationTime.isValid());

    // The same name again is refused by the peer, and the error arrives typed.
    auto again = await<bool>([&](QObject *c, Callback<bool> cb) { m_client->createWorkGroup(create, c, cb); });
    if (!again.ok())
        QCOMPARE(again.error().kind, aws::AwsError::Kind::Service);
}

void TestAthenaClientMoto::pagesThroughManyWorkGroups()
{
    for (int i = 0; i < 60; ++i) {
        CreateWorkGroupRequest create;
        create.name = u"wg-%1"_s.arg(i);
        auto r = await<bool>([&](QObject *c, Callback<bool> cb) { m_client->createWorkGroup(create, c, cb); });
        QVERIFY(r.ok());
    }
    auto all = await<QList<WorkGroupSummary>>([this](QObject *c, Callback<QList<WorkGroupSummary>> cb) { m_client->listAllWorkGroups(c, cb); });
    QVERIFY(all.ok());
    QVERIFY2(all->size() >= 62, qPrintable(QString::number(all->size())));
}

void TestAthenaClientMoto::engineVersions()
{
    auto r = await<ListEngineVersionsPage>([this](QObject *c, Callback<ListEngineVersionsPage> cb) {
        m_client->listEngineVersions(std::nullopt, {}, c, cb);
    });
    // moto may not implement ListEngineVersions; either way the answer must be typed, not a crash.
    if (!r.ok())
        QVERIFY(r.error().kind == aws::AwsError::Kind::Service || r.error().kind == aws::AwsError::Kind::Decode);
}

QTEST_GUILESS_MAIN(TestAthenaClientMoto)
#include "tst_athenaclient_moto.moc"
