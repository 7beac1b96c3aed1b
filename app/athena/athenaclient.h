#pragma once

#include "athena/athenatypes.h"
#include "athena/calculationtypes.h"
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
    QString stateText; // for SessionState::Unknown: as the service sent it
};

// ---- Paging bounds ----
//
// How far one paginated listing may go, so that a hostile or broken service cannot make a listing
// run or grow forever: a new NextToken on every page, a NextToken it already sent, a page far
// larger than asked for. Every pager here (ListSessionsWalker, listAllWorkGroups,
// listAllEngineVersions) runs each page through a PageGuard with these limits and stops at them
// with an error that names the operation and says how much was listed; what was listed before
// the stop is kept (ListSessionsWalker has already handed it on). The response body is bounded
// separately, by TransportConfig::maxResponseBytes (64 MiB counted as received).
struct PagingLimits
{
    int apiPageItems = 0;   // the API's maximum per page: MaxResults' max in the service model
    int maxPageItems = 0;   // a page holding more is refused before its items are decoded (by the
                            // single-page calls, always with the k…Paging values below)
    int maxPages = 0;       // pages per listing
    int maxItems = 0;       // items kept per listing
    int maxTokenLength = 0; // the API's longest NextToken
};

// From botocore's athena/2017-05-18/service-2.json: MaxSessionsCount, MaxWorkGroupsCount and
// MaxEngineVersionsCount (1–100, 1–50, 1–10), SessionManagerToken ≤ 2048, Token ≤ 1024.
// A page may hold up to 10× the API's maximum: a page holding more than MaxResults asked for
// is logged as a warning and kept (moto, and so LocalStack, answer ListWorkGroups with every
// workgroup in one page), a page beyond 10× is refused.
// Sessions: 200,000 rows is far beyond a real account (sessions run for minutes to hours and
// Athena keeps ended ones for weeks; a session a minute for 45 days is 65,000) and still a
// bounded model (about 0.3 KB a row); 10,000 pages leaves room for services that send short or
// empty pages with a NextToken (20 rows a page still reach the row cap).
inline constexpr PagingLimits kListSessionsPaging{100, 1'000, 10'000, 200'000, 2048};
// Workgroups: the default quota is 1,000 per account and region; 10,000 is ten times that, and
// 200 pages of 50 reach it. The whole list is kept in memory and shown in a picker.
inline constexpr PagingLimits kListWorkGroupsPaging{50, 500, 200, 10'000, 1024};
// Engine versions: Athena has a handful; 20 pages of 10 is ten times more than there ever were.
inline constexpr PagingLimits kListEngineVersionsPaging{10, 100, 20, 200, 1024};
// Calculations and executors of one session (MaxCalculationsCount, MaxListExecutorsCount: 1–100;
// SessionManagerToken ≤ 2048). A notebook session runs a calculation per cell run: 10,000 is
// weeks of busy use; executors come and go with the load, and a day of scaling stays far below it.
inline constexpr PagingLimits kListCalculationsPaging{100, 1'000, 200, 10'000, 2048};
inline constexpr PagingLimits kListExecutorsPaging{100, 1'000, 200, 10'000, 2048};

// One listing's progress against its PagingLimits. Feed it every page; it says whether to ask
// for the next one. Seen tokens are kept as SHA-256 digests (32 bytes each, whatever the length).
class PageGuard
{
public:
    PageGuard(QString operation, QString itemsName, const PagingLimits &limits);

    const PagingLimits &limits() const { return m_limits; }
    void setLimits(const PagingLimits &limits) { m_limits = limits; }
    // Forgets every page; `startToken` (the NextToken of the first request, if any) counts as seen.
    void begin(const QString &startToken);
    // Records a page of `items` items ending with `nextToken` and returns how many of the items
    // the listing keeps: all of them, or fewer at the row cap. Afterwards more() says whether to
    // ask for `nextToken`; otherwise the listing is over, with stop() set if it ended early.
    qsizetype accept(qsizetype items, const QString &nextToken);
    bool more() const { return m_more; }
    const std::optional<aws::AwsError> &stop() const { return m_stop; }
    // The NextToken a listing stopped at by a cap would continue from; empty otherwise.
    const QString &resumeToken() const { return m_resumeToken; }
    int pages() const { return m_pages; }
    qsizetype items() const { return m_items; }

    // A PageTooLarge error when `items` exceeds limits.maxPageItems (for the caller to refuse the
    // page before decoding it); logs a warning when it exceeds what the request asked for.
    static std::optional<aws::AwsError> checkPageSize(const QString &operation, const QString &itemsName,
                                                       const PagingLimits &limits, qsizetype items,
                                                       std::optional<int> maxResults);

private:
    void stopWith(const QString &code, const QString &message);

    QString m_operation;
    QString m_itemsName;
    PagingLimits m_limits;
    QSet<QByteArray> m_seenTokens;
    int m_pages = 0;
    qsizetype m_items = 0;
    bool m_more = false;
    std::optional<aws::AwsError> m_stop;
    QString m_resumeToken;
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

    // Inside a session (calculationclient.cpp). startCalculation fills ClientRequestToken as
    // startSession does, so a retried call cannot start the code twice.
    PendingCall startCalculation(StartCalculationRequest request, QObject *context, Callback<StartCalculationResult> done);
    PendingCall getCalculation(const QString &calculationId, QObject *context, Callback<CalculationExecution> done);
    PendingCall getCalculationStatus(const QString &calculationId, QObject *context, Callback<CalculationStatusResult> done);
    PendingCall getCalculationCode(const QString &calculationId, QObject *context, Callback<QString> done);
    PendingCall stopCalculation(const QString &calculationId, QObject *context, Callback<StopCalculationResult> done);
    PendingCall listCalculations(const ListCalculationsRequest &request, QObject *context, Callback<ListCalculationsPage> done);
    PendingCall listExecutors(const ListExecutorsRequest &request, QObject *context, Callback<ListExecutorsPage> done);
    // The Spark Connect endpoint; its AuthToken is a secret (see SessionEndpoint).
    PendingCall getSessionEndpoint(const QString &sessionId, QObject *context, Callback<SessionEndpoint> done);
    // Every page from the request's NextToken (newest first, as the service lists), within `limits`.
    void listAllCalculations(ListCalculationsRequest request, QObject *context,
                             const Callback<QList<CalculationSummary>> &done,
                             const PagingLimits &limits = kListCalculationsPaging);
    void listAllExecutors(ListExecutorsRequest request, QObject *context, const Callback<QList<ExecutorSummary>> &done,
                          const PagingLimits &limits = kListExecutorsPaging);

    // Every workgroup or engine version, all pages, within `limits` (an error at a limit; what
    // was listed before it is not handed on: a partial workgroup list would look complete).
    void listAllWorkGroups(QObject *context, const Callback<QList<WorkGroupSummary>> &done,
                           const PagingLimits &limits = kListWorkGroupsPaging);
    // From `startToken` (a NextToken of an earlier listing) to the end, or from the start.
    void listAllEngineVersions(QObject *context, const Callback<QList<EngineVersion>> &done,
                               const PagingLimits &limits = kListEngineVersionsPaging, const QString &startToken = {});

    static QString newClientRequestToken();

private:
    template <typename T>
    PendingCall invoke(const QString &operation, const QJsonObject &body, const QList<struct ValidationIssue> &issues,
                       QObject *context, Callback<T> done, std::function<aws::Result<T>(const QJsonObject &)> decode);

    aws::AwsJsonTransport *m_transport;
};

// Walks ListSessions page after page from the request's NextToken (none: the first page), handing
// each page on as it arrives. Stops at the last page, on an error, on cancel(), or at a bound of
// its PagingLimits (kListSessionsPaging unless set): pages, rows (the page that crosses the row
// cap is handed on cut to fit), a repeated or overlong NextToken, an oversized page.
class ListSessionsWalker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListSessionsWalker)

public:
    ListSessionsWalker(AthenaClient *client, ListSessionsRequest request, QObject *parent = nullptr);

    void setLimits(const PagingLimits &limits) { m_guard.setLimits(limits); }
    void setMaxPages(int pages);
    const PagingLimits &limits() const { return m_guard.limits(); }
    void start();
    void cancel();

    bool isFinished() const { return m_finished; }
    bool isCancelled() const { return m_cancelled; }
    int pages() const { return m_guard.pages(); }
    int sessionCount() const { return static_cast<int>(m_guard.items()); }
    // Set once finished() was emitted with a failure (cancel included).
    const std::optional<aws::AwsError> &error() const { return m_error; }
    // After a stop at the page or row cap: the NextToken that continues the listing.
    QString resumeToken() const { return m_guard.resumeToken(); }
    // After a failure: the NextToken of the request that failed (empty for the first page without
    // one), to go on from once the cause (throttling) has passed.
    QString nextToken() const { return m_request.nextToken; }

Q_SIGNALS:
    void pageReceived(const QList<athena::SessionSummary> &sessions, int pageNumber);
    void finished();

private:
    void fetch();
    void finish(std::optional<aws::AwsError> error);

    AthenaClient *m_client;
    ListSessionsRequest m_request;
    QString m_startToken;
    PendingCall m_current;
    PageGuard m_guard;
    bool m_finished = false;
    bool m_cancelled = false;
    std::optional<aws::AwsError> m_error;
};

} // namespace athena
