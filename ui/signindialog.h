#pragma once

#include "aws/result.h"

#include <QDateTime>
#include <QDialog>
#include <QTimer>
#include <QUrl>

class QLabel;
class QPushButton;
namespace aws {
class SsoDeviceSignIn;
}

// Signing in to IAM Identity Center from the window: starts the device sign-in, opens the
// verification page in the browser, shows the code the page must show and how long it stays valid,
// and closes (accepted) once the sign-in is approved. A failure stays in the dialog with *Try
// again*; Cancel stops the polling. The code is shown; tokens never reach the dialog.
class SignInDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInDialog)

public:
    // `signIn` is started at once and is owned by the dialog from then on.
    SignInDialog(aws::SsoDeviceSignIn *signIn, const QString &profile, QWidget *parent = nullptr);
    ~SignInDialog() override;

    QString userCode() const;
    QString statusText() const;

private:
    void onAwaitingApproval(const QUrl &url, const QString &code, const QDateTime &expiresAt);
    void onFailed(const aws::AwsError &error);
    void updateWaiting();
    void start();

    aws::SsoDeviceSignIn *m_signIn;
    QLabel *m_intro;
    QLabel *m_code;
    QLabel *m_status;
    QPushButton *m_openAgain;
    QPushButton *m_retry;
    QPushButton *m_cancel;
    QUrl m_url;
    QDateTime m_expiresAt;
    QDateTime m_startedAt;
    QTimer m_tick;
};
