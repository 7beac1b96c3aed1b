#include "mainwindow.h"

#include <QLabel>
#include <QStatusBar>

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Athena Sessions"));
    m_placeholder = new QLabel(tr("No connection yet."), this);
    m_placeholder->setObjectName(QStringLiteral("placeholderLabel"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(m_placeholder);
    statusBar()->showMessage(tr("Ready"));
    resize(1100, 700);
}

MainWindow::~MainWindow() = default;
