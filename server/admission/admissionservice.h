// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/admissionsettings.h"
#include "server/admission/entryqueue.h"
#include "server/admission/ratelimiter.h"

#include <QObject>

#include <atomic>

namespace roomgate::server {

class ReadConnections;

/** A granted reservation with its ticket (derived, never stored). */
struct ReserveAnswer
{
    ReserveResult result;
    QByteArray ticket;
};

/**
 * Both phases of entering a room, free of any transport: phase 1 (reserve, cancel) for
 * the HTTP layer and phase 2 (claim, release) for the gateway. Validates, derives
 * tickets, decides through the entry queue, and logs one line per decision. Endings
 * (release) are durable: a refused one is retried with backoff until it is written.
 *
 * Decisions answer asynchronously, on the calling thread, once durable. Lives on the
 * main thread; its methods may be called from any thread with an event loop.
 */
class AdmissionService : public QObject
{
    Q_OBJECT
public:
    enum class Phase { Reserve, Claim };
    Q_ENUM(Phase)

    AdmissionService(EntryQueue &queue, ReadConnections &reads, const AdmissionSettings &settings,
                     QObject *parent = nullptr);

    /**
     * Phase 1. @p capacity is validated even when the room exists (then ignored).
     * Refusal order after authentication: InvalidRoomName / InvalidCapacity, then the
     * entry queue's order (RoomNotFound, RateLimited when it would create one room too many
     * for the user, Forbidden, AlreadyInRoom, RoomFull).
     */
    void reserve(const User &user, const QString &roomName, bool create, qint64 capacity,
                 Reply<ReserveAnswer> done);
    /** Gives a reservation back before claiming: Ok or ReservationNotFound (or storage). */
    void cancel(const User &user, QByteArrayView ticket, std::function<void(ErrorCode)> done);

    /**
     * The room @p ticket's reservation is for (a read; empty when unknown or unreadable):
     * where the claim will be decided, before it is.
     */
    QString roomOfTicket(QByteArrayView ticket);

    /** Phase 2: the ticket of a WebSocket connection becomes a membership. */
    void claim(QByteArrayView ticket, const QString &connectionId, const QString &address,
               Reply<ClaimResult> done);

    /**
     * Ends a membership (leave, closed socket, idle drop) and tells the room; @p done (if
     * any) runs once it is written. Never fails silently: retried until written.
     */
    void release(const Membership &membership, std::function<void()> done = {});

    /** One sweep: expire reservations, delete ghost rooms. */
    void sweep();

    /** Every room with its counts (a read). */
    Outcome<QList<Room>> rooms();

    /**
     * Whether this node admits (reserve, claim): false while it cannot renew its lease,
     * when other nodes may already be giving its seats away; refusals are UNAVAILABLE.
     * Any thread.
     */
    void setAdmitting(bool admitting) { m_admitting.store(admitting); }
    bool isAdmitting() const { return m_admitting.load(); }
    const AdmissionSettings &settings() const { return m_settings; }

Q_SIGNALS:
    /** One per decision, for logs, metrics and the dashboard. */
    void decided(roomgate::server::AdmissionService::Phase phase, roomgate::ErrorCode code,
                 const QString &user, const QString &room, qint64 durationUs);

private:
    void releaseAttempt(const Membership &membership, int attempt, std::function<void()> answer);
    void noteDecision(Phase phase, ErrorCode code, const QString &user, const QString &room,
                      qint64 startedUs);
    qint64 monotonicUs() const;

    EntryQueue &m_queue;
    ReadConnections &m_reads;
    const AdmissionSettings &m_settings;
    RateLimiter m_roomsPerUser;
    std::atomic<bool> m_admitting{true};
};

} // namespace roomgate::server
