#include "aws/catrust.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QMutexLocker>
#include <QNetworkRequest>
#include <QSet>
#include <QSslConfiguration>

#include <cerrno>
#include <cstring>
#include <optional>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace aws {

struct CaTrust::State
{
    QString path;
    QString source;
    QMutex mutex;
    std::optional<QList<QSslCertificate>> certificates; // once read
    std::optional<QList<QSslCertificate>> trusted;
};

namespace {

AwsError bundleError(const QString &code, const QString &message)
{
    return AwsError::make(AwsError::Kind::Config, code, message);
}

constexpr qint64 kMaxBytes = 16 * 1024 * 1024;

AwsError tooLarge(const QString &source, const QString &path)
{
    return bundleError(u"CaBundleTooLarge"_s,
        u"%1: the CA bundle %2 is larger than %3 MiB"_s.arg(source, path).arg(kMaxBytes / (1024 * 1024)));
}

} // namespace

CaTrust::CaTrust(const QString &path, const QString &source) : m_state(std::make_shared<State>())
{
    m_state->path = path;
    m_state->source = source;
}

CaTrust CaTrust::fromCertificates(const QList<QSslCertificate> &certificates)
{
    CaTrust t(QString(), u"certificates"_s);
    t.m_state->certificates = certificates;
    return t;
}

QString CaTrust::path() const
{
    return m_state ? m_state->path : QString();
}

QString CaTrust::source() const
{
    return m_state ? m_state->source : QString();
}

Result<QList<QSslCertificate>> CaTrust::certificates() const
{
    if (!m_state)
        return QList<QSslCertificate>();
    const QMutexLocker lock(&m_state->mutex);
    if (m_state->certificates)
        return *m_state->certificates;
    // A bundle that cannot be read is read again by the next request (as botocore does on every
    // new connection): a file created or fixed meanwhile is picked up.
    auto loaded = load(m_state->path, m_state->source);
    if (loaded)
        m_state->certificates = loaded.value();
    return loaded;
}

Result<QList<QSslCertificate>> CaTrust::trusted() const
{
    if (!m_state)
        return QList<QSslCertificate>();
    auto extra = certificates();
    if (!extra)
        return extra.error();
    const QMutexLocker lock(&m_state->mutex);
    if (m_state->trusted)
        return *m_state->trusted;
    QList<QSslCertificate> all = QSslConfiguration::systemCaCertificates();
    // A bundle often repeats the system store (AWS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt):
    // duplicates are found by digest, not by comparing every pair.
    QSet<QByteArray> seen;
    for (const QSslCertificate &c : std::as_const(all))
        seen.insert(c.digest(QCryptographicHash::Sha256));
    const QList<QSslCertificate> more = QSslConfiguration::defaultConfiguration().caCertificates() + extra.value();
    for (const QSslCertificate &c : more) {
        const QByteArray digest = c.digest(QCryptographicHash::Sha256);
        if (!seen.contains(digest)) {
            seen.insert(digest);
            all.append(c);
        }
    }
    m_state->trusted = all;
    return all;
}

Result<bool> CaTrust::applyTo(QNetworkRequest &request) const
{
    if (!m_state || request.url().scheme() != u"https"_s)
        return false;
    auto all = trusted();
    if (!all)
        return all.error();
    QSslConfiguration tls = request.sslConfiguration();
    tls.setCaCertificates(all.value()); // verification stays on
    request.setSslConfiguration(tls);
    return true;
}

Result<QList<QSslCertificate>> CaTrust::load(const QString &path, const QString &source)
{
    const QFileInfo info(path);
    if (!info.exists())
        return bundleError(u"CaBundleNotFound"_s, u"%1: the CA bundle %2 does not exist"_s.arg(source, path));
    QStringList files;
    if (info.isDir()) {
        // Regular files only (a link is followed): a FIFO or device in the directory is passed over.
        const QFileInfoList entries = QDir(path).entryInfoList(QDir::Files | QDir::Readable, QDir::Name);
        for (const QFileInfo &e : entries) {
            if (e.isFile())
                files << e.filePath();
        }
    } else {
        files << path;
    }
    QList<QSslCertificate> certificates;
    qsizetype blocks = 0;
    qint64 total = 0;
    for (const QString &f : std::as_const(files)) {
        // Opened without blocking and checked to be a regular file on the descriptor itself, so
        // that a FIFO nobody writes to (or one swapped in after the check above) is refused, not
        // waited on, and a device is not read.
        const int fd = ::open(QFile::encodeName(f).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
            return bundleError(u"CaBundleUnreadable"_s,
                u"%1: the CA bundle %2 cannot be read: %3"_s.arg(source, f, QString::fromLocal8Bit(std::strerror(errno))));
        QFile in;
        struct stat st = {};
        if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || !in.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
            ::close(fd);
            return bundleError(u"CaBundleUnreadable"_s, u"%1: the CA bundle %2 is not a regular file"_s.arg(source, f));
        }
        // A bundle is a few hundred kilobytes (Debian's system store: about 200 KB); far more is
        // not a bundle, and is not read into memory.
        if (total + st.st_size > kMaxBytes)
            return tooLarge(source, path);
        const QByteArray pem = in.read(st.st_size + 1); // a file that grew since fstat is caught below
        total += pem.size();
        if (total > kMaxBytes)
            return tooLarge(source, path);
        blocks += pem.count("-----BEGIN CERTIFICATE-----");
        certificates += QSslCertificate::fromData(pem, QSsl::Pem);
    }
    if (certificates.isEmpty())
        return bundleError(u"CaBundleEmpty"_s,
            u"%1: the CA bundle %2 holds no PEM certificate (-----BEGIN CERTIFICATE-----)"_s.arg(source, path));
    if (certificates.size() < blocks)
        return bundleError(u"CaBundleInvalid"_s,
            u"%1: %2 of the %3 certificates in the CA bundle %4 cannot be read"_s.arg(
                source, QString::number(blocks - certificates.size()), QString::number(blocks), path));
    return certificates;
}

} // namespace aws
