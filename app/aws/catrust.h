#pragma once

#include "aws/result.h"

#include <QList>
#include <QSslCertificate>
#include <QString>

#include <memory>

class QNetworkRequest;

namespace aws {

// AWS_CA_BUNDLE / ca_bundle: certificates trusted in addition to the system store. As botocore
// does, the bundle is read when the first https request needs it, never before: an http endpoint
// (athena-local, a test stub) costs nothing, and a bundle that cannot be read fails the https
// request that needed it, with an error that names the file and the setting (and is read again by
// the next one). Copies share one load: a client's calls read its bundle once. Each resolution of
// settings (the athena client, STS for a role, the SSO portal) makes its own CaTrust.
class CaTrust
{
public:
    CaTrust() = default; // not set: Qt's defaults (the system store, loaded on demand)
    CaTrust(const QString &path, const QString &source);
    // Certificates already at hand (a test's own CA).
    static CaTrust fromCertificates(const QList<QSslCertificate> &certificates);

    bool isSet() const { return m_state != nullptr; }
    QString path() const;
    QString source() const;

    // The PEM certificates of the bundle, read once. Errors name the path and the setting, never
    // what the file holds.
    Result<QList<QSslCertificate>> certificates() const;
    // The system store, Qt's default CA list and the bundle, duplicates removed, for
    // QSslConfiguration::setCaCertificates() (which turns off Qt's on-demand loading of the system
    // store, so that it must be named). Built once.
    Result<QList<QSslCertificate>> trusted() const;
    // For an https request with a bundle set: its TLS configuration trusts trusted(), verification
    // left on. Anything else is left alone. The error: the bundle cannot be read.
    Result<bool> applyTo(QNetworkRequest &request) const;

    // The PEM certificates of a file, or of every file in a directory; `source` names the setting.
    static Result<QList<QSslCertificate>> load(const QString &path, const QString &source);

private:
    struct State;
    std::shared_ptr<State> m_state;
};

} // namespace aws
