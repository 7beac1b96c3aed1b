// SessionListLoader against the embedded endpoint, with the model under the model tester.
#include "local/localendpoint.h"
#include "sessions/sessionlistloader.h"
#include "sessions/sessiontablemodel.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace athena;
using namespace Qt::StringLiterals;

class TestSessionListLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void listsAThousandSessionsOverTenPages();
    void firstRowsArriveBeforeThePassEnds();
    void severalWorkGroupsAtOnce();
    void workGroupSwitchMidPassLeavesNoStaleRows();
    void refreshMergesInPlace();
    void errorsKeepRowsAndAreReported();
    void autoRefreshNeverOverlaps();
    void activeFilterIsTheDefault();

private:
    void startEndpoint(int seed, const QStringList &groups, const QString &faults = {});

    std::unique_ptr<local::LocalEndpoint> m_endpoint;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<aws::AwsJsonTransport> m_transport;
    std::unique_ptr<AthenaClient> m_client;
    std::unique_ptr<SessionTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<SessionListLoader> m_loader;
};

void TestSessionListLoader::init()
{
    m_network = std::make_unique<QNetworkAccessManager>();
    m_model = std::make_unique<SessionTableModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_loader = std::make_unique<SessionListLoader>();
    m_loader->attach(m_model.get());
}

void TestSessionListLoader::cleanup()
{
    m_loader->disconnect(this); // the tests' lambdas capture their locals
    m_loader.reset();
    m_client.reset();
    m_transport.reset();
    m_endpoint.reset();
}

void TestSessionListLoader::startEndpoint(int seed, const QStringList &groups, const QString &faults)
{
    local::EndpointOptions options;
    options.inMemory = true;
    options.seedSessions = seed;
    options.seedWorkGroups = groups;
    options.engine.seed = 11;
    if (!faults.isEmpty())
        options.faults = {local::FaultRule::parse(faults).value()};
    m_endpoint = std::make_unique<local::LocalEndpoint>(options);
    QVERIFY(m_endpoint->start().ok());
    aws::TransportConfig config;
    config.endpoint = m_endpoint->url();
    config.region = u"us-east-1"_s;
    m_transport = std::make_unique<aws::AwsJsonTransport>(
        m_network.get(), std::make_shared<aws::StaticCredentialsProvider>(m_endpoint->credentials()), config);
    m_transport->setRandom([] { return 0.0; });
    m_client = std::make_unique<AthenaClient>(m_transport.get());
    m_loader->setClient(m_client.get());
}

void TestSessionListLoader::listsAThousandSessionsOverTenPages()
{
    startEndpoint(1000, {u"spark-analytics"_s});
    m_loader->setScope({u"spark-analytics"_s}, StateFilter::all());
    QSignalSpy finished(m_loader.get(), &SessionListLoader::passFinished);
    QSignalSpy pages(m_loader.get(), &SessionListLoader::pageReady);
    QVERIFY(m_loader->refresh());
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(1).toBool(), true);
    QVERIFY2(pages.size() >= 10, qPrintable(QString::number(pages.size())));
    QCOMPARE(m_model->rowCount(), 1000);
    QSet<QString> ids;
    for (int r = 0; r < m_model->rowCount(); ++r)
        ids.insert(m_model->sessionIdAt(r));
    QCOMPARE(ids.size(), 1000);
}

void TestSessionListLoader::firstRowsArriveBeforeThePassEnds()
{
    startEndpoint(600, {u"spark-etl"_s}, u"ListSessions:latency=30"_s);
    m_loader->setScope({u"spark-etl"_s}, StateFilter::all());
    int rowsAtFirstPage = -1;
    bool finishedBeforeFirstPage = false;
    connect(m_loader.get(), &SessionListLoader::progress, this, [&](quint64, int pagesSoFar, int) {
        if (pagesSoFar == 1)
            rowsAtFirstPage = m_model->rowCount();
    });
    connect(m_loader.get(), &SessionListLoader::passFinished, this, [&] { finishedBeforeFirstPage = rowsAtFirstPage < 0; });
    QSignalSpy finished(m_loader.get(), &SessionListLoader::passFinished);
    m_loader->refresh();
    QVERIFY(finished.wait(30000));
    QVERIFY(!finishedBeforeFirstPage);
    QVERIFY(rowsAtFirstPage > 0);
    QVERIFY(rowsAtFirstPage < m_model->rowCount());
}

void TestSessionListLoader::severalWorkGroupsAtOnce()
{
    startEndpoint(300, {});
    m_loader->setScope({u"spark-analytics"_s, u"spark-etl"_s, u"spark-ml"_s}, StateFilter::all());
    QSignalSpy finished(m_loader.get(), &SessionListLoader::passFinished);
    m_loader->refresh();
    QVERIFY(finished.wait(30000));
    QCOMPARE(m_model->rowCount(), 300);
    QSet<QString> groups;
    for (int r = 0; r < m_model->rowCount(); ++r)
        groups.insert(m_model->data(m_model->index(r, 0), SessionTableModel::WorkGroupRole).toString());
    QCOMPARE(groups.size(), 3);
}

void TestSessionListLoader::workGroupSwitchMidPassLeavesNoStaleRows()
{
    startEndpoint(900, {}, u"ListSessions:latency=20"_s);
    m_loader->setScope({u"spark-analytics"_s}, StateFilter::all());
    QSignalSpy pages(m_loader.get(), &SessionListLoader::pageReady);
    m_loader->refresh();
    QVERIFY(pages.wait(10000));
    QVERIFY(m_model->rowCount() > 0);
    // Switch while the first pass is still running.
    QVERIFY(m_loader->isRunning());
    m_loader->setScope({u"spark-etl"_s}, StateFilter::all());
    QCOMPARE(m_model->rowCount(), 0);
    QSignalSpy finished(m_loader.get(), &SessionListLoader::passFinished);
    m_loader->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() && finished.last().at(0).toULongLong() == m_loader->generation(), 30000);
    QTest::qWait(100); // late answers of the old pass, if any, would land now
    QCOMPARE(m_model->rowCount(), 300);
    for (int r = 0; r < m_model->rowCount(); ++r)
        QCOMPARE(m_model->data(m_model->index(r, 0), SessionTableModel::WorkGroupRole).toString(), u"spark-etl"_s);
}

void TestSessionListLoader::refreshMergesInPlace()
{
    startEndpoint(200, {u"spark-ml"_s});
    m_loader->setScope({u"spark-ml"_s}, StateFilter::active());
    QSignalSpy finished(m_loader.get(), &SessionListLoader::passFinished);
    m_loader->refresh();
    QVERIFY(finished.wait(30000));
    const int rows = m_model->rowCount();
    QVERIFY(rows > 0);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_loader->refresh();
    QVERIFY(finished.wait(30000));
    QCOMPARE(m_model->rowCount(), rows);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(reset.size(), 0);
}

void TestSessionListLoader::errorsKeepRowsAndAreReported()
{
    startEndpoint(50, {u"spark-ml"_s});
    m_loader->setScope({u"spark-ml"_s, u"no-such-group"_s}, StateFilter::active());
    QSignalSpy finished(m_loader.get(), &SessionListLoader::passFinished);
    QSignalSpy errors(m_loader.get(), &SessionListLoader::errorOccurred);
    m_loader->refresh();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(1).toBool(), false);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().at(1).value<aws::AwsError>().code, u"ResourceNotFoundException"_s);
    QVERIFY(m_model->rowCount() > 0); // the workgroup that answered is shown
}

void TestSessionListLoader::autoRefreshNeverOverlaps()
{
    startEndpoint(300, {u"spark-analytics"_s}, u"ListSessions:latency=15"_s);
    m_loader->setScope({u"spark-analytics"_s}, StateFilter::all());
    int running = 0;
    int maxRunning = 0;
    int passes = 0;
    connect(m_loader.get(), &SessionListLoader::passStarted, this, [&] { maxRunning = std::max(maxRunning, ++running); });
    connect(m_loader.get(), &SessionListLoader::passFinished, this, [&] {
        --running;
        ++passes;
    });
    m_loader->setAutoRefreshInterval(5); // far shorter than a pass
    QTRY_VERIFY_WITH_TIMEOUT(passes >= 3, 30000);
    m_loader->setAutoRefreshInterval(0);
    QCOMPARE(maxRunning, 1);
    if (m_loader->isRunning())
        QVERIFY(!m_loader->refresh()); // never a second pass beside a running one
}

void TestSessionListLoader::activeFilterIsTheDefault()
{
    startEndpoint(200, {u"spark-analytics"_s});
    m_loader->setScope({u"spark-analytics"_s}, StateFilter::active());
    QSignalSpy finished(m_loader.get(), &SessionListLoader::passFinished);
    m_loader->refresh();
    QVERIFY(finished.wait(30000));
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const auto state = static_cast<SessionState>(m_model->data(m_model->index(r, 0), SessionTableModel::StateRole).toInt());
        QVERIFY(isActive(state));
    }
    QCOMPARE(StateFilter::all().apiFilters().size(), 5);
    QCOMPARE(StateFilter::single(SessionState::Failed).apiFilters().size(), 1);
}

QTEST_GUILESS_MAIN(TestSessionListLoader)
#include "tst_sessionlistloader.moc"
