// SPDX-License-Identifier: MIT
#pragma once

#include <QTcpSocket>

namespace roomgate::server::net {

/**
 * A server's plain-TCP connection whose writes leave at once: when nothing waits in Qt's
 * write buffer, write() hands the bytes to the kernel with one send(2) and buffers only
 * what the kernel does not take (a reader that falls behind), in order, as QTcpSocket does.
 * Every writer goes this way — the HTTP answers, the frames of a broadcast, and QWebSocket's
 * own handshake answer, pings and close.
 *
 * Why: Qt buffers every write of an accepted socket (it has no unbuffered mode for those),
 * so the first write allocates a 32 KiB block that the socket keeps for its life, and the
 * bytes reach the kernel only one event-loop turn later, after the write notifier was
 * enabled (and then disabled) in the poller. A connection that keeps up now costs neither:
 * an idle member holds no write block at all. bytesWritten() is not emitted for what was
 * sent at once; bytesToWrite() counts only what waits.
 */
class DirectTcpSocket : public QTcpSocket
{
    Q_OBJECT
public:
    using QTcpSocket::QTcpSocket;

protected:
    qint64 writeData(const char *data, qint64 size) override;
};

} // namespace roomgate::server::net
