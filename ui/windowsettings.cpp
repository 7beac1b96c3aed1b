#include "ui/windowsettings.h"

#include <QHeaderView>
#include <QMainWindow>
#include <QSettings>
#include <QSplitter>

WindowSettings::WindowSettings(QMainWindow *window, QSplitter *splitter, QHeaderView *tableHeader)
    : m_window(window), m_splitter(splitter), m_tableHeader(tableHeader)
{
}

void WindowSettings::restoreLayout() const
{
    QSettings settings;
    m_window->restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    m_window->restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    m_tableHeader->restoreState(settings.value(QStringLiteral("table/header")).toByteArray());
}

WindowSettings::Scope WindowSettings::savedScope()
{
    QSettings settings;
    Scope scope;
    if (settings.contains(QStringLiteral("connection/kind"))) {
        if (settings.value(QStringLiteral("connection/kind")).toString() == QStringLiteral("profile"))
            scope.connection = ConnectionChoice::awsProfile(settings.value(QStringLiteral("connection/profile")).toString(),
                                                            settings.value(QStringLiteral("connection/region")).toString());
        else
            scope.connection = ConnectionChoice::sandbox();
    }
    scope.workGroup = settings.value(QStringLiteral("scope/workGroup")).toString();
    scope.filter = StateFilter::fromKey(settings.value(QStringLiteral("scope/filter")).toString());
    // Live by default: a full pass every minute (the rows in view are refreshed more often). The key
    // is new since that default: "refresh/interval" was saved as off by versions that started off.
    scope.autoRefreshSeconds = settings.value(QStringLiteral("refresh/everySeconds"), defaultAutoRefreshSeconds).toInt();
    return scope;
}

void WindowSettings::save(const Scope &scope) const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), m_window->saveGeometry());
    settings.setValue(QStringLiteral("window/state"), m_window->saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("table/header"), m_tableHeader->saveState());
    if (const std::optional<ConnectionChoice> &c = scope.connection) {
        settings.setValue(QStringLiteral("connection/kind"),
                          c->kind == ConnectionChoice::Kind::Sandbox ? QStringLiteral("sandbox") : QStringLiteral("profile"));
        settings.setValue(QStringLiteral("connection/profile"), c->profile);
        settings.setValue(QStringLiteral("connection/region"), c->region);
    }
    settings.setValue(QStringLiteral("scope/workGroup"), scope.workGroup);
    settings.setValue(QStringLiteral("scope/filter"), scope.filter.key());
    settings.setValue(QStringLiteral("refresh/everySeconds"), scope.autoRefreshSeconds);
}
