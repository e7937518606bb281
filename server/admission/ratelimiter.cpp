// SPDX-License-Identifier: MIT
#include "server/admission/ratelimiter.h"

#include <cmath>

namespace roomgate::server {

namespace {
constexpr qsizetype kPruneAbove = 10'000;
}

RateLimiter::RateLimiter(double ratePerSecond) : m_rate(ratePerSecond)
{
    m_clock.start();
}

bool RateLimiter::tryAcquire(const QString &key, qint64 *retryAfterMs)
{
    if (m_rate <= 0)
        return true;
    QMutexLocker lock(&m_mutex);
    const qint64 now = m_clock.elapsed();
    if (m_buckets.size() > kPruneAbove)
        prune(now);
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(key, Bucket{m_rate, now});
    Bucket &b = *it;
    b.tokens = std::min(m_rate, b.tokens + (now - b.updatedMs) * m_rate / 1000.0);
    b.updatedMs = now;
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return true;
    }
    if (retryAfterMs)
        *retryAfterMs = static_cast<qint64>(std::ceil((1.0 - b.tokens) * 1000.0 / m_rate));
    return false;
}

void RateLimiter::forget(const QString &key)
{
    if (m_rate <= 0)
        return;
    QMutexLocker lock(&m_mutex);
    m_buckets.remove(key);
}

void RateLimiter::prune(qint64 nowMs)
{
    // Full buckets carry no state worth keeping.
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        if (it->tokens + (nowMs - it->updatedMs) * m_rate / 1000.0 >= m_rate)
            it = m_buckets.erase(it);
        else
            ++it;
    }
}

} // namespace roomgate::server
