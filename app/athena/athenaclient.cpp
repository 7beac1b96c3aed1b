#include "athena/athenaclient.h"

#include "athena/athenajson.h"
#include "athena/validation.h"

#include <QJsonDocument>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace athena {

void PendingCall::cancel()
{
    if (m_call)
        m_call->cancel();
}

AthenaClient::AthenaClient(aws::AwsJsonTransport *transport, QObject *parent) : QObject(parent), m_transport(transport)
{
}

QString AthenaClient::newClientRequestToken()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

template <typename T>
PendingCall AthenaClient::invoke(const QString &operation, const QJsonObject &body, const ValidationIssues &issues,
                                 QObject *context, Callback<T> done,
                                 std::function<aws::Result<T>(const QJsonObject &)> decode)
{
    if (!issues.isEmpty()) {
        QTimer::singleShot(0, context, [done, error = toError(issues)] { done(error); });
        return {};
    }
    aws::AwsCall *call = m_transport->call(operation, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(call, &aws::AwsCall::finished, context, [call, done, decode, operation] {
        const aws::Result<aws::AwsResponse> &r = call->result();
        if (!r.ok()) {
            done(r.error());
            return;
        }
        aws::Result<T> value = decode(r->json);
        if (!value.ok()) {
            aws::AwsError e = value.error();
            e.code = u"MalformedResponse"_s;
            e.message = u"The %1 response does not match the API: %2"_s.arg(operation, e.message);
            e.requestId = r->requestId;
            e.httpStatus = r->httpStatus;
            done(e);
            return;
        }
        done(value);
    });
    return PendingCall(call);
}

PendingCall AthenaClient::startSession(StartSessionRequest request, QObject *context, Callback<StartSessionResult> done)
{
    if (request.clientRequestToken.isEmpty())
        request.clientRequestToken = newClientRequestToken();
    const QString token = request.clientRequestToken;
    return invoke<StartSessionResult>(u"StartSession"_s, json::toJson(request), validate(request), context, std::move(done),
                                      [token](const QJsonObject &o) -> aws::Result<StartSessionResult> {
                                          auto r = json::decode<StartSessionResult>(o);
                                          if (!r.ok())
                                              return r;
                                          StartSessionResult v = r.value();
                                          v.clientRequestToken = token;
                                          return v;
                                      });
}

PendingCall AthenaClient::getSession(const QString &sessionId, QObject *context, Callback<SessionDetails> done)
{
    return invoke<SessionDetails>(u"GetSession"_s, QJsonObject{{u"SessionId"_s, sessionId}}, validateSessionId(sessionId),
                                  context, std::move(done), [](const QJsonObject &o) -> aws::Result<SessionDetails> {
                                      auto d = json::decode<SessionDetails>(o);
                                      if (d.ok() && d->sessionId.isEmpty())
                                          return aws::AwsError::make(aws::AwsError::Kind::Decode, u"DecodeError"_s,
                                                                     u"SessionId: is missing from the response"_s);
                                      return d;
                                  });
}

PendingCall AthenaClient::getSessionStatus(const QString &sessionId, QObject *context, Callback<SessionStatusResult> done)
{
    return invoke<SessionStatusResult>(u"GetSessionStatus"_s, QJsonObject{{u"SessionId"_s, sessionId}},
                                       validateSessionId(sessionId), context, std::move(done),
                                       &json::decode<SessionStatusResult>);
}

PendingCall AthenaClient::listSessions(const ListSessionsRequest &request, QObject *context, Callback<ListSessionsPage> done)
{
    return invoke<ListSessionsPage>(u"ListSessions"_s, json::toJson(request), validate(request), context, std::move(done),
                                    &json::decode<ListSessionsPage>);
}

PendingCall AthenaClient::terminateSession(const QString &sessionId, QObject *context, Callback<TerminateSessionResult> done)
{
    return invoke<TerminateSessionResult>(u"TerminateSession"_s, QJsonObject{{u"SessionId"_s, sessionId}},
                                          validateSessionId(sessionId), context, std::move(done),
                                          [](const QJsonObject &o) -> aws::Result<TerminateSessionResult> {
                                              // TerminateSessionResponse is {"State": …}: reuse the status decoder.
                                              auto s = json::decode<SessionStatus>(o);
                                              if (!s.ok())
                                                  return s.error();
                                              return TerminateSessionResult{s->state};
                                          });
}

PendingCall AthenaClient::listWorkGroups(std::optional<int> maxResults, const QString &nextToken, QObject *context,
                                         Callback<ListWorkGroupsPage> done)
{
    QJsonObject body;
    if (maxResults)
        body.insert(u"MaxResults"_s, *maxResults);
    if (!nextToken.isEmpty())
        body.insert(u"NextToken"_s, nextToken);
    return invoke<ListWorkGroupsPage>(u"ListWorkGroups"_s, body, validateListWorkGroups(maxResults, nextToken), context,
                                      std::move(done), &json::decode<ListWorkGroupsPage>);
}

PendingCall AthenaClient::getWorkGroup(const QString &name, QObject *context, Callback<WorkGroup> done)
{
    return invoke<WorkGroup>(u"GetWorkGroup"_s, QJsonObject{{u"WorkGroup"_s, name}}, validateWorkGroupName(name), context,
                             std::move(done), &json::decode<WorkGroup>);
}

PendingCall AthenaClient::listEngineVersions(std::optional<int> maxResults, const QString &nextToken, QObject *context,
                                             Callback<ListEngineVersionsPage> done)
{
    QJsonObject body;
    if (maxResults)
        body.insert(u"MaxResults"_s, *maxResults);
    if (!nextToken.isEmpty())
        body.insert(u"NextToken"_s, nextToken);
    return invoke<ListEngineVersionsPage>(u"ListEngineVersions"_s, body, validateListEngineVersions(maxResults, nextToken),
                                          context, std::move(done), &json::decode<ListEngineVersionsPage>);
}

PendingCall AthenaClient::createWorkGroup(const CreateWorkGroupRequest &request, QObject *context, Callback<bool> done)
{
    return invoke<bool>(u"CreateWorkGroup"_s, json::toJson(request), validateWorkGroupName(request.name), context,
                        std::move(done), [](const QJsonObject &) -> aws::Result<bool> { return true; });
}

namespace {

void fetchWorkGroupPages(const QPointer<AthenaClient> &client, QObject *context, const QString &token,
                         std::shared_ptr<QList<WorkGroupSummary>> all, std::shared_ptr<QSet<QString>> tokens,
                         const Callback<QList<WorkGroupSummary>> &done)
{
    if (!client)
        return;
    client->listWorkGroups(50, token, context, [=](const aws::Result<ListWorkGroupsPage> &page) {
        if (!page.ok()) {
            done(page.error());
            return;
        }
        *all += page->workGroups;
        if (page->nextToken.isEmpty() || tokens->contains(page->nextToken)) {
            done(*all);
            return;
        }
        tokens->insert(page->nextToken);
        fetchWorkGroupPages(client, context, page->nextToken, all, tokens, done);
    });
}

} // namespace

void AthenaClient::listAllWorkGroups(QObject *context, const Callback<QList<WorkGroupSummary>> &done)
{
    fetchWorkGroupPages(this, context, QString(), std::make_shared<QList<WorkGroupSummary>>(),
                        std::make_shared<QSet<QString>>(), done);
}

// ---- ListSessionsWalker ----

ListSessionsWalker::ListSessionsWalker(AthenaClient *client, ListSessionsRequest request, QObject *parent)
    : QObject(parent), m_client(client), m_request(std::move(request))
{
}

void ListSessionsWalker::start()
{
    m_request.nextToken.clear();
    fetch();
}

void ListSessionsWalker::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    m_current.cancel();
    finish(aws::AwsError::make(aws::AwsError::Kind::Cancelled, u"Cancelled"_s, u"Listing was cancelled"_s));
}

void ListSessionsWalker::fetch()
{
    m_current = m_client->listSessions(m_request, this, [this](const aws::Result<ListSessionsPage> &page) {
        if (m_finished)
            return;
        if (!page.ok()) {
            finish(page.error());
            return;
        }
        ++m_pages;
        m_sessions += static_cast<int>(page->sessions.size());
        const QString next = page->nextToken;
        // Ask for the next page first, so that whoever consumes this one works while it travels.
        std::optional<aws::AwsError> stop;
        bool more = false;
        if (next.isEmpty()) {
        } else if (m_seenTokens.contains(next)) {
            stop = aws::AwsError::make(aws::AwsError::Kind::Decode, u"RepeatedNextToken"_s,
                                       u"ListSessions returned a NextToken it had already returned (after page %1); "
                                       u"stopped to avoid listing forever"_s.arg(m_pages));
        } else if (m_pages >= m_maxPages) {
            stop = aws::AwsError::make(aws::AwsError::Kind::Validation, u"TooManyPages"_s, u"Stopped after %1 pages"_s.arg(m_pages));
        } else {
            m_seenTokens.insert(next);
            m_request.nextToken = next;
            more = true;
            fetch();
        }
        Q_EMIT pageReceived(page->sessions, m_pages);
        if (m_finished) // cancelled from the slot (which also cancelled the next request)
            return;
        if (!more)
            finish(stop);
    });
}

void ListSessionsWalker::finish(std::optional<aws::AwsError> error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = std::move(error);
    Q_EMIT finished();
}

} // namespace athena
