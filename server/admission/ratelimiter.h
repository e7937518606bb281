// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QString>

namespace roomgate::server {

/**
 * Token buckets keyed by a string (an address, a user, a connection): each key may
 * spend `rate` tokens a second with bursts of `rate`. A rate of 0 turns the limit
 * off. Thread-safe: the HTTP API and the chat use it from every socket thread.
 */
class RateLimiter
{
public:
    explicit RateLimiter(double ratePerSecond = 0);

    bool isEnabled() const { return m_rate > 0; }

    /**
     * Spends one token of @p key. When none is left returns false and sets
     * @p retryAfterMs to the wait until the next one.
     */
    bool tryAcquire(const QString &key, qint64 *retryAfterMs = nullptr);

    /** Forgets @p key (its connection is gone). */
    void forget(const QString &key);

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
    };
    void prune(qint64 nowMs);

    double m_rate;
    QElapsedTimer m_clock;
    QMutex m_mutex;
    QHash<QString, Bucket> m_buckets;
};

} // namespace roomgate::server
