// SPDX-License-Identifier: MIT
#pragma once

#include "server/net/addresscounter.h"
#include "server/net/socketworkers.h"
#include "server/realtime/gatewaysettings.h"
#include "shared/problem.h"

#include <QHostAddress>
#include <QList>
#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

namespace roomgate::server {

namespace net {
class Listener;
}

class AdmissionService;
class ChatService;
class EventBus;
class GatewayWorker;

/**
 * Phase 2 and the chat on the wire: listens on its own port and hands each connection to
 * a GatewayWorker on one of the socket threads, in turn (on its own thread when there are
 * none). The workers translate frames to the AdmissionService and the ChatService and fan
 * the bus's room events out; the gateway counts their sockets and stops them. Lives on
 * the main thread.
 */
class Gateway : public QObject
{
    Q_OBJECT
public:
    /** @p workers: the socket threads (must outlive the gateway); null: serve here. */
    Gateway(AdmissionService &admission, ChatService &chat, EventBus &bus,
            const GatewaySettings &settings, net::SocketWorkers *workers = nullptr,
            QObject *parent = nullptr);
    ~Gateway() override;

    bool listen(const QHostAddress &address, quint16 port);
    quint16 serverPort() const;
    QString errorString() const { return m_error; }

    /** WebSockets open now, on every worker. */
    int connectionCount() const { return m_connections.load(); }

    /**
     * Stops accepting, frees every member's seat and closes it with SERVER_SHUTDOWN (1001),
     * then calls @p done once the sockets are gone (at most 2 s).
     */
    void shutdown(std::function<void()> done);

    /**
     * Ends every WebSocket with @p problem and keeps listening: the node lost its lease, or
     * its members missed events while the broker was away. @p seatsFirst: each close waits
     * until its seat is free (else the seats are freed in the background).
     */
    void sendAllAway(const Problem &problem, bool seatsFirst);

    /** Runs every worker's liveness checks now and waits for them (for tests). */
    void checkLiveness();

Q_SIGNALS:
    void connectionCountChanged(int count);

private:
    void accept(qintptr descriptor, const QHostAddress &peer);
    void finishShutdown();

    AdmissionService &m_admission;
    ChatService &m_chat;
    EventBus &m_bus;
    GatewaySettings m_settings;
    net::AddressCounter m_perAddress;
    net::SocketWorkers *m_socketThreads;
    net::Listener *m_listener = nullptr;
    QList<GatewayWorker *> m_workers; ///< one per serving thread
    std::unique_ptr<net::RoundRobin> m_next;
    std::atomic<int> m_connections{0};
    QString m_error;
    std::function<void()> m_shutdownDone;
    int m_draining = 0;
};

} // namespace roomgate::server
