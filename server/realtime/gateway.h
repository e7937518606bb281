// SPDX-License-Identifier: MIT
#pragma once

#include "server/events/roomevent.h"
#include "shared/clock.h"
#include "shared/errorcode.h"
#include "shared/protocoldefaults.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>

class QTcpServer;
class QWebSocketServer;

namespace roomgate::server {

class AdmissionService;
class ChatService;
class ClientConnection;
class EventBus;

/** Limits and clocks of the WebSocket side. */
struct GatewaySettings
{
    qint64 pingIntervalMs = ProtocolDefaults::kPingIntervalSeconds * 1000LL;
    qint64 idleTimeoutMs = ProtocolDefaults::kIdleTimeoutSeconds * 1000LL;
    qint64 maxFrameBytes = ProtocolDefaults::kFrameLimitBytes;
    int handshakeTimeoutMs = 10'000;
    Clock *clock = &Clock::system(); ///< liveness runs on its monotonic time
};

/**
 * Phase 2 and the chat on the wire: accepts WebSocket connections on its own port, hands
 * their tickets and frames to the AdmissionService and the ChatService, and fans room
 * events from the EventBus out to the members connected to this node. It translates,
 * never decides. Owns its ClientConnections; lives on the main thread.
 */
class Gateway : public QObject
{
    Q_OBJECT
public:
    Gateway(AdmissionService &admission, ChatService &chat, EventBus &bus,
            const GatewaySettings &settings, QObject *parent = nullptr);
    ~Gateway() override;

    bool listen(const QHostAddress &address, quint16 port);
    quint16 serverPort() const;
    QString errorString() const { return m_error; }

    int connectionCount() const { return static_cast<int>(m_connections.size()); }

    /**
     * Stops accepting, sends every member SERVER_SHUTDOWN and closes with 1001, frees
     * their seats, then calls @p done once the sockets are gone (bounded).
     */
    void shutdown(std::function<void()> done);

    /** Runs the liveness checks now (the housekeeping timer's work), for tests. */
    void checkLiveness();

    // Used by ClientConnection.
    AdmissionService &admission() { return m_admission; }
    ChatService &chat() { return m_chat; }
    const GatewaySettings &settings() const { return m_settings; }
    void joinRoomIndex(ClientConnection *connection);

Q_SIGNALS:
    void connectionCountChanged(int count);

private:
    void onNewConnection();
    void onEvent(const RoomEvent &event);
    void onFinished(ClientConnection *connection);
    void broadcast(const QString &room, const QString &frame, const QString &exceptConnection);
    void closeRoom(const QString &room, ErrorCode code, const QString &onlyUser);

    AdmissionService &m_admission;
    ChatService &m_chat;
    EventBus &m_bus;
    GatewaySettings m_settings;
    QTcpServer *m_tcp = nullptr;
    QWebSocketServer *m_ws = nullptr;
    QString m_error;
    QSet<ClientConnection *> m_connections;
    QHash<QString, QSet<ClientConnection *>> m_byRoom;
    QTimer m_housekeeping;
    std::function<void()> m_shutdownDone;
    bool m_shuttingDown = false;
};

} // namespace roomgate::server
