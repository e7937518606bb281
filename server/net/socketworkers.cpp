// SPDX-License-Identifier: MIT
#include "server/net/socketworkers.h"

namespace roomgate::server::net {

SocketWorkers::SocketWorkers(int count)
{
    for (int i = 0; i < count; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("sockets-%1").arg(i));
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
