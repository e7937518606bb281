// SPDX-License-Identifier: MIT
#pragma once

#include "shared/chatmessage.h"
#include "shared/errorcode.h"
#include "shared/roominfo.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace roomgate::server {

/** A registered account. */
struct User
{
    qint64 id = 0;
    QString name;
    QByteArray passwordHash;
    bool admin = false;
};

/** A room with the seat counts of one consistent read. */
struct Room
{
    qint64 id = 0;
    QString name;
    int capacity = 0;
    RoomState state = RoomState::Pending;
    int occupants = 0;
    int reserved = 0; ///< live (unexpired, unclaimed) reservations
    qint64 createdAt = 0;
    qint64 lastActivity = 0;

    /** What the protocol shows of it. */
    RoomInfo info() const { return RoomInfo{name, capacity, occupants, reserved, state}; }
};

/** A room as one user about to enter it finds it, from one read: what a reservation decides on. */
struct RoomForEntry
{
    Room room;
    bool userBanned = false;
    bool userIsMember = false;
    bool userHasReservation = false; ///< a live one, for this room
    std::optional<qint64> earliestExpiry; ///< of the room's live reservations; nullopt: none
};

/** A room as one user claiming a seat in it finds it, from one read: what a claim decides on. */
struct RoomForClaim
{
    Room room;
    bool userBanned = false;
    int userSockets = 0; ///< memberships the user holds, in any room
};

/**
 * Where a reservation is in its life. A row leaves Live once; ended rows are kept (the
 * ticket's hash only) for a while, so that a replay is told why it is refused. Stored
 * by name: append only.
 */
enum class ReservationState : quint8 {
    Live = 0,
    Claimed = 1,
    Expired = 2,
    RoomClosed = 3, ///< revoked by closing its room: a claim answers ROOM_CLOSED
    Banned = 4, ///< revoked by a ban: a claim answers KICKED
};

QString reservationStateName(ReservationState state);
/** Unknown names read as Expired: a claim of such a row is refused, never admitted. */
ReservationState reservationStateFromName(QStringView name);

/** A seat taken over HTTP and not yet claimed (or its remembered end). */
struct Reservation
{
    QString id; ///< public id, never the ticket
    qint64 roomId = 0;
    QString roomName; ///< empty when the room is gone
    qint64 userId = 0;
    QString userName;
    QString nodeId;
    ReservationState state = ReservationState::Live;
    qint64 createdAt = 0;
    qint64 expiresAt = 0;
};

/** A claimed seat held by one WebSocket connection. */
struct Membership
{
    qint64 id = 0;
    qint64 roomId = 0;
    QString roomName;
    qint64 userId = 0;
    QString userName;
    QString nodeId;
    QString connectionId;
    QString address;
    qint64 since = 0;
};

/** One line of the audit log: who did what to what, when. */
struct AuditEntry
{
    qint64 at = 0;
    QString admin; ///< admin user name, or "cli" for the command-line bootstrap
    QString action; ///< e.g. "room.create", "member.kick"
    QString target; ///< e.g. the room name, "room/user", a reservation id
    QJsonObject detail;
};

/** What a node reports with each renewal of its lease. */
struct NodeLoad
{
    int sockets = 0; ///< WebSockets open on the node
    double decisionRate = 0; ///< reserve and claim decisions a second, since the last renewal
    double messageRate = 0; ///< chat messages a second its members sent, likewise
};

/** A server node as its lease row tells. */
struct NodeLease
{
    QString id;
    qint64 startedAt = 0;
    qint64 leaseExpires = 0; ///< past: the node is considered dead
    NodeLoad load;
};

/** Counts for gauges, from one read. */
struct StorageCounts
{
    int rooms = 0;
    int occupants = 0;
    int reservations = 0;
};

/** A result or the code of why there is none (a refusal may still carry a value). */
template<typename T> struct Outcome
{
    ErrorCode code = ErrorCode::Ok;
    T value{};
    qint64 retryAfterMs = 0; ///< with a refusal that passes (RATE_LIMITED): when to try again

    bool ok() const { return code == ErrorCode::Ok; }
    static Outcome failure(ErrorCode c, qint64 retryAfterMs = 0)
    {
        return Outcome{c, T{}, retryAfterMs};
    }
};

/** Where an asynchronous outcome is delivered: called once, on the caller's thread. */
template<typename T> using Reply = std::function<void(Outcome<T>)>;

} // namespace roomgate::server

Q_DECLARE_METATYPE(roomgate::server::AuditEntry)
