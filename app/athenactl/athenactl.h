#pragma once

#include "athena/athenaconnection.h"

#include <QCommandLineParser>
#include <QJsonValue>
#include <QObject>
#include <QTextStream>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

class QNetworkAccessManager;

// athenactl: the Athena sessions API from a terminal, with the AWS CLI's habits. Exit codes:
// 0 ok, 1 service or connection error (name and message on stderr), 2 usage or validation error;
// start-calculation-execution --wait: 3 the calculation ended FAILED or CANCELED, 4 --wait-timeout.
class AthenaCtl final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AthenaCtl)

public:
    enum ExitCode { Ok = 0, ServiceError = 1, UsageError = 2, CalculationFailed = 3, WaitTimedOut = 4 };

    AthenaCtl(QTextStream &out, QTextStream &err, aws::Environment env, QObject *parent = nullptr);
    ~AthenaCtl() override;

    // Parses the arguments (argv[0] first) and starts the command; finished() follows.
    void run(const QStringList &arguments);
    static QString helpText();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void done(int code);
    void fail(const aws::AwsError &error);
    void usage(const QString &message);
    bool parseInt(const QString &option, std::optional<int> &target);
    bool parseMap(const QString &option, athena::StringMap &target);
    QString sessionIdArgument();
    // The ID from --OPTION or the first argument; a usage error names PLACEHOLDER when none is given.
    QString idArgument(const QString &option, const QString &placeholder);
    void printJson(const QJsonObject &object);
    void writeBytes(const QByteArray &utf8);

    void listSessions();
    void listSessionsAllWorkGroups(); // listsessionscommand.cpp
    void getSession();
    void getSessionStatus();
    void startSession(); // startsessioncommand.cpp
    void terminateSession();
    void listWorkGroups();
    void listEngineVersions();
    void configureList();  // configurecommands.cpp
    void ssoLogin();       // configurecommands.cpp
    // The shared config files and the profile in effect; on an error fail() has said why.
    std::optional<std::pair<aws::AwsConfigFiles, QString>> configFiles(); // configurecommands.cpp
    void ssoLogout();      // configurecommands.cpp
    void waitForSession(const QString &sessionId, const QString &token); // startsessioncommand.cpp
    std::optional<athena::StartSessionRequest> startRequestFromArguments(); // startsessioncommand.cpp
    // A JSON value given inline or as file://PATH (at most 1 MiB); usage() says what is wrong.
    std::optional<QJsonValue> jsonArgument(const QString &option);

    // Inside a session (calculationcommands.cpp): calculations, executors, the Spark Connect endpoint.
    static QList<QCommandLineOption> calculationOptions();
    static QString calculationHelp();
    bool runCalculationCommand(); // false when m_command is not one of them
    void listCalculations();
    void getCalculation();
    void getCalculationStatus();
    void getCalculationCode();
    void startCalculation();
    void stopCalculation();
    void listExecutors();
    void getSessionEndpoint();
    QString calculationIdArgument();
    std::optional<athena::StartCalculationRequest> startCalculationFromArguments();
    std::optional<QString> codeBlockArgument();
    void printCalculation(const athena::CalculationExecution &calculation);
    void waitForCalculation(const QString &calculationId, int timeoutSeconds);

    QTextStream &m_out;
    QTextStream &m_err;
    aws::Environment m_env;
    QCommandLineParser m_parser;
    QString m_command;
    QStringList m_positional;
    bool m_table = false;
    QNetworkAccessManager *m_network = nullptr;
    std::shared_ptr<athena::AthenaConnection> m_connection;
    QString m_startToken; // the ClientRequestToken of start-session or start-calculation-execution
    std::shared_ptr<std::function<void()>> m_chainStarter; // list-sessions --all-work-groups
    bool m_finished = false;
};
