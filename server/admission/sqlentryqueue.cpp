// SPDX-License-Identifier: MIT
#include "server/admission/sqlentryqueue.h"

#include "server/events/eventbus.h"
#include "server/storage/database.h"
#include "server/storage/membershipstore.h"
#include "server/storage/messagestore.h"
#include "server/storage/readconnections.h"
#include "server/storage/reservationstore.h"
#include "server/storage/roomstore.h"
#include "server/storage/storagewriter.h"

#include <QSet>

namespace roomgate::server {

namespace {

// Ended reservations are remembered this long after their expiry, so that a replay is
// told TICKET_ALREADY_USED / TICKET_EXPIRED rather than TICKET_INVALID.
constexpr qint64 kRememberEndedMs = 10LL * 60 * 1000;

template<typename T, typename U> Outcome<T> failed(const Outcome<U> &step)
{
    return Outcome<T>::failure(step.code);
}

template<typename T> Outcome<T> failed(ErrorCode code)
{
    return Outcome<T>::failure(code);
}

} // namespace

SqlEntryQueue::SqlEntryQueue(StorageWriter &writer, ReadConnections &reads, EventBus &bus,
                             QString nodeId)
    : m_writer(writer), m_reads(reads), m_bus(bus), m_nodeId(std::move(nodeId))
{ }

Outcome<ReserveResult> SqlEntryQueue::decideReserve(Database &db, const ReserveRequest &request)
{
    using Result = Outcome<ReserveResult>;
    RoomStore rooms(db);
    ReserveResult result;
    // One read tells the room and where this user stands in it: a storm's every refusal
    // is decided on it alone.
    auto found
        = rooms.forEntry(request.roomKey, request.userId, request.now, RoomStore::Lock::ForUpdate);
    if (!found.ok())
        return failed<ReserveResult>(found);

    if (!found.value) {
        if (!request.create)
            return Result::failure(ErrorCode::RoomNotFound);
        if (!request.mayCreate)
            return Result::failure(ErrorCode::RateLimited);
        const auto id = rooms.insert(request.roomName, request.roomKey, request.capacity,
                                     RoomState::Pending, request.now);
        if (!id.ok())
            return failed<ReserveResult>(id);
        if (id.value != 0) {
            result.room = Room{id.value, request.roomName, request.capacity, RoomState::Pending, 0,
                               0,        request.now,      request.now};
            result.roomCreated = true;
        } else {
            // Another node created it meanwhile and has committed: enter that room, by the
            // same rules as any existing one.
            found = rooms.forEntry(request.roomKey, request.userId, request.now,
                                   RoomStore::Lock::ForUpdate);
            if (!found.ok())
                return failed<ReserveResult>(found);
            if (!found.value) // and deleted it again already: the client may simply retry
                return Result::failure(ErrorCode::Unavailable);
        }
    }
    if (!result.roomCreated) {
        const RoomForEntry &entry = *found.value;
        result.room = entry.room;
        const Room &room = result.room;
        if (entry.userBanned || room.state == RoomState::Closed)
            return Result::failure(ErrorCode::Forbidden);
        if (entry.userIsMember)
            return Result::failure(ErrorCode::AlreadyInRoom);
        if (entry.userHasReservation) {
            const auto mine = ReservationStore(db).liveOf(request.userId, room.id, request.now);
            if (!mine.ok())
                return failed<ReserveResult>(mine);
            if (mine.value) {
                result.reservation = *mine.value;
                result.repeated = true;
                return {ErrorCode::Ok, result};
            }
        }
        if (room.occupants + room.reserved >= room.capacity) {
            if (entry.earliestExpiry)
                result.retryAfterMs = *entry.earliestExpiry - request.now;
            return Result{ErrorCode::RoomFull, result};
        }
    }

    Reservation &r = result.reservation;
    r.id = request.newId;
    r.roomId = result.room.id;
    r.roomName = result.room.name;
    r.userId = request.userId;
    r.userName = request.userName;
    r.nodeId = request.nodeId;
    r.state = ReservationState::Live;
    r.createdAt = request.now;
    r.expiresAt = request.now + request.ttlMs;
    if (const ErrorCode code = ReservationStore(db).insert(r); code != ErrorCode::Ok)
        return failed<ReserveResult>(code);
    if (!result.roomCreated) {
        if (const ErrorCode code
            = rooms.touch(result.room.id, request.now, result.room.lastActivity);
            code != ErrorCode::Ok)
            return failed<ReserveResult>(code);
    }
    result.room.reserved += 1;
    result.room.lastActivity = request.now;
    return {ErrorCode::Ok, result};
}

Outcome<CancelResult> SqlEntryQueue::decideCancel(Database &db, const QString &reservationId,
                                                  qint64 userId, qint64 now)
{
    using Result = Outcome<CancelResult>;
    ReservationStore reservations(db);
    const auto found = reservations.byId(reservationId);
    if (!found.ok())
        return failed<CancelResult>(found);
    const std::optional<Reservation> &r = found.value;
    // Someone else's, ended or expired: the answer never tells which.
    if (!r || r->userId != userId || r->state != ReservationState::Live || r->expiresAt <= now)
        return Result::failure(ErrorCode::ReservationNotFound);
    CancelResult result;
    result.reservation = *r;
    // A cancelled ticket is forgotten: a later claim is TICKET_INVALID.
    if (const ErrorCode code = reservations.remove(r->id); code != ErrorCode::Ok)
        return failed<CancelResult>(code);
    const auto ghost = RoomStore(db).removeIfGhost(r->roomId, now);
    if (!ghost.ok())
        return failed<CancelResult>(ghost);
    result.roomDeleted = ghost.value;
    return {ErrorCode::Ok, result};
}

Outcome<ClaimResult> SqlEntryQueue::decideClaim(Database &db, const ClaimRequest &request)
{
    using Result = Outcome<ClaimResult>;
    ReservationStore reservations(db);
    const auto found = reservations.byId(request.reservationId);
    if (!found.ok())
        return failed<ClaimResult>(found);
    if (!found.value)
        return Result::failure(ErrorCode::TicketInvalid);
    ClaimResult result;
    result.reservation = *found.value;
    const Reservation &r = result.reservation;

    // The ticket first, then its room, then the user: the contract's order. Refusals
    // carry the reservation, so that their answer can name the room.
    if (r.state == ReservationState::Claimed)
        return Result{ErrorCode::TicketAlreadyUsed, result};
    if (r.state == ReservationState::Expired || r.expiresAt <= request.now)
        return Result{ErrorCode::TicketExpired, result};

    RoomStore rooms(db);
    const auto room = rooms.forClaim(r.roomId, r.userId, request.now, RoomStore::Lock::ForUpdate);
    if (!room.ok())
        return failed<ClaimResult>(room);
    if (!room.value)
        return Result{ErrorCode::RoomNotFound, result};
    result.room = room.value->room;
    if (r.state == ReservationState::RoomClosed || result.room.state == RoomState::Closed)
        return Result{ErrorCode::RoomClosed, result};
    if (r.state == ReservationState::Banned || room.value->userBanned)
        return Result{ErrorCode::Kicked, result};
    if (request.maxSocketsPerUser > 0 && room.value->userSockets >= request.maxSocketsPerUser)
        return Result{ErrorCode::RateLimited, result};

    const auto used = reservations.end(r.id, ReservationState::Claimed);
    if (!used.ok())
        return failed<ClaimResult>(used);
    if (!used.value)
        return Result{ErrorCode::TicketAlreadyUsed, result};

    Membership &m = result.membership;
    m.roomId = result.room.id;
    m.roomName = result.room.name;
    m.userId = r.userId;
    m.userName = r.userName;
    m.nodeId = request.nodeId;
    m.connectionId = request.connectionId;
    m.address = request.address;
    m.since = request.now;
    MembershipStore memberships(db);
    const auto id = memberships.insert(m);
    if (!id.ok())
        return failed<ClaimResult>(id);
    m.id = id.value;

    // The first claim, by anyone, opens a pending room; any other only touches it (at most
    // one write of the room row a second).
    result.roomOpened = result.room.state == RoomState::Pending;
    if (result.roomOpened)
        result.room.state = RoomState::Open;
    if (const ErrorCode code = result.roomOpened
            ? rooms.update(result.room.id, result.room.capacity, result.room.state, request.now)
            : rooms.touch(result.room.id, request.now, result.room.lastActivity);
        code != ErrorCode::Ok)
        return failed<ClaimResult>(code);
    result.room.occupants += 1;
    result.room.reserved -= 1;
    result.room.lastActivity = request.now;

    const auto names = memberships.names(result.room.id);
    if (!names.ok())
        return failed<ClaimResult>(names);
    result.members = names.value;
    const auto history = MessageStore(db).latest(result.room.id, request.historyLimit);
    if (!history.ok())
        return failed<ClaimResult>(history);
    result.history = history.value;
    return {ErrorCode::Ok, result};
}

Outcome<bool> SqlEntryQueue::decideRelease(Database &db, qint64 membershipId, qint64 now)
{
    const auto removed = MembershipStore(db).remove(membershipId);
    if (!removed.ok())
        return failed<bool>(removed);
    if (!removed.value)
        return {ErrorCode::Ok, false};
    if (const ErrorCode code = RoomStore(db).touch(*removed.value, now); code != ErrorCode::Ok)
        return failed<bool>(code);
    return {ErrorCode::Ok, true};
}

Outcome<ExpiryResult> SqlEntryQueue::decideExpiry(Database &db, qint64 now)
{
    ReservationStore reservations(db);
    RoomStore rooms(db);
    ExpiryResult result;
    const auto due = reservations.due(now);
    if (!due.ok())
        return failed<ExpiryResult>(due);
    for (const Reservation &r : due.value) {
        const auto ended = reservations.end(r.id, ReservationState::Expired);
        if (!ended.ok())
            return failed<ExpiryResult>(ended);
        if (ended.value)
            result.expired.append(r);
    }
    if (!result.expired.isEmpty()) {
        QSet<qint64> seen;
        for (const Reservation &r : std::as_const(result.expired)) {
            if (seen.contains(r.roomId))
                continue;
            seen.insert(r.roomId);
            const auto room = rooms.byId(r.roomId, now);
            if (!room.ok())
                return failed<ExpiryResult>(room);
            if (!room.value)
                continue;
            const auto deleted = rooms.removeIfGhost(r.roomId, now);
            if (!deleted.ok())
                return failed<ExpiryResult>(deleted);
            if (deleted.value)
                result.deletedRooms.append(*room.value);
        }
    }
    if (const ErrorCode code = reservations.purgeEnded(now - kRememberEndedMs);
        code != ErrorCode::Ok)
        return failed<ExpiryResult>(code);
    return {ErrorCode::Ok, result};
}

void SqlEntryQueue::reserve(const ReserveRequest &request, Reply<ReserveResult> done)
{
    m_writer.submit<ReserveResult>(
        [this, request](StorageWriter::Scope &scope) {
            auto outcome = decideReserve(scope.db(), request);
            if (outcome.ok() && !outcome.value.repeated) {
                scope.afterCommit(
                    [this,
                     event = RoomEvent::reserved(outcome.value.room.name, request.userName,
                                                 m_nodeId)] { m_bus.publish(event); });
            }
            return outcome;
        },
        std::move(done));
}

void SqlEntryQueue::cancel(const QString &reservationId, qint64 userId, qint64 now,
                           Reply<CancelResult> done)
{
    m_writer.submit<CancelResult>(
        [this, reservationId, userId, now](StorageWriter::Scope &scope) {
            auto outcome = decideCancel(scope.db(), reservationId, userId, now);
            if (outcome.ok()) {
                const Reservation &r = outcome.value.reservation;
                const bool deleted = outcome.value.roomDeleted;
                scope.afterCommit([this, r, deleted] {
                    m_bus.publish(RoomEvent::cancelled(r.roomName, r.userName, m_nodeId));
                    if (deleted)
                        m_bus.publish(RoomEvent::roomDeleted(r.roomName, m_nodeId));
                });
            }
            return outcome;
        },
        std::move(done));
}

void SqlEntryQueue::claim(const ClaimRequest &request, Reply<ClaimResult> done)
{
    m_writer.submit<ClaimResult>(
        [this, request](StorageWriter::Scope &scope) {
            auto outcome = decideClaim(scope.db(), request);
            if (outcome.ok()) {
                const Membership &m = outcome.value.membership;
                scope.afterCommit(
                    [this,
                     event = RoomEvent::claimed(m.roomName, m.userName, m.nodeId, m.connectionId)] {
                        m_bus.publish(event);
                    });
            }
            return outcome;
        },
        std::move(done));
}

void SqlEntryQueue::release(const Membership &membership, qint64 now, Reply<bool> done)
{
    m_writer.submit<bool>(
        [this, membership, now](StorageWriter::Scope &scope) {
            auto outcome = decideRelease(scope.db(), membership.id, now);
            if (outcome.ok() && outcome.value) {
                scope.afterCommit([this,
                                   event = RoomEvent::left(
                                       membership.roomName, membership.userName, membership.nodeId,
                                       membership.connectionId)] { m_bus.publish(event); });
            }
            return outcome;
        },
        std::move(done), StorageWriter::Priority::Ending);
}

void SqlEntryQueue::expireDue(qint64 now, Reply<ExpiryResult> done)
{
    m_writer.submit<ExpiryResult>(
        [this, now](StorageWriter::Scope &scope) {
            auto outcome = decideExpiry(scope.db(), now);
            if (outcome.ok()) {
                scope.afterCommit([this, result = outcome.value] {
                    for (const Reservation &r : result.expired)
                        m_bus.publish(RoomEvent::expired(r.roomName, r.userName, m_nodeId));
                    for (const Room &room : result.deletedRooms)
                        m_bus.publish(RoomEvent::roomDeleted(room.name, m_nodeId));
                });
            }
            return outcome;
        },
        std::move(done));
}

Outcome<QList<Reservation>> SqlEntryQueue::liveReservations(const QString &roomKey, qint64 now)
{
    return ReservationStore(m_reads.forThisThread()).live(roomKey, now);
}

} // namespace roomgate::server
