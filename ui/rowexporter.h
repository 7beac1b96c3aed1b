#pragma once

#include <QObject>

class Dashboard;
class QWidget;

// File → Export: the rows the table shows, in its order, as CSV or JSON (the dashboard's
// exporter writes the bytes), into a file the user picks; a failed write is said in a message box.
class RowExporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RowExporter)

public:
    enum class Format { Csv, Json };

    explicit RowExporter(Dashboard *dashboard, QWidget *window);

    // Asks for a file, then exports to it.
    void exportWithDialog(Format format);
    bool exportTo(const QString &path, Format format);

Q_SIGNALS:
    // For the status bar: how many sessions went where.
    void exported(const QString &message);

private:
    Dashboard *m_dashboard;
    QWidget *m_window;
};
