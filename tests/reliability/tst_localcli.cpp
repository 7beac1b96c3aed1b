// athena-local as a user starts it: it raises its open-files limit and caps its connections
// below it, says which address it actually listens on, refuses a data directory that others may
// write to, makes a credentials file that others may read user-only (and says so), and accepts
// signatures for its configured region only.
#include "aws/sigv4signer.h"
#include "local/localendpoint.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace {

constexpr rlim_t kLoweredLimit = 256;

// Starts athena-local on a free loopback port and waits for its "listening" line; returns the
// port it printed (0 if it did not start).
quint16 startServer(QProcess &server, QStringList arguments, QByteArray *stderrOut = nullptr)
{
    arguments << u"--port"_s << u"0"_s;
    server.start(QStringLiteral(ATHENA_LOCAL_PATH), arguments);
    if (!server.waitForStarted(10000))
        return 0;
    QByteArray err;
    const QRegularExpression port(u"listening on [^\\n]*http://[^ \\n]*:(\\d+)/"_s);
    QRegularExpressionMatch m;
    (void)QTest::qWaitFor(
        [&] {
            err += server.readAllStandardError();
            m = port.match(QString::fromUtf8(err));
            return m.hasMatch() || server.state() != QProcess::Running;
        },
        20000);
    if (stderrOut)
        *stderrOut = err;
    return m.hasMatch() ? static_cast<quint16>(m.captured(1).toUInt()) : 0;
}

std::pair<qulonglong, qulonglong> openFilesLimits(qint64 pid)
{
    QFile f(u"/proc/%1/limits"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return { 0, 0 };
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("Max open files")) {
            const QList<QByteArray> fields = line.mid(14).simplified().split(' ');
            return { fields.value(0).toULongLong(), fields.value(1).toULongLong() };
        }
    }
    return { 0, 0 };
}

std::optional<int> status(QTcpSocket &socket, const QByteArray &request)
{
    socket.write(request);
    QByteArray buffer;
    (void)QTest::qWaitFor(
        [&] {
            buffer += socket.readAll();
            return buffer.contains("\r\n\r\n") || socket.state() != QAbstractSocket::ConnectedState;
        },
        10000);
    buffer += socket.readAll();
    if (!buffer.startsWith("HTTP/1.1 "))
        return std::nullopt;
    return buffer.mid(9, 3).toInt();
}

QByteArray signedListWorkGroups(const aws::AwsCredentials &credentials, quint16 port, const QString &region)
{
    aws::SignableRequest r;
    r.headers = { { "Content-Type", "application/x-amz-json-1.1" }, { "Host", "127.0.0.1:" + QByteArray::number(port) },
        { "X-Amz-Target", "AmazonAthena.ListWorkGroups" } };
    r.body = "{}";
    const aws::SigningResult s
        = aws::SigV4Signer::sign(r, credentials, { region, u"athena"_s, QDateTime::currentDateTimeUtc() });
    QByteArray out = "POST / HTTP/1.1\r\n";
    for (const aws::HttpHeader &h : r.headers + s.headersToAdd)
        out += h.name + ": " + h.value + "\r\n";
    return out + "Content-Length: 2\r\n\r\n{}";
}

QFileDevice::Permissions mode(int octal)
{
    QFileDevice::Permissions p;
    const QFileDevice::Permission bits[] = { QFile::ExeOther, QFile::WriteOther, QFile::ReadOther, QFile::ExeGroup,
        QFile::WriteGroup, QFile::ReadGroup, QFile::ExeOwner, QFile::WriteOwner, QFile::ReadOwner };
    for (int i = 0; i < 9; ++i) {
        if (octal & (1 << i))
            p |= bits[i];
    }
    return p;
}

constexpr QFileDevice::Permissions kUserBits
    = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadUser | QFile::WriteUser | QFile::ExeUser;

} // namespace

class TestLocalCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void raisesTheOpenFilesLimitAndCapsConnections();
    void describesTheAddressItListensOn();
    void printsTheBoundLoopbackAddress();
    void refusesADataDirOthersMayWrite();
    void tightensADataDirOthersMayRead();
    void makesAReadableCredentialsFileUserOnly();
    void acceptsItsConfiguredRegionOnly();
    void helpNamesTheNewOptions();
};

void TestLocalCli::raisesTheOpenFilesLimitAndCapsConnections()
{
    rlimit rl {};
    QCOMPARE(getrlimit(RLIMIT_NOFILE, &rl), 0);
    if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max <= kLoweredLimit)
        QSKIP("the hard open-files limit is too low to lower the soft one below it");
    QTemporaryDir dir;
    QProcess server;
    server.setChildProcessModifier([] {
        rlimit lowered {};
        getrlimit(RLIMIT_NOFILE, &lowered);
        lowered.rlim_cur = kLoweredLimit; // as a default shell gives it (1,024 on most systems)
        setrlimit(RLIMIT_NOFILE, &lowered);
    });
    QByteArray err;
    const quint16 port = startServer(server, { u"--data-dir"_s, dir.path(), u"--in-memory"_s, u"--no-auth"_s }, &err);
    QVERIFY2(port != 0, err.constData());
    const auto [soft, hard] = openFilesLimits(server.processId());
    qInfo("athena-local open-files limit: soft %llu, hard %llu; %s", soft, hard, err.trimmed().constData());
    QVERIFY(hard > kLoweredLimit);
    QCOMPARE(soft, hard);
    QVERIFY2(err.contains("open-files limit raised from 256"), err.constData());
    QVERIFY2(err.contains(
                 QByteArray("up to " + QByteArray::number(std::min<qulonglong>(hard, 1 << 20) - 64) + " connections")),
        err.constData());
    server.terminate();
    QVERIFY(server.waitForFinished(10000));

    // --max-connections: one connection is served, the next one gets 503 and is closed.
    QProcess capped;
    const quint16 cappedPort = startServer(capped,
        { u"--data-dir"_s, dir.path(), u"--in-memory"_s, u"--no-auth"_s, u"--max-connections"_s, u"1"_s }, &err);
    QVERIFY2(cappedPort != 0, err.constData());
    QVERIFY2(err.contains("up to 1 connections"), err.constData());
    QTcpSocket first;
    first.connectToHost(QHostAddress::LocalHost, cappedPort);
    QVERIFY(first.waitForConnected(5000));
    QCOMPARE(status(first, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"), std::optional<int>(200));
    QTcpSocket second;
    second.connectToHost(QHostAddress::LocalHost, cappedPort);
    QVERIFY(second.waitForConnected(5000));
    QCOMPARE(status(second, {}), std::optional<int>(503));
    QTRY_VERIFY(second.state() == QAbstractSocket::UnconnectedState);
    capped.terminate();
    QVERIFY(capped.waitForFinished(10000));
}

void TestLocalCli::describesTheAddressItListensOn()
{
    using local::LocalEndpoint;
    const QString any4 = LocalEndpoint::describeListening(QHostAddress(u"0.0.0.0"_s), 8400);
    QVERIFY2(any4.contains(u"all IPv4 interfaces"_s) && any4.contains(u"0.0.0.0"_s)
            && any4.contains(u"http://127.0.0.1:8400/"_s),
        qPrintable(any4));
    const QString any6 = LocalEndpoint::describeListening(QHostAddress(u"::"_s), 8400);
    QVERIFY2(any6.contains(u"all interfaces"_s) && any6.contains(u"(::"_s) && any6.contains(u"http://[::1]:8400/"_s),
        qPrintable(any6));
    QCOMPARE(
        LocalEndpoint::describeListening(QHostAddress(u"127.0.0.1"_s), 8400), u"listening on http://127.0.0.1:8400/"_s);
    QCOMPARE(LocalEndpoint::describeListening(QHostAddress(u"::1"_s), 8400), u"listening on http://[::1]:8400/"_s);
    QCOMPARE(
        LocalEndpoint::describeListening(QHostAddress(u"192.0.2.7"_s), 8400), u"listening on http://192.0.2.7:8400/"_s);
}

void TestLocalCli::printsTheBoundLoopbackAddress()
{
    // IPv6 loopback where the machine has it, else IPv4's.
    QTcpServer probe;
    const bool ipv6 = probe.listen(QHostAddress::LocalHostIPv6, 0);
    probe.close();
    const QHostAddress loopback
        = ipv6 ? QHostAddress(QHostAddress::LocalHostIPv6) : QHostAddress(QHostAddress::LocalHost);
    const QByteArray host = ipv6 ? "[::1]" : "127.0.0.1";
    QTemporaryDir dir;
    QProcess server;
    QByteArray err;
    const quint16 port = startServer(
        server, { u"--data-dir"_s, dir.path(), u"--in-memory"_s, u"--bind"_s, loopback.toString() }, &err);
    QVERIFY2(port != 0, err.constData());
    QVERIFY2(err.contains(QByteArray("listening on http://" + host + ':' + QByteArray::number(port) + "/ (")),
        err.constData());
    QTcpSocket client;
    client.connectToHost(loopback, port);
    QVERIFY(client.waitForConnected(5000));
    QCOMPARE(status(client, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"), std::optional<int>(200));
    server.terminate();
    QVERIFY(server.waitForFinished(10000));
}

void TestLocalCli::refusesADataDirOthersMayWrite()
{
    QTemporaryDir parent;
    const QString dir = parent.filePath(u"shared"_s);
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(QFile::setPermissions(dir, mode(0777)));
    QProcess print;
    print.start(QStringLiteral(ATHENA_LOCAL_PATH), { u"--data-dir"_s, dir, u"--print-credentials"_s });
    QVERIFY(print.waitForFinished(20000));
    const QByteArray err = print.readAllStandardError();
    QCOMPARE(print.exitCode(), 1);
    QCOMPARE(print.readAllStandardOutput(), QByteArray());
    QVERIFY2(err.contains("Refusing the data directory") && err.contains("mode 0777") && err.contains("chmod 700"),
        err.constData());
    QCOMPARE(QFileInfo(dir).permissions() & ~kUserBits, mode(0077)); // left as it was
    QVERIFY(!QFile::exists(QDir(dir).filePath(u"credentials.json"_s)));

    // The same from the library, group-writable.
    QVERIFY(QFile::setPermissions(dir, mode(0770)));
    const auto r = local::LocalEndpoint::loadOrCreateCredentials(dir);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, u"InsecureDataDir"_s);
    QVERIFY(!QFile::exists(QDir(dir).filePath(u"credentials.json"_s)));
}

void TestLocalCli::tightensADataDirOthersMayRead()
{
    QTemporaryDir parent;
    const QString dir = parent.filePath(u"readable"_s);
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(QFile::setPermissions(dir, mode(0755)));
    QStringList notes;
    const auto r = local::LocalEndpoint::loadOrCreateCredentials(dir, &notes);
    QVERIFY(r.ok());
    QCOMPARE(QFileInfo(dir).permissions() & ~kUserBits, QFileDevice::Permissions());
    QCOMPARE(notes.size(), 1);
    QVERIFY2(notes.first().contains(u"0755"_s) && notes.first().contains(u"0700"_s), qPrintable(notes.first()));
}

void TestLocalCli::makesAReadableCredentialsFileUserOnly()
{
    QTemporaryDir dir;
    const auto created = local::LocalEndpoint::loadOrCreateCredentials(dir.path());
    QVERIFY(created.ok());
    const QString path = QDir(dir.path()).filePath(u"credentials.json"_s);
    QCOMPARE(QFileInfo(path).permissions() & ~kUserBits, QFileDevice::Permissions());
    QVERIFY(QFile::setPermissions(path, mode(0644)));

    QProcess print;
    print.start(QStringLiteral(ATHENA_LOCAL_PATH), { u"--data-dir"_s, dir.path(), u"--print-credentials"_s });
    QVERIFY(print.waitForFinished(20000));
    const QByteArray err = print.readAllStandardError();
    QCOMPARE(print.exitCode(), 0);
    QVERIFY2(
        err.contains(QByteArray("made " + path.toUtf8() + " user-only (mode 0600; it was 0644)")), err.constData());
    QCOMPARE(QFileInfo(path).permissions() & ~kUserBits, QFileDevice::Permissions());
    QVERIFY(print.readAllStandardOutput().contains(
        QByteArray("export AWS_ACCESS_KEY_ID=" + created->accessKeyId.toUtf8())));

    // A second run has nothing to say.
    QProcess again;
    again.start(QStringLiteral(ATHENA_LOCAL_PATH), { u"--data-dir"_s, dir.path(), u"--print-credentials"_s });
    QVERIFY(again.waitForFinished(20000));
    QCOMPARE(again.exitCode(), 0);
    QCOMPARE(again.readAllStandardError(), QByteArray());
}

void TestLocalCli::acceptsItsConfiguredRegionOnly()
{
    QTemporaryDir dir;
    const auto credentials = local::LocalEndpoint::loadOrCreateCredentials(dir.path());
    QVERIFY(credentials.ok());

    QProcess print;
    print.start(QStringLiteral(ATHENA_LOCAL_PATH),
        { u"--data-dir"_s, dir.path(), u"--region"_s, u"eu-west-1"_s, u"--print-credentials"_s });
    QVERIFY(print.waitForFinished(20000));
    const QByteArray exports = print.readAllStandardOutput();
    QVERIFY2(
        exports.contains("export AWS_DEFAULT_REGION=eu-west-1\n") && exports.contains("export AWS_REGION=eu-west-1\n"),
        exports.constData());

    QProcess server;
    QByteArray err;
    const quint16 port
        = startServer(server, { u"--data-dir"_s, dir.path(), u"--in-memory"_s, u"--region"_s, u"eu-west-1"_s }, &err);
    QVERIFY2(port != 0, err.constData());
    QVERIFY2(err.contains("region eu-west-1"), err.constData());
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(client.waitForConnected(5000));
    QCOMPARE(status(client, signedListWorkGroups(credentials.value(), port, u"eu-west-1"_s)), std::optional<int>(200));
    client.readAll();
    QTcpSocket other;
    other.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(other.waitForConnected(5000));
    other.write(signedListWorkGroups(credentials.value(), port, u"us-east-1"_s));
    QByteArray answer;
    QTRY_VERIFY((answer += other.readAll()).contains("}"));
    QVERIFY2(answer.startsWith("HTTP/1.1 400") && answer.contains("InvalidSignatureException")
            && answer.contains("Credential should be scoped to a valid region"),
        answer.constData());
    server.terminate();
    QVERIFY(server.waitForFinished(10000));

    QProcess bad;
    bad.start(QStringLiteral(ATHENA_LOCAL_PATH), { u"--region"_s, u"Not A Region"_s });
    QVERIFY(bad.waitForFinished(10000));
    QCOMPARE(bad.exitCode(), 2);
    QVERIFY(bad.readAllStandardError().contains("--region"));
}

void TestLocalCli::helpNamesTheNewOptions()
{
    QProcess help;
    help.start(QStringLiteral(ATHENA_LOCAL_PATH), { u"--help"_s });
    QVERIFY(help.waitForFinished(10000));
    const QByteArray text = help.readAllStandardOutput();
    for (const char *option :
        { "--region", "--max-connections", "--max-pending-body-bytes", "--head-timeout-ms", "0.0.0.0" })
        QVERIFY2(text.contains(option), option);
}

QTEST_GUILESS_MAIN(TestLocalCli)
#include "tst_localcli.moc"
