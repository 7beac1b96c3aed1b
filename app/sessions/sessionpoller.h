#pragma once

#include "athena/athenaclient.h"
#include "aws/clock.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

class SessionTableModel;

// Polls GetSession for the sessions it is asked to watch: about every second while a session is
// changing by itself (CREATING, CREATED, TERMINATING), more slowly while IDLE or BUSY, never once
// it has ended (TERMINATED, FAILED, DEGRADED). Errors back off exponentially and recover on the
// next success. One request per session at a time; pause() stops everything until resume().
// Sessions watched only because their rows are in view are polled at the slower inViewMs and at
// most maxInViewInFlight at a time (the rest wait their turn), so a screenful of rows costs a
// steady trickle of requests, never a burst.
class SessionPoller final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionPoller)

public:
    // Why a session is watched; it is polled while any reason holds.
    enum Reason { Selected = 0x1, Started = 0x2, Pinned = 0x4, InView = 0x8 };

    struct Intervals
    {
        int transitionalMs = 1000;
        int steadyMs = 5000;
        int maxBackoffMs = 60000;
        int inViewMs = 30000;       // IDLE/BUSY rows in view (and transitional ones at 5× transitionalMs)
        int maxInViewInFlight = 4;
    };

    explicit SessionPoller(const aws::Clock *clock = aws::SystemClock::instance(), QObject *parent = nullptr);
    ~SessionPoller() override;

    void setClient(athena::AthenaClient *client);
    void setIntervals(const Intervals &intervals) { m_intervals = intervals; }
    const Intervals &intervals() const { return m_intervals; }

    // A Started watch ends by itself once the session settles (IDLE, BUSY or ended).
    void watch(const QString &sessionId, Reason reason);
    void unwatch(const QString &sessionId, Reason reason);
    void unwatchAll(Reason reason);
    bool isWatching(const QString &sessionId) const { return m_watches.contains(sessionId); }
    QStringList watched() const { return m_watches.keys(); }
    void pollNow(const QString &sessionId);

    void pause();
    void resume();
    bool isPaused() const { return m_paused; }

    // The delay before the next poll of a session in `state` after `errors` failures in a row;
    // -1: do not poll again. `inViewOnly`: watched only because its row is in view.
    int nextDelayMs(std::optional<athena::SessionState> state, int errors, bool inViewOnly = false) const;
    int inViewInFlight() const { return m_inViewInFlight; }

    // Feeds every result into the model as well.
    void attach(SessionTableModel *model);

Q_SIGNALS:
    void detailsUpdated(const athena::SessionDetails &details);
    void stateChanged(const QString &sessionId, std::optional<athena::SessionState> from, athena::SessionState to,
                      const QDateTime &at);
    void pollFailed(const QString &sessionId, const aws::AwsError &error, int consecutiveErrors);
    void watchEnded(const QString &sessionId);

private:
    struct Watch
    {
        int reasons = 0;
        QTimer *timer = nullptr;
        int errors = 0;
        std::optional<athena::SessionState> state;
        athena::PendingCall call;
        bool inFlight = false;
        bool countedInView = false; // counted in m_inViewInFlight while in flight
        bool inViewOnly() const { return reasons == InView; }
    };
    void poll(const QString &sessionId);
    void schedule(const QString &sessionId);
    void drop(const QString &sessionId);
    void finished(Watch &w);
    void startWaiting();

    QPointer<athena::AthenaClient> m_client;
    QPointer<SessionTableModel> m_model;
    Intervals m_intervals;
    const aws::Clock *m_clock;
    QHash<QString, Watch> m_watches;
    bool m_paused = false;
    int m_inViewInFlight = 0;
    QList<QString> m_waiting; // in-view polls due while the cap was reached, oldest first
};
