// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <chrono>

namespace roomgate::bench {

/**
 * Nanoseconds on the one monotonic clock every generator thread reads (steady_clock), so a
 * time stamped on one thread can be subtracted from a time read on another.
 */
inline qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

inline constexpr qint64 kNsPerMs = 1000 * 1000;
inline constexpr qint64 kNsPerSecond = 1000 * kNsPerMs;

} // namespace roomgate::bench
