#include "local/httpserver.h"

#include "aws/httpdate.h"

#include <QLocale>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <cstring>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

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

QByteArray HttpServer::errorBody(int status, const QByteArray &message)
{
    QByteArray type = "BadRequestException";
    if (status == 408)
        type = "RequestTimeoutException";
    else if (status == 413)
        type = "RequestEntityTooLargeException";
    else if (status == 503)
        type = "ServiceUnavailableException";
    return R"({"__type":")" + type + R"(","message":")" + message + R"("})";
}

namespace {

// The status line, headers and body of an answer, with Content-Length, Date and Connection.
QByteArray serializeResponse(const HttpResponse &response, bool keepAlive)
{
    QByteArray out;
    out.reserve(256 + response.body.size());
    out += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + HttpServer::reasonPhrase(response.status) + "\r\n";
    for (const aws::HttpHeader &h : response.headers)
        out += h.name + ": " + h.value + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    out += "Date: " + HttpServer::httpDate(QDateTime::currentDateTimeUtc()) + "\r\n";
    const bool hasConnection = std::any_of(response.headers.begin(), response.headers.end(), [](const aws::HttpHeader &h) {
        return h.name.compare("connection", Qt::CaseInsensitive) == 0;
    });
    if (!hasConnection)
        out += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    out += "\r\n";
    out += response.body;
    return out;
}

HttpResponse closingError(int status, const QByteArray &message)
{
    HttpResponse r = HttpResponse::json(status, HttpServer::errorBody(status, message));
    r.headers.append(aws::HttpHeader{"Connection", "close"});
    return r;
}

} // namespace

HttpParseResult parseHttpRequest(QByteArray &buffer, const HttpParseLimits &limits, HttpRequest &request)
{
    auto error = [](int status, QByteArray message, qint64 unread = 0) {
        return HttpParseResult{HttpParseResult::Status::Error, status, std::move(message), unread};
    };
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    // Every line of the head ends with CRLF. A bare LF (a head ending in "\n\n", say) is refused
    // at once instead of leaving the client waiting for a CRLF CRLF that it will never send.
    const qsizetype headBytes = headerEnd >= 0 ? headerEnd + 4 : buffer.size();
    for (const char *p = buffer.constData(), *end = p + headBytes; p < end;) {
        const char *lf = static_cast<const char *>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
        if (!lf)
            break;
        if (lf == buffer.constData() || lf[-1] != '\r')
            return error(400, "Request head lines must end with CRLF, not a bare LF");
        p = lf + 1;
    }
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
    if (buffer.size() < headerEnd + 4 + length) {
        HttpParseResult incomplete; // the rest of the body is still to come
        incomplete.headComplete = true;
        incomplete.requestBytes = headerEnd + 4 + length;
        return incomplete;
    }
    request.body = buffer.mid(headerEnd + 4, length);
    buffer.remove(0, headerEnd + 4 + length);
    return HttpParseResult{HttpParseResult::Status::Complete, 0, {}, 0};
}

// One client connection: parses requests from its buffer and answers them in order. It reads
// only while its unsent answers are under the server's per-connection bound and the server as a
// whole is under its total bound; otherwise the bytes wait in the socket (whose read buffer is
// bounded) and then in the kernel, whose closing TCP window slows the client down.
class HttpServer::Connection final : public QObject
{
public:
    Connection(HttpServer *server, QTcpSocket *socket) : QObject(server), m_server(server), m_socket(socket)
    {
        m_socket->setParent(this);
        m_socket->setReadBufferSize(kReadBufferBytes);
        m_idle.setSingleShot(true);
        m_head.setSingleShot(true);
        connect(&m_idle, &QTimer::timeout, this, [this] { m_socket->abort(); });
        connect(&m_head, &QTimer::timeout, this, [this] {
            refuse(408, "The request head was not complete within " + QByteArray::number(m_server->m_headTimeoutMs)
                            + " ms of its first byte");
        });
        connect(m_socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
        connect(m_socket, &QTcpSocket::bytesWritten, this, &Connection::onBytesWritten);
        connect(m_socket, &QTcpSocket::disconnected, this, [this] {
            release();
            deleteLater();
        });
        ++m_server->m_connections;
        m_server->m_connectionSet.insert(this);
        m_idle.start(m_server->m_idleTimeoutMs);
    }

    ~Connection() override { release(); }

    // Reads and serves again if the bounds allow it (after answers drained).
    void resume()
    {
        if (m_released || m_closing || m_discard > 0 || !mayServe())
            return;
        setPaused(false);
        processBuffer();
        if (!m_paused && !m_closing && m_socket->bytesAvailable() > 0)
            onReadyRead();
    }

private:
    bool mayServe() const { return !m_server->m_outputPaused && m_unsent <= m_server->m_maxConnectionOutput; }

    void setPaused(bool paused)
    {
        if (paused == m_paused)
            return;
        m_paused = paused;
        m_server->m_pausedConnections += paused ? 1 : -1;
        if (paused)
            m_head.stop(); // the client is not the one being slow now
    }

    // Gives back what this connection holds of the server's connection count and byte totals.
    void release()
    {
        if (m_released)
            return;
        m_released = true;
        m_idle.stop();
        m_head.stop();
        setPaused(false);
        --m_server->m_connections;
        m_server->m_connectionSet.remove(this);
        m_server->addPendingInput(-m_pendingCounted);
        m_pendingCounted = 0;
        m_server->addBufferedOutput(-(m_unsent + m_queued));
        m_unsent = 0;
        m_queued = 0;
    }

    void onReadyRead()
    {
        if (m_released)
            return;
        if (m_discard > 0) {
            // A lingering close: read and drop the body of a refused request so that the client,
            // still sending it, gets to read the answer instead of a reset.
            m_discard -= m_socket->skip(m_discard);
            m_idle.start(m_server->m_idleTimeoutMs);
            if (m_discard <= 0)
                m_socket->disconnectFromHost();
            return;
        }
        if (m_closing) {
            m_socket->skip(m_socket->bytesAvailable()); // nothing more is served on this connection
            return;
        }
        if (!mayServe()) {
            setPaused(true); // leave the bytes where they are: see the class comment
            return;
        }
        m_buffer += m_socket->readAll();
        m_idle.start(m_server->m_idleTimeoutMs);
        processBuffer();
    }

    void onBytesWritten(qint64 bytes)
    {
        if (m_released)
            return;
        const qint64 n = std::min(bytes, m_unsent);
        m_unsent -= n;
        m_idle.start(m_server->m_idleTimeoutMs); // the client reads: progress
        m_server->addBufferedOutput(-n);
        if (m_paused && mayServe())
            resume();
    }

    void processBuffer()
    {
        bool incompleteHead = false;
        bool incompleteRequest = false; // the parser looked and found the request unfinished
        HttpParseResult parsed;
        while (!m_waiting && !m_closing && !m_buffer.isEmpty()) {
            if (!mayServe()) {
                setPaused(true);
                break;
            }
            HttpRequest request;
            request.peer = m_socket->peerAddress();
            parsed = parseHttpRequest(m_buffer, HttpParseLimits{m_server->m_maxHeader, m_server->m_maxBody}, request);
            if (parsed.status == HttpParseResult::Status::Incomplete) {
                incompleteRequest = true;
                incompleteHead = !parsed.headComplete;
                break;
            }
            if (parsed.status == HttpParseResult::Status::Error) {
                refuse(parsed.errorStatus, parsed.errorMessage, parsed.unreadBodyBytes);
                return;
            }
            m_head.stop(); // this request's head is in; the next one's deadline starts afresh
            const QByteArray connection = request.header("Connection").toLower();
            m_keepAlive = request.version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive");
            HttpResponse response = m_server->m_handler(request);
            ++m_server->m_served;
            if (response.delayMs > 0) {
                m_waiting = true;
                m_queued = response.body.size();
                m_server->addBufferedOutput(m_queued);
                QTimer::singleShot(response.delayMs, this, [this, response] {
                    m_waiting = false;
                    m_server->addBufferedOutput(-m_queued);
                    m_queued = 0;
                    send(response);
                    processBuffer();
                });
                break;
            }
            send(response);
        }
        if (m_closing)
            return;
        // A buffer that once held a large body keeps its capacity: give it back once consumed.
        if (m_buffer.capacity() > kReadBufferBytes && m_buffer.capacity() > 2 * m_buffer.size())
            m_buffer.squeeze();
        updatePendingInput();
        if (incompleteRequest && m_server->m_pendingInput > m_server->m_maxPendingInput) {
            // This connection's unfinished request takes the server over its bound: refuse it
            // (draining what is still to come of the body, so that the client reads the answer).
            const qint64 drain = parsed.headComplete ? parsed.requestBytes - m_buffer.size() : 0;
            refuse(503, "The server holds too many unfinished requests; retry later", drain);
            return;
        }
        if (incompleteHead && !m_paused && !m_waiting) {
            if (!m_head.isActive())
                m_head.start(m_server->m_headTimeoutMs);
        } else {
            m_head.stop();
        }
    }

    void updatePendingInput()
    {
        const qint64 size = m_buffer.size();
        m_server->addPendingInput(size - m_pendingCounted);
        m_pendingCounted = size;
    }

    void send(const HttpResponse &response)
    {
        if (response.dropConnection) {
            m_closing = true;
            m_socket->abort();
            return;
        }
        const QByteArray out = serializeResponse(response, m_keepAlive);
        m_socket->write(out);
        m_unsent += out.size();
        m_server->addBufferedOutput(out.size());
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
        m_head.stop();
        setPaused(false);
        m_keepAlive = drain > 0 && drain <= kMaxDrain; // send() must not close yet when draining
        send(closingError(status, message));
        m_buffer = QByteArray();
        updatePendingInput();
        m_closing = true;
        if (drain > 0 && drain <= kMaxDrain)
            m_discard = drain;
        else if (m_socket->state() == QAbstractSocket::ConnectedState)
            m_socket->disconnectFromHost();
    }

    static constexpr qint64 kMaxDrain = 64 * 1024 * 1024;
    static constexpr qint64 kReadBufferBytes = 64 * 1024;

    HttpServer *m_server;
    QTcpSocket *m_socket;
    QByteArray m_buffer;
    QTimer m_idle;
    QTimer m_head;
    qint64 m_unsent = 0;         // written to the socket, not yet handed to the kernel
    qint64 m_queued = 0;         // a delayed answer's body, not yet written
    qint64 m_pendingCounted = 0; // this connection's share of the server's pending input
    bool m_keepAlive = true;
    bool m_waiting = false;
    bool m_closing = false;
    bool m_paused = false;
    bool m_released = false;
    qint64 m_discard = 0;
};

HttpServer::HttpServer(Handler handler, QObject *parent) : QObject(parent), m_handler(std::move(handler))
{
    connect(&m_server, &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
    connect(&m_server, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError) {
        // Out of file descriptors, typically. QTcpServer stops accepting: say so once, and try
        // again shortly rather than never.
        if (!m_acceptErrorReported)
            qWarning("athena-local: cannot accept a connection (%s); %d open, retrying",
                     qPrintable(m_server.errorString()), m_connections);
        m_acceptErrorReported = true;
        QTimer::singleShot(250, this, [this] { m_server.resumeAccepting(); });
    });
}

HttpServer::~HttpServer()
{
    m_server.close();
    // Connections give their counts back to this object: delete them while it is whole.
    const QList<Connection *> connections = m_connectionSet.values();
    qDeleteAll(connections);
}

int HttpServer::defaultMaxConnections()
{
    qint64 limit = 1024;
#ifdef Q_OS_UNIX
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0)
        limit = rl.rlim_cur == RLIM_INFINITY ? qint64(1) << 20 : static_cast<qint64>(rl.rlim_cur);
#endif
    return static_cast<int>(std::clamp<qint64>(limit - kReservedFileDescriptors, 1, qint64(1) << 20));
}

int HttpServer::maxConnections() const
{
    if (m_maxConnectionsSetting > 0)
        return m_maxConnectionsSetting;
    return m_maxConnections > 0 ? m_maxConnections : defaultMaxConnections();
}

bool HttpServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    m_maxConnections = m_maxConnectionsSetting > 0 ? m_maxConnectionsSetting : defaultMaxConnections();
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

void HttpServer::addBufferedOutput(qint64 delta)
{
    m_bufferedOutput += delta;
    m_peakBufferedOutput = std::max(m_peakBufferedOutput, m_bufferedOutput);
    if (!m_outputPaused && m_bufferedOutput > m_maxTotalOutput) {
        m_outputPaused = true;
    } else if (m_outputPaused && m_bufferedOutput <= m_maxTotalOutput / 4 * 3) {
        m_outputPaused = false;
        // From the event loop: this may run inside a connection's signal handler or destructor.
        QMetaObject::invokeMethod(
            this,
            [this] {
                QList<QPointer<Connection>> connections;
                connections.reserve(m_connectionSet.size());
                for (Connection *c : std::as_const(m_connectionSet))
                    connections.append(c);
                for (const QPointer<Connection> &c : std::as_const(connections)) {
                    if (m_outputPaused)
                        break;
                    if (c)
                        c->resume(); // does nothing for a connection already closed
                }
            },
            Qt::QueuedConnection);
    }
}

void HttpServer::addPendingInput(qint64 delta)
{
    m_pendingInput += delta;
    m_peakPendingInput = std::max(m_peakPendingInput, m_pendingInput);
}

void HttpServer::refuseConnection(QTcpSocket *socket)
{
    ++m_refusedConnections;
    if (m_refusing >= kReservedFileDescriptors / 4) {
        socket->abort(); // too many refusals still under way: no answer, the descriptor back now
        socket->deleteLater();
        return;
    }
    ++m_refusing;
    socket->setParent(this);
    socket->setReadBufferSize(4096);
    connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->skip(socket->bytesAvailable()); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        --m_refusing;
        socket->deleteLater();
    });
    QTimer::singleShot(2000, socket, [socket] { socket->abort(); }); // a client that does not read
    socket->write(serializeResponse(
        closingError(503, "The server has " + QByteArray::number(m_connections) + " connections open, its limit; retry later"), false));
    socket->disconnectFromHost();
}

void HttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        if (m_connections >= maxConnections()) {
            refuseConnection(socket);
            continue;
        }
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        new Connection(this, socket);
    }
}

} // namespace local
