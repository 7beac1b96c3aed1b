// athenactl start-session: every StartSession member from flags, from --cli-input-json (flags
// override it, as in the AWS CLI), or a skeleton to fill in (--generate-cli-skeleton); --wait.
#include "athenactl/athenactl.h"

#include "athena/athenajson.h"
#include "athena/validation.h"
#include "athenactl/textoutput.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace athena;
using namespace textoutput;

namespace {

constexpr qint64 kMaxInputJsonBytes = 1024 * 1024;

// Every member of StartSessionRequest in botocore's model, with placeholder values.
QJsonObject startSessionSkeleton()
{
    const QJsonObject keyValue{{u"KeyName"_s, u""_s}};
    const QJsonObject logging{{u"Enabled"_s, true}, {u"KmsKey"_s, u""_s}};
    return QJsonObject{
        {u"Description"_s, u""_s},
        {u"WorkGroup"_s, u""_s},
        {u"EngineConfiguration"_s,
         QJsonObject{{u"CoordinatorDpuSize"_s, 0}, {u"MaxConcurrentDpus"_s, 0}, {u"DefaultExecutorDpuSize"_s, 0},
                     {u"AdditionalConfigs"_s, keyValue}, {u"SparkProperties"_s, keyValue},
                     {u"Classifications"_s, QJsonArray{QJsonObject{{u"Name"_s, u""_s}, {u"Properties"_s, keyValue}}}}}},
        {u"ExecutionRole"_s, u""_s},
        {u"MonitoringConfiguration"_s,
         QJsonObject{{u"CloudWatchLoggingConfiguration"_s,
                      QJsonObject{{u"Enabled"_s, true}, {u"LogGroup"_s, u""_s}, {u"LogStreamNamePrefix"_s, u""_s},
                                  {u"LogTypes"_s, QJsonObject{{u"KeyName"_s, QJsonArray{u""_s}}}}}},
                     {u"ManagedLoggingConfiguration"_s, logging},
                     {u"S3LoggingConfiguration"_s, QJsonObject{{u"Enabled"_s, true}, {u"KmsKey"_s, u""_s}, {u"LogLocation"_s, u""_s}}}}},
        {u"NotebookVersion"_s, u""_s},
        {u"SessionIdleTimeoutInMinutes"_s, 0},
        {u"ClientRequestToken"_s, u""_s},
        {u"Tags"_s, QJsonArray{QJsonObject{{u"Key"_s, u""_s}, {u"Value"_s, u""_s}}}},
        {u"CopyWorkGroupTags"_s, true},
    };
}

} // namespace

std::optional<QJsonValue> AthenaCtl::jsonArgument(const QString &option)
{
    QString text = m_parser.value(option);
    if (text.startsWith(u"file://"_s)) {
        QFile file(text.mid(7));
        if (!file.open(QIODevice::ReadOnly)) {
            usage(u"--%1: cannot read %2: %3"_s.arg(option, file.fileName(), file.errorString()));
            return std::nullopt;
        }
        if (file.size() > kMaxInputJsonBytes) {
            usage(u"--%1: %2 is larger than 1 MiB"_s.arg(option, file.fileName()));
            return std::nullopt;
        }
        text = QString::fromUtf8(file.read(kMaxInputJsonBytes));
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || doc.isNull()) {
        usage(u"--%1: not valid JSON (%2 at character %3)"_s.arg(option, error.errorString()).arg(error.offset));
        return std::nullopt;
    }
    return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
}

std::optional<StartSessionRequest> AthenaCtl::startRequestFromArguments()
{
    StartSessionRequest request;
    // The whole request first (--cli-input-json), then every flag that is given overrides it.
    QJsonObject input;
    if (m_parser.isSet(u"cli-input-json"_s)) {
        const std::optional<QJsonValue> v = jsonArgument(u"cli-input-json"_s);
        if (!v)
            return std::nullopt;
        if (!v->isObject()) {
            usage(u"--cli-input-json takes a JSON object: a StartSession request"_s);
            return std::nullopt;
        }
        input = v->toObject();
    }
    if (m_parser.isSet(u"monitoring-configuration"_s)) {
        const std::optional<QJsonValue> v = jsonArgument(u"monitoring-configuration"_s);
        if (!v)
            return std::nullopt;
        input.insert(u"MonitoringConfiguration"_s, *v);
    }
    if (m_parser.isSet(u"classifications"_s)) {
        const std::optional<QJsonValue> v = jsonArgument(u"classifications"_s);
        if (!v)
            return std::nullopt;
        QJsonObject engine = input.value(u"EngineConfiguration"_s).toObject();
        engine.insert(u"Classifications"_s, *v);
        input.insert(u"EngineConfiguration"_s, engine);
    }
    if (!input.isEmpty()) {
        auto decoded = json::decode<StartSessionRequest>(input);
        if (!decoded.ok()) {
            usage(u"the StartSession request does not match the API: %1"_s.arg(decoded.error().message));
            return std::nullopt;
        }
        request = decoded.value();
    }
    for (const auto &[option, target] : {std::pair{u"work-group"_s, &request.workGroup}, std::pair{u"description"_s, &request.description},
                                         std::pair{u"notebook-version"_s, &request.notebookVersion},
                                         std::pair{u"client-request-token"_s, &request.clientRequestToken},
                                         std::pair{u"execution-role"_s, &request.executionRole}}) {
        if (m_parser.isSet(option))
            *target = m_parser.value(option);
    }
    EngineConfiguration &e = request.engineConfiguration;
    if (!parseInt(u"max-concurrent-dpus"_s, e.maxConcurrentDpus) || !parseInt(u"coordinator-dpu-size"_s, e.coordinatorDpuSize)
        || !parseInt(u"default-executor-dpu-size"_s, e.defaultExecutorDpuSize)
        || !parseInt(u"idle-timeout-minutes"_s, request.sessionIdleTimeoutInMinutes)
        || !parseMap(u"additional-config"_s, e.additionalConfigs) || !parseMap(u"spark-property"_s, e.sparkProperties))
        return std::nullopt;
    StringMap tags;
    if (!parseMap(u"tag"_s, tags))
        return std::nullopt;
    for (auto it = tags.begin(); it != tags.end(); ++it) {
        const auto same = std::find_if(request.tags.begin(), request.tags.end(), [&it](const Tag &t) { return t.key == it.key(); });
        if (same != request.tags.end())
            same->value = it.value();
        else
            request.tags.append(Tag{it.key(), it.value()});
    }
    if (m_parser.isSet(u"copy-work-group-tags"_s))
        request.copyWorkGroupTags = true;
    return request;
}

void AthenaCtl::startSession()
{
    if (!m_positional.isEmpty())
        return usage(u"unexpected argument '%1'"_s.arg(m_positional.first()));
    if (m_parser.isSet(u"generate-cli-skeleton"_s)) {
        printJson(startSessionSkeleton());
        return done(Ok);
    }
    std::optional<StartSessionRequest> built = startRequestFromArguments();
    if (!built)
        return; // usage() said why
    StartSessionRequest request = *built;
    if (request.clientRequestToken.isEmpty())
        request.clientRequestToken = AthenaClient::newClientRequestToken();
    m_startToken = request.clientRequestToken; // named if the outcome is unknown
    if (const ValidationIssues issues = validate(request); !issues.isEmpty())
        return fail(toError(issues));
    const bool wait = m_parser.isSet(u"wait"_s);
    m_connection->client->startSession(request, this, [this, wait](const aws::Result<StartSessionResult> &r) {
        if (!r.ok())
            return fail(r.error());
        if (wait) {
            m_err << "Started " << r->sessionId << " (" << stateLabel(r->state, r->stateText) << "), waiting for it to be ready…\n";
            m_err.flush();
            waitForSession(r->sessionId, r->clientRequestToken);
            return;
        }
        if (m_table)
            printPairs(m_out, {{u"SessionId"_s, r->sessionId}, {u"State"_s, stateLabel(r->state, r->stateText)},
                               {u"ClientRequestToken"_s, r->clientRequestToken}});
        else
            printJson(json::toJson(r.value()));
        done(Ok);
    });
}

void AthenaCtl::waitForSession(const QString &sessionId, const QString &token)
{
    auto lastState = std::make_shared<std::optional<SessionState>>();
    auto polls = std::make_shared<int>(0);
    auto poll = std::make_shared<std::function<void()>>();
    *poll = [this, sessionId, token, lastState, polls, weak = std::weak_ptr(poll)] {
        // Whoever runs this holds the chain; the callback keeps it alive until the next timer does.
        auto self = weak.lock();
        m_connection->client->getSessionStatus(sessionId, this, [=, this](const aws::Result<SessionStatusResult> &r) {
            if (!r.ok())
                return fail(r.error());
            const std::optional<SessionState> state = r->status.state;
            if (state != *lastState) {
                m_err << sessionId << ": " << r->status.stateLabelText() << '\n';
                m_err.flush();
                *lastState = state;
            }
            const bool settled = state && !isTransitional(*state);
            if (!settled && ++*polls < 900) {
                QTimer::singleShot(1000, this, [self] { (*self)(); });
                return;
            }
            StartSessionResult result{sessionId, state, r->status.stateText, token};
            if (m_table)
                printPairs(m_out, {{u"SessionId"_s, sessionId}, {u"State"_s, r->status.stateLabelText()},
                                   {u"StateChangeReason"_s, r->status.stateChangeReason}});
            else
                printJson(json::toJson(result));
            const bool ready = state == SessionState::Idle || state == SessionState::Busy;
            if (!ready)
                m_err << "athenactl: session " << sessionId << " ended as " << r->status.stateLabelText()
                      << (r->status.stateChangeReason.isEmpty() ? QString() : u": "_s + r->status.stateChangeReason) << '\n';
            done(ready ? Ok : ServiceError);
        });
    };
    // The timer lambdas hold the chain; this first call starts it.
    QTimer::singleShot(0, this, [poll] { (*poll)(); });
}

