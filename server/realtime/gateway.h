// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/ratelimiter.h"
#include "server/realtime/eventbus.h"
#include "shared/errorcode.h"

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
class ClientConnection;
class RoomStore;

/** Limits and clocks of the WebSocket side. */
struct GatewaySettings
{
    qint64 pingIntervalMs = 30'000;
    qint64 idleTimeoutMs = 90'000;
    qint64 maxFrameBytes = 64 * 1024;
    int handshakeTimeoutMs = 10'000;
    double messageRate = 0; ///< chat frames a second per connection; 0: off
};

/**
 * Phase 2 and the chat itself: accepts WebSocket connections on its own port,
 * claims their tickets through the AdmissionService, and fans room events from the
 * EventBus out to the members connected to this node. Owns its ClientConnections;
 * lives on the main thread.
 */
class Gateway : public QObject
{
    Q_OBJECT
public:
    Gateway(AdmissionService &admission, RoomStore &rooms, EventBus &bus,
            const GatewaySettings &settings, QObject *parent = nullptr);
    ~Gateway() override;

    bool listen(const QHostAddress &address, quint16 port);
    quint16 serverPort() const;
    QString errorString() const { return m_error; }

    int connectionCount() const { return static_cast<int>(m_connections.size()); }

    /**
     * Stops accepting, sends every member SERVER_SHUTDOWN and closes with 1001,
     * frees their seats, then calls @p done once the sockets are gone (bounded).
     */
    void shutdown(std::function<void()> done);

    // Used by ClientConnection.
    AdmissionService &admission() { return m_admission; }
    RoomStore &rooms() { return m_rooms; }
    EventBus &bus() { return m_bus; }
    const GatewaySettings &settings() const { return m_settings; }
    void joinRoomIndex(ClientConnection *connection);
    RateLimiter &messageLimiter() { return m_messageLimiter; }

Q_SIGNALS:
    void connectionCountChanged(int count);

private:
    void onNewConnection();
    void onEvent(const RoomEvent &event);
    void onFinished(ClientConnection *connection);
    void broadcast(const QString &room, const QString &frame, const QString &exceptConnection);
    void closeRoom(const QString &room, ErrorCode code, const QString &onlyUser);
    void housekeeping();

    AdmissionService &m_admission;
    RoomStore &m_rooms;
    EventBus &m_bus;
    GatewaySettings m_settings;
    QTcpServer *m_tcp = nullptr;
    QWebSocketServer *m_ws = nullptr;
    QString m_error;
    QSet<ClientConnection *> m_connections;
    QHash<QString, QSet<ClientConnection *>> m_byRoom;
    RateLimiter m_messageLimiter;
    QTimer m_housekeeping;
    std::function<void()> m_shutdownDone;
    bool m_shuttingDown = false;
};

} // namespace roomgate::server
