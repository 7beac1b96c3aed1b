// SessionListLoader's concurrent chains (one per state and workgroup) against a scripted service
// whose sessions change state between the pages of a pass: a session may then be seen by two
// chains or by none, and must be neither doubled nor dropped (issue 18). Also: the bound on chains
// in flight, and throttled chains that back off and resume.
#include "athena/athenaclient.h"
#include "sessions/sessionlistloader.h"
#include "sessions/sessiontablemodel.h"
#include "support/scriptedhttpserver.h"

#include <QAbstractItemModelTester>
#include <QTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace athena;
using namespace testing;
using namespace Qt::StringLiterals;
using Action = ScriptedHttpServer::Action;

namespace {

const QStringList kActive = {u"CREATING"_s, u"CREATED"_s, u"IDLE"_s, u"BUSY"_s};

// A tiny Athena: sessions newest first; a NextToken names the last session of its page, so that
// a listing goes on by position as the real service's does, whatever changed meanwhile.
struct World
{
    struct Session
    {
        QString id;
        QString workGroup;
        QString state;
        qint64 modified = 0; // seconds; every change moves it on
        bool deleted = false;
    };
    QList<Session> sessions;
    qint64 clock = 1'700'000'000;
    // Called before each ListSessions page is assembled: (workgroup, filter or "", position of
    // the page's first candidate).
    std::function<void(const QString &, const QString &, qsizetype)> beforePage;
    // Called for each ListSessions request; a non-empty action answers it instead.
    std::function<std::optional<Action>(const QJsonObject &)> intercept;
    // The newest (modified, state) each session was served with, by listings and GetSession.
    QHash<QString, std::pair<qint64, QString>> served;
    int getSessions = 0;

    qsizetype indexOf(const QString &id) const
    {
        for (qsizetype i = 0; i < sessions.size(); ++i) {
            if (sessions.at(i).id == id)
                return i;
        }
        return -1;
    }
    void set(qsizetype i, const QString &state)
    {
        sessions[i].state = state;
        sessions[i].modified = ++clock;
    }
    void add(const QString &id, const QString &workGroup, const QString &state)
    {
        sessions.prepend(Session{id, workGroup, state, ++clock, false});
    }
    QJsonObject status(const Session &s)
    {
        const auto [known, _] = served.value(s.id, {0, QString()});
        if (s.modified >= known)
            served.insert(s.id, {s.modified, s.state});
        return {{u"State"_s, s.state}, {u"StartDateTime"_s, 1'600'000'000}, {u"LastModifiedDateTime"_s, s.modified}};
    }
    QSet<QString> activeIds() const
    {
        QSet<QString> ids;
        for (const Session &s : sessions) {
            if (!s.deleted && kActive.contains(s.state))
                ids.insert(s.id);
        }
        return ids;
    }

    Action answer(const ScriptedHttpServer::Received &r)
    {
        const QByteArray target = r.header("x-amz-target");
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        if (target.endsWith("GetSession")) {
            ++getSessions;
            const qsizetype i = indexOf(body.value(u"SessionId"_s).toString());
            if (i < 0 || sessions.at(i).deleted)
                return Action::respond(400, R"({"__type":"ResourceNotFoundException","Message":"Session is not found."})");
            const Session &s = sessions.at(i);
            const QJsonObject o{{u"SessionId"_s, s.id}, {u"WorkGroup"_s, s.workGroup}, {u"Status"_s, status(s)},
                                {u"EngineConfiguration"_s, QJsonObject{{u"MaxConcurrentDpus"_s, 20}}}};
            return Action::respond(200, QJsonDocument(o).toJson(QJsonDocument::Compact));
        }
        if (!target.endsWith("ListSessions"))
            return Action::respond(400, R"({"__type":"InvalidRequestException","Message":"unexpected"})");
        if (intercept) {
            if (std::optional<Action> a = intercept(body))
                return *a;
        }
        const QString wg = body.value(u"WorkGroup"_s).toString();
        const QString filter = body.value(u"StateFilter"_s).toString();
        const int max = body.value(u"MaxResults"_s).toInt(10);
        const QString token = body.value(u"NextToken"_s).toString();
        qsizetype from = 0;
        if (!token.isEmpty()) {
            from = indexOf(token) + 1;
            if (from == 0)
                return Action::respond(400, R"({"__type":"InvalidRequestException","Message":"bad token"})");
        }
        if (beforePage)
            beforePage(wg, filter, from);
        const auto matches = [&](const Session &s) {
            return !s.deleted && s.workGroup == wg && (filter.isEmpty() ? kActive.contains(s.state) : s.state == filter);
        };
        QJsonArray page;
        QString next;
        for (qsizetype i = from; i < sessions.size(); ++i) {
            const Session &s = sessions.at(i);
            if (!matches(s))
                continue;
            if (page.size() == max) {
                next = page.last().toObject().value(u"SessionId"_s).toString();
                break;
            }
            page.append(QJsonObject{{u"SessionId"_s, s.id}, {u"Status"_s, status(s)}});
        }
        QJsonObject o{{u"Sessions"_s, page}};
        if (!next.isEmpty())
            o.insert(u"NextToken"_s, next);
        return Action::respond(200, QJsonDocument(o).toJson(QJsonDocument::Compact));
    }
};

} // namespace

class TestListingChains : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void activeRunsAsOneChainPerState();
    void stateChangesBetweenPagesNeitherDoubleNorDrop();
    void concurrentChainsUnderChurnStayConsistent();
    void throttledChainResumesWhereItStopped();
    void endlessThrottlingEndsThePassBounded();
    void pagesReachTheModelInBatches();

private:
    bool runPass();
    QSet<QString> modelIds() const;
    QString modelState(const QString &id) const;

    World m_world;
    std::unique_ptr<ScriptedHttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<aws::AwsJsonTransport> m_transport;
    std::unique_ptr<AthenaClient> m_client;
    std::unique_ptr<SessionTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<SessionListLoader> m_loader;
};

void TestListingChains::init()
{
    m_world = World();
    m_server = std::make_unique<ScriptedHttpServer>();
    QVERIFY(m_server->listen());
    m_server->handler = [this](const ScriptedHttpServer::Received &r) { return m_world.answer(r); };
    m_network = std::make_unique<QNetworkAccessManager>();
    aws::TransportConfig config;
    config.endpoint = QUrl(u"http://127.0.0.1:%1/"_s.arg(m_server->port()));
    config.region = u"us-east-1"_s;
    m_transport = std::make_unique<aws::AwsJsonTransport>(
        m_network.get(), std::make_shared<aws::StaticCredentialsProvider>(aws::AwsCredentials{u"AKID"_s, u"s"_s, {}, {}, {}}),
        config);
    m_transport->setRandom([] { return 0.0; }); // retries at once
    m_client = std::make_unique<AthenaClient>(m_transport.get());
    m_model = std::make_unique<SessionTableModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_loader = std::make_unique<SessionListLoader>();
    m_loader->attach(m_model.get());
    m_loader->setClient(m_client.get());
    m_loader->setChainPerState(true);
    m_loader->setPageSize(10);
    m_loader->setResumeDelay(5);
}

void TestListingChains::cleanup()
{
    m_loader.reset();
    m_tester.reset();
    m_model.reset();
    m_client.reset();
    m_transport.reset();
    m_network.reset();
    m_server.reset();
}

bool TestListingChains::runPass()
{
    QSignalSpy finished(m_loader.get(), &SessionListLoader::passFinished);
    if (!m_loader->refresh())
        return false;
    if (!finished.wait(30000))
        return false;
    return finished.first().at(1).toBool();
}

QSet<QString> TestListingChains::modelIds() const
{
    QSet<QString> ids;
    for (int r = 0; r < m_model->rowCount(); ++r)
        ids.insert(m_model->sessionIdAt(r));
    return ids;
}

QString TestListingChains::modelState(const QString &id) const
{
    const int row = m_model->rowOf(id);
    return row < 0 ? QString() : m_model->summaryAt(row).status.stateLabelText();
}

void TestListingChains::activeRunsAsOneChainPerState()
{
    QCOMPARE(m_loader->chainFilters(StateFilter::active()).size(), 4);
    QCOMPARE(m_loader->chainFilters(StateFilter::all()).size(), 8);
    QCOMPARE(m_loader->chainFilters(StateFilter::single(SessionState::Failed)).size(), 1);
    m_loader->setChainPerState(false);
    QCOMPARE(m_loader->chainFilters(StateFilter::active()).size(), 1);
    m_loader->setChainPerState(true);
    for (int i = 0; i < 40; ++i)
        m_world.add(u"s-%1"_s.arg(i), u"wg"_s, i % 2 ? u"BUSY"_s : u"IDLE"_s);
    m_loader->setScope({u"wg"_s}, StateFilter::active());
    QVERIFY(runPass());
    QCOMPARE(modelIds(), m_world.activeIds());
    QSet<QString> filters;
    for (const ScriptedHttpServer::Received &r : std::as_const(m_server->received))
        filters.insert(QJsonDocument::fromJson(r.body).object().value(u"StateFilter"_s).toString());
    QCOMPARE(filters, QSet<QString>(kActive.begin(), kActive.end())); // never unfiltered
}

void TestListingChains::stateChangesBetweenPagesNeitherDoubleNorDrop()
{
    // One chain at a time, so that which session each change hides from which chain is certain:
    // IDLE's chain runs first, then BUSY's, CREATING's, CREATED's.
    m_loader->setConcurrency(1);
    for (int i = 199; i >= 0; --i)
        m_world.add(u"s-%1"_s.arg(i, 3, 10, QChar(u'0')), u"wg"_s, i % 2 ? u"BUSY"_s : u"IDLE"_s);
    m_loader->setScope({u"wg"_s}, StateFilter::active());
    QVERIFY(runPass());
    QCOMPARE(m_model->rowCount(), 200);

    QStringList missed, doubled, ended, deleted, created;
    m_world.beforePage = [&](const QString &, const QString &filter, qsizetype from) {
        if (filter != u"IDLE"_s || from < 20 || missed.size() >= 5)
            return;
        QList<World::Session> &s = m_world.sessions;
        for (qsizetype i = from - 1; i >= 0; --i) {
            // Behind the IDLE chain, BUSY → IDLE: the IDLE chain has passed it, the BUSY chain will
            // not list it. Seen by no chain.
            if (s.at(i).state == u"BUSY"_s && !missed.contains(s.at(i).id) && !ended.contains(s.at(i).id)) {
                m_world.set(i, u"IDLE"_s);
                missed << s.at(i).id;
                break;
            }
        }
        for (qsizetype i = from - 1; i >= 0; --i) {
            // Behind it, IDLE → BUSY: seen as IDLE already, the BUSY chain lists it again. Twice.
            if (s.at(i).state == u"IDLE"_s && !missed.contains(s.at(i).id) && !doubled.contains(s.at(i).id)) {
                m_world.set(i, u"BUSY"_s);
                doubled << s.at(i).id;
                break;
            }
        }
        for (qsizetype i = from - 1; i >= 0; --i) {
            // Ended behind the IDLE chain: no chain lists it any more; GetSession says TERMINATED.
            if (s.at(i).state == u"BUSY"_s && !doubled.contains(s.at(i).id)) {
                m_world.set(i, u"TERMINATED"_s);
                ended << s.at(i).id;
                break;
            }
        }
        for (qsizetype i = from + 30; i < s.size(); ++i) {
            // Ahead of it, gone altogether (Athena forgot it): GetSession says not found.
            if (s.at(i).state == u"IDLE"_s && !s.at(i).deleted) {
                s[i].deleted = true;
                deleted << s.at(i).id;
                break;
            }
        }
        m_world.add(u"new-%1"_s.arg(created.size()), u"wg"_s, u"CREATING"_s); // listed by the CREATING chain
        created << m_world.sessions.first().id;
    };
    m_world.served.clear();
    m_world.getSessions = 0;
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QVERIFY(runPass());
    m_world.beforePage = nullptr;
    QCOMPARE(missed.size(), 5);
    QCOMPARE(doubled.size(), 5);
    QCOMPARE(ended.size(), 5);
    QCOMPARE(deleted.size(), 5);

    // Nothing doubled, nothing dropped, nothing stale: the model is the service's active set,
    // every row in its newest state.
    const QSet<QString> ids = modelIds();
    QCOMPARE(ids.size(), m_model->rowCount());
    QCOMPARE(ids, m_world.activeIds());
    for (const World::Session &s : std::as_const(m_world.sessions)) {
        if (ids.contains(s.id))
            QCOMPARE(modelState(s.id), s.state);
    }
    for (const QString &id : std::as_const(missed))
        QCOMPARE(modelState(id), u"IDLE"_s); // kept: GetSession found it active
    for (const QString &id : std::as_const(doubled))
        QCOMPARE(modelState(id), u"BUSY"_s); // the newer of its two sightings
    for (const QString &id : std::as_const(created))
        QVERIFY(ids.contains(id));
    // Only the rows the pass missed were asked about, one GetSession each.
    QCOMPARE(m_world.getSessions, missed.size() + ended.size() + deleted.size());
    QCOMPARE(removed.size(), ended.size() + deleted.size());

    // A quiet pass changes nothing.
    const int rows = m_model->rowCount();
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QVERIFY(runPass());
    QCOMPARE(m_model->rowCount(), rows);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(removed.size(), ended.size() + deleted.size());
}

void TestListingChains::concurrentChainsUnderChurnStayConsistent()
{
    const QStringList groups = {u"a"_s, u"b"_s, u"c"_s};
    for (int i = 0; i < 450; ++i)
        m_world.add(u"s-%1"_s.arg(i), groups.at(i % 3), i % 4 == 0 ? u"BUSY"_s : u"IDLE"_s);
    m_loader->setScope(groups, StateFilter::active());
    QVERIFY(runPass());
    QCOMPARE(modelIds(), m_world.activeIds());
    QVERIFY2(m_loader->peakChains() > 1 && m_loader->peakChains() <= SessionListLoader::kDefaultConcurrency,
             qPrintable(QString::number(m_loader->peakChains())));

    // Every page: a few sessions flip between IDLE and BUSY, now and then one ends or starts.
    QRandomGenerator random(18);
    int pages = 0;
    m_world.beforePage = [&](const QString &, const QString &, qsizetype) {
        ++pages;
        QList<World::Session> &s = m_world.sessions;
        for (int k = 0; k < 4; ++k) {
            const auto i = static_cast<qsizetype>(random.bounded(static_cast<int>(s.size())));
            if (s.at(i).state == u"IDLE"_s || s.at(i).state == u"BUSY"_s)
                m_world.set(i, s.at(i).state == u"IDLE"_s ? u"BUSY"_s : u"IDLE"_s);
        }
        if (pages % 5 == 0)
            m_world.set(random.bounded(static_cast<int>(s.size())), u"TERMINATED"_s);
        if (pages % 7 == 0)
            m_world.add(u"new-%1"_s.arg(pages), groups.at(pages % 3), u"CREATING"_s);
    };
    const QSet<QString> before = m_world.activeIds();
    QVERIFY(runPass());
    m_world.beforePage = nullptr;
    QVERIFY(pages > 20);
    const QSet<QString> ids = modelIds();
    QCOMPARE(ids.size(), m_model->rowCount()); // no session twice
    // No session that was active before the pass and still is was dropped.
    QSet<QString> mustStay = m_world.activeIds();
    mustStay.intersect(before);
    QVERIFY(mustStay.size() > 300);
    for (const QString &id : std::as_const(mustStay))
        QVERIFY2(ids.contains(id), qPrintable(id));
    // Every row holds the newest state the service gave for it during the pass.
    for (const QString &id : ids) {
        if (m_world.served.contains(id))
            QCOMPARE(modelState(id), m_world.served.value(id).second);
    }
    // And the next quiet pass shows exactly the service's active sessions, in their states.
    QVERIFY(runPass());
    QCOMPARE(modelIds(), m_world.activeIds());
    for (const World::Session &s : std::as_const(m_world.sessions)) {
        if (!s.deleted && kActive.contains(s.state))
            QCOMPARE(modelState(s.id), s.state);
    }
}

void TestListingChains::throttledChainResumesWhereItStopped()
{
    for (int i = 0; i < 100; ++i)
        m_world.add(u"s-%1"_s.arg(i), u"wg"_s, i % 2 ? u"BUSY"_s : u"IDLE"_s);
    m_loader->setScope({u"wg"_s}, StateFilter::active());
    // The IDLE chain's third page is throttled on every attempt of one call (the transport tries
    // 3 times), then answered.
    int throttled = 0;
    QString tokenThrottled;
    m_world.intercept = [&](const QJsonObject &body) -> std::optional<Action> {
        if (body.value(u"StateFilter"_s).toString() != u"IDLE"_s || !body.contains(u"NextToken"_s))
            return std::nullopt;
        const QString token = body.value(u"NextToken"_s).toString();
        if (tokenThrottled.isEmpty() && m_world.indexOf(token) > 30)
            tokenThrottled = token;
        if (token != tokenThrottled || throttled >= 3)
            return std::nullopt;
        ++throttled;
        return Action::respond(400, R"({"__type":"ThrottlingException","Message":"Rate exceeded"})");
    };
    QSignalSpy errors(m_loader.get(), &SessionListLoader::errorOccurred);
    QVERIFY(runPass());
    QCOMPARE(throttled, 3);
    QCOMPARE(errors.size(), 0);
    QCOMPARE(modelIds(), m_world.activeIds());
    int withToken = 0;
    for (const ScriptedHttpServer::Received &r : std::as_const(m_server->received))
        withToken += QJsonDocument::fromJson(r.body).object().value(u"NextToken"_s).toString() == tokenThrottled;
    QCOMPARE(withToken, 4); // three throttled attempts, then the resumed chain asked for the same page
}

void TestListingChains::endlessThrottlingEndsThePassBounded()
{
    for (int i = 0; i < 50; ++i)
        m_world.add(u"s-%1"_s.arg(i), u"wg"_s, u"IDLE"_s);
    m_loader->setScope({u"wg"_s}, StateFilter::active());
    QVERIFY(runPass());
    m_world.intercept = [](const QJsonObject &body) -> std::optional<Action> {
        if (body.value(u"StateFilter"_s).toString() != u"IDLE"_s)
            return std::nullopt;
        return Action::respond(400, R"({"__type":"ThrottlingException","Message":"Rate exceeded"})");
    };
    m_loader->setMaxResumes(2);
    const qsizetype before = m_server->received.size();
    QSignalSpy errors(m_loader.get(), &SessionListLoader::errorOccurred);
    QVERIFY(!runPass()); // incomplete
    QCOMPARE(errors.size(), 1);
    QVERIFY(errors.first().at(1).value<aws::AwsError>().isThrottling());
    QCOMPARE(m_model->rowCount(), 50); // an incomplete pass removes nothing
    // The IDLE chain: 1 + 2 resumes, 3 attempts each; the other three chains one page each.
    QCOMPARE(m_server->received.size() - before, 3 * 3 + 3);
    QVERIFY(!m_loader->isRunning());
}

void TestListingChains::pagesReachTheModelInBatches()
{
    // With a merge interval, pages that arrive close together reach the model in one event-loop
    // turn (one layout and paint for them), in order, and every page is in before the pass ends.
    for (int i = 0; i < 400; ++i)
        m_world.add(u"s-%1"_s.arg(i, 3, 10, QChar(u'0')), u"wg"_s, i % 2 ? u"BUSY"_s : u"IDLE"_s);
    m_loader->setMergeInterval(10000); // longer than the pass: everything after the first page waits for its end
    int turns = 0;
    bool inTurn = false;
    connect(m_model.get(), &QAbstractItemModel::rowsInserted, this, [&] {
        if (inTurn)
            return;
        inTurn = true;
        ++turns;
        QTimer::singleShot(0, this, [&] { inTurn = false; });
    });
    int rowsAtEnd = -1;
    connect(m_loader.get(), &SessionListLoader::passFinished, this, [&] { rowsAtEnd = m_model->rowCount(); });
    m_loader->setScope({u"wg"_s}, StateFilter::active());
    QVERIFY(runPass());
    const qsizetype pages = m_server->received.size();
    QVERIFY2(pages >= 40, qPrintable(QString::number(pages)));
    QCOMPARE(rowsAtEnd, 400); // merged before passFinished
    QCOMPARE(modelIds(), m_world.activeIds());
    QVERIFY2(turns <= 3, qPrintable(u"%1 turns for %2 pages"_s.arg(turns).arg(pages))); // the first page, then the rest at the end
}

QTEST_GUILESS_MAIN(TestListingChains)
#include "tst_listingchains.moc"
