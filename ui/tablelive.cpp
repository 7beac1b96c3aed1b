#include "ui/tablelive.h"

#include "dashboard/dashboard.h"
#include "sessions/sessiontablemodel.h"
#include "ui/windowstatusbar.h"

#include <QEvent>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>

TableLive::TableLive(QTableView *table, Dashboard *dashboard, WindowStatusBar *status, QObject *parent)
    : QObject(parent), m_table(table), m_dashboard(dashboard), m_status(status)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(250);
    connect(&m_timer, &QTimer::timeout, this, &TableLive::update);
    QAbstractItemModel *shown = m_table->model();
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(shown, signal, this, &TableLive::schedule);
    connect(shown, &QAbstractItemModel::modelReset, this, &TableLive::schedule);
    connect(shown, &QAbstractItemModel::layoutChanged, this, &TableLive::schedule);
    // DPU-hours arriving for rows change the totals.
    connect(m_dashboard->model(), &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                if (topLeft.column() <= SessionTableModel::CostColumn && bottomRight.column() >= SessionTableModel::DpuHoursColumn)
                    schedule();
            });
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, &TableLive::schedule);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TableLive::schedule);
    m_table->viewport()->installEventFilter(this);
    connect(m_dashboard, &Dashboard::loadingFinished, this, &TableLive::schedule);
}

bool TableLive::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize || event->type() == QEvent::Show)
        schedule(); // more or fewer rows fit
    return QObject::eventFilter(watched, event);
}

void TableLive::schedule()
{
    if (!m_timer.isActive())
        m_timer.start();
}

QStringList TableLive::sessionsInView() const
{
    QStringList ids;
    const QAbstractItemModel *shown = m_table->model();
    if (!m_table->isVisible() || shown->rowCount() == 0)
        return ids;
    const int first = m_table->rowAt(0);
    int last = m_table->rowAt(m_table->viewport()->height() - 1);
    if (first < 0)
        return ids;
    if (last < 0)
        last = shown->rowCount() - 1;
    for (int r = first; r <= last; ++r)
        ids << shown->index(r, 0).data(SessionTableModel::SessionIdRole).toString();
    return ids;
}

void TableLive::update()
{
    m_timer.stop();
    m_dashboard->setSessionsInView(sessionsInView());

    // Model rows: of the view, of the selection, and of the selected session's workgroup.
    const QAbstractItemModel *shown = m_table->model();
    SessionTableModel *model = m_dashboard->model();
    const QList<int> viewRows = m_dashboard->proxy()->sourceRows(); // the table shows the proxy's rows
    QList<int> selectedRows;
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &i : selected)
        selectedRows << model->rowOf(i.data(SessionTableModel::SessionIdRole).toString());
    QString workGroup = m_dashboard->workGroup();
    if (workGroup.isEmpty() && !selected.isEmpty())
        workGroup = selected.first().data(SessionTableModel::WorkGroupRole).toString();

    QStringList parts;
    if (selectedRows.size() > 1)
        parts << tr("Selection: %1").arg(m_dashboard->totalsText(selectedRows));
    if (!workGroup.isEmpty() && m_dashboard->workGroup().isEmpty()) {
        QList<int> groupRows;
        for (int r : std::as_const(viewRows)) {
            if (model->workGroupOf(model->sessionIdAt(r)) == workGroup)
                groupRows << r;
        }
        parts << tr("%1: %2").arg(workGroup, m_dashboard->totalsText(groupRows));
    }
    if (!viewRows.isEmpty())
        parts << tr("Shown: %1").arg(m_dashboard->totalsText(viewRows));
    m_status->setTotalsText(parts.join(QStringLiteral("   ")));
    m_status->setShownCount(shown->rowCount(), model->rowCount());
}
