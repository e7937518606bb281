// SPDX-License-Identifier: MIT
#pragma once

#include "server/http/httplimits.h"
#include "server/http/httprequest.h"
#include "server/http/httpresponder.h"
#include "server/http/httpresponse.h"

#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>
#include <QTimer>

#include <optional>

#include <atomic>
#include <functional>

namespace roomgate::server::http {

class HttpConnection;
}
namespace roomgate::server::net {
class AddressCounter;
}
namespace roomgate::server::http {

/** What every connection of one HttpServer calls: the handler and the response hook. */
struct HttpHooks
{
    std::function<void(const HttpRequest &, const HttpResponder &)> handler;
    std::function<void(const HttpRequest &, HttpResponse &)> afterResponse;
    std::optional<QSslConfiguration> tls; ///< set: https
};

/**
 * The connections of one HttpServer that one thread serves: it turns accepted descriptors
 * into sockets, owns their HttpConnections and calls the server's hooks for them, so the
 * handler runs on this thread. Owned by its HttpServer, lives on its serving thread.
 */
class HttpWorker : public QObject
{
    Q_OBJECT
public:
    HttpWorker(const HttpLimits &limits, const HttpHooks &hooks, std::atomic<int> &connections,
               net::AddressCounter &perAddress);
    ~HttpWorker() override;

    const HttpLimits &limits() const { return m_limits; }

    /**
     * Serves the connected socket @p descriptor from @p peer (on this worker's thread);
     * when not @p admitted (over the connections per address), answers 429 and closes it.
     */
    void accept(qintptr descriptor, const QHostAddress &peer, bool admitted);
    /** Closes every connection gracefully (idle now, busy after its answer). */
    void closeAll();

    // Used by HttpConnection.
    void dispatch(const HttpRequest &request, const HttpResponder &responder);
    void finalizeResponse(const HttpRequest &request, HttpResponse &response);
    void remove(HttpConnection *connection);

Q_SIGNALS:
    /** The number of open connections of the whole server changed. */
    void connectionCountChanged(int count);

private:
    const HttpLimits m_limits;
    const HttpHooks &m_hooks;
    std::atomic<int> &m_connections;
    net::AddressCounter &m_perAddress;
    QSet<HttpConnection *> m_open;
    /// Checks every connection's deadline, a fraction of the shortest time limit apart.
    QTimer m_deadlines;
};

} // namespace roomgate::server::http
