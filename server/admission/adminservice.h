// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/admissionsettings.h"
#include "server/storage/adminstore.h"

#include <QObject>

namespace roomgate::server {

class EntryQueue;
class EventBus;
class RoomStore;

/**
 * What admins may do, free of any transport: the admin HTTP API and the dashboard
 * window call the same methods. Validates, changes storage (action and audit entry
 * in one transaction), tells connected clients through the EventBus, and emits
 * adminActed. Lives on the main thread.
 */
class AdminService : public QObject
{
    Q_OBJECT
public:
    AdminService(AdminStore &store, EntryQueue &queue, RoomStore &rooms, EventBus &bus,
                 const AdmissionSettings &settings, QObject *parent = nullptr);

    /** InvalidRoomName, InvalidCapacity, RoomExists. The room is created open. */
    Outcome<Room> createRoom(const QString &admin, const QString &name, qint64 capacity);
    /**
     * @p state "open" or "closed" (else BadRequest). RoomNotFound, InvalidCapacity,
     * CapacityInUse. Closing tells members ROOM_CLOSED and revokes live reservations.
     */
    Outcome<Room> updateRoom(const QString &admin, const QString &name,
                             std::optional<qint64> capacity, std::optional<QString> state);
    /** Members get ROOM_NOT_FOUND, reservations die, history goes. */
    ErrorCode deleteRoom(const QString &admin, const QString &name);
    ErrorCode revokeReservation(const QString &admin, const QString &id);
    /** UserNotFound when @p user is not a member of @p room. */
    ErrorCode kick(const QString &admin, const QString &room, const QString &user);
    /** Idempotent; kicks a present member and revokes the user's live reservations. */
    ErrorCode ban(const QString &admin, const QString &room, const QString &user);
    ErrorCode unban(const QString &admin, const QString &room, const QString &user);

    Outcome<QList<Room>> rooms();
    /** Of one room, or of all when @p room is empty; RoomNotFound for an unknown room. */
    Outcome<QList<Reservation>> reservations(const QString &room);
    Outcome<QList<Membership>> members(const QString &room);
    /** Newest first; @p limit 1–1000. */
    Outcome<QList<AuditEntry>> audit(int limit);
    Outcome<StorageCounts> counts();
    /** Every node that ever took a lease on this storage, with its lease. */
    Outcome<QList<NodeLease>> nodes() { return m_store.nodes(); }

Q_SIGNALS:
    void adminActed(const roomgate::server::AuditEntry &entry);

private:
    AuditEntry entry(const QString &admin, const QString &action, const QString &target,
                     const QJsonObject &detail = {}) const;
    /** The room key of @p name, or RoomNotFound when it cannot name a room. */
    std::optional<QString> roomKey(const QString &name) const;
    /** RoomNotFound or UserNotFound for a user name that cannot exist in @p roomKey. */
    ErrorCode unknownUser(const QString &roomKey);
    void publish(int kind, const QString &room, const QString &user = {});
    void announceKick(const Membership &member);
    void done(const AuditEntry &entry);

    AdminStore &m_store;
    EntryQueue &m_queue;
    RoomStore &m_rooms;
    EventBus &m_bus;
    const AdmissionSettings &m_settings;
};

} // namespace roomgate::server

Q_DECLARE_METATYPE(roomgate::server::AuditEntry)
