#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("athena-sessions"));
    QApplication::setApplicationDisplayName(QStringLiteral("Athena Sessions"));
    QApplication::setOrganizationName(QStringLiteral("AthenaSessions"));
    QApplication::setApplicationVersion(QStringLiteral(ATHENA_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Dashboard for Amazon Athena for Apache Spark sessions"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption quitAfter(QStringLiteral("quit-after-ms"),
                                       QApplication::translate("main", "Quit after <ms> milliseconds (smoke tests)."),
                                       QStringLiteral("ms"));
    parser.addOption(quitAfter);
    parser.process(app);

    MainWindow window;
    window.show();
    if (parser.isSet(quitAfter)) {
        bool ok = false;
        const int ms = parser.value(quitAfter).toInt(&ok);
        if (!ok || ms < 0)
            parser.showHelp(2);
        QTimer::singleShot(ms, &app, &QCoreApplication::quit);
    }
    return app.exec();
}
