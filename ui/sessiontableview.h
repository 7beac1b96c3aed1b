#pragma once

#include <QTableView>

class QMenu;

// The session list: sortable (newest first), whole-row extended selection, uniform rows (cheap
// with 100,000 of them), IDs elided in the middle, column widths that fit, idle time and cost
// next to the description, and columns a user can move, and show or hide from the header's menu.
class SessionTableView final : public QTableView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionTableView)

public:
    // `model` has SessionTableModel's columns and roles.
    explicit SessionTableView(QAbstractItemModel *model, QWidget *parent = nullptr);

    QStringList selectedSessionIds() const;
    // The header's menu: a checkable entry per column (the session ID cannot be hidden).
    QMenu *columnMenu();
};
