#include "support/fakenetwork.h"

#include <QTimer>

namespace testing {

QNetworkReply *FakeNetworkAccessManager::createRequest(Operation op, const QNetworkRequest &request, QIODevice *outgoingData)
{
    seen.append({request, outgoingData ? outgoingData->readAll() : QByteArray()});
    FakeResponse response = handler ? handler(seen.last()) : script.isEmpty() ? fallback : script.takeFirst();
    return new FakeReply(op, request, std::move(response), this);
}

FakeReply::FakeReply(QNetworkAccessManager::Operation op, const QNetworkRequest &request, FakeResponse response, QObject *parent)
    : QNetworkReply(parent), m_response(std::move(response))
{
    setRequest(request);
    setUrl(request.url());
    setOperation(op);
    open(QIODevice::ReadOnly);
    QTimer::singleShot(0, this, [this] {
        if (m_done)
            return;
        if (m_response.requestSent)
            Q_EMIT requestSent();
        if (!m_response.hang)
            QTimer::singleShot(0, this, &FakeReply::deliver);
    });
}

void FakeReply::deliver()
{
    if (m_done)
        return;
    m_done = true;
    if (m_response.status > 0) {
        setAttribute(QNetworkRequest::HttpStatusCodeAttribute, m_response.status);
        for (const aws::HttpHeader &h : std::as_const(m_response.headers))
            setRawHeader(h.name, h.value);
        m_buffer = m_response.body;
        if (m_response.status >= 400)
            setError(QNetworkReply::ProtocolInvalidOperationError, QStringLiteral("HTTP error"));
        Q_EMIT metaDataChanged();
        Q_EMIT readyRead();
    } else {
        setError(m_response.error, QStringLiteral("fake transport error"));
        Q_EMIT errorOccurred(m_response.error);
    }
    setFinished(true);
    Q_EMIT finished();
}

void FakeReply::abort()
{
    if (m_done)
        return;
    m_done = true;
    setError(QNetworkReply::OperationCanceledError, QStringLiteral("Operation canceled"));
    setFinished(true);
    Q_EMIT errorOccurred(QNetworkReply::OperationCanceledError);
    Q_EMIT finished();
}

qint64 FakeReply::bytesAvailable() const
{
    return m_buffer.size() + QNetworkReply::bytesAvailable();
}

qint64 FakeReply::readData(char *data, qint64 maxSize)
{
    const qint64 n = std::min<qint64>(maxSize, m_buffer.size());
    memcpy(data, m_buffer.constData(), static_cast<size_t>(n));
    m_buffer.remove(0, n);
    return n;
}

} // namespace testing
