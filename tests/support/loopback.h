#pragma once

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

namespace testing {

// A loopback port that nothing listened on a moment ago: for a child server to take, or for a
// "connection refused" test. 0 if the probe could not listen at all.
inline quint16 unusedLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

// Whether something accepts a TCP connection on the loopback port now; for QTRY_VERIFY while a
// child server starts.
inline bool acceptsConnections(quint16 port)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    return s.waitForConnected(100);
}

} // namespace testing
