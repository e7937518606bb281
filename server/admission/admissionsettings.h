// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/secrets.h"
#include "shared/clock.h"
#include "shared/protocoldefaults.h"

#include <QByteArray>
#include <QString>

namespace roomgate::server {

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
    Clock *clock = &Clock::system(); ///< tests drive time with a ManualClock

    qint64 nowMs() const { return clock->wallMs(); }
};

} // namespace roomgate::server
