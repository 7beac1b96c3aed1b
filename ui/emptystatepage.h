#pragma once

#include "aws/awserror.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <optional>

class Dashboard;
class QLabel;
class QPushButton;

// What takes the table's place while it has nothing to show: connecting or loading, no AWS
// credentials, incomplete settings, an unreachable endpoint, refused access, no Spark workgroups,
// a listing that failed, a search that matches nothing, or no sessions in the scope. Each says
// what happened and offers what to do next; the buttons only ask, the window acts.
class EmptyStatePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmptyStatePage)

public:
    explicit EmptyStatePage(QWidget *parent = nullptr);

    // Explains the dashboard's state and returns true, or returns false when the table has rows
    // to show. The errors are the window's: the last connection and listing failures.
    bool explain(Dashboard *dashboard, const std::optional<aws::AwsError> &connectionError,
                 const std::optional<aws::AwsError> &listingError, bool loadedOnce);
    // Whether an error means the credentials need a new sign-in (IAM Identity Center, an expired
    // session token or assumed role) rather than a different profile.
    static bool isExpiredSignIn(const aws::AwsError &error);
    // Whether the chosen profile can sign in from the window (it uses IAM Identity Center).
    void setSignInAvailable(bool available) { m_signInAvailable = available; }
    // Whether the last listing ended early (cancelled, or stopped by an error already shown).
    void setLastListingComplete(bool complete) { m_lastListingComplete = complete; }
    // The title and the text, for tests.
    QString text() const;

Q_SIGNALS:
    void retryRequested();
    void useSandboxRequested();
    void clearSearchRequested();
    void startSessionRequested();
    void signInRequested();
    void cancelLoadingRequested();

private:
    enum class Request { None, Retry, UseSandbox, ClearSearch, StartSession, SignIn, CancelLoading };

    void present(const QString &title, const QString &text, const QString &primary = {},
                 Request onPrimary = Request::None, const QString &secondary = {},
                 Request onSecondary = Request::None);
    void explainConnectionError(const aws::AwsError &error, bool canSignIn);
    void emitRequest(Request request);
    // While waiting (connecting or loading): how long so far, ticking, with Cancel.
    void presentWaiting(const QString &title);
    void updateWaitingText();

    QLabel *m_title;
    QLabel *m_text;
    QPushButton *m_primary;
    QPushButton *m_secondary;
    Request m_onPrimary = Request::None;
    Request m_onSecondary = Request::None;
    bool m_signInAvailable = false;
    bool m_lastListingComplete = true;
    QElapsedTimer m_waitingSince; // valid while a waiting state is shown
    QTimer *m_waitingTick;
};
