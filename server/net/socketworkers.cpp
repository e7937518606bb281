// SPDX-License-Identifier: MIT
#include "server/net/socketworkers.h"

#include "server/net/epolleventdispatcher.h"

#include <QLoggingCategory>

namespace roomgate::server::net {

namespace {

Q_LOGGING_CATEGORY(lcNet, "roomgate.server.net")

/** Whether the socket threads wait with epoll (the default) or with Qt's own dispatcher
 *  (ROOMGATE_EVENT_DISPATCHER=qt), which polls every socket of a thread on every round. */
bool useEpoll()
{
    const QByteArray choice = qgetenv("ROOMGATE_EVENT_DISPATCHER");
    if (choice == QByteArrayView("qt"))
        return false;
    if (!choice.isEmpty() && choice != QByteArrayView("epoll"))
        qCWarning(lcNet, "ROOMGATE_EVENT_DISPATCHER=%s is neither epoll nor qt: using epoll",
                  choice.constData());
    return true;
}

} // namespace

SocketWorkers::SocketWorkers(int count)
{
    const bool epoll = count > 0 && useEpoll();
    for (int i = 0; i < count; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("sockets-%1").arg(i));
        if (epoll)
            thread->setEventDispatcher(new EpollEventDispatcher); // the thread owns it
        thread->start();
        m_threads.append(thread);
    }
}

SocketWorkers::~SocketWorkers()
{
    for (QThread *thread : std::as_const(m_threads)) {
        thread->quit();
        thread->wait();
        delete thread;
    }
}

QList<QThread *> SocketWorkers::threadsOrCaller() const
{
    if (m_threads.isEmpty())
        return {QThread::currentThread()};
    return m_threads;
}

} // namespace roomgate::server::net
