// SPDX-License-Identifier: MIT
#pragma once

#include "server/http/httplimits.h"
#include "server/http/httprequest.h"
#include "server/http/httpresponder.h"
#include "server/http/httpresponse.h"

#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QString>

#include <functional>

class QTcpServer;

namespace roomgate::server::http {

class HttpConnection;

/**
 * Roomgate's own small HTTP/1.1 server: keep-alive, pipelining (answered in order),
 * chunked request bodies, `Expect: 100-continue`, and the bounds of HttpLimits enforced
 * before anything is buffered (413 for oversize bodies as soon as the headers are in,
 * timeouts for slow or idle clients). Qt 6.4's QHttpServer offers none of these bounds.
 *
 * Owns its listening socket and one HttpConnection per client. Lives on the thread that
 * created it; the handler and the after-response hook run on that thread.
 */
class HttpServer : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<void(const HttpRequest &, const HttpResponder &)>;
    using AfterResponse = std::function<void(const HttpRequest &, HttpResponse &)>;

    explicit HttpServer(HttpLimits limits = {}, QObject *parent = nullptr);
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
    int connectionCount() const;

Q_SIGNALS:
    void connectionCountChanged(int count);

private:
    friend class HttpConnection;

    void acceptPendingConnections();
    void removeConnection(HttpConnection *connection);
    void dispatch(const HttpRequest &request, const HttpResponder &responder);
    void finalizeResponse(const HttpRequest &request, HttpResponse &response);

    HttpLimits m_limits;
    QTcpServer *m_tcpServer;
    QSet<HttpConnection *> m_connections;
    Handler m_handler;
    AfterResponse m_afterResponse;
};

} // namespace roomgate::server::http
