// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace roomgate::server {

/** RFC 6455, 5.5: a control frame (close, ping, pong) carries at most 125 payload bytes. */
inline constexpr qsizetype kLargestControlPayload = 125;

/**
 * @p utf8 as one final, unmasked WebSocket text frame (RFC 6455, 5.2): the form a server
 * sends. A broadcast frames its message once per socket thread with it and writes the same
 * bytes to every member's socket, where QWebSocket::sendTextMessage() would convert, frame
 * and copy the text once per member.
 */
QByteArray webSocketTextFrame(QByteArrayView utf8);

/** A ping frame (opcode 9) with @p payload (at most 125 bytes; longer is cut). */
QByteArray webSocketPingFrame(QByteArrayView payload = {});

/** A pong frame (opcode 10) with @p payload (at most 125 bytes; longer is cut). */
QByteArray webSocketPongFrame(QByteArrayView payload);

/**
 * A close frame (opcode 8): @p code in network byte order, then @p reason cut to 123
 * bytes at a UTF-8 character boundary. Code 1005 (none) gives a frame without a body.
 */
QByteArray webSocketCloseFrame(quint16 code, QByteArrayView reason = {});

} // namespace roomgate::server
