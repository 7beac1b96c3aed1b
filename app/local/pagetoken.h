#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QString>

#include <optional>

namespace local {

// The NextToken values of the list operations: a JSON array, signed with a secret (HMAC-SHA256,
// truncated) so that a client can neither forge nor alter one. The secret is kept with the state,
// so tokens stay valid across restarts.
class PageToken
{
public:
    static constexpr qsizetype kMinSecretBytes = 16;

    PageToken() = default;
    explicit PageToken(QByteArray secret) : m_secret(std::move(secret)) {}

    // A new random secret from the system's source.
    static QByteArray newSecret();
    static bool isUsableSecret(const QByteArray &secret) { return secret.size() >= kMinSecretBytes; }

    QString make(const QJsonArray &payload) const;
    // The payload of a token made with the same secret; nullopt for anything else.
    std::optional<QJsonArray> read(const QString &token) const;

private:
    QByteArray m_secret;
};

} // namespace local
