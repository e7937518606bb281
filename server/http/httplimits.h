// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

namespace roomgate::server::http {

/**
 * The bounds one HttpServer enforces on every connection: how much a client may
 * make the server hold in memory and for how long. Value type, copied into the
 * server at construction.
 */
struct HttpLimits
{
    /// Declared (Content-Length) or decoded (chunked) body size above this is answered with
    /// 413 PAYLOAD_TOO_LARGE as soon as it is known, without reading the body.
    qint64 maxBodyBytes = 16LL * 1024;
    /// Request line plus header lines (and chunked trailers) above this: 413, then close.
    qint64 maxHeaderBytes = 16LL * 1024;
    /// A started request (first byte seen) must be complete within this; else 408, close.
    int requestTimeoutMs = 10000;
    /// An idle keep-alive connection is closed after this.
    int keepAliveTimeoutMs = 30000;
    /// After an answer that closes the connection, unread input is drained for at most this
    /// long (and at most lingerMaxBytes) so the client sees the answer, not a reset.
    int lingerTimeoutMs = 2000;
    qint64 lingerMaxBytes = 1024LL * 1024;
    /// Open connections from one client address (IPv6: one /64) at most; the newest over it
    /// gets 429 and is closed. 0: no limit.
    int connectionsPerAddress = 0;
};

} // namespace roomgate::server::http
