#pragma once

#include <QObject>
#include <QTimer>

class Dashboard;
class QTableView;
class WindowStatusBar;

// Keeps the session table live and its figures true, without a request of its own: tells the
// dashboard which sessions are in view (it fetches their details lazily), and keeps the status
// bar's count ("5 of 40 sessions") and DPU-hour totals (selection, workgroup, view) in step with
// the rows shown. Work is coalesced: at most one pass per 250 ms however much changes.
class TableLive final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TableLive)

public:
    TableLive(QTableView *table, Dashboard *dashboard, WindowStatusBar *status, QObject *parent = nullptr);

    // The session IDs of the rows in view, top to bottom.
    QStringList sessionsInView() const;
    // Recomputes now (tests; the window after a layout change).
    void update();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void schedule();

    QTableView *m_table;
    Dashboard *m_dashboard;
    WindowStatusBar *m_status;
    QTimer m_timer;
};
