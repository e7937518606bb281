// SPDX-License-Identifier: MIT
#include "server/admission/healthservice.h"

#include "server/admission/admissionservice.h"
#include "server/events/eventbus.h"
#include "server/storage/readconnections.h"

namespace roomgate::server {

bool HealthService::storageReachable()
{
    return m_reads.forThisThread().ping();
}

QString HealthService::degradedReason() const
{
    if (!m_admission.isAdmitting())
        return QStringLiteral("this node does not hold its lease: it admits nobody");
    if (!m_bus.isConnected())
        return QStringLiteral("the event broker is away: this node serves its own members only");
    return {};
}

} // namespace roomgate::server
