// Every paginated call is bounded against a hostile or broken service (issue 14, item 6): a new
// NextToken on every page forever, a NextToken sent twice, an overlong one, a page far larger than
// asked for. The servers here are real loopback sockets (ScriptedHttpServer) that churn without
// end; each test fails by timing out, or by a wrong count, without the caps.
#include "athena/athenaclient.h"
#include "sessions/sessionlistloader.h"
#include "sessions/sessiontablemodel.h"
#include "support/fakenetwork.h"
#include "support/scriptedhttpserver.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace athena;
using namespace testing;
using namespace Qt::StringLiterals;
using Action = ScriptedHttpServer::Action;

namespace {

QByteArray withToken(QByteArray body, const QString &next)
{
    if (!next.isEmpty())
        body += ",\"NextToken\":\"" + next.toUtf8() + '"';
    return body + '}';
}

QByteArray sessionsPage(int first, int count, const QString &next = {})
{
    QByteArray b = "{\"Sessions\":[";
    for (int i = first; i < first + count; ++i)
        b += QByteArray(i > first ? "," : "") + "{\"SessionId\":\"s-" + QByteArray::number(i) + "\",\"Status\":{\"State\":\"IDLE\"}}";
    return withToken(b + ']', next);
}

QByteArray workGroupsPage(int first, int count, const QString &next = {})
{
    QByteArray b = "{\"WorkGroups\":[";
    for (int i = first; i < first + count; ++i)
        b += QByteArray(i > first ? "," : "") + "{\"Name\":\"wg-" + QByteArray::number(i) + "\",\"State\":\"ENABLED\"}";
    return withToken(b + ']', next);
}

QByteArray engineVersionsPage(int count, const QString &next = {})
{
    QByteArray b = "{\"EngineVersions\":[";
    for (int i = 0; i < count; ++i)
        b += QByteArray(i ? "," : "") + "{\"SelectedEngineVersion\":\"v" + QByteArray::number(i) + "\"}";
    return withToken(b + ']', next);
}

// From now on the server answers request n (from 0) with make(n), forever.
void churn(ScriptedHttpServer &server, const std::function<QByteArray(int)> &make)
{
    auto n = std::make_shared<int>(0);
    server.script = {Action::respond(200, make((*n)++))};
    QObject::connect(&server, &ScriptedHttpServer::requestReceived, &server,
                     [&server, n, make] { server.script.append(Action::respond(200, make((*n)++))); });
}

QJsonObject bodyOf(const ScriptedHttpServer::Received &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

template <typename T>
aws::Result<T> await(const std::function<void(QObject *, Callback<T>)> &start)
{
    // An event loop, not QTest::qWaitFor: that sleeps 10 ms a turn, and these listings take hundreds.
    QObject context;
    QEventLoop loop;
    std::optional<aws::Result<T>> got;
    start(&context, [&got, &loop](const aws::Result<T> &r) {
        got = r;
        loop.quit();
    });
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    if (!got)
        loop.exec();
    if (!got)
        return aws::AwsError::make(aws::AwsError::Kind::Timeout, u"TestTimeout"_s, u"no answer within 60 s"_s);
    return *got;
}

int rowsIn(const QSignalSpy &pages)
{
    int rows = 0;
    for (const QList<QVariant> &args : pages)
        rows += static_cast<int>(args.at(0).value<QList<SessionSummary>>().size());
    return rows;
}

struct CtlRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestPagingBounds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void limitsFollowTheServiceModel();
    void sessionsStopAtTheDefaultPageCap();
    void churnStopsEveryPagerAtItsPageCap_data();
    void churnStopsEveryPagerAtItsPageCap();
    void sessionsStopAtTheRowCap();
    void workGroupsStopAtTheRowCap();
    void repeatedTokenStopsEveryPager_data();
    void repeatedTokenStopsEveryPager();
    void overlongTokenIsTheServicesFault();
    void oversizedPagesAreRefused_data();
    void oversizedPagesAreRefused();
    void millionSessionPageKeepsEarlierPages();
    void pageAboveMaxResultsIsLoggedAndKept();
    void loaderBoundsAPass();
    void modelBoundsItsRows();
    void ctlListSessionsChurn();
    void ctlListSessionsRefusedPageExitsOne();
    void ctlListWorkGroupsChurn();
    void ctlListEngineVersionsRepeatedToken();

private:
    CtlRun ctl(const QStringList &args);

    std::unique_ptr<ScriptedHttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<aws::AwsJsonTransport> m_transport;
    std::unique_ptr<AthenaClient> m_client;
};

void TestPagingBounds::init()
{
    m_server = std::make_unique<ScriptedHttpServer>();
    QVERIFY(m_server->listen());
    m_network = std::make_unique<QNetworkAccessManager>();
    aws::TransportConfig config;
    config.endpoint = QUrl(u"http://127.0.0.1:%1/"_s.arg(m_server->port()));
    config.region = u"eu-west-1"_s;
    m_transport = std::make_unique<aws::AwsJsonTransport>(
        m_network.get(), std::make_shared<aws::StaticCredentialsProvider>(aws::AwsCredentials{u"AKID"_s, u"s"_s, {}, {}, {}}),
        config);
    m_client = std::make_unique<AthenaClient>(m_transport.get());
}

void TestPagingBounds::cleanup()
{
    m_client.reset();
    m_transport.reset();
    m_network.reset();
    m_server.reset();
}

void TestPagingBounds::limitsFollowTheServiceModel()
{
    // MaxResults' maxima and the token lengths of botocore's athena/2017-05-18/service-2.json.
    QCOMPARE(kListSessionsPaging.apiPageItems, 100);
    QCOMPARE(kListWorkGroupsPaging.apiPageItems, 50);
    QCOMPARE(kListEngineVersionsPaging.apiPageItems, 10);
    QCOMPARE(kListSessionsPaging.maxTokenLength, 2048);
    QCOMPARE(kListWorkGroupsPaging.maxTokenLength, 1024);
    for (const PagingLimits &l : {kListSessionsPaging, kListWorkGroupsPaging, kListEngineVersionsPaging}) {
        QCOMPARE(l.maxPageItems, 10 * l.apiPageItems);
        QVERIFY(l.maxPages > 0 && l.maxItems >= l.maxPages); // at least a row a page before the row cap
    }
    QCOMPARE(kListSessionsPaging.maxPages, 10'000);
    QCOMPARE(kListSessionsPaging.maxItems, 200'000);
    QCOMPARE(kListWorkGroupsPaging.maxPages, 200);
    QCOMPARE(kListWorkGroupsPaging.maxItems, 10'000);
}

void TestPagingBounds::sessionsStopAtTheDefaultPageCap()
{
    // The real default, 10,000 pages, against a fake network (no sockets: fast): empty pages,
    // each with a new NextToken, and more of them scripted than the cap allows.
    FakeNetworkAccessManager network;
    for (int i = 0; i < kListSessionsPaging.maxPages + 5; ++i)
        network.script << FakeResponse::json(200, "{\"Sessions\":[],\"NextToken\":\"t" + QByteArray::number(i) + "\"}");
    aws::TransportConfig config;
    config.endpoint = QUrl(u"https://athena.eu-west-1.amazonaws.com/"_s);
    config.region = u"eu-west-1"_s;
    aws::AwsJsonTransport transport(&network, std::make_shared<aws::StaticCredentialsProvider>(aws::AwsCredentials{u"AKID"_s, u"s"_s, {}, {}, {}}), config);
    AthenaClient client(&transport);
    ListSessionsWalker walker(&client, ListSessionsRequest{u"spark"_s, {}, 100, {}});
#ifdef ATHENA_SANITIZED_BUILD
    // The same path at a twentieth of the cap: 10,000 calls take minutes under ASan.
    PagingLimits limits = kListSessionsPaging;
    limits.maxPages = 500;
    walker.setLimits(limits);
    qInfo("sanitizer build: the page cap is checked at 500 pages, not 10,000");
#endif
    const int cap = walker.limits().maxPages;
    QSignalSpy done(&walker, &ListSessionsWalker::finished);
    QElapsedTimer clock;
    clock.start();
    walker.start();
    QVERIFY(done.wait(120000));
    qInfo("%d pages in %lld ms", cap, static_cast<long long>(clock.elapsed()));
    QCOMPARE(walker.pages(), cap);
    QCOMPARE(network.seen.size(), cap);
    QCOMPARE(walker.error()->code, u"TooManyPages"_s);
    QCOMPARE(walker.error()->message, u"ListSessions stopped after %1 pages, the most one listing asks for, with 0 "
                                      u"sessions listed; the service kept answering with a new NextToken"_s.arg(cap));
    QCOMPARE(walker.resumeToken(), u"t%1"_s.arg(cap - 1));
}

void TestPagingBounds::churnStopsEveryPagerAtItsPageCap_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<int>("cap");
    QTest::newRow("ListSessions") << u"ListSessions"_s << 40; // a lowered cap: one socket a page
    QTest::newRow("ListWorkGroups") << u"ListWorkGroups"_s << kListWorkGroupsPaging.maxPages;
    QTest::newRow("ListEngineVersions") << u"ListEngineVersions"_s << kListEngineVersionsPaging.maxPages;
}

void TestPagingBounds::churnStopsEveryPagerAtItsPageCap()
{
    QFETCH(QString, operation);
    QFETCH(int, cap);
    churn(*m_server, [operation](int n) {
        const QString token = u"churn-%1"_s.arg(n);
        if (operation == u"ListSessions"_s)
            return sessionsPage(n, 1, token);
        return operation == u"ListWorkGroups"_s ? workGroupsPage(n, 1, token) : engineVersionsPage(1, token);
    });
    std::optional<aws::AwsError> error;
    if (operation == u"ListSessions"_s) {
        ListSessionsWalker walker(m_client.get(), ListSessionsRequest{u"spark"_s, {}, 10, {}});
        PagingLimits limits = kListSessionsPaging;
        limits.maxPages = cap;
        walker.setLimits(limits);
        QSignalSpy pages(&walker, &ListSessionsWalker::pageReceived);
        QSignalSpy done(&walker, &ListSessionsWalker::finished);
        walker.start();
        QVERIFY(done.wait(60000));
        QCOMPARE(pages.size(), cap);
        QCOMPARE(rowsIn(pages), cap);
        QCOMPARE(walker.resumeToken(), u"churn-%1"_s.arg(cap - 1));
        error = walker.error();
    } else if (operation == u"ListWorkGroups"_s) {
        auto r = await<QList<WorkGroupSummary>>([this](QObject *c, const Callback<QList<WorkGroupSummary>> &cb) {
            m_client->listAllWorkGroups(c, cb);
        });
        QVERIFY(!r.ok());
        error = r.error();
    } else {
        auto r = await<QList<EngineVersion>>([this](QObject *c, const Callback<QList<EngineVersion>> &cb) {
            m_client->listAllEngineVersions(c, cb);
        });
        QVERIFY(!r.ok());
        error = r.error();
    }
    QVERIFY(error);
    QCOMPARE(error->code, u"TooManyPages"_s);
    QCOMPARE(error->kind, aws::AwsError::Kind::Decode); // the service's fault: athenactl exits 1, not 2
    QVERIFY2(error->message.startsWith(u"%1 stopped after %2 pages"_s.arg(operation).arg(cap)), qPrintable(error->message));
    QVERIFY2(error->message.contains(u"with %1 "_s.arg(cap)), qPrintable(error->message)); // how many were listed
    QCOMPARE(m_server->received.size(), cap); // and not one request more
    QCOMPARE(m_server->received.last().header("X-Amz-Target"), u"AmazonAthena.%1"_s.arg(operation).toUtf8());
    QCOMPARE(bodyOf(m_server->received.last()).value(u"NextToken"_s).toString(), u"churn-%1"_s.arg(cap - 2));
}

void TestPagingBounds::sessionsStopAtTheRowCap()
{
    churn(*m_server, [](int n) { return sessionsPage(n * 100, 100, u"t%1"_s.arg(n)); });
    for (const int cap : {250, 300}) {
        m_server->received.clear();
        ListSessionsWalker walker(m_client.get(), ListSessionsRequest{u"spark"_s, {}, 100, {}});
        PagingLimits limits = kListSessionsPaging;
        limits.maxItems = cap;
        walker.setLimits(limits);
        QSignalSpy pages(&walker, &ListSessionsWalker::pageReceived);
        QSignalSpy done(&walker, &ListSessionsWalker::finished);
        walker.start();
        QVERIFY(done.wait(30000));
        QCOMPARE(rowsIn(pages), cap); // rows kept never exceed the cap
        QCOMPARE(walker.sessionCount(), cap);
        QCOMPARE(pages.size(), 3);
        QCOMPARE(m_server->received.size(), 3);
        QCOMPARE(walker.error()->code, u"TooManyItems"_s);
        QVERIFY2(walker.error()->message.startsWith(u"ListSessions stopped at %1 sessions"_s.arg(cap)),
                 qPrintable(walker.error()->message));
        // A cut page cannot be continued; a cap reached at a page's end can, from its NextToken.
        QCOMPARE(walker.resumeToken().isEmpty(), cap == 250);
    }
}

void TestPagingBounds::workGroupsStopAtTheRowCap()
{
    churn(*m_server, [](int n) { return workGroupsPage(n * 50, 50, u"t%1"_s.arg(n)); });
    auto r = await<QList<WorkGroupSummary>>([this](QObject *c, const Callback<QList<WorkGroupSummary>> &cb) {
        m_client->listAllWorkGroups(c, cb);
    });
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, u"TooManyItems"_s);
    QCOMPARE(r.error().message, u"ListWorkGroups stopped at 10000 workgroups (in 200 pages), the most one listing keeps; "
                                u"the service has more"_s);
    QCOMPARE(m_server->received.size(), 200);
    QCOMPARE(bodyOf(m_server->received.first()).value(u"MaxResults"_s).toInt(), 50);
}

void TestPagingBounds::repeatedTokenStopsEveryPager_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QList<QByteArray>>("pages");
    QTest::addColumn<int>("requests");
    // The fallback repeats the last page forever: without the check, a listing never ends.
    QTest::newRow("ListWorkGroups A B A") << u"ListWorkGroups"_s
                                          << QList<QByteArray>{workGroupsPage(0, 2, u"A"_s), workGroupsPage(2, 2, u"B"_s),
                                                               workGroupsPage(4, 2, u"A"_s), workGroupsPage(6, 2, u"B"_s)}
                                          << 3;
    QTest::newRow("ListEngineVersions A A") << u"ListEngineVersions"_s
                                            << QList<QByteArray>{engineVersionsPage(2, u"A"_s), engineVersionsPage(2, u"A"_s)}
                                            << 2;
    QTest::newRow("ListSessions A B A") << u"ListSessions"_s
                                        << QList<QByteArray>{sessionsPage(0, 2, u"A"_s), sessionsPage(2, 2, u"B"_s),
                                                             sessionsPage(4, 2, u"A"_s), sessionsPage(6, 2, u"B"_s)}
                                        << 3;
}

void TestPagingBounds::repeatedTokenStopsEveryPager()
{
    QFETCH(QString, operation);
    QFETCH(QList<QByteArray>, pages);
    QFETCH(int, requests);
    for (const QByteArray &p : std::as_const(pages))
        m_server->script << Action::respond(200, p);
    m_server->fallback = m_server->script.last();
    std::optional<aws::AwsError> error;
    if (operation == u"ListWorkGroups"_s) {
        auto r = await<QList<WorkGroupSummary>>([this](QObject *c, const Callback<QList<WorkGroupSummary>> &cb) {
            m_client->listAllWorkGroups(c, cb);
        });
        QVERIFY(!r.ok()); // the old pager returned the pages so far as a complete list
        error = r.error();
    } else if (operation == u"ListEngineVersions"_s) {
        auto r = await<QList<EngineVersion>>([this](QObject *c, const Callback<QList<EngineVersion>> &cb) {
            m_client->listAllEngineVersions(c, cb);
        });
        QVERIFY(!r.ok());
        error = r.error();
    } else {
        ListSessionsWalker walker(m_client.get(), ListSessionsRequest{u"spark"_s, {}, 10, {}});
        QSignalSpy pageSpy(&walker, &ListSessionsWalker::pageReceived);
        QSignalSpy done(&walker, &ListSessionsWalker::finished);
        walker.start();
        QVERIFY(done.wait(30000));
        QCOMPARE(rowsIn(pageSpy), 6); // what came before the repeat was handed on
        QVERIFY(walker.resumeToken().isEmpty());
        error = walker.error();
    }
    QVERIFY(error);
    QCOMPARE(error->code, u"RepeatedNextToken"_s);
    QVERIFY2(error->message.startsWith(operation + u" returned a NextToken it had already returned (after page %1)"_s.arg(requests)),
             qPrintable(error->message));
    QCOMPARE(m_server->received.size(), requests);
}

void TestPagingBounds::overlongTokenIsTheServicesFault()
{
    // Sent back, a 2,049-character token would fail local validation: a usage error (athenactl
    // exit 2) blaming the user for the service's answer.
    m_server->script = {Action::respond(200, sessionsPage(0, 3, QString(2049, u'x')))};
    ListSessionsWalker walker(m_client.get(), ListSessionsRequest{u"spark"_s, {}, 10, {}});
    QSignalSpy done(&walker, &ListSessionsWalker::finished);
    walker.start();
    QVERIFY(done.wait(30000));
    QCOMPARE(walker.error()->kind, aws::AwsError::Kind::Decode);
    QCOMPARE(walker.error()->message, u"ListSessions returned a NextToken of 2049 characters, more than the API's 2048; "
                                      u"stopped with 3 sessions listed in 1 pages"_s);
    QCOMPARE(m_server->received.size(), 1);
}

void TestPagingBounds::oversizedPagesAreRefused_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QByteArray>("page");
    QTest::addColumn<QString>("message");
    QTest::newRow("1,001 sessions") << u"ListSessions"_s << sessionsPage(0, 1001)
                                    << u"ListSessions returned 1001 sessions in one page, more than the 1000 a page may hold "
                                       u"(the API's maximum is 100); the page was refused"_s;
    QTest::newRow("501 workgroups") << u"ListWorkGroups"_s << workGroupsPage(0, 501)
                                    << u"ListWorkGroups returned 501 workgroups in one page, more than the 500 a page may "
                                       u"hold (the API's maximum is 50); the page was refused"_s;
    QTest::newRow("101 engine versions") << u"ListEngineVersions"_s << engineVersionsPage(101)
                                         << u"ListEngineVersions returned 101 engine versions in one page, more than the 100 "
                                            u"a page may hold (the API's maximum is 10); the page was refused"_s;
}

void TestPagingBounds::oversizedPagesAreRefused()
{
    QFETCH(QString, operation);
    QFETCH(QByteArray, page);
    QFETCH(QString, message);
    m_server->script = {Action::respond(200, page)};
    std::optional<aws::AwsError> error;
    if (operation == u"ListSessions"_s) {
        auto r = await<ListSessionsPage>([this](QObject *c, const Callback<ListSessionsPage> &cb) {
            m_client->listSessions(ListSessionsRequest{u"spark"_s, {}, {}, {}}, c, cb);
        });
        QVERIFY(!r.ok());
        error = r.error();
    } else if (operation == u"ListWorkGroups"_s) {
        auto r = await<ListWorkGroupsPage>([this](QObject *c, const Callback<ListWorkGroupsPage> &cb) {
            m_client->listWorkGroups(50, {}, c, cb);
        });
        QVERIFY(!r.ok());
        error = r.error();
    } else {
        auto r = await<QList<EngineVersion>>([this](QObject *c, const Callback<QList<EngineVersion>> &cb) {
            m_client->listAllEngineVersions(c, cb);
        });
        QVERIFY(!r.ok());
        error = r.error();
    }
    QCOMPARE(error->code, u"PageTooLarge"_s);
    QCOMPARE(error->kind, aws::AwsError::Kind::Decode);
    QCOMPARE(error->message, message);
    QCOMPARE(error->httpStatus, 200);
}

void TestPagingBounds::millionSessionPageKeepsEarlierPages()
{
    // The attack of the issue: a page of a million compact sessions (18 MB) after an honest one.
    const QByteArray huge = "{\"Sessions\":[" + QByteArray("{\"SessionId\":\"x\"},").repeated(999'999) + "{\"SessionId\":\"x\"}],\"NextToken\":\"more\"}";
    m_server->script = {Action::respond(200, sessionsPage(0, 100, u"t1"_s)), Action::respond(200, huge)};
    ListSessionsWalker walker(m_client.get(), ListSessionsRequest{u"spark"_s, {}, 100, {}});
    QSignalSpy pages(&walker, &ListSessionsWalker::pageReceived);
    QSignalSpy done(&walker, &ListSessionsWalker::finished);
    walker.start();
    QVERIFY(done.wait(60000));
    QCOMPARE(walker.error()->code, u"PageTooLarge"_s);
    QVERIFY2(walker.error()->message.startsWith(u"ListSessions returned 1000000 sessions in one page"_s),
             qPrintable(walker.error()->message));
    QCOMPARE(pages.size(), 1);
    QCOMPARE(rowsIn(pages), 100);
    QCOMPARE(m_server->received.size(), 2);
}

void TestPagingBounds::pageAboveMaxResultsIsLoggedAndKept()
{
    // moto answers ListWorkGroups with every workgroup in one page whatever MaxResults says:
    // kept (the page is within the 500 a page may hold), and a warning says so.
    m_server->script = {Action::respond(200, workGroupsPage(0, 62))};
    QTest::ignoreMessage(QtWarningMsg, "ListWorkGroups returned 62 workgroups in one page, more than the 50 asked for; kept");
    auto r = await<QList<WorkGroupSummary>>([this](QObject *c, const Callback<QList<WorkGroupSummary>> &cb) {
        m_client->listAllWorkGroups(c, cb);
    });
    QVERIFY(r.ok());
    QCOMPARE(r->size(), 62);
}

void TestPagingBounds::loaderBoundsAPass()
{
    // Two workgroups listed at once against a server that never stops: the pass stops at the
    // loader's bound, with the rows up to it in the model and an error that counts them.
    churn(*m_server, [](int n) { return sessionsPage(n * 100, 100, u"t%1"_s.arg(n)); });
    SessionTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    SessionListLoader loader;
    loader.attach(&model);
    loader.setClient(m_client.get());
    loader.setMaxSessions(450);
    QCOMPARE(SessionListLoader().maxSessions(), kListSessionsPaging.maxItems);
    loader.setScope({u"a"_s, u"b"_s}, StateFilter::active());
    QSignalSpy finished(&loader, &SessionListLoader::passFinished);
    QSignalSpy errors(&loader, &SessionListLoader::errorOccurred);
    QVERIFY(loader.refresh());
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(1).toBool(), false);
    QCOMPARE(model.rowCount(), 450);
    QCOMPARE(errors.size(), 1);
    const auto error = errors.first().at(1).value<aws::AwsError>();
    QCOMPARE(error.code, u"TooManyItems"_s);
    QVERIFY2(error.message.startsWith(u"Listing stopped at 450 sessions (in 5 pages)"_s), qPrintable(error.message));
    QVERIFY2(m_server->received.size() <= 7, qPrintable(QString::number(m_server->received.size()))); // 5 + one in flight per walker
    QVERIFY(!loader.isRunning());
}

void TestPagingBounds::modelBoundsItsRows()
{
    SessionTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.maxRows(), kListSessionsPaging.maxItems);
    model.setMaxRows(150);
    // Through the loader: the model's bound is reported once a pass; the listing goes on (it ends).
    m_server->script = {Action::respond(200, sessionsPage(0, 100, u"t1"_s)), Action::respond(200, sessionsPage(100, 100, u"t2"_s)),
                        Action::respond(200, sessionsPage(200, 100))};
    SessionListLoader loader;
    loader.attach(&model);
    loader.setClient(m_client.get());
    loader.setScope({u"a"_s}, StateFilter::active());
    QSignalSpy finished(&loader, &SessionListLoader::passFinished);
    QSignalSpy errors(&loader, &SessionListLoader::errorOccurred);
    QVERIFY(loader.refresh());
    QVERIFY(finished.wait(30000));
    QCOMPARE(model.rowCount(), 150);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().at(1).value<aws::AwsError>().message,
             u"The list holds at most 150 sessions; 50 more from this listing are not shown. Choose one workgroup or a "
             u"state filter"_s);
    // Known rows are still updated when the model is full.
    model.beginPass(loader.generation());
    SessionSummary busy;
    busy.sessionId = u"s-5"_s;
    busy.status.state = SessionState::Busy;
    QCOMPARE(model.mergePage(loader.generation(), u"a"_s, {busy}), 0);
    QCOMPARE(model.data(model.index(model.rowOf(u"s-5"_s), 0), SessionTableModel::StateRole).toInt(),
             static_cast<int>(SessionState::Busy));
}

CtlRun TestPagingBounds::ctl(const QStringList &args)
{
    QTemporaryDir home;
    QProcess p;
    QProcessEnvironment env;
    env.insert(u"HOME"_s, home.path());
    env.insert(u"AWS_ACCESS_KEY_ID"_s, u"AKIDCTLTEST"_s);
    env.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"ctl-test-secret"_s);
    env.insert(u"AWS_REGION"_s, u"eu-west-1"_s);
    env.insert(u"AWS_ENDPOINT_URL_ATHENA"_s, u"http://127.0.0.1:%1"_s.arg(m_server->port()));
    p.setProcessEnvironment(env);
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(QStringLiteral(ATHENACTL_PATH), args);
    // 10,000 requests take about 5 s here, and two minutes or more under the sanitizers.
    if (!finished.wait(400000))
        p.kill();
    return CtlRun{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

void TestPagingBounds::ctlListSessionsChurn()
{
    // Empty pages, a new token each: athenactl stops at its 10,000-page cap, prints what it
    // listed with the token to go on from, and exits 1.
    churn(*m_server, [](int n) { return sessionsPage(0, 0, u"t%1"_s.arg(n)); });
    QElapsedTimer clock;
    clock.start();
    const CtlRun r = ctl({u"list-sessions"_s, u"--work-group"_s, u"spark"_s, u"--all-pages"_s});
    qInfo("athenactl: 10,000 pages in %lld ms", static_cast<long long>(clock.elapsed()));
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(m_server->received.size(), kListSessionsPaging.maxPages);
    QVERIFY2(r.err.contains("athenactl: TooManyPages: ListSessions stopped after 10000 pages"), r.err.right(600).constData());
    QVERIFY2(r.err.contains("the 0 sessions listed were printed, with the NextToken to go on from"), r.err.right(600).constData());
    const QJsonObject out = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(out.value(u"Sessions"_s).toArray().size(), 0);
    QCOMPARE(out.value(u"NextToken"_s).toString(), u"t9999"_s);

    // --all-pages --next-token goes on from there.
    m_server->received.clear();
    m_server->disconnect();
    m_server->script = {Action::respond(200, sessionsPage(0, 2))};
    const CtlRun more = ctl({u"list-sessions"_s, u"--work-group"_s, u"spark"_s, u"--all-pages"_s, u"--next-token"_s, u"t9999"_s});
    QCOMPARE(more.exitCode, 0);
    QCOMPARE(bodyOf(m_server->received.first()).value(u"NextToken"_s).toString(), u"t9999"_s);
    QCOMPARE(QJsonDocument::fromJson(more.out).object().value(u"Sessions"_s).toArray().size(), 2);
}

void TestPagingBounds::ctlListSessionsRefusedPageExitsOne()
{
    m_server->script = {Action::respond(200, sessionsPage(0, 5, u"t1"_s)), Action::respond(200, sessionsPage(5, 1001, u"t2"_s))};
    const CtlRun r = ctl({u"list-sessions"_s, u"--work-group"_s, u"spark"_s, u"--all-pages"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("athenactl: PageTooLarge: ListSessions returned 1001 sessions in one page"), r.err.constData());
    QVERIFY(r.out.isEmpty()); // never half a document that looks complete
    QCOMPARE(m_server->received.size(), 2);
}

void TestPagingBounds::ctlListWorkGroupsChurn()
{
    churn(*m_server, [](int n) { return workGroupsPage(n, 1, u"t%1"_s.arg(n)); });
    const CtlRun r = ctl({u"list-work-groups"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("athenactl: TooManyPages: ListWorkGroups stopped after 200 pages, the most one listing asks "
                            "for, with 200 workgroups listed"),
             r.err.constData());
    QCOMPARE(m_server->received.size(), kListWorkGroupsPaging.maxPages);
    QVERIFY(r.out.isEmpty());
}

void TestPagingBounds::ctlListEngineVersionsRepeatedToken()
{
    m_server->script = {Action::respond(200, engineVersionsPage(3, u"A"_s))};
    m_server->fallback = Action::respond(200, engineVersionsPage(3, u"A"_s));
    const CtlRun r = ctl({u"list-engine-versions"_s, u"--all-pages"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("athenactl: RepeatedNextToken: ListEngineVersions returned a NextToken it had already returned"),
             r.err.constData());
    QCOMPARE(m_server->received.size(), 2);

    // An honest service: every page, every version.
    m_server->received.clear();
    m_server->script = {Action::respond(200, engineVersionsPage(10, u"B"_s)), Action::respond(200, engineVersionsPage(2))};
    const CtlRun ok = ctl({u"list-engine-versions"_s, u"--all-pages"_s});
    QCOMPARE(ok.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(ok.out).object().value(u"EngineVersions"_s).toArray().size(), 12);
    QCOMPARE(bodyOf(m_server->received.at(1)).value(u"NextToken"_s).toString(), u"B"_s);
}

QTEST_GUILESS_MAIN(TestPagingBounds)
#include "tst_pagingbounds.moc"
