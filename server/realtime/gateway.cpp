// SPDX-License-Identifier: MIT
#include "server/realtime/gateway.h"

#include "server/net/listener.h"
#include "server/realtime/gatewayworker.h"
#include "server/realtime/logging.h"

#include <QTimer>

namespace roomgate::server {

Gateway::Gateway(AdmissionService &admission, ChatService &chat, EventBus &bus,
                 const GatewaySettings &settings, net::SocketWorkers *workers, QObject *parent)
    : QObject(parent),
      m_admission(admission),
      m_chat(chat),
      m_bus(bus),
      m_settings(settings),
      m_perAddress(settings.connectionsPerAddress),
      m_socketThreads(workers)
{ }

Gateway::~Gateway()
{
    if (m_listener)
        m_listener->close();
    // Each worker goes on its own thread, with its connections.
    for (GatewayWorker *worker : std::as_const(m_workers)) {
        worker->disconnect(this);
        if (worker->thread() == thread())
            delete worker;
        else
            QMetaObject::invokeMethod(
                worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
    }
}

bool Gateway::listen(const QHostAddress &address, quint16 port)
{
    const QList<QThread *> threads
        = m_socketThreads ? m_socketThreads->threadsOrCaller() : QList<QThread *>{thread()};
    for (QThread *serving : threads) {
        auto *worker = new GatewayWorker(m_admission, m_chat, m_bus, m_settings, m_connections,
                                         m_perAddress);
        connect(worker, &GatewayWorker::connectionCountChanged, this,
                &Gateway::connectionCountChanged);
        connect(worker, &GatewayWorker::drained, this, [this] {
            if (--m_draining == 0)
                finishShutdown();
        });
        if (serving != thread())
            worker->moveToThread(serving);
        m_workers.append(worker);
    }
    m_next = std::make_unique<net::RoundRobin>(static_cast<int>(m_workers.size()));
    m_listener = new net::Listener(
        [this](qintptr descriptor, const QHostAddress &peer) { accept(descriptor, peer); }, this);
    if (!m_listener->listen(address, port)) {
        m_error = m_listener->errorString();
        return false;
    }
    qCInfo(lcGateway).noquote() << "WebSocket gateway on" << address.toString() << serverPort()
                                << "served by" << m_workers.size() << "thread(s)";
    return true;
}

quint16 Gateway::serverPort() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

void Gateway::accept(qintptr descriptor, const QHostAddress &peer)
{
    if (!m_perAddress.tryAdd(peer)) {
        // Over the connections per address: the newest is closed at once.
        qCDebug(lcGateway) << "too many connections from" << peer.toString();
        net::Listener::refuse(descriptor);
        return;
    }
    GatewayWorker *worker = m_workers.at(m_next->next());
    if (worker->thread() == thread()) {
        worker->accept(descriptor, peer);
        return;
    }
    QMetaObject::invokeMethod(
        worker, [worker, descriptor, peer] { worker->accept(descriptor, peer); },
        Qt::QueuedConnection);
}

void Gateway::sendAllAway(const Problem &problem, bool seatsFirst)
{
    for (GatewayWorker *worker : std::as_const(m_workers))
        QMetaObject::invokeMethod(
            worker, [worker, problem, seatsFirst] { worker->sendAllAway(problem, seatsFirst); },
            Qt::AutoConnection);
}

void Gateway::checkLiveness()
{
    for (GatewayWorker *worker : std::as_const(m_workers)) {
        QMetaObject::invokeMethod(worker, &GatewayWorker::checkLiveness,
                                  worker->thread() == thread() ? Qt::DirectConnection
                                                               : Qt::BlockingQueuedConnection);
    }
}

void Gateway::shutdown(std::function<void()> done)
{
    if (m_listener)
        m_listener->close();
    m_shutdownDone = std::move(done);
    m_draining = static_cast<int>(m_workers.size());
    if (m_draining == 0) {
        finishShutdown();
        return;
    }
    for (GatewayWorker *worker : std::as_const(m_workers))
        QMetaObject::invokeMethod(worker, &GatewayWorker::shutdown, Qt::AutoConnection);
    // Peers that never answer the close handshake do not hold the stop up for long.
    QTimer::singleShot(2000, this, [this] {
        if (m_shutdownDone) {
            qCInfo(lcGateway) << connectionCount() << "peer(s) did not finish closing in time";
            finishShutdown();
        }
    });
}

void Gateway::finishShutdown()
{
    if (auto done = std::exchange(m_shutdownDone, nullptr))
        done();
}

} // namespace roomgate::server
