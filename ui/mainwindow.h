#pragma once

#include "dashboard/dashboard.h"

#include <QMainWindow>

class QSplitter;
class QStackedWidget;
class QTableView;
class ConnectionBar;
class DetailPane;
class SessionInside;
class EmptyStatePage;
class Notifier;
class RowExporter;
class SandboxBanner;
class ScreenshotMode;
class SessionTableView;
class StartSessionDialog;
class StartSessionLauncher;
class StateAppearanceProxy;
class TableLive;
class WindowActions;
class WindowStatusBar;

// The window users live in: connection bar, session table, detail pane, status bar.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    struct StartOptions
    {
        std::optional<ConnectionChoice> connection; // from the command line; else settings, else the default
        QString workGroup;                           // from the command line
        QString screenshotPath;                      // save a PNG once the first listing finished, then quit
    };

    explicit MainWindow(Dashboard *dashboard, QWidget *parent = nullptr);
    ~MainWindow() override;

    void start(const StartOptions &options);

    // For tests and scripting.
    QTableView *table() const;
    DetailPane *detailPane() const { return m_detail; }
    WindowStatusBar *windowStatusBar() const { return m_status; }
    ConnectionBar *connectionBar() const { return m_bar; }
    Notifier *notifier() const { return m_notifier; }
    QStringList selectedSessionIds() const;
    // Every cost shown follows (a setting, kept).
    void setDpuHourPrice(double usd);
    bool selectSession(const QString &sessionId);
    StartSessionDialog *openStartDialog(const std::optional<athena::SessionDetails> &similarTo = std::nullopt);
    bool exportVisibleRows(const QString &path, bool json);
    QString emptyStateText() const;
    bool isShowingTable() const;
    QString statusErrorText() const;

Q_SIGNALS:
    void screenshotSaved(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void createLayout();
    void connectActions();
    void connectDashboard();
    void connectTo(const ConnectionChoice &choice);
    void refresh();
    void startSimilar();
    void showDetails();
    void onSelectionChanged();
    void rememberSelection();
    void restoreSelection();
    void updateActions();
    void updateEmptyState();
    void showConnectionError(const aws::AwsError &error);
    void signIn();
    QStringList activeSelectedIds() const;
    void terminateSelected();
    void copySelectedIds();

    Dashboard *m_dashboard;
    StateAppearanceProxy *m_appearance;
    Notifier *m_notifier;
    WindowActions *m_actions;
    ConnectionBar *m_bar = nullptr;
    SessionTableView *m_table = nullptr;
    EmptyStatePage *m_empty = nullptr;
    QStackedWidget *m_center = nullptr;
    DetailPane *m_detail = nullptr;
    SessionInside *m_inside = nullptr;
    QSplitter *m_splitter = nullptr;
    WindowStatusBar *m_status = nullptr;
    RowExporter *m_exporter;
    StartSessionLauncher *m_launcher;
    ScreenshotMode *m_screenshot;
    TableLive *m_live = nullptr;
    SandboxBanner *m_banner = nullptr;

    std::optional<aws::AwsError> m_connectionError;
    std::optional<aws::AwsError> m_listingError;
    bool m_loadedOnce = false;
    ConnectionChoice m_choice; // the last one asked for, connected or not
    bool m_started = false;
    QStringList m_restoreSelection; // the last selection the user made, given back after a filter change
};
