// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

class QTcpSocket;

namespace roomgate::server::net {

/**
 * Writes @p bytes to @p socket at once, with one send(2), when nothing waits before them in
 * Qt's write buffer and the connection is plain TCP; what the kernel does not take (a reader
 * that falls behind) and every write to a TLS connection go through QIODevice::write() as
 * usual. Returns false only when the socket cannot be written at all.
 *
 * Why: Qt's write buffer allocates a 32 KiB block for a socket's first write and keeps it
 * for the socket's life, and it reaches the kernel only one event-loop turn later, after
 * the write notifier was enabled (and then disabled) in the poller. A reader that keeps up
 * now costs neither. bytesWritten() is not emitted for what was sent here.
 */
bool writeDirect(QTcpSocket &socket, const QByteArray &bytes);

} // namespace roomgate::server::net
