// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/ratelimiter.h"
#include "server/storage/secrets.h"
#include "shared/clock.h"
#include "shared/protocoldefaults.h"

#include <QByteArray>
#include <QString>

namespace roomgate::server {

/**
 * The abuse limits of contract v1.1 with their defaults: each rate limit is a burst and a
 * refill; a burst (or count) of 0 turns one off.
 */
struct AbuseLimits
{
    RateLimit loginFailuresPerUser = RateLimit::oneEvery(5, 60);
    RateLimit loginFailuresPerAddress = RateLimit::oneEvery(20, 3);
    RateLimit accountsPerAddress = RateLimit::oneEvery(5, 60);
    RateLimit roomsPerUser = RateLimit::oneEvery(10, 60);
    RateLimit httpPerAddress = RateLimit::perSecondOf(100);
    RateLimit httpPerUser = RateLimit::perSecondOf(20);
    RateLimit messages = {20, 10}; ///< `--message-rate N`: N a second, bursts of 2·N
    /// A socket refused for its rate this long without a pause is closed 4429.
    qint64 messageFloodCloseMs = 5000;
    int socketsPerUser = 32;
    int historyKeep = 100'000;
    int sessionsPerUser = 20;

    /** `--rate-limits off`: every rate limit off; counts and sizes stay. */
    void turnRatesOff()
    {
        for (RateLimit *limit :
             {&loginFailuresPerUser, &loginFailuresPerAddress, &accountsPerAddress, &roomsPerUser,
              &httpPerAddress, &httpPerUser, &messages})
            *limit = RateLimit{};
    }
};

/** The admission rules' tunables and clock, fixed at start. */
struct AdmissionSettings
{
    QString nodeId;
    QByteArray ticketKey; ///< HMAC key tickets are derived under (same on every node)
    qint64 ticketTtlMs = ProtocolDefaults::kTicketTtlSeconds * 1000LL;
    qint64 sessionTtlMs = 7LL * 24 * 3600 * 1000;
    qint64 sweepIntervalMs = 1000;
    qint64 nodeLeaseMs = 15'000;
    int historyLimit = ProtocolDefaults::kHistoryLength;
    Secrets::PasswordCost passwordCost = Secrets::PasswordCost::Interactive;
    AbuseLimits limits;
    Clock *clock = &Clock::system(); ///< tests drive time with a ManualClock

    qint64 nowMs() const { return clock->wallMs(); }
};

} // namespace roomgate::server
