#include "ui/startsessionlauncher.h"

#include "dashboard/dashboard.h"
#include "ui/startsessiondialog.h"

StartSessionLauncher::StartSessionLauncher(Dashboard *dashboard, QWidget *window)
    : QObject(window), m_dashboard(dashboard), m_window(window)
{
}

StartSessionDialog *StartSessionLauncher::open(const std::optional<athena::SessionDetails> &similarTo)
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return m_dialog;
    }
    QStringList groups;
    for (const athena::WorkGroupSummary &w : m_dashboard->sparkWorkGroups())
        groups << w.name;
    StartSessionForm form = similarTo ? StartSessionForm::similarTo(*similarTo) : StartSessionForm();
    form.setDpuHourPrice(m_dashboard->dpuHourPrice());
    form.setUnusableWorkGroups(m_dashboard->unusableWorkGroups());
    if (!similarTo && !m_dashboard->workGroup().isEmpty())
        form.setText(StartSessionForm::Field::WorkGroup, m_dashboard->workGroup());
    auto *dialog = new StartSessionDialog(groups, form, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (similarTo)
        dialog->setWindowTitle(tr("Start a session like %1").arg(similarTo->description.isEmpty() ? similarTo->sessionId
                                                                                                   : similarTo->description));
    m_dialog = dialog;
    connect(dialog, &StartSessionDialog::submitRequested, this, [this, dialog](const athena::StartSessionRequest &request) {
        // The dialog is the context: if it is closed meanwhile, the result still reaches the table
        // through the dashboard, only the dialog is gone.
        m_dashboard->startSession(request, dialog, [this, dialog](const aws::Result<athena::StartSessionResult> &r) {
            if (!r.ok()) {
                dialog->showServiceError(r.error());
                return;
            }
            dialog->finishSubmission();
            Q_EMIT started(r->sessionId);
        });
    });
    dialog->open();
    return dialog;
}

StartSessionDialog *StartSessionLauncher::openSimilarTo(const QString &sessionId)
{
    std::optional<athena::SessionDetails> d = m_dashboard->model()->detailsOf(sessionId);
    if (!d) {
        const int row = m_dashboard->model()->rowOf(sessionId);
        athena::SessionDetails fromSummary;
        const athena::SessionSummary s = m_dashboard->model()->summaryAt(row);
        fromSummary.sessionId = s.sessionId;
        fromSummary.description = s.description;
        fromSummary.workGroup = m_dashboard->model()->workGroupOf(s.sessionId);
        fromSummary.notebookVersion = s.notebookVersion;
        d = fromSummary;
    }
    return open(d);
}
