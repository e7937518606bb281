// SPDX-License-Identifier: MIT
#pragma once

#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace roomgate::bench {

class DeadlineWatcher;

/**
 * One generator thread's home: the object work is posted to (QMetaObject::invokeMethod), the
 * one timer that checks every armed deadline of the thread's sockets, and the source
 * addresses its sockets bind to. Created by WorkerThreads and moved to its thread; every
 * method is called on that thread.
 */
class ThreadContext : public QObject
{
    Q_OBJECT
public:
    ThreadContext(int index, QList<QHostAddress> sourceAddresses);
    /** Destroys its children (the thread's sockets) while their watch list still exists. */
    ~ThreadContext() override;

    int index() const { return m_index; }

    /** Starts checking @p watcher's deadline (idempotent). */
    void watch(DeadlineWatcher *watcher);
    void unwatch(DeadlineWatcher *watcher);

    /** The address the next socket binds to; null (any) when none were given. */
    QHostAddress nextSourceAddress();

private:
    void checkDeadlines();

    int m_index;
    QList<QHostAddress> m_sourceAddresses;
    int m_nextSource = 0;
    QTimer m_timer;
    QSet<DeadlineWatcher *> m_watched;
};

} // namespace roomgate::bench
