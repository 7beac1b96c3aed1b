#include "aws/clicache.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace aws::clicache {

namespace {

AwsError cacheError(const QString &message)
{
    return AwsError::make(AwsError::Kind::Config, u"CacheError"_s, message);
}

// The CLI writes "2026-11-21T12:00:00UTC"; ISO 8601 with Z or an offset is read too.
QDateTime parseExpiration(QString text)
{
    if (text.endsWith(u"UTC"_s))
        text = text.chopped(3) + u'Z';
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    return t.isValid() && t.timeSpec() != Qt::LocalTime ? t.toUTC() : QDateTime();
}

} // namespace

QString assumeRoleCacheDir(const QString &home)
{
    return QDir(home).filePath(u".aws/cli/cache"_s);
}

QByteArray pythonJsonString(const QString &value)
{
    QByteArray out = "\"";
    for (const QChar c : value) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'"': out += "\\\""; break;
        case u'\\': out += "\\\\"; break;
        case u'\n': out += "\\n"; break;
        case u'\r': out += "\\r"; break;
        case u'\t': out += "\\t"; break;
        case u'\b': out += "\\b"; break;
        case u'\f': out += "\\f"; break;
        default:
            if (u < 0x20 || u > 0x7e)
                out += "\\u" + QByteArray::number(u, 16).rightJustified(4, '0');
            else
                out += static_cast<char>(u);
        }
    }
    return out + '"';
}

QString assumeRoleKey(const AssumeRoleKeyArgs &args)
{
    // Sorted by key, as json.dumps(sort_keys=True) sorts them; separators ", " and ": ".
    QList<std::pair<QByteArray, QByteArray>> fields;
    if (args.durationSeconds)
        fields.append({"DurationSeconds", QByteArray::number(*args.durationSeconds)});
    if (!args.externalId.isNull())
        fields.append({"ExternalId", pythonJsonString(args.externalId)});
    fields.append({"RoleArn", pythonJsonString(args.roleArn)});
    if (!args.roleSessionName.isEmpty())
        fields.append({"RoleSessionName", pythonJsonString(args.roleSessionName)});
    if (!args.serialNumber.isNull())
        fields.append({"SerialNumber", pythonJsonString(args.serialNumber)});
    QByteArray json = "{";
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i)
            json += ", ";
        json += '"' + fields.at(i).first + "\": " + fields.at(i).second;
    }
    json += '}';
    // botocore makes the name file-safe (':' and '/' to '_'); a hex digest has neither.
    return QString::fromLatin1(QCryptographicHash::hash(json, QCryptographicHash::Sha1).toHex());
}

std::optional<AwsCredentials> readAssumedRole(const QString &dir, const QString &key)
{
    QFile file(QDir(dir).filePath(key + u".json"_s));
    if (!file.open(QIODevice::ReadOnly) || file.size() > 1024 * 1024)
        return std::nullopt;
    const QJsonObject credentials = QJsonDocument::fromJson(file.readAll()).object().value(u"Credentials"_s).toObject();
    AwsCredentials c;
    c.accessKeyId = credentials.value(u"AccessKeyId"_s).toString();
    c.secretAccessKey = credentials.value(u"SecretAccessKey"_s).toString();
    c.sessionToken = credentials.value(u"SessionToken"_s).toString();
    c.expiration = parseExpiration(credentials.value(u"Expiration"_s).toString());
    if (!c.isValid() || !c.expiration.isValid())
        return std::nullopt;
    return c;
}

Result<bool> writeAssumedRole(const QString &dir, const QString &key, const AwsCredentials &credentials,
                              const QString &assumedRoleArn, const QString &assumedRoleId)
{
    QJsonObject creds;
    creds.insert(u"AccessKeyId"_s, credentials.accessKeyId);
    creds.insert(u"SecretAccessKey"_s, credentials.secretAccessKey);
    creds.insert(u"SessionToken"_s, credentials.sessionToken);
    creds.insert(u"Expiration"_s, QString(credentials.expiration.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss"_s) + u"UTC"_s));
    QJsonObject user;
    user.insert(u"AssumedRoleId"_s, assumedRoleId);
    user.insert(u"Arn"_s, assumedRoleArn);
    QJsonObject json;
    json.insert(u"Credentials"_s, creds);
    json.insert(u"AssumedRoleUser"_s, user);
    return writePrivateJson(dir, key + u".json"_s, json);
}

Result<bool> writePrivateJson(const QString &dir, const QString &name, const QJsonObject &json)
{
    if (!QDir(dir).exists()) {
        if (!QDir().mkpath(dir))
            return cacheError(u"Cannot create the cache folder %1"_s.arg(dir));
        QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    QSaveFile file(QDir(dir).filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return cacheError(u"Cannot write %1: %2"_s.arg(file.fileName(), file.errorString()));
    // QSaveFile writes a temporary file beside the target: make it private before any byte.
    if (!file.setPermissions(QFile::ReadOwner | QFile::WriteOwner))
        return cacheError(u"Cannot make %1 private"_s.arg(file.fileName()));
    const QByteArray bytes = QJsonDocument(json).toJson(QJsonDocument::Compact);
    if (file.write(bytes) != bytes.size() || !file.commit())
        return cacheError(u"Cannot write %1: %2"_s.arg(file.fileName(), file.errorString()));
    return true;
}

} // namespace aws::clicache
