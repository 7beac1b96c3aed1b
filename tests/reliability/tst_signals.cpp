// athena-local stops on SIGINT and SIGTERM through its event loop (the self-pipe pattern Qt
// documents), not by calling Qt inside the handler: it says which signal stopped it, exits 0,
// and leaves its data directory consistent for the next start.
#include "support/loopback.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

class TestSignals : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stopsCleanly_data();
    void stopsCleanly();
    void manySignalsAtOnce();
};

namespace {

bool startServer(QProcess &server, const QString &dir, quint16 port)
{
    server.start(QStringLiteral(ATHENA_LOCAL_PATH), {u"--port"_s, QString::number(port), u"--data-dir"_s, dir});
    if (!server.waitForStarted(10000))
        return false;
    QElapsedTimer t;
    t.start();
    while (!testing::acceptsConnections(port)) {
        if (t.hasExpired(20000) || server.state() != QProcess::Running)
            return false;
        QTest::qWait(20);
    }
    return true;
}

} // namespace

void TestSignals::stopsCleanly_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::addColumn<QString>("name");
    QTest::newRow("SIGTERM") << int(SIGTERM) << u"SIGTERM"_s;
    QTest::newRow("SIGINT") << int(SIGINT) << u"SIGINT"_s;
}

void TestSignals::stopsCleanly()
{
    QFETCH(int, signalNumber);
    QFETCH(QString, name);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (int run = 0; run < 2; ++run) { // the second start finds what the first left
        const quint16 port = testing::unusedLoopbackPort();
        QProcess server;
        QVERIFY(startServer(server, dir.path(), port));
        QVERIFY(::kill(static_cast<pid_t>(server.processId()), signalNumber) == 0);
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
        const QString err = QString::fromUtf8(server.readAllStandardError());
        QVERIFY2(err.contains(u"athena-local: %1, stopping"_s.arg(name)), qPrintable(err));
    }
}

void TestSignals::manySignalsAtOnce()
{
    // A burst of signals (a user hammering Ctrl+C) is still one clean stop.
    QTemporaryDir dir;
    const quint16 port = testing::unusedLoopbackPort();
    QProcess server;
    QVERIFY(startServer(server, dir.path(), port));
    for (int i = 0; i < 50; ++i)
        ::kill(static_cast<pid_t>(server.processId()), i % 2 ? SIGINT : SIGTERM);
    QVERIFY(server.waitForFinished(10000));
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestSignals)
#include "tst_signals.moc"
