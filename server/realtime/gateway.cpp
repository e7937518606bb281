// SPDX-License-Identifier: MIT
#include "server/realtime/gateway.h"

#include "server/admission/chatservice.h"
#include "server/events/eventbus.h"
#include "server/realtime/clientconnection.h"
#include "server/realtime/logging.h"
#include "shared/frames.h"

#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocketServer>

#include <algorithm>

namespace roomgate::server {

namespace {

/** A connection's id: random, so that it is unique across nodes too. */
QString newConnectionId()
{
    quint64 bits[2];
    QRandomGenerator::system()->fillRange(bits);
    return QString::number(bits[0], 16).rightJustified(16, u'0')
        + QString::number(bits[1], 16).rightJustified(16, u'0');
}

} // namespace

Gateway::Gateway(AdmissionService &admission, ChatService &chat, EventBus &bus,
                 const GatewaySettings &settings, QObject *parent)
    : QObject(parent), m_admission(admission), m_chat(chat), m_bus(bus), m_settings(settings)
{
    connect(&m_bus, &EventBus::delivered, this, &Gateway::onEvent);
    m_housekeeping.setInterval(static_cast<int>(std::clamp<qint64>(
        qMin(m_settings.pingIntervalMs, m_settings.idleTimeoutMs) / 4, 50, 1000)));
    connect(&m_housekeeping, &QTimer::timeout, this, &Gateway::checkLiveness);
}

Gateway::~Gateway()
{
    // Connections are children; make sure none calls back into a half-destroyed gateway.
    for (ClientConnection *c : std::as_const(m_connections))
        c->disconnect(this);
}

bool Gateway::listen(const QHostAddress &address, quint16 port)
{
    m_tcp = new QTcpServer(this);
    // Bursts of connects otherwise overflow the default backlog of 50 (1 s SYN retries).
    m_tcp->setListenBacklogSize(1024);
    if (!m_tcp->listen(address, port)) {
        m_error = m_tcp->errorString();
        return false;
    }
    m_ws = new QWebSocketServer(QStringLiteral("roomgate"), QWebSocketServer::NonSecureMode, this);
    m_ws->setHandshakeTimeout(m_settings.handshakeTimeoutMs);
    connect(m_tcp, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_tcp->nextPendingConnection()) {
            // Nagle would hold small frames for the peer's delayed ACK (~40 ms).
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            m_ws->handleConnection(socket);
        }
    });
    connect(m_ws, &QWebSocketServer::newConnection, this, &Gateway::onNewConnection);
    m_housekeeping.start();
    qCInfo(lcGateway).noquote() << "WebSocket gateway on" << address.toString() << serverPort();
    return true;
}

quint16 Gateway::serverPort() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

void Gateway::onNewConnection()
{
    while (QWebSocket *socket = m_ws->nextPendingConnection()) {
        // Limits before the first frame is processed: QWebSocket accepts ~2 GiB otherwise.
        socket->setMaxAllowedIncomingFrameSize(static_cast<quint64>(m_settings.maxFrameBytes));
        socket->setMaxAllowedIncomingMessageSize(static_cast<quint64>(m_settings.maxFrameBytes));
        socket->setParent(this);
        auto *connection = new ClientConnection(*this, socket, newConnectionId());
        connection->setParent(this);
        m_connections.insert(connection);
        connect(connection, &ClientConnection::finished, this, &Gateway::onFinished);
        Q_EMIT connectionCountChanged(connectionCount());
        if (m_shuttingDown) {
            connection->refuse(Problem(ErrorCode::ServerShutdown));
            continue;
        }
        connection->claim();
    }
}

void Gateway::joinRoomIndex(ClientConnection *connection)
{
    m_byRoom[connection->membership().roomName].insert(connection);
}

void Gateway::onFinished(ClientConnection *connection)
{
    if (!m_connections.remove(connection))
        return;
    m_chat.forgetConnection(connection->connectionId());
    const QString room = connection->membership().roomName;
    auto it = m_byRoom.find(room);
    if (it != m_byRoom.end()) {
        it->remove(connection);
        if (it->isEmpty())
            m_byRoom.erase(it);
    }
    connection->deleteLater();
    Q_EMIT connectionCountChanged(connectionCount());
    if (m_shuttingDown && m_connections.isEmpty() && m_shutdownDone) {
        auto done = std::exchange(m_shutdownDone, nullptr);
        done();
    }
}

void Gateway::broadcast(const QString &room, const QString &frame, const QString &exceptConnection)
{
    const auto it = m_byRoom.constFind(room);
    if (it == m_byRoom.constEnd())
        return;
    for (ClientConnection *c : *it) {
        if (c->isJoined() && c->connectionId() != exceptConnection)
            c->sendText(frame);
    }
}

void Gateway::closeRoom(const QString &room, ErrorCode code, const QString &onlyUser)
{
    const auto it = m_byRoom.constFind(room);
    if (it == m_byRoom.constEnd())
        return;
    const QList<ClientConnection *> members(it->cbegin(), it->cend());
    for (ClientConnection *c : members) {
        if (onlyUser.isEmpty() || c->membership().userName == onlyUser)
            c->sendOff(Problem(code));
    }
}

void Gateway::onEvent(const RoomEvent &event)
{
    switch (event.kind) {
    case RoomEvent::Kind::Message:
        broadcast(event.room, QString::fromUtf8(event.frame), {});
        break;
    case RoomEvent::Kind::Claimed:
    case RoomEvent::Kind::Left:
        broadcast(event.room,
                  QString::fromUtf8(Frames::encode(Frames::Presence{
                      event.kind == RoomEvent::Kind::Claimed ? Frames::Presence::Event::Joined
                                                             : Frames::Presence::Event::Left,
                      event.user})),
                  event.connectionId);
        break;
    case RoomEvent::Kind::RoomDeleted:
        closeRoom(event.room, ErrorCode::RoomNotFound, {});
        break;
    case RoomEvent::Kind::RoomClosed:
        closeRoom(event.room, ErrorCode::RoomClosed, {});
        break;
    case RoomEvent::Kind::Kicked:
        closeRoom(event.room, ErrorCode::Kicked, event.user);
        break;
    case RoomEvent::Kind::Reserved:
    case RoomEvent::Kind::Cancelled:
    case RoomEvent::Kind::Expired:
    case RoomEvent::Kind::RoomChanged:
        break;
    }
}

void Gateway::checkLiveness()
{
    const qint64 now = m_settings.clock->monotonicMs();
    const QList<ClientConnection *> all(m_connections.cbegin(), m_connections.cend());
    for (ClientConnection *c : all)
        c->checkLiveness(now, m_settings.pingIntervalMs, m_settings.idleTimeoutMs);
}

void Gateway::shutdown(std::function<void()> done)
{
    m_shuttingDown = true;
    m_housekeeping.stop();
    if (m_tcp)
        m_tcp->close();
    if (m_connections.isEmpty()) {
        done();
        return;
    }
    m_shutdownDone = std::move(done);
    const QList<ClientConnection *> all(m_connections.cbegin(), m_connections.cend());
    for (ClientConnection *c : all)
        c->endWith(Problem(ErrorCode::ServerShutdown));
    // Peers that never answer the close handshake do not hold the stop up for long.
    QTimer::singleShot(2000, this, [this] {
        if (m_shutdownDone) {
            qCInfo(lcGateway) << m_connections.size() << "peer(s) did not finish closing in time";
            auto done = std::exchange(m_shutdownDone, nullptr);
            done();
        }
    });
}

} // namespace roomgate::server
