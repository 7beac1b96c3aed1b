#pragma once

#include "athena/athenaclient.h" // kListSessionsPaging
#include "athena/athenatypes.h"
#include "aws/clock.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

#include <memory>
#include <optional>

// One row per session, merged by SessionId: pages from ListSessions insert new rows in one batch
// and update known ones with dataChanged for just the columns that changed; a page never takes a
// row back to an older LastModifiedDateTime (a session seen by two chains of one pass, before and
// after a state change, keeps its newest state). Rows that vanished are removed only when
// passesBeforeRemoval() consecutive complete listing passes did not see them (or when their owner
// confirms they are gone: removeSession()). GetSession details (from the poller) refine a row.
// No widgets: the view maps states to icons and colours.
class SessionTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionTableModel)

public:
    enum Column {
        StateColumn,
        SessionIdColumn,
        DescriptionColumn,
        WorkGroupColumn,
        EngineVersionColumn,
        StartedColumn,
        IdleForColumn,   // IDLE: for how long; BUSY: "busy N min"
        TimeLeftColumn,  // IDLE: until the idle timeout ends it (once its timeout is known)
        LastModifiedColumn,
        EndedColumn,
        NotebookVersionColumn,
        DpuHoursColumn,  // from GetSession's statistics, once fetched
        CostColumn,      // DPU-hours × the price per DPU-hour
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // raw values: times as ms since the epoch, numbers as numbers
        StateRole,                   // athena::SessionState as int, -1 when unknown
        SessionIdRole,
        WorkGroupRole,
        StateChangeReasonRole,
        IdleSinceRole,               // QDateTime
        HasDetailsRole,
        UrgentRole,                  // bool: TimeLeftColumn is close to the end (a warning colour)
        DpuHoursRole,                // double, or null while unknown
    };
    // An IDLE session this close to its idle timeout is shown as urgent.
    static constexpr qint64 urgentSeconds = 5 * 60;

    explicit SessionTableModel(const aws::Clock *clock = aws::SystemClock::instance(), QObject *parent = nullptr);
    ~SessionTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // A listing pass: begin, merge its pages, end. Pages of another generation are ignored.
    void beginPass(quint64 generation);
    // Returns how many new sessions were not inserted because the model holds maxRows() rows
    // (known rows are still updated; a complete pass frees the rows it did not see).
    int mergePage(quint64 generation, const QString &workGroup, const QList<athena::SessionSummary> &sessions);
    // With complete, rows missed by passesBeforeRemoval() consecutive complete passes are removed;
    // returns the IDs of the rows this pass missed that stay for now (for the caller to confirm:
    // markSeen() or removeSession()). An incomplete pass removes nothing and returns nothing.
    QStringList endPass(quint64 generation, bool complete);
    // 1 (the default): a row one complete pass did not see goes at once.
    void setPassesBeforeRemoval(int passes) { m_passesBeforeRemoval = std::max(1, passes); }
    int passesBeforeRemoval() const { return m_passesBeforeRemoval; }
    // A row missed by a pass that is known to be there after all: its count of misses restarts.
    void markSeen(const QString &sessionId);
    // Removes the row of a session that is gone or left the listing's scope; false if none.
    bool removeSession(const QString &sessionId);
    // Everything goes (a new workgroup, filter or connection).
    void clear();
    // The most rows listing passes may fill the model with (upsertDetails() is not bounded: it
    // adds one session the user started or selected).
    void setMaxRows(int rows) { m_maxRows = std::max(1, rows); }
    int maxRows() const { return m_maxRows; }

    // Details from GetSession; inserts the row if it is not there yet (a session just started).
    void upsertDetails(const athena::SessionDetails &details);
    // Details for a row the model has; nothing when it has none.
    void updateDetails(const athena::SessionDetails &details);

    int rowOf(const QString &sessionId) const { return m_index.value(sessionId, -1); }
    QString sessionIdAt(int row) const;
    athena::SessionSummary summaryAt(int row) const;
    std::optional<athena::SessionDetails> detailsOf(const QString &sessionId) const;
    QString workGroupOf(const QString &sessionId) const;

    // Re-reads the live "Idle for" and "Ends in" columns (dataChanged for them only, where changed).
    void tick();
    static QString formatDuration(qint64 seconds);
    // What a column holds, in a sentence (header tooltip, accessible description).
    static QString columnDescription(int column);
    static QString formatUsd(double amount); // "$21.00" with the locale's digits and separators

    // The price of a DPU-hour for the Cost column.
    void setDpuHourPrice(double usd);
    double dpuHourPrice() const { return m_price; }

    // DPU-hours over some rows: the sum of the known ones, and how many are known.
    struct Totals
    {
        double dpuHours = 0;
        int known = 0;
        int rows = 0;
    };
    Totals totals(const QList<int> &rows) const;

Q_SIGNALS:
    // Every state change the model observes, from a listing or a poll.
    void sessionStateChanged(const QString &sessionId, const QString &workGroup, std::optional<athena::SessionState> from,
                             athena::SessionState to, const QDateTime &at);

public:
    // A row's data. Public only so that QList may move rows with memcpy (Q_RELOCATABLE_TYPE below):
    // every member is a Qt value type or an optional of them, none points into itself. A list of
    // 100,000 rows then grows by realloc instead of moving each row, which was one of the longest
    // event-loop stalls of a large load.
    struct Row
    {
        athena::SessionSummary summary;
        QString workGroup;
        // GetSession's answer, once one came (for the rows in view or selected): shared and on
        // the heap, so that the many rows without one cost a pointer, not a SessionDetails.
        std::shared_ptr<const athena::SessionDetails> details;
        QString idleText;          // what IdleForColumn shows
        QString timeLeftText;      // what TimeLeftColumn shows
        bool urgent = false;
        qint64 idleTextUntil = 0;  // ms since the epoch at which either text may change; 0: never
        quint64 seenInPass = 0;    // the last listing pass that saw the row
        int missedPasses = 0;      // consecutive complete passes that did not see it
    };

private:

    QVariant display(const Row &row, int column) const;
    QVariant sortValue(const Row &row, int column) const;
    static std::optional<qint64> idleTimeoutSeconds(const Row &row);
    void refreshIdleText(Row &row, qint64 nowMs) const;
    // Applies `next` to the row, emits dataChanged for the changed columns, reports state changes.
    void updateRow(int rowIndex, const athena::SessionSummary &next, const QString &workGroup,
                   const std::shared_ptr<const athena::SessionDetails> &details);
    void rebuildIndex();

    const aws::Clock *m_clock;
    QList<Row> m_rows;
    QHash<QString, int> m_index;
    quint64 m_generation = 0;
    bool m_passOpen = false;
    quint64 m_pass = 0; // counts passes; rows remember the last one that saw them
    int m_maxRows = athena::kListSessionsPaging.maxItems;
    int m_passesBeforeRemoval = 1;
    double m_price = 0.35;
};

Q_DECLARE_TYPEINFO(SessionTableModel::Row, Q_RELOCATABLE_TYPE);
