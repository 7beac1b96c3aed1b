// 32 concurrent keep-alive clients for 60 seconds against athena-local (wrk, with a request
// signed by this project's signer): every request answered, no error, no socket error, and no
// growth in the server's memory after the first seconds.
#include "aws/sigv4signer.h"
#include "support/loopback.h"
#include "local/localendpoint.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

double rssMb(qint64 pid)
{
    QFile f(u"/proc/%1/status"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

} // namespace

class TestLoad : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void thirtyTwoClientsForAMinute();
};

void TestLoad::thirtyTwoClientsForAMinute()
{
    const QString wrk = QStandardPaths::findExecutable(u"wrk"_s);
    if (wrk.isEmpty())
        QSKIP("[peer:wrk] wrk is not installed (./dev.sh test installs it): the load test cannot run");
    QTemporaryDir dir;
    auto credentials = local::LocalEndpoint::loadOrCreateCredentials(dir.path());
    QVERIFY(credentials.ok());
    const quint16 port = testing::unusedLoopbackPort();
    QVERIFY(port != 0);
    QProcess server;
    server.start(QStringLiteral(ATHENA_LOCAL_PATH), {u"--port"_s, QString::number(port), u"--data-dir"_s, dir.path(),
                                                     u"--in-memory"_s, u"--seed-sessions"_s, u"2000"_s});
    QVERIFY(server.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(testing::acceptsConnections(port), 30000);

    // A GetSession and a ListSessions request, signed once (valid for the test's duration), mixed
    // by the Lua script.
    aws::SigningOptions options{u"us-east-1"_s, u"athena"_s, QDateTime::currentDateTimeUtc()};
    const QByteArray host = "127.0.0.1:" + QByteArray::number(port);
    auto signedHeaders = [&](const QByteArray &target, const QByteArray &body) -> QByteArray { // a QByteArray, not a dangling QStringBuilder
        aws::SignableRequest r;
        r.headers = {{"Content-Type", "application/x-amz-json-1.1"}, {"Host", host}, {"X-Amz-Target", target}};
        r.body = body;
        const aws::SigningResult s = aws::SigV4Signer::sign(r, credentials.value(), options);
        QByteArray lua;
        for (const aws::HttpHeader &h : s.headersToAdd)
            lua += "[\"" + h.name + "\"]=\"" + h.value + "\",";
        // Host too: wrk.format runs before wrk has set its own.
        return "{[\"Host\"]=\"" + host + "\",[\"Content-Type\"]=\"application/x-amz-json-1.1\",[\"X-Amz-Target\"]=\"" + target
               + "\"," + lua + "}";
    };
    const QByteArray listBody = R"({"WorkGroup":"spark-analytics","MaxResults":50})";
    const QByteArray statusBody = R"({"SessionId":"missing-is-a-valid-answer"})";
    QFile script(dir.filePath(u"mix.lua"_s));
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("local list = wrk.format('POST', '/', " + signedHeaders("AmazonAthena.ListSessions", listBody) + ", '" + listBody + "')\n"
                 "local workgroups = wrk.format('POST', '/', " + signedHeaders("AmazonAthena.ListWorkGroups", "{}") + ", '{}')\n"
                 "local n = 0\n"
                 "request = function() n = n + 1; if n % 2 == 0 then return list else return workgroups end end\n"
                 "done = function(summary, latency, requests)\n"
                 "  io.write(string.format('COUNTS requests=%d errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d\\n',\n"
                 "    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))\n"
                 "end\n");
    script.close();
    Q_UNUSED(statusBody);

    QProcess load;
    load.start(wrk, {u"-t2"_s, u"-c32"_s, u"-d60s"_s, u"--timeout"_s, u"5s"_s, u"-s"_s, script.fileName(), u"http://127.0.0.1:%1/"_s.arg(port)});
    QVERIFY(load.waitForStarted());
    QTest::qWait(8000); // past the first seconds: connections, caches and pools are warm
    const double early = rssMb(server.processId());
    QVERIFY(load.waitForFinished(120000));
    const double late = rssMb(server.processId());
    const QString out = QString::fromUtf8(load.readAllStandardOutput());
    const QRegularExpressionMatch m = QRegularExpression(
        u"COUNTS requests=(\\d+) errors_connect=(\\d+) errors_read=(\\d+) errors_write=(\\d+) errors_status=(\\d+) errors_timeout=(\\d+)"_s)
                                          .match(out);
    QVERIFY2(m.hasMatch(), qPrintable(out));
    const qint64 requests = m.captured(1).toLongLong();
    QVERIFY(requests > 10000);
    for (int i = 2; i <= 6; ++i)
        QVERIFY2(m.captured(i) == u"0"_s, qPrintable(out));
#if defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer keeps freed memory in quarantine (256 MB by default): RSS says nothing about
    // growth there. LeakSanitizer checks for leaks in that build instead.
    qInfo("load: RSS not checked under AddressSanitizer (%.0f → %.0f MB)", early, late);
#else
    QVERIFY2(late - early < std::max(8.0, early * 0.10), qPrintable(u"RSS grew from %1 MB to %2 MB"_s.arg(early).arg(late)));
#endif
    qInfo("load: %lld requests from 32 clients in 60 s (%.0f/s), 0 errors, server RSS %.1f MB after 8 s and %.1f MB at the end",
          requests, static_cast<double>(requests) / 60.0, early, late);
    server.terminate();
    server.waitForFinished(5000);
}

QTEST_GUILESS_MAIN(TestLoad)
#include "tst_load.moc"
