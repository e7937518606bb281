// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <atomic>

namespace roomgate {

/**
 * Where the suite reads the time: wall time (milliseconds since the epoch, UTC) for what
 * is stored and sent, a monotonic clock for deadlines and liveness, which wall-clock
 * steps must not shorten or stretch. Code takes a Clock & so that tests can drive time
 * with a ManualClock; everything else uses Clock::system(). Thread-safe.
 */
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 wallMs() const = 0;
    virtual qint64 monotonicMs() const = 0;

    /** The real clocks of this machine. */
    static Clock &system();
};

/** A clock that moves only when told to; for tests. Thread-safe. */
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 wallMs = 1'700'000'000'000, qint64 monotonicMs = 1'000'000)
        : m_wall(wallMs), m_monotonic(monotonicMs)
    { }

    qint64 wallMs() const override { return m_wall.load(); }
    qint64 monotonicMs() const override { return m_monotonic.load(); }

    /** Moves both clocks forward by @p ms. */
    void advance(qint64 ms)
    {
        m_wall += ms;
        m_monotonic += ms;
    }

private:
    std::atomic<qint64> m_wall;
    std::atomic<qint64> m_monotonic;
};

} // namespace roomgate
