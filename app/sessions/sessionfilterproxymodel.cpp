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

bool SessionFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_search.isEmpty())
        return true;
    const QAbstractItemModel *model = sourceModel();
    const QString id = model->index(sourceRow, SessionTableModel::SessionIdColumn, sourceParent).data().toString();
    const QString description = model->index(sourceRow, SessionTableModel::DescriptionColumn, sourceParent).data().toString();
    return id.contains(m_search, Qt::CaseInsensitive) || description.contains(m_search, Qt::CaseInsensitive);
}
