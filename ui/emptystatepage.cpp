#include "ui/emptystatepage.h"

#include "dashboard/dashboard.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

EmptyStatePage::EmptyStatePage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("emptyState"));
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("emptyStateTitle"));
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.4);
    m_title->setFont(f);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setWordWrap(true);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("emptyStateText"));
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_text->setOpenExternalLinks(true);
    m_primary = new QPushButton(this);
    m_primary->setObjectName(QStringLiteral("emptyStatePrimaryButton"));
    m_secondary = new QPushButton(this);
    m_secondary->setObjectName(QStringLiteral("emptyStateSecondaryButton"));
    connect(m_primary, &QPushButton::clicked, this, [this] { emitRequest(m_onPrimary); });
    connect(m_secondary, &QPushButton::clicked, this, [this] { emitRequest(m_onSecondary); });
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_primary);
    buttons->addWidget(m_secondary);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addWidget(m_title);
    layout->addWidget(m_text);
    layout->addLayout(buttons);
    layout->addStretch(2);
    m_waitingTick = new QTimer(this);
    m_waitingTick->setInterval(1000);
    connect(m_waitingTick, &QTimer::timeout, this, &EmptyStatePage::updateWaitingText);
}

void EmptyStatePage::presentWaiting(const QString &title)
{
    const bool wasWaiting = m_waitingSince.isValid() && m_title->text() == title;
    present(title, QString(), tr("Cancel"), Request::CancelLoading);
    if (!wasWaiting) {
        m_waitingSince.start();
        m_waitingTick->start();
    }
    updateWaitingText();
}

void EmptyStatePage::updateWaitingText()
{
    if (!m_waitingSince.isValid())
        return;
    const int seconds = static_cast<int>(m_waitingSince.elapsed() / 1000);
    m_text->setText(seconds < 1 ? QString() : tr("No answer yet after %1 s.").arg(seconds));
}

bool EmptyStatePage::explain(Dashboard *dashboard, const std::optional<aws::AwsError> &connectionError,
                             const std::optional<aws::AwsError> &listingError, bool loadedOnce)
{
    const bool canSignIn = m_signInAvailable;
    if (connectionError) {
        explainConnectionError(*connectionError, canSignIn);
        return true;
    }
    if (listingError && isExpiredSignIn(*listingError)) {
        explainConnectionError(*listingError, canSignIn);
        return true;
    }
    if (!dashboard->isConnected()) {
        present(tr("Connecting…"), QString());
        return true;
    }
    const int sourceRows = dashboard->model()->rowCount();
    const int visibleRows = dashboard->proxy()->rowCount();
    if (sourceRows > 0 && visibleRows == 0 && !dashboard->proxy()->searchText().isEmpty()) {
        present(tr("No session matches “%1”").arg(dashboard->proxy()->searchText()),
                tr("The search looks at session IDs and descriptions."), tr("Clear search"), Request::ClearSearch);
        return true;
    }
    if (visibleRows > 0)
        return false; // (rows of ended sessions the state filter hides count as none)
    if (dashboard->workGroupsLoaded() && dashboard->sparkWorkGroups().isEmpty()) {
        present(tr("No Spark workgroups"),
                tr("<p>This account has no workgroup with an Apache Spark engine in %1.</p><p>Create one in the Athena "
                   "console (or with <code>aws athena create-work-group</code>), then refresh.</p>").arg(dashboard->region()),
                tr("Refresh"), Request::Retry);
        return true;
    }
    if (listingError) {
        present(tr("Sessions could not be listed"), QStringLiteral("<p>%1</p>").arg(listingError->toString().toHtmlEscaped()),
                tr("Retry"), Request::Retry);
        return true;
    }
    if (dashboard->isLoading() || !loadedOnce) {
        presentWaiting(tr("Loading sessions…"));
        return true;
    }
    if (!m_lastListingComplete) {
        present(tr("The listing was cancelled"), tr("Nothing was listed before it stopped."), tr("Retry"), Request::Retry);
        return true;
    }
    const QString where = dashboard->workGroup().isEmpty() ? tr("any Spark workgroup") : dashboard->workGroup();
    const StateFilter filter = dashboard->filter();
    const QString which = filter.mode == StateFilter::Mode::Active ? tr("active sessions")
                          : filter.mode == StateFilter::Mode::All  ? tr("sessions")
                                                                   : tr("%1 sessions").arg(athena::stateName(filter.state));
    present(tr("No %1 in %2").arg(which, where), tr("Start one, or choose another workgroup or state above."),
            tr("Start session…"), Request::StartSession);
    return true;
}

bool EmptyStatePage::isExpiredSignIn(const aws::AwsError &e)
{
    static const QStringList codes = {QStringLiteral("SsoSignInRequired"), QStringLiteral("SsoTokenExpired"),
                                      QStringLiteral("ExpiredToken"), QStringLiteral("ExpiredTokenException"),
                                      QStringLiteral("RequestExpired")};
    return codes.contains(e.code);
}

void EmptyStatePage::explainConnectionError(const aws::AwsError &e, bool canSignIn)
{
    const QString message = e.toString().toHtmlEscaped();
    using Kind = aws::AwsError::Kind;
    if (isExpiredSignIn(e) && canSignIn) {
        present(tr("Sign-in required"),
                tr("<p>%1</p><p>Sign in to IAM Identity Center: your browser opens the sign-in page, and the AWS CLI "
                   "shares the sign-in.</p>").arg(message),
                tr("Sign in…"), Request::SignIn, tr("Use the Local sandbox"), Request::UseSandbox);
    } else if (isExpiredSignIn(e)) {
        present(tr("The AWS session has expired"),
                tr("<p>%1</p><p>Retry to get new credentials from the profile (an assumed role asks for its MFA code "
                   "again), or refresh the keys it reads.</p>").arg(message),
                tr("Retry"), Request::Retry, tr("Use the Local sandbox"), Request::UseSandbox);
    } else if (e.kind == Kind::Credentials) {
        present(tr("No AWS credentials"),
                tr("<p>%1</p><p>Add a profile with <code>aws configure --profile NAME</code> (or set "
                   "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), then choose it above. Or look around in the "
                   "Local sandbox, which needs no AWS account.</p>").arg(message),
                tr("Use the Local sandbox"), Request::UseSandbox, tr("Retry"), Request::Retry);
    } else if (e.kind == Kind::Config && (e.code == QStringLiteral("ConfigParseError") || e.code == QStringLiteral("ConfigReadError"))) {
        // The file and line are in the message; the AWS CLI cannot use the file either.
        present(tr("An AWS configuration file is broken"),
                tr("<p>%1</p><p>Fix that line (the AWS CLI refuses the file too), then Retry. The profiles above are "
                   "those that could be read; the Local sandbox works meanwhile.</p>").arg(message),
                tr("Retry"), Request::Retry, tr("Use the Local sandbox"), Request::UseSandbox);
    } else if (e.kind == Kind::Config) {
        present(tr("The connection settings are incomplete"),
                tr("<p>%1</p><p>Choose a region above, or fix the profile in your AWS config files.</p>").arg(message),
                tr("Retry"), Request::Retry, tr("Use the Local sandbox"), Request::UseSandbox);
    } else if (e.kind == Kind::Service && e.code == QStringLiteral("UnrecognizedClientException")) {
        present(tr("The access key is not known"),
                tr("<p>%1</p><p>AWS does not know the access key id of this profile: it was deleted, mistyped, or "
                   "belongs to another partition or endpoint. Check the profile's keys.</p>").arg(message),
                tr("Retry"), Request::Retry, tr("Use the Local sandbox"), Request::UseSandbox);
    } else if (e.kind == Kind::Service && (e.code == QStringLiteral("InvalidSignatureException")
                                           || e.code == QStringLiteral("SignatureDoesNotMatch"))) {
        present(tr("The secret key does not match"),
                tr("<p>%1</p><p>The request was signed with a secret access key that does not belong to the access key "
                   "id (or the machine's clock is far off). Check the profile's secret key.</p>").arg(message),
                tr("Retry"), Request::Retry, tr("Use the Local sandbox"), Request::UseSandbox);
    } else if (e.kind == Kind::Service && (e.httpStatus == 403 || e.code.contains(QStringLiteral("AccessDenied"))
                                           || e.code == QStringLiteral("UnrecognizedClientException"))) {
        present(tr("Access denied"),
                tr("<p>%1</p><p>The credentials were refused or lack permission (athena:ListWorkGroups, "
                   "athena:ListSessions, athena:GetSession). Check the profile's policy, or its clock if the "
                   "signature expired.</p>").arg(message),
                tr("Retry"), Request::Retry, tr("Use the Local sandbox"), Request::UseSandbox);
    } else if (e.kind == Kind::Network || e.kind == Kind::Timeout) {
        present(tr("The endpoint cannot be reached"),
                tr("<p>%1</p><p>Check the network, a proxy, or the endpoint URL (AWS_ENDPOINT_URL_ATHENA, the "
                   "profile's endpoint_url).</p>").arg(message),
                tr("Retry"), Request::Retry, tr("Use the Local sandbox"), Request::UseSandbox);
    } else if (e.kind == Kind::Cancelled) {
        present(tr("Cancelled"), QStringLiteral("<p>%1</p>").arg(message), tr("Retry"), Request::Retry,
                tr("Use the Local sandbox"), Request::UseSandbox);
    } else {
        present(tr("Could not connect"), QStringLiteral("<p>%1</p>").arg(message), tr("Retry"), Request::Retry,
                tr("Use the Local sandbox"), Request::UseSandbox);
    }
}

QString EmptyStatePage::text() const
{
    return m_title->text() + QLatin1Char('\n') + m_text->text();
}

void EmptyStatePage::present(const QString &title, const QString &text, const QString &primary, Request onPrimary,
                             const QString &secondary, Request onSecondary)
{
    if (onPrimary != Request::CancelLoading) { // any other state ends the waiting
        m_waitingSince.invalidate();
        m_waitingTick->stop();
    }
    m_title->setText(title);
    m_text->setText(text);
    m_onPrimary = onPrimary;
    m_primary->setVisible(!primary.isEmpty());
    m_primary->setText(primary);
    m_onSecondary = onSecondary;
    m_secondary->setVisible(!secondary.isEmpty());
    m_secondary->setText(secondary);
}

void EmptyStatePage::emitRequest(Request request)
{
    switch (request) {
    case Request::None:
        break;
    case Request::Retry:
        Q_EMIT retryRequested();
        break;
    case Request::UseSandbox:
        Q_EMIT useSandboxRequested();
        break;
    case Request::ClearSearch:
        Q_EMIT clearSearchRequested();
        break;
    case Request::StartSession:
        Q_EMIT startSessionRequested();
        break;
    case Request::SignIn:
        Q_EMIT signInRequested();
        break;
    case Request::CancelLoading:
        Q_EMIT cancelLoadingRequested();
        break;
    }
}
