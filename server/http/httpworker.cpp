// SPDX-License-Identifier: MIT
#include "server/http/httpworker.h"

#include "server/http/correlationid.h"
#include "server/http/httpconnection.h"
#include "server/http/httplogging.h"
#include "server/net/addresscounter.h"
#include "server/net/directtcpsocket.h"

#include "shared/clock.h"

#include <QPointer>
#include <QSslSocket>
#include <QTcpSocket>

#include <algorithm>
#include <exception>

namespace roomgate::server::http {

namespace {

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

HttpWorker::HttpWorker(const HttpLimits &limits, const HttpHooks &hooks,
                       std::atomic<int> &connections, net::AddressCounter &perAddress)
    : m_limits(limits), m_hooks(hooks), m_connections(connections), m_perAddress(perAddress)
{
    // A time limit is kept to within an eighth of the shortest one (at most 250 ms late).
    const int shortest = std::min(
        {m_limits.requestTimeoutMs, m_limits.keepAliveTimeoutMs, m_limits.lingerTimeoutMs});
    m_deadlines.setParent(this); // moves to the serving thread with the worker
    m_deadlines.setInterval(std::clamp(shortest / 8, 5, 250));
    connect(&m_deadlines, &QTimer::timeout, this, [this] {
        const qint64 now = Clock::system().monotonicMs();
        // Acting on a timeout may finish a connection, which edits m_open: those due first.
        QList<QPointer<HttpConnection>> due;
        for (HttpConnection *connection : std::as_const(m_open)) {
            if (connection->isPastDeadline(now))
                due.append(connection);
        }
        for (const QPointer<HttpConnection> &connection : std::as_const(due)) {
            if (connection)
                connection->checkDeadline(now);
        }
    });
}

HttpWorker::~HttpWorker()
{
    // Connections are children; none may report back into a half-destroyed worker.
    for (HttpConnection *connection : std::as_const(m_open)) {
        disconnect(connection, nullptr, this, nullptr);
        m_connections.fetch_sub(1);
    }
}

void HttpWorker::accept(qintptr descriptor, const QHostAddress &peer, bool admitted)
{
    QTcpSocket *socket = nullptr;
    if (m_hooks.tls) {
        auto *tls = new QSslSocket;
        tls->setSslConfiguration(*m_hooks.tls);
        socket = tls;
    } else {
        socket = new net::DirectTcpSocket;
    }
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        if (admitted)
            m_perAddress.remove(peer);
        return;
    }
    if (auto *tls = qobject_cast<QSslSocket *>(socket)) {
        // A client that fails the handshake is simply closed.
        connect(tls, &QSslSocket::sslErrors, tls, [tls] { tls->abort(); });
        tls->startServerEncryption();
    }
    if (!admitted) {
        // Over the connections per address: told so when it can be written, then closed.
        qCDebug(lcHttp) << "too many connections from" << peer;
        roomgate::Problem problem(ErrorCode::RateLimited,
                                  QStringLiteral("too many connections from this address"));
        problem.retryAfterSeconds = 1;
        socket->write(
            HttpResponse::problem(problem).serialize("GET", HttpResponse::ConnectionHeader::Close));
        socket->disconnectFromHost();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        if (socket->state() == QAbstractSocket::UnconnectedState)
            socket->deleteLater();
        return;
    }
    connect(socket, &QObject::destroyed, this, [this, peer] { m_perAddress.remove(peer); });
    // Small responses must not wait for the peer's delayed ACK (Nagle).
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    auto *connection = new HttpConnection(socket, this);
    m_open.insert(connection);
    if (!m_deadlines.isActive())
        m_deadlines.start(); // on this worker's thread
    connect(connection, &HttpConnection::finished, this,
            [this, connection] { remove(connection); });
    Q_EMIT connectionCountChanged(m_connections.fetch_add(1) + 1);
}

void HttpWorker::closeAll()
{
    // closeGracefully() may finish a connection at once, which edits m_open.
    const QSet<HttpConnection *> open = m_open;
    for (HttpConnection *connection : open)
        connection->closeGracefully();
}

void HttpWorker::remove(HttpConnection *connection)
{
    if (!m_open.remove(connection))
        return;
    connection->deleteLater();
    Q_EMIT connectionCountChanged(m_connections.fetch_sub(1) - 1);
}

void HttpWorker::dispatch(const HttpRequest &request, const HttpResponder &responder)
{
    if (!m_hooks.handler) {
        responder.send(HttpResponse::problem(roomgate::Problem{ErrorCode::NotFound}));
        return;
    }
    // Exceptions do not cross into the event loop: a throwing handler is a 500.
    try {
        m_hooks.handler(request, responder);
    } catch (const std::exception &error) {
        answerInternalError(request, responder, error.what());
    } catch (...) {
        answerInternalError(request, responder, "an exception that is no std::exception");
    }
}

void HttpWorker::finalizeResponse(const HttpRequest &request, HttpResponse &response)
{
    if (m_hooks.afterResponse)
        m_hooks.afterResponse(request, response);
}

} // namespace roomgate::server::http
