#pragma once

#include "athena/athenatypes.h"
#include "aws/awsjsontransport.h"
#include "aws/result.h"

#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

namespace athena {

template <typename T>
using Callback = std::function<void(const aws::Result<T> &)>;

// A handle to an operation in flight; cancel() ends it with a Cancelled error.
class PendingCall
{
public:
    PendingCall() = default;
    explicit PendingCall(aws::AwsCall *call) : m_call(call) {}
    void cancel();
    bool isRunning() const { return m_call && !m_call->isFinished(); }

private:
    QPointer<aws::AwsCall> m_call;
};

struct TerminateSessionResult
{
    std::optional<SessionState> state;
};

// The typed Athena API. Every operation validates its request locally first (a Validation error,
// nothing sent), then calls back exactly once on `context`'s thread with a typed value or an
// error; never after `context` is destroyed.
class AthenaClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AthenaClient)

public:
    explicit AthenaClient(aws::AwsJsonTransport *transport, QObject *parent = nullptr);

    aws::AwsJsonTransport *transport() const { return m_transport; }

    // Fills ClientRequestToken with a new UUID when empty; the same body (and so the same
    // token) is sent on every retry of this call. The result names the token used.
    PendingCall startSession(StartSessionRequest request, QObject *context, Callback<StartSessionResult> done);
    PendingCall getSession(const QString &sessionId, QObject *context, Callback<SessionDetails> done);
    PendingCall getSessionStatus(const QString &sessionId, QObject *context, Callback<SessionStatusResult> done);
    PendingCall listSessions(const ListSessionsRequest &request, QObject *context, Callback<ListSessionsPage> done);
    PendingCall terminateSession(const QString &sessionId, QObject *context, Callback<TerminateSessionResult> done);
    PendingCall listWorkGroups(std::optional<int> maxResults, const QString &nextToken, QObject *context,
                               Callback<ListWorkGroupsPage> done);
    PendingCall getWorkGroup(const QString &name, QObject *context, Callback<WorkGroup> done);
    PendingCall listEngineVersions(std::optional<int> maxResults, const QString &nextToken, QObject *context,
                                   Callback<ListEngineVersionsPage> done);
    PendingCall createWorkGroup(const CreateWorkGroupRequest &request, QObject *context, Callback<bool> done);

    // Every workgroup, all pages.
    void listAllWorkGroups(QObject *context, const Callback<QList<WorkGroupSummary>> &done);

    static QString newClientRequestToken();

private:
    template <typename T>
    PendingCall invoke(const QString &operation, const QJsonObject &body, const QList<struct ValidationIssue> &issues,
                       QObject *context, Callback<T> done, std::function<aws::Result<T>(const QJsonObject &)> decode);

    aws::AwsJsonTransport *m_transport;
};

// Walks ListSessions page after page, handing each page on as it arrives. Stops at the last
// page, on an error, on cancel(), after maxPages, or when the service repeats a NextToken.
class ListSessionsWalker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListSessionsWalker)

public:
    ListSessionsWalker(AthenaClient *client, ListSessionsRequest request, QObject *parent = nullptr);

    void setMaxPages(int pages) { m_maxPages = pages; }
    void start();
    void cancel();

    bool isFinished() const { return m_finished; }
    bool isCancelled() const { return m_cancelled; }
    int pages() const { return m_pages; }
    int sessionCount() const { return m_sessions; }
    // Set once finished() was emitted with a failure (cancel included).
    const std::optional<aws::AwsError> &error() const { return m_error; }

Q_SIGNALS:
    void pageReceived(const QList<athena::SessionSummary> &sessions, int pageNumber);
    void finished();

private:
    void fetch();
    void finish(std::optional<aws::AwsError> error);

    AthenaClient *m_client;
    ListSessionsRequest m_request;
    PendingCall m_current;
    QSet<QString> m_seenTokens;
    int m_maxPages = 100000;
    int m_pages = 0;
    int m_sessions = 0;
    bool m_finished = false;
    bool m_cancelled = false;
    std::optional<aws::AwsError> m_error;
};

} // namespace athena
