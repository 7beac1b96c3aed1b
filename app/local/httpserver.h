#pragma once

#include "aws/sigv4signer.h"

#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QTcpServer>

#include <functional>

class QTcpSocket;

namespace local {

struct HttpRequest
{
    QByteArray method;
    QByteArray target; // path and query as sent
    QByteArray version;
    QList<aws::HttpHeader> headers;
    QByteArray body;
    QHostAddress peer;

    // The value of a header (case-insensitive); repeated headers joined with commas.
    QByteArray header(const QByteArray &name) const;
    QByteArray path() const;
};

struct HttpResponse
{
    int status = 200;
    QList<aws::HttpHeader> headers;
    QByteArray body;
    int delayMs = 0;             // answer this much later (fault injection)
    bool dropConnection = false; // close the connection instead of answering (fault injection)

    static HttpResponse json(int status, const QByteArray &body);
};

// Parses one HTTP/1.1 request from the front of a buffer, consuming it when complete. Pure: the
// server feeds it socket data, tests and fuzzers feed it bytes.
struct HttpParseLimits
{
    qint64 maxHeaderBytes = 64 * 1024;
    qint64 maxBodyBytes = 4 * 1024 * 1024;
};

struct HttpParseResult
{
    enum class Status { Incomplete, Complete, Error } status = Status::Incomplete;
    int errorStatus = 0;        // 400, 411, 413, 431
    QByteArray errorMessage;
    qint64 unreadBodyBytes = 0; // with 413: how much of the refused body is still to come
    bool headComplete = false;  // with Incomplete: the head is in, only body bytes are missing
    qint64 requestBytes = 0;    // with Incomplete and headComplete: head plus body, in bytes
};

HttpParseResult parseHttpRequest(QByteArray &buffer, const HttpParseLimits &limits, HttpRequest &request);

// A small HTTP/1.1 server for the local endpoint: keep-alive, pipelined requests answered in
// order, Content-Length bodies only, a body-size limit enforced from the header before the
// body is read (413), a header-size limit (431), an idle timeout, and the delayed and dropped
// answers that fault injection needs. Handlers run on the server's thread.
//
// Its resources are bounded against clients that misbehave:
// - back-pressure: a connection whose unsent answers exceed maxConnectionOutputBytes is neither
//   read nor served until they drain; while all connections together hold more than
//   maxTotalOutputBytes, no connection is read or served;
// - a request head must be complete within headTimeoutMs of its first byte (408);
// - at most maxConnections connections at once; the ones beyond get 503 and are closed;
// - the bytes of requests not yet complete, over all connections, stay under
//   maxPendingInputBytes; the connection that would exceed it gets 503 and is closed.
class HttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServer)

public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;

    explicit HttpServer(Handler handler, QObject *parent = nullptr);
    ~HttpServer() override;

    bool listen(const QHostAddress &address, quint16 port, QString *error);
    void close();
    quint16 port() const { return m_server.serverPort(); }
    QHostAddress address() const { return m_server.serverAddress(); }

    static constexpr qint64 kDefaultMaxConnectionOutputBytes = 1024 * 1024;
    static constexpr qint64 kDefaultMaxTotalOutputBytes = 64 * 1024 * 1024;
    static constexpr qint64 kDefaultMaxPendingInputBytes = 64 * 1024 * 1024;
    static constexpr int kDefaultHeadTimeoutMs = 10000;
    static constexpr int kReservedFileDescriptors = 64; // SQLite, the event loop, stdio, 503 answers

    void setMaxBodyBytes(qint64 bytes) { m_maxBody = bytes; }
    void setMaxHeaderBytes(qint64 bytes) { m_maxHeader = bytes; }
    void setIdleTimeoutMs(int ms) { m_idleTimeoutMs = ms; }
    void setHeadTimeoutMs(int ms) { m_headTimeoutMs = ms; }
    void setMaxConnectionOutputBytes(qint64 bytes) { m_maxConnectionOutput = bytes; }
    void setMaxTotalOutputBytes(qint64 bytes) { m_maxTotalOutput = bytes; }
    void setMaxPendingInputBytes(qint64 bytes) { m_maxPendingInput = bytes; }
    // 0: derived from the open-files limit when listening (defaultMaxConnections()).
    void setMaxConnections(int connections) { m_maxConnectionsSetting = connections; }
    qint64 maxBodyBytes() const { return m_maxBody; }
    int maxConnections() const;
    quint64 requestsServed() const { return m_served; }
    int openConnections() const { return m_connections; }

    // For tests and diagnostics: answers written but not yet handed to the kernel (plus delayed
    // ones waiting), bytes of requests received but not yet complete, and their peaks.
    qint64 bufferedOutputBytes() const { return m_bufferedOutput; }
    qint64 peakBufferedOutputBytes() const { return m_peakBufferedOutput; }
    qint64 pendingInputBytes() const { return m_pendingInput; }
    qint64 peakPendingInputBytes() const { return m_peakPendingInput; }
    int pausedConnections() const { return m_pausedConnections; } // not read because of back-pressure
    quint64 refusedConnections() const { return m_refusedConnections; } // beyond maxConnections

    // The open-files soft limit less kReservedFileDescriptors (at least 1).
    static int defaultMaxConnections();

    static QByteArray reasonPhrase(int status);
    static QByteArray httpDate(const QDateTime &t);
    static QByteArray errorBody(int status, const QByteArray &message);

private:
    class Connection;
    void onNewConnection();
    void refuseConnection(QTcpSocket *socket);
    void addBufferedOutput(qint64 delta);
    void addPendingInput(qint64 delta);
    bool outputPaused() const { return m_outputPaused; }

    Handler m_handler;
    QTcpServer m_server;
    qint64 m_maxBody = 4 * 1024 * 1024;
    qint64 m_maxHeader = 64 * 1024;
    int m_idleTimeoutMs = 120000;
    int m_headTimeoutMs = kDefaultHeadTimeoutMs;
    qint64 m_maxConnectionOutput = kDefaultMaxConnectionOutputBytes;
    qint64 m_maxTotalOutput = kDefaultMaxTotalOutputBytes;
    qint64 m_maxPendingInput = kDefaultMaxPendingInputBytes;
    int m_maxConnectionsSetting = 0;
    int m_maxConnections = 0; // effective, set by listen()
    quint64 m_served = 0;
    int m_connections = 0;
    int m_refusing = 0; // refused sockets still sending their 503
    quint64 m_refusedConnections = 0;
    qint64 m_bufferedOutput = 0;
    qint64 m_peakBufferedOutput = 0;
    qint64 m_pendingInput = 0;
    qint64 m_peakPendingInput = 0;
    int m_pausedConnections = 0;
    bool m_outputPaused = false;
    bool m_acceptErrorReported = false;
    QSet<Connection *> m_connectionSet;
};

} // namespace local
