// SPDX-License-Identifier: MIT
#include "bench/threadcontext.h"

#include "bench/deadlinewatcher.h"
#include "bench/monotonic.h"

namespace roomgate::bench {

namespace {
/// How often armed deadlines are checked: the precision of every timeout.
constexpr int kCheckIntervalMs = 20;
} // namespace

ThreadContext::ThreadContext(int index, QList<QHostAddress> sourceAddresses)
    : m_index(index), m_sourceAddresses(std::move(sourceAddresses)), m_timer(this)
{
    // Spread the threads over the addresses so each one's sockets do not all share one.
    m_nextSource = m_sourceAddresses.isEmpty() ? 0 : index % int(m_sourceAddresses.size());
    m_timer.setInterval(kCheckIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ThreadContext::checkDeadlines);
}

ThreadContext::~ThreadContext()
{
    m_timer.stop();
    for (;;) {
        QObject *victim = nullptr;
        for (QObject *child : children()) {
            if (child != &m_timer) {
                victim = child;
                break;
            }
        }
        if (!victim)
            break;
        delete victim;
    }
}

void ThreadContext::watch(DeadlineWatcher *watcher)
{
    m_watched.insert(watcher);
    if (!m_timer.isActive())
        m_timer.start();
}

void ThreadContext::unwatch(DeadlineWatcher *watcher)
{
    m_watched.remove(watcher);
}

QHostAddress ThreadContext::nextSourceAddress()
{
    if (m_sourceAddresses.isEmpty())
        return {};
    const QHostAddress address = m_sourceAddresses.at(m_nextSource);
    m_nextSource = (m_nextSource + 1) % int(m_sourceAddresses.size());
    return address;
}

void ThreadContext::checkDeadlines()
{
    if (m_watched.isEmpty()) {
        m_timer.stop();
        return;
    }
    // A check may unwatch (or watch) others; walk a copy, skipping the ones gone meanwhile.
    const QList<DeadlineWatcher *> watched = m_watched.values();
    const qint64 now = nowNs();
    for (DeadlineWatcher *w : watched) {
        if (m_watched.contains(w))
            w->checkDeadline(now);
    }
}

} // namespace roomgate::bench
