#include "athenactl/athenactl.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("athenactl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ATHENA_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    AthenaCtl ctl(out, err, aws::processEnvironment());
    QObject::connect(&ctl, &AthenaCtl::finished, &app, [](int code) { QCoreApplication::exit(code); });
    QTimer::singleShot(0, &ctl, [&ctl] { ctl.run(QCoreApplication::arguments()); });
    return QCoreApplication::exec();
}
