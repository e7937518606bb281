// SPDX-License-Identifier: MIT
#pragma once

#include "shared/clock.h"

#include <QHash>
#include <QMutex>
#include <QString>

namespace roomgate::server {

/**
 * A limit as the contract states one: `burst` at once, refilled at `perSecond` (e.g. 5 at
 * once, 1 a minute: {5, 1.0 / 60}). A burst of 0 turns the limit off.
 */
struct RateLimit
{
    int burst = 0;
    double perSecond = 0;

    bool enabled() const { return burst > 0 && perSecond > 0; }
    /** N at once, refilled N a second. */
    static RateLimit perSecondOf(int n) { return {n, static_cast<double>(n)}; }
    /** N at once, refilled one every @p seconds. */
    static RateLimit oneEvery(int n, double seconds) { return {n, 1.0 / seconds}; }
};

/** What a limiter says of one more: allowed, or how long until it would be. */
struct RateVerdict
{
    bool allowed = true;
    qint64 retryAfterMs = 0;
};

/**
 * Token buckets keyed by a string (an address, a user, a user name, a connection): the
 * one rate limiter every limit of the contract uses. A key starts with a full bucket;
 * buckets that would be full again are forgotten now and then, so memory follows the
 * keys that are active. Time comes from a Clock (tests drive it). Thread-safe.
 */
class RateLimiter
{
public:
    explicit RateLimiter(RateLimit limit = {}, const Clock &clock = Clock::system());

    bool isEnabled() const { return m_limit.enabled(); }
    const RateLimit &limit() const { return m_limit; }

    /** Spends one token of @p key when there is one. */
    RateVerdict take(const QString &key);
    /** Whether @p key has a token now, spending nothing. */
    RateVerdict check(const QString &key);
    /** Forgets @p key (its connection is gone). */
    void forget(const QString &key);
    /** Keys held now (for tests of the pruning). */
    int keys() const;

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
    };
    RateVerdict judge(const QString &key, bool spend);
    void prune(qint64 nowMs);

    const RateLimit m_limit;
    const Clock &m_clock;
    mutable QMutex m_mutex;
    QHash<QString, Bucket> m_buckets;
    qint64 m_prunedAtMs = 0;
};

} // namespace roomgate::server
