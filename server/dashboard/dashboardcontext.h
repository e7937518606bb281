// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QString>

#include <functional>

namespace roomgate::server {

class AdminService;
class AdmissionService;
class EventBus;
class Metrics;

namespace dashboard {

/**
 * What the dashboard window shows and steers: the services of the node it runs in,
 * and a few facts about that node. The services belong to the caller (the app's
 * ServerCore) and must outlive the window. Main thread only.
 */
struct DashboardContext
{
    AdminService &admin;
    AdmissionService &admission;
    Metrics &metrics;
    EventBus &bus;
    QString nodeId;
    QString httpAddress; ///< "host:port" the HTTP API listens on
    QString wsAddress; ///< "host:port" the WebSocket gateway listens on
    QDateTime startedAt;
    std::function<int()> socketCount; ///< WebSockets connected to this node now
};

} // namespace dashboard
} // namespace roomgate::server
