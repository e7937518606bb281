// SPDX-License-Identifier: MIT
#pragma once

#include "server/http/httplimits.h"
#include "server/http/httprequest.h"
#include "server/http/httpresponder.h"
#include "server/http/httpresponse.h"
#include "server/http/httpworker.h"
#include "server/net/addresscounter.h"
#include "server/net/socketworkers.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace roomgate::server::net {
class Listener;
}

namespace roomgate::server::http {

/**
 * Roomgate's own small HTTP/1.1 server: keep-alive, pipelining (answered in order),
 * chunked request bodies, `Expect: 100-continue`, and the bounds of HttpLimits enforced
 * before anything is buffered (413 for oversize bodies as soon as the headers are in,
 * timeouts for slow or idle clients). Qt 6.4's QHttpServer offers none of these bounds.
 *
 * Listens on the thread that created it and serves each connection on one of the given
 * socket threads, in turn (on its own thread when there are none): the handler and the
 * response hook run on the connection's thread, so they must be thread-safe when there
 * are threads, and be set before listen().
 */
class HttpServer : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<void(const HttpRequest &, const HttpResponder &)>;
    using AfterResponse = std::function<void(const HttpRequest &, HttpResponse &)>;

    /** @p workers: the socket threads (must outlive the server); null: serve here. */
    explicit HttpServer(HttpLimits limits = {}, net::SocketWorkers *workers = nullptr,
                        QObject *parent = nullptr);
    ~HttpServer() override;

    /**
     * Called once per complete request; answers through the responder, now or later. If it
     * throws, the request gets a 500 INTERNAL with a correlation id, logged with the error.
     */
    void setHandler(Handler handler);
    /**
     * Optional hook called before each response is written (also for the server's own
     * 400/408/413 answers, with the request as far as it was parsed): add headers, log.
     */
    void setAfterResponse(AfterResponse hook);

    const HttpLimits &limits() const { return m_limits; }

    /** Serve https: every connection starts with a TLS handshake under @p tls. Before listen(). */
    void setTls(const QSslConfiguration &tls) { m_hooks.tls = tls; }

    /** False, with errorString(), when the address cannot be bound. Port 0: any free port. */
    bool listen(const QHostAddress &address, quint16 port);
    bool isListening() const;
    quint16 serverPort() const;
    QString errorString() const;

    /**
     * Stops listening and closes every connection gracefully: idle ones now, a request in
     * progress after its answer (which carries `Connection: close`), bounded by
     * HttpLimits::requestTimeoutMs.
     */
    void close();

    /** Client connections currently open (including ones in their lingering close). */
    int connectionCount() const { return m_connections.load(); }

Q_SIGNALS:
    void connectionCountChanged(int count);

private:
    void accept(qintptr descriptor, const QHostAddress &peer);

    HttpLimits m_limits;
    net::AddressCounter m_perAddress;
    HttpHooks m_hooks;
    net::SocketWorkers *m_socketThreads;
    net::Listener *m_listener;
    QList<HttpWorker *> m_workers; ///< one per serving thread
    std::unique_ptr<net::RoundRobin> m_next;
    std::atomic<int> m_connections{0};
};

} // namespace roomgate::server::http
