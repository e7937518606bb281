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
class AdminStore;
class Metrics;
class AccountStore;
class AdmissionService;
class Database;
class EventBus;
class Gateway;
class HttpApi;
class RoomStore;
class SqlEntryQueue;
class Sweeper;
namespace http {
class HttpServer;
}

/**
 * One running node: storage, entry queue, event bus, services, the HTTP API and
 * the WebSocket gateway, wired together. The dashboard and the command line use
 * the same instance. Lives on the main thread.
 */
class ServerCore : public QObject
{
    Q_OBJECT
public:
    explicit ServerCore(ServerConfig config, QObject *parent = nullptr);
    ~ServerCore() override;

    /** Opens storage and the data dir (no listening); false with errorString(). */
    bool open();
    /** Listens and starts the clocks; false with errorString() (e.g. a busy port). */
    bool start();
    /** Graceful stop: members told SERVER_SHUTDOWN (1001), seats freed, then @p done. */
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
    Database &database() { return *m_db; }
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
    std::unique_ptr<Database> m_db;
    std::unique_ptr<AccountStore> m_accountStore;
    std::unique_ptr<RoomStore> m_roomStore;
    std::unique_ptr<SqlEntryQueue> m_queue;
    std::unique_ptr<AdminStore> m_adminStore;
    AdminService *m_adminService = nullptr;
    Metrics *m_metrics = nullptr;
    QDateTime m_startedAt;
    EventBus *m_bus = nullptr;
    AccountService *m_accounts = nullptr;
    AdmissionService *m_admission = nullptr;
    Sweeper *m_sweeper = nullptr;
    http::HttpServer *m_http = nullptr;
    HttpApi *m_api = nullptr;
    Gateway *m_gateway = nullptr;
};

} // namespace roomgate::server
