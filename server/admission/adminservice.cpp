// SPDX-License-Identifier: MIT
#include "server/admission/adminservice.h"

#include "server/admission/logging.h"
#include "server/events/eventbus.h"
#include "server/storage/accountstore.h"
#include "server/storage/auditstore.h"
#include "server/storage/banstore.h"
#include "server/storage/membershipstore.h"
#include "server/storage/nodestore.h"
#include "server/storage/readconnections.h"
#include "server/storage/reservationstore.h"
#include "server/storage/roomstore.h"
#include "server/storage/storagewriter.h"
#include "shared/textrules.h"

#include <QPointer>

namespace roomgate::server {

namespace {

/** The key of a room name, or a null string when it cannot name a room. */
QString roomKeyOf(const QString &name)
{
    const QString normalized = TextRules::normalizedRoomName(name);
    return normalized.isNull() ? QString() : TextRules::nameKey(normalized);
}

/** The key of a user name, or a null string when it cannot name a user. */
QString userKeyOf(const QString &name)
{
    const QString normalized = TextRules::normalizedUsername(name);
    return normalized.isNull() ? QString() : TextRules::nameKey(normalized);
}

/** The room with @p key, locked for the action; RoomNotFound when there is none. */
Outcome<Room> lockedRoom(Database &db, const QString &key, qint64 now)
{
    const auto found = RoomStore(db).byKey(key, now, RoomStore::Lock::ForUpdate);
    if (!found.ok())
        return Outcome<Room>::failure(found.code);
    if (!found.value)
        return Outcome<Room>::failure(ErrorCode::RoomNotFound);
    return {ErrorCode::Ok, *found.value};
}

} // namespace

AdminService::AdminService(StorageWriter &writer, ReadConnections &reads, EventBus &bus,
                           const AdmissionSettings &settings, QObject *parent)
    : QObject(parent), m_writer(writer), m_reads(reads), m_bus(bus), m_settings(settings)
{
    qRegisterMetaType<AuditEntry>();
}

AuditEntry AdminService::entry(const QString &admin, const QString &action, const QString &target,
                               const QJsonObject &detail) const
{
    return AuditEntry{m_settings.nowMs(), admin, action, target, detail};
}

template<typename T>
void AdminService::act(AuditEntry audit, std::function<Outcome<T>(Action &)> decide, Reply<T> done)
{
    auto written = std::make_shared<AuditEntry>(std::move(audit));
    auto shown = std::make_shared<QString>(written->target);
    m_writer.submit<T>(
        [this, written, shown, decide = std::move(decide)](StorageWriter::Scope &scope) {
            QList<RoomEvent> events;
            Action action{scope.db(), *written, *shown, events};
            Outcome<T> outcome = decide(action);
            if (!outcome.ok())
                return outcome;
            // The action and its audit entry: one decision, both or neither.
            if (const ErrorCode code = AuditStore(scope.db()).append(*written);
                code != ErrorCode::Ok)
                return Outcome<T>::failure(code);
            scope.afterCommit([this, events] {
                for (const RoomEvent &event : events)
                    m_bus.publish(event);
            });
            return outcome;
        },
        [self = QPointer(this), written, shown, done = std::move(done)](Outcome<T> outcome) {
            if (outcome.ok() && self) {
                AuditEntry acted = *written;
                acted.target = *shown;
                qCInfo(lcAdmission).noquote()
                    << "admin" << acted.admin << acted.action << acted.target;
                Q_EMIT self->adminActed(acted);
            }
            done(std::move(outcome));
        });
}

ErrorCode AdminService::unknownUser(const QString &roomKey)
{
    // The room is judged before the user, as for names that could be users.
    const auto found = RoomStore(m_reads.forThisThread()).byKey(roomKey, m_settings.nowMs());
    if (!found.ok())
        return found.code;
    return found.value ? ErrorCode::UserNotFound : ErrorCode::RoomNotFound;
}

void AdminService::createRoom(const QString &admin, const QString &name, qint64 capacity,
                              Reply<Room> done)
{
    const QString normalized = TextRules::normalizedRoomName(name);
    if (normalized.isNull()) {
        done(Outcome<Room>::failure(ErrorCode::InvalidRoomName));
        return;
    }
    if (TextRules::checkCapacity(capacity) != ErrorCode::Ok) {
        done(Outcome<Room>::failure(ErrorCode::InvalidCapacity));
        return;
    }
    const QString node = m_settings.nodeId;
    act<Room>(
        entry(admin, QStringLiteral("room.create"), normalized,
              {{QStringLiteral("capacity"), capacity}}),
        [normalized, capacity, node](Action &a) -> Outcome<Room> {
            RoomStore rooms(a.db);
            const QString key = TextRules::nameKey(normalized);
            const auto existing = rooms.byKey(key, a.entry.at, RoomStore::Lock::ForUpdate);
            if (!existing.ok())
                return Outcome<Room>::failure(existing.code);
            if (existing.value)
                return Outcome<Room>::failure(ErrorCode::RoomExists);
            const auto id = rooms.insert(normalized, key, static_cast<int>(capacity),
                                         RoomState::Open, a.entry.at);
            if (!id.ok())
                return Outcome<Room>::failure(id.code);
            if (id.value == 0) // created through another node meanwhile
                return Outcome<Room>::failure(ErrorCode::RoomExists);
            Room room;
            room.id = id.value;
            room.name = normalized;
            room.capacity = static_cast<int>(capacity);
            room.state = RoomState::Open;
            room.createdAt = room.lastActivity = a.entry.at;
            a.events.append(RoomEvent::roomChanged(room.name, node));
            return {ErrorCode::Ok, room};
        },
        std::move(done));
}

void AdminService::updateRoom(const QString &admin, const QString &name,
                              std::optional<qint64> capacity, std::optional<QString> state,
                              Reply<Room> done)
{
    const QString key = roomKeyOf(name);
    std::optional<RoomState> newState;
    if (state) {
        newState = roomStateFromName(*state);
        if (*newState != RoomState::Open && *newState != RoomState::Closed) {
            done(Outcome<Room>::failure(ErrorCode::BadRequest));
            return;
        }
    }
    if (key.isNull()) {
        done(Outcome<Room>::failure(ErrorCode::RoomNotFound));
        return;
    }
    if (capacity && TextRules::checkCapacity(*capacity) != ErrorCode::Ok) {
        done(Outcome<Room>::failure(ErrorCode::InvalidCapacity));
        return;
    }
    QJsonObject detail;
    if (capacity)
        detail.insert(QStringLiteral("capacity"), *capacity);
    if (state)
        detail.insert(QStringLiteral("state"), *state);
    const QString node = m_settings.nodeId;
    act<Room>(
        entry(admin, QStringLiteral("room.update"), name, detail),
        [key, capacity, newState, node](Action &a) -> Outcome<Room> {
            const auto locked = lockedRoom(a.db, key, a.entry.at);
            if (!locked.ok())
                return locked;
            const Room &room = locked.value;
            a.shownTarget = room.name;
            const bool closing = newState == RoomState::Closed && room.state != RoomState::Closed;
            // Closing frees the reservations: only members count against the capacity.
            const int inUse = room.occupants + (closing ? 0 : room.reserved);
            if (capacity && *capacity < inUse)
                return Outcome<Room>::failure(ErrorCode::CapacityInUse);
            QList<Membership> sentOut;
            if (closing) {
                // Revoked, not forgotten: their claims answer ROOM_CLOSED, even after
                // the room is opened again.
                if (const ErrorCode code = ReservationStore(a.db).endAllIn(
                        room.id, std::nullopt, ReservationState::RoomClosed);
                    code != ErrorCode::Ok)
                    return Outcome<Room>::failure(code);
                // Members' seats are free once this is committed, on every node;
                // their sockets are closed with ROOM_CLOSED.
                MembershipStore memberships(a.db);
                const auto members = memberships.inRoom(room.id);
                if (!members.ok())
                    return Outcome<Room>::failure(members.code);
                if (const ErrorCode code = memberships.removeAll(members.value);
                    code != ErrorCode::Ok)
                    return Outcome<Room>::failure(code);
                sentOut = members.value;
            }
            RoomStore rooms(a.db);
            if (const ErrorCode code
                = rooms.update(room.id, capacity ? static_cast<int>(*capacity) : room.capacity,
                               newState.value_or(room.state), a.entry.at);
                code != ErrorCode::Ok)
                return Outcome<Room>::failure(code);
            const auto updated = rooms.byId(room.id, a.entry.at);
            if (!updated.ok() || !updated.value)
                return Outcome<Room>::failure(a.db.failureCode());
            if (closing) {
                a.events.append(RoomEvent::roomClosed(room.name, node));
                for (const Membership &m : std::as_const(sentOut))
                    a.events.append(RoomEvent::left(m.roomName, m.userName, node, m.connectionId));
            }
            a.events.append(RoomEvent::roomChanged(room.name, node));
            return {ErrorCode::Ok, *updated.value};
        },
        std::move(done));
}

void AdminService::deleteRoom(const QString &admin, const QString &name, Done done)
{
    const QString key = roomKeyOf(name);
    if (key.isNull()) {
        done(ErrorCode::RoomNotFound);
        return;
    }
    const QString node = m_settings.nodeId;
    act<Room>(
        entry(admin, QStringLiteral("room.delete"), name),
        [key, node](Action &a) -> Outcome<Room> {
            const auto locked = lockedRoom(a.db, key, a.entry.at);
            if (!locked.ok())
                return locked;
            a.shownTarget = locked.value.name;
            // Memberships, messages and bans go with the room; its reservations stay
            // as rows whose room is gone, so their claims answer 4404.
            if (const ErrorCode code = RoomStore(a.db).remove(locked.value.id);
                code != ErrorCode::Ok)
                return Outcome<Room>::failure(code);
            a.events.append(RoomEvent::roomDeleted(locked.value.name, node));
            return locked;
        },
        [done = std::move(done)](Outcome<Room> outcome) { done(outcome.code); });
}

void AdminService::revokeReservation(const QString &admin, const QString &id, Done done)
{
    const QString node = m_settings.nodeId;
    act<bool>(
        entry(admin, QStringLiteral("reservation.revoke"), id),
        [id, node](Action &a) -> Outcome<bool> {
            ReservationStore reservations(a.db);
            const auto found = reservations.liveById(id, a.entry.at);
            if (!found.ok())
                return Outcome<bool>::failure(found.code);
            if (!found.value)
                return Outcome<bool>::failure(ErrorCode::ReservationNotFound);
            const Reservation &r = *found.value;
            a.entry.detail.insert(QStringLiteral("room"), r.roomName);
            a.entry.detail.insert(QStringLiteral("user"), r.userName);
            // Forgotten: a later claim is TICKET_INVALID (4401).
            if (const ErrorCode code = reservations.remove(r.id); code != ErrorCode::Ok)
                return Outcome<bool>::failure(code);
            const auto ghost = RoomStore(a.db).removeIfGhost(r.roomId, a.entry.at);
            if (!ghost.ok())
                return Outcome<bool>::failure(ghost.code);
            a.events.append(RoomEvent::cancelled(r.roomName, r.userName, node));
            if (ghost.value)
                a.events.append(RoomEvent::roomDeleted(r.roomName, node));
            return {ErrorCode::Ok, true};
        },
        [done = std::move(done)](Outcome<bool> outcome) { done(outcome.code); });
}

void AdminService::kick(const QString &admin, const QString &room, const QString &user, Done done)
{
    const QString key = roomKeyOf(room);
    if (key.isNull()) {
        done(ErrorCode::RoomNotFound);
        return;
    }
    const QString who = userKeyOf(user);
    if (who.isNull()) {
        done(unknownUser(key));
        return;
    }
    const QString node = m_settings.nodeId;
    act<bool>(
        entry(admin, QStringLiteral("member.kick"), room + QLatin1Char('/') + user),
        [key, who, node](Action &a) -> Outcome<bool> {
            const auto locked = lockedRoom(a.db, key, a.entry.at);
            if (!locked.ok())
                return Outcome<bool>::failure(locked.code);
            MembershipStore memberships(a.db);
            const auto member = memberships.ofUserKey(locked.value.id, who);
            if (!member.ok())
                return Outcome<bool>::failure(member.code);
            if (!member.value)
                return Outcome<bool>::failure(ErrorCode::UserNotFound);
            const auto removed = memberships.remove(member.value->id);
            if (!removed.ok())
                return Outcome<bool>::failure(removed.code);
            // The member's node closes its socket with KICKED; everyone sees it leave.
            const Membership &m = *member.value;
            a.events.append(RoomEvent::kicked(m.roomName, m.userName, node));
            a.events.append(RoomEvent::left(m.roomName, m.userName, node, m.connectionId));
            return {ErrorCode::Ok, true};
        },
        [done = std::move(done)](Outcome<bool> outcome) { done(outcome.code); });
}

void AdminService::ban(const QString &admin, const QString &room, const QString &user, Done done)
{
    const QString key = roomKeyOf(room);
    if (key.isNull()) {
        done(ErrorCode::RoomNotFound);
        return;
    }
    const QString who = userKeyOf(user);
    if (who.isNull()) {
        done(unknownUser(key));
        return;
    }
    const QString node = m_settings.nodeId;
    act<bool>(
        entry(admin, QStringLiteral("member.ban"), room + QLatin1Char('/') + user),
        [key, who, node](Action &a) -> Outcome<bool> {
            const auto locked = lockedRoom(a.db, key, a.entry.at);
            if (!locked.ok())
                return Outcome<bool>::failure(locked.code);
            const Room &r = locked.value;
            const auto target = AccountStore(a.db).findUser(who);
            if (!target.ok())
                return Outcome<bool>::failure(target.code);
            if (!target.value)
                return Outcome<bool>::failure(ErrorCode::UserNotFound);
            const qint64 userId = target.value->id;
            if (const ErrorCode code = BanStore(a.db).add(r.id, userId, a.entry.at);
                code != ErrorCode::Ok)
                return Outcome<bool>::failure(code);
            MembershipStore memberships(a.db);
            const auto member = memberships.of(r.id, userId);
            if (!member.ok())
                return Outcome<bool>::failure(member.code);
            if (member.value) {
                const auto removed = memberships.remove(member.value->id);
                if (!removed.ok())
                    return Outcome<bool>::failure(removed.code);
                const Membership &m = *member.value;
                a.events.append(RoomEvent::kicked(m.roomName, m.userName, node));
                a.events.append(RoomEvent::left(m.roomName, m.userName, node, m.connectionId));
            }
            ReservationStore reservations(a.db);
            const auto live = reservations.liveIn(r.id, userId, a.entry.at);
            if (!live.ok())
                return Outcome<bool>::failure(live.code);
            // Revoked, not forgotten: their claims answer KICKED (4403).
            if (const ErrorCode code
                = reservations.endAllIn(r.id, userId, ReservationState::Banned);
                code != ErrorCode::Ok)
                return Outcome<bool>::failure(code);
            if (!live.value.isEmpty())
                a.events.append(RoomEvent::roomChanged(r.name, node));
            return {ErrorCode::Ok, true};
        },
        [done = std::move(done)](Outcome<bool> outcome) { done(outcome.code); });
}

void AdminService::unban(const QString &admin, const QString &room, const QString &user, Done done)
{
    const QString key = roomKeyOf(room);
    if (key.isNull()) {
        done(ErrorCode::RoomNotFound);
        return;
    }
    const QString who = userKeyOf(user);
    if (who.isNull()) {
        done(unknownUser(key));
        return;
    }
    act<bool>(
        entry(admin, QStringLiteral("member.unban"), room + QLatin1Char('/') + user),
        [key, who](Action &a) -> Outcome<bool> {
            const auto locked = lockedRoom(a.db, key, a.entry.at);
            if (!locked.ok())
                return Outcome<bool>::failure(locked.code);
            const auto target = AccountStore(a.db).findUser(who);
            if (!target.ok())
                return Outcome<bool>::failure(target.code);
            if (!target.value)
                return Outcome<bool>::failure(ErrorCode::UserNotFound);
            const ErrorCode code = BanStore(a.db).remove(locked.value.id, target.value->id);
            return {code, code == ErrorCode::Ok};
        },
        [done = std::move(done)](Outcome<bool> outcome) { done(outcome.code); });
}

Outcome<QList<Room>> AdminService::rooms()
{
    return RoomStore(m_reads.forThisThread()).list(m_settings.nowMs());
}

Outcome<QString> AdminService::listingKey(const QString &name)
{
    if (name.isEmpty())
        return {ErrorCode::Ok, QString()};
    const QString key = roomKeyOf(name);
    if (key.isNull())
        return Outcome<QString>::failure(ErrorCode::RoomNotFound);
    const auto found = RoomStore(m_reads.forThisThread()).byKey(key, m_settings.nowMs());
    if (!found.ok())
        return Outcome<QString>::failure(found.code);
    if (!found.value)
        return Outcome<QString>::failure(ErrorCode::RoomNotFound);
    return {ErrorCode::Ok, key};
}

Outcome<QList<Reservation>> AdminService::reservations(const QString &room)
{
    const auto key = listingKey(room);
    if (!key.ok())
        return Outcome<QList<Reservation>>::failure(key.code);
    return ReservationStore(m_reads.forThisThread()).live(key.value, m_settings.nowMs());
}

Outcome<QList<Membership>> AdminService::members(const QString &room)
{
    const auto key = listingKey(room);
    if (!key.ok())
        return Outcome<QList<Membership>>::failure(key.code);
    return MembershipStore(m_reads.forThisThread()).list(key.value);
}

Outcome<QList<AuditEntry>> AdminService::audit(int limit)
{
    return AuditStore(m_reads.forThisThread()).latest(std::clamp(limit, 1, 1000));
}

Outcome<StorageCounts> AdminService::counts()
{
    return RoomStore(m_reads.forThisThread()).counts(m_settings.nowMs());
}

Outcome<QList<NodeLease>> AdminService::nodes()
{
    return NodeStore(m_reads.forThisThread()).list();
}

} // namespace roomgate::server
