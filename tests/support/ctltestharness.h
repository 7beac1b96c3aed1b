#pragma once
// Shared by tst_athenactl_calculations and tst_athenactl_calculations_peers: athenactl run as a
// process against a scripted loopback server, and the answers it is given. The including test
// defines ATHENACTL_PATH (the binary under test).
#ifndef ATHENACTL_PATH
#error "ctltestharness.h needs ATHENACTL_PATH"
#endif
#include "athena/calculationjson.h"
#include "support/scriptedhttpserver.h"
#include "support/testpaths.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTemporaryFile>

#include <memory>

using namespace Qt::StringLiterals;

namespace ctltest {

using namespace athena;
using testing::ScriptedHttpServer;


struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

inline constexpr auto kToken = "sparkconnect-SECRET-token-5f1e2d";

inline QJsonObject bodyOf(const ScriptedHttpServer::Received &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

inline QByteArray target(const ScriptedHttpServer::Received &r)
{
    return r.header("X-Amz-Target");
}

inline QByteArray calculationsPage(int first, int count, const QString &next)
{
    ListCalculationsPage p;
    for (int i = first; i < first + count; ++i) {
        CalculationSummary c;
        c.calculationExecutionId = u"c-%1"_s.arg(i);
        c.description = u"cell %1"_s.arg(i);
        c.status.state = i % 2 ? CalculationState::Completed : CalculationState::Running;
        c.status.submissionDateTime = QDateTime::fromSecsSinceEpoch(1763700000 + i, Qt::UTC);
        p.calculations << c;
    }
    p.nextToken = next;
    return QJsonDocument(json::toJson(p)).toJson(QJsonDocument::Compact);
}

inline QByteArray executorsPage(int first, int count, const QString &next)
{
    ListExecutorsPage p;
    p.sessionId = u"s-1"_s;
    for (int i = first; i < first + count; ++i) {
        ExecutorSummary e;
        e.executorId = u"e-%1"_s.arg(i);
        e.type = i == 0 ? ExecutorType::Coordinator : ExecutorType::Worker;
        e.state = ExecutorState::Registered;
        e.size = 1;
        e.startDateTime = QDateTime::fromMSecsSinceEpoch(1763700000000 + i, Qt::UTC);
        p.executors << e;
    }
    p.nextToken = next;
    return QJsonDocument(json::toJson(p)).toJson(QJsonDocument::Compact);
}

inline QByteArray status(const char *state, const char *reason = "")
{
    const QByteArray why = *reason ? QByteArray(R"(,"StateChangeReason":")") + reason + '"' : QByteArray();
    return QByteArray(R"({"Status":{"State":")") + state + '"' + why
           + R"(,"SubmissionDateTime":1763700000},"Statistics":{"DpuExecutionInMillis":1000,"Progress":"x"}})";
}

inline const QByteArray kCalculation = R"({"CalculationExecutionId":"c-1","SessionId":"s-1","Description":"d","WorkingDirectory":"s3://b/w/",)"
                                R"("Status":{"State":"COMPLETED","SubmissionDateTime":1763700000,"CompletionDateTime":1763700060},)"
                                R"("Statistics":{"DpuExecutionInMillis":7200000,"Progress":"done"},)"
                                R"("Result":{"StdOutS3Uri":"s3://b/out","StdErrorS3Uri":"s3://b/err","ResultS3Uri":"s3://b/res","ResultType":"application/json"}})";

inline const QByteArray kEndpoint = "{\"EndpointUrl\":\"sc://spark.example:443/;use_ssl=true\",\"AuthToken\":\"" + QByteArray(kToken)
                             + "\",\"AuthTokenExpirationTime\":1763703600}";

// botocore's verdict on a request body or a skeleton (tests/tools/botocore_validate.py, mode
// "request" or "skeleton"); empty when it accepts it, *skipped when botocore is missing.
inline QString botocoreProblem(const QString &operation, const QString &mode, const QByteArray &body, bool *skipped)
{
    *skipped = false;
    const QString python = testing::pythonWith(u"botocore"_s);
    if (python.isEmpty()) {
        *skipped = true;
        return {};
    }
    QTemporaryFile file;
    if (!file.open())
        return u"cannot write a temporary file"_s;
    file.write(body);
    file.flush();
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(python, {testing::toolsDir(u"botocore_validate.py"_s), operation, mode, file.fileName()});
    if (!p.waitForFinished(60000))
        return u"botocore_validate.py did not finish"_s;
    const bool ok = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    return ok ? QString() : QString::fromUtf8(p.readAll());
}

// athenactl as a process against a scripted loopback server, with dummy credentials and its own HOME.
class CtlHarness
{
public:
    bool start()
    {
        server = std::make_unique<testing::ScriptedHttpServer>();
        home = std::make_unique<QTemporaryDir>();
        return server->listen() && home->isValid();
    }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env;
        env.insert(u"HOME"_s, home->path());
        env.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
        env.insert(u"AWS_ACCESS_KEY_ID"_s, u"AKIDCTLTEST"_s);
        env.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"ctl-test-secret"_s);
        env.insert(u"AWS_REGION"_s, u"eu-west-1"_s);
        env.insert(u"AWS_ENDPOINT_URL_ATHENA"_s, u"http://127.0.0.1:%1"_s.arg(server->port()));
        env.insert(u"TZ"_s, u"UTC"_s);
        return env;
    }

    // Runs `program` (athenactl unless given) to its end, serving requests meanwhile.
    Run run(const QStringList &args, const QList<std::pair<QString, QString>> &extraEnv = {},
            const QString &program = QStringLiteral(ATHENACTL_PATH)) const
    {
        QProcess p;
        QProcessEnvironment env = environment();
        for (const auto &[k, v] : extraEnv)
            env.insert(k, v);
        p.setProcessEnvironment(env);
        QSignalSpy finished(&p, &QProcess::finished); // the server answers from this event loop
        QElapsedTimer clock;
        clock.start();
        p.start(program, args);
        if (!finished.wait(60000))
            p.kill();
        return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
                   p.readAllStandardError(), clock.elapsed()};
    }

    std::unique_ptr<testing::ScriptedHttpServer> server;
    std::unique_ptr<QTemporaryDir> home;
};

} // namespace ctltest
