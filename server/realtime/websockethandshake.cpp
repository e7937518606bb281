// SPDX-License-Identifier: MIT
#include "server/realtime/websockethandshake.h"

#include <QCryptographicHash>
#include <QList>
#include <QStringBuilder>

namespace roomgate::server {

namespace {

WebSocketUpgradeRefusal badRequest(const char *message)
{
    return WebSocketUpgradeRefusal{400, QByteArrayLiteral("Bad Request"), QByteArray(message)};
}

/** Whether the comma-separated list @p value holds @p token (case-insensitive). */
bool hasToken(QByteArrayView value, QByteArrayView token)
{
    while (!value.isEmpty()) {
        const qsizetype comma = value.indexOf(',');
        const QByteArrayView item = (comma < 0 ? value : value.first(comma)).trimmed();
        if (item.compare(token, Qt::CaseInsensitive) == 0)
            return true;
        value = comma < 0 ? QByteArrayView() : value.sliced(comma + 1);
    }
    return false;
}

/** Whether @p line is "HTTP/x.y" of version 1.1 or later. */
bool isHttp11OrLater(QByteArrayView version)
{
    if (!version.startsWith("HTTP/"))
        return false;
    version = version.sliced(5);
    const qsizetype dot = version.indexOf('.');
    if (dot <= 0 || dot + 1 >= version.size())
        return false;
    bool majorOk = false;
    bool minorOk = false;
    const int major = version.first(dot).toInt(&majorOk);
    const int minor = version.sliced(dot + 1).toInt(&minorOk);
    return majorOk && minorOk && (major > 1 || (major == 1 && minor >= 1));
}

/** Whether @p key is base64 of 16 bytes: 22 characters of the alphabet and "==". */
bool isKeyOf16Bytes(QByteArrayView key)
{
    if (key.size() != 24)
        return false;
    const auto decoded = QByteArray::fromBase64Encoding(key.toByteArray(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    return decoded.decodingStatus == QByteArray::Base64DecodingStatus::Ok
        && decoded.decoded.size() == 16;
}

} // namespace

std::variant<WebSocketUpgrade, WebSocketUpgradeRefusal> parseWebSocketUpgrade(QByteArrayView head)
{
    // Lines end with CRLF; a bare LF is taken too, as HTTP/1.1 lets a server do.
    QList<QByteArrayView> lines;
    while (!head.isEmpty()) {
        const qsizetype end = head.indexOf('\n');
        QByteArrayView line = end < 0 ? head : head.first(end);
        if (line.endsWith('\r'))
            line.chop(1);
        head = end < 0 ? QByteArrayView() : head.sliced(end + 1);
        if (line.isEmpty())
            break; // the blank line that ends the head
        lines.append(line);
    }
    if (lines.isEmpty())
        return badRequest("The request has no request line.");

    // Request line: METHOD SP target SP version, single spaces.
    const QByteArrayView requestLine = lines.takeFirst();
    const qsizetype firstSpace = requestLine.indexOf(' ');
    const qsizetype lastSpace = requestLine.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace <= firstSpace + 1)
        return badRequest("The request line is malformed.");
    const QByteArrayView method = requestLine.first(firstSpace);
    const QByteArrayView target = requestLine.sliced(firstSpace + 1, lastSpace - firstSpace - 1);
    const QByteArrayView version = requestLine.sliced(lastSpace + 1);
    if (target.contains(' '))
        return badRequest("The request line is malformed.");
    if (method != "GET")
        return badRequest("A WebSocket upgrade must be a GET request.");
    if (!isHttp11OrLater(version))
        return badRequest("A WebSocket upgrade needs HTTP/1.1 or later.");

    QByteArrayView host;
    QByteArrayView key;
    QByteArrayView versionHeader;
    QByteArrayView origin;
    bool hasHost = false;
    bool hasKey = false;
    bool hasVersion = false;
    bool hasOrigin = false;
    QByteArray forwardedFor; // a proxy's list; several headers are one list (RFC 9110, 5.3)
    bool upgradesToWebSocket = false;
    bool connectionUpgrade = false;
    // A header that must appear once: false when it appeared before.
    const auto once = [](bool &seen, QByteArrayView &into, QByteArrayView value) {
        if (seen)
            return false;
        seen = true;
        into = value;
        return true;
    };
    for (const QByteArrayView line : std::as_const(lines)) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            return badRequest("A header line has no colon.");
        const QByteArrayView name = line.first(colon);
        if (name.isEmpty() || name.contains(' ') || name.contains('\t'))
            return badRequest("A header name is empty or holds white space.");
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        const auto is = [&name](QByteArrayView other) {
            return name.compare(other, Qt::CaseInsensitive) == 0;
        };
        if (is("Host")) {
            if (!once(hasHost, host, value))
                return badRequest("The Host header appears more than once.");
        } else if (is("Upgrade")) {
            upgradesToWebSocket = upgradesToWebSocket || hasToken(value, "websocket");
        } else if (is("Connection")) {
            connectionUpgrade = connectionUpgrade || hasToken(value, "Upgrade");
        } else if (is("Sec-WebSocket-Key")) {
            if (!once(hasKey, key, value))
                return badRequest("The Sec-WebSocket-Key header appears more than once.");
        } else if (is("Sec-WebSocket-Version")) {
            if (!once(hasVersion, versionHeader, value))
                return badRequest("The Sec-WebSocket-Version header appears more than once.");
        } else if (is("Origin")) {
            if (!once(hasOrigin, origin, value))
                return badRequest("The Origin header appears more than once.");
        } else if (is("X-Forwarded-For")) {
            if (!forwardedFor.isEmpty())
                forwardedFor += ", ";
            forwardedFor += value;
        }
    }

    if (!hasHost || host.isEmpty())
        return badRequest("The request has no Host header.");
    if (!upgradesToWebSocket)
        return badRequest("The Upgrade header does not name websocket.");
    if (!connectionUpgrade)
        return badRequest("The Connection header does not name Upgrade.");
    if (!hasKey)
        return badRequest("The request has no Sec-WebSocket-Key header.");
    if (!isKeyOf16Bytes(key))
        return badRequest("The Sec-WebSocket-Key is not base64 of 16 bytes.");
    // RFC 6455, 4.2.2: a version the server does not speak is answered with 426 and the
    // versions it does. A missing version gets the same answer: it is the one thing the
    // client can fix, and the 426 tells it how.
    if (!hasVersion || versionHeader != "13") {
        return WebSocketUpgradeRefusal{426, QByteArrayLiteral("Upgrade Required"),
                                       QByteArrayLiteral("Only Sec-WebSocket-Version 13 is "
                                                         "supported.")};
    }

    WebSocketUpgrade upgrade;
    upgrade.target = target.toByteArray();
    upgrade.key = key.toByteArray();
    upgrade.hasOrigin = hasOrigin;
    if (hasOrigin)
        upgrade.origin = origin.toByteArray();
    upgrade.forwardedFor = std::move(forwardedFor);
    return upgrade;
}

QByteArray webSocketAccept(QByteArrayView key)
{
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    sha1.addData(key);
    sha1.addData(QByteArrayView("258EAFA5-E914-47DA-95CA-C5AB0DC85B11"));
    return sha1.result().toBase64();
}

QByteArray webSocketUpgradeAnswer(QByteArrayView key)
{
    return QByteArrayLiteral("HTTP/1.1 101 Switching Protocols\r\n"
                             "Upgrade: websocket\r\n"
                             "Connection: Upgrade\r\n"
                             "Sec-WebSocket-Accept: ")
        + webSocketAccept(key) + QByteArrayLiteral("\r\n\r\n");
}

} // namespace roomgate::server
