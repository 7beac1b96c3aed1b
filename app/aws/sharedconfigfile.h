#pragma once

#include "aws/result.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace aws {

// One [section] of an AWS shared config or credentials file. Keys are lower-cased, as the
// AWS CLI does. A key whose value is empty and is followed by indented "k = v" lines holds
// those as a nested map (used by [services x] and by per-service settings).
struct ConfigSection
{
    QString name;
    int line = 0;
    QMap<QString, QString> values;
    QMap<QString, QMap<QString, QString>> nested;

    QString value(const QString &key) const { return values.value(key.toLower()); }
    bool has(const QString &key) const { return values.contains(key.toLower()); }
};

// A parsed INI file in the AWS CLI's format. Errors carry the file name and line number and
// never quote the offending line, which may hold a secret.
class SharedConfigFile
{
public:
    static Result<SharedConfigFile> parse(const QByteArray &text, const QString &fileName);
    // A missing file is an empty, valid file; an unreadable one is an error.
    static Result<SharedConfigFile> load(const QString &path);
    // The well-formed [section] headers of a file that may not parse, for listing what can be
    // listed when it does not (bounded as load() is; empty when unreadable).
    static QStringList scanSectionNames(const QString &path);

    QString fileName() const { return m_fileName; }
    bool exists() const { return m_exists; }
    QStringList sectionNames() const;
    const ConfigSection *section(const QString &name) const;

private:
    friend class AwsConfigFiles; // builds a names-only file from scanSectionNames()
    QString m_fileName;
    bool m_exists = false;
    QList<ConfigSection> m_sections;
};

} // namespace aws
