// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/ratelimiter.h"
#include "server/net/clientaddress.h"

#include <QString>

#include <functional>

namespace roomgate::server {

class AccountService;
class AdminService;
class AdmissionService;
class HealthService;
class Metrics;

/** What the HTTP API needs to know about the deployment. */
struct HttpApiSettings
{
    QString nodeId;
    QString publicWsUrl; ///< when set, websocketUrl is this + "?ticket=…"
    quint16 wsPort = 8081;
    bool wss = false; ///< the gateway serves TLS: websocketUrl says wss://
    RateLimit perAddress; ///< HTTP requests per client address (IPv6: per /64)
    RateLimit perUser; ///< HTTP requests per signed-in user
    net::ClientAddress clients; ///< trusted proxies name the client
    bool metricsPublic = false; ///< serve /metrics without an admin token
    Clock *clock = &Clock::system();
};

/** The services the HTTP API translates to. All outlive it. */
struct HttpApiServices
{
    AccountService &accounts;
    AdmissionService &admission;
    AdminService &admin;
    HealthService &health;
    Metrics &metrics;
    std::function<int()> socketCount; ///< WebSockets on this node, for roomgate_sockets
};

} // namespace roomgate::server
