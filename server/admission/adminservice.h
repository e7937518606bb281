// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/admissionsettings.h"
#include "server/storage/records.h"

#include <QObject>

#include <optional>

namespace roomgate::server {

class Database;
class EventBus;
class ReadConnections;
struct RoomEvent;
class StorageWriter;

/**
 * What admins may do, free of any transport: the admin HTTP API and the dashboard window
 * call the same methods. Validates, decides (the action and its audit entry in one
 * decision of the storage writer), tells connected clients through the EventBus once it
 * is committed, and emits adminActed. Actions answer on the calling thread; listings are
 * reads. Lives on the main thread.
 */
class AdminService : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(ErrorCode)>;

    AdminService(StorageWriter &writer, ReadConnections &reads, EventBus &bus,
                 const AdmissionSettings &settings, QObject *parent = nullptr);

    /** InvalidRoomName, InvalidCapacity, RoomExists. The room is created open. */
    void createRoom(const QString &admin, const QString &name, qint64 capacity, Reply<Room> done);
    /**
     * @p state "open" or "closed" (else BadRequest). RoomNotFound, InvalidCapacity,
     * CapacityInUse. Closing tells members ROOM_CLOSED and revokes live reservations.
     */
    void updateRoom(const QString &admin, const QString &name, std::optional<qint64> capacity,
                    std::optional<QString> state, Reply<Room> done);
    /** Members get ROOM_NOT_FOUND, reservations die, history goes. */
    void deleteRoom(const QString &admin, const QString &name, Done done);
    void revokeReservation(const QString &admin, const QString &id, Done done);
    /** UserNotFound when @p user is not a member of @p room. */
    void kick(const QString &admin, const QString &room, const QString &user, Done done);
    /** Idempotent; kicks a present member and revokes the user's live reservations. */
    void ban(const QString &admin, const QString &room, const QString &user, Done done);
    void unban(const QString &admin, const QString &room, const QString &user, Done done);

    Outcome<QList<Room>> rooms();
    /** Of one room, or of all when @p room is empty; RoomNotFound for an unknown room. */
    Outcome<QList<Reservation>> reservations(const QString &room);
    Outcome<QList<Membership>> members(const QString &room);
    /** Newest first; @p limit 1–1000. */
    Outcome<QList<AuditEntry>> audit(int limit);
    Outcome<StorageCounts> counts();
    /** Every node that ever took a lease on this storage, with its lease and load. */
    Outcome<QList<NodeLease>> nodes();
    /** This node's id and clock. */
    const AdmissionSettings &settings() const { return m_settings; }

Q_SIGNALS:
    void adminActed(const roomgate::server::AuditEntry &entry);

private:
    /** What an action decides on: the audit entry it may complete, events to publish. */
    struct Action
    {
        Database &db;
        AuditEntry &entry; ///< written to the audit log as the action leaves it
        QString &shownTarget; ///< the target adminActed names (the stored room name)
        QList<RoomEvent> &events;
    };
    template<typename T>
    void act(AuditEntry audit, std::function<Outcome<T>(Action &)> decide, Reply<T> done);
    AuditEntry entry(const QString &admin, const QString &action, const QString &target,
                     const QJsonObject &detail = {}) const;
    /** RoomNotFound or UserNotFound for a user name that cannot exist in @p roomKey. */
    ErrorCode unknownUser(const QString &roomKey);
    /** The room key of @p name for a listing, or the refusal (RoomNotFound). */
    Outcome<QString> listingKey(const QString &name);

    StorageWriter &m_writer;
    ReadConnections &m_reads;
    EventBus &m_bus;
    const AdmissionSettings &m_settings;
};

} // namespace roomgate::server
