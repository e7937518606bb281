// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/records.h"

namespace roomgate::server {

class Database;

/**
 * The `nodes` table: each server node's lease. A node renews its own; any node may free
 * the seats of a node whose lease lapsed. Lives on the thread of its Database.
 */
class NodeStore
{
public:
    explicit NodeStore(Database &db) : m_db(db) { }

    /** Takes or renews @p nodeId's lease until @p now + @p leaseMs, with its @p load. */
    ErrorCode renew(const QString &nodeId, qint64 now, qint64 leaseMs, const NodeLoad &load = {});
    /** Every node that ever took a lease, by id. */
    Outcome<QList<NodeLease>> list();

private:
    Database &m_db;
};

} // namespace roomgate::server
