#include "ui/windowactions.h"

#include <QAction>
#include <QApplication>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStyle>
#include <QToolBar>

namespace {

QIcon themed(const char *name, QStyle::StandardPixmap fallback, const QWidget *w)
{
    return QIcon::fromTheme(QString::fromLatin1(name), w->style()->standardIcon(fallback));
}

} // namespace

WindowActions::WindowActions(QMainWindow *window) : QObject(window), m_window(window)
{
    m_refresh = new QAction(themed("view-refresh", QStyle::SP_BrowserReload, window), tr("&Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("refreshAction"));
    m_refresh->setShortcut(QKeySequence(Qt::Key_F5));
    m_refresh->setToolTip(tr("Refresh the session list (F5)"));

    m_new = new QAction(themed("document-new", QStyle::SP_FileIcon, window), tr("&New session…"), this);
    m_new->setObjectName(QStringLiteral("newSessionAction"));
    m_new->setShortcut(QKeySequence::New);

    m_similar = new QAction(tr("Start &similar…"), this);
    m_similar->setObjectName(QStringLiteral("startSimilarAction"));
    m_similar->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));

    m_terminate = new QAction(themed("process-stop", QStyle::SP_BrowserStop, window), tr("&Terminate…"), this);
    m_terminate->setObjectName(QStringLiteral("terminateAction"));
    m_terminate->setShortcut(QKeySequence::Delete);

    m_copy = new QAction(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("&Copy session ID"), this);
    m_copy->setObjectName(QStringLiteral("copyIdAction"));
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);

    m_details = new QAction(tr("&Details"), this);
    m_details->setObjectName(QStringLiteral("detailsAction"));
    m_details->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));

    m_pin = new QAction(tr("&Pin (notify on state changes)"), this);
    m_pin->setObjectName(QStringLiteral("pinAction"));
    m_pin->setCheckable(true);
    m_pin->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));

    m_find = new QAction(tr("&Find"), this);
    m_find->setObjectName(QStringLiteral("findAction"));
    m_find->setShortcut(QKeySequence::Find);

    m_exportCsv = new QAction(tr("Export visible rows as &CSV…"), this);
    m_exportCsv->setObjectName(QStringLiteral("exportCsvAction"));
    m_exportJson = new QAction(tr("Export visible rows as &JSON…"), this);
    m_exportJson->setObjectName(QStringLiteral("exportJsonAction"));

    m_signIn = new QAction(tr("&Sign in to IAM Identity Center…"), this);
    m_signIn->setObjectName(QStringLiteral("signInAction"));
    m_signIn->setEnabled(false);

    m_showDetailPane = new QAction(tr("Show the &detail pane"), this);
    m_showDetailPane->setObjectName(QStringLiteral("showDetailPaneAction"));
    m_showDetailPane->setCheckable(true);
    m_showDetailPane->setChecked(true);
    m_showDetailPane->setShortcut(QKeySequence(Qt::Key_F9));

    m_setPrice = new QAction(tr("Price per DPU-&hour…"), this);
    m_setPrice->setObjectName(QStringLiteral("setPriceAction"));

    createMenus();
    // Shortcuts that work wherever the focus is in the window.
    window->addActions({m_find, m_refresh, m_new, m_terminate, m_showDetailPane});
}

void WindowActions::createMenus()
{
    QMenuBar *bar = m_window->menuBar();
    QMenu *file = bar->addMenu(tr("&File"));
    file->addAction(m_exportCsv);
    file->addAction(m_exportJson);
    file->addSeparator();
    file->addAction(m_signIn);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *session = bar->addMenu(tr("&Session"));
    session->addActions({m_new, m_similar, m_terminate});
    session->addSeparator();
    session->addActions({m_copy, m_details, m_pin});
    QMenu *view = bar->addMenu(tr("&View"));
    view->addActions({m_refresh, m_find});
    view->addSeparator();
    view->addAction(m_showDetailPane);
    view->addAction(m_setPrice);
    QMenu *help = bar->addMenu(tr("&Help"));
    help->addAction(tr("&About Athena Sessions"), this, &WindowActions::showAbout);

    QToolBar *toolbar = m_window->addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addActions({m_new, m_terminate, m_copy});
}

void WindowActions::showAbout()
{
    QMessageBox::about(m_window, tr("About Athena Sessions"),
                       tr("<h3>Athena Sessions %1</h3><p>A dashboard for Amazon Athena for Apache Spark sessions.</p>"
                          "<p>Qt %2</p>").arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

void WindowActions::update(bool connected, qsizetype selected, bool anySelectedActive, bool pinned)
{
    m_new->setEnabled(connected);
    m_terminate->setEnabled(connected && anySelectedActive);
    m_copy->setEnabled(selected > 0);
    m_copy->setText(tr("&Copy session ID(s)", nullptr, static_cast<int>(std::max<qsizetype>(selected, 1))));
    m_similar->setEnabled(connected && selected == 1);
    m_details->setEnabled(selected == 1);
    m_pin->setEnabled(selected > 0);
    m_pin->setChecked(selected > 0 && pinned);
}

void WindowActions::execContextMenu(const QPoint &globalPos)
{
    QMenu menu(m_window);
    menu.addActions({m_details, m_similar, m_terminate});
    menu.addSeparator();
    menu.addActions({m_copy, m_pin});
    menu.addSeparator();
    menu.addActions({m_exportCsv, m_exportJson});
    menu.exec(globalPos);
}
