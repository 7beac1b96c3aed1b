// athenactl inside a session: calculations (list, get, status, code, start with --wait, stop),
// executors and the Spark Connect endpoint, with the AWS CLI's flag names.
#include "athenactl/athenactl.h"

#include "athena/calculationjson.h"
#include "athena/validation.h"
#include "athenactl/textoutput.h"

#include <QCommandLineOption>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStringDecoder>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace athena;
using namespace textoutput;

namespace {

// CodeBlock in botocore's model: at most 68,000 characters. A file is read up to 4 bytes a
// character (UTF-8) and one byte more, so that a larger one is refused without reading it all.
constexpr qint64 kMaxCodeBlockCharacters = 68000;
constexpr qint64 kMaxCodeBlockBytes = kMaxCodeBlockCharacters * 4;

// --wait: the first poll after half a second, then each interval 1.5× the last, up to 5 seconds;
// the whole wait ends after --wait-timeout seconds (default one hour, at most a day).
constexpr int kFirstPollMs = 500;
constexpr int kMaxPollMs = 5000;
constexpr int kDefaultWaitSeconds = 3600;
constexpr int kMaxWaitSeconds = 86400;

QString stateNames(const QStringList &names)
{
    return names.join(u", "_s);
}

QString calculationStateList()
{
    QStringList names;
    for (CalculationState s : allCalculationStates())
        names << calculationStateName(s);
    return stateNames(names);
}

QString executorStateList()
{
    QStringList names;
    for (ExecutorState s : allExecutorStates())
        names << executorStateName(s);
    return stateNames(names);
}

QString calculationLabel(const std::optional<CalculationState> &state, const QString &text)
{
    CalculationStatus status;
    status.state = state;
    status.stateText = text;
    return status.stateLabel();
}

QString numberText(const std::optional<qint64> &n)
{
    return n ? QString::number(*n) : QString();
}

qsizetype codePoints(const QString &text)
{
    qsizetype n = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!(text.at(i).isLowSurrogate() && i > 0 && text.at(i - 1).isHighSurrogate()))
            ++n;
    }
    return n;
}

// Every member of StartCalculationExecutionRequest in botocore's model.
QJsonObject startCalculationSkeleton()
{
    return QJsonObject{{u"SessionId"_s, u""_s},
                       {u"Description"_s, u""_s},
                       {u"CalculationConfiguration"_s, QJsonObject{{u"CodeBlock"_s, u""_s}}},
                       {u"CodeBlock"_s, u""_s},
                       {u"ClientRequestToken"_s, u""_s}};
}

} // namespace

QList<QCommandLineOption> AthenaCtl::calculationOptions()
{
    return {
        {u"calculation-execution-id"_s, u"Calculation ID."_s, u"id"_s},
        {u"code-block"_s, u"The code to run, or file://PATH."_s, u"code"_s},
        {u"calculation-configuration"_s, u"CalculationConfiguration as JSON (deprecated by the API)."_s, u"json"_s},
        {u"executor-state-filter"_s, u"Executor state."_s, u"state"_s},
        {u"wait-timeout"_s, u"How long --wait follows a calculation, in seconds."_s, u"seconds"_s},
        {u"show-token"_s, u"Print the AuthToken of get-session-endpoint (JSON output only)."_s},
    };
}

QString AthenaCtl::calculationHelp()
{
    return u"\nCSTATE is one of %1.\n"
           u"ESTATE is one of %2.\n"
           u"Their --all-pages asks for pages of 100 and stops with an error, printing nothing, at a repeated\n"
           u"NextToken or after 200 pages or 10,000 items.\n"
           u"--code-block file://PATH reads the code from a UTF-8 file (at most 68,000 characters, as the API).\n"
           u"start-calculation-execution --wait follows the calculation until COMPLETED, FAILED or CANCELED\n"
           u"(progress on stderr) and prints it as get-calculation-execution does; it gives up after\n"
           u"--wait-timeout seconds (default 3600, at most 86400), leaving the calculation running.\n"
           u"Exit codes of --wait: 3 the calculation ended FAILED or CANCELED (its reason on stderr),\n"
           u"4 --wait-timeout passed first.\n"
           u"get-session-endpoint never prints the AuthToken unless --show-token is given, and then only as\n"
           u"JSON (--output table refuses it): anyone holding the token can use the session until it expires.\n"_s
        .arg(calculationStateList(), executorStateList());
}

bool AthenaCtl::runCalculationCommand()
{
    using Handler = void (AthenaCtl::*)();
    static const QList<std::pair<QString, Handler>> handlers = {
        {u"list-calculation-executions"_s, &AthenaCtl::listCalculations},
        {u"get-calculation-execution"_s, &AthenaCtl::getCalculation},
        {u"get-calculation-execution-status"_s, &AthenaCtl::getCalculationStatus},
        {u"get-calculation-execution-code"_s, &AthenaCtl::getCalculationCode},
        {u"start-calculation-execution"_s, &AthenaCtl::startCalculation},
        {u"stop-calculation-execution"_s, &AthenaCtl::stopCalculation},
        {u"list-executors"_s, &AthenaCtl::listExecutors},
        {u"get-session-endpoint"_s, &AthenaCtl::getSessionEndpoint},
    };
    const auto it = std::find_if(handlers.begin(), handlers.end(), [this](const auto &h) { return h.first == m_command; });
    if (it == handlers.end())
        return false;
    (this->*(it->second))();
    return true;
}

QString AthenaCtl::calculationIdArgument()
{
    return idArgument(u"calculation-execution-id"_s, u"CALCULATION_ID"_s);
}

void AthenaCtl::listCalculations()
{
    ListCalculationsRequest request;
    request.sessionId = sessionIdArgument();
    if (request.sessionId.isEmpty())
        return;
    if (m_parser.isSet(u"state-filter"_s)) {
        const QString given = m_parser.value(u"state-filter"_s);
        request.stateFilter = calculationStateFromString(given.toUpper());
        if (!request.stateFilter || *request.stateFilter == CalculationState::Unknown)
            return usage(u"--state-filter: '%1' is not a calculation state (%2)"_s.arg(given, calculationStateList()));
    }
    if (!parseInt(u"max-results"_s, request.maxResults))
        return;
    request.nextToken = m_parser.value(u"next-token"_s);
    if (const ValidationIssues issues = validate(request); !issues.isEmpty())
        return fail(toError(issues));

    auto print = [this](const QList<CalculationSummary> &calculations, const QString &nextToken) {
        if (!m_table)
            return printJson(json::toJson(ListCalculationsPage{calculations, nextToken}));
        QList<QStringList> rows;
        rows.reserve(calculations.size());
        for (const CalculationSummary &c : calculations)
            rows << QStringList{c.calculationExecutionId, c.status.stateLabel(), c.description,
                                timeText(c.status.submissionDateTime), timeText(c.status.completionDateTime),
                                c.status.stateChangeReason};
        printTable(m_out, {u"CalculationExecutionId"_s, u"State"_s, u"Description"_s, u"Submitted"_s, u"Completed"_s, u"Reason"_s},
                   rows);
        if (!nextToken.isEmpty())
            m_out << "NextToken: " << nextToken << '\n';
    };
    if (!m_parser.isSet(u"all-pages"_s)) {
        m_connection->client->listCalculations(request, this, [this, print](const aws::Result<ListCalculationsPage> &r) {
            if (!r.ok())
                return fail(r.error());
            print(r->calculations, r->nextToken);
            done(Ok);
        });
        return;
    }
    // The largest page the API allows (100) unless --max-results says otherwise; the listing is
    // bounded by kListCalculationsPaging (a repeated NextToken ends it with an error).
    PagingLimits limits = kListCalculationsPaging;
    if (request.maxResults)
        limits.apiPageItems = *request.maxResults;
    m_connection->client->listAllCalculations(
        request, this,
        [this, print](const aws::Result<QList<CalculationSummary>> &r) {
            if (!r.ok())
                return fail(r.error());
            print(r.value(), {});
            done(Ok);
        },
        limits);
}

void AthenaCtl::printCalculation(const CalculationExecution &c)
{
    if (!m_table)
        return printJson(json::toJson(c));
    const CalculationResult result = c.result.value_or(CalculationResult{});
    printPairs(m_out, {
        {u"CalculationExecutionId"_s, c.calculationExecutionId},
        {u"SessionId"_s, c.sessionId},
        {u"State"_s, c.status.stateLabel()},
        {u"StateChangeReason"_s, c.status.stateChangeReason},
        {u"Description"_s, c.description},
        {u"WorkingDirectory"_s, c.workingDirectory},
        {u"Submitted"_s, timeText(c.status.submissionDateTime)},
        {u"Completed"_s, timeText(c.status.completionDateTime)},
        {u"DpuHours"_s, c.statistics.dpuExecutionInMillis ? QString::number(c.statistics.dpuHours(), 'f', 3) : QString()},
        {u"Progress"_s, c.statistics.progress},
        {u"StdOutS3Uri"_s, result.stdOutS3Uri},
        {u"StdErrorS3Uri"_s, result.stdErrorS3Uri},
        {u"ResultS3Uri"_s, result.resultS3Uri},
        {u"ResultType"_s, result.resultType},
    });
}

void AthenaCtl::getCalculation()
{
    const QString id = calculationIdArgument();
    if (id.isEmpty())
        return;
    m_connection->client->getCalculation(id, this, [this](const aws::Result<CalculationExecution> &r) {
        if (!r.ok())
            return fail(r.error());
        printCalculation(r.value());
        done(Ok);
    });
}

void AthenaCtl::getCalculationStatus()
{
    const QString id = calculationIdArgument();
    if (id.isEmpty())
        return;
    m_connection->client->getCalculationStatus(id, this, [this](const aws::Result<CalculationStatusResult> &r) {
        if (!r.ok())
            return fail(r.error());
        if (!m_table) {
            printJson(json::toJson(r.value()));
        } else {
            const CalculationStatistics &s = r->statistics;
            printPairs(m_out, {{u"State"_s, r->status.stateLabel()},
                               {u"StateChangeReason"_s, r->status.stateChangeReason},
                               {u"Submitted"_s, timeText(r->status.submissionDateTime)},
                               {u"Completed"_s, timeText(r->status.completionDateTime)},
                               {u"DpuHours"_s, s.dpuExecutionInMillis ? QString::number(s.dpuHours(), 'f', 3) : QString()},
                               {u"Progress"_s, s.progress}});
        }
        done(Ok);
    });
}

void AthenaCtl::getCalculationCode()
{
    const QString id = calculationIdArgument();
    if (id.isEmpty())
        return;
    m_connection->client->getCalculationCode(id, this, [this](const aws::Result<QString> &r) {
        if (!r.ok())
            return fail(r.error());
        if (!m_table) {
            printJson(QJsonObject{{u"CodeBlock"_s, r.value()}});
        } else {
            // The code as it is, to read or to save: no table around it.
            QByteArray code = r.value().toUtf8();
            if (!code.isEmpty() && !code.endsWith('\n'))
                code += '\n';
            writeBytes(code);
        }
        done(Ok);
    });
}

std::optional<QString> AthenaCtl::codeBlockArgument()
{
    const QString given = m_parser.value(u"code-block"_s);
    if (!given.startsWith(u"file://"_s))
        return given;
    QFile file(given.mid(7));
    if (QFileInfo(file.fileName()).isDir() || !file.open(QIODevice::ReadOnly)) {
        usage(u"--code-block: cannot read %1: %2"_s.arg(file.fileName(),
                                                        QFileInfo(file.fileName()).isDir() ? u"it is a directory"_s : file.errorString()));
        return std::nullopt;
    }
    const QByteArray bytes = file.read(kMaxCodeBlockBytes + 1);
    if (bytes.size() > kMaxCodeBlockBytes || (file.isSequential() && !file.atEnd())) {
        usage(u"--code-block: %1 is larger than the 68,000 characters CodeBlock allows"_s.arg(file.fileName()));
        return std::nullopt;
    }
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString code = decoder.decode(bytes);
    if (decoder.hasError()) {
        usage(u"--code-block: %1 is not UTF-8 text"_s.arg(file.fileName()));
        return std::nullopt;
    }
    if (const qsizetype n = codePoints(code); n > kMaxCodeBlockCharacters) {
        usage(u"--code-block: %1 has %2 characters, more than the 68,000 CodeBlock allows"_s.arg(file.fileName()).arg(n));
        return std::nullopt;
    }
    if (code.isEmpty()) {
        usage(u"--code-block: %1 is empty"_s.arg(file.fileName()));
        return std::nullopt;
    }
    return code;
}

std::optional<StartCalculationRequest> AthenaCtl::startCalculationFromArguments()
{
    // The whole request first (--cli-input-json), then every flag that is given overrides it.
    QJsonObject input;
    if (m_parser.isSet(u"cli-input-json"_s)) {
        const std::optional<QJsonValue> v = jsonArgument(u"cli-input-json"_s);
        if (!v)
            return std::nullopt;
        if (!v->isObject()) {
            usage(u"--cli-input-json takes a JSON object: a StartCalculationExecution request"_s);
            return std::nullopt;
        }
        input = v->toObject();
    }
    if (m_parser.isSet(u"calculation-configuration"_s)) {
        const std::optional<QJsonValue> v = jsonArgument(u"calculation-configuration"_s);
        if (!v)
            return std::nullopt;
        if (!v->isObject()) {
            usage(u"--calculation-configuration takes a JSON object: {\"CodeBlock\": \"...\"}"_s);
            return std::nullopt;
        }
        input.remove(u"CodeBlock"_s);
        input.insert(u"CalculationConfiguration"_s, *v);
    }
    StartCalculationRequest request;
    if (!input.isEmpty()) {
        auto decoded = json::decode<StartCalculationRequest>(input);
        if (!decoded.ok()) {
            usage(u"the StartCalculationExecution request does not match the API: %1"_s.arg(decoded.error().message));
            return std::nullopt;
        }
        request = decoded.value();
    }
    if (m_parser.isSet(u"session-id"_s) || !m_positional.isEmpty() || request.sessionId.isEmpty()) {
        request.sessionId = sessionIdArgument();
        if (request.sessionId.isEmpty())
            return std::nullopt;
    }
    if (m_parser.isSet(u"code-block"_s)) {
        if (m_parser.isSet(u"calculation-configuration"_s)) {
            usage(u"give the code once: --code-block or --calculation-configuration"_s);
            return std::nullopt;
        }
        const std::optional<QString> code = codeBlockArgument();
        if (!code)
            return std::nullopt;
        request.codeBlock = *code;
        request.inConfiguration = false;
    }
    if (m_parser.isSet(u"description"_s))
        request.description = m_parser.value(u"description"_s);
    if (m_parser.isSet(u"client-request-token"_s))
        request.clientRequestToken = m_parser.value(u"client-request-token"_s);
    if (request.codeBlock.isEmpty() && !m_parser.isSet(u"code-block"_s)) {
        usage(u"start-calculation-execution needs --code-block TEXT|file://PATH"_s);
        return std::nullopt;
    }
    return request;
}

void AthenaCtl::startCalculation()
{
    if (m_parser.isSet(u"generate-cli-skeleton"_s)) {
        printJson(startCalculationSkeleton());
        return done(Ok);
    }
    const bool wait = m_parser.isSet(u"wait"_s);
    std::optional<int> waitSeconds;
    if (!parseInt(u"wait-timeout"_s, waitSeconds))
        return;
    if (waitSeconds && !wait)
        return usage(u"--wait-timeout goes with --wait"_s);
    if (waitSeconds && (*waitSeconds < 1 || *waitSeconds > kMaxWaitSeconds))
        return usage(u"--wait-timeout must be 1 to %1 seconds"_s.arg(kMaxWaitSeconds));
    std::optional<StartCalculationRequest> built = startCalculationFromArguments();
    if (!built)
        return; // usage() said why
    StartCalculationRequest request = *built;
    if (request.clientRequestToken.isEmpty())
        request.clientRequestToken = AthenaClient::newClientRequestToken();
    m_startToken = request.clientRequestToken; // named if the outcome is unknown
    if (const ValidationIssues issues = validate(request); !issues.isEmpty())
        return fail(toError(issues));
    const int timeout = waitSeconds.value_or(kDefaultWaitSeconds);
    m_connection->client->startCalculation(request, this, [this, wait, timeout](const aws::Result<StartCalculationResult> &r) {
        if (!r.ok())
            return fail(r.error());
        m_startToken.clear(); // started: later errors are about following it
        if (wait) {
            m_err << "Started " << r->calculationExecutionId << " (" << calculationLabel(r->state, r->stateText)
                  << "), waiting for it to finish…\n";
            m_err.flush();
            waitForCalculation(r->calculationExecutionId, timeout);
            return;
        }
        if (m_table)
            printPairs(m_out, {{u"CalculationExecutionId"_s, r->calculationExecutionId},
                               {u"State"_s, calculationLabel(r->state, r->stateText)}});
        else
            printJson(json::toJson(r.value()));
        done(Ok);
    });
}

void AthenaCtl::waitForCalculation(const QString &calculationId, int timeoutSeconds)
{
    struct Wait
    {
        PendingCall call;
        std::optional<CalculationState> lastState;
        QString lastText;
        int intervalMs = kFirstPollMs;
    };
    auto wait = std::make_shared<Wait>();
    // The deadline holds for every call of the wait, a stalled one included: it is cancelled.
    QTimer::singleShot(std::chrono::seconds(timeoutSeconds), this, [this, wait, calculationId, timeoutSeconds] {
        if (m_finished)
            return;
        m_err << "athenactl: calculation " << calculationId << " did not finish within " << timeoutSeconds
              << " seconds (--wait-timeout); it goes on running: stop-calculation-execution " << calculationId
              << " stops it\n";
        done(WaitTimedOut);
        wait->call.cancel();
    });
    auto *poller = new QTimer(this);
    poller->setSingleShot(true);
    // A final state: the calculation as GetCalculationExecution has it (its result and log URIs).
    auto finish = [this, calculationId, wait](const CalculationStatus &polled) {
        wait->call = m_connection->client->getCalculation(calculationId, this, [this, calculationId, polled](const aws::Result<CalculationExecution> &r) {
            if (m_finished)
                return;
            if (!r.ok())
                return fail(r.error());
            printCalculation(r.value());
            const CalculationStatus &final = r->status.isFinal() ? r->status : polled;
            if (final.state == CalculationState::Completed)
                return done(Ok);
            const QString reason = final.stateChangeReason.isEmpty() ? polled.stateChangeReason : final.stateChangeReason;
            m_err << "athenactl: calculation " << calculationId << " ended " << final.stateLabel()
                  << (reason.isEmpty() ? QString() : u": "_s + reason) << '\n';
            done(CalculationFailed);
        });
    };
    connect(poller, &QTimer::timeout, this, [this, poller, wait, calculationId, finish] {
        wait->call = m_connection->client->getCalculationStatus(calculationId, this, [=, this](const aws::Result<CalculationStatusResult> &r) {
            if (m_finished)
                return;
            if (!r.ok()) {
                m_err << "athenactl: following calculation " << calculationId << " failed\n";
                return fail(r.error());
            }
            const CalculationStatus &status = r->status;
            if (status.state != wait->lastState || status.stateText != wait->lastText) {
                m_err << calculationId << ": " << status.stateLabel() << '\n';
                m_err.flush();
                wait->lastState = status.state;
                wait->lastText = status.stateText;
            }
            if (status.isFinal())
                return finish(status);
            poller->start(wait->intervalMs);
            wait->intervalMs = std::min(kMaxPollMs, wait->intervalMs * 3 / 2);
        });
    });
    poller->start(wait->intervalMs);
    wait->intervalMs = std::min(kMaxPollMs, wait->intervalMs * 3 / 2);
}

void AthenaCtl::stopCalculation()
{
    const QString id = calculationIdArgument();
    if (id.isEmpty())
        return;
    m_connection->client->stopCalculation(id, this, [this](const aws::Result<StopCalculationResult> &r) {
        if (!r.ok())
            return fail(r.error());
        if (m_table)
            printPairs(m_out, {{u"State"_s, calculationLabel(r->state, r->stateText)}});
        else
            printJson(json::toJson(r.value()));
        done(Ok);
    });
}

void AthenaCtl::listExecutors()
{
    ListExecutorsRequest request;
    request.sessionId = sessionIdArgument();
    if (request.sessionId.isEmpty())
        return;
    if (m_parser.isSet(u"executor-state-filter"_s)) {
        const QString given = m_parser.value(u"executor-state-filter"_s);
        request.stateFilter = executorStateFromString(given.toUpper());
        if (!request.stateFilter || *request.stateFilter == ExecutorState::Unknown)
            return usage(u"--executor-state-filter: '%1' is not an executor state (%2)"_s.arg(given, executorStateList()));
    }
    if (!parseInt(u"max-results"_s, request.maxResults))
        return;
    request.nextToken = m_parser.value(u"next-token"_s);
    if (const ValidationIssues issues = validate(request); !issues.isEmpty())
        return fail(toError(issues));

    auto print = [this](const ListExecutorsPage &page) {
        if (!m_table)
            return printJson(json::toJson(page));
        QList<QStringList> rows;
        rows.reserve(page.executors.size());
        qint64 dpus = 0;
        for (const ExecutorSummary &e : page.executors) {
            rows << QStringList{e.executorId, e.typeLabel(), e.stateLabel(), numberText(e.size), timeText(e.startDateTime),
                                timeText(e.terminationDateTime)};
            if (!e.isFinal())
                dpus += e.size.value_or(0);
        }
        printTable(m_out, {u"ExecutorId"_s, u"Type"_s, u"State"_s, u"Size"_s, u"Started"_s, u"Terminated"_s}, rows);
        m_out << "DPUs in use: " << dpus << '\n';
        if (!page.nextToken.isEmpty())
            m_out << "NextToken: " << page.nextToken << '\n';
    };
    if (!m_parser.isSet(u"all-pages"_s)) {
        m_connection->client->listExecutors(request, this, [this, print](const aws::Result<ListExecutorsPage> &r) {
            if (!r.ok())
                return fail(r.error());
            print(r.value());
            done(Ok);
        });
        return;
    }
    PagingLimits limits = kListExecutorsPaging;
    if (request.maxResults)
        limits.apiPageItems = *request.maxResults;
    m_connection->client->listAllExecutors(
        request, this,
        [this, print, sessionId = request.sessionId](const aws::Result<QList<ExecutorSummary>> &r) {
            if (!r.ok())
                return fail(r.error());
            print(ListExecutorsPage{sessionId, r.value(), {}});
            done(Ok);
        },
        limits);
}

void AthenaCtl::getSessionEndpoint()
{
    const bool showToken = m_parser.isSet(u"show-token"_s);
    if (showToken && m_table)
        return usage(u"--show-token prints the AuthToken only as JSON: leave out --output table"_s);
    const QString id = sessionIdArgument();
    if (id.isEmpty())
        return;
    m_connection->client->getSessionEndpoint(id, this, [this, showToken](const aws::Result<SessionEndpoint> &r) {
        if (!r.ok())
            return fail(r.error());
        const bool hasToken = !r->authToken.isEmpty();
        if (m_table) {
            printPairs(m_out, {{u"EndpointUrl"_s, r->endpointUrl},
                               {u"AuthToken"_s, hasToken ? u"(hidden: --show-token prints it as JSON)"_s : QString()},
                               {u"AuthTokenExpires"_s, timeText(r->authTokenExpirationTime)}});
        } else {
            QJsonObject o = json::toJson(r.value());
            if (!showToken)
                o.remove(u"AuthToken"_s);
            printJson(o);
            if (hasToken && !showToken)
                m_err << "athenactl: the AuthToken is not printed; --show-token prints it\n";
        }
        done(Ok);
    });
}
