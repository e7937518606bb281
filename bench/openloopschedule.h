// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <cmath>

namespace roomgate::bench {

/**
 * One thread's share of an open-loop schedule: operation i of the whole run is due at
 * `start + i / rate`, and thread t of n takes every i with i % n == t. An operation starts
 * when it is due whether or not earlier ones have finished; its latency is counted from when
 * it was due, so a slow server (or a late generator) cannot hide its queue. Plain value,
 * used on one thread.
 */
class OpenLoopSchedule
{
public:
    OpenLoopSchedule() = default;
    OpenLoopSchedule(double rate, int thread, int threads, qint64 startNs, qint64 endNs)
        : m_rate(rate), m_threads(threads), m_next(thread), m_startNs(startNs), m_endNs(endNs)
    { }

    /** When the next operation of this thread is due; past endNs() when none is left. */
    qint64 nextDueNs() const
    {
        return m_rate > 0 ? m_startNs + qint64(std::llround(double(m_next) * 1e9 / m_rate))
                          : m_endNs + 1;
    }
    qint64 endNs() const { return m_endNs; }
    bool finished() const { return nextDueNs() >= m_endNs; }

    /** Calls @p start(dueNs) for every operation due by @p nowNs. */
    template<typename F> void runDue(qint64 nowNs, F &&start)
    {
        for (qint64 due = nextDueNs(); due <= nowNs && due < m_endNs; due = nextDueNs()) {
            m_next += m_threads;
            start(due);
        }
    }

private:
    double m_rate = 0;
    int m_threads = 1;
    qint64 m_next = 0;
    qint64 m_startNs = 0;
    qint64 m_endNs = 0;
};

} // namespace roomgate::bench
