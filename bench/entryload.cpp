// SPDX-License-Identifier: MIT
#include "bench/entryload.h"

#include "bench/monotonic.h"
#include "bench/threadcontext.h"

#include <QTimer>

namespace roomgate::bench {

EntryLoad::EntryLoad(ThreadContext &context, Config config, QObject *parent)
    : QObject(parent), m_context(context), m_config(std::move(config))
{
    for (int u = m_config.firstUser; u < m_config.firstUser + m_config.users; ++u) {
        if (u % m_config.threads == context.index()) {
            m_free.push_back(int(m_slots.size()));
            m_slots.push_back({nullptr, u});
        }
    }
    m_nextRoom = context.index();
}

QString EntryLoad::phaseName(RoomEntry::Phase phase)
{
    switch (phase) {
    case RoomEntry::Phase::Reserve:
        return QStringLiteral("reserve");
    case RoomEntry::Phase::Claim:
        return QStringLiteral("claim");
    case RoomEntry::Phase::Joined:
        return QStringLiteral("joined");
    case RoomEntry::Phase::Leave:
        return QStringLiteral("leave");
    default:
        return QStringLiteral("other");
    }
}

void EntryLoad::start(qint64 startNs, qint64 fromNs, qint64 untilNs)
{
    m_fromNs = fromNs;
    m_untilNs = untilNs;
    // Each thread runs its own interleaved share of one schedule.
    m_schedule
        = OpenLoopSchedule(m_config.rate, m_context.index(), m_config.threads, startNs, untilNs);
    m_timer = new QTimer(this);
    m_timer->setTimerType(Qt::PreciseTimer);
    m_timer->setInterval(1);
    connect(m_timer, &QTimer::timeout, this, &EntryLoad::tick);
    m_timer->start();
}

void EntryLoad::whenIdle(std::function<void()> done)
{
    m_whenIdle = std::move(done);
    if (m_schedule.finished() && m_counters.inFlight.load() == 0 && m_whenIdle)
        std::exchange(m_whenIdle, nullptr)();
}

void EntryLoad::tick()
{
    const qint64 now = nowNs();
    m_schedule.runDue(now, [this, now](qint64 due) { begin(due, now); });
    if (m_schedule.finished()) {
        m_timer->stop();
        if (m_counters.inFlight.load() == 0 && m_whenIdle)
            std::exchange(m_whenIdle, nullptr)();
    }
}

void EntryLoad::begin(qint64 due, qint64 now)
{
    const bool counted = due >= m_fromNs && due < m_untilNs;
    if (counted) {
        m_counters.scheduled.fetch_add(1, std::memory_order_relaxed);
        m_latencies.startLag.record(now - due);
    }
    if (m_free.empty()) {
        // Every user of this thread is still busy: the enter cannot even start.
        if (counted) {
            m_counters.failed.fetch_add(1, std::memory_order_relaxed);
            ++m_latencies.failures[QStringLiteral("start:NO_FREE_USER")];
        }
        m_config.countError(QStringLiteral("enter:NO_FREE_USER"));
        return;
    }
    const int index = m_free.front();
    m_free.pop_front();
    Slot &slot = m_slots[size_t(index)];
    slot.due = due;
    slot.counted = counted;
    slot.leaving = false;
    ++slot.generation;
    m_counters.inFlight.fetch_add(1, std::memory_order_relaxed);
    if (!slot.entry) {
        slot.entry = new RoomEntry(m_context, m_config.endpoint(slot.user), this);
        RoomEntry *entry = slot.entry;
        entry->onJoined = [this, index, entry] {
            Slot &s = m_slots[size_t(index)];
            const RoomEntry::Times &t = entry->times();
            if (s.counted) {
                m_counters.entered.fetch_add(1, std::memory_order_relaxed);
                m_latencies.enter.record(t.joined - s.due);
                m_latencies.reserve.record(t.reserved - t.start);
                m_latencies.claim.record(t.joined - t.reserved);
            }
            const auto leave = [this, index, entry, generation = s.generation] {
                Slot &now = m_slots[size_t(index)];
                if (now.generation != generation)
                    return;
                now.leaving = true;
                entry->leave(nowNs() + m_config.timeoutNs);
            };
            if (m_config.holdNs > 0)
                QTimer::singleShot(std::chrono::milliseconds(m_config.holdNs / kNsPerMs), entry,
                                   leave);
            else
                leave();
        };
        entry->onLeft = [this, index, entry] {
            Slot &s = m_slots[size_t(index)];
            const RoomEntry::Times &t = entry->times();
            if (s.counted) {
                m_counters.completed.fetch_add(1, std::memory_order_relaxed);
                m_latencies.leave.record(t.left - t.leaveSent);
                m_latencies.total.record(t.left - s.due);
            }
            release(s);
        };
        entry->onFailed = [this, index](RoomEntry::Phase phase, const QString &code) {
            Slot &s = m_slots[size_t(index)];
            const bool timeout = code == QLatin1String("TIMEOUT");
            const QString kind = phaseName(phase) + QLatin1Char(':') + code;
            if (s.counted) {
                if (timeout
                    && (phase == RoomEntry::Phase::Reserve || phase == RoomEntry::Phase::Claim))
                    m_counters.timeouts.fetch_add(1, std::memory_order_relaxed);
                else
                    m_counters.failed.fetch_add(1, std::memory_order_relaxed);
                ++m_latencies.failures[kind];
            }
            m_config.countError(QStringLiteral("enter:") + kind);
            release(s);
        };
    }
    const QString &room = m_config.rooms.at(m_nextRoom % m_config.rooms.size());
    m_nextRoom += m_config.threads;
    // The deadline runs from when the enter was due: an enter started late has less time.
    slot.entry->enter(m_config.token(slot.user), room, m_config.capacity, due + m_config.timeoutNs);
}

void EntryLoad::release(Slot &slot)
{
    m_free.push_back(int(&slot - m_slots.data()));
    if (m_counters.inFlight.fetch_sub(1, std::memory_order_relaxed) == 1 && m_schedule.finished()
        && m_whenIdle)
        std::exchange(m_whenIdle, nullptr)();
}

} // namespace roomgate::bench
