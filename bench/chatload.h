// SPDX-License-Identifier: MIT
#pragma once

#include "bench/latencyhistogram.h"
#include "bench/openloopschedule.h"
#include "bench/roomentry.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <atomic>
#include <functional>
#include <vector>

namespace roomgate::bench {

class ThreadContext;

/**
 * One generator thread's share of the chat members of fanout, idle and mixed: it enters
 * them (a few at a time), then lets its senders send messages that carry their send time
 * (`bench t=<ns> s=<sender>` in the text) — on an open-loop schedule, or at full speed with
 * a window of messages in flight per sender — and times every delivery at every member.
 * Lives on its thread, parented to its ThreadContext.
 */
class ChatLoad : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        /// Where @p user's entries go (its node); called on the load's thread.
        std::function<RoomEntry::Endpoint(int user)> endpoint;
        QStringList rooms;
        int membersPerRoom = 0;
        int sendersPerRoom = 0; ///< members 0…n-1 of every room send
        /// the last members of every room (counted in membersPerRoom) stop reading once in
        int stalledPerRoom = 0;
        int capacity = 0;
        qint64 timeoutNs = 0;
        int joinConcurrency = 32;
        int threads = 1; ///< member u lives on thread u % threads
        std::function<QByteArray(int user)> token; ///< user = room * membersPerRoom + member
        std::function<void(const QString &kind)> countError;
    };

    /** Counters the main thread may read at any time. */
    struct alignas(64) Counters
    {
        std::atomic<qint64> joined{0};
        std::atomic<qint64> sent{0};
        std::atomic<qint64> sentInWindow{0};
        std::atomic<qint64> received{0};
        std::atomic<qint64> receivedInWindow{0};
        std::atomic<qint64> refused{0}; ///< messages answered with an error frame
        std::atomic<qint64> dropped{0}; ///< members closed by the server while joined
        std::atomic<qint64> stalledEnded{0}; ///< stalled members whose connection ended
    };

    ChatLoad(ThreadContext &context, Config config, QObject *parent = nullptr);

    /** This thread's members (those whose user index falls on it). */
    int memberCount() const { return int(m_members.size()); }
    int senderCount() const { return int(m_senders.size()); }

    /** Enters every member of this thread; @p done(failures) once all have an outcome. */
    void join(std::function<void(int failures)> done);

    /**
     * Starts sending: at @p totalRate messages a second over all threads' @p totalSenders
     * senders (open loop), or, with @p totalRate 0, @p window messages in flight per sender.
     * Deliveries of messages sent in [fromNs, untilNs) are timed; sending stops at untilNs.
     */
    void startChat(double totalRate, int totalSenders, int window, qint64 fromNs, qint64 untilNs);

    /**
     * Lets the stalled members read again: what waited for them, then, where the server
     * dropped them, its close (counted in stalledEnds()).
     */
    void resumeStalled();

    const Counters &counters() const { return m_counters; }
    /** How stalled members ended, by code (SLOW_CONSUMER, TRANSPORT, …); as latency(). */
    const QHash<QString, qint64> &stalledEnds() const { return m_stalledEnds; }
    /** Read after the threads stopped touching it (after a WorkerThreads::runOnAll). */
    const LatencyHistogram &latency() const { return m_latency; }
    const LatencyHistogram &sendLag() const { return m_sendLag; }

private:
    struct Member
    {
        RoomEntry *entry = nullptr;
        int user = 0;
        int room = 0;
        int senderIndex = -1; ///< global sender number, -1 for a listener
        bool stalled = false; ///< reads nothing once joined (until resumeStalled())
        int inFlight = 0; ///< full speed: own messages not yet back
        qint64 seq = 0;
    };

    void joinNext();
    void tick();
    void sendFrom(Member &m, qint64 now);
    void onFrame(Member &m, QByteArrayView frame, qint64 now);

    ThreadContext &m_context;
    Config m_config;
    std::vector<Member> m_members;
    std::vector<int> m_senders; ///< indexes into m_members
    Counters m_counters;
    LatencyHistogram m_latency;
    LatencyHistogram m_sendLag;
    QHash<QString, qint64> m_stalledEnds;

    // join
    size_t m_nextJoin = 0;
    int m_joining = 0;
    int m_joinOutcomes = 0;
    int m_joinFailures = 0;
    std::function<void(int)> m_joinDone;

    // chat
    OpenLoopSchedule m_schedule;
    QTimer *m_timer = nullptr;
    size_t m_nextSender = 0;
    int m_window = 0;
    qint64 m_fromNs = 0;
    qint64 m_untilNs = 0;
};

} // namespace roomgate::bench
