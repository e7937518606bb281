// SPDX-License-Identifier: MIT
#include "server/admission/admissionservice.h"

#include "server/admission/logging.h"
#include "server/realtime/eventbus.h"
#include "server/storage/roomstore.h"
#include "server/storage/secrets.h"
#include "shared/textrules.h"
#include "shared/ticketformat.h"

#include <QDateTime>
#include <QElapsedTimer>

namespace roomgate::server {

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

qint64 monotonicNs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.nsecsElapsed();
}

} // namespace

AdmissionService::AdmissionService(EntryQueue &queue, RoomStore &rooms, EventBus &bus,
                                   const AdmissionSettings &settings, QObject *parent)
    : QObject(parent), m_queue(queue), m_rooms(rooms), m_bus(bus), m_settings(settings)
{ }

void AdmissionService::noteDecision(Phase phase, ErrorCode code, const QString &user,
                                    const QString &room, qint64 startedNs)
{
    const qint64 us = (monotonicNs() - startedNs) / 1000;
    qCInfo(lcAdmission).noquote() << (phase == Phase::Reserve ? "reserve" : "claim") << "user"
                                  << (user.isEmpty() ? QStringLiteral("-") : user) << "room"
                                  << (room.isEmpty() ? QStringLiteral("-") : room) << "result"
                                  << wireName(code) << "in" << us << "us";
    Q_EMIT decided(phase, code, user, room, us);
}

Outcome<ReserveAnswer> AdmissionService::reserve(const User &user, const QString &roomName,
                                                 bool create, qint64 capacity)
{
    using Result = Outcome<ReserveAnswer>;
    const qint64 started = monotonicNs();
    const QString name = TextRules::normalizedRoomName(roomName);
    ErrorCode invalid = ErrorCode::Ok;
    if (name.isNull())
        invalid = ErrorCode::InvalidRoomName;
    else if (TextRules::checkCapacity(capacity) != ErrorCode::Ok)
        invalid = ErrorCode::InvalidCapacity;
    if (invalid != ErrorCode::Ok) {
        noteDecision(Phase::Reserve, invalid, user.name, name.isNull() ? QString() : name, started);
        return Result::failure(invalid);
    }

    ReserveRequest request;
    request.userId = user.id;
    request.roomName = name;
    request.roomKey = TextRules::nameKey(name);
    request.create = create;
    request.capacity = static_cast<int>(capacity);
    request.nodeId = m_settings.nodeId;
    request.newId = Secrets::newPublicId();
    request.newTicketHash
        = Secrets::storageHash(Secrets::deriveTicket(m_settings.ticketKey, request.newId));
    request.now = nowMs();
    request.ttlMs = m_settings.ticketTtlMs;

    auto outcome = m_queue.reserve(request);
    const QString roomLabel = outcome.value.room.name.isEmpty() ? name : outcome.value.room.name;
    noteDecision(Phase::Reserve, outcome.code, user.name, roomLabel, started);
    Result answer{outcome.code, {}};
    answer.value.result = outcome.value;
    if (!outcome.ok())
        return answer;
    answer.value.ticket = Secrets::deriveTicket(m_settings.ticketKey, outcome.value.reservation.id);
    answer.value.result.reservation.userName = user.name;
    if (!outcome.value.repeated) {
        RoomEvent event;
        event.kind = RoomEvent::Kind::Reserved;
        event.room = outcome.value.room.name;
        event.user = user.name;
        event.originNode = m_settings.nodeId;
        m_bus.publish(event);
    }
    return answer;
}

ErrorCode AdmissionService::cancel(const User &user, QByteArrayView ticket)
{
    if (!TicketFormat::isWellFormed(ticket))
        return ErrorCode::ReservationNotFound;
    const auto outcome = m_queue.cancel(Secrets::storageHash(ticket), user.id, nowMs());
    if (!outcome.ok())
        return outcome.code;
    qCInfo(lcAdmission).noquote() << "cancel user" << user.name << "room"
                                  << outcome.value.reservation.roomName
                                  << (outcome.value.roomDeleted ? "(ghost room deleted)" : "");
    RoomEvent event;
    event.kind = RoomEvent::Kind::Cancelled;
    event.room = outcome.value.reservation.roomName;
    event.user = user.name;
    event.originNode = m_settings.nodeId;
    m_bus.publish(event);
    if (outcome.value.roomDeleted) {
        event.kind = RoomEvent::Kind::RoomDeleted;
        event.user.clear();
        m_bus.publish(event);
    }
    return ErrorCode::Ok;
}

Outcome<ClaimResult> AdmissionService::claim(QByteArrayView ticket, const QString &connectionId,
                                             const QString &address)
{
    const qint64 started = monotonicNs();
    if (!TicketFormat::isWellFormed(ticket)) {
        noteDecision(Phase::Claim, ErrorCode::TicketInvalid, {}, {}, started);
        return Outcome<ClaimResult>::failure(ErrorCode::TicketInvalid);
    }
    ClaimRequest request;
    request.ticketHash = Secrets::storageHash(ticket);
    request.nodeId = m_settings.nodeId;
    request.connectionId = connectionId;
    request.address = address;
    request.now = nowMs();
    request.historyLimit = m_settings.historyLimit;
    auto outcome = m_queue.claim(request);
    noteDecision(Phase::Claim, outcome.code, outcome.value.reservation.userName,
                 outcome.value.reservation.roomName, started);
    if (outcome.ok()) {
        RoomEvent event;
        event.kind = RoomEvent::Kind::Claimed;
        event.room = outcome.value.room.name;
        event.user = outcome.value.membership.userName;
        event.originNode = m_settings.nodeId;
        event.connectionId = connectionId;
        m_bus.publish(event);
    }
    return outcome;
}

void AdmissionService::release(const Membership &membership)
{
    const auto ended = m_rooms.endMembership(membership.id, nowMs());
    if (!ended.ok()) {
        qCWarning(lcAdmission).noquote()
            << "could not free the seat of" << membership.userName << "in" << membership.roomName
            << "now; the node lease frees it later:" << wireName(ended.code);
    }
    if (ended.ok() && !ended.value)
        return; // already ended (kicked, room deleted): whoever ended it told the room
    RoomEvent event;
    event.kind = RoomEvent::Kind::Left;
    event.room = membership.roomName;
    event.user = membership.userName;
    event.originNode = m_settings.nodeId;
    event.connectionId = membership.connectionId;
    m_bus.publish(event);
}

void AdmissionService::sweep()
{
    const auto outcome = m_queue.expireDue(nowMs());
    if (!outcome.ok()) {
        qCWarning(lcAdmission) << "expiry sweep failed:" << wireName(outcome.code);
        return;
    }
    for (const Reservation &r : outcome.value.expired) {
        qCInfo(lcAdmission).noquote()
            << "expired reservation of" << r.userName << "in" << r.roomName;
        RoomEvent event;
        event.kind = RoomEvent::Kind::Expired;
        event.room = r.roomName;
        event.user = r.userName;
        event.originNode = m_settings.nodeId;
        m_bus.publish(event);
    }
    for (const Room &room : outcome.value.deletedRooms) {
        qCInfo(lcAdmission).noquote() << "ghost room deleted:" << room.name;
        RoomEvent event;
        event.kind = RoomEvent::Kind::RoomDeleted;
        event.room = room.name;
        event.originNode = m_settings.nodeId;
        m_bus.publish(event);
    }
}

void AdmissionService::announceLeft(const QList<Membership> &gone)
{
    for (const Membership &m : gone) {
        RoomEvent event;
        event.kind = RoomEvent::Kind::Left;
        event.room = m.roomName;
        event.user = m.userName;
        event.originNode = m_settings.nodeId;
        event.connectionId = m.connectionId;
        m_bus.publish(event);
    }
}

bool AdmissionService::startNode()
{
    const auto released = m_rooms.releaseNode(m_settings.nodeId);
    if (!released.ok())
        return false;
    if (!released.value.isEmpty()) {
        qCInfo(lcAdmission).noquote()
            << "freed" << released.value.size() << "seat(s) held by this node's previous run";
    }
    announceLeft(released.value);
    return m_rooms.heartbeat(m_settings.nodeId, nowMs(), m_settings.nodeLeaseMs) == ErrorCode::Ok;
}

void AdmissionService::maintainNode()
{
    const qint64 now = nowMs();
    if (m_rooms.heartbeat(m_settings.nodeId, now, m_settings.nodeLeaseMs) != ErrorCode::Ok)
        qCWarning(lcAdmission) << "could not renew the node lease";
    const auto reaped = m_rooms.reapDeadNodes(m_settings.nodeId, now);
    if (!reaped.ok())
        return;
    if (!reaped.value.isEmpty()) {
        qCInfo(lcAdmission).noquote()
            << "freed" << reaped.value.size() << "seat(s) of nodes whose lease lapsed";
    }
    announceLeft(reaped.value);
}

Outcome<QList<Room>> AdmissionService::rooms()
{
    return m_rooms.listRooms(nowMs());
}

} // namespace roomgate::server
