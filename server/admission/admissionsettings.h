// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/secrets.h"

#include <QByteArray>
#include <QString>

namespace roomgate::server {

/** The admission rules' tunables, fixed at start. */
struct AdmissionSettings
{
    QString nodeId;
    QByteArray ticketKey; ///< HMAC key tickets are derived under (same on every node)
    qint64 ticketTtlMs = 30'000;
    qint64 sessionTtlMs = 7LL * 24 * 3600 * 1000;
    qint64 sweepIntervalMs = 1000;
    qint64 nodeLeaseMs = 15'000;
    int historyLimit = 50;
    Secrets::PasswordCost passwordCost = Secrets::PasswordCost::Interactive;
};

} // namespace roomgate::server
