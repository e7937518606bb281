// SPDX-License-Identifier: MIT
#include "server/admission/ratelimiter.h"

#include <cmath>

namespace roomgate::server {

namespace {
/// Full buckets are dropped at most this often, when there are this many keys or more.
constexpr qint64 kPruneEveryMs = 10'000;
constexpr qsizetype kPruneAbove = 1'000;
} // namespace

RateLimiter::RateLimiter(RateLimit limit, const Clock &clock) : m_limit(limit), m_clock(clock) { }

RateVerdict RateLimiter::take(const QString &key)
{
    return judge(key, true);
}

RateVerdict RateLimiter::check(const QString &key)
{
    return judge(key, false);
}

RateVerdict RateLimiter::judge(const QString &key, bool spend)
{
    if (!m_limit.enabled())
        return {};
    const qint64 now = m_clock.monotonicMs();
    QMutexLocker lock(&m_mutex);
    if (m_buckets.size() >= kPruneAbove && now - m_prunedAtMs >= kPruneEveryMs)
        prune(now);
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(key, Bucket{static_cast<double>(m_limit.burst), now});
    Bucket &b = *it;
    b.tokens = std::min<double>(m_limit.burst,
                                b.tokens + (now - b.updatedMs) * m_limit.perSecond / 1000.0);
    b.updatedMs = now;
    if (b.tokens >= 1.0) {
        if (spend)
            b.tokens -= 1.0;
        return {};
    }
    const auto wait = static_cast<qint64>(std::ceil((1.0 - b.tokens) * 1000.0 / m_limit.perSecond));
    return {false, std::max<qint64>(1, wait)};
}

void RateLimiter::forget(const QString &key)
{
    if (!m_limit.enabled())
        return;
    QMutexLocker lock(&m_mutex);
    m_buckets.remove(key);
}

int RateLimiter::keys() const
{
    QMutexLocker lock(&m_mutex);
    return static_cast<int>(m_buckets.size());
}

void RateLimiter::prune(qint64 nowMs)
{
    m_prunedAtMs = nowMs;
    // A bucket that would be full again carries no state worth keeping.
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        if (it->tokens + (nowMs - it->updatedMs) * m_limit.perSecond / 1000.0 >= m_limit.burst)
            it = m_buckets.erase(it);
        else
            ++it;
    }
}

} // namespace roomgate::server
