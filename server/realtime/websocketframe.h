// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace roomgate::server {

/**
 * @p utf8 as one final, unmasked WebSocket text frame (RFC 6455, 5.2): the form a server
 * sends. A broadcast frames its message once per socket thread with it and writes the same
 * bytes to every member's socket, where QWebSocket::sendTextMessage() would convert, frame
 * and copy the text once per member.
 */
QByteArray webSocketTextFrame(QByteArrayView utf8);

} // namespace roomgate::server
