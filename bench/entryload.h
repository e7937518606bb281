// SPDX-License-Identifier: MIT
#pragma once

#include "bench/latencyhistogram.h"
#include "bench/openloopschedule.h"
#include "bench/roomentry.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <deque>
#include <functional>
#include <vector>

class QTimer;

namespace roomgate::bench {

class ThreadContext;

/**
 * One generator thread's share of an open loop of enters (enter and mixed): each enter is
 * reserve → claim (until `joined`) → stay for the hold time → leave (until the close), by a
 * user who is not busy with another, started when the schedule says whether or not earlier
 * ones have finished. Times each phase; counts timeouts apart from refusals. Lives on its
 * thread, parented to its ThreadContext.
 */
class EntryLoad : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        /// Where @p user's entries go (its node); called on the load's thread.
        std::function<RoomEntry::Endpoint(int user)> endpoint;
        QStringList rooms;
        int capacity = 0;
        int firstUser = 0; ///< users firstUser … firstUser + users - 1 …
        int users = 0;
        int threads = 1; ///< … of which this thread takes those with user % threads == its index
        double rate = 0; ///< enters a second, all threads together
        qint64 holdNs = 0;
        qint64 timeoutNs = 0; ///< for the enter (reserve + claim), and again for the leave
        std::function<QByteArray(int user)> token;
        std::function<void(const QString &kind)> countError;
    };

    struct alignas(64) Counters
    {
        std::atomic<qint64> scheduled{0}; ///< due inside the timed window
        std::atomic<qint64> entered{0}; ///< of those: joined
        std::atomic<qint64> completed{0}; ///< of those: left again
        std::atomic<qint64> timeouts{0}; ///< of those: no `joined` before the deadline
        std::atomic<qint64> failed{0}; ///< of those: refused or lost (not timeouts)
        std::atomic<qint64> inFlight{0};
    };

    /** Latencies in the timed window; read once the thread stopped touching them. */
    struct Latencies
    {
        LatencyHistogram enter; ///< due → joined
        LatencyHistogram reserve;
        LatencyHistogram claim; ///< reserve answered → joined
        LatencyHistogram leave; ///< leave sent → closed
        LatencyHistogram total; ///< due → closed (with the hold)
        LatencyHistogram startLag; ///< due → started (the generator's own lateness)
        QHash<QString, qint64> failures; ///< "phase:code"
    };

    EntryLoad(ThreadContext &context, Config config, QObject *parent = nullptr);

    /** Starts the schedule at @p startNs; enters due in [fromNs, untilNs) are counted. */
    void start(qint64 startNs, qint64 fromNs, qint64 untilNs);
    /** Calls @p done once no enter is in flight (the schedule ends at untilNs by itself). */
    void whenIdle(std::function<void()> done);

    const Counters &counters() const { return m_counters; }
    const Latencies &latencies() const { return m_latencies; }

private:
    struct Slot
    {
        RoomEntry *entry = nullptr;
        int user = 0;
        qint64 due = 0;
        bool counted = false;
        bool leaving = false;
        quint64 generation = 0; ///< tells a late hold timer from the slot's next enter
    };

    void tick();
    void begin(qint64 due, qint64 now);
    void release(Slot &slot);
    static QString phaseName(RoomEntry::Phase phase);

    ThreadContext &m_context;
    Config m_config;
    std::vector<Slot> m_slots;
    std::deque<int> m_free; ///< indexes into m_slots, oldest first
    OpenLoopSchedule m_schedule;
    QTimer *m_timer = nullptr;
    qint64 m_fromNs = 0;
    qint64 m_untilNs = 0;
    int m_nextRoom = 0;
    Counters m_counters;
    Latencies m_latencies;
    std::function<void()> m_whenIdle;
};

} // namespace roomgate::bench
