// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/records.h"

#include <optional>

namespace roomgate::server {

class Database;

/**
 * The `memberships` table: claimed seats, each held by one WebSocket connection of one
 * node. Statements only: the caller's decision holds the transaction. Lives on the
 * thread of its Database.
 */
class MembershipStore
{
public:
    explicit MembershipStore(Database &db) : m_db(db) { }

    /** The new membership's id. */
    Outcome<qint64> insert(const Membership &membership);
    /** @p userId's membership of @p roomId. */
    Outcome<std::optional<Membership>> of(qint64 roomId, qint64 userId);
    /** The member of @p roomId whose user name key is @p userKey. */
    Outcome<std::optional<Membership>> ofUserKey(qint64 roomId, const QString &userKey);
    /** The names of @p roomId's members, oldest member first. */
    Outcome<QStringList> names(qint64 roomId);
    /** The members of @p roomId. */
    Outcome<QList<Membership>> inRoom(qint64 roomId);
    /** Members of the room with name key @p roomKey, or of all rooms when empty. */
    Outcome<QList<Membership>> list(const QString &roomKey);
    /** Memberships held by @p nodeId. */
    Outcome<QList<Membership>> ofNode(const QString &nodeId);
    /** Memberships of nodes other than @p selfId whose lease lapsed before @p now. */
    Outcome<QList<Membership>> ofLapsedNodes(const QString &selfId, qint64 now);
    /** The room the membership was in; nullopt when there was no such membership. */
    Outcome<std::optional<qint64>> remove(qint64 id);
    /** Removes each of @p memberships. */
    ErrorCode removeAll(const QList<Membership> &memberships);

private:
    Outcome<QList<Membership>> select(const QString &where, const QVariantList &binds);

    Database &m_db;
};

} // namespace roomgate::server
