// SPDX-License-Identifier: MIT
#include "server/admission/healthservice.h"

#include "server/storage/readconnections.h"

namespace roomgate::server {

bool HealthService::storageReachable()
{
    return m_reads.forThisThread().ping();
}

} // namespace roomgate::server
