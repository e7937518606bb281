// SPDX-License-Identifier: MIT
#include "server/realtime/websocketchannel.h"

#include "server/realtime/logging.h"
#include "server/realtime/websocketframe.h"

#include <QTcpSocket>

namespace roomgate::server {

WebSocketChannel::WebSocketChannel(QTcpSocket *socket, QByteArray target, QByteArray forwardedFor,
                                   qsizetype maxMessageBytes, QObject *parent)
    : QObject(parent),
      m_socket(socket),
      m_target(std::move(target)),
      m_forwardedFor(std::move(forwardedFor)),
      m_reader(maxMessageBytes)
{
    socket->setParent(this);
}

void WebSocketChannel::start(const QByteArray &received)
{
    connect(m_socket, &QTcpSocket::readyRead, this, &WebSocketChannel::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        if (m_disconnected)
            return;
        m_disconnected = true;
        Q_EMIT disconnected();
    });
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        // Gone between the upgrade and now: disconnected() was emitted before anyone listened.
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (!m_disconnected) {
                    m_disconnected = true;
                    Q_EMIT disconnected();
                }
            },
            Qt::QueuedConnection);
        return;
    }
    read(received);
    if (m_socket && m_socket->bytesAvailable() > 0)
        onReadyRead();
}

QHostAddress WebSocketChannel::peerAddress() const
{
    return m_socket ? m_socket->peerAddress() : QHostAddress();
}

bool WebSocketChannel::isOpen() const
{
    return m_socket && !m_closeSent && !m_closeReceived && !m_disconnected
        && m_socket->state() == QAbstractSocket::ConnectedState;
}

qint64 WebSocketChannel::bytesToWrite() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

void WebSocketChannel::write(const QByteArray &wire)
{
    if (isOpen())
        m_socket->write(wire);
}

void WebSocketChannel::ping()
{
    write(webSocketPingFrame());
}

void WebSocketChannel::close(quint16 code, QByteArrayView reason)
{
    if (!isOpen())
        return;
    m_socket->write(webSocketCloseFrame(code, reason));
    m_closeSent = true;
}

void WebSocketChannel::abort()
{
    if (m_socket)
        m_socket->abort(); // disconnected() follows
}

void WebSocketChannel::onReadyRead()
{
    // read(bytesAvailable()) takes Qt's read block itself when it holds all there is, and
    // reads nothing more: the socket then keeps no block between reads. readAll() would
    // reserve a 16 KiB block for a further read and keep it for the socket's life, and
    // read(buffer, n) would copy out of the block and keep it.
    if (m_socket)
        read(m_socket->read(m_socket->bytesAvailable()));
}

void WebSocketChannel::read(const QByteArray &bytes)
{
    if (bytes.isEmpty() || m_reader.closed() || m_failed)
        return; // nothing after a close or a failure counts
    QList<WebSocketReader::Message> messages;
    const std::optional<WebSocketReader::Failure> failure = m_reader.feed(bytes, messages);
    for (const WebSocketReader::Message &message : std::as_const(messages)) {
        if (!handle(message))
            return;
    }
    if (failure)
        fail(*failure);
}

bool WebSocketChannel::handle(const WebSocketReader::Message &message)
{
    using Kind = WebSocketReader::Message::Kind;
    // What a handler did (a close, an abort) ends the reading of what came with it.
    const QPointer<WebSocketChannel> self(this);
    switch (message.kind) {
    case Kind::Text:
        Q_EMIT textReceived(message.payload);
        break;
    case Kind::Binary:
        Q_EMIT binaryReceived();
        break;
    case Kind::Ping:
        write(webSocketPongFrame(message.payload));
        Q_EMIT alive();
        break;
    case Kind::Pong:
        Q_EMIT alive();
        break;
    case Kind::Close:
        // The client ends it: answered with its code (none: none), then the TCP connection
        // ends once what was written has left.
        if (m_socket && !m_closeSent && !m_disconnected) {
            m_socket->write(webSocketCloseFrame(message.closeCode));
            m_closeSent = true;
        }
        m_closeReceived = true;
        if (m_socket)
            m_socket->disconnectFromHost();
        return false;
    }
    return self && m_socket && !m_disconnected
        && m_socket->state() == QAbstractSocket::ConnectedState;
}

void WebSocketChannel::fail(const WebSocketReader::Failure &failure)
{
    m_failed = true;
    qCDebug(lcGateway) << "WebSocket protocol failure" << failure.closeCode << failure.reason
                       << "from" << peerAddress().toString();
    if (!m_socket)
        return;
    if (!m_closeSent && !m_disconnected) {
        m_socket->write(webSocketCloseFrame(failure.closeCode, failure.reason));
        m_closeSent = true;
    }
    m_socket->disconnectFromHost();
}

} // namespace roomgate::server
