// SPDX-License-Identifier: MIT
#include "server/http/httpserver.h"

#include "server/http/httplogging.h"
#include "server/net/listener.h"

namespace roomgate::server::http {

HttpServer::HttpServer(HttpLimits limits, net::SocketWorkers *workers, QObject *parent)
    : QObject(parent),
      m_limits(limits),
      m_perAddress(limits.connectionsPerAddress),
      m_socketThreads(workers),
      m_listener(new net::Listener(
          [this](qintptr descriptor, const QHostAddress &peer) { accept(descriptor, peer); }, this))
{ }

HttpServer::~HttpServer()
{
    m_listener->close();
    // Each worker goes on its own thread, with its connections.
    for (HttpWorker *worker : std::as_const(m_workers)) {
        if (worker->thread() == thread())
            delete worker;
        else
            QMetaObject::invokeMethod(
                worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
    }
}

void HttpServer::setHandler(Handler handler)
{
    m_hooks.handler = std::move(handler);
}

void HttpServer::setAfterResponse(AfterResponse hook)
{
    m_hooks.afterResponse = std::move(hook);
}

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    if (m_workers.isEmpty()) {
        const QList<QThread *> threads
            = m_socketThreads ? m_socketThreads->threadsOrCaller() : QList<QThread *>{thread()};
        for (QThread *serving : threads) {
            auto *worker = new HttpWorker(m_limits, m_hooks, m_connections, m_perAddress);
            connect(worker, &HttpWorker::connectionCountChanged, this,
                    &HttpServer::connectionCountChanged);
            if (serving == thread())
                worker->setParent(this);
            else
                worker->moveToThread(serving);
            m_workers.append(worker);
        }
        m_next = std::make_unique<net::RoundRobin>(static_cast<int>(m_workers.size()));
    }
    if (!m_listener->listen(address, port)) {
        qCWarning(lcHttp) << "cannot listen on" << address << port << m_listener->errorString();
        return false;
    }
    return true;
}

bool HttpServer::isListening() const
{
    return m_listener->isListening();
}

quint16 HttpServer::serverPort() const
{
    return m_listener->serverPort();
}

QString HttpServer::errorString() const
{
    return m_listener->errorString();
}

void HttpServer::close()
{
    m_listener->close();
    for (HttpWorker *worker : std::as_const(m_workers))
        QMetaObject::invokeMethod(worker, &HttpWorker::closeAll, Qt::AutoConnection);
}

void HttpServer::accept(qintptr descriptor, const QHostAddress &peer)
{
    const bool admitted = m_perAddress.tryAdd(peer);
    HttpWorker *worker = m_workers.at(m_next->next());
    if (worker->thread() == thread()) {
        worker->accept(descriptor, peer, admitted);
        return;
    }
    QMetaObject::invokeMethod(
        worker,
        [worker, descriptor, peer, admitted] { worker->accept(descriptor, peer, admitted); },
        Qt::QueuedConnection);
}

} // namespace roomgate::server::http
