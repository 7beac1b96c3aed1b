#pragma once

#include <QObject>

class QAction;
class QMainWindow;
class QPoint;

// The main window's commands: the actions with their icons, shortcuts and objectNames, the menu
// bar, the main toolbar and the table's context menu, and when each command is available. What a
// command does is the window's business: it connects to the actions' triggered signals.
class WindowActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowActions)

public:
    // Fills the window's menu bar and adds the main toolbar.
    explicit WindowActions(QMainWindow *window);

    QAction *refresh() const { return m_refresh; }
    QAction *newSession() const { return m_new; }
    QAction *startSimilar() const { return m_similar; }
    QAction *terminate() const { return m_terminate; }
    QAction *copyId() const { return m_copy; }
    QAction *details() const { return m_details; }
    QAction *pin() const { return m_pin; }
    QAction *find() const { return m_find; }
    QAction *exportCsv() const { return m_exportCsv; }
    QAction *exportJson() const { return m_exportJson; }
    QAction *signIn() const { return m_signIn; }
    QAction *showDetailPane() const { return m_showDetailPane; }
    QAction *setPrice() const { return m_setPrice; }

    // Enables what applies to the selection; `pinned` is whether the first selected session is.
    void update(bool connected, qsizetype selected, bool anySelectedActive, bool pinned);
    // The session table's context menu, at a global position.
    void execContextMenu(const QPoint &globalPos);

private:
    void createMenus();
    void showAbout();

    QMainWindow *m_window;
    QAction *m_refresh;
    QAction *m_new;
    QAction *m_similar;
    QAction *m_terminate;
    QAction *m_copy;
    QAction *m_details;
    QAction *m_pin;
    QAction *m_find;
    QAction *m_exportCsv;
    QAction *m_exportJson;
    QAction *m_signIn;
    QAction *m_showDetailPane;
    QAction *m_setPrice;
};
