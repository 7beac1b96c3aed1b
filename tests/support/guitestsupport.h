#pragma once

#include "dashboard/dashboard.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace testing {

// A dashboard on an in-memory sandbox that moves fast, with no AWS configuration visible and its
// history in memory. `awsHome` holds an AWS config/credentials pair when a test needs one.
inline Dashboard::Options sandboxOptions(const QString &awsHome, int seed = 40)
{
    Dashboard::Options o;
    o.env = {{QStringLiteral("AWS_CONFIG_FILE"), QDir(awsHome).filePath(QStringLiteral("config"))},
             {QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), QDir(awsHome).filePath(QStringLiteral("credentials"))},
             // Never the instance metadata service, even on an EC2 machine.
             {QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true")}};
    o.sandboxInMemory = true;
    o.sandboxSeedSessions = seed;
    o.sandboxTimeScale = 8; // a new session is IDLE in under a second
    o.historyPath = QStringLiteral(":memory:");
    o.pollIntervals = {100, 400, 2000};
    o.pollIntervals.inViewMs = 1000; // rows in view: live within a second
    return o;
}

// Settings in a directory of the test's own.
inline void isolateSettings(const QString &dir)
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir);
    QSettings().clear();
}

} // namespace testing
