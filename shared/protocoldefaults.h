// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

namespace roomgate {

/**
 * The contract's defaults that server, client, dashboard and tests all need to agree on.
 * The server can be configured otherwise; a client assumes these unless told. The text
 * rules' own limits (names, capacity, message length) are in TextRules.
 */
namespace ProtocolDefaults {

/// Largest WebSocket frame (and message) the server accepts (`--frame-limit`).
inline constexpr qint64 kFrameLimitBytes = 64LL * 1024;
/// Largest request body the server accepts (`--body-limit`).
inline constexpr qint64 kBodyLimitBytes = 16LL * 1024;
/// Messages in a `joined` frame's history.
inline constexpr int kHistoryLength = 50;
/// A reservation's time to live, seconds (`--ticket-ttl`).
inline constexpr int kTicketTtlSeconds = 30;
/// WebSocket ping interval and idle drop, seconds (`--ping-interval`, `--idle-timeout`).
inline constexpr int kPingIntervalSeconds = 30;
inline constexpr int kIdleTimeoutSeconds = 90;

} // namespace ProtocolDefaults
} // namespace roomgate
