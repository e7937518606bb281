// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/ratelimiter.h"
#include "server/http/router.h"
#include "server/storage/records.h"

#include <QObject>

namespace roomgate::server {

class AccountService;
class AdminService;
class AdmissionService;
class Metrics;
class Database;

namespace http {
class HttpServer;
}

/** What the HTTP API needs to know about the deployment. */
struct HttpApiSettings
{
    QString nodeId;
    QString publicWsUrl; ///< when set, websocketUrl is this + "?ticket=…"
    quint16 wsPort = 8081;
    double ratePerAddress = 0; ///< 0: off
    double ratePerUser = 0; ///< 0: off
    bool metricsPublic = false; ///< serve /metrics without an admin token
};

/**
 * Protocol v1 over HTTP: routes → services, and every refusal as problem+json from
 * the shared code table (one mapping, here). Transport only: no admission rule
 * lives in it. Lives on the main thread.
 */
class HttpApi : public QObject
{
    Q_OBJECT
public:
    HttpApi(http::HttpServer &server, AccountService &accounts, AdmissionService &admission,
            AdminService &admin, Metrics &metrics, Database &db, HttpApiSettings settings,
            QObject *parent = nullptr);

    /** How many WebSockets this node holds, for the roomgate_sockets gauge. */
    void setSocketCounter(std::function<int()> counter) { m_sockets = std::move(counter); }

private:
    using Params = http::Router::Params;
    void addRoutes();

    // Phase 0
    void createAccount(const http::HttpRequest &request, const http::HttpResponder &responder);
    void createSession(const http::HttpRequest &request, const http::HttpResponder &responder);
    void deleteSession(const http::HttpRequest &request, const http::HttpResponder &responder);
    // Phase 1
    void listRooms(const http::HttpRequest &request, const http::HttpResponder &responder);
    void reserve(const http::HttpRequest &request, const Params &params,
                 const http::HttpResponder &responder);
    void cancel(const http::HttpRequest &request, const Params &params,
                const http::HttpResponder &responder);
    void health(const http::HttpRequest &request, const http::HttpResponder &responder);
    void metrics(const http::HttpRequest &request, const http::HttpResponder &responder);
    // Admin API
    void adminCreateRoom(const http::HttpRequest &request, const http::HttpResponder &responder);
    void adminUpdateRoom(const http::HttpRequest &request, const Params &params,
                         const http::HttpResponder &responder);
    void adminDeleteRoom(const http::HttpRequest &request, const Params &params,
                         const http::HttpResponder &responder);
    void adminReservations(const http::HttpRequest &request, const http::HttpResponder &responder);
    void adminRevoke(const http::HttpRequest &request, const Params &params,
                     const http::HttpResponder &responder);
    void adminMembers(const http::HttpRequest &request, const http::HttpResponder &responder);
    void adminKick(const http::HttpRequest &request, const Params &params,
                   const http::HttpResponder &responder);
    void adminBan(const http::HttpRequest &request, const Params &params,
                  const http::HttpResponder &responder);
    void adminUnban(const http::HttpRequest &request, const Params &params,
                    const http::HttpResponder &responder);
    void adminAudit(const http::HttpRequest &request, const http::HttpResponder &responder);

    /** The caller when an admin; else the refusal already sent (401/403/429/503). */
    std::optional<User> requireAdmin(const http::HttpRequest &request,
                                     const http::HttpResponder &responder);

    /** The caller, or the refusal already sent (401/503). */
    std::optional<User> authenticate(const http::HttpRequest &request,
                                     const http::HttpResponder &responder);
    QString websocketUrl(const http::HttpRequest &request, const QByteArray &ticket) const;

    http::HttpServer &m_server;
    AccountService &m_accounts;
    AdmissionService &m_admission;
    AdminService &m_adminService;
    Metrics &m_metrics;
    Database &m_db;
    std::function<int()> m_sockets;
    HttpApiSettings m_settings;
    http::Router m_router;
    RateLimiter m_perAddress;
    RateLimiter m_perUser;
};

} // namespace roomgate::server
