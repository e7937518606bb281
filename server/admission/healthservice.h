// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace roomgate::server {

class ReadConnections;

/**
 * What `/healthz` reports: whether this node can reach its storage. Reads only; usable
 * from any thread.
 */
class HealthService
{
public:
    explicit HealthService(ReadConnections &reads) : m_reads(reads) { }

    /** True when a trivial query on the storage answers now. */
    bool storageReachable();

private:
    ReadConnections &m_reads;
};

} // namespace roomgate::server
