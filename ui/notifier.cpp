#include "ui/notifier.h"

#include <QApplication>
#include <QSystemTrayIcon>
#include <QWidget>

Notifier::Notifier(QWidget *window, QObject *parent) : QObject(parent), m_window(window)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->setToolTip(QApplication::applicationDisplayName());
        connect(m_tray, &QSystemTrayIcon::activated, this, [this] {
            m_window->showNormal();
            m_window->raise();
            m_window->activateWindow();
        });
        m_tray->show();
    }
}

Notifier::~Notifier() = default;

void Notifier::notify(const QString &title, const QString &message, bool problem)
{
    m_history.append(title + QStringLiteral(": ") + message);
    if (m_history.size() > 50)
        m_history.removeFirst();
    if (m_tray && m_tray->supportsMessages())
        m_tray->showMessage(title, message, problem ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, 8000);
    else
        QApplication::alert(m_window);
    Q_EMIT notified(title, message);
}
