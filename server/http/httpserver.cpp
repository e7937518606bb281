// SPDX-License-Identifier: MIT
#include "server/http/httpserver.h"

#include "server/http/correlationid.h"
#include "server/http/httpconnection.h"
#include "server/http/httplogging.h"

#include <QTcpServer>
#include <QTcpSocket>

#include <exception>

namespace roomgate::server::http {

namespace {
// QTcpServer's default of 50 makes bursts of connects see SYN retransmits (1 s stalls).
constexpr int kListenBacklog = 1024;

/**
 * Answers a request whose handler threw: 500 INTERNAL with a fresh correlation id, which
 * the log line carries too. @p what stays in the log; the body says nothing internal.
 */
void answerInternalError(const HttpRequest &request, const HttpResponder &responder,
                         const char *what)
{
    roomgate::Problem problem{ErrorCode::Internal};
    problem.correlationId = newCorrelationId();
    qCCritical(lcHttp).nospace() << "handler threw for " << request.method << ' ' << request.path
                                 << ": " << what << " (correlation id "
                                 << qUtf8Printable(problem.correlationId) << ')';
    responder.send(HttpResponse::problem(problem));
}

} // namespace

HttpServer::HttpServer(HttpLimits limits, QObject *parent)
    : QObject(parent), m_limits(limits), m_tcpServer(new QTcpServer(this))
{
    connect(m_tcpServer, &QTcpServer::newConnection, this, &HttpServer::acceptPendingConnections);
}

HttpServer::~HttpServer()
{
    // Connections are children; make sure none reports back into a half-destroyed server.
    for (HttpConnection *connection : std::as_const(m_connections))
        disconnect(connection, nullptr, this, nullptr);
}

void HttpServer::setHandler(Handler handler)
{
    m_handler = std::move(handler);
}

void HttpServer::setAfterResponse(AfterResponse hook)
{
    m_afterResponse = std::move(hook);
}

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    m_tcpServer->setListenBacklogSize(kListenBacklog);
    if (!m_tcpServer->listen(address, port)) {
        qCWarning(lcHttp) << "cannot listen on" << address << port << m_tcpServer->errorString();
        return false;
    }
    return true;
}

bool HttpServer::isListening() const
{
    return m_tcpServer->isListening();
}

quint16 HttpServer::serverPort() const
{
    return m_tcpServer->serverPort();
}

QString HttpServer::errorString() const
{
    return m_tcpServer->errorString();
}

void HttpServer::close()
{
    m_tcpServer->close();
    // closeGracefully() may finish a connection at once, which edits m_connections.
    const QSet<HttpConnection *> connections = m_connections;
    for (HttpConnection *connection : connections)
        connection->closeGracefully();
}

int HttpServer::connectionCount() const
{
    return static_cast<int>(m_connections.size());
}

void HttpServer::acceptPendingConnections()
{
    while (QTcpSocket *socket = m_tcpServer->nextPendingConnection()) {
        // Small responses must not wait for the peer's delayed ACK (Nagle).
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        auto *connection = new HttpConnection(socket, this);
        m_connections.insert(connection);
        connect(connection, &HttpConnection::finished, this,
                [this, connection] { removeConnection(connection); });
        Q_EMIT connectionCountChanged(connectionCount());
    }
}

void HttpServer::removeConnection(HttpConnection *connection)
{
    if (!m_connections.remove(connection))
        return;
    connection->deleteLater();
    Q_EMIT connectionCountChanged(connectionCount());
}

void HttpServer::dispatch(const HttpRequest &request, const HttpResponder &responder)
{
    if (!m_handler) {
        responder.send(HttpResponse::problem(roomgate::Problem{ErrorCode::NotFound}));
        return;
    }
    // Exceptions do not cross into the event loop: a throwing handler is a 500.
    try {
        m_handler(request, responder);
    } catch (const std::exception &error) {
        answerInternalError(request, responder, error.what());
    } catch (...) {
        answerInternalError(request, responder, "an exception that is no std::exception");
    }
}

void HttpServer::finalizeResponse(const HttpRequest &request, HttpResponse &response)
{
    if (m_afterResponse)
        m_afterResponse(request, response);
}

} // namespace roomgate::server::http
