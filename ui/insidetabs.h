#pragma once

#include "athena/calculationtypes.h"
#include "sessions/sessioninside.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class DpuChart;
class PythonHighlighter;

// The detail pane's tabs for what runs inside the selected session. Each shows what SessionInside
// keeps and asks it to act; none talks to the service itself.

// The session's calculations; the selected one's state, reason, code (highlighted) and result
// locations (each with a copy button), and Stop for one that has not finished.
class CalculationsTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CalculationsTab)

public:
    CalculationsTab(SessionInside *inside, QWidget *parent = nullptr);
    void select(const QString &calculationId);
    void setDark(bool dark);

private:
    void showSelected();
    QLineEdit *addUri(class QFormLayout *form, const QString &label, const QString &name);

    SessionInside *m_inside;
    QTableView *m_view;
    QLabel *m_state;
    QPlainTextEdit *m_code;
    PythonHighlighter *m_highlighter;
    QLineEdit *m_stdout;
    QLineEdit *m_stderr;
    QLineEdit *m_result;
    QPushButton *m_stop;
    QLabel *m_message;
    bool m_showingPollError = false;
};

// A code editor that submits to the session (Ctrl+Enter). A refused submit keeps the text.
class RunCodeTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunCodeTab)

public:
    RunCodeTab(SessionInside *inside, QWidget *parent = nullptr);
    void updateAvailability();
    void setDark(bool dark);

Q_SIGNALS:
    void submitted(const QString &calculationId);

private:
    void submit();

    SessionInside *m_inside;
    QLineEdit *m_description;
    QPlainTextEdit *m_editor;
    PythonHighlighter *m_highlighter;
    QPushButton *m_run;
    QLabel *m_message;
    bool m_submitting = false;
    bool m_showingWhy = false; // the message says why code cannot run now
};

// The executors now, the DPUs they use, and a chart of DPUs in use over the time watched.
class ExecutorsTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExecutorsTab)

public:
    ExecutorsTab(SessionInside *inside, const aws::Clock *clock, QWidget *parent = nullptr);

private:
    void refresh();

    SessionInside *m_inside;
    QLabel *m_now;
    DpuChart *m_chart;
    QTableView *m_view;
};

// The Spark Connect endpoint: the URL to copy, and the token's expiry. The token itself is never
// shown; it is copied only by its own button, and cleared from the clipboard a minute later if
// the clipboard still holds it.
class ConnectTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectTab)

public:
    ConnectTab(SessionInside *inside, const aws::Clock *clock, QWidget *parent = nullptr);
    ~ConnectTab() override;
    void sessionUpdated(bool another); // the selected session changed, or its state did
    static constexpr int clipboardClearMs = 60000;

private:
    void showEndpoint();
    void clearCopiedToken();

    SessionInside *m_inside;
    const aws::Clock *m_clock;
    QString m_copiedToken; // what Copy token put in the clipboard, until it is cleared
    QLabel *m_explain;
    QLineEdit *m_url;
    QLabel *m_expiry;
    QPushButton *m_fetch;
    QPushButton *m_copyUrl;
    QPushButton *m_copyToken;
    QLabel *m_message;
    std::optional<athena::SessionEndpoint> m_endpoint;
    QTimer m_clearClipboard;
};
