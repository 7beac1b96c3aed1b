#include "athena/athenaclient.h"

#include "athena/athenajson.h"
#include "athena/clientcalls.h"
#include "athena/validation.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {
Q_LOGGING_CATEGORY(lcPaging, "athena.client.paging", QtWarningMsg)

} // namespace

namespace athena {

using detail::arrayLength;
using detail::fetchAll;
using detail::ListAll;

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
                                    [asked = request.maxResults](const QJsonObject &o) -> aws::Result<ListSessionsPage> {
                                        if (auto e = PageGuard::checkPageSize(u"ListSessions"_s, u"sessions"_s, kListSessionsPaging,
                                                                              arrayLength(o, "Sessions"_L1), asked))
                                            return *e;
                                        return json::decode<ListSessionsPage>(o);
                                    });
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
                                              return TerminateSessionResult{s->state, s->stateText};
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
                                      std::move(done), [maxResults](const QJsonObject &o) -> aws::Result<ListWorkGroupsPage> {
                                          if (auto e = PageGuard::checkPageSize(u"ListWorkGroups"_s, u"workgroups"_s,
                                                                                kListWorkGroupsPaging,
                                                                                arrayLength(o, "WorkGroups"_L1), maxResults))
                                              return *e;
                                          return json::decode<ListWorkGroupsPage>(o);
                                      });
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
    return invoke<ListEngineVersionsPage>(
        u"ListEngineVersions"_s, body, validateListEngineVersions(maxResults, nextToken), context, std::move(done),
        [maxResults](const QJsonObject &o) -> aws::Result<ListEngineVersionsPage> {
            if (auto e = PageGuard::checkPageSize(u"ListEngineVersions"_s, u"engine versions"_s, kListEngineVersionsPaging,
                                                  arrayLength(o, "EngineVersions"_L1), maxResults))
                return *e;
            return json::decode<ListEngineVersionsPage>(o);
        });
}

PendingCall AthenaClient::createWorkGroup(const CreateWorkGroupRequest &request, QObject *context, Callback<bool> done)
{
    return invoke<bool>(u"CreateWorkGroup"_s, json::toJson(request), validateWorkGroupName(request.name), context,
                        std::move(done), [](const QJsonObject &) -> aws::Result<bool> { return true; });
}

// ---- PageGuard ----

PageGuard::PageGuard(QString operation, QString itemsName, const PagingLimits &limits)
    : m_operation(std::move(operation)), m_itemsName(std::move(itemsName)), m_limits(limits)
{
}

void PageGuard::begin(const QString &startToken)
{
    m_seenTokens.clear();
    m_pages = 0;
    m_items = 0;
    m_more = false;
    m_stop.reset();
    m_resumeToken.clear();
    if (!startToken.isEmpty())
        m_seenTokens.insert(QCryptographicHash::hash(startToken.toUtf8(), QCryptographicHash::Sha256));
}

void PageGuard::stopWith(const QString &code, const QString &message)
{
    m_more = false;
    m_stop = aws::AwsError::make(aws::AwsError::Kind::Decode, code, message);
}

qsizetype PageGuard::accept(qsizetype items, const QString &nextToken)
{
    ++m_pages;
    const qsizetype kept = std::clamp<qsizetype>(m_limits.maxItems - m_items, 0, items);
    m_items += kept;
    const QString listed = u"%1 %2 listed in %3 pages"_s.arg(m_items).arg(m_itemsName).arg(m_pages);
    if (kept < items) {
        stopWith(u"TooManyItems"_s, u"%1 stopped at %2 %3, the most one listing keeps (%4 more in the last page were "
                                    u"dropped, and the service may have more)"_s
                                        .arg(m_operation).arg(m_items).arg(m_itemsName).arg(items - kept));
        return kept;
    }
    if (nextToken.isEmpty()) {
        m_more = false;
        return kept;
    }
    if (nextToken.size() > m_limits.maxTokenLength) {
        stopWith(u"MalformedResponse"_s, u"%1 returned a NextToken of %2 characters, more than the API's %3; stopped with "
                                         u"%4"_s.arg(m_operation).arg(nextToken.size()).arg(m_limits.maxTokenLength).arg(listed));
        return kept;
    }
    const QByteArray digest = QCryptographicHash::hash(nextToken.toUtf8(), QCryptographicHash::Sha256);
    if (m_seenTokens.contains(digest)) {
        stopWith(u"RepeatedNextToken"_s, u"%1 returned a NextToken it had already returned (after page %2); stopped to "
                                         u"avoid listing forever, with %3"_s.arg(m_operation).arg(m_pages).arg(listed));
        return kept;
    }
    if (m_items >= m_limits.maxItems) {
        stopWith(u"TooManyItems"_s, u"%1 stopped at %2 %3 (in %4 pages), the most one listing keeps; the service has more"_s
                                        .arg(m_operation).arg(m_items).arg(m_itemsName).arg(m_pages));
        m_resumeToken = nextToken;
        return kept;
    }
    if (m_pages >= m_limits.maxPages) {
        stopWith(u"TooManyPages"_s, u"%1 stopped after %2 pages, the most one listing asks for, with %3 %4 listed; the "
                                    u"service kept answering with a new NextToken"_s
                                        .arg(m_operation).arg(m_pages).arg(m_items).arg(m_itemsName));
        m_resumeToken = nextToken;
        return kept;
    }
    m_seenTokens.insert(digest);
    m_more = true;
    return kept;
}

std::optional<aws::AwsError> PageGuard::checkPageSize(const QString &operation, const QString &itemsName,
                                                      const PagingLimits &limits, qsizetype items,
                                                      std::optional<int> maxResults)
{
    if (items > limits.maxPageItems)
        return aws::AwsError::make(aws::AwsError::Kind::Decode, u"PageTooLarge"_s,
                                   u"%1 returned %2 %3 in one page, more than the %4 a page may hold (the API's maximum is "
                                   u"%5); the page was refused"_s
                                       .arg(operation).arg(items).arg(itemsName).arg(limits.maxPageItems).arg(limits.apiPageItems));
    const int asked = maxResults.value_or(limits.apiPageItems);
    if (items > asked)
        qCWarning(lcPaging).noquote() << u"%1 returned %2 %3 in one page, more than the %4 asked for; kept"_s.arg(operation).arg(items).arg(itemsName).arg(asked);
    return std::nullopt;
}

void AthenaClient::listAllWorkGroups(QObject *context, const Callback<QList<WorkGroupSummary>> &done, const PagingLimits &limits)
{
    auto state = std::make_shared<ListAll<ListWorkGroupsPage, WorkGroupSummary>>(ListAll<ListWorkGroupsPage, WorkGroupSummary>{
        [client = QPointer(this), limits](const QString &token, QObject *c, Callback<ListWorkGroupsPage> page) {
            return client ? client->listWorkGroups(limits.apiPageItems, token, c, std::move(page)) : PendingCall();
        },
        &ListWorkGroupsPage::workGroups, done, PageGuard(u"ListWorkGroups"_s, u"workgroups"_s, limits), {}});
    state->guard.begin({});
    fetchAll(state, context, {});
}

void AthenaClient::listAllEngineVersions(QObject *context, const Callback<QList<EngineVersion>> &done, const PagingLimits &limits,
                                         const QString &startToken)
{
    auto state = std::make_shared<ListAll<ListEngineVersionsPage, EngineVersion>>(ListAll<ListEngineVersionsPage, EngineVersion>{
        [client = QPointer(this), limits](const QString &token, QObject *c, Callback<ListEngineVersionsPage> page) {
            return client ? client->listEngineVersions(limits.apiPageItems, token, c, std::move(page)) : PendingCall();
        },
        &ListEngineVersionsPage::engineVersions, done, PageGuard(u"ListEngineVersions"_s, u"engine versions"_s, limits), {}});
    state->guard.begin(startToken);
    fetchAll(state, context, startToken);
}

// ---- ListSessionsWalker ----

ListSessionsWalker::ListSessionsWalker(AthenaClient *client, ListSessionsRequest request, QObject *parent)
    : QObject(parent), m_client(client), m_request(std::move(request)), m_startToken(m_request.nextToken),
      m_guard(u"ListSessions"_s, u"sessions"_s, kListSessionsPaging)
{
}

void ListSessionsWalker::setMaxPages(int pages)
{
    PagingLimits limits = m_guard.limits();
    limits.maxPages = pages;
    m_guard.setLimits(limits);
}

void ListSessionsWalker::start()
{
    m_request.nextToken = m_startToken;
    m_guard.begin(m_startToken);
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
        const qsizetype kept = m_guard.accept(page->sessions.size(), page->nextToken);
        // Ask for the next page first, so that whoever consumes this one works while it travels.
        if (m_guard.more()) {
            m_request.nextToken = page->nextToken;
            fetch();
        }
        Q_EMIT pageReceived(kept < page->sessions.size() ? page->sessions.first(kept) : page->sessions, m_guard.pages());
        if (m_finished) // cancelled from the slot (which also cancelled the next request)
            return;
        if (!m_guard.more())
            finish(m_guard.stop());
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
