#include "local/pagetoken.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QList>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace local {

namespace {

constexpr auto kEncoding = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
constexpr qsizetype kMacBytes = 12;

QByteArray mac(const QByteArray &data, const QByteArray &secret)
{
    return QMessageAuthenticationCode::hash(data, secret, QCryptographicHash::Sha256).left(kMacBytes);
}

} // namespace

QByteArray PageToken::newSecret()
{
    QByteArray secret(32, '\0');
    for (char &c : secret)
        c = static_cast<char>(QRandomGenerator::system()->bounded(256));
    return secret;
}

QString PageToken::make(const QJsonArray &payload) const
{
    const QByteArray data = QJsonDocument(payload).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(data.toBase64(kEncoding) + '.' + mac(data, m_secret).toBase64(kEncoding));
}

std::optional<QJsonArray> PageToken::read(const QString &token) const
{
    const QList<QByteArray> parts = token.toLatin1().split('.');
    if (parts.size() != 2)
        return std::nullopt;
    const auto data = QByteArray::fromBase64Encoding(parts.at(0), kEncoding);
    const auto signature = QByteArray::fromBase64Encoding(parts.at(1), kEncoding);
    if (!data || !signature)
        return std::nullopt;
    if (mac(*data, m_secret) != *signature)
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(*data);
    if (!doc.isArray())
        return std::nullopt;
    return doc.array();
}

} // namespace local
