#pragma once

#include <QObject>
#include <QString>

class Dashboard;
class QTableView;
class QWidget;

// --screenshot: once the window has something to show (the first listing, or a connection
// error), selects the first session and waits for its details, saves a PNG of the window and
// quits the application (exit code 0, or 1 when the file could not be written). Once only.
class ScreenshotMode final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScreenshotMode)

public:
    explicit ScreenshotMode(QWidget *window, QTableView *table, Dashboard *dashboard);

    // An empty path turns the mode off.
    void setPath(const QString &path) { m_path = path; }
    bool isPending() const { return !m_path.isEmpty(); }
    // Does nothing unless a screenshot is pending.
    void take();
    void takeAfter(int ms);

Q_SIGNALS:
    void saved(const QString &path);

private:
    void save(const QString &path);

    QWidget *m_window;
    QTableView *m_table;
    Dashboard *m_dashboard;
    QString m_path;
};
