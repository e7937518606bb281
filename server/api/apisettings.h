// SPDX-License-Identifier: MIT
#pragma once

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
    double ratePerAddress = 0; ///< 0: off
    double ratePerUser = 0; ///< 0: off
    bool metricsPublic = false; ///< serve /metrics without an admin token
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
