// athena-local as the AWS CLI and boto3 see it: the real binary on a free loopback port, driven
// by clients nobody here wrote; then killed with SIGKILL and restarted on the same data.
#include "support/testpaths.h"
#include "support/loopback.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestLocalPeers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void boto3FlowAndRestart();
    void awsCliFlow();
    void boto3SeesTheQuota();
    void engineVersionsPageAsTheAwsCliPages();
    void aCaBundleIsReadForHttpsOnly();
    void calculationsExecutorsAndEndpointsAsPeersSeeThem();

private:
    // With a log file: the server's stdout and stderr go there, with every Qt debug category on.
    void startServer(const QStringList &extra = {}, const QString &logFile = {});
    void stopServer(bool hard);
    struct Run
    {
        int code = -1;
        QByteArray out, err;
    };
    Run runProcess(const QString &program, const QStringList &args);
    Run aws(const QStringList &args);
    Run athenactl(const QStringList &args);

    QString m_python;
    QString m_aws;
    QTemporaryDir m_dir;
    quint16 m_port = 0;
    QProcess m_server;
    QProcessEnvironment m_env;
};

void TestLocalPeers::initTestCase()
{
    m_python = testing::pythonWith(u"boto3"_s);
    m_aws = QStandardPaths::findExecutable(u"aws"_s);
    if (m_python.isEmpty() && m_aws.isEmpty())
        QSKIP("[peer:boto3] [peer:awscli] neither boto3 nor the AWS CLI is installed: the peer tests cannot run");
    QVERIFY(m_dir.isValid());
    // Credentials from the endpoint itself, as a user would get them.
    QProcess print;
    print.start(QStringLiteral(ATHENA_LOCAL_PATH), {u"--data-dir"_s, m_dir.filePath(u"data"_s), u"--print-credentials"_s});
    QVERIFY(print.waitForFinished(10000));
    QCOMPARE(print.exitCode(), 0);
    m_env = QProcessEnvironment::systemEnvironment();
    const QList<QByteArray> lines = print.readAllStandardOutput().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("export AWS_ACCESS_KEY_ID=") || line.startsWith("export AWS_SECRET_ACCESS_KEY=")) {
            const QByteArray kv = line.mid(7);
            m_env.insert(QString::fromLatin1(kv.left(kv.indexOf('='))), QString::fromLatin1(kv.mid(kv.indexOf('=') + 1)));
        }
    }
    QVERIFY(m_env.value(u"AWS_ACCESS_KEY_ID"_s).startsWith(u"LOCAL"_s));
    for (const QString &v : {u"AWS_SESSION_TOKEN"_s, u"AWS_PROFILE"_s, u"AWS_ENDPOINT_URL"_s, u"AWS_ENDPOINT_URL_ATHENA"_s})
        m_env.remove(v);
    m_env.insert(u"AWS_DEFAULT_REGION"_s, u"us-east-1"_s);
    m_env.insert(u"AWS_CONFIG_FILE"_s, m_dir.filePath(u"no-config"_s));
    m_env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, m_dir.filePath(u"no-credentials"_s));
    m_env.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
}

void TestLocalPeers::cleanup()
{
    stopServer(false);
}

void TestLocalPeers::startServer(const QStringList &extra, const QString &logFile)
{
    m_port = testing::unusedLoopbackPort();
    QVERIFY(m_port != 0);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (logFile.isEmpty()) {
        m_server.setProcessChannelMode(QProcess::ForwardedChannels);
        m_server.setStandardOutputFile(QString());
    } else {
        m_server.setProcessChannelMode(QProcess::MergedChannels);
        m_server.setStandardOutputFile(logFile);
        env.insert(u"QT_LOGGING_RULES"_s, u"*.debug=true"_s);
    }
    m_server.setProcessEnvironment(env);
    m_server.start(QStringLiteral(ATHENA_LOCAL_PATH),
                   QStringList{u"--port"_s, QString::number(m_port), u"--data-dir"_s, m_dir.filePath(u"data"_s),
                               u"--time-scale"_s, u"50"_s} + extra);
    QVERIFY(m_server.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(testing::acceptsConnections(m_port), 20000);
}

void TestLocalPeers::stopServer(bool hard)
{
    if (m_server.state() == QProcess::NotRunning)
        return;
    if (hard)
        m_server.kill(); // SIGKILL: nothing gets to flush
    else
        m_server.terminate();
    m_server.waitForFinished(10000);
}

TestLocalPeers::Run TestLocalPeers::runProcess(const QString &program, const QStringList &args)
{
    QProcess p;
    p.setProcessEnvironment(m_env);
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(program, args);
    if (!finished.wait(120000))
        p.kill();
    return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

TestLocalPeers::Run TestLocalPeers::aws(const QStringList &args)
{
    return runProcess(m_aws, QStringList{u"athena"_s} + args + QStringList{u"--endpoint-url"_s, u"http://127.0.0.1:%1"_s.arg(m_port), u"--output"_s, u"json"_s});
}

TestLocalPeers::Run TestLocalPeers::athenactl(const QStringList &args)
{
    QProcessEnvironment env = m_env;
    env.insert(u"AWS_ENDPOINT_URL_ATHENA"_s, u"http://127.0.0.1:%1"_s.arg(m_port));
    QProcess p;
    p.setProcessEnvironment(env);
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(QStringLiteral(ATHENACTL_PATH), args);
    if (!finished.wait(120000))
        p.kill();
    return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

void TestLocalPeers::boto3FlowAndRestart()
{
    if (m_python.isEmpty())
        QSKIP("[peer:boto3] boto3 is not installed");
    startServer();
    const QString endpoint = u"http://127.0.0.1:%1"_s.arg(m_port);
    const QString state = m_dir.filePath(u"boto3-state.json"_s);
    const Run flow = runProcess(m_python, {testing::toolsDir(u"boto3_flow.py"_s), endpoint, state, u"flow"_s});
    QVERIFY2(flow.code == 0, QByteArray(flow.out + flow.err).constData());
    qInfo("%s", flow.out.trimmed().constData());

    stopServer(true);
    startServer();
    const Run verify = runProcess(m_python, {testing::toolsDir(u"boto3_flow.py"_s), u"http://127.0.0.1:%1"_s.arg(m_port), state, u"verify"_s});
    QVERIFY2(verify.code == 0, QByteArray(verify.out + verify.err).constData());
}

void TestLocalPeers::awsCliFlow()
{
    if (m_aws.isEmpty())
        QSKIP("[peer:awscli] the AWS CLI is not installed");
    startServer();
    QStringList ids;
    for (int i = 0; i < 5; ++i) {
        const Run start = aws({u"start-session"_s, u"--work-group"_s, u"spark-analytics"_s, u"--description"_s, u"cli %1"_s.arg(i),
                               u"--engine-configuration"_s, u"MaxConcurrentDpus=8"_s});
        QVERIFY2(start.code == 0, start.err.constData());
        ids << QJsonDocument::fromJson(start.out).object().value(u"SessionId"_s).toString();
    }
    const Run get = aws({u"get-session"_s, u"--session-id"_s, ids.first()});
    QCOMPARE(get.code, 0);
    QCOMPARE(QJsonDocument::fromJson(get.out).object().value(u"Description"_s).toString(), u"cli 0"_s);

    QStringList listed;
    QString token;
    int pages = 0;
    do {
        QStringList args{u"list-sessions"_s, u"--work-group"_s, u"spark-analytics"_s, u"--max-results"_s, u"2"_s};
        if (!token.isEmpty())
            args << u"--next-token"_s << token;
        const Run page = aws(args);
        QVERIFY2(page.code == 0, page.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(page.out).object();
        for (const auto &s : o.value(u"Sessions"_s).toArray())
            listed << s.toObject().value(u"SessionId"_s).toString();
        token = o.value(u"NextToken"_s).toString();
        ++pages;
    } while (!token.isEmpty() && pages < 10);
    QCOMPARE(pages, 3);
    std::reverse(ids.begin(), ids.end());
    QCOMPARE(listed, ids);

    const Run terminate = aws({u"terminate-session"_s, u"--session-id"_s, ids.first()});
    QCOMPARE(terminate.code, 0);
    QCOMPARE(QJsonDocument::fromJson(terminate.out).object().value(u"State"_s).toString(), u"TERMINATING"_s);

    const Run missing = aws({u"get-session"_s, u"--session-id"_s, u"nope"_s});
    QVERIFY(missing.code != 0);
    QVERIFY2(missing.err.contains("(ResourceNotFoundException)"), missing.err.constData());
    const Run sql = aws({u"start-session"_s, u"--work-group"_s, u"primary"_s, u"--engine-configuration"_s, u"MaxConcurrentDpus=4"_s});
    QVERIFY(sql.code != 0);
    QVERIFY2(sql.err.contains("(InvalidRequestException)"), sql.err.constData());
}

void TestLocalPeers::aCaBundleIsReadForHttpsOnly()
{
    // AWS_CA_BUNDLE naming a file that does not exist: the AWS CLI lists from an http endpoint
    // without reading it, and so does athenactl; for https athenactl says which file is missing.
    if (m_aws.isEmpty())
        QSKIP("[peer:awscli] the AWS CLI is not installed");
    startServer();
    const QProcessEnvironment saved = m_env;
    const QString missing = m_dir.filePath(u"no-such-bundle.pem"_s);
    m_env.insert(u"AWS_CA_BUNDLE"_s, missing);
    const Run cli = aws({u"list-work-groups"_s});
    const Run ctl = athenactl({u"list-work-groups"_s});
    const Run tls = athenactl({u"list-work-groups"_s, u"--endpoint-url"_s, u"https://127.0.0.1:%1"_s.arg(m_port)});
    m_env = saved;
    QVERIFY2(cli.code == 0, cli.err.constData());
    QVERIFY2(ctl.code == 0, ctl.err.constData());
    QCOMPARE(QJsonDocument::fromJson(ctl.out)[u"WorkGroups"_s].toArray().size(),
             QJsonDocument::fromJson(cli.out)[u"WorkGroups"_s].toArray().size());
    QVERIFY(tls.code != 0);
    QVERIFY2(tls.err.contains("CaBundleNotFound") && tls.err.contains(missing.toUtf8()), tls.err.constData());
}

void TestLocalPeers::engineVersionsPageAsTheAwsCliPages()
{
    if (m_aws.isEmpty())
        QSKIP("[peer:awscli] the AWS CLI is not installed");
    startServer();
    // The AWS CLI has no paginator for ListEngineVersions: one page, with the NextToken. athenactl
    // answers the same page by default, continues from --next-token, and --all-pages follows the
    // tokens to the same list the CLI gets without MaxResults.
    const QJsonObject cliAll = QJsonDocument::fromJson(aws({u"list-engine-versions"_s}).out).object();
    const QJsonArray everything = cliAll.value(u"EngineVersions"_s).toArray();
    QVERIFY(everything.size() >= 3);

    QJsonArray cliPaged, ctlPaged;
    QString cliToken, ctlToken;
    int pages = 0;
    do {
        QStringList args{u"list-engine-versions"_s, u"--max-results"_s, u"2"_s};
        const Run cli = aws(pages ? args + QStringList{u"--next-token"_s, cliToken} : args);
        const Run ctl = athenactl(pages ? args + QStringList{u"--next-token"_s, ctlToken} : args);
        QVERIFY2(cli.code == 0, cli.err.constData());
        QVERIFY2(ctl.code == 0, ctl.err.constData());
        const QJsonObject c = QJsonDocument::fromJson(cli.out).object(), a = QJsonDocument::fromJson(ctl.out).object();
        QCOMPARE(a.value(u"EngineVersions"_s), c.value(u"EngineVersions"_s));
        QCOMPARE(a.contains(u"NextToken"_s), c.contains(u"NextToken"_s));
        for (const auto &v : c.value(u"EngineVersions"_s).toArray())
            cliPaged.append(v);
        for (const auto &v : a.value(u"EngineVersions"_s).toArray())
            ctlPaged.append(v);
        cliToken = c.value(u"NextToken"_s).toString();
        ctlToken = a.value(u"NextToken"_s).toString();
        ++pages;
    } while (!cliToken.isEmpty() && pages < 10);
    QCOMPARE(pages, int((everything.size() + 1) / 2));
    QCOMPARE(cliPaged, everything);
    QCOMPARE(ctlPaged, everything);

    const Run all = athenactl({u"list-engine-versions"_s, u"--all-pages"_s, u"--max-results"_s, u"2"_s});
    QVERIFY2(all.code == 0, all.err.constData());
    QCOMPARE(QJsonDocument::fromJson(all.out).object(), cliAll);
    const Run bad = athenactl({u"list-engine-versions"_s, u"--max-results"_s, u"0"_s});
    QCOMPARE(bad.code, 2); // refused before anything is sent, as a usage error
    QVERIFY2(bad.err.contains("Max results must be between 1 and 10"), bad.err.constData());
}

void TestLocalPeers::boto3SeesTheQuota()
{
    if (m_python.isEmpty())
        QSKIP("[peer:boto3] boto3 is not installed");
    startServer({u"--dpu-quota"_s, u"100"_s});
    const Run r = runProcess(m_python, {testing::toolsDir(u"boto3_flow.py"_s), u"http://127.0.0.1:%1"_s.arg(m_port),
                                        m_dir.filePath(u"unused.json"_s), u"throttle"_s});
    QVERIFY2(r.code == 0, QByteArray(r.out + r.err).constData());
}

void TestLocalPeers::calculationsExecutorsAndEndpointsAsPeersSeeThem()
{
    // boto3 and the AWS CLI drive every calculation, executor and endpoint operation; every
    // answer is checked against botocore's model; the endpoint's AuthTokens never reach the log.
    if (m_python.isEmpty())
        QSKIP("[peer:boto3] boto3 is not installed");
    const QString log = m_dir.filePath(u"calculations-server.log"_s);
    const QString tokens = m_dir.filePath(u"endpoint-tokens.txt"_s);
    startServer({}, log);
    const Run r = runProcess(m_python, {testing::toolsDir(u"calculations_peers.py"_s), u"http://127.0.0.1:%1"_s.arg(m_port), tokens, m_aws});
    QVERIFY2(r.code == 0, QByteArray(r.out + r.err).constData());
    qInfo("%s", r.out.trimmed().constData());
    if (m_aws.isEmpty())
        qInfo("[peer:awscli] the AWS CLI is not installed: only boto3 drove the operations");
    else
        QVERIFY2(r.out.startsWith("8 operations driven by the AWS CLI"), r.out.constData());
    QVERIFY2(r.out.contains(", 8 by boto3"), r.out.constData());
    stopServer(false);

    QFile tokenFile(tokens);
    QVERIFY(tokenFile.open(QIODevice::ReadOnly));
    const QList<QByteArray> received = tokenFile.readAll().trimmed().split('\n');
    QCOMPARE(received.size(), m_aws.isEmpty() ? 1 : 2);
    QFile logFile(log);
    QVERIFY(logFile.open(QIODevice::ReadOnly));
    const QByteArray logged = logFile.readAll();
    QVERIFY(logged.contains("listening on")); // the log was captured
    for (const QByteArray &token : received) {
        QVERIFY(token.size() >= 40);
        QVERIFY2(!logged.contains(token), "an AuthToken reached athena-local's log");
    }
}

QTEST_GUILESS_MAIN(TestLocalPeers)
#include "tst_localpeers.moc"
