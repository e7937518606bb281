// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/records.h"

namespace roomgate::server {

/** What phase 1 asks of the entry queue; names are already validated and normalised. */
struct ReserveRequest
{
    qint64 userId = 0;
    QString userName;
    QString roomName; ///< NFC, trimmed
    QString roomKey; ///< case-folded key of roomName
    bool create = false;
    /// False when the user may not create a room now (rooms per user): a reserve that
    /// would create one is refused RateLimited instead.
    bool mayCreate = true;
    int capacity = 0; ///< used only when the room is created
    QString nodeId;
    QString newId; ///< public id for a new reservation
    qint64 now = 0;
    qint64 ttlMs = 0;
};

struct ReserveResult
{
    Reservation reservation;
    Room room; ///< counts after the decision
    bool repeated = false; ///< the user's existing live reservation, answered again
    bool roomCreated = false; ///< the entry created the (pending) room
    qint64 retryAfterMs = 0; ///< with RoomFull: until the earliest live reservation expires
};

struct ClaimRequest
{
    QString reservationId; ///< what the ticket carries, its MAC checked
    QString nodeId;
    QString connectionId;
    QString address;
    qint64 now = 0;
    int historyLimit = 50;
    int maxSocketsPerUser = 0; ///< joined sockets one user may hold; 0: no limit
};

struct ClaimResult
{
    Reservation reservation;
    Membership membership;
    Room room;
    QStringList members; ///< joiner included, oldest first
    QList<ChatMessage> history; ///< oldest first
    bool roomOpened = false; ///< this claim opened a pending room
};

struct CancelResult
{
    Reservation reservation;
    bool roomDeleted = false; ///< the pending room it created is gone (I3)
};

struct ExpiryResult
{
    QList<Reservation> expired;
    QList<Room> deletedRooms; ///< ghosts: pending rooms whose last reservation expired
};

/**
 * The entry queue: where seats are reserved over HTTP, claimed over WebSocket and given
 * back, and where everyone observes it (each decision publishes what it changed on the
 * event bus once committed). Each call is one atomic decision that checks expiry itself,
 * so correctness never waits for the sweeper (invariants I1–I5 of the protocol).
 *
 * Decisions are asynchronous: the reply comes on the calling thread once the decision is
 * durable. The SQL implementation is the default; others (a shared queue for many nodes)
 * plug in here. Thread-safe.
 */
class EntryQueue
{
public:
    virtual ~EntryQueue() = default;

    /**
     * Takes a seat. Refusals, in the contract's order: RoomNotFound (no room and no
     * create), Forbidden (banned, or room closed), AlreadyInRoom, RoomFull. A user's
     * live reservation for the room is answered again (repeated), never doubled.
     */
    virtual void reserve(const ReserveRequest &request, Reply<ReserveResult> done) = 0;

    /** Gives back @p userId's live reservation; ReservationNotFound otherwise. */
    virtual void cancel(const QString &reservationId, qint64 userId, qint64 now,
                        Reply<CancelResult> done)
        = 0;

    /**
     * Turns a live reservation into a membership. Refusals, in order: TicketInvalid,
     * TicketAlreadyUsed, TicketExpired, RoomNotFound, RoomClosed, Kicked (banned),
     * RateLimited (the user holds maxSocketsPerUser joined sockets already).
     */
    virtual void claim(const ClaimRequest &request, Reply<ClaimResult> done) = 0;

    /**
     * Ends a membership and frees its seat; true when it was still there (false: a kick
     * or a deleted room ended it first). Never refused for a full queue.
     */
    virtual void release(const Membership &membership, qint64 now, Reply<bool> done) = 0;

    /** Ends every reservation whose TTL ran out and deletes the ghost rooms left. */
    virtual void expireDue(qint64 now, Reply<ExpiryResult> done) = 0;

    /** Live reservations, of one room (by key) or all when @p roomKey is empty. A read. */
    virtual Outcome<QList<Reservation>> liveReservations(const QString &roomKey, qint64 now) = 0;
};

} // namespace roomgate::server
