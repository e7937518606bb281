// SPDX-License-Identifier: MIT
#pragma once

#include <QHostAddress>
#include <QList>
#include <QObject>

#include <functional>
#include <memory>
#include <vector>

class QThread;

namespace roomgate::bench {

class ThreadContext;

/**
 * The generator's threads: each runs its own event loop with a ThreadContext, and owns the
 * sockets created on it, so the work of thousands of sockets is spread over the cores.
 * Owned by the scenario on the main thread; its methods are called there.
 */
class WorkerThreads
{
public:
    WorkerThreads(int count, const QList<QHostAddress> &sourceAddresses);
    /** Quits every thread and waits for it; whatever was parented to a context is destroyed
     * on its thread first. */
    ~WorkerThreads();

    int count() const { return int(m_contexts.size()); }
    ThreadContext *context(int index) const { return m_contexts[size_t(index)]; }

    /** Runs @p work on thread @p index, later. */
    void post(int index, std::function<void()> work) const;

    /**
     * Runs @p work(context, done) on every thread; each calls `done` once (from any thread,
     * at any later time), and when all have, @p then runs on @p home's thread.
     */
    using Done = std::function<void()>;
    void runOnAll(std::function<void(ThreadContext &, Done)> work, QObject *home,
                  std::function<void()> then) const;

private:
    std::vector<QThread *> m_threads;
    std::vector<ThreadContext *> m_contexts;
};

} // namespace roomgate::bench
