#include "ui/sandboxbanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QToolButton>

namespace {
const char *const kDismissedKey = "ui/sandboxBannerDismissed";
}

SandboxBanner::SandboxBanner(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("sandboxBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    m_text = new QLabel(tr("<b>Local sandbox:</b> simulated sessions on this computer, no AWS account and no cost. "
                           "To see your AWS sessions, choose a profile in the Profile box (from ~/.aws/config)."),
                        this);
    m_text->setObjectName(QStringLiteral("sandboxBannerText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    auto *close = new QToolButton(this);
    close->setObjectName(QStringLiteral("sandboxBannerClose"));
    close->setIcon(QIcon::fromTheme(QStringLiteral("window-close")));
    close->setText(tr("Dismiss"));
    close->setToolButtonStyle(Qt::ToolButtonTextOnly);
    close->setAutoRaise(true);
    close->setToolTip(tr("Dismiss this note; it will not come back"));
    close->setAccessibleName(tr("Dismiss the sandbox note"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    connect(close, &QToolButton::clicked, this, [this] {
        QSettings().setValue(QLatin1String(kDismissedKey), true);
        hide();
        Q_EMIT dismissed();
    });
    hide();
}

bool SandboxBanner::isDismissed()
{
    return QSettings().value(QLatin1String(kDismissedKey), false).toBool();
}

void SandboxBanner::setSandboxShown(bool sandbox)
{
    setVisible(sandbox && !isDismissed());
}
