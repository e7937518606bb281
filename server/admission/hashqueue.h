// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/replyhome.h"

#include <QHash>
#include <QMutex>
#include <QPointer>
#include <QString>
#include <QThreadPool>

#include <deque>
#include <functional>
#include <optional>

namespace roomgate::server {

/**
 * Password hashing, bounded and fair (contract v1.1, `--hash-queue`). Hashes wait in one
 * queue per client (its address), which the hashing threads take from in turn: a flood
 * from one address can hold at most a quarter of the places and never makes another
 * address's sign-in wait behind all of it. A hash whose caller has gone is not computed.
 * Thread-safe; answers on the calling thread. Owned by the node.
 */
class HashQueue
{
public:
    /** @p threads hashing threads; at most @p limit hashes waiting (0: no limit). */
    HashQueue(int threads, int limit);
    ~HashQueue();
    HashQueue(const HashQueue &) = delete;
    HashQueue &operator=(const HashQueue &) = delete;

    /**
     * Queues @p work for client @p key. When its turn comes, it runs if @p wanted (checked on
     * the hashing thread; null: always) still says so, and @p done gets its result on the
     * calling thread — or nullopt when it was skipped. False, and nothing queued, when the
     * queue (or this client's share of it) is full.
     */
    template<typename T>
    bool submit(const QString &key, std::function<T()> work, std::function<bool()> wanted,
                std::function<void(std::optional<T>)> done)
    {
        QPointer<QObject> home = ReplyHome::forCurrentThread();
        Task task;
        task.wanted = std::move(wanted);
        task.run = [work = std::move(work), done, home](bool skip) {
            std::optional<T> result;
            if (!skip)
                result = work();
            if (home)
                QMetaObject::invokeMethod(
                    home, [done, result = std::move(result)] { done(result); },
                    Qt::QueuedConnection);
        };
        return enqueue(key, std::move(task));
    }

    /** Hashes waiting now. */
    int waiting() const;

private:
    struct Task
    {
        std::function<bool()> wanted;
        std::function<void(bool skip)> run;
    };

    bool enqueue(const QString &key, Task task);
    void runNext(); ///< on a hashing thread

    const int m_limit;
    const int m_perKey;
    QThreadPool m_pool;
    mutable QMutex m_mutex;
    QHash<QString, std::deque<Task>> m_byKey;
    std::deque<QString> m_turns; ///< keys with waiting hashes, in the order they are served
    int m_waiting = 0;
};

} // namespace roomgate::server
