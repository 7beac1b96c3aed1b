#pragma once

#include "athena/athenaclient.h"
#include "sessions/statefilter.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

class SessionTableModel;

// Walks ListSessions for the current scope (one or more workgroups, a state filter), page after
// page, and hands each page on as it arrives. Every pass carries a generation; changing the
// client or the scope starts a new generation, cancels the running pass and drops its late pages.
// Auto-refresh starts a pass on an interval, never while one runs. A pass keeps at most
// maxSessions() sessions in all (every workgroup and filter together; each walker also has its own
// athena::kListSessionsPaging bounds): the page that reaches it is cut to fit, the pass stops
// there, incomplete, and errorOccurred() says how many were listed. The pages before it stay.
//
// Chains: every page of a listing needs the previous page's NextToken, so what a pass costs is
// the longest chain of pages. With chainPerState() each workgroup's listing runs as one chain per
// state (StateFilter), "Active" as four (CREATING, CREATED, IDLE, BUSY), all at once within
// concurrency() chains in flight; the chains that were longest in the last pass go first. A
// session that changes state during a pass may be seen by two chains (the model keeps its newest
// state) or by none: attached to a model, rows a complete pass missed are not removed at once but
// confirmed with GetSession (kept, updated, or removed when gone or out of scope), at most
// maxConfirmations() a pass; the rest go when a second complete pass misses them too.
// Throttling: the transport retries with jittered backoff; a chain that still ends throttled
// halves the chains in flight for the rest of the pass and resumes from its NextToken after a
// jittered delay (at most maxResumes() times a chain).
class SessionListLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionListLoader)

public:
    // Qt opens at most 6 HTTP/1.1 connections to a host: more chains would only queue there.
    static constexpr int kDefaultConcurrency = 6;

    explicit SessionListLoader(QObject *parent = nullptr);
    ~SessionListLoader() override;

    void setClient(athena::AthenaClient *client);
    void setScope(const QStringList &workGroups, const StateFilter &filter);
    QStringList workGroups() const { return m_workGroups; }
    StateFilter filter() const { return m_filter; }

    // Starts a pass now unless one is running; returns whether it started.
    bool refresh();
    void cancel();
    bool isRunning() const;
    quint64 generation() const { return m_generation; }

    void setAutoRefreshInterval(int ms); // 0: off
    int autoRefreshInterval() const { return m_autoRefresh.isActive() ? m_autoRefresh.interval() : 0; }
    void setPageSize(int size) { m_pageSize = size; }
    void setConcurrency(int chains) { m_concurrency = std::max(1, chains); }
    int concurrency() const { return m_concurrency; }
    void setChainPerState(bool on) { m_chainPerState = on; }
    bool chainPerState() const { return m_chainPerState; }
    void setMaxSessions(int sessions) { m_maxSessions = std::max(1, sessions); }
    int maxSessions() const { return m_maxSessions; }
    void setMaxConfirmations(int sessions) { m_maxConfirmations = std::max(0, sessions); }
    int maxConfirmations() const { return m_maxConfirmations; }
    void setMaxResumes(int resumes) { m_maxResumes = std::max(0, resumes); }
    int maxResumes() const { return m_maxResumes; }
    // The base of the delay before a throttled chain resumes (× 2^resume, × random 0.5–1).
    void setResumeDelay(int ms) { m_resumeDelayMs = std::max(0, ms); }

    // The chains in flight now, and the most there were at once in this pass.
    int runningChains() const { return static_cast<int>(m_walkers.size()); }
    int peakChains() const { return m_peakChains; }
    // The chain filters one workgroup's listing of `filter` runs as.
    QList<std::optional<athena::SessionState>> chainFilters(const StateFilter &filter) const;

    // Wires pages and passes to a model (the usual use); the model then keeps rows a pass missed
    // until they are confirmed gone (see above).
    void attach(SessionTableModel *model);
    // Attached: pages reach the model at most once every mergeInterval() ms (0, the default: each
    // page at once). A page arriving sooner waits, and the waiting pages are merged together, in
    // their order, so that the view lays out and paints once for them rather than once a page. A
    // pass's pages are all merged before it ends (before passFinished()).
    void setMergeInterval(int ms) { m_mergeIntervalMs = std::max(0, ms); }
    int mergeInterval() const { return m_mergeIntervalMs; }

Q_SIGNALS:
    void scopeChanged(quint64 generation);
    void passStarted(quint64 generation);
    void pageReady(quint64 generation, const QString &workGroup, const QList<athena::SessionSummary> &sessions);
    void progress(quint64 generation, int pages, int sessions);
    // complete: every page of every workgroup and filter arrived.
    void passFinished(quint64 generation, bool complete);
    void errorOccurred(quint64 generation, const aws::AwsError &error);

private:
    struct Job
    {
        QString workGroup;
        std::optional<athena::SessionState> filter;
        QString nextToken; // resuming a throttled chain
        int resumes = 0;
        int pagesSoFar = 0;
    };
    struct PendingPage
    {
        quint64 generation = 0;
        QString workGroup;
        QList<athena::SessionSummary> sessions;
    };
    void queuePage(quint64 generation, const QString &workGroup, const QList<athena::SessionSummary> &sessions);
    void mergePending();
    static QString jobKey(const QString &workGroup, const std::optional<athena::SessionState> &filter);
    void startNextJobs();
    void newGeneration();
    void onPage(quint64 generation, const QString &workGroup, const QList<athena::SessionSummary> &sessions);
    void onWalkerFinished(athena::ListSessionsWalker *walker, const Job &job, quint64 generation);
    void maybeFinishPass(quint64 generation);
    void confirmMissed(quint64 generation, QStringList missed);
    void confirmNext(quint64 generation);
    bool inScope(athena::SessionState state) const;

    QPointer<athena::AthenaClient> m_client;
    QPointer<SessionTableModel> m_model;
    QStringList m_workGroups;
    StateFilter m_filter;
    quint64 m_generation = 1;
    QList<Job> m_queue;
    QList<athena::ListSessionsWalker *> m_walkers;
    QList<QTimer *> m_resumeTimers;
    QList<athena::PendingCall> m_confirmations;
    QStringList m_toConfirm;
    int m_confirmationsLeft = 0;
    QHash<QString, int> m_lastPages; // pages per chain in the last complete pass
    QHash<QString, int> m_passPages;
    bool m_passComplete = true;
    int m_pages = 0;
    int m_sessions = 0;
    int m_pageSize = 100;
    int m_concurrency = kDefaultConcurrency;
    int m_passConcurrency = kDefaultConcurrency; // lowered for the pass by throttling
    int m_peakChains = 0;
    bool m_chainPerState = false;
    int m_maxSessions = athena::kListSessionsPaging.maxItems;
    int m_maxConfirmations = 100;
    int m_maxResumes = 3;
    int m_resumeDelayMs = 1000;
    bool m_modelFullReported = false;
    QTimer m_autoRefresh;
    QList<PendingPage> m_pendingPages;
    QTimer m_mergeTimer;
    QElapsedTimer m_sinceMerge;
    int m_mergeIntervalMs = 0;
};
