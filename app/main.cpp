#include "dashboard/dashboard.h"
#include "ui/mainwindow.h"
#include "ui/translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLocale>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// --help and --version print and exit: they must work without a display (a terminal over SSH, a
// packaging check), so they get no GUI application, which would abort without one.
bool asksOnlyForText(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "-help" || arg == "--help-all" || arg == "-v" || arg == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    const std::unique_ptr<QCoreApplication> application =
        asksOnlyForText(argc, argv) ? std::make_unique<QCoreApplication>(argc, argv) : std::make_unique<QApplication>(argc, argv);
    QCoreApplication &app = *application;
    QApplication::setApplicationName(u"athena-sessions"_s);
    QApplication::setApplicationDisplayName(u"Athena Sessions"_s);
    QApplication::setOrganizationName(u"AthenaSessions"_s);
    QApplication::setOrganizationDomain(u"athenasessions.github.io"_s);
    QApplication::setApplicationVersion(QStringLiteral(ATHENA_VERSION));
    QApplication::setDesktopFileName(u"io.github.athenasessions.AthenaSessions"_s);

    // The user's language: this app's strings, and Qt's own (standard buttons, dialogs).
    const Translations translations;

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "A dashboard for Amazon Athena for Apache Spark sessions."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption profile(u"profile"_s, QApplication::translate("main", "Connect with this AWS profile."), u"name"_s);
    const QCommandLineOption region(u"region"_s, QApplication::translate("main", "Use this AWS region."), u"region"_s);
    const QCommandLineOption endpoint(u"endpoint-url"_s, QApplication::translate("main", "Send Athena requests to this URL."), u"url"_s);
    const QCommandLineOption workGroup(u"work-group"_s, QApplication::translate("main", "Show this workgroup."), u"name"_s);
    const QCommandLineOption local(u"local"_s, QApplication::translate("main", "Use the Local sandbox (no AWS account needed)."));
    const QCommandLineOption screenshot(u"screenshot"_s,
                                        QApplication::translate("main", "Save a PNG of the window once the first listing finished, then quit."),
                                        u"file"_s);
    QCommandLineOption quitAfter(u"quit-after-ms"_s, QApplication::translate("main", "Quit after this many milliseconds."), u"ms"_s);
    quitAfter.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({profile, region, endpoint, workGroup, local, screenshot, quitAfter});
    parser.process(app); // --help and --version exit here
    QApplication::setWindowIcon(QIcon::fromTheme(u"io.github.athenasessions.AthenaSessions"_s, QIcon(u":/icons/athena-sessions.svg"_s)));

    if (parser.isSet(local) && (parser.isSet(profile) || parser.isSet(endpoint))) {
        std::fprintf(stderr, "athena-sessions: --local cannot be combined with --profile or --endpoint-url\n");
        return 2;
    }

    Dashboard::Options options;
    options.env = aws::processEnvironment();
    Dashboard dashboard(options);
    MainWindow window(&dashboard);

    MainWindow::StartOptions start;
    if (parser.isSet(local)) {
        start.connection = ConnectionChoice::sandbox();
    } else if (parser.isSet(profile) || parser.isSet(region) || parser.isSet(endpoint)) {
        QString name = parser.value(profile);
        if (name.isEmpty())
            name = options.env.value(u"AWS_PROFILE"_s, u"default"_s);
        start.connection = ConnectionChoice::awsProfile(name, parser.value(region), parser.value(endpoint));
    }
    start.workGroup = parser.value(workGroup);
    start.screenshotPath = parser.value(screenshot);

    window.show();
    window.start(start);
    if (parser.isSet(quitAfter)) {
        bool ok = false;
        const int ms = parser.value(quitAfter).toInt(&ok);
        if (!ok || ms < 0)
            parser.showHelp(2);
        QTimer::singleShot(ms, &window, &QWidget::close);
        QTimer::singleShot(ms, &app, &QCoreApplication::quit);
    }
    if (!start.screenshotPath.isEmpty()) // never hang a script: give up after a minute
        QTimer::singleShot(60000, &app, [] { QCoreApplication::exit(3); });
    return QApplication::exec();
}
