#pragma once

#include "athena/calculationtypes.h"
#include "aws/clock.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>

// The rows of a session's inside, for views: its calculations (newest first, as the service lists
// them) and its executors, each merged by ID so that a refresh changes only what changed, and the
// DPUs in use over the time they were watched.

class CalculationListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CalculationListModel)

public:
    enum Column { StateColumn, DescriptionColumn, SubmittedColumn, DurationColumn, DpuHoursColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, StateRole, FinalRole };

    explicit CalculationListModel(const aws::Clock *clock = aws::SystemClock::instance(), QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A whole listing (newest first): rows it no longer has go, new ones come in its order.
    void setCalculations(const QList<athena::CalculationSummary> &calculations);
    // One calculation's GetCalculationExecution (or a new one just started): updated or inserted first.
    void update(const athena::CalculationExecution &calculation);
    void clear();

    int rowOf(const QString &calculationId) const;
    QString idAt(int row) const;
    const athena::CalculationSummary *find(const QString &calculationId) const;
    std::optional<athena::CalculationStatistics> statistics(const QString &calculationId) const;
    // Some calculation is not final yet (so the list can still change by itself).
    bool anyUnfinished() const;
    // Running rows' durations move with the clock: tell the views.
    void tick();

private:
    struct Row
    {
        athena::CalculationSummary summary;
        std::optional<athena::CalculationStatistics> statistics;
    };
    void reindex();
    QVariant display(const Row &row, int column) const;

    const aws::Clock *m_clock;
    QList<Row> m_rows;
    QHash<QString, int> m_index;
};

class ExecutorListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExecutorListModel)

public:
    enum Column { TypeColumn, StateColumn, SizeColumn, SinceColumn, IdColumn, ColumnCount };
    enum Role { FinalRole = Qt::UserRole + 1 };

    explicit ExecutorListModel(const aws::Clock *clock = aws::SystemClock::instance(), QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A whole listing: live executors first (newest first), then ended ones (last ended first).
    void setExecutors(const QList<athena::ExecutorSummary> &executors);
    void clear();
    const QList<athena::ExecutorSummary> &executors() const { return m_rows; }
    // DPUs of the executors not ended (an executor without a size counts as 1 DPU).
    qint64 dpusInUse() const;
    int liveCount() const;

private:
    const aws::Clock *m_clock;
    QList<athena::ExecutorSummary> m_rows;
};

// DPUs in use over time, one point per observation; consecutive equal values are merged into one
// step, and at most maxPoints are kept (the oldest go), so a window open for weeks stays small.
class DpuHistory
{
public:
    struct Point
    {
        QDateTime at;
        qint64 dpus = 0;
    };
    static constexpr int maxPoints = 4096;

    void add(const QDateTime &at, qint64 dpus);
    void clear() { m_points.clear(); }
    const QList<Point> &points() const { return m_points; }
    qint64 peak() const;

private:
    QList<Point> m_points;
};
