// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <variant>

namespace roomgate::server {

/** A valid WebSocket upgrade request (RFC 6455, 4.2.1), as the gateway needs it. */
struct WebSocketUpgrade
{
    QByteArray target; ///< the request target as sent: path and query, e.g. /ws?ticket=…
    QByteArray key; ///< Sec-WebSocket-Key, trimmed
    QByteArray origin; ///< the Origin header, trimmed; empty when hasOrigin is false
    bool hasOrigin = false;
    QByteArray forwardedFor; ///< X-Forwarded-For, trimmed; empty when absent
};

/** Why an upgrade request is refused: the HTTP status to answer with, and a sentence. */
struct WebSocketUpgradeRefusal
{
    int status = 400; ///< 400, or 426 for an unsupported Sec-WebSocket-Version
    QByteArray reasonPhrase; ///< "Bad Request", "Upgrade Required"
    QByteArray message; ///< what is wrong, in a sentence (ASCII)
};

/**
 * Parses the head of an upgrade request: the bytes up to and including the blank line
 * that ends the headers (nothing after it). Checks what RFC 6455 asks of a server: a GET
 * of HTTP/1.1 or later, a Host header, Upgrade with the token "websocket" and Connection
 * with the token "Upgrade" (both case-insensitive, in comma-separated lists), a
 * Sec-WebSocket-Key that is base64 of 16 bytes, and Sec-WebSocket-Version 13 (else 426).
 * Header names are case-insensitive; a header line without a colon is refused.
 */
std::variant<WebSocketUpgrade, WebSocketUpgradeRefusal> parseWebSocketUpgrade(QByteArrayView head);

/** Sec-WebSocket-Accept for @p key: base64 of the SHA-1 of the key and RFC 6455's GUID. */
QByteArray webSocketAccept(QByteArrayView key);

/** The 101 Switching Protocols answer to a valid upgrade with @p key (no subprotocol). */
QByteArray webSocketUpgradeAnswer(QByteArrayView key);

} // namespace roomgate::server
