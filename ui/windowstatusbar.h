#pragma once

#include "aws/awserror.h"

#include <QElapsedTimer>
#include <QStatusBar>
#include <QTimer>

class QLabel;
class QToolButton;

// The main window's status bar: listing progress with the time so far and Cancel, the last error with Retry, and the
// connection on the right. The buttons only ask; the window acts.
class WindowStatusBar final : public QStatusBar
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowStatusBar)

public:
    explicit WindowStatusBar(QWidget *parent = nullptr);

    void showLoadingStarted();
    void showLoadingProgress(int pages, int sessions);
    void showLoadingFinished(bool complete, int sessions);
    // "<during> failed: <error>", with Retry.
    void showError(const aws::AwsError &error, const QString &during);
    // Without Retry.
    void setErrorText(const QString &text);
    void clearError();
    QString errorText() const;
    void setConnectionText(const QString &text);
    // The rows the table shows out of those loaded ("5 of 40 sessions"); clearCount() when the
    // table is not shown. Not shown while a listing is in progress (its progress is).
    void setShownCount(int shown, int loaded);
    void clearCount();
    // DPU-hours and cost of the selection, workgroup and view.
    void setTotalsText(const QString &text);
    QString countText() const;
    QString totalsText() const;

Q_SIGNALS:
    void cancelRequested();
    void retryRequested();

private:
    void updateProgress();

    QLabel *m_progress;
    QElapsedTimer m_loadingSince; // valid while loading
    QTimer *m_tick;
    int m_pages = 0;
    int m_sessions = 0;
    bool m_complete = true;
    int m_shown = -1;  // -1: no count to show
    int m_loaded = 0;
    void showCount();
    QLabel *m_totals;
    QToolButton *m_cancelLoad;
    QLabel *m_error;
    QToolButton *m_retry;
    QLabel *m_connection;
};
