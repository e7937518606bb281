// SPDX-License-Identifier: MIT
#include "tests/common/rawclients.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>
#include <QUrl>

#include <array>

namespace roomgate::test {

namespace {

bool connectFrom(QTcpSocket &socket, const QHostAddress &from, quint16 port, int timeoutMs,
                 int receiveBuffer = 0)
{
    if (!from.isNull() && !socket.bind(from))
        return false;
    if (receiveBuffer > 0)
        socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, receiveBuffer);
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    return socket.waitForConnected(timeoutMs);
}

} // namespace

HttpReply rawRequest(const QHostAddress &from, quint16 port, const QByteArray &method,
                     const QString &path, const QByteArray &body, const QByteArray &token,
                     int timeoutMs)
{
    HttpReply reply;
    QTcpSocket socket;
    if (!connectFrom(socket, from, port, timeoutMs))
        return reply;
    QByteArray request = method + ' ' + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Connection: close\r\n";
    if (!token.isEmpty())
        request += "Authorization: Bearer " + token + "\r\n";
    if (!body.isNull())
        request += "Content-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n";
    request += "\r\n" + body;
    socket.write(request);
    QByteArray response;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired() && socket.state() == QAbstractSocket::ConnectedState) {
        if (socket.waitForReadyRead(static_cast<int>(qMax<qint64>(1, deadline.remainingTime()))))
            response += socket.readAll();
    }
    response += socket.readAll();
    const qsizetype headEnd = response.indexOf("\r\n\r\n");
    if (!response.startsWith("HTTP/1.") || headEnd < 0)
        return reply;
    const QList<QByteArray> lines = response.left(headEnd).split('\n');
    reply.status = lines.first().split(' ').value(1).toInt();
    for (const QByteArray &line : lines.mid(1)) {
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-type")
            reply.contentType = value;
        else if (name == "retry-after")
            reply.retryAfter = value;
        else if (name == "allow")
            reply.allow = value;
    }
    reply.body = response.mid(headEnd + 4);
    reply.json = QJsonDocument::fromJson(reply.body).object();
    return reply;
}

RawWebSocket::RawWebSocket(const QHostAddress &from) : m_from(from)
{
    connect(&m_socket, &QTcpSocket::readyRead, this, &RawWebSocket::onReadyRead);
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] { m_ended = true; });
}

bool RawWebSocket::open(const QString &url, qint64 readBufferBytes, int timeoutMs)
{
    const QUrl parsed(url);
    if (!connectFrom(m_socket, m_from, static_cast<quint16>(parsed.port()), timeoutMs,
                     m_receiveBuffer))
        return false;
    // RFC 6455: the key is 16 random bytes, base64-encoded.
    std::array<quint32, 4> nonce{};
    QRandomGenerator::global()->fillRange(nonce.data(), static_cast<qsizetype>(nonce.size()));
    const QByteArray key
        = QByteArray(reinterpret_cast<const char *>(nonce.data()), sizeof nonce).toBase64();
    const QByteArray target = parsed.path(QUrl::FullyEncoded).toLatin1()
        + (parsed.hasQuery() ? "?" + parsed.query(QUrl::FullyEncoded).toLatin1() : QByteArray());
    m_socket.write("GET " + target
                   + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                     "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                   + key + "\r\n\r\n");
    if (!QTest::qWaitFor([this] { return m_upgraded || m_ended; }, timeoutMs) || !m_upgraded)
        return false;
    if (readBufferBytes > 0) {
        // From now on Qt reads no more than this from the kernel, and nothing takes it.
        m_reading = false;
        m_socket.setReadBufferSize(readBufferBytes);
    }
    return true;
}

void RawWebSocket::writeFrame(quint8 opcode, const QByteArray &payload)
{
    QByteArray frame;
    frame.append(static_cast<char>(0x80 | opcode));
    const qsizetype size = payload.size();
    if (size < 126) {
        frame.append(static_cast<char>(0x80 | size));
    } else if (size < 65536) {
        frame.append(static_cast<char>(0x80 | 126));
        frame.append(static_cast<char>(size >> 8));
        frame.append(static_cast<char>(size & 0xff));
    } else {
        frame.append(static_cast<char>(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(static_cast<char>((static_cast<quint64>(size) >> shift) & 0xff));
    }
    const quint32 mask = QRandomGenerator::global()->generate();
    QByteArray masked = payload;
    for (qsizetype i = 0; i < masked.size(); ++i)
        masked[i] = static_cast<char>(masked[i] ^ ((mask >> (8 * (3 - i % 4))) & 0xff));
    for (int shift = 24; shift >= 0; shift -= 8)
        frame.append(static_cast<char>((mask >> shift) & 0xff));
    m_socket.write(frame + masked);
}

void RawWebSocket::sendText(const QByteArray &utf8)
{
    writeFrame(0x1, utf8);
}

void RawWebSocket::send(const QJsonObject &frame)
{
    sendText(QJsonDocument(frame).toJson(QJsonDocument::Compact));
}

void RawWebSocket::onReadyRead()
{
    if (!m_reading && m_upgraded)
        return; // a reader that never reads
    m_buffer += m_socket.readAll();
    if (!m_upgraded) {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        m_upgraded = m_buffer.startsWith("HTTP/1.1 101");
        m_buffer.remove(0, end + 4);
        if (!m_upgraded) {
            m_socket.abort();
            return;
        }
    }
    for (;;) {
        if (m_buffer.size() < 2)
            return;
        const auto b0 = static_cast<quint8>(m_buffer[0]);
        quint64 length = static_cast<quint8>(m_buffer[1]) & 0x7f;
        qsizetype offset = 2;
        if (length == 126) {
            if (m_buffer.size() < 4)
                return;
            length = (static_cast<quint8>(m_buffer[2]) << 8) | static_cast<quint8>(m_buffer[3]);
            offset = 4;
        } else if (length == 127) {
            if (m_buffer.size() < 10)
                return;
            length = 0;
            for (int i = 2; i < 10; ++i)
                length = (length << 8) | static_cast<quint8>(m_buffer[i]);
            offset = 10;
        }
        if (static_cast<quint64>(m_buffer.size() - offset) < length)
            return;
        const QByteArray payload = m_buffer.mid(offset, static_cast<qsizetype>(length));
        m_buffer.remove(0, offset + static_cast<qsizetype>(length));
        switch (b0 & 0x0f) {
        case 0x1:
            m_frames.append(QJsonDocument::fromJson(payload).object());
            break;
        case 0x8:
            m_closeCode = payload.size() >= 2
                ? (static_cast<quint8>(payload[0]) << 8) | static_cast<quint8>(payload[1])
                : 1005;
            writeFrame(0x8, payload.left(2));
            m_socket.disconnectFromHost();
            return;
        case 0x9:
            writeFrame(0xA, payload);
            break;
        default:
            break;
        }
    }
}

QJsonObject RawWebSocket::frameOfType(const QString &type, int timeoutMs)
{
    QJsonObject found;
    (void)QTest::qWaitFor(
        [&] {
            for (; m_read < m_frames.size(); ++m_read) {
                if (m_frames.at(m_read).value(u"type").toString() == type) {
                    found = m_frames.at(m_read++);
                    return true;
                }
            }
            return m_ended;
        },
        timeoutMs);
    return found;
}

bool RawWebSocket::waitClosed(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_closeCode >= 0 || m_ended; }, timeoutMs);
}

} // namespace roomgate::test
