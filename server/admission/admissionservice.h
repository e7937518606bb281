// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/admissionsettings.h"
#include "server/admission/entryqueue.h"

#include <QObject>

namespace roomgate::server {

class EventBus;
class RoomStore;

/** A granted reservation with its ticket (derived, never stored). */
struct ReserveAnswer
{
    ReserveResult result;
    QByteArray ticket;
};

/**
 * Both phases of entering a room, free of any transport: phase 1 (reserve, cancel)
 * for the HTTP layer and phase 2 (claim) for the gateway. Validates, decides
 * through the entry queue, publishes what happened on the event bus and logs one
 * line per decision. Lives on the main thread with the storage.
 */
class AdmissionService : public QObject
{
    Q_OBJECT
public:
    enum class Phase { Reserve, Claim };
    Q_ENUM(Phase)

    AdmissionService(EntryQueue &queue, RoomStore &rooms, EventBus &bus,
                     const AdmissionSettings &settings, QObject *parent = nullptr);

    /**
     * Phase 1. @p capacity is validated even when the room exists (then ignored).
     * Refusal order after authentication: InvalidRoomName / InvalidCapacity, then the
     * entry queue's order (RoomNotFound, Forbidden, AlreadyInRoom, RoomFull).
     */
    Outcome<ReserveAnswer> reserve(const User &user, const QString &roomName, bool create,
                                   qint64 capacity);
    /** Gives a reservation back before claiming. */
    ErrorCode cancel(const User &user, QByteArrayView ticket);

    /** Phase 2: the ticket of a WebSocket connection becomes a membership. */
    Outcome<ClaimResult> claim(QByteArrayView ticket, const QString &connectionId,
                               const QString &address);

    /** Ends a membership (leave, closed socket) and tells the room. */
    void release(const Membership &membership);

    /** One sweep: expire reservations, delete ghost rooms. */
    void sweep();

    /**
     * At start: frees the seats this node's previous run held (it died or stopped
     * without closing them) and takes the node lease. False on a storage error.
     */
    bool startNode();
    /** Renews the lease and frees the seats of nodes whose lease lapsed. */
    void maintainNode();

    Outcome<QList<Room>> rooms();
    const AdmissionSettings &settings() const { return m_settings; }

Q_SIGNALS:
    /** One per decision, for logs, metrics and the dashboard. */
    void decided(roomgate::server::AdmissionService::Phase phase, roomgate::ErrorCode code,
                 const QString &user, const QString &room, qint64 durationUs);

private:
    void announceLeft(const QList<Membership> &gone);
    void noteDecision(Phase phase, ErrorCode code, const QString &user, const QString &room,
                      qint64 startedNs);

    EntryQueue &m_queue;
    RoomStore &m_rooms;
    EventBus &m_bus;
    const AdmissionSettings &m_settings;
};

} // namespace roomgate::server
