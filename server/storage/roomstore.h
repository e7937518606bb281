// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/records.h"

namespace roomgate::server {

class Database;

/**
 * Rooms, memberships, chat history and node leases in the database. Every change
 * is one transaction. Lives on the thread of its Database.
 */
class RoomStore
{
public:
    explicit RoomStore(Database &db) : m_db(db) { }

    Outcome<QList<Room>> listRooms(qint64 now);

    /**
     * Stores a message of @p membership's user in its room. A repeat @p clientId of
     * that user in that room returns the stored original with @p duplicate set.
     */
    Outcome<ChatMessage> appendMessage(const Membership &membership, const QString &text,
                                       const QString &clientId, qint64 now, bool *duplicate);

    /** Ends a membership and frees its seat; false result value when it was gone. */
    Outcome<bool> endMembership(qint64 membershipId, qint64 now);

    /** Renews this node's lease. */
    ErrorCode heartbeat(const QString &nodeId, qint64 now, qint64 leaseMs);
    /** Frees the seats of every membership @p nodeId holds (its previous run died). */
    Outcome<QList<Membership>> releaseNode(const QString &nodeId);
    /** Frees the seats held by nodes whose lease lapsed before @p now. */
    Outcome<QList<Membership>> reapDeadNodes(const QString &selfId, qint64 now);

private:
    Outcome<QList<Membership>> deleteMemberships(const QString &where, const QVariantList &binds);

    Database &m_db;
};

} // namespace roomgate::server
