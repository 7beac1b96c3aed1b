#include "ui/windowstatusbar.h"

#include <QLabel>
#include <QToolButton>

WindowStatusBar::WindowStatusBar(QWidget *parent) : QStatusBar(parent)
{
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed); // as QMainWindow's own
    m_progress = new QLabel(this);
    m_progress->setObjectName(QStringLiteral("progressLabel"));
    m_cancelLoad = new QToolButton(this);
    m_cancelLoad->setObjectName(QStringLiteral("cancelLoadButton"));
    m_cancelLoad->setText(tr("Cancel"));
    m_cancelLoad->hide();
    connect(m_cancelLoad, &QToolButton::clicked, this, &WindowStatusBar::cancelRequested);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("statusErrorLabel"));
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry = new QToolButton(this);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_retry->setText(tr("Retry"));
    m_retry->hide();
    connect(m_retry, &QToolButton::clicked, this, &WindowStatusBar::retryRequested);
    m_totals = new QLabel(this);
    m_totals->setObjectName(QStringLiteral("totalsLabel"));
    m_totals->setToolTip(tr("DPU-hours and estimated cost of the selected sessions, of the workgroup and of every session shown"));
    m_connection = new QLabel(this);
    m_connection->setObjectName(QStringLiteral("connectionLabel"));
    addWidget(m_progress);
    addWidget(m_cancelLoad);
    addWidget(m_error, 1);
    addWidget(m_retry);
    addPermanentWidget(m_totals);
    addPermanentWidget(m_connection);
    m_tick = new QTimer(this);
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &WindowStatusBar::updateProgress);
}

void WindowStatusBar::showLoadingStarted()
{
    m_pages = 0;
    m_sessions = 0;
    m_loadingSince.start();
    m_tick->start();
    m_cancelLoad->show();
    updateProgress();
}

void WindowStatusBar::showLoadingProgress(int pages, int sessions)
{
    m_pages = pages;
    m_sessions = sessions;
    updateProgress();
}

void WindowStatusBar::updateProgress()
{
    QString text = m_pages == 0 ? tr("Loading sessions…")
                                : tr("Loaded %n session(s), ", nullptr, m_sessions) + tr("%n page(s)…", nullptr, m_pages);
    if (const qint64 seconds = m_loadingSince.isValid() ? m_loadingSince.elapsed() / 1000 : 0; seconds >= 1)
        text += QLatin1Char(' ') + tr("%1 s").arg(seconds);
    m_progress->setText(text);
}

void WindowStatusBar::showLoadingFinished(bool complete, int sessions)
{
    m_tick->stop();
    m_loadingSince.invalidate();
    m_cancelLoad->hide();
    m_complete = complete;
    if (m_shown < 0 || m_loaded != sessions)
        m_shown = m_loaded = sessions; // until the window says how many it shows
    showCount();
}

void WindowStatusBar::setShownCount(int shown, int loaded)
{
    m_shown = shown;
    m_loaded = loaded;
    if (!m_loadingSince.isValid())
        showCount();
}

void WindowStatusBar::clearCount()
{
    m_shown = -1;
    if (!m_loadingSince.isValid())
        m_progress->clear();
    m_totals->clear();
}

void WindowStatusBar::showCount()
{
    if (m_shown < 0) {
        m_progress->clear();
        return;
    }
    QString text = m_shown == m_loaded ? tr("%n session(s)", nullptr, m_shown)
                                       : tr("%1 of %n session(s)", nullptr, m_loaded).arg(m_shown);
    if (!m_complete)
        text += QLatin1Char(' ') + tr("(incomplete)");
    m_progress->setText(text);
}

void WindowStatusBar::setTotalsText(const QString &text)
{
    m_totals->setText(text);
}

QString WindowStatusBar::countText() const
{
    return m_progress->text();
}

QString WindowStatusBar::totalsText() const
{
    return m_totals->text();
}

void WindowStatusBar::showError(const aws::AwsError &error, const QString &during)
{
    m_error->setText(tr("%1 failed: %2").arg(during, error.toString()));
    m_error->setToolTip(error.toString());
    m_retry->show();
}

void WindowStatusBar::setErrorText(const QString &text)
{
    m_error->setText(text);
}

void WindowStatusBar::clearError()
{
    m_error->clear();
    m_retry->hide();
}

QString WindowStatusBar::errorText() const
{
    return m_error->text();
}

void WindowStatusBar::setConnectionText(const QString &text)
{
    m_connection->setText(text);
}
