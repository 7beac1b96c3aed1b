#pragma once

#include <QDir>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace testing {

inline QString dataDir(const QString &relative = {})
{
    return QDir(QStringLiteral(ATHENA_TEST_DATA_DIR)).filePath(relative);
}

inline QString toolsDir(const QString &relative = {})
{
    return QDir(QStringLiteral(ATHENA_TEST_TOOLS_DIR)).filePath(relative);
}

// The first Python interpreter that can import `module`: $ATHENA_TEST_PYTHON, python3 on PATH,
// then Debian's /usr/bin/python3. Empty when none can.
inline QString pythonWith(const QString &module)
{
    QStringList candidates;
    const QString fromEnv = qEnvironmentVariable("ATHENA_TEST_PYTHON");
    if (!fromEnv.isEmpty())
        candidates << fromEnv;
    candidates << QStringLiteral("python3") << QStringLiteral("/usr/bin/python3");
    for (const QString &python : std::as_const(candidates)) {
        QProcess p;
        p.start(python, {QStringLiteral("-c"), QStringLiteral("import ") + module});
        if (p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0)
            return python;
    }
    return {};
}

} // namespace testing
