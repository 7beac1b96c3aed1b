#include "ui/signindialog.h"

#include "aws/ssodevicesignin.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

SignInDialog::SignInDialog(aws::SsoDeviceSignIn *signIn, const QString &profile, QWidget *parent)
    : QDialog(parent), m_signIn(signIn)
{
    setObjectName(QStringLiteral("signInDialog"));
    setWindowTitle(tr("Sign in to IAM Identity Center"));
    signIn->setParent(this);
    m_intro = new QLabel(tr("Profile <b>%1</b> signs in at %2. The sign-in page opens in your browser; approve the "
                            "request there.")
                             .arg(profile.toHtmlEscaped(), signIn->settings().startUrl.toHtmlEscaped()),
                         this);
    m_intro->setWordWrap(true);
    m_code = new QLabel(this);
    m_code->setObjectName(QStringLiteral("signInCode"));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(mono.pointSizeF() * 2);
    mono.setBold(true);
    m_code->setFont(mono);
    m_code->setAlignment(Qt::AlignCenter);
    m_code->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status = new QLabel(tr("Contacting IAM Identity Center…"), this);
    m_status->setObjectName(QStringLiteral("signInStatus"));
    m_status->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(this);
    m_openAgain = buttons->addButton(tr("Open the page again"), QDialogButtonBox::ActionRole);
    m_openAgain->setObjectName(QStringLiteral("signInOpenPage"));
    m_openAgain->setEnabled(false);
    m_retry = buttons->addButton(tr("Try again"), QDialogButtonBox::ActionRole);
    m_retry->setObjectName(QStringLiteral("signInRetry"));
    m_retry->hide();
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_openAgain, &QPushButton::clicked, this, [this] { QDesktopServices::openUrl(m_url); });
    connect(m_retry, &QPushButton::clicked, this, &SignInDialog::start);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addSpacing(8);
    layout->addWidget(m_code);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    setMinimumWidth(440);

    connect(signIn, &aws::SsoDeviceSignIn::awaitingApproval, this, &SignInDialog::onAwaitingApproval);
    connect(signIn, &aws::SsoDeviceSignIn::succeeded, this, [this] {
        m_tick.stop();
        accept();
    });
    connect(signIn, &aws::SsoDeviceSignIn::failed, this, &SignInDialog::onFailed);
    connect(this, &QDialog::rejected, signIn, &aws::SsoDeviceSignIn::cancel);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &SignInDialog::updateWaiting);
    start();
}

SignInDialog::~SignInDialog()
{
    m_signIn->disconnect(this);
    m_signIn->cancel();
}

QString SignInDialog::userCode() const
{
    return m_code->text();
}

QString SignInDialog::statusText() const
{
    return m_status->text();
}

void SignInDialog::start()
{
    m_retry->hide();
    m_code->clear();
    m_status->setText(tr("Contacting IAM Identity Center…"));
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_signIn->start();
}

void SignInDialog::onAwaitingApproval(const QUrl &url, const QString &code, const QDateTime &expiresAt)
{
    m_url = url;
    m_expiresAt = expiresAt;
    m_code->setText(code);
    m_openAgain->setEnabled(true);
    updateWaiting();
    m_tick.start();
    QDesktopServices::openUrl(url);
}

void SignInDialog::updateWaiting()
{
    const qint64 left = QDateTime::currentDateTimeUtc().secsTo(m_expiresAt);
    m_status->setText(tr("Check that the page shows this code, then approve. Waiting for the approval… "
                         "(the code is valid for %1 more minutes)")
                          .arg(std::max<qint64>(0, (left + 59) / 60)));
}

void SignInDialog::onFailed(const aws::AwsError &error)
{
    m_tick.stop();
    if (error.kind == aws::AwsError::Kind::Cancelled)
        return;
    m_code->clear();
    m_openAgain->setEnabled(false);
    m_status->setText(tr("The sign-in did not complete: %1").arg(error.message));
    m_retry->show();
}
