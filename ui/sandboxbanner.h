#pragma once

#include <QFrame>

class QLabel;

// A one-line note above the table while the Local sandbox is shown: what it is and how to reach
// AWS instead. Closing it is remembered ("ui/sandboxBannerDismissed").
class SandboxBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxBanner)

public:
    explicit SandboxBanner(QWidget *parent = nullptr);
    // Shown for the sandbox unless dismissed before.
    void setSandboxShown(bool sandbox);
    static bool isDismissed();

Q_SIGNALS:
    void dismissed();

private:
    QLabel *m_text;
};
