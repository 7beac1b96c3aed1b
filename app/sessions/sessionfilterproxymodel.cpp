#include "sessions/sessionfilterproxymodel.h"

#include "sessions/sessiontablemodel.h"

SessionFilterProxyModel::SessionFilterProxyModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(SessionTableModel::SortRole);
    setDynamicSortFilter(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void SessionFilterProxyModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    invalidateRowsFilter();
}

void SessionFilterProxyModel::setStateFilter(const StateFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    invalidateRowsFilter();
}

void SessionFilterProxyModel::setKeptSession(const QString &sessionId)
{
    if (sessionId == m_kept)
        return;
    m_kept = sessionId;
    // Usually called from a selection change, which a filter change itself can cause: filtering
    // again inside it would re-enter the proxy. Once the current change is done is soon enough.
    if (!m_refilterQueued) {
        m_refilterQueued = true;
        QMetaObject::invokeMethod(this, [this] {
            m_refilterQueued = false;
            invalidateRowsFilter();
        }, Qt::QueuedConnection);
    }
}

QList<int> SessionFilterProxyModel::sourceRows() const
{
    QList<int> rows;
    rows.reserve(rowCount());
    for (int r = 0; r < rowCount(); ++r)
        rows << mapToSource(index(r, 0)).row();
    return rows;
}

bool SessionFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    const QString id = model->index(sourceRow, SessionTableModel::SessionIdColumn, sourceParent).data().toString();
    if (id != m_kept && m_filter.mode != StateFilter::Mode::All) {
        const int state = model->index(sourceRow, 0, sourceParent).data(SessionTableModel::StateRole).toInt();
        if (state >= 0 && static_cast<athena::SessionState>(state) != athena::SessionState::Unknown) {
            const auto s = static_cast<athena::SessionState>(state);
            if (m_filter.mode == StateFilter::Mode::Active ? athena::isFinal(s) : s != m_filter.state)
                return false;
        }
    }
    if (m_search.isEmpty())
        return true;
    const QString description = model->index(sourceRow, SessionTableModel::DescriptionColumn, sourceParent).data().toString();
    return id.contains(m_search, Qt::CaseInsensitive) || description.contains(m_search, Qt::CaseInsensitive);
}
