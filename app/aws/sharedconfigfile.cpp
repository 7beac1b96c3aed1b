#include "aws/sharedconfigfile.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>

using namespace Qt::StringLiterals;

namespace aws {

namespace {

AwsError parseError(const QString &file, int line, const QString &what)
{
    return AwsError::make(AwsError::Kind::Config, u"ConfigParseError"_s,
                          u"%1 line %2: %3"_s.arg(file).arg(line).arg(what));
}

bool isIndented(const QString &line)
{
    return !line.isEmpty() && (line.front() == u' ' || line.front() == u'\t');
}

} // namespace

Result<SharedConfigFile> SharedConfigFile::parse(const QByteArray &text, const QString &fileName)
{
    SharedConfigFile file;
    file.m_fileName = fileName;
    file.m_exists = true;

    QByteArray bytes = text;
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    if (bytes.contains('\0'))
        return parseError(fileName, 1, u"the file holds a NUL byte; it is not a text file"_s);
    const QString decoded = QString::fromUtf8(bytes);
    if (decoded.contains(QChar::ReplacementCharacter) && !bytes.contains("\xEF\xBF\xBD"))
        return parseError(fileName, 1, u"the file is not valid UTF-8"_s);

    const QStringList lines = decoded.split(u'\n');
    ConfigSection *current = nullptr;
    QString lastKey;          // the key that the next indented line may continue or nest under
    int lineNo = 0;
    for (QString raw : lines) {
        ++lineNo;
        if (raw.endsWith(u'\r'))
            raw.chop(1);
        const QString trimmed = raw.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u'#') || trimmed.startsWith(u';'))
            continue;

        if (isIndented(raw) && current && !lastKey.isEmpty()) {
            const qsizetype eq = trimmed.indexOf(u'=');
            const bool nestedParent = current->values.value(lastKey).isEmpty() || current->nested.contains(lastKey);
            if (nestedParent && eq > 0) {
                const QString key = trimmed.left(eq).trimmed().toLower();
                current->nested[lastKey].insert(key, trimmed.mid(eq + 1).trimmed());
                current->values.insert(lastKey, QString());
            } else if (!nestedParent) {
                // A continuation line of a multi-line value.
                current->values[lastKey] += u'\n' + trimmed;
            } else {
                return parseError(fileName, lineNo, u"expected an indented 'key = value' under '%1'"_s.arg(lastKey));
            }
            continue;
        }

        if (trimmed.startsWith(u'[')) {
            if (!trimmed.endsWith(u']'))
                return parseError(fileName, lineNo, u"a section header must end with ']'"_s);
            const QString name = trimmed.mid(1, trimmed.size() - 2).trimmed().simplified();
            if (name.isEmpty())
                return parseError(fileName, lineNo, u"empty section name"_s);
            for (const ConfigSection &s : std::as_const(file.m_sections)) {
                if (s.name == name)
                    return parseError(fileName, lineNo,
                                      u"section [%1] appears twice (first at line %2)"_s.arg(name).arg(s.line));
            }
            file.m_sections.append(ConfigSection{name, lineNo, {}, {}});
            current = &file.m_sections.last();
            lastKey.clear();
            continue;
        }

        const qsizetype eq = trimmed.indexOf(u'=');
        if (eq < 0)
            return parseError(fileName, lineNo, u"expected 'key = value' or a [section] header"_s);
        if (!current)
            return parseError(fileName, lineNo, u"a setting appears before the first [section] header"_s);
        const QString key = trimmed.left(eq).trimmed().toLower();
        if (key.isEmpty())
            return parseError(fileName, lineNo, u"a setting has no name before '='"_s);
        if (current->values.contains(key))
            return parseError(fileName, lineNo,
                              u"setting '%1' appears twice in section [%2]"_s.arg(key, current->name));
        current->values.insert(key, trimmed.mid(eq + 1).trimmed());
        lastKey = key;
    }
    return file;
}

Result<SharedConfigFile> SharedConfigFile::load(const QString &path)
{
    QFile f(path);
    if (!f.exists()) {
        SharedConfigFile empty;
        empty.m_fileName = path;
        return empty;
    }
    if (!f.open(QIODevice::ReadOnly))
        return AwsError::make(AwsError::Kind::Config, u"ConfigReadError"_s,
                              u"%1: cannot be read: %2"_s.arg(path, f.errorString()));
    constexpr qint64 maxSize = 16 * 1024 * 1024;
    if (f.size() > maxSize)
        return AwsError::make(AwsError::Kind::Config, u"ConfigReadError"_s,
                              u"%1: larger than 16 MiB; not an AWS config file"_s.arg(path));
    return parse(f.readAll(), path);
}

QStringList SharedConfigFile::scanSectionNames(const QString &path)
{
    QFile f(path);
    constexpr qint64 maxSize = 16 * 1024 * 1024;
    if (!f.open(QIODevice::ReadOnly) || f.size() > maxSize)
        return {};
    QStringList names;
    QSet<QString> seen; // linear however many headers there are
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &raw : lines) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.size() > 2 && line.startsWith(u'[') && line.endsWith(u']')) {
            const QString name = line.mid(1, line.size() - 2).trimmed().simplified();
            if (!name.isEmpty() && !seen.contains(name)) {
                seen.insert(name);
                names << name;
            }
        }
    }
    return names;
}

QStringList SharedConfigFile::sectionNames() const
{
    QStringList names;
    for (const ConfigSection &s : m_sections)
        names << s.name;
    return names;
}

const ConfigSection *SharedConfigFile::section(const QString &name) const
{
    for (const ConfigSection &s : m_sections) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

} // namespace aws
