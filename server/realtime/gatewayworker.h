// SPDX-License-Identifier: MIT
#pragma once

#include "server/events/roomevent.h"
#include "server/realtime/gatewaysettings.h"
#include "shared/errorcode.h"
#include "shared/problem.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <atomic>
#include <deque>

class QHostAddress;
class QTcpSocket;

namespace roomgate::server {

namespace net {
class AddressCounter;
}

class AdmissionService;
class ChatService;
class ClientConnection;
class EventBus;

/**
 * The WebSocket connections one thread serves: accepted descriptors become sockets, each
 * must complete its upgrade before the handshake deadline, then becomes a
 * ClientConnection. It keeps the room index of its connections, fans the bus's room
 * events out to them (a message frame is decoded once per worker, encoded once per
 * event), and runs their liveness checks — one timer for all, no timer per socket.
 * Owned by the Gateway, lives on its serving thread.
 */
class GatewayWorker : public QObject
{
    Q_OBJECT
public:
    GatewayWorker(AdmissionService &admission, ChatService &chat, EventBus &bus,
                  const GatewaySettings &settings, std::atomic<int> &connections,
                  net::AddressCounter &perAddress);
    ~GatewayWorker() override;

    /** Serves the connected socket @p descriptor from @p peer (on this worker's thread). */
    void accept(qintptr descriptor, const QHostAddress &peer);
    /** Pings, idle drops and handshake deadlines, now (the timer runs it too). */
    void checkLiveness();
    /** Ends every connection with SERVER_SHUTDOWN (seats first); drained() follows. */
    void shutdown();
    /**
     * Ends every connection with @p problem, and keeps serving: they re-enter (this node
     * no longer holds its lease, or missed events of their rooms). @p seatsFirst: as
     * ClientConnection::endWith(), else endNow().
     */
    void sendAllAway(const Problem &problem, bool seatsFirst);

    // Used by ClientConnection.
    AdmissionService &admission() { return m_admission; }
    ChatService &chat() { return m_chat; }
    const GatewaySettings &settings() const { return m_settings; }
    void joinRoomIndex(ClientConnection *connection);
    EventBus &bus() { return m_bus; }
    /**
     * Before @p connection's claim of a seat in @p room is decided: follows the room, and
     * keeps the room's messages for it until endPreFollow(), so that none committed on
     * another node after its claim read the history is lost.
     */
    void preFollow(ClientConnection *connection, const QString &room);
    /** Ends preFollow(): the messages kept for @p connection meanwhile, in order. */
    QList<ChatMessage> endPreFollow(ClientConnection *connection);
    /** Calls @p connection's flushOutbox() in this worker's next pass. */
    void flushLater(ClientConnection *connection);

Q_SIGNALS:
    /** The number of WebSockets of the whole gateway changed. */
    void connectionCountChanged(int count);
    /** After shutdown(): every connection of this worker is gone. */
    void drained();

private:
    struct Pending
    {
        QPointer<QTcpSocket> socket;
        qint64 deadlineMs = 0;
    };

    /** @p head: what @p socket sent so far, read off it (Qt keeps no read block then). */
    void onHandshakeBytes(QTcpSocket *socket, QByteArray &head);
    /** Answers @p socket's upgrade with @p status and @p problem, then closes it. */
    void refuseUpgrade(QTcpSocket *socket, int status, const QByteArray &reasonPhrase,
                       const Problem &problem, const QByteArray &extraHeaders = {});
    /** @p socket upgraded: its ClientConnection claims the ticket. */
    void open(QTcpSocket *socket, QByteArray target, QByteArray forwardedFor,
              const QByteArray &received);
    void onEvent(const RoomEvent &event);
    void onFinished(ClientConnection *connection);
    /** @p messageId: a message's (0: not a message), which members whose joined history held
     * it skip. */
    void broadcast(const QString &room, const QByteArray &frame, const QString &exceptConnection,
                   qint64 messageId = 0);
    void sendOff(const QString &room, ErrorCode code, const QString &onlyUser);

    AdmissionService &m_admission;
    ChatService &m_chat;
    EventBus &m_bus;
    const GatewaySettings &m_settings;
    std::atomic<int> &m_connections;
    net::AddressCounter &m_perAddress;
    std::deque<Pending> m_pending; ///< in deadline order: every socket gets the same time
    QSet<ClientConnection *> m_open;
    QList<QPointer<ClientConnection>> m_toFlush; ///< with frames held back, for the next pass
    /// Joined connections by room; the bus follows each room while it has one here.
    QHash<QString, QSet<ClientConnection *>> m_byRoom;
    struct Claiming
    {
        QString room;
        QList<ChatMessage> messages; ///< published meanwhile (frames are rebuilt on join)
    };
    QHash<ClientConnection *, Claiming> m_claiming; ///< preFollow()ed, not yet ended
    QTimer m_housekeeping;
    bool m_shuttingDown = false;
};

} // namespace roomgate::server
