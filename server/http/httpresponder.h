// SPDX-License-Identifier: MIT
#pragma once

#include "server/http/httpresponse.h"

#include <QPointer>

#include <atomic>

#include <functional>
#include <memory>

namespace roomgate::server::http {

class HttpConnection;

/**
 * Copyable handle to answer one request, now or later (after asynchronous work). The
 * connection hands one to the handler with each request; it refers to its connection
 * weakly, so an answer for a connection that is gone, or for a request already answered,
 * is dropped. Use it on the server's thread: post results of worker threads back first.
 */
class HttpResponder
{
public:
    using Sink = std::function<void(HttpResponse)>;

    /** A responder that answers nothing (send() is a no-op). */
    HttpResponder() = default;
    /**
     * A responder not tied to a socket: the first send() goes to @p sink, later ones are
     * dropped. For driving handlers and the Router in tests without a server.
     */
    explicit HttpResponder(Sink sink);

    /** Answers the request; no-op if the connection is gone or it was already answered. */
    void send(HttpResponse response) const;
    /** True while the request can still be answered (client connected, not yet answered). */
    bool isConnected() const;
    /**
     * The same question for other threads: a predicate that stays valid and safe to call
     * anywhere (e.g. before slow work on a worker thread: skip it if nobody waits).
     */
    std::function<bool()> stillWanted() const;

private:
    friend class HttpConnection;
    HttpResponder(HttpConnection *connection, quint64 sequence,
                  std::shared_ptr<std::atomic<bool>> settled);

    struct SinkState
    {
        Sink sink;
        bool answered = false;
    };

    QPointer<HttpConnection> m_connection;
    quint64 m_sequence = 0;
    /// Set by the connection once the request is answered or its client is gone.
    std::shared_ptr<std::atomic<bool>> m_settled;
    std::shared_ptr<SinkState> m_sink;
};

} // namespace roomgate::server::http
