// 1,000 StartSession calls through AthenaClient while the endpoint injects 20 % HTTP 500, 10 %
// throttling, 5 % dropped connections (before or after the work) and random latency. Afterwards:
// exactly one session per call that reported success, none for a call that reported a definite
// failure, a token to retry with for every failure whose outcome is unknown (and that retry finds
// the one session, never a second), no duplicates, and no call outlived its timeout.
#include "athena/athenaclient.h"
#include "local/localendpoint.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace athena;
using namespace Qt::StringLiterals;

namespace {

constexpr int kCalls = 1000;
constexpr int kInFlight = 48;
constexpr int kRequestTimeoutMs = 3000;

struct Outcome
{
    QString token;
    QString description;
    bool done = false;
    bool ok = false;
    QString sessionId;
    aws::AwsError error;
    qint64 elapsedMs = 0;
};

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void thousandStartsUnderFaults();
};

void TestFaults::thousandStartsUnderFaults()
{
    const aws::AwsCredentials credentials{u"LOCALFAULTTEST000001"_s, u"fault-test-secret"_s, {}, {}, {}};
    local::EndpointOptions options;
    options.inMemory = true;
    options.credentials = credentials;
    options.faults = {local::FaultRule::parse(u"StartSession:error=0.2,throttle=0.1,drop=0.05,latency=0-20"_s).value()};
    options.faultSeed = 20261121;
    local::LocalEndpointThread endpoint(options);
    QVERIFY(endpoint.start().ok());

    QNetworkAccessManager network;
    aws::TransportConfig config;
    config.endpoint = endpoint.url();
    config.region = u"us-east-1"_s;
    config.requestTimeoutMs = kRequestTimeoutMs;
    config.connectTimeoutMs = 2000;
    aws::AwsJsonTransport transport(&network, std::make_shared<aws::StaticCredentialsProvider>(credentials), config);
    // Real jitter, a fifth of the SDK's delays: the same decisions, a shorter test.
    auto rng = std::make_shared<QRandomGenerator>(7);
    transport.setRandom([rng] { return rng->generateDouble() * 0.2; });
    AthenaClient client(&transport);

    QList<Outcome> outcomes(kCalls);
    int next = 0, running = 0, finished = 0;
    std::function<void()> launch = [&] {
        while (running < kInFlight && next < kCalls) {
            const int i = next++;
            ++running;
            Outcome &o = outcomes[i];
            o.token = u"fault-%1-"_s.arg(i, 4, 10, QChar(u'0')) + QString(28, u'x');
            o.description = u"call %1"_s.arg(i);
            StartSessionRequest request;
            request.workGroup = u"spark-etl"_s;
            request.description = o.description;
            request.engineConfiguration.maxConcurrentDpus = 2;
            request.clientRequestToken = o.token;
            auto timer = std::make_shared<QElapsedTimer>();
            timer->start();
            client.startSession(request, this, [&, i, timer](const aws::Result<StartSessionResult> &r) {
                Outcome &out = outcomes[i];
                out.done = true;
                out.elapsedMs = timer->elapsed();
                out.ok = r.ok();
                if (r.ok())
                    out.sessionId = r->sessionId;
                else
                    out.error = r.error();
                --running;
                ++finished;
                launch();
            });
        }
    };
    launch();
    QTRY_VERIFY_WITH_TIMEOUT(finished == kCalls, 300000);

    int succeeded = 0, definite = 0, unknown = 0, tooLong = 0;
    QSet<QString> ids;
    const qint64 bound = static_cast<qint64>(config.maxAttempts) * kRequestTimeoutMs + 2000 /* backoff */ + 2000 /* slack */;
    for (const Outcome &o : std::as_const(outcomes)) {
        if (o.elapsedMs > bound)
            ++tooLong;
        if (o.ok) {
            ++succeeded;
            QVERIFY2(!ids.contains(o.sessionId), "two successful calls reported the same session");
            ids.insert(o.sessionId);
        } else if (o.error.outcomeUnknown) {
            ++unknown;
        } else {
            ++definite;
            // A definite failure must be a refusal every copy of the request would get.
            QVERIFY2(o.error.kind == aws::AwsError::Kind::Service && !aws::StandardRetryStrategy::isRetryable(o.error),
                     qPrintable(o.error.toString()));
        }
    }
    QCOMPARE(tooLong, 0);

    // Retry every unknown outcome with its token, as the error says: it finds the session the
    // first call may have started, or starts the one it did not. Never a second.
    int resolved = 0;
    for (Outcome &o : outcomes) {
        if (o.ok || !o.error.outcomeUnknown)
            continue;
        for (int attempt = 0; attempt < 20 && !o.ok; ++attempt) {
            StartSessionRequest request;
            request.workGroup = u"spark-etl"_s;
            request.description = o.description; // the same request: the same parameters
            request.engineConfiguration.maxConcurrentDpus = 2;
            request.clientRequestToken = o.token;
            std::optional<aws::Result<StartSessionResult>> r;
            client.startSession(request, this, [&r](const aws::Result<StartSessionResult> &x) { r = x; });
            QTRY_VERIFY_WITH_TIMEOUT(r.has_value(), 30000);
            if (r->ok()) {
                o.ok = true;
                o.sessionId = r->value().sessionId;
                ++resolved;
                QVERIFY(!ids.contains(o.sessionId));
                ids.insert(o.sessionId);
            }
        }
        QVERIFY2(o.ok, "an unknown outcome could not be resolved with its token in 20 tries");
    }

    // What the service holds: every session of the workgroup, in every state.
    QSet<QString> listed;
    int listedRows = 0;
    const QList<std::optional<SessionState>> filters{std::nullopt, SessionState::Terminating, SessionState::Terminated,
                                                     SessionState::Degraded, SessionState::Failed};
    for (const std::optional<SessionState> &filter : filters) {
        ListSessionsWalker walker(&client, ListSessionsRequest{u"spark-etl"_s, filter, 100, {}});
        QSignalSpy done(&walker, &ListSessionsWalker::finished);
        connect(&walker, &ListSessionsWalker::pageReceived, this, [&](const QList<SessionSummary> &page) {
            for (const SessionSummary &s : page) {
                listed.insert(s.sessionId);
                ++listedRows;
            }
        });
        walker.start();
        QVERIFY(done.wait(60000));
        QVERIFY(!walker.error());
    }
    QCOMPARE(listedRows, listed.size()); // no session twice
    const QSet<QString> extra = QSet<QString>(listed).subtract(ids);
    const QSet<QString> missing = QSet<QString>(ids).subtract(listed);
    QVERIFY2(extra.isEmpty() && missing.isEmpty(),
             qPrintable(u"%1 sessions exist that no call reported, %2 reported sessions are missing (%3 listed, %4 reported)"_s
                            .arg(extra.size()).arg(missing.size()).arg(listed.size()).arg(ids.size())));
    qInfo("faults: %d calls, %d succeeded, %d failed definitely, %d failed with an unknown outcome and were resolved by "
          "retrying their token (%d), %d sessions exist, 0 duplicates, longest call %lld ms (bound %lld ms)",
          kCalls, succeeded, definite, unknown, resolved, static_cast<int>(listed.size()),
          std::max_element(outcomes.begin(), outcomes.end(), [](const Outcome &a, const Outcome &b) { return a.elapsedMs < b.elapsedMs; })->elapsedMs,
          bound);
    QVERIFY(unknown > 0); // the faults did bite
}

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
