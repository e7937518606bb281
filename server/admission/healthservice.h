// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace roomgate::server {

class AdmissionService;
class EventBus;
class ReadConnections;

/**
 * What `/healthz` reports: whether this node can reach its storage, and whether it serves
 * fully — it reaches the other nodes through the broker and holds its lease. Reads only;
 * usable from any thread.
 */
class HealthService
{
public:
    HealthService(ReadConnections &reads, const EventBus &bus, const AdmissionService &admission)
        : m_reads(reads), m_bus(bus), m_admission(admission)
    { }

    /** True when a trivial query on the storage answers now. */
    bool storageReachable();
    /**
     * Why the node serves only in part (empty: it serves fully): the broker is away (its
     * own members only), or it does not hold its lease (admitting nobody).
     */
    QString degradedReason() const;

private:
    ReadConnections &m_reads;
    const EventBus &m_bus;
    const AdmissionService &m_admission;
};

} // namespace roomgate::server
