#include "athenactl/athenactl.h"

#include "athena/athenajson.h"
#include "athenactl/commands.h"
#include "athenactl/jsonoutput.h"
#include "athenactl/textoutput.h"
#include "athenactl/terminalprompt.h"
#include "athena/validation.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace athena;
using namespace textoutput;

AthenaCtl::AthenaCtl(QTextStream &out, QTextStream &err, aws::Environment env, QObject *parent)
    : QObject(parent), m_out(out), m_err(err), m_env(std::move(env))
{
    m_network = new QNetworkAccessManager(this);
    m_parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QList<QCommandLineOption> options = {
        {u"profile"_s, u"AWS profile."_s, u"name"_s},
        {u"region"_s, u"AWS region."_s, u"region"_s},
        {u"endpoint-url"_s, u"Endpoint URL."_s, u"url"_s},
        {u"output"_s, u"json (default) or table."_s, u"format"_s},
        {u"help"_s, u"Show help."_s},
        {u"version"_s, u"Show the version."_s},
        {u"work-group"_s, u"Workgroup."_s, u"name"_s},
        {u"state-filter"_s, u"Session state."_s, u"state"_s},
        {u"max-results"_s, u"Page size."_s, u"n"_s},
        {u"next-token"_s, u"Continue from a page token."_s, u"token"_s},
        {u"all-pages"_s, u"Fetch every page."_s},
        {u"all-work-groups"_s, u"Every Spark workgroup (list-sessions)."_s},
        {u"session-id"_s, u"Session ID."_s, u"id"_s},
        {u"max-concurrent-dpus"_s, u"Max concurrent DPUs."_s, u"n"_s},
        {u"coordinator-dpu-size"_s, u"Coordinator DPU size."_s, u"n"_s},
        {u"default-executor-dpu-size"_s, u"Default executor DPU size."_s, u"n"_s},
        {u"description"_s, u"Description."_s, u"text"_s},
        {u"idle-timeout-minutes"_s, u"Idle timeout in minutes."_s, u"n"_s},
        {u"notebook-version"_s, u"Notebook version."_s, u"version"_s},
        {u"additional-config"_s, u"Additional config."_s, u"key=value"_s},
        {u"spark-property"_s, u"Spark property."_s, u"key=value"_s},
        {u"client-request-token"_s, u"Idempotency token."_s, u"token"_s},
        {u"execution-role"_s, u"Execution role ARN."_s, u"arn"_s},
        {u"wait"_s, u"Wait until the session is ready."_s},
        {u"no-browser"_s, u"Do not open the sign-in page in a browser."_s},
        {u"tag"_s, u"A tag for the session (repeatable)."_s, u"key=value"_s},
        {u"copy-work-group-tags"_s, u"Copy the workgroup's tags to the session."_s},
        {u"monitoring-configuration"_s, u"MonitoringConfiguration as JSON."_s, u"json"_s},
        {u"classifications"_s, u"EngineConfiguration.Classifications as JSON."_s, u"json"_s},
        {u"cli-input-json"_s, u"The whole request as JSON, or file://PATH."_s, u"json"_s},
        {u"generate-cli-skeleton"_s, u"Print a request skeleton for --cli-input-json."_s},
    };
    m_parser.addOptions(options);
    m_parser.addOptions(calculationOptions());
    m_parser.addPositionalArgument(u"command"_s, u"The command."_s);
}

AthenaCtl::~AthenaCtl() = default;

QString AthenaCtl::helpText()
{
    QString text = u"Usage: athenactl [--profile P] [--region R] [--endpoint-url URL] [--output json|table] COMMAND\n\n"
                   u"Amazon Athena for Apache Spark sessions from a terminal. Settings and credentials are\n"
                   u"resolved as the AWS CLI does (AWS_PROFILE, AWS_REGION, ~/.aws/config, ~/.aws/credentials,\n"
                   u"credential_process, AWS_ENDPOINT_URL_ATHENA, …). JSON output uses the API's field names.\n\n"
                   u"Commands:\n"_s;
    for (const CommandSpec &c : commands())
        text += u"  "_s + c.synopsis + u'\n';
    text += u"\nSTATE is one of CREATING, CREATED, IDLE, BUSY, TERMINATING, TERMINATED, DEGRADED, FAILED.\n"
            u"Progress of --all-pages and --wait goes to stderr. --all-pages stops (exit 1) after 10,000 pages or\n"
            u"200,000 sessions, printing those listed with the NextToken to go on from (--next-token).\n"
            u"Exit codes: 0 success, 1 service or connection error, 2 usage or validation error.\n"_s;
    text += calculationHelp();
    return text;
}

void AthenaCtl::run(const QStringList &arguments)
{
    if (!m_parser.parse(arguments)) {
        usage(m_parser.errorText());
        return;
    }
    if (m_parser.isSet(u"help"_s)) {
        m_out << helpText();
        done(Ok);
        return;
    }
    if (m_parser.isSet(u"version"_s)) {
        m_out << "athenactl " << ATHENA_VERSION << '\n';
        done(Ok);
        return;
    }
    m_positional = m_parser.positionalArguments();
    if (m_positional.isEmpty()) {
        usage(u"no command given"_s);
        return;
    }
    m_command = m_positional.takeFirst();
    const CommandSpec *spec = findCommand(m_command);
    if (!spec) {
        usage(u"unknown command '%1'"_s.arg(m_command));
        return;
    }
    static const QStringList globals = {u"profile"_s, u"region"_s, u"endpoint-url"_s, u"output"_s};
    const QStringList given = m_parser.optionNames();
    for (const QString &name : given) {
        if (!globals.contains(name) && !spec->options.contains(name)) {
            usage(u"--%1 is not an option of %2"_s.arg(name, m_command));
            return;
        }
    }
    const QString output = m_parser.value(u"output"_s);
    if (!output.isEmpty() && output != u"json"_s && output != u"table"_s) {
        usage(u"--output must be json or table, not '%1'"_s.arg(output));
        return;
    }
    m_table = output == u"table"_s;

    if (m_command == u"sso"_s) {
        if (m_positional.value(0) == u"login"_s)
            ssoLogin();
        else if (m_positional.value(0) == u"logout"_s)
            ssoLogout();
        else
            usage(u"sso takes 'login' or 'logout'"_s);
        return;
    }
    if (m_command == u"configure"_s && m_positional.value(0) != u"list"_s) {
        usage(u"configure takes 'list'"_s);
        return;
    }

    ConnectionOptions options;
    options.profile = m_parser.value(u"profile"_s);
    options.region = m_parser.value(u"region"_s);
    options.endpointUrl = m_parser.value(u"endpoint-url"_s);
    if (stdinIsTerminal()) // without one, a role with mfa_serial fails and says so
        options.mfaPrompt = [](const QString &serial, const std::function<void(std::optional<QString>)> &answer) {
            answer(readMfaCodeFromTerminal(serial));
        };
    auto connection = openConnection(m_network, options, m_env);
    if (!connection.ok()) {
        fail(connection.error());
        return;
    }
    m_connection = connection.value();

    if (m_command == u"list-sessions"_s)
        listSessions();
    else if (m_command == u"get-session"_s)
        getSession();
    else if (m_command == u"get-session-status"_s)
        getSessionStatus();
    else if (m_command == u"start-session"_s)
        startSession();
    else if (m_command == u"terminate-session"_s)
        terminateSession();
    else if (m_command == u"list-work-groups"_s)
        listWorkGroups();
    else if (m_command == u"configure"_s)
        configureList();
    else if (m_command == u"list-engine-versions"_s)
        listEngineVersions();
    else
        runCalculationCommand();
}

void AthenaCtl::done(int code)
{
    if (m_finished)
        return;
    m_finished = true;
    m_out.flush();
    m_err.flush();
    QTimer::singleShot(0, this, [this, code] { Q_EMIT finished(code); });
}

void AthenaCtl::fail(const aws::AwsError &error)
{
    using Kind = aws::AwsError::Kind;
    m_err << "athenactl: " << error.toString() << '\n';
    if (error.outcomeUnknown && !m_startToken.isEmpty()) {
        const bool session = m_command == u"start-session"_s;
        m_err << "athenactl: the " << (session ? "session" : "calculation")
              << " may have been started; run the same command again with --client-request-token " << m_startToken
              << " to find out without starting a second one\n";
    }
    done(error.kind == Kind::Validation || error.kind == Kind::Config ? UsageError : ServiceError);
}

void AthenaCtl::usage(const QString &message)
{
    m_err << "athenactl: " << message << "\nRun 'athenactl --help' for the commands and their options.\n";
    done(UsageError);
}

bool AthenaCtl::parseInt(const QString &option, std::optional<int> &target)
{
    if (!m_parser.isSet(option))
        return true;
    bool ok = false;
    const int v = m_parser.value(option).toInt(&ok);
    if (!ok) {
        usage(u"--%1: '%2' is not a whole number"_s.arg(option, m_parser.value(option)));
        return false;
    }
    target = v;
    return true;
}

bool AthenaCtl::parseMap(const QString &option, StringMap &target)
{
    const QStringList values = m_parser.values(option);
    for (const QString &kv : values) {
        const qsizetype eq = kv.indexOf(u'=');
        if (eq <= 0) {
            usage(u"--%1 takes KEY=VALUE, not '%2'"_s.arg(option, kv));
            return false;
        }
        target.insert(kv.left(eq), kv.mid(eq + 1));
    }
    return true;
}

QString AthenaCtl::sessionIdArgument()
{
    return idArgument(u"session-id"_s, u"SESSION_ID"_s);
}

QString AthenaCtl::idArgument(const QString &option, const QString &placeholder)
{
    QString id = m_parser.value(option);
    if (id.isEmpty() && !m_positional.isEmpty())
        id = m_positional.takeFirst();
    if (!m_positional.isEmpty()) {
        usage(u"unexpected argument '%1'"_s.arg(m_positional.first()));
        return {};
    }
    if (id.isEmpty())
        usage(u"%1 needs a %2"_s.arg(m_command, placeholder));
    return id;
}

void AthenaCtl::printJson(const QJsonObject &object)
{
    writeBytes(jsonoutput::indented(object));
}

void AthenaCtl::writeBytes(const QByteArray &utf8)
{
    // Bytes straight to the file when there is one; through the text stream otherwise (tests).
    m_out.flush();
    if (QIODevice *device = m_out.device())
        device->write(utf8);
    else
        m_out << QString::fromUtf8(utf8);
}

void AthenaCtl::listSessions()
{
    if (m_parser.isSet(u"all-work-groups"_s))
        return listSessionsAllWorkGroups(); // listsessionscommand.cpp
    ListSessionsRequest request;
    request.workGroup = m_parser.value(u"work-group"_s);
    if (request.workGroup.isEmpty()) {
        usage(u"list-sessions needs --work-group"_s);
        return;
    }
    if (m_parser.isSet(u"state-filter"_s)) {
        request.stateFilter = sessionStateFromString(m_parser.value(u"state-filter"_s).toUpper());
        if (!request.stateFilter) {
            usage(u"--state-filter: '%1' is not a session state"_s.arg(m_parser.value(u"state-filter"_s)));
            return;
        }
    }
    if (!parseInt(u"max-results"_s, request.maxResults))
        return;
    // Every page costs a round trip: --all-pages asks for the largest page the API allows
    // (100, MaxSessionsCount in the model), unless --max-results says otherwise.
    if (m_parser.isSet(u"all-pages"_s) && !request.maxResults)
        request.maxResults = kListSessionsPaging.apiPageItems;
    request.nextToken = m_parser.value(u"next-token"_s);
    if (const ValidationIssues issues = validate(request); !issues.isEmpty()) {
        fail(toError(issues));
        return;
    }

    auto print = [this](const QList<SessionSummary> &sessions, const QString &nextToken) {
        if (!m_table) {
            printJson(json::toJson(ListSessionsPage{sessions, nextToken}));
            return;
        }
        QList<QStringList> rows;
        rows.reserve(sessions.size());
        for (const SessionSummary &s : sessions)
            rows << QStringList{s.sessionId, s.status.stateLabelText(), s.description, timeText(s.status.startDateTime),
                                timeText(s.status.idleSinceDateTime), s.engineVersion.effective};
        printTable(m_out, {u"SessionId"_s, u"State"_s, u"Description"_s, u"Started"_s, u"IdleSince"_s, u"Engine"_s}, rows);
        if (!nextToken.isEmpty())
            m_out << "NextToken: " << nextToken << '\n';
    };

    if (!m_parser.isSet(u"all-pages"_s)) {
        m_connection->client->listSessions(request, this, [this, print](const aws::Result<ListSessionsPage> &page) {
            if (!page.ok())
                return fail(page.error());
            print(page->sessions, page->nextToken);
            done(Ok);
        });
        return;
    }
    auto *walker = new ListSessionsWalker(m_connection->client.get(), request, this);
    // JSON is written page by page into a buffer while the next page is on its way, and goes to
    // stdout only when the listing is complete (never half a document on an error).
    auto all = std::make_shared<QList<SessionSummary>>();
    auto json = std::make_shared<QByteArray>();
    auto count = std::make_shared<int>(0);
    connect(walker, &ListSessionsWalker::pageReceived, this, [this, all, json, count](const QList<SessionSummary> &sessions, int page) {
        if (m_table) {
            *all += sessions;
        } else {
            for (const SessionSummary &s : sessions) {
                *json += (*count)++ ? ",\n        " : "        ";
                jsonoutput::appendSummary(*json, s, 8);
            }
        }
        m_err << "Page " << page << ": " << (m_table ? static_cast<int>(all->size()) : *count) << " sessions\n";
        m_err.flush();
    });
    connect(walker, &ListSessionsWalker::finished, this, [this, walker, all, json, count, print] {
        // Complete, or stopped at the page or row cap: what was listed, with the NextToken that
        // continues it. Any other error (a repeated token, a refused page): nothing on stdout.
        const QString resume = walker->resumeToken();
        if (walker->error() && resume.isEmpty())
            return fail(*walker->error());
        if (m_table) {
            print(*all, resume);
        } else {
            QByteArray doc = *count ? "{\n    \"Sessions\": [\n" + *json + "\n    ]" : QByteArray("{\n    \"Sessions\": []");
            if (!resume.isEmpty()) {
                doc += ",\n    \"NextToken\": ";
                jsonoutput::append(doc, resume);
            }
            writeBytes(doc + "\n}\n");
        }
        if (!walker->error())
            return done(Ok);
        aws::AwsError e = *walker->error();
        e.message += u"; the %1 sessions listed were printed, with the NextToken to go on from (--all-pages --next-token)"_s
                         .arg(walker->sessionCount());
        fail(e);
    });
    walker->start();
}

void AthenaCtl::getSession()
{
    const QString id = sessionIdArgument();
    if (id.isEmpty())
        return;
    m_connection->client->getSession(id, this, [this](const aws::Result<SessionDetails> &r) {
        if (!r.ok())
            return fail(r.error());
        const SessionDetails &d = r.value();
        if (!m_table) {
            printJson(json::toJson(d));
        } else {
            const EngineConfiguration &e = d.engineConfiguration;
            printPairs(m_out, {
                {u"SessionId"_s, d.sessionId},
                {u"State"_s, d.status.stateLabelText()},
                {u"StateChangeReason"_s, d.status.stateChangeReason},
                {u"WorkGroup"_s, d.workGroup},
                {u"Description"_s, d.description},
                {u"EngineVersion"_s, d.engineVersion},
                {u"NotebookVersion"_s, d.notebookVersion},
                {u"Started"_s, timeText(d.status.startDateTime)},
                {u"LastModified"_s, timeText(d.status.lastModifiedDateTime)},
                {u"IdleSince"_s, timeText(d.status.idleSinceDateTime)},
                {u"Ended"_s, timeText(d.status.endDateTime)},
                {u"MaxConcurrentDpus"_s, e.maxConcurrentDpus ? QString::number(*e.maxConcurrentDpus) : QString()},
                {u"CoordinatorDpuSize"_s, e.coordinatorDpuSize ? QString::number(*e.coordinatorDpuSize) : QString()},
                {u"DefaultExecutorDpuSize"_s, e.defaultExecutorDpuSize ? QString::number(*e.defaultExecutorDpuSize) : QString()},
                {u"AdditionalConfigs"_s, mapText(e.additionalConfigs)},
                {u"SparkProperties"_s, mapText(e.sparkProperties)},
                {u"ExecutionRole"_s, d.sessionConfiguration.executionRole},
                {u"WorkingDirectory"_s, d.sessionConfiguration.workingDirectory},
                {u"IdleTimeoutSeconds"_s, d.sessionConfiguration.idleTimeoutSeconds ? QString::number(*d.sessionConfiguration.idleTimeoutSeconds) : QString()},
                {u"DpuHours"_s, d.dpuExecutionInMillis ? QString::number(d.dpuHours(), 'f', 3) : QString()},
            });
        }
        done(Ok);
    });
}

void AthenaCtl::getSessionStatus()
{
    const QString id = sessionIdArgument();
    if (id.isEmpty())
        return;
    m_connection->client->getSessionStatus(id, this, [this](const aws::Result<SessionStatusResult> &r) {
        if (!r.ok())
            return fail(r.error());
        if (!m_table) {
            printJson(json::toJson(r.value()));
        } else {
            printPairs(m_out, {{u"SessionId"_s, r->sessionId},
                               {u"State"_s, r->status.stateLabelText()},
                               {u"StateChangeReason"_s, r->status.stateChangeReason},
                               {u"Started"_s, timeText(r->status.startDateTime)},
                               {u"LastModified"_s, timeText(r->status.lastModifiedDateTime)},
                               {u"IdleSince"_s, timeText(r->status.idleSinceDateTime)},
                               {u"Ended"_s, timeText(r->status.endDateTime)}});
        }
        done(Ok);
    });
}

void AthenaCtl::terminateSession()
{
    const QString id = sessionIdArgument();
    if (id.isEmpty())
        return;
    m_connection->client->terminateSession(id, this, [this](const aws::Result<TerminateSessionResult> &r) {
        if (!r.ok())
            return fail(r.error());
        if (m_table) {
            printPairs(m_out, {{u"State"_s, stateLabel(r->state, r->stateText)}});
        } else {
            QJsonObject o;
            if (r->state)
                o.insert(u"State"_s, stateLabel(r->state, r->stateText));
            printJson(o);
        }
        done(Ok);
    });
}

void AthenaCtl::listWorkGroups()
{
    if (!m_positional.isEmpty())
        return usage(u"unexpected argument '%1'"_s.arg(m_positional.first()));
    m_connection->client->listAllWorkGroups(this, [this](const aws::Result<QList<WorkGroupSummary>> &r) {
        if (!r.ok())
            return fail(r.error());
        if (m_table) {
            QList<QStringList> rows;
            for (const WorkGroupSummary &w : r.value())
                rows << QStringList{w.name, w.state, w.engineVersion.effective, w.engineVersion.isSpark() ? u"yes"_s : u"no"_s,
                                    w.description};
            printTable(m_out, {u"Name"_s, u"State"_s, u"Engine"_s, u"Spark"_s, u"Description"_s}, rows);
        } else {
            printJson(json::toJson(ListWorkGroupsPage{r.value(), {}}));
        }
        done(Ok);
    });
}

void AthenaCtl::listEngineVersions()
{
    if (!m_positional.isEmpty())
        return usage(u"unexpected argument '%1'"_s.arg(m_positional.first()));
    // As the AWS CLI: one page (the service's default size unless --max-results says), with the
    // NextToken to go on from; --all-pages follows the tokens to the end.
    std::optional<int> maxResults;
    if (!parseInt(u"max-results"_s, maxResults))
        return;
    const QString nextToken = m_parser.value(u"next-token"_s);
    if (const ValidationIssues issues = validateListEngineVersions(maxResults, nextToken); !issues.isEmpty())
        return fail(toError(issues));
    auto print = [this](const QList<EngineVersion> &versions, const QString &token) {
        if (!m_table)
            return printJson(json::toJson(ListEngineVersionsPage{versions, token}));
        QList<QStringList> rows;
        for (const EngineVersion &e : versions)
            rows << QStringList{e.selected, e.effective};
        printTable(m_out, {u"Selected"_s, u"Effective"_s}, rows);
        if (!token.isEmpty())
            m_out << "NextToken: " << token << '\n';
    };
    if (!m_parser.isSet(u"all-pages"_s)) {
        m_connection->client->listEngineVersions(maxResults, nextToken, this,
                                                 [this, print](const aws::Result<ListEngineVersionsPage> &r) {
                                                     if (!r.ok())
                                                         return fail(r.error());
                                                     print(r->engineVersions, r->nextToken);
                                                     done(Ok);
                                                 });
        return;
    }
    PagingLimits limits = kListEngineVersionsPaging;
    if (maxResults)
        limits.apiPageItems = *maxResults;
    m_connection->client->listAllEngineVersions(
        this,
        [this, print](const aws::Result<QList<EngineVersion>> &r) {
            if (!r.ok())
                return fail(r.error());
            print(r.value(), {});
            done(Ok);
        },
        limits, nextToken);
}
