#pragma once

#include "dashboard/dashboard.h"
#include "sessions/statefilter.h"

#include <optional>

class QHeaderView;
class QMainWindow;
class QSplitter;

// What the window remembers between runs, in QSettings: its geometry, toolbars, splitter and
// table columns, and the scope it showed (connection, workgroup, state filter, auto-refresh).
class WindowSettings final
{
public:
    static constexpr int defaultAutoRefreshSeconds = 60;

    struct Scope
    {
        std::optional<ConnectionChoice> connection; // when read: none saved yet, the caller's default
        QString workGroup;
        StateFilter filter;
        int autoRefreshSeconds = defaultAutoRefreshSeconds;
    };

    explicit WindowSettings(QMainWindow *window, QSplitter *splitter, QHeaderView *tableHeader);

    void restoreLayout() const;
    // The layout and the scope.
    void save(const Scope &scope) const;
    static Scope savedScope();

private:
    QMainWindow *m_window;
    QSplitter *m_splitter;
    QHeaderView *m_tableHeader;
};
