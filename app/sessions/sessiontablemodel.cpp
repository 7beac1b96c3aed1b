#include "sessions/sessiontablemodel.h"

#include "sessions/startsessionform.h" // the default price

#include <QLocale>

#include <limits>

using namespace Qt::StringLiterals;
using athena::SessionState;

namespace {

QString timeText(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), u"yyyy-MM-dd HH:mm:ss"_s) : QString();
}

QVariant msOrNull(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant(qint64(0));
}

// Which columns differ between two versions of a row.
QList<int> changedColumns(const athena::SessionSummary &a, const athena::SessionSummary &b, const QString &wgA,
                          const QString &wgB, const athena::SessionDetails *dA, const athena::SessionDetails *dB)
{
    using M = SessionTableModel;
    QList<int> cols;
    if (a.status.state != b.status.state)
        cols << M::StateColumn;
    if (a.description != b.description)
        cols << M::DescriptionColumn;
    if (wgA != wgB)
        cols << M::WorkGroupColumn;
    if (a.engineVersion != b.engineVersion)
        cols << M::EngineVersionColumn;
    if (a.status.startDateTime != b.status.startDateTime)
        cols << M::StartedColumn;
    const auto timeout = [](const athena::SessionDetails *d) {
        return d ? std::pair(d->sessionConfiguration.sessionIdleTimeoutInMinutes, d->sessionConfiguration.idleTimeoutSeconds)
                 : std::pair(std::optional<int>(), std::optional<qint64>());
    };
    if (a.status.idleSinceDateTime != b.status.idleSinceDateTime || a.status.state != b.status.state
        || (b.status.state == athena::SessionState::Busy && a.status.lastModifiedDateTime != b.status.lastModifiedDateTime))
        cols << M::IdleForColumn;
    if (a.status.idleSinceDateTime != b.status.idleSinceDateTime || a.status.state != b.status.state || timeout(dA) != timeout(dB))
        cols << M::TimeLeftColumn;
    if (a.status.lastModifiedDateTime != b.status.lastModifiedDateTime)
        cols << M::LastModifiedColumn;
    if (a.status.endDateTime != b.status.endDateTime)
        cols << M::EndedColumn;
    if (a.notebookVersion != b.notebookVersion)
        cols << M::NotebookVersionColumn;
    const auto dpu = [](const athena::SessionDetails *d) {
        return d ? d->dpuExecutionInMillis : std::optional<qint64>();
    };
    if (dpu(dA) != dpu(dB))
        cols << M::DpuHoursColumn << M::CostColumn;
    if (a.status.stateChangeReason != b.status.stateChangeReason && !cols.contains(M::StateColumn))
        cols << M::StateColumn; // the tooltip
    std::sort(cols.begin(), cols.end());
    return cols;
}

} // namespace

SessionTableModel::SessionTableModel(const aws::Clock *clock, QObject *parent)
    : QAbstractTableModel(parent), m_clock(clock), m_price(StartSessionForm::defaultDpuHourPriceUsd)
{
}

SessionTableModel::~SessionTableModel() = default;

int SessionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SessionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SessionTableModel::formatDuration(qint64 seconds)
{
    if (seconds < 0)
        seconds = 0;
    if (seconds < 60)
        return tr("%n s", nullptr, static_cast<int>(seconds));
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return tr("%n min", nullptr, static_cast<int>(minutes));
    const qint64 hours = minutes / 60;
    if (hours < 48)
        return tr("%1 h %2 min").arg(hours).arg(minutes % 60);
    return tr("%1 d %2 h").arg(hours / 24).arg(hours % 24);
}

QString SessionTableModel::formatUsd(double amount)
{
    return QStringLiteral("$") + QLocale().toString(amount, 'f', 2);
}

std::optional<qint64> SessionTableModel::idleTimeoutSeconds(const Row &row)
{
    if (!row.details)
        return std::nullopt;
    const athena::SessionConfiguration &c = row.details->sessionConfiguration;
    if (c.sessionIdleTimeoutInMinutes)
        return qint64(*c.sessionIdleTimeoutInMinutes) * 60;
    return c.idleTimeoutSeconds;
}

void SessionTableModel::refreshIdleText(Row &row, qint64 nowMs) const
{
    // Each text shows seconds under a minute, minutes under two days, then hours: it cannot change
    // before the next boundary of its unit, which is when tick() looks again.
    const auto unitOf = [](qint64 ms) -> qint64 { return ms < 60'000 ? 1000 : ms < 48 * 3'600'000LL ? 60'000 : 3'600'000; };
    row.idleText.clear();
    row.timeLeftText.clear();
    row.urgent = false;
    row.idleTextUntil = 0;
    const athena::SessionStatus &st = row.summary.status;
    const auto until = [&row](qint64 at) { row.idleTextUntil = row.idleTextUntil ? std::min(row.idleTextUntil, at) : at; };
    if (st.state == SessionState::Idle && st.idleSinceDateTime.isValid()) {
        const qint64 idleMs = std::max<qint64>(0, nowMs - st.idleSinceDateTime.toMSecsSinceEpoch());
        row.idleText = formatDuration(idleMs / 1000);
        until(nowMs + (unitOf(idleMs) - idleMs % unitOf(idleMs)));
        if (const std::optional<qint64> timeout = idleTimeoutSeconds(row)) {
            const qint64 leftMs = st.idleSinceDateTime.toMSecsSinceEpoch() + *timeout * 1000 - nowMs;
            row.urgent = leftMs <= urgentSeconds * 1000;
            if (leftMs <= 0) {
                row.timeLeftText = tr("due now");
            } else {
                // Rounded up: "1 min" until the last minute begins, never "0 s" while time is left.
                const qint64 unit = unitOf(leftMs);
                row.timeLeftText = formatDuration((leftMs + unit - 1) / unit * unit / 1000);
                until(nowMs + ((leftMs - 1) % unit) + 1);
            }
        }
    } else if (st.state == SessionState::Busy && st.lastModifiedDateTime.isValid()) {
        const qint64 busyMs = std::max<qint64>(0, nowMs - st.lastModifiedDateTime.toMSecsSinceEpoch());
        row.idleText = tr("busy %1").arg(formatDuration(busyMs / 1000));
        until(nowMs + (unitOf(busyMs) - busyMs % unitOf(busyMs)));
    }
}

void SessionTableModel::setDpuHourPrice(double usd)
{
    if (usd == m_price)
        return;
    m_price = usd;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, CostColumn), index(rowCount() - 1, CostColumn));
}

QString SessionTableModel::columnDescription(int column)
{
    switch (column) {
    case StateColumn: return tr("The session's state; its tooltip gives the reason for the last change");
    case SessionIdColumn: return tr("The session's ID");
    case DescriptionColumn: return tr("The description given when the session was started");
    case WorkGroupColumn: return tr("The Spark workgroup the session runs in");
    case EngineVersionColumn: return tr("The Apache Spark engine version");
    case StartedColumn: return tr("When the session was started");
    case IdleForColumn: return tr("How long an IDLE session has been idle, or a BUSY one busy");
    case TimeLeftColumn: return tr("When the idle timeout ends an IDLE session");
    case LastModifiedColumn: return tr("When the session last changed");
    case EndedColumn: return tr("When the session ended");
    case NotebookVersionColumn: return tr("The notebook version, for sessions started from a notebook");
    case DpuHoursColumn: return tr("DPU-hours used so far");
    case CostColumn: return tr("Estimated cost: DPU-hours times the price per DPU-hour");
    default: return {};
    }
}

SessionTableModel::Totals SessionTableModel::totals(const QList<int> &rows) const
{
    Totals t;
    for (int r : rows) {
        if (r < 0 || r >= m_rows.size())
            continue;
        ++t.rows;
        const Row &row = m_rows.at(r);
        if (row.details && row.details->dpuExecutionInMillis) {
            t.dpuHours += row.details->dpuHours();
            ++t.known;
        }
    }
    return t;
}

QVariant SessionTableModel::display(const Row &row, int column) const
{
    const athena::SessionSummary &s = row.summary;
    switch (column) {
    case StateColumn: return s.status.stateLabelText();
    case SessionIdColumn: return s.sessionId;
    case DescriptionColumn: return s.description;
    case WorkGroupColumn: return row.workGroup;
    case EngineVersionColumn: return s.engineVersion.effective.isEmpty() ? s.engineVersion.selected : s.engineVersion.effective;
    case StartedColumn: return timeText(s.status.startDateTime);
    case IdleForColumn: return row.idleText;
    case TimeLeftColumn: return row.timeLeftText;
    case LastModifiedColumn: return timeText(s.status.lastModifiedDateTime);
    case EndedColumn: return timeText(s.status.endDateTime);
    case NotebookVersionColumn: return s.notebookVersion;
    case DpuHoursColumn:
        if (row.details && row.details->dpuExecutionInMillis)
            return QLocale().toString(row.details->dpuHours(), 'f', 2);
        return QString();
    case CostColumn:
        if (row.details && row.details->dpuExecutionInMillis)
            return formatUsd(row.details->dpuHours() * m_price);
        return QString();
    default: return {};
    }
}

QVariant SessionTableModel::sortValue(const Row &row, int column) const
{
    const athena::SessionSummary &s = row.summary;
    switch (column) {
    case StateColumn: return s.status.state ? static_cast<int>(*s.status.state) : -1;
    case StartedColumn: return msOrNull(s.status.startDateTime);
    case IdleForColumn:
        // Longest idle first when sorted descending; not idle sorts as zero.
        return s.status.state == SessionState::Idle && s.status.idleSinceDateTime.isValid()
                   ? s.status.idleSinceDateTime.msecsTo(m_clock->nowUtc())
                   : qint64(0);
    case LastModifiedColumn: return msOrNull(s.status.lastModifiedDateTime);
    case EndedColumn: return msOrNull(s.status.endDateTime);
    case TimeLeftColumn: {
        // Soonest first when sorted ascending; sessions without a deadline sort after all of them.
        const std::optional<qint64> timeout = idleTimeoutSeconds(row);
        if (s.status.state != SessionState::Idle || !s.status.idleSinceDateTime.isValid() || !timeout)
            return std::numeric_limits<qint64>::max();
        return s.status.idleSinceDateTime.toMSecsSinceEpoch() + *timeout * 1000 - m_clock->nowUtc().toMSecsSinceEpoch();
    }
    case DpuHoursColumn:
    case CostColumn: return row.details && row.details->dpuExecutionInMillis ? row.details->dpuHours() : -1.0;
    default: return display(row, column);
    }
}

QVariant SessionTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == StateColumn && !row.summary.status.stateChangeReason.isEmpty())
            return row.summary.status.stateChangeReason;
        if (index.column() == DescriptionColumn)
            return row.summary.description;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == DpuHoursColumn || index.column() == IdleForColumn || index.column() == TimeLeftColumn
            || index.column() == CostColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole: return sortValue(row, index.column());
    case StateRole: return row.summary.status.state ? static_cast<int>(*row.summary.status.state) : -1;
    case SessionIdRole: return row.summary.sessionId;
    case WorkGroupRole: return row.workGroup;
    case StateChangeReasonRole: return row.summary.status.stateChangeReason;
    case IdleSinceRole: return row.summary.status.idleSinceDateTime;
    case HasDetailsRole: return row.details != nullptr;
    case UrgentRole: return row.urgent;
    case DpuHoursRole:
        return row.details && row.details->dpuExecutionInMillis ? QVariant(row.details->dpuHours()) : QVariant();
    default: return {};
    }
}

QVariant SessionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole)
        return columnDescription(section); // also what a screen reader says of the column
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StateColumn: return tr("State");
    case SessionIdColumn: return tr("Session ID");
    case DescriptionColumn: return tr("Description");
    case WorkGroupColumn: return tr("Workgroup");
    case EngineVersionColumn: return tr("Engine version");
    case StartedColumn: return tr("Started");
    case IdleForColumn: return tr("Idle / busy for");
    case TimeLeftColumn: return tr("Ends in");
    case LastModifiedColumn: return tr("Last modified");
    case EndedColumn: return tr("Ended");
    case NotebookVersionColumn: return tr("Notebook version");
    case DpuHoursColumn: return tr("DPU-hours");
    case CostColumn: return tr("Cost");
    default: return {};
    }
}

QHash<int, QByteArray> SessionTableModel::roleNames() const
{
    QHash<int, QByteArray> roles = QAbstractTableModel::roleNames();
    roles.insert(SortRole, "sort");
    roles.insert(StateRole, "state");
    roles.insert(SessionIdRole, "sessionId");
    roles.insert(WorkGroupRole, "workGroup");
    roles.insert(StateChangeReasonRole, "stateChangeReason");
    roles.insert(IdleSinceRole, "idleSince");
    roles.insert(HasDetailsRole, "hasDetails");
    return roles;
}

void SessionTableModel::beginPass(quint64 generation)
{
    m_generation = generation;
    m_passOpen = true;
    ++m_pass;
}

int SessionTableModel::mergePage(quint64 generation, const QString &workGroup, const QList<athena::SessionSummary> &sessions)
{
    if (!m_passOpen || generation != m_generation)
        return 0; // a page of a pass that is no longer current
    QList<Row> fresh;
    QSet<QString> freshIds;
    const qsizetype room = std::max<qsizetype>(0, m_maxRows - m_rows.size());
    int dropped = 0;
    for (const athena::SessionSummary &s : sessions) {
        const int at = m_index.value(s.sessionId, -1);
        if (at >= 0) {
            Row &row = m_rows[at];
            row.seenInPass = m_pass;
            row.missedPasses = 0;
            // Concurrent chains of one pass (one per state) may both see a session that changed
            // state between their pages; and a page may arrive after a newer GetSession. Keep the
            // newest.
            const QDateTime &known = row.summary.status.lastModifiedDateTime;
            const QDateTime &incoming = s.status.lastModifiedDateTime;
            if (known.isValid() && incoming.isValid() && incoming < known)
                continue;
            updateRow(at, s, workGroup, row.details);
        } else if (fresh.size() >= room) {
            ++dropped;
        } else if (!freshIds.contains(s.sessionId)) {
            freshIds.insert(s.sessionId);
            Row row{s, workGroup, nullptr, {}, {}, false, 0, m_pass};
            refreshIdleText(row, m_clock->nowUtc().toMSecsSinceEpoch());
            fresh.append(std::move(row));
        }
    }
    if (fresh.isEmpty())
        return dropped;
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
    for (Row &row : fresh) {
        m_index.insert(row.summary.sessionId, static_cast<int>(m_rows.size()));
        m_rows.append(std::move(row));
    }
    endInsertRows();
    return dropped;
}

QStringList SessionTableModel::endPass(quint64 generation, bool complete)
{
    if (!m_passOpen || generation != m_generation)
        return {};
    m_passOpen = false;
    if (!complete)
        return {};
    // Count the misses; remove the rows missed often enough, in contiguous blocks from the bottom up.
    QStringList kept;
    QList<bool> goes(m_rows.size(), false);
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        Row &r = m_rows[i];
        if (r.seenInPass == m_pass)
            continue;
        if (++r.missedPasses >= m_passesBeforeRemoval)
            goes[i] = true;
        else
            kept << r.summary.sessionId;
    }
    int row = static_cast<int>(m_rows.size()) - 1;
    bool removed = false;
    while (row >= 0) {
        if (!goes.at(row)) {
            --row;
            continue;
        }
        const int last = row;
        while (row >= 0 && goes.at(row))
            --row;
        beginRemoveRows({}, row + 1, last);
        m_rows.remove(row + 1, last - row);
        endRemoveRows();
        removed = true;
    }
    if (removed)
        rebuildIndex();
    return kept;
}

void SessionTableModel::markSeen(const QString &sessionId)
{
    const int at = m_index.value(sessionId, -1);
    if (at >= 0)
        m_rows[at].missedPasses = 0;
}

bool SessionTableModel::removeSession(const QString &sessionId)
{
    const int at = m_index.value(sessionId, -1);
    if (at < 0)
        return false;
    beginRemoveRows({}, at, at);
    m_rows.remove(at);
    endRemoveRows();
    rebuildIndex();
    return true;
}

void SessionTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_index.clear();
    m_passOpen = false;
    endResetModel();
}

void SessionTableModel::upsertDetails(const athena::SessionDetails &details)
{
    athena::SessionSummary summary = details.summary();
    const int at = m_index.value(details.sessionId, -1);
    if (at >= 0) {
        // GetSession's EngineVersion is one string; keep the listing's selected/effective pair if richer.
        const athena::SessionSummary &old = m_rows.at(at).summary;
        if (!old.engineVersion.isEmpty() && old.engineVersion.effective == details.engineVersion)
            summary.engineVersion = old.engineVersion;
        updateRow(at, summary, details.workGroup.isEmpty() ? m_rows.at(at).workGroup : details.workGroup,
                  std::make_shared<const athena::SessionDetails>(details));
        return;
    }
    const int row = static_cast<int>(m_rows.size());
    beginInsertRows({}, row, row);
    // Seen by the open pass, if any: a session just started must not vanish at its end.
    Row r{summary, details.workGroup, std::make_shared<const athena::SessionDetails>(details), {}, {}, false, 0, m_pass};
    refreshIdleText(r, m_clock->nowUtc().toMSecsSinceEpoch());
    m_rows.append(r);
    m_index.insert(details.sessionId, row);
    endInsertRows();
    if (details.status.state)
        Q_EMIT sessionStateChanged(details.sessionId, details.workGroup, std::nullopt, *details.status.state, m_clock->nowUtc());
}

void SessionTableModel::updateDetails(const athena::SessionDetails &details)
{
    if (m_index.contains(details.sessionId))
        upsertDetails(details);
}

void SessionTableModel::updateRow(int rowIndex, const athena::SessionSummary &next, const QString &workGroup,
                                  const std::shared_ptr<const athena::SessionDetails> &details)
{
    Row &row = m_rows[rowIndex];
    const bool detailsNew = (details != nullptr) != (row.details != nullptr);
    // The common case of a refresh: nothing changed, nothing to do (not even re-formatting).
    if (!detailsNew && row.workGroup == workGroup && row.summary == next
        && (!details || row.details->dpuExecutionInMillis == details->dpuExecutionInMillis)) {
        if (details)
            row.details = details;
        return;
    }
    const QList<int> cols = changedColumns(row.summary, next, row.workGroup, workGroup, row.details.get(), details.get());
    const std::optional<SessionState> before = row.summary.status.state;
    row.summary = next;
    row.workGroup = workGroup;
    row.details = details;
    if (cols.contains(IdleForColumn) || cols.contains(TimeLeftColumn))
        refreshIdleText(row, m_clock->nowUtc().toMSecsSinceEpoch());
    if (!cols.isEmpty()) {
        // One signal per run of adjacent changed columns.
        int start = cols.first();
        int previous = start;
        for (qsizetype i = 1; i <= cols.size(); ++i) {
            if (i < cols.size() && cols.at(i) == previous + 1) {
                previous = cols.at(i);
                continue;
            }
            Q_EMIT dataChanged(index(rowIndex, start), index(rowIndex, previous));
            if (i < cols.size())
                start = previous = cols.at(i);
        }
    } else if (detailsNew) {
        Q_EMIT dataChanged(index(rowIndex, 0), index(rowIndex, 0), {HasDetailsRole});
    }
    if (next.status.state && before != next.status.state)
        Q_EMIT sessionStateChanged(next.sessionId, workGroup, before, *next.status.state,
                                   next.status.lastModifiedDateTime.isValid() ? next.status.lastModifiedDateTime : m_clock->nowUtc());
}

void SessionTableModel::rebuildIndex()
{
    m_index.clear();
    m_index.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(m_rows.at(i).summary.sessionId, i);
}

QString SessionTableModel::sessionIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).summary.sessionId : QString();
}

athena::SessionSummary SessionTableModel::summaryAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).summary : athena::SessionSummary();
}

std::optional<athena::SessionDetails> SessionTableModel::detailsOf(const QString &sessionId) const
{
    const int row = m_index.value(sessionId, -1);
    if (row < 0 || !m_rows.at(row).details)
        return std::nullopt;
    return *m_rows.at(row).details;
}

QString SessionTableModel::workGroupOf(const QString &sessionId) const
{
    const int row = m_index.value(sessionId, -1);
    return row >= 0 ? m_rows.at(row).workGroup : QString();
}

void SessionTableModel::tick()
{
    const qint64 now = m_clock->nowUtc().toMSecsSinceEpoch();
    for (int i = 0; i < m_rows.size(); ++i) {
        Row &row = m_rows[i];
        if (row.idleTextUntil == 0 || now < row.idleTextUntil)
            continue; // nothing this row shows can have changed yet
        const QString idleBefore = row.idleText;
        const QString leftBefore = row.timeLeftText;
        const bool urgentBefore = row.urgent;
        refreshIdleText(row, now);
        if (row.idleText != idleBefore || row.timeLeftText != leftBefore || row.urgent != urgentBefore) {
            // The two columns are adjacent: one signal.
            Q_EMIT dataChanged(index(i, IdleForColumn), index(i, TimeLeftColumn), {Qt::DisplayRole, SortRole, UrgentRole});
        }
    }
}
