// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QThread>

#include <atomic>

namespace roomgate::server::net {

/**
 * The threads sockets are served on, each with its own event loop, so that every core
 * works: the HTTP server and the WebSocket gateway put each accepted connection on one of
 * them, in turn. With no threads everything stays on the caller's thread (tests, small
 * setups). Each thread waits with an EpollEventDispatcher, whose rounds cost what is ready
 * rather than what is open, unless ROOMGATE_EVENT_DISPATCHER=qt asks for Qt's own. Owned by
 * the node: started before listening, stopped only after every object living on its threads
 * is gone.
 */
class SocketWorkers
{
public:
    /** @p count threads; 0: none. */
    explicit SocketWorkers(int count);
    ~SocketWorkers();
    SocketWorkers(const SocketWorkers &) = delete;
    SocketWorkers &operator=(const SocketWorkers &) = delete;

    int count() const { return static_cast<int>(m_threads.size()); }
    QThread *thread(int index) const { return m_threads.at(index); }

    /** The threads, or the calling thread alone when there are none. */
    QList<QThread *> threadsOrCaller() const;

private:
    QList<QThread *> m_threads;
};

/** Hands out indexes 0 … count-1 in turn; thread-safe. */
class RoundRobin
{
public:
    explicit RoundRobin(int count) : m_count(qMax(1, count)) { }
    int next()
    {
        return static_cast<int>(m_next.fetch_add(1, std::memory_order_relaxed) % m_count);
    }

private:
    const unsigned m_count;
    std::atomic<unsigned> m_next{0};
};

} // namespace roomgate::server::net
