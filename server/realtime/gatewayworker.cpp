// SPDX-License-Identifier: MIT
#include "server/realtime/gatewayworker.h"

#include "server/admission/chatservice.h"
#include "server/events/eventbus.h"
#include "server/net/addresscounter.h"
#include "server/net/directtcpsocket.h"
#include "server/realtime/clientconnection.h"
#include "server/realtime/logging.h"
#include "server/realtime/websocketchannel.h"
#include "server/realtime/websocketframe.h"
#include "server/realtime/websockethandshake.h"
#include "shared/frames.h"

#include <QRandomGenerator>
#include <QSslSocket>
#include <QTcpSocket>

#include <algorithm>

namespace roomgate::server {

namespace {

/** A connection's id: random, so that it is unique across nodes too. */
QString newConnectionId()
{
    std::array<quint64, 2> bits{};
    QRandomGenerator::system()->fillRange(bits.data(), static_cast<qsizetype>(bits.size()));
    return QString::number(bits[0], 16).rightJustified(16, u'0')
        + QString::number(bits[1], 16).rightJustified(16, u'0');
}

const QByteArray kEndOfHeaders = QByteArrayLiteral("\r\n\r\n");

} // namespace

GatewayWorker::GatewayWorker(AdmissionService &admission, ChatService &chat, EventBus &bus,
                             const GatewaySettings &settings, std::atomic<int> &connections,
                             net::AddressCounter &perAddress)
    : m_admission(admission),
      m_chat(chat),
      m_bus(bus),
      m_settings(settings),
      m_connections(connections),
      m_perAddress(perAddress)
{
    bus.subscribe(this, [this](const RoomEvent &event) { onEvent(event); });
    m_housekeeping.setParent(this);
    m_housekeeping.setInterval(static_cast<int>(
        std::clamp<qint64>(std::min({m_settings.pingIntervalMs, m_settings.idleTimeoutMs,
                                     m_settings.handshakeTimeoutMs})
                               / 4,
                           50, 1000)));
    connect(&m_housekeeping, &QTimer::timeout, this, &GatewayWorker::checkLiveness);
    // The timer starts on this worker's thread, once it runs there.
    QMetaObject::invokeMethod(
        this, [this] { m_housekeeping.start(); }, Qt::QueuedConnection);
}

GatewayWorker::~GatewayWorker()
{
    // Connections are children; none may report back into a half-destroyed worker.
    for (ClientConnection *c : std::as_const(m_open)) {
        c->disconnect(this);
        m_connections.fetch_sub(1);
    }
    for (auto it = m_byRoom.cbegin(); it != m_byRoom.cend(); ++it)
        m_bus.unfollow(it.key());
    for (const Claiming &claiming : std::as_const(m_claiming))
        m_bus.unfollow(claiming.room);
    for (const Pending &p : m_pending)
        delete p.socket.data();
}

void GatewayWorker::accept(qintptr descriptor, const QHostAddress &peer)
{
    QTcpSocket *socket = nullptr;
    if (m_settings.tls) {
        auto *tls = new QSslSocket(this);
        tls->setSslConfiguration(*m_settings.tls);
        socket = tls;
    } else {
        socket = new net::DirectTcpSocket(this);
    }
    // Counted until the socket is gone, whichever way it goes.
    connect(socket, &QObject::destroyed, this, [this, peer] { m_perAddress.remove(peer); });
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (m_shuttingDown) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    // Nagle would hold small frames for the peer's delayed ACK (~40 ms).
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (auto *tls = qobject_cast<QSslSocket *>(socket)) {
        // The handshake runs under the same deadline as the upgrade that follows it.
        connect(tls, &QSslSocket::sslErrors, tls, [tls] { tls->abort(); });
        tls->startServerEncryption();
    }
    // The upgrade is read here, under this worker's deadline: one sweep for all sockets,
    // no timer each.
    m_pending.push_back(
        Pending{socket, m_settings.clock->monotonicMs() + m_settings.handshakeTimeoutMs});
    auto head = std::make_shared<QByteArray>(); // freed with the connection, once upgraded
    connect(socket, &QTcpSocket::readyRead, this,
            [this, socket, head] { onHandshakeBytes(socket, *head); });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    if (socket->bytesAvailable() > 0)
        onHandshakeBytes(socket, *head);
}

void GatewayWorker::onHandshakeBytes(QTcpSocket *socket, QByteArray &head)
{
    // Only the new bytes and the three before them can complete the end of the headers.
    const qsizetype from = std::max<qsizetype>(0, head.size() - (kEndOfHeaders.size() - 1));
    head += socket->read(socket->bytesAvailable()); // as WebSocketChannel reads: no block kept
    const qsizetype end = head.indexOf(kEndOfHeaders, from);
    if (end < 0 || end + kEndOfHeaders.size() > m_settings.maxHandshakeBytes) {
        if (head.size() > m_settings.maxHandshakeBytes)
            socket->abort(); // disconnected() deletes it
        return;
    }
    // Complete: answered now, whatever it is; what follows it is the first frames. Only the
    // handshake's reader goes: the place counted for its address is given back when the
    // socket is destroyed, whoever owns it by then.
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    disconnect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    for (Pending &p : m_pending) {
        if (p.socket == socket)
            p.socket.clear();
    }
    const qsizetype headSize = end + kEndOfHeaders.size();
    // The connection that holds head is released only when Qt next cleans the socket's
    // connections: its bytes go now.
    const QByteArray request = std::exchange(head, {});
    const auto parsed = parseWebSocketUpgrade(QByteArrayView(request).first(headSize));
    if (const auto *refusal = std::get_if<WebSocketUpgradeRefusal>(&parsed)) {
        refuseUpgrade(socket, refusal->status, refusal->reasonPhrase,
                      Problem(ErrorCode::BadRequest, QString::fromLatin1(refusal->message)),
                      refusal->status == 426 ? QByteArrayLiteral("Sec-WebSocket-Version: 13\r\n")
                                             : QByteArray());
        return;
    }
    const auto &upgrade = std::get<WebSocketUpgrade>(parsed);
    if (upgrade.hasOrigin && !m_settings.allowedOrigins.isEmpty()
        && !m_settings.allowedOrigins.contains(QString::fromLatin1(upgrade.origin).toLower())) {
        // A page of another origin cannot ride a user's ticket: refused before any claim.
        // No Origin passes: not a browser page (the desktop client sends none).
        qCInfo(lcGateway) << "upgrade from a disallowed origin refused";
        refuseUpgrade(
            socket, 403, QByteArrayLiteral("Forbidden"),
            Problem(ErrorCode::Forbidden,
                    QStringLiteral("WebSocket connections from this origin are not allowed")));
        return;
    }
    const QByteArray received = request.sliced(headSize); // the first frames, if any
    socket->write(webSocketUpgradeAnswer(upgrade.key));
    open(socket, upgrade.target, upgrade.forwardedFor, received);
}

void GatewayWorker::refuseUpgrade(QTcpSocket *socket, int status, const QByteArray &reasonPhrase,
                                  const Problem &problem, const QByteArray &extraHeaders)
{
    const QByteArray body = Frames::encode(problem);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase
                  + "\r\nContent-Type: application/problem+json\r\n" + extraHeaders
                  + "Content-Length: " + QByteArray::number(body.size())
                  + "\r\nConnection: close\r\n\r\n" + body);
    socket->disconnectFromHost();
}

void GatewayWorker::open(QTcpSocket *socket, QByteArray target, QByteArray forwardedFor,
                         const QByteArray &received)
{
    auto *channel = new WebSocketChannel(socket, std::move(target), std::move(forwardedFor),
                                         static_cast<qsizetype>(m_settings.maxFrameBytes));
    auto *connection = new ClientConnection(*this, channel, newConnectionId());
    connection->setParent(this);
    m_open.insert(connection);
    connect(connection, &ClientConnection::finished, this, &GatewayWorker::onFinished);
    Q_EMIT connectionCountChanged(m_connections.fetch_add(1) + 1);
    channel->start(received);
    if (m_shuttingDown) {
        connection->refuse(Problem(ErrorCode::ServerShutdown));
        return;
    }
    connection->claim();
}

void GatewayWorker::joinRoomIndex(ClientConnection *connection)
{
    const QString &room = connection->membership().roomName;
    auto it = m_byRoom.find(room);
    if (it == m_byRoom.end()) {
        // Other nodes' events of this room come here from now on.
        m_bus.follow(room);
        it = m_byRoom.insert(room, {});
    }
    it->insert(connection);
}

void GatewayWorker::preFollow(ClientConnection *connection, const QString &room)
{
    m_bus.follow(room);
    m_claiming.insert(connection, Claiming{room, {}});
}

QList<ChatMessage> GatewayWorker::endPreFollow(ClientConnection *connection)
{
    const auto it = m_claiming.find(connection);
    if (it == m_claiming.end())
        return {};
    const Claiming claiming = it.value();
    m_claiming.erase(it);
    m_bus.unfollow(claiming.room);
    return claiming.messages;
}

void GatewayWorker::onFinished(ClientConnection *connection)
{
    endPreFollow(connection);
    if (!m_open.remove(connection))
        return;
    m_chat.forgetConnection(connection->connectionId());
    const QString room = connection->membership().roomName;
    auto it = m_byRoom.find(room);
    if (it != m_byRoom.end()) {
        it->remove(connection);
        if (it->isEmpty()) {
            m_byRoom.erase(it);
            m_bus.unfollow(room);
        }
    }
    connection->deleteLater();
    Q_EMIT connectionCountChanged(m_connections.fetch_sub(1) - 1);
    if (m_shuttingDown && m_open.isEmpty())
        Q_EMIT drained();
}

void GatewayWorker::broadcast(const QString &room, const QByteArray &frame,
                              const QString &exceptConnection, qint64 messageId)
{
    const auto it = m_byRoom.constFind(room);
    if (it == m_byRoom.constEnd())
        return;
    const QByteArray wire = webSocketTextFrame(frame); // once for every member here
    for (ClientConnection *c : *it) {
        if (c->isJoined() && c->connectionId() != exceptConnection
            && (messageId == 0 || !c->hadInHistory(messageId)))
            c->sendWire(wire);
    }
}

void GatewayWorker::flushLater(ClientConnection *connection)
{
    m_toFlush.append(connection);
    if (m_toFlush.size() > 1)
        return;
    // Posted behind the events already waiting: the frames of all of them go out together.
    QMetaObject::invokeMethod(
        this,
        [this] {
            const QList<QPointer<ClientConnection>> due = std::exchange(m_toFlush, {});
            for (const QPointer<ClientConnection> &c : due) {
                if (c)
                    c->flushOutbox();
            }
        },
        Qt::QueuedConnection);
}

void GatewayWorker::sendOff(const QString &room, ErrorCode code, const QString &onlyUser)
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

void GatewayWorker::onEvent(const RoomEvent &event)
{
    switch (event.kind) {
    case RoomEvent::Kind::Message:
        if (m_byRoom.contains(event.room)) // encoded by the first thread that needs it
            broadcast(event.room, event.frame(), {}, event.message.id);
        for (Claiming &claiming : m_claiming) {
            if (claiming.room == event.room)
                claiming.messages.append(event.message);
        }
        break;
    case RoomEvent::Kind::Claimed:
    case RoomEvent::Kind::Left:
        if (m_byRoom.contains(event.room)) {
            broadcast(event.room,
                      Frames::encode(Frames::Presence{event.kind == RoomEvent::Kind::Claimed
                                                          ? Frames::Presence::Event::Joined
                                                          : Frames::Presence::Event::Left,
                                                      event.user}),
                      event.connectionId);
        }
        break;
    case RoomEvent::Kind::RoomDeleted:
        sendOff(event.room, ErrorCode::RoomNotFound, {});
        break;
    case RoomEvent::Kind::RoomClosed:
        sendOff(event.room, ErrorCode::RoomClosed, {});
        break;
    case RoomEvent::Kind::Kicked:
        sendOff(event.room, ErrorCode::Kicked, event.user);
        break;
    case RoomEvent::Kind::Reserved:
    case RoomEvent::Kind::Cancelled:
    case RoomEvent::Kind::Expired:
    case RoomEvent::Kind::RoomChanged:
        break;
    }
}

void GatewayWorker::checkLiveness()
{
    const qint64 now = m_settings.clock->monotonicMs();
    while (!m_pending.empty()
           && (!m_pending.front().socket || m_pending.front().deadlineMs <= now)) {
        if (QTcpSocket *late = m_pending.front().socket.data()) {
            qCDebug(lcGateway) << "no upgrade within the handshake deadline from"
                               << late->peerAddress().toString();
            late->abort(); // disconnected() deletes it
        }
        m_pending.pop_front();
    }
    const QList<ClientConnection *> all(m_open.cbegin(), m_open.cend());
    for (ClientConnection *c : all)
        c->checkLiveness(now, m_settings.pingIntervalMs, m_settings.idleTimeoutMs);
}

void GatewayWorker::shutdown()
{
    m_shuttingDown = true;
    m_housekeeping.stop();
    for (const Pending &p : m_pending) {
        if (p.socket)
            p.socket->abort();
    }
    m_pending.clear();
    if (m_open.isEmpty()) {
        Q_EMIT drained();
        return;
    }
    const QList<ClientConnection *> all(m_open.cbegin(), m_open.cend());
    for (ClientConnection *c : all)
        c->endWith(Problem(ErrorCode::ServerShutdown));
}

void GatewayWorker::sendAllAway(const Problem &problem, bool seatsFirst)
{
    const QList<ClientConnection *> all(m_open.cbegin(), m_open.cend());
    for (ClientConnection *c : all) {
        if (seatsFirst)
            c->endWith(problem);
        else
            c->endNow(problem);
    }
}

} // namespace roomgate::server
