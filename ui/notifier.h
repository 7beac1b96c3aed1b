#pragma once

#include <QObject>
#include <QStringList>

class QSystemTrayIcon;
class QWidget;

// Desktop notifications: a system tray message where the platform has a tray, otherwise the
// window's alert. The last messages are kept for the status bar and for tests.
class Notifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Notifier)

public:
    explicit Notifier(QWidget *window, QObject *parent = nullptr);
    ~Notifier() override;

    void notify(const QString &title, const QString &message, bool problem);
    QStringList history() const { return m_history; }
    bool usesTray() const { return m_tray != nullptr; }

Q_SIGNALS:
    void notified(const QString &title, const QString &message);

private:
    QWidget *m_window;
    QSystemTrayIcon *m_tray = nullptr;
    QStringList m_history;
};
