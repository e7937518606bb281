// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/records.h"

#include <QJsonObject>

#include <optional>

namespace roomgate::server {

class Database;

/** One line of the audit log: who did what to what, when. */
struct AuditEntry
{
    qint64 at = 0;
    QString admin; ///< admin user name, or "cli" for the command-line bootstrap
    QString action; ///< e.g. "room.create", "member.kick"
    QString target; ///< e.g. the room name, "room/user", a reservation id
    QJsonObject detail;
};

/** What a ban did besides recording itself. */
struct BanResult
{
    std::optional<Membership> kicked;
    QList<Reservation> revoked;
};

/** A server node as its lease row tells. */
struct NodeLease
{
    QString id;
    qint64 startedAt = 0;
    qint64 leaseExpires = 0; ///< past: the node is considered dead
};

/** Counts for gauges, from one read. */
struct StorageCounts
{
    int rooms = 0;
    int occupants = 0;
    int reservations = 0;
};

/**
 * The admin side of storage: room management, revocations, kicks, bans and the
 * audit log. Each action and its audit entry are one transaction. Lives on the
 * thread of its Database.
 */
class AdminStore
{
public:
    explicit AdminStore(Database &db) : m_db(db) { }

    Outcome<Room> createRoom(const QString &name, const QString &key, int capacity,
                             const AuditEntry &audit);
    /** CapacityInUse below occupants + live reservations; closing revokes live ones. */
    Outcome<Room> updateRoom(const QString &key, std::optional<int> capacity,
                             std::optional<QString> state, const AuditEntry &audit,
                             QList<Reservation> *revoked);
    Outcome<Room> deleteRoom(const QString &key, const AuditEntry &audit);
    /** Records @p audit with the reservation's room and user added to its detail. */
    Outcome<Reservation> revokeReservation(const QString &id, AuditEntry audit, bool *roomDeleted);
    Outcome<Membership> kick(const QString &roomKey, const QString &userKey,
                             const AuditEntry &audit);
    Outcome<BanResult> ban(const QString &roomKey, const QString &userKey, const AuditEntry &audit);
    ErrorCode unban(const QString &roomKey, const QString &userKey, const AuditEntry &audit);
    ErrorCode appendAudit(const AuditEntry &audit);

    Outcome<std::optional<Room>> findRoom(const QString &key, qint64 now);
    Outcome<QList<Membership>> members(const QString &roomKey);
    Outcome<QList<AuditEntry>> audit(int limit);
    Outcome<StorageCounts> counts(qint64 now);
    Outcome<QList<NodeLease>> nodes();

private:
    bool insertAudit(const AuditEntry &audit);
    /** Room by key with live counts; false on storage error. */
    bool lockRoom(const QString &key, qint64 now, Room *room, bool *found);
    /** Ok with @p room locked, RoomNotFound, or the storage failure. */
    ErrorCode lockExistingRoom(const QString &key, qint64 now, Room *room);
    bool userId(const QString &key, qint64 *id, bool *found);

    Database &m_db;
};

} // namespace roomgate::server
