// SPDX-License-Identifier: MIT
#pragma once

#include "shared/errorcode.h"

#include <functional>

namespace roomgate::client {

/**
 * When and whether a room session enters again by itself after its connection
 * dropped: exponential backoff with jitter, and the codes for which trying again
 * cannot help (an admin's decision, a room that is gone, a refusal the user must act
 * on).
 *
 * The delay for attempt n (1-based) is `min(cap, base * factor^(n-1))`, spread by the
 * jitter: Proportional (default ±20 %) or Full (uniform in [0, delay], the AWS
 * "full jitter"), and never above the cap. The random source is injectable so tests
 * can pin it.
 *
 * Plain value owned by a RoomSession; not thread-safe, used on the session's thread.
 */
class ReconnectPolicy
{
public:
    /** Uniform numbers in [0, 1). */
    using RandomSource = std::function<double()>;

    enum class Jitter { None, Proportional, Full };

    /** @p random defaults to QRandomGenerator::global(). */
    explicit ReconnectPolicy(RandomSource random = {});

    void setBaseDelay(int milliseconds) { m_baseMs = qMax(1, milliseconds); }
    int baseDelay() const { return m_baseMs; }
    void setFactor(double factor) { m_factor = qMax(1.0, factor); }
    double factor() const { return m_factor; }
    void setMaxDelay(int milliseconds) { m_maxMs = qMax(1, milliseconds); }
    int maxDelay() const { return m_maxMs; }
    /** @p spread is the fraction for Proportional (0.2 = ±20 %); ignored otherwise. */
    void setJitter(Jitter jitter, double spread = 0.2);
    Jitter jitter() const { return m_jitter; }
    double jitterSpread() const { return m_spread; }
    /** Attempts in a row before giving up; 0 means no limit. Default 12. */
    void setMaxAttempts(int attempts) { m_maxAttempts = qMax(0, attempts); }
    int maxAttempts() const { return m_maxAttempts; }
    void setRandomSource(RandomSource random);

    /**
     * Whether entering again, unchanged, can help after @p code: the code is retryable
     * in the shared table and not one where the server or an admin said no.
     */
    static bool retryHelps(ErrorCode code);

    /**
     * Whether a reconnect goes on after @p code: retryHelps(), or ALREADY_IN_ROOM (after
     * a drop the server may still hold this user's old membership until it notices the
     * dead socket), as long as attempts are left.
     */
    bool shouldRetry(ErrorCode code) const;

    /** Attempts made since the last reset(). */
    int attempts() const { return m_attempts; }
    bool exhausted() const { return m_maxAttempts > 0 && m_attempts >= m_maxAttempts; }

    /** The delay before the next attempt, counting it as made; at least @p minimumMs. */
    int nextDelay(int minimumMs = 0);
    /** The backoff of attempt @p attempt (1-based) before jitter. */
    int nominalDelay(int attempt) const;

    /** Back to the first attempt: after a successful join, or a new entry by the user. */
    void reset() { m_attempts = 0; }

private:
    RandomSource m_random;
    int m_baseMs = 1000;
    double m_factor = 2.0;
    int m_maxMs = 30'000;
    Jitter m_jitter = Jitter::Proportional;
    double m_spread = 0.2;
    int m_maxAttempts = 12;
    int m_attempts = 0;
};

} // namespace roomgate::client
