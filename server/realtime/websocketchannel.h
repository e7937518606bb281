// SPDX-License-Identifier: MIT
#pragma once

#include "server/realtime/websocketreader.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QPointer>

class QTcpSocket;

namespace roomgate::server {

/**
 * The server's side of one upgraded WebSocket (RFC 6455) on the socket it owns: reads the
 * client's frames (WebSocketReader) and hands on whole messages; answers pings and the
 * client's close; ends the connection on a protocol failure with the failure's close code
 * (1002, 1007, 1009). Writes are the caller's frames as they are (websocketframe.h): a
 * broadcast framed once is written to every member unchanged.
 *
 * It replaces QWebSocket on the server side: an idle member holds its socket, this object
 * and nothing else (no read or write buffer of its own, no timer, no handshake record).
 * Owned by its ClientConnection, lives on the gateway worker's thread.
 */
class WebSocketChannel : public QObject
{
    Q_OBJECT
public:
    /**
     * Takes @p socket (upgraded: the 101 answer written, the request read off it) as a
     * child. @p target: the request target of the upgrade (path and query); @p forwardedFor:
     * its X-Forwarded-For, if any. Call start() once the signals are connected.
     */
    WebSocketChannel(QTcpSocket *socket, QByteArray target, QByteArray forwardedFor,
                     qsizetype maxMessageBytes, QObject *parent = nullptr);

    /**
     * Reads @p received (what came after the upgrade request, read with it), then
     * whatever arrives.
     */
    void start(const QByteArray &received = {});

    const QByteArray &target() const { return m_target; }
    const QByteArray &forwardedFor() const { return m_forwardedFor; }
    QHostAddress peerAddress() const;
    /** Whether frames may still be written (no close sent or received, not disconnected). */
    bool isOpen() const;
    /** Bytes handed to write() that the kernel has not taken yet. */
    qint64 bytesToWrite() const;

    /** Writes complete frames @p wire (nothing after a close). */
    void write(const QByteArray &wire);
    void ping();
    /**
     * Sends a close frame with @p code and @p reason (once), after everything written
     * before it; the TCP connection ends when the client answers with its close, or when
     * the caller aborts it.
     */
    void close(quint16 code, QByteArrayView reason);
    /** Ends the TCP connection at once; disconnected() follows. */
    void abort();

Q_SIGNALS:
    /** A whole text message, valid UTF-8. */
    void textReceived(const QByteArray &utf8);
    /** A whole binary message (not part of Roomgate's protocol). */
    void binaryReceived();
    /** A ping or a pong: the client is alive. */
    void alive();
    /** The connection is gone (after a close handshake, a failure, or the peer's end). */
    void disconnected();

private:
    void onReadyRead();
    void read(const QByteArray &bytes);
    /** Handles one message; false once nothing more may be read. */
    bool handle(const WebSocketReader::Message &message);
    void fail(const WebSocketReader::Failure &failure);

    QPointer<QTcpSocket> m_socket;
    QByteArray m_target;
    QByteArray m_forwardedFor;
    WebSocketReader m_reader;
    bool m_closeSent = false;
    bool m_closeReceived = false;
    bool m_disconnected = false;
    bool m_failed = false;
};

} // namespace roomgate::server
