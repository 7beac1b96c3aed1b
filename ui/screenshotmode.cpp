#include "ui/screenshotmode.h"

#include "dashboard/dashboard.h"

#include <QCoreApplication>
#include <QPixmap>
#include <QTableView>
#include <QTimer>

ScreenshotMode::ScreenshotMode(QWidget *window, QTableView *table, Dashboard *dashboard)
    : QObject(window), m_window(window), m_table(table), m_dashboard(dashboard)
{
}

void ScreenshotMode::take()
{
    if (m_path.isEmpty())
        return;
    const QString path = std::exchange(m_path, QString());
    // Show a session in the detail pane too, once its details arrive (or after a moment).
    if (m_dashboard->proxy()->rowCount() > 0) {
        m_table->selectRow(0);
        auto *timeout = new QTimer(this);
        timeout->setSingleShot(true);
        connect(timeout, &QTimer::timeout, this, [this, path] { save(path); });
        connect(m_dashboard, &Dashboard::selectedDetailsChanged, timeout, [timeout] { timeout->start(150); });
        timeout->start(3000);
    } else {
        QTimer::singleShot(200, this, [this, path] { save(path); });
    }
}

void ScreenshotMode::takeAfter(int ms)
{
    if (isPending())
        QTimer::singleShot(ms, this, &ScreenshotMode::take);
}

void ScreenshotMode::save(const QString &path)
{
    const bool ok = m_window->grab().save(path, "PNG");
    if (!ok)
        qWarning("Could not save the screenshot to %s", qPrintable(path));
    Q_EMIT saved(path);
    QCoreApplication::exit(ok ? 0 : 1);
}
