// SPDX-License-Identifier: MIT
#pragma once

#include "server/net/clientaddress.h"
#include "shared/clock.h"
#include "shared/protocoldefaults.h"

#include <QSslConfiguration>
#include <QStringList>

#include <QtGlobal>
#include <optional>

namespace roomgate::server {

/** Limits and clocks of the WebSocket side (contract v1.1, "Limits and flow control"). */
struct GatewaySettings
{
    qint64 pingIntervalMs = ProtocolDefaults::kPingIntervalSeconds * 1000LL;
    qint64 idleTimeoutMs = ProtocolDefaults::kIdleTimeoutSeconds * 1000LL;
    qint64 maxFrameBytes = ProtocolDefaults::kFrameLimitBytes;
    /// A connection must complete its upgrade within this, else its TCP connection closes.
    qint64 handshakeTimeoutMs = 10'000;
    /// Output not yet taken by the kernel above this: the reader is too slow (4509).
    qint64 sendBufferLimitBytes = 1024 * 1024;
    /// Open connections from one client address (IPv6: one /64) at most; the newest over it
    /// is closed at once. 0: no limit.
    int connectionsPerAddress = 0;
    /// A socket refused for its message rate this long without a pause is closed 4429.
    qint64 floodCloseMs = 5000;
    /// Origins an upgrade may come from (lower case); empty: any. No Origin always passes.
    QStringList allowedOrigins;
    /// Trusted proxies name the client in the upgrade's X-Forwarded-For.
    net::ClientAddress clients;
    /// Set: wss, every connection starts with a TLS handshake (within the handshake deadline).
    std::optional<QSslConfiguration> tls;
    /// Largest upgrade request read before the handshake is refused.
    qint64 maxHandshakeBytes = 16 * 1024;
    Clock *clock = &Clock::system(); ///< liveness and deadlines run on its monotonic time
};

} // namespace roomgate::server
