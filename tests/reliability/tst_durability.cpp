// kill -9 of athena-local while 200 StartSession calls are in flight, then a restart on the same
// data directory: every session a client saw acknowledged is there, in a valid state, and the
// database passes SQLite's integrity check.
#include "athena/athenaclient.h"
#include "support/loopback.h"
#include "local/localendpoint.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace athena;
using namespace Qt::StringLiterals;

class TestDurability : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acknowledgedSessionsSurviveSigkill();

private:
    void start(QProcess &server, const QString &dir, quint16 port);
};

void TestDurability::start(QProcess &server, const QString &dir, quint16 port)
{
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(QStringLiteral(ATHENA_LOCAL_PATH), {u"--port"_s, QString::number(port), u"--data-dir"_s, dir});
    QVERIFY(server.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(testing::acceptsConnections(port), 20000);
}

void TestDurability::acknowledgedSessionsSurviveSigkill()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto credentials = local::LocalEndpoint::loadOrCreateCredentials(dir.path());
    QVERIFY(credentials.ok());
    const quint16 port = testing::unusedLoopbackPort();
    QVERIFY(port != 0);

    QProcess server;
    start(server, dir.path(), port);

    QNetworkAccessManager network;
    aws::TransportConfig config;
    config.endpoint = QUrl(u"http://127.0.0.1:%1/"_s.arg(port));
    config.region = u"us-east-1"_s;
    config.maxAttempts = 1; // acknowledged means: this call's answer said so
    config.requestTimeoutMs = 10000;
    aws::AwsJsonTransport transport(&network, std::make_shared<aws::StaticCredentialsProvider>(credentials.value()), config);
    AthenaClient client(&transport);

    QStringList acknowledged;
    int answered = 0;
    for (int i = 0; i < 200; ++i) {
        StartSessionRequest request;
        request.workGroup = i % 2 ? u"spark-etl"_s : u"spark-ml"_s;
        request.description = u"durable %1"_s.arg(i);
        request.engineConfiguration.maxConcurrentDpus = 2;
        client.startSession(request, this, [&](const aws::Result<StartSessionResult> &r) {
            ++answered;
            if (r.ok())
                acknowledged << r->sessionId;
            // Pull the plug in the middle of the burst.
            if (acknowledged.size() == 60 && server.state() == QProcess::Running)
                server.kill(); // SIGKILL
        });
    }
    QTRY_VERIFY_WITH_TIMEOUT(answered == 200, 60000);
    QTRY_COMPARE_WITH_TIMEOUT(server.state(), QProcess::NotRunning, 10000);
    QCOMPARE(server.exitStatus(), QProcess::CrashExit);
    QVERIFY2(acknowledged.size() >= 60 && acknowledged.size() < 200, qPrintable(QString::number(acknowledged.size())));

    // The database file as the kill left it.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"check"_s);
        db.setDatabaseName(QDir(dir.path()).filePath(u"athena-local.sqlite"_s));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"PRAGMA integrity_check"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"ok"_s);
        QVERIFY(q.exec(u"SELECT COUNT(*) FROM sessions"_s) && q.next());
        QVERIFY(q.value(0).toInt() >= acknowledged.size());
        db.close();
    }
    QSqlDatabase::removeDatabase(u"check"_s);

    QProcess restarted;
    start(restarted, dir.path(), port);
    int found = 0;
    for (const QString &id : std::as_const(acknowledged)) {
        std::optional<aws::Result<SessionDetails>> d;
        client.getSession(id, this, [&d](const aws::Result<SessionDetails> &r) { d = r; });
        QTRY_VERIFY_WITH_TIMEOUT(d.has_value(), 10000);
        QVERIFY2(d->ok(), qPrintable(id + u": "_s + (d->ok() ? QString() : d->error().toString())));
        QVERIFY(d->value().status.state.has_value()); // a valid state, and its life cycle goes on
        ++found;
    }
    QCOMPARE(found, acknowledged.size());
    qInfo("durability: %d of 200 starts acknowledged before SIGKILL, %d found after the restart, integrity_check ok",
          static_cast<int>(acknowledged.size()), found);
    restarted.terminate();
    restarted.waitForFinished(5000);
}

QTEST_GUILESS_MAIN(TestDurability)
#include "tst_durability.moc"
