// SPDX-License-Identifier: MIT
#include "bench/workerthreads.h"

#include "bench/threadcontext.h"
#include "server/net/epolleventdispatcher.h"

#include <QThread>

#include <atomic>

namespace roomgate::bench {

WorkerThreads::WorkerThreads(int count, const QList<QHostAddress> &sourceAddresses)
{
    for (int i = 0; i < count; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("bench-%1").arg(i));
        // Thousands of connections per thread: Qt's own dispatcher would poll(2) every one of
        // them on every round (half the generator's CPU in the storm); epoll, as the
        // server's socket threads, waits only on those with something to do.
        thread->setEventDispatcher(new server::net::EpollEventDispatcher); // the thread owns it
        auto *context = new ThreadContext(i, sourceAddresses);
        context->moveToThread(thread);
        // The context and its children are destroyed on their own thread when it quits.
        QObject::connect(thread, &QThread::finished, context, &QObject::deleteLater);
        thread->start();
        m_threads.push_back(thread);
        m_contexts.push_back(context);
    }
}

WorkerThreads::~WorkerThreads()
{
    for (QThread *thread : m_threads)
        thread->quit();
    for (QThread *thread : m_threads) {
        thread->wait();
        delete thread;
    }
}

void WorkerThreads::post(int index, std::function<void()> work) const
{
    QMetaObject::invokeMethod(context(index), std::move(work), Qt::QueuedConnection);
}

void WorkerThreads::runOnAll(std::function<void(ThreadContext &, Done)> work, QObject *home,
                             std::function<void()> then) const
{
    auto remaining = std::make_shared<std::atomic<int>>(count());
    auto finish = std::make_shared<std::function<void()>>(std::move(then));
    auto sharedWork = std::make_shared<std::function<void(ThreadContext &, Done)>>(std::move(work));
    for (int i = 0; i < count(); ++i) {
        ThreadContext *ctx = context(i);
        post(i, [ctx, sharedWork, remaining, finish, home] {
            auto called = std::make_shared<std::atomic<bool>>(false);
            (*sharedWork)(*ctx, [remaining, finish, home, called] {
                if (called->exchange(true))
                    return;
                if (remaining->fetch_sub(1) == 1)
                    QMetaObject::invokeMethod(
                        home, [finish] { (*finish)(); }, Qt::QueuedConnection);
            });
        });
    }
}

} // namespace roomgate::bench
