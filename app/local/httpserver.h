#pragma once

#include "aws/sigv4signer.h"

#include <QHostAddress>
#include <QObject>
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
};

HttpParseResult parseHttpRequest(QByteArray &buffer, const HttpParseLimits &limits, HttpRequest &request);

// A small HTTP/1.1 server for the local endpoint: keep-alive, pipelined requests answered in
// order, Content-Length bodies only, a body-size limit enforced from the header before the
// body is read (413), a header-size limit (431), an idle timeout, and the delayed and dropped
// answers that fault injection needs. Handlers run on the server's thread.
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

    void setMaxBodyBytes(qint64 bytes) { m_maxBody = bytes; }
    void setMaxHeaderBytes(qint64 bytes) { m_maxHeader = bytes; }
    void setIdleTimeoutMs(int ms) { m_idleTimeoutMs = ms; }
    qint64 maxBodyBytes() const { return m_maxBody; }
    quint64 requestsServed() const { return m_served; }
    int openConnections() const { return m_connections; }

    static QByteArray reasonPhrase(int status);
    static QByteArray httpDate(const QDateTime &t);

private:
    class Connection;
    void onNewConnection();

    Handler m_handler;
    QTcpServer m_server;
    qint64 m_maxBody = 4 * 1024 * 1024;
    qint64 m_maxHeader = 64 * 1024;
    int m_idleTimeoutMs = 120000;
    quint64 m_served = 0;
    int m_connections = 0;
};

} // namespace local
