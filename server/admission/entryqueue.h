// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/records.h"

namespace roomgate::server {

/** What phase 1 asks of the entry queue; names are already validated and normalised. */
struct ReserveRequest
{
    qint64 userId = 0;
    QString roomName; ///< NFC, trimmed
    QString roomKey; ///< case-folded key of roomName
    bool create = false;
    int capacity = 0; ///< used only when the room is created
    QString nodeId;
    QString newId; ///< public id for a new reservation
    QString newTicketHash; ///< storage hash of the ticket derived from newId
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
    QString ticketHash;
    QString nodeId;
    QString connectionId;
    QString address;
    qint64 now = 0;
    int historyLimit = 50;
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
 * The entry queue: where seats are reserved over HTTP and claimed over WebSocket.
 * Each call is one atomic decision that checks expiry itself, so correctness never
 * waits for the sweeper (invariants I1–I5 of the protocol).
 *
 * The SQL implementation is the default; others (a shared queue for many nodes)
 * plug in here. Used from the thread that owns its storage connection.
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
    virtual Outcome<ReserveResult> reserve(const ReserveRequest &request) = 0;

    /** Gives back the caller's live reservation; ReservationNotFound otherwise. */
    virtual Outcome<CancelResult> cancel(const QString &ticketHash, qint64 userId, qint64 now) = 0;

    /**
     * Turns a live reservation into a membership. Refusals, in order: TicketInvalid,
     * TicketAlreadyUsed, TicketExpired, RoomNotFound, RoomClosed, Kicked (banned).
     */
    virtual Outcome<ClaimResult> claim(const ClaimRequest &request) = 0;

    /** Ends every reservation whose TTL ran out and deletes the ghost rooms left. */
    virtual Outcome<ExpiryResult> expireDue(qint64 now) = 0;

    /** Live reservations, of one room (by key) or all when @p roomKey is empty. */
    virtual Outcome<QList<Reservation>> liveReservations(const QString &roomKey, qint64 now) = 0;
};

} // namespace roomgate::server
