#pragma once

#include "athena/athenaclient.h"
#include "aws/clock.h"
#include "sessions/calculationmodels.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

// What runs inside the selected session, kept current for the views that show it: its calculations
// (with the selected one's details and code), its executors and the DPUs they use over time, and
// the actions on them (run code, stop a calculation, fetch the Spark Connect endpoint).
//
// It polls only what is watched (setWatched: the tabs on screen), only while something can change:
// quickly while a calculation is unfinished or the session is changing, slowly while it is IDLE,
// once more after it has ended and then never; errors back off exponentially up to maxBackoffMs and
// recover on the next success. One request per kind at a time; a new session drops what was in
// flight for the old one.
class SessionInside final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionInside)

public:
    enum Part { Calculations = 0x1, Executors = 0x2 };
    Q_DECLARE_FLAGS(Parts, Part)

    struct Intervals
    {
        int activeMs = 2000;   // a calculation unfinished, or the session changing
        int steadyMs = 15000;  // IDLE with nothing running: only new work from elsewhere can appear
        int maxBackoffMs = 60000;
    };

    explicit SessionInside(const aws::Clock *clock = aws::SystemClock::instance(), QObject *parent = nullptr);
    ~SessionInside() override;

    void setClient(athena::AthenaClient *client);
    void setIntervals(const Intervals &intervals) { m_intervals = intervals; }
    const Intervals &intervals() const { return m_intervals; }

    // The session shown; a different ID clears everything. The state decides how often to poll.
    void setSession(const QString &sessionId, std::optional<athena::SessionState> state);
    QString sessionId() const { return m_sessionId; }
    std::optional<athena::SessionState> sessionState() const { return m_state; }
    void setWatched(Parts parts);
    Parts watched() const { return m_watched; }
    void pause();
    void resume();

    CalculationListModel *calculations() { return &m_calculations; }
    ExecutorListModel *executors() { return &m_executors; }
    const DpuHistory &dpuHistory() const { return m_history; }

    // The calculation whose details and code are wanted; followed until it is final.
    void selectCalculation(const QString &calculationId);
    QString selectedCalculation() const { return m_selected; }
    std::optional<athena::CalculationExecution> selectedDetails() const { return m_selectedDetails; }
    QString selectedCode() const { return m_selectedCode; }

    // Code may run on an IDLE or BUSY session (queued behind what runs); why not, or empty.
    QString whyCannotRun() const;
    void runCode(const QString &code, const QString &description);
    void stopCalculation(const QString &calculationId);
    void fetchEndpoint();

    // The delay before the next poll after `errors` failures in a row; -1: do not poll again.
    int nextDelayMs(int errors) const;
    bool isPolling() const { return m_timer.isActive(); }

Q_SIGNALS:
    void calculationsRefreshed();
    void executorsRefreshed();
    void selectedChanged(); // details or code of the selected calculation arrived
    void submitted(const QString &calculationId);
    void submitFailed(const aws::AwsError &error);
    void stopDone(const QString &calculationId, const QString &stateText);
    void stopFailed(const QString &calculationId, const aws::AwsError &error);
    void endpointReady(const athena::SessionEndpoint &endpoint);
    void endpointFailed(const aws::AwsError &error);
    void pollFailed(const aws::AwsError &error, int consecutiveErrors);
    void workSubmitted(); // the session's state is about to change: a good moment to poll it

private:
    void poll();
    void schedule();
    void pollDone(bool ok, const aws::AwsError &error);
    void fetchSelected();
    void fetchStatistics();
    bool canChange() const;

    QPointer<athena::AthenaClient> m_client;
    const aws::Clock *m_clock;
    Intervals m_intervals;
    QString m_sessionId;
    std::optional<athena::SessionState> m_state;
    Parts m_watched;
    bool m_paused = false;
    bool m_endedFetched = false; // an ended session is fetched once more, then left alone
    int m_inFlight = 0;
    bool m_pollSoon = false; // a part came on screen while a poll was in flight
    int m_errors = 0;
    std::optional<aws::AwsError> m_pollError;
    QTimer m_timer;
    QObject *m_context = nullptr; // owns the callbacks for the current session; replaced on a switch

    CalculationListModel m_calculations;
    ExecutorListModel m_executors;
    DpuHistory m_history;
    QString m_selected;
    std::optional<athena::CalculationExecution> m_selectedDetails;
    QString m_selectedCode;
    bool m_selectedInFlight = false;
    QSet<QString> m_statisticsInFlight; // GetCalculationExecution for a row's DPU-hours
    QSet<QString> m_finalStatistics;    // rows whose final statistics are in
};

Q_DECLARE_OPERATORS_FOR_FLAGS(SessionInside::Parts)
