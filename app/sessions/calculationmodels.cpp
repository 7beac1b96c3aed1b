#include "sessions/calculationmodels.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace athena;

namespace {

QString durationText(qint64 ms)
{
    if (ms < 0)
        return {};
    const qint64 s = ms / 1000;
    if (s < 60)
        return QCoreApplication::translate("CalculationListModel", "%1 s").arg(s);
    if (s < 3600)
        return QCoreApplication::translate("CalculationListModel", "%1 min %2 s").arg(s / 60).arg(s % 60);
    return QCoreApplication::translate("CalculationListModel", "%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

QString timeText(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString();
}

// Today's times without the date (the column stays narrow); other days with it.
QString submittedText(const QDateTime &t, const QDateTime &now)
{
    if (!t.isValid())
        return {};
    const QDateTime local = t.toLocalTime();
    if (local.date() == now.toLocalTime().date())
        return QLocale().toString(local.time(), QLocale::ShortFormat);
    return QLocale().toString(local, QLocale::ShortFormat);
}

} // namespace

// ---- CalculationListModel ----

CalculationListModel::CalculationListModel(const aws::Clock *clock, QObject *parent) : QAbstractTableModel(parent), m_clock(clock)
{
}

int CalculationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CalculationListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CalculationListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StateColumn: return tr("State");
    case DescriptionColumn: return tr("Description");
    case SubmittedColumn: return tr("Submitted");
    case DurationColumn: return tr("Duration");
    case DpuHoursColumn: return tr("DPU-hours");
    default: return {};
    }
}

QVariant CalculationListModel::display(const Row &row, int column) const
{
    const CalculationStatus &status = row.summary.status;
    switch (column) {
    case StateColumn: return status.stateLabel();
    case DescriptionColumn: return row.summary.description.isEmpty() ? row.summary.calculationExecutionId : row.summary.description;
    case SubmittedColumn: return submittedText(status.submissionDateTime, m_clock->nowUtc());
    case DurationColumn: {
        if (!status.submissionDateTime.isValid())
            return QString();
        const QDateTime end = status.completionDateTime.isValid() ? status.completionDateTime
                              : status.isFinal()                 ? status.submissionDateTime
                                                                 : m_clock->nowUtc();
        return durationText(status.submissionDateTime.msecsTo(end));
    }
    case DpuHoursColumn:
        return row.statistics && row.statistics->dpuExecutionInMillis ? QLocale().toString(row.statistics->dpuHours(), 'f', 3)
                                                                      : QString();
    default: return {};
    }
}

QVariant CalculationListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return display(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == StateColumn && !row.summary.status.stateChangeReason.isEmpty())
            return row.summary.status.stateChangeReason;
        if (index.column() == SubmittedColumn)
            return timeText(row.summary.status.submissionDateTime);
        return index.column() == DescriptionColumn ? row.summary.calculationExecutionId : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == DpuHoursColumn || index.column() == DurationColumn
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case IdRole: return row.summary.calculationExecutionId;
    case StateRole: return row.summary.status.state ? static_cast<int>(*row.summary.status.state) : -1;
    case FinalRole: return row.summary.status.isFinal();
    default: return {};
    }
}

void CalculationListModel::reindex()
{
    m_index.clear();
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(m_rows.at(i).summary.calculationExecutionId, i);
}

void CalculationListModel::setCalculations(const QList<CalculationSummary> &calculations)
{
    QHash<QString, int> wanted;
    for (int i = 0; i < calculations.size(); ++i)
        wanted.insert(calculations.at(i).calculationExecutionId, i);
    // Rows the listing no longer has go (from the bottom, so indexes stay valid).
    // The index is rebuilt before each signal's end: views react to them synchronously (a removed
    // current row moves the selection) and look rows up by ID.
    for (int i = static_cast<int>(m_rows.size()) - 1; i >= 0; --i) {
        if (!wanted.contains(m_rows.at(i).summary.calculationExecutionId)) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            reindex();
            endRemoveRows();
        }
    }
    // Then the listing's order: each item is updated in place or inserted where it belongs.
    for (int i = 0; i < calculations.size(); ++i) {
        const CalculationSummary &c = calculations.at(i);
        const int at = m_index.value(c.calculationExecutionId, -1);
        if (at == i) {
            if (!(m_rows.at(i).summary == c)) {
                m_rows[i].summary = c;
                Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
            }
            continue;
        }
        if (at > i) {
            beginMoveRows({}, at, at, {}, i);
            m_rows.move(at, i);
            reindex();
            endMoveRows();
            m_rows[i].summary = c;
            Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
        } else {
            beginInsertRows({}, i, i);
            m_rows.insert(i, Row{c, std::nullopt});
            reindex();
            endInsertRows();
        }
    }
}

void CalculationListModel::update(const CalculationExecution &calculation)
{
    const int at = rowOf(calculation.calculationExecutionId);
    if (at < 0) {
        beginInsertRows({}, 0, 0);
        m_rows.prepend(Row{calculation.summary(), calculation.statistics});
        reindex();
        endInsertRows();
        return;
    }
    Row &row = m_rows[at];
    CalculationSummary summary = calculation.summary();
    if (summary.description.isEmpty())
        summary.description = row.summary.description;
    if (!summary.status.submissionDateTime.isValid())
        summary.status.submissionDateTime = row.summary.status.submissionDateTime;
    row.summary = summary;
    row.statistics = calculation.statistics;
    Q_EMIT dataChanged(index(at, 0), index(at, ColumnCount - 1));
}

void CalculationListModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_index.clear();
    endResetModel();
}

int CalculationListModel::rowOf(const QString &calculationId) const
{
    const int at = m_index.value(calculationId, -1);
    return at >= 0 && at < m_rows.size() && m_rows.at(at).summary.calculationExecutionId == calculationId ? at : -1;
}

QString CalculationListModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).summary.calculationExecutionId : QString();
}

const CalculationSummary *CalculationListModel::find(const QString &calculationId) const
{
    const int at = rowOf(calculationId);
    return at < 0 ? nullptr : &m_rows.at(at).summary;
}

std::optional<CalculationStatistics> CalculationListModel::statistics(const QString &calculationId) const
{
    const int at = rowOf(calculationId);
    return at < 0 ? std::nullopt : m_rows.at(at).statistics;
}

bool CalculationListModel::anyUnfinished() const
{
    return std::any_of(m_rows.cbegin(), m_rows.cend(), [](const Row &r) { return !r.summary.status.isFinal(); });
}

void CalculationListModel::tick()
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (!m_rows.at(i).summary.status.isFinal())
            Q_EMIT dataChanged(index(i, DurationColumn), index(i, DurationColumn), {Qt::DisplayRole});
    }
}

// ---- ExecutorListModel ----

ExecutorListModel::ExecutorListModel(const aws::Clock *clock, QObject *parent) : QAbstractTableModel(parent), m_clock(clock)
{
}

int ExecutorListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ExecutorListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ExecutorListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TypeColumn: return tr("Type");
    case StateColumn: return tr("State");
    case SizeColumn: return tr("DPUs");
    case SinceColumn: return tr("Since");
    case IdColumn: return tr("Executor ID");
    default: return {};
    }
}

QVariant ExecutorListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ExecutorSummary &e = m_rows.at(index.row());
    if (role == FinalRole)
        return e.isFinal();
    if (role == Qt::TextAlignmentRole && index.column() == SizeColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == SinceColumn) {
        QString tip = tr("Started %1").arg(timeText(e.startDateTime));
        if (e.terminationDateTime.isValid())
            tip += u'\n' + tr("Ended %1").arg(timeText(e.terminationDateTime));
        return tip;
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TypeColumn: return e.typeLabel();
    case StateColumn: return e.stateLabel();
    case SizeColumn: return e.size ? QVariant(*e.size) : QVariant();
    case SinceColumn: {
        const QDateTime since = e.isFinal() && e.terminationDateTime.isValid() ? e.terminationDateTime : e.startDateTime;
        if (!since.isValid())
            return QString();
        return e.isFinal() ? tr("ended %1 ago").arg(durationText(since.msecsTo(m_clock->nowUtc())))
                           : durationText(since.msecsTo(m_clock->nowUtc()));
    }
    case IdColumn: return e.executorId;
    default: return {};
    }
}

void ExecutorListModel::setExecutors(const QList<ExecutorSummary> &executors)
{
    QList<ExecutorSummary> sorted = executors;
    std::stable_sort(sorted.begin(), sorted.end(), [](const ExecutorSummary &a, const ExecutorSummary &b) {
        if (a.isFinal() != b.isFinal())
            return !a.isFinal();
        if (a.isFinal())
            return a.terminationDateTime > b.terminationDateTime;
        return a.startDateTime > b.startDateTime;
    });
    if (sorted == m_rows) {
        if (!m_rows.isEmpty()) // the "since" column moves with the clock
            Q_EMIT dataChanged(index(0, SinceColumn), index(static_cast<int>(m_rows.size()) - 1, SinceColumn), {Qt::DisplayRole});
        return;
    }
    beginResetModel();
    m_rows = sorted;
    endResetModel();
}

void ExecutorListModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

qint64 ExecutorListModel::dpusInUse() const
{
    qint64 dpus = 0;
    for (const ExecutorSummary &e : m_rows) {
        if (!e.isFinal())
            dpus += e.size.value_or(1);
    }
    return dpus;
}

int ExecutorListModel::liveCount() const
{
    return static_cast<int>(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const ExecutorSummary &e) { return !e.isFinal(); }));
}

// ---- DpuHistory ----

void DpuHistory::add(const QDateTime &at, qint64 dpus)
{
    if (!m_points.isEmpty() && m_points.last().dpus == dpus)
        return;
    m_points.append(Point{at, dpus});
    if (m_points.size() > maxPoints)
        m_points.remove(0, m_points.size() - maxPoints);
}

qint64 DpuHistory::peak() const
{
    qint64 peak = 0;
    for (const Point &p : m_points)
        peak = std::max(peak, p.dpus);
    return peak;
}
