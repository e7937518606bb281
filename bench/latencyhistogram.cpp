// SPDX-License-Identifier: MIT
#include "bench/latencyhistogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace roomgate::bench {

int LatencyHistogram::indexOf(qint64 ns)
{
    const quint64 v = ns < 0 ? 0 : quint64(ns);
    if (v < quint64(kSub))
        return int(v);
    // v in [2^e, 2^(e+1)) with e >= kSubBits: keep the top kSubBits + 1 bits.
    const int e = 63 - std::countl_zero(v);
    const int shift = e - kSubBits;
    const int index = (shift + 1) * kSub + int((v >> shift) - quint64(kSub));
    return std::min(index, kBuckets - 1);
}

qint64 LatencyHistogram::upperBoundOf(int index)
{
    if (index < kSub)
        return index;
    const int shift = index / kSub - 1;
    const quint64 top = quint64(index % kSub + kSub);
    return qint64(((top + 1) << shift) - 1);
}

void LatencyHistogram::record(qint64 ns)
{
    ++m_counts[size_t(indexOf(ns))];
    ++m_count;
    m_max = std::max(m_max, ns);
    m_sum += double(ns);
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    for (size_t i = 0; i < m_counts.size(); ++i)
        m_counts[i] += other.m_counts[i];
    m_count += other.m_count;
    m_max = std::max(m_max, other.m_max);
    m_sum += other.m_sum;
}

qint64 LatencyHistogram::quantile(double q) const
{
    if (m_count == 0)
        return 0;
    const auto rank = quint64(std::max<double>(1.0, std::ceil(q * double(m_count))));
    quint64 seen = 0;
    for (size_t i = 0; i < m_counts.size(); ++i) {
        seen += m_counts[i];
        if (seen >= rank)
            return std::min(upperBoundOf(int(i)), m_max);
    }
    return m_max;
}

double LatencyHistogram::meanNs() const
{
    return m_count ? m_sum / double(m_count) : 0.0;
}

QJsonObject LatencyHistogram::toJson() const
{
    const auto ms = [](double ns) { return std::round(ns / 1000.0) / 1000.0; };
    return {
        {QStringLiteral("count"), m_count},
        {QStringLiteral("mean"), ms(meanNs())},
        {QStringLiteral("p50"), ms(double(quantile(0.50)))},
        {QStringLiteral("p90"), ms(double(quantile(0.90)))},
        {QStringLiteral("p99"), ms(double(quantile(0.99)))},
        {QStringLiteral("p999"), ms(double(quantile(0.999)))},
        {QStringLiteral("max"), ms(double(m_max))},
    };
}

} // namespace roomgate::bench
