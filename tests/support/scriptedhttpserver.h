#pragma once

#include "aws/sigv4signer.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QTcpServer>

#include <functional>

class QTcpSocket;

namespace testing {

// A raw HTTP/1.1 server on loopback that answers each request from a script, so that tests can
// exercise real sockets: dropped connections, stalls, error statuses.
class ScriptedHttpServer final : public QObject
{
    Q_OBJECT

public:
    struct Action
    {
        enum class Kind { Respond, Close, Hang } kind = Kind::Respond;
        int status = 200;
        QList<aws::HttpHeader> headers;
        QByteArray body = "{}";

        static Action respond(int status, QByteArray body, QList<aws::HttpHeader> headers = {})
        {
            return Action{Kind::Respond, status, std::move(headers), std::move(body)};
        }
        static Action close() { return Action{Kind::Close, 0, {}, {}}; }
        static Action hang() { return Action{Kind::Hang, 0, {}, {}}; }
    };

    struct Received
    {
        QByteArray method;
        QByteArray path;
        QList<aws::HttpHeader> headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const;
    };

    explicit ScriptedHttpServer(QObject *parent = nullptr);
    bool listen();
    quint16 port() const { return m_server.serverPort(); }

    QList<Action> script;
    Action fallback = Action::respond(200, "{}");
    // When set, answers every request the script does not (instead of `fallback`), e.g. by its
    // X-Amz-Target.
    std::function<Action(const Received &request)> handler;
    QList<Received> received;

Q_SIGNALS:
    void requestReceived();

private:
    void onReadyRead(QTcpSocket *socket);

    QTcpServer m_server;
};

} // namespace testing
