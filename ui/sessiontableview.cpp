#include "ui/sessiontableview.h"

#include "sessions/sessiontablemodel.h"

#include <QHeaderView>

SessionTableView::SessionTableView(QAbstractItemModel *model, QWidget *parent) : QTableView(parent)
{
    setObjectName(QStringLiteral("sessionTable"));
    setModel(model);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSortingEnabled(true);
    sortByColumn(SessionTableModel::StartedColumn, Qt::DescendingOrder);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setTabKeyNavigation(false); // Tab leaves the list, as in every KDE list; arrows move in it
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed); // uniform rows: cheap with 100,000 of them
    horizontalHeader()->setSectionsMovable(true);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setStretchLastSection(true);
    setTextElideMode(Qt::ElideMiddle); // IDs keep both ends readable
    const std::pair<int, int> widths[] = {
        {SessionTableModel::StateColumn, 112},       {SessionTableModel::SessionIdColumn, 150},
        {SessionTableModel::DescriptionColumn, 210}, {SessionTableModel::WorkGroupColumn, 120},
        {SessionTableModel::EngineVersionColumn, 165}, {SessionTableModel::StartedColumn, 140},
        {SessionTableModel::IdleForColumn, 96},      {SessionTableModel::TimeLeftColumn, 70},
        {SessionTableModel::LastModifiedColumn, 140}, {SessionTableModel::EndedColumn, 140},
        {SessionTableModel::NotebookVersionColumn, 165}, {SessionTableModel::DpuHoursColumn, 78},
        {SessionTableModel::CostColumn, 70},
    };
    for (const auto &[column, width] : widths)
        setColumnWidth(column, width);
    // Idle time and cost next to the description by default; users can move columns (saved).
    QHeaderView *header = horizontalHeader();
    for (int column : {SessionTableModel::IdleForColumn, SessionTableModel::TimeLeftColumn, SessionTableModel::DpuHoursColumn,
                       SessionTableModel::CostColumn})
        header->moveSection(header->visualIndex(column), header->visualIndex(SessionTableModel::WorkGroupColumn));
}

QStringList SessionTableView::selectedSessionIds() const
{
    QStringList ids;
    const QModelIndexList rows = selectionModel()->selectedRows();
    for (const QModelIndex &r : rows)
        ids << r.data(SessionTableModel::SessionIdRole).toString();
    return ids;
}
