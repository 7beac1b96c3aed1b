#pragma once

#include "athena/athenatypes.h"
#include "aws/clock.h"
#include "aws/result.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QTimer>

// Every state change the app observed (by listing or polling), with its time, kept in SQLite
// under the app's data location so the detail pane can show a session's timeline across
// restarts. Bounded: the oldest entries go beyond maxEntries. Writes are batched.
class StateHistory final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StateHistory)

public:
    struct Transition
    {
        QString sessionId;
        QString workGroup;
        std::optional<athena::SessionState> from;
        athena::SessionState to = athena::SessionState::Creating;
        QDateTime at;
        friend bool operator==(const Transition &, const Transition &) = default;
    };

    explicit StateHistory(const aws::Clock *clock = aws::SystemClock::instance(), QObject *parent = nullptr);
    ~StateHistory() override;

    // Default: <AppDataLocation>/state-history.sqlite.
    aws::Result<bool> open(const QString &path = {});
    static QString defaultPath();
    void setMaxEntries(int n) { m_maxEntries = n; }

    void record(const QString &sessionId, const QString &workGroup, std::optional<athena::SessionState> from,
                athena::SessionState to, const QDateTime &at);
    // Oldest first; pending entries included.
    QList<Transition> timeline(const QString &sessionId);
    int size();
    // Writes the pending transitions in one transaction; on failure nothing is written and they
    // stay pending (at most maxPending, oldest dropped first) for the next try.
    aws::Result<int> flush();
    static constexpr int maxPending = 10000;

Q_SIGNALS:
    void recorded(const QString &sessionId);

private:
    void flushLogged();

    const aws::Clock *m_clock;
    QString m_connection;
    QList<Transition> m_pending;
    QTimer m_flushTimer;
    int m_maxEntries = 50000;
    bool m_open = false;
};
