#pragma once

#include "athena/athenatypes.h"

#include <QObject>
#include <QPointer>

#include <optional>

class Dashboard;
class QWidget;
class StartSessionDialog;

// New session and Start similar: opens the start dialog (one at a time; a second request raises
// it), filled in from the dashboard (Spark workgroups, the DPU-hour price, the scope's workgroup)
// or from an existing session, and sends what it submits through the dashboard.
class StartSessionLauncher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StartSessionLauncher)

public:
    explicit StartSessionLauncher(Dashboard *dashboard, QWidget *window);

    StartSessionDialog *open(const std::optional<athena::SessionDetails> &similarTo = std::nullopt);
    // Like the session: its details if they were fetched, else what its summary says.
    StartSessionDialog *openSimilarTo(const QString &sessionId);

Q_SIGNALS:
    // The session was created; the dialog has closed.
    void started(const QString &sessionId);

private:
    Dashboard *m_dashboard;
    QWidget *m_window;
    QPointer<StartSessionDialog> m_dialog;
};
