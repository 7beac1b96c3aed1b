#pragma once

#include "athena/athenaclient.h"
#include "sessions/statefilter.h"

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
class SessionListLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionListLoader)

public:
    explicit SessionListLoader(QObject *parent = nullptr);
    ~SessionListLoader() override;

    void setClient(athena::AthenaClient *client);
    void setScope(const QStringList &workGroups, const StateFilter &filter);
    QStringList workGroups() const { return m_workGroups; }
    StateFilter filter() const { return m_filter; }

    // Starts a pass now unless one is running; returns whether it started.
    bool refresh();
    void cancel();
    bool isRunning() const { return !m_walkers.isEmpty() || !m_queue.isEmpty(); }
    quint64 generation() const { return m_generation; }

    void setAutoRefreshInterval(int ms); // 0: off
    int autoRefreshInterval() const { return m_autoRefresh.isActive() ? m_autoRefresh.interval() : 0; }
    void setPageSize(int size) { m_pageSize = size; }
    void setConcurrency(int walkers) { m_concurrency = std::max(1, walkers); }
    void setMaxSessions(int sessions) { m_maxSessions = std::max(1, sessions); }
    int maxSessions() const { return m_maxSessions; }

    // Wires pages and passes to a model (the usual use).
    void attach(SessionTableModel *model);

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
    };
    void startNextJobs();
    void newGeneration();
    void onPage(quint64 generation, const QString &workGroup, const QList<athena::SessionSummary> &sessions);

    QPointer<athena::AthenaClient> m_client;
    QStringList m_workGroups;
    StateFilter m_filter;
    quint64 m_generation = 1;
    QList<Job> m_queue;
    QList<athena::ListSessionsWalker *> m_walkers;
    bool m_passComplete = true;
    int m_pages = 0;
    int m_sessions = 0;
    int m_pageSize = 100;
    int m_concurrency = 4;
    int m_maxSessions = athena::kListSessionsPaging.maxItems;
    bool m_modelFullReported = false;
    QTimer m_autoRefresh;
};
