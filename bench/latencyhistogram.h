// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>

#include <array>

namespace roomgate::bench {

/**
 * Durations in nanoseconds, counted in log-linear buckets (under 1 % relative error), so a
 * run of millions of samples costs a few kilobytes and per-thread histograms merge by
 * adding. Not thread-safe: each thread records into its own and they are merged at the end.
 */
class LatencyHistogram
{
public:
    void record(qint64 ns);
    void merge(const LatencyHistogram &other);

    qint64 count() const { return m_count; }
    /** The value at quantile @p q (0..1), in ns; 0 when empty. */
    qint64 quantile(double q) const;
    qint64 max() const { return m_max; }
    double meanNs() const;

    /** `{"count","mean","p50","p90","p99","p999","max"}`, times in milliseconds. */
    QJsonObject toJson() const;

private:
    static constexpr int kSubBits = 7; // 128 sub-buckets per power of two
    static constexpr int kSub = 1 << kSubBits;
    static constexpr int kBuckets = kSub * 42; // up to 2^48 ns (~3 days)

    static int indexOf(qint64 ns);
    static qint64 upperBoundOf(int index);

    std::array<quint64, kBuckets> m_counts{};
    qint64 m_count = 0;
    qint64 m_max = 0;
    double m_sum = 0;
};

} // namespace roomgate::bench
