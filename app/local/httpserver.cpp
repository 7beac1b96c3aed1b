#include "local/httpserver.h"

#include "aws/httpdate.h"

#include <QLocale>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace local {

QByteArray HttpRequest::header(const QByteArray &name) const
{
    QByteArray value;
    bool found = false;
    for (const aws::HttpHeader &h : headers) {
        if (h.name.compare(name, Qt::CaseInsensitive) == 0) {
            value += (found ? "," : "") + h.value;
            found = true;
        }
    }
    return value;
}

QByteArray HttpRequest::path() const
{
    const qsizetype q = target.indexOf('?');
    return q >= 0 ? target.left(q) : target;
}

HttpResponse HttpResponse::json(int status, const QByteArray &body)
{
    HttpResponse r;
    r.status = status;
    r.body = body;
    r.headers = {{"Content-Type", "application/x-amz-json-1.1"}};
    return r;
}

QByteArray HttpServer::reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

QByteArray HttpServer::httpDate(const QDateTime &t)
{
    return aws::formatHttpDate(t);
}

HttpParseResult parseHttpRequest(QByteArray &buffer, const HttpParseLimits &limits, HttpRequest &request)
{
    auto error = [](int status, QByteArray message, qint64 unread = 0) {
        return HttpParseResult{HttpParseResult::Status::Error, status, std::move(message), unread};
    };
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        if (buffer.size() > limits.maxHeaderBytes)
            return error(431, "Request header is larger than the server accepts");
        return {};
    }
    if (headerEnd > limits.maxHeaderBytes)
        return error(431, "Request header is larger than the server accepts");
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.") || requestLine.at(0).isEmpty()
        || requestLine.at(1).isEmpty())
        return error(400, "Malformed request line");
    request.method = requestLine.at(0);
    request.target = requestLine.at(1);
    request.version = requestLine.at(2);
    request.headers.clear();
    qint64 length = 0;
    bool lengthSeen = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).endsWith('\r') ? lines.at(i).chopped(1) : lines.at(i);
        if (line.isEmpty())
            continue;
        if ((line.front() == ' ' || line.front() == '\t') && !request.headers.isEmpty()) {
            request.headers.last().value += ' ' + line.trimmed(); // obsolete line folding
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return error(400, "Malformed header line");
        aws::HttpHeader h{line.left(colon).trimmed(), line.mid(colon + 1).trimmed()};
        if (h.name.compare("content-length", Qt::CaseInsensitive) == 0) {
            // Digits only (no sign, no spaces inside), and at most 18 of them, so the value and
            // every sum below stay far from overflow; anything longer is answered 413.
            const QByteArray &digits = h.value;
            if (digits.isEmpty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
                return error(400, "Invalid Content-Length");
            if (digits.size() > 18)
                return error(413, "Request body exceeds the limit of " + QByteArray::number(limits.maxBodyBytes) + " bytes");
            const qint64 n = digits.toLongLong();
            if (lengthSeen && n != length)
                return error(400, "Invalid Content-Length");
            length = n;
            lengthSeen = true;
        } else if (h.name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
            return error(411, "Chunked request bodies are not supported; send Content-Length");
        }
        request.headers.append(h);
    }
    if (length > limits.maxBodyBytes)
        return error(413, "Request body of " + QByteArray::number(length) + " bytes exceeds the limit of "
                              + QByteArray::number(limits.maxBodyBytes) + " bytes",
                     length - (buffer.size() - headerEnd - 4)); // buffer holds the head and part of the body
    if (buffer.size() < headerEnd + 4 + length)
        return {}; // the rest of the body is still to come
    request.body = buffer.mid(headerEnd + 4, length);
    buffer.remove(0, headerEnd + 4 + length);
    return HttpParseResult{HttpParseResult::Status::Complete, 0, {}, 0};
}

// One client connection: parses requests from its buffer and answers them in order.
class HttpServer::Connection final : public QObject
{
public:
    Connection(HttpServer *server, QTcpSocket *socket) : QObject(server), m_server(server), m_socket(socket)
    {
        m_socket->setParent(this);
        m_idle.setSingleShot(true);
        connect(&m_idle, &QTimer::timeout, this, [this] { m_socket->abort(); });
        connect(m_socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
        connect(m_socket, &QTcpSocket::disconnected, this, [this] {
            --m_server->m_connections;
            deleteLater();
        });
        ++m_server->m_connections;
        m_idle.start(m_server->m_idleTimeoutMs);
    }

private:
    void onReadyRead()
    {
        if (m_discard > 0) {
            // A lingering close: read and drop the body of a refused request so that the client,
            // still sending it, gets to read the answer instead of a reset.
            m_discard -= m_socket->skip(m_discard);
            if (m_discard <= 0)
                m_socket->disconnectFromHost();
            return;
        }
        m_buffer += m_socket->readAll();
        m_idle.start(m_server->m_idleTimeoutMs);
        processBuffer();
    }

    void processBuffer()
    {
        while (!m_waiting && !m_closing) {
            HttpRequest request;
            request.peer = m_socket->peerAddress();
            const HttpParseResult parsed =
                parseHttpRequest(m_buffer, HttpParseLimits{m_server->m_maxHeader, m_server->m_maxBody}, request);
            if (parsed.status == HttpParseResult::Status::Incomplete)
                return;
            if (parsed.status == HttpParseResult::Status::Error) {
                refuse(parsed.errorStatus, parsed.errorMessage, parsed.unreadBodyBytes);
                return;
            }
            const QByteArray connection = request.header("Connection").toLower();
            m_keepAlive = request.version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive");
            HttpResponse response = m_server->m_handler(request);
            ++m_server->m_served;
            if (response.delayMs > 0) {
                m_waiting = true;
                QTimer::singleShot(response.delayMs, this, [this, response] {
                    m_waiting = false;
                    send(response);
                    processBuffer();
                });
                return;
            }
            send(response);
        }
    }

    void send(const HttpResponse &response)
    {
        if (response.dropConnection) {
            m_closing = true;
            m_socket->abort();
            return;
        }
        QByteArray out;
        out.reserve(256 + response.body.size());
        out += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
        for (const aws::HttpHeader &h : response.headers)
            out += h.name + ": " + h.value + "\r\n";
        out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
        out += "Date: " + httpDate(QDateTime::currentDateTimeUtc()) + "\r\n";
        const bool hasConnection = std::any_of(response.headers.begin(), response.headers.end(), [](const aws::HttpHeader &h) {
            return h.name.compare("connection", Qt::CaseInsensitive) == 0;
        });
        if (!hasConnection)
            out += m_keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
        out += "\r\n";
        out += response.body;
        m_socket->write(out);
        if (!m_keepAlive) {
            m_closing = true;
            m_socket->disconnectFromHost();
        }
    }

    // Answer a request the server will not read, then close: the rest of the stream is unusable.
    // With `drain`, up to that many more bytes of the refused body are read and dropped first
    // (at most 64 MiB; beyond that the connection is simply closed).
    void refuse(int status, const QByteArray &message, qint64 drain = 0)
    {
        m_keepAlive = drain > 0 && drain <= kMaxDrain; // send() must not close yet when draining
        const QByteArray type = status == 413 ? "RequestEntityTooLargeException" : "BadRequestException";
        HttpResponse r = HttpResponse::json(status, R"({"__type":")" + type + R"(","message":")" + message + R"("})");
        r.headers.append(aws::HttpHeader{"Connection", "close"});
        send(r);
        m_buffer.clear();
        m_closing = true;
        if (drain > 0 && drain <= kMaxDrain)
            m_discard = drain;
        else if (m_socket->state() == QAbstractSocket::ConnectedState)
            m_socket->disconnectFromHost();
    }

    static constexpr qint64 kMaxDrain = 64 * 1024 * 1024;

    HttpServer *m_server;
    QTcpSocket *m_socket;
    QByteArray m_buffer;
    QTimer m_idle;
    bool m_keepAlive = true;
    bool m_waiting = false;
    bool m_closing = false;
    qint64 m_discard = 0;
};

HttpServer::HttpServer(Handler handler, QObject *parent) : QObject(parent), m_handler(std::move(handler))
{
    connect(&m_server, &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
}

HttpServer::~HttpServer() = default;

bool HttpServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (m_server.listen(address, port))
        return true;
    if (error)
        *error = m_server.errorString();
    return false;
}

void HttpServer::close()
{
    m_server.close();
}

void HttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        new Connection(this, socket);
    }
}

} // namespace local
