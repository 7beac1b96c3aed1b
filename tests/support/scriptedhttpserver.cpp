#include "support/scriptedhttpserver.h"

#include <QTcpSocket>

namespace testing {

QByteArray ScriptedHttpServer::Received::header(const QByteArray &name) const
{
    for (const aws::HttpHeader &h : headers) {
        if (h.name.compare(name, Qt::CaseInsensitive) == 0)
            return h.value;
    }
    return {};
}

ScriptedHttpServer::ScriptedHttpServer(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

bool ScriptedHttpServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void ScriptedHttpServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    for (;;) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            break;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        Received r;
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        r.method = requestLine.value(0);
        r.path = requestLine.value(1);
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            aws::HttpHeader h{line.left(colon).trimmed(), line.mid(colon + 1).trimmed()};
            if (h.name.compare("content-length", Qt::CaseInsensitive) == 0)
                length = h.value.toLongLong();
            r.headers.append(h);
        }
        if (buffer.size() < end + 4 + length)
            break;
        r.body = buffer.mid(end + 4, length);
        buffer.remove(0, end + 4 + length);
        received.append(r);
        const Action action = !script.isEmpty() ? script.takeFirst() : handler ? handler(r) : fallback;
        Q_EMIT requestReceived();
        switch (action.kind) {
        case Action::Kind::Close:
            socket->abort();
            return;
        case Action::Kind::Hang:
            socket->setProperty("buffer", buffer);
            return;
        case Action::Kind::Respond: {
            QByteArray out = "HTTP/1.1 " + QByteArray::number(action.status) + " Scripted\r\n";
            out += "Content-Type: application/x-amz-json-1.1\r\n";
            out += "Content-Length: " + QByteArray::number(action.body.size()) + "\r\n";
            for (const aws::HttpHeader &h : action.headers)
                out += h.name + ": " + h.value + "\r\n";
            out += "\r\n" + action.body;
            socket->write(out);
            break;
        }
        }
    }
    socket->setProperty("buffer", buffer);
}

} // namespace testing
