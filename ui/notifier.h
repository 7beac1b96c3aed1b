#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QStringList>

class QSystemTrayIcon;
class QToolButton;
class QWidget;

// Notifications of the sessions the user follows (started, pinned): a system tray message where
// the platform has a tray, and always the window's own list — a status-bar button with the
// number not yet seen, opening the recent ones with their times — so that nothing depends on a
// tray being there. Without a tray the window is also alerted.
class Notifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Notifier)

public:
    struct Entry
    {
        QDateTime at;
        QString title;
        QString message;
        bool problem = false;
    };
    static constexpr int maxEntries = 100;

    explicit Notifier(QWidget *window, QObject *parent = nullptr);
    ~Notifier() override;

    void notify(const QString &title, const QString &message, bool problem);
    // "title: message" per entry, oldest first (tests, diagnostics).
    QStringList history() const;
    const QList<Entry> &entries() const { return m_entries; }
    int unseen() const { return m_unseen; }
    bool usesTray() const { return m_tray != nullptr; }
    // The status-bar button (created on first use, owned by `parent`).
    QToolButton *button(QWidget *parent);
    // Opens the list (the button's click); marks everything seen.
    void showList();

Q_SIGNALS:
    void notified(const QString &title, const QString &message);

private:
    void updateButton();

    QWidget *m_window;
    QSystemTrayIcon *m_tray = nullptr;
    QToolButton *m_button = nullptr;
    QList<Entry> m_entries;
    int m_unseen = 0;
};
