#include "ui/sessiontableview.h"

#include "sessions/sessiontablemodel.h"

#include <QHeaderView>
#include <QMenu>

SessionTableView::SessionTableView(QAbstractItemModel *model, QWidget *parent) : QTableView(parent)
{
    setObjectName(QStringLiteral("sessionTable"));
    setAccessibleName(tr("Sessions"));
    setAccessibleDescription(tr("One row per session; Enter shows its details, the context menu its commands"));
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
    // Widths in characters of the font in use, never narrower than the column's title: the columns
    // fit at any font size and in longer languages.
    const std::pair<int, int> widths[] = {
        {SessionTableModel::StateColumn, 14},       {SessionTableModel::SessionIdColumn, 18},
        {SessionTableModel::DescriptionColumn, 26}, {SessionTableModel::WorkGroupColumn, 14},
        {SessionTableModel::EngineVersionColumn, 20}, {SessionTableModel::StartedColumn, 18},
        {SessionTableModel::IdleForColumn, 11},     {SessionTableModel::TimeLeftColumn, 8},
        {SessionTableModel::LastModifiedColumn, 18}, {SessionTableModel::EndedColumn, 18},
        {SessionTableModel::NotebookVersionColumn, 20}, {SessionTableModel::DpuHoursColumn, 8},
        {SessionTableModel::CostColumn, 8},
    };
    const QFontMetrics text(font());
    const QFontMetrics title(horizontalHeader()->font());
    // A time as the table shows it, measured: digits are wider than the average character.
    const int timeWidth = text.horizontalAdvance(QStringLiteral("2026-12-31 23:59:59")) + 16;
    for (const auto &[column, characters] : widths) {
        const bool time = column == SessionTableModel::StartedColumn || column == SessionTableModel::LastModifiedColumn
                          || column == SessionTableModel::EndedColumn;
        const int forText = time ? timeWidth : text.averageCharWidth() * characters;
        const int forTitle = title.horizontalAdvance(model->headerData(column, Qt::Horizontal).toString()) + 3 * title.averageCharWidth() + 12;
        setColumnWidth(column, std::max(forText, forTitle));
    }
    // Right-click on the header: show or hide columns (kept with the header's saved state).
    horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(horizontalHeader(), &QHeaderView::customContextMenuRequested, this,
            [this](const QPoint &pos) { columnMenu()->exec(horizontalHeader()->viewport()->mapToGlobal(pos)); });
    // Idle time and cost next to the description by default; users can move columns (saved).
    QHeaderView *header = horizontalHeader();
    for (int column : {SessionTableModel::IdleForColumn, SessionTableModel::TimeLeftColumn, SessionTableModel::DpuHoursColumn,
                       SessionTableModel::CostColumn})
        header->moveSection(header->visualIndex(column), header->visualIndex(SessionTableModel::WorkGroupColumn));
}

QMenu *SessionTableView::columnMenu()
{
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("columnMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    QHeaderView *header = horizontalHeader();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        QAction *toggle = menu->addAction(model()->headerData(column, Qt::Horizontal).toString());
        toggle->setCheckable(true);
        toggle->setChecked(!header->isSectionHidden(column));
        // The session ID always stays: without it no row says which session it is.
        toggle->setEnabled(column != SessionTableModel::SessionIdColumn);
        connect(toggle, &QAction::toggled, this, [header, column](bool on) { header->setSectionHidden(column, !on); });
    }
    return menu;
}

QStringList SessionTableView::selectedSessionIds() const
{
    QStringList ids;
    const QModelIndexList rows = selectionModel()->selectedRows();
    for (const QModelIndex &r : rows)
        ids << r.data(SessionTableModel::SessionIdRole).toString();
    return ids;
}
