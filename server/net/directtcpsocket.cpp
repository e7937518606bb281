// SPDX-License-Identifier: MIT
#include "server/net/directtcpsocket.h"

#include <cerrno>

#include <sys/socket.h>

namespace roomgate::server::net {

qint64 DirectTcpSocket::writeData(const char *data, qint64 size)
{
    qint64 sent = 0;
    const qintptr descriptor = socketDescriptor();
    if (size > 0 && descriptor >= 0 && bytesToWrite() == 0 && state() == ConnectedState) {
        ssize_t n = 0;
        do {
            n = ::send(static_cast<int>(descriptor), data, static_cast<size_t>(size),
                       MSG_NOSIGNAL | MSG_DONTWAIT);
        } while (n < 0 && errno == EINTR);
        // Any error but a full buffer is Qt's to find and report, on the write below.
        if (n > 0)
            sent = n;
    }
    if (sent == size)
        return size;
    const qint64 queued = QTcpSocket::writeData(data + sent, size - sent);
    return queued < 0 ? queued : sent + queued;
}

} // namespace roomgate::server::net
