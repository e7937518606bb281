// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/admissionsettings.h"
#include "server/app/serverconfig.h"

#include <QDateTime>
#include <QObject>

#include <functional>
#include <memory>

namespace roomgate::server {

class AccountService;
class AdminService;
class AdmissionService;
class ChatService;
class EventBus;
class Gateway;
class HashQueue;
class HealthService;
class HttpApi;
class Metrics;
class NodeService;
class ReadConnections;
class SqlEntryQueue;
class StorageWriter;
class Sweeper;
namespace http {
class HttpServer;
}
namespace net {
class SocketWorkers;
}

/**
 * One running node: the storage writer and read connections, the entry queue, the event
 * bus, the services, the HTTP API and the WebSocket gateway, wired together. The
 * dashboard and the command line use the same instance. Lives on the main thread; the
 * sockets are served on its socket threads, the writer and the hashing on theirs.
 */
class ServerCore : public QObject
{
    Q_OBJECT
public:
    /** @p clock: where the node reads the time (tests drive a ManualClock). */
    explicit ServerCore(ServerConfig config, Clock &clock = Clock::system(),
                        QObject *parent = nullptr);
    ~ServerCore() override;

    /** Opens storage and the data dir (no listening); false with errorString(). */
    bool open();
    /** Listens and starts the clocks; false with errorString() (e.g. a busy port). */
    bool start();
    /**
     * Graceful stop: members told SERVER_SHUTDOWN (1001), seats freed, every decision
     * written, then @p done.
     */
    void stop(std::function<void()> done);

    QString errorString() const { return m_error; }
    quint16 httpPort() const;
    quint16 wsPort() const;
    const QString &nodeId() const { return m_settings.nodeId; }
    const ServerConfig &config() const { return m_config; }

    AccountService &accounts() { return *m_accounts; }
    AdmissionService &admission() { return *m_admission; }
    AdminService &admin() { return *m_adminService; }
    Metrics &metrics() { return *m_metrics; }
    EventBus &bus() { return *m_bus; }
    /** The WebSocket gateway (null before start()). */
    Gateway *gateway() { return m_gateway.get(); }
    /** Connected WebSockets on this node (0 before start()). */
    int socketCount() const;
    /** When start() succeeded. */
    QDateTime startedAt() const { return m_startedAt; }

Q_SIGNALS:
    /** The number of connected WebSockets changed. */
    void socketCountChanged(int count);

private:
    bool prepareDataDir();

    ServerConfig m_config;
    AdmissionSettings m_settings;
    QString m_error;
    QDateTime m_startedAt;
    bool m_brokerLost = false; ///< the bus lost the broker since it last had it
    std::unique_ptr<StorageWriter> m_writer;
    /// PostgreSQL: the node lease's own writer and connection (see NodeService); else none.
    std::unique_ptr<StorageWriter> m_leaseWriter;
    std::unique_ptr<ReadConnections> m_reads;
    std::unique_ptr<EventBus> m_bus;
    std::unique_ptr<SqlEntryQueue> m_queue;
    std::unique_ptr<HealthService> m_health;
    std::unique_ptr<HashQueue> m_hashes;
    std::unique_ptr<AccountService> m_accounts;
    std::unique_ptr<AdmissionService> m_admission;
    std::unique_ptr<ChatService> m_chat;
    std::unique_ptr<AdminService> m_adminService;
    std::unique_ptr<NodeService> m_node;
    std::unique_ptr<Metrics> m_metrics;
    std::unique_ptr<Sweeper> m_sweeper;
    std::unique_ptr<net::SocketWorkers> m_socketThreads;
    std::unique_ptr<http::HttpServer> m_http;
    std::unique_ptr<HttpApi> m_api;
    std::unique_ptr<Gateway> m_gateway;
};

} // namespace roomgate::server
