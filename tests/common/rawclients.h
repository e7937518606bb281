// SPDX-License-Identifier: MIT
#pragma once

#include "tests/common/testserver.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QTcpSocket>

namespace roomgate::test {

/**
 * One HTTP request on its own connection from a chosen local address (127.0.0.2, …), as
 * the internet sends them: so that per-address limits meet honest users from elsewhere.
 * Synchronous, bounded; status 0 when no answer came.
 */
HttpReply rawRequest(const QHostAddress &from, quint16 port, const QByteArray &method,
                     const QString &path, const QByteArray &body = {}, const QByteArray &token = {},
                     int timeoutMs = 20000);

/**
 * A WebSocket client on a raw TCP socket, bound to a chosen local address: it speaks just
 * enough of RFC 6455 for the tests (masked text frames out; text, ping and close frames
 * in, answering pings) and can stop reading altogether, like a reader that never reads.
 */
class RawWebSocket : public QObject
{
    Q_OBJECT
public:
    explicit RawWebSocket(const QHostAddress &from = QHostAddress(QHostAddress::LocalHost));

    /**
     * Connects to @p url (`ws://host:port/path?query`) and completes the upgrade (bounded).
     * With @p readBufferBytes set, the socket stops reading from the kernel once that much
     * is unread and never reads again: the server's output then piles up.
     */
    bool open(const QString &url, qint64 readBufferBytes = 0, int timeoutMs = 10000);
    /** Asks the kernel for a small receive buffer (before open()): a stalled reader stalls soon. */
    void setReceiveBuffer(int bytes) { m_receiveBuffer = bytes; }
    /** From now on nothing more is read (set the socket's read buffer size to stall it). */
    void stopReading() { m_reading = false; }
    void sendText(const QByteArray &utf8);
    void send(const QJsonObject &frame);
    /** Waits (bounded) for a text frame whose `type` is @p type; empty on time-out. */
    QJsonObject frameOfType(const QString &type, int timeoutMs = 10000);
    /** Waits (bounded) until the server closed or the TCP connection ended. */
    bool waitClosed(int timeoutMs = 10000);

    int closeCode() const { return m_closeCode; }
    bool tcpEnded() const { return m_ended; }
    const QList<QJsonObject> &frames() const { return m_frames; }
    QTcpSocket &socket() { return m_socket; }

private:
    void onReadyRead();
    void writeFrame(quint8 opcode, const QByteArray &payload);

    QHostAddress m_from;
    int m_receiveBuffer = 0;
    QTcpSocket m_socket;
    QByteArray m_buffer;
    bool m_upgraded = false;
    bool m_reading = true;
    bool m_ended = false;
    int m_closeCode = -1;
    QList<QJsonObject> m_frames;
    qsizetype m_read = 0;
};

} // namespace roomgate::test
