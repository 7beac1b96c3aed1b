#pragma once

#include "dashboard/dashboard.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTableView;
class QToolButton;
class ConnectionBar;
class DetailPane;
class Notifier;
class StartSessionDialog;
class StateAppearanceProxy;

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
    QTableView *table() const { return m_table; }
    DetailPane *detailPane() const { return m_detail; }
    ConnectionBar *connectionBar() const { return m_bar; }
    Notifier *notifier() const { return m_notifier; }
    QStringList selectedSessionIds() const;
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
    void createActions();
    void createLayout();
    void connectDashboard();
    void restoreState();
    void saveState();
    void connectTo(const ConnectionChoice &choice);
    void onSelectionChanged();
    void updateActions();
    void updateEmptyState();
    void showConnectionError(const aws::AwsError &error);
    void showStatusError(const aws::AwsError &error, const QString &during);
    void clearStatusError();
    void terminateSelected();
    void copySelectedIds();
    void exportRows(bool json);
    void takeScreenshot();
    QList<int> visibleModelRows() const;
    QString modelSessionIdAt(const QModelIndex &viewIndex) const;

    Dashboard *m_dashboard;
    StateAppearanceProxy *m_appearance;
    ConnectionBar *m_bar;
    QTableView *m_table;
    DetailPane *m_detail;
    QSplitter *m_splitter;
    QStackedWidget *m_center;
    QLabel *m_emptyTitle;
    QLabel *m_emptyText;
    QPushButton *m_emptyPrimary;
    QPushButton *m_emptySecondary;
    QLabel *m_progress;
    QToolButton *m_cancelLoad;
    QLabel *m_statusError;
    QToolButton *m_retry;
    QLabel *m_connectionLabel;
    Notifier *m_notifier;
    QPointer<StartSessionDialog> m_dialog;

    QAction *m_refreshAction = nullptr;
    QAction *m_newAction = nullptr;
    QAction *m_similarAction = nullptr;
    QAction *m_terminateAction = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_detailsAction = nullptr;
    QAction *m_pinAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_exportCsvAction = nullptr;
    QAction *m_exportJsonAction = nullptr;

    std::optional<aws::AwsError> m_connectionError;
    std::optional<aws::AwsError> m_listingError;
    bool m_loadedOnce = false;
    QString m_screenshotPath;
    bool m_started = false;
};
