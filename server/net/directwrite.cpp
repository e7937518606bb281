// SPDX-License-Identifier: MIT
#include "server/net/directwrite.h"

#include <QSslSocket>
#include <QTcpSocket>

#include <cerrno>

#include <sys/socket.h>

namespace roomgate::server::net {

bool writeDirect(QTcpSocket &socket, const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return true;
    const qintptr descriptor = socket.socketDescriptor();
    qsizetype sent = 0;
    if (descriptor >= 0 && socket.bytesToWrite() == 0
        && socket.state() == QAbstractSocket::ConnectedState
        && !qobject_cast<QSslSocket *>(&socket)) {
        ssize_t n = 0;
        do {
            n = ::send(static_cast<int>(descriptor), bytes.constData(),
                       static_cast<size_t>(bytes.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        } while (n < 0 && errno == EINTR);
        // Any error but a full buffer is Qt's to find and report, on the write below.
        if (n > 0)
            sent = n;
    }
    if (sent == bytes.size())
        return true;
    const QByteArray rest = sent == 0 ? bytes : bytes.sliced(sent);
    return socket.write(rest) == rest.size();
}

} // namespace roomgate::server::net
