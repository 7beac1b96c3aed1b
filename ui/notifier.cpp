#include "ui/notifier.h"

#include <QApplication>
#include <QLocale>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QToolButton>
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
    m_entries.append(Entry{QDateTime::currentDateTime(), title, message, problem});
    if (m_entries.size() > maxEntries)
        m_entries.removeFirst();
    ++m_unseen;
    updateButton();
    if (m_tray && m_tray->supportsMessages())
        m_tray->showMessage(title, message, problem ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, 8000);
    else
        QApplication::alert(m_window);
    Q_EMIT notified(title, message);
}

QStringList Notifier::history() const
{
    QStringList lines;
    for (const Entry &e : m_entries)
        lines << e.title + QStringLiteral(": ") + e.message;
    return lines;
}

QToolButton *Notifier::button(QWidget *parent)
{
    if (!m_button) {
        m_button = new QToolButton(parent);
        m_button->setObjectName(QStringLiteral("notificationsButton"));
        m_button->setAutoRaise(true);
        m_button->setIcon(QIcon::fromTheme(QStringLiteral("preferences-desktop-notification")));
        m_button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        connect(m_button, &QToolButton::clicked, this, &Notifier::showList);
        updateButton();
    }
    return m_button;
}

void Notifier::updateButton()
{
    if (!m_button)
        return;
    m_button->setText(m_unseen > 0 ? tr("Notifications (%1)").arg(m_unseen) : tr("Notifications"));
    m_button->setToolTip(m_entries.isEmpty() ? tr("State changes of the sessions you started or pinned appear here")
                                             : m_entries.last().title + QStringLiteral(": ") + m_entries.last().message);
    m_button->setAccessibleName(tr("Notifications, %n not seen yet", nullptr, m_unseen));
    QFont f = m_button->font();
    f.setBold(m_unseen > 0);
    m_button->setFont(f);
}

void Notifier::showList()
{
    QMenu menu(m_button ? static_cast<QWidget *>(m_button) : m_window);
    menu.setObjectName(QStringLiteral("notificationsMenu"));
    if (m_entries.isEmpty())
        menu.addAction(tr("No notifications yet"))->setEnabled(false);
    for (qsizetype i = m_entries.size() - 1; i >= 0; --i) { // newest first
        const Entry &e = m_entries.at(i);
        QAction *a = menu.addAction(QStringLiteral("%1  %2 — %3")
                                        .arg(QLocale().toString(e.at.time(), QLocale::ShortFormat), e.title, e.message));
        if (e.problem)
            a->setIcon(QIcon::fromTheme(QStringLiteral("dialog-warning")));
    }
    if (!m_entries.isEmpty()) {
        menu.addSeparator();
        menu.addAction(tr("Clear"), this, [this] { m_entries.clear(); });
    }
    m_unseen = 0;
    updateButton();
    if (m_button)
        menu.exec(m_button->mapToGlobal(QPoint(0, 0)) - QPoint(0, menu.sizeHint().height()));
    else
        menu.exec(QCursor::pos());
}
