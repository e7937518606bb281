// SPDX-License-Identifier: MIT
#include "server/admission/adminservice.h"

#include "server/admission/entryqueue.h"
#include "server/admission/logging.h"
#include "server/realtime/eventbus.h"
#include "server/storage/roomstore.h"
#include "shared/textrules.h"

#include <QDateTime>

namespace roomgate::server {

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

/** The key of a user name, or a null string when it cannot name a user. */
QString userKey(const QString &name)
{
    const QString normalized = TextRules::normalizedUsername(name);
    return normalized.isNull() ? QString() : TextRules::nameKey(normalized);
}

} // namespace

AdminService::AdminService(AdminStore &store, EntryQueue &queue, RoomStore &rooms, EventBus &bus,
                           const AdmissionSettings &settings, QObject *parent)
    : QObject(parent),
      m_store(store),
      m_queue(queue),
      m_rooms(rooms),
      m_bus(bus),
      m_settings(settings)
{
    qRegisterMetaType<AuditEntry>();
}

AuditEntry AdminService::entry(const QString &admin, const QString &action, const QString &target,
                               const QJsonObject &detail) const
{
    return AuditEntry{nowMs(), admin, action, target, detail};
}

std::optional<QString> AdminService::roomKey(const QString &name) const
{
    const QString normalized = TextRules::normalizedRoomName(name);
    if (normalized.isNull())
        return std::nullopt;
    return TextRules::nameKey(normalized);
}

void AdminService::publish(int kind, const QString &room, const QString &user)
{
    RoomEvent event;
    event.kind = static_cast<RoomEvent::Kind>(kind);
    event.room = room;
    event.user = user;
    event.originNode = m_settings.nodeId;
    m_bus.publish(event);
}

void AdminService::announceKick(const Membership &member)
{
    // The member's node closes its socket with KICKED; everyone sees it leave.
    publish(int(RoomEvent::Kind::Kicked), member.roomName, member.userName);
    RoomEvent left;
    left.kind = RoomEvent::Kind::Left;
    left.room = member.roomName;
    left.user = member.userName;
    left.originNode = m_settings.nodeId;
    left.connectionId = member.connectionId;
    m_bus.publish(left);
}

void AdminService::done(const AuditEntry &e)
{
    qCInfo(lcAdmission).noquote() << "admin" << e.admin << e.action << e.target;
    Q_EMIT adminActed(e);
}

ErrorCode AdminService::unknownUser(const QString &roomKey)
{
    // The room is judged before the user, as for names that could be users.
    const auto found = m_store.findRoom(roomKey, nowMs());
    if (!found.ok())
        return found.code;
    return found.value ? ErrorCode::UserNotFound : ErrorCode::RoomNotFound;
}

Outcome<Room> AdminService::createRoom(const QString &admin, const QString &name, qint64 capacity)
{
    const QString normalized = TextRules::normalizedRoomName(name);
    if (normalized.isNull())
        return Outcome<Room>::failure(ErrorCode::InvalidRoomName);
    if (TextRules::checkCapacity(capacity) != ErrorCode::Ok)
        return Outcome<Room>::failure(ErrorCode::InvalidCapacity);
    const AuditEntry e = entry(admin, QStringLiteral("room.create"), normalized,
                               {{QStringLiteral("capacity"), capacity}});
    auto created = m_store.createRoom(normalized, TextRules::nameKey(normalized),
                                      static_cast<int>(capacity), e);
    if (created.ok()) {
        publish(int(RoomEvent::Kind::RoomChanged), created.value.name);
        done(e);
    }
    return created;
}

Outcome<Room> AdminService::updateRoom(const QString &admin, const QString &name,
                                       std::optional<qint64> capacity, std::optional<QString> state)
{
    const auto key = roomKey(name);
    if (!key)
        return Outcome<Room>::failure(ErrorCode::RoomNotFound);
    if (state && *state != QLatin1String("open") && *state != QLatin1String("closed"))
        return Outcome<Room>::failure(ErrorCode::BadRequest);
    if (capacity && TextRules::checkCapacity(*capacity) != ErrorCode::Ok)
        return Outcome<Room>::failure(ErrorCode::InvalidCapacity);
    QJsonObject detail;
    if (capacity)
        detail.insert(QStringLiteral("capacity"), *capacity);
    if (state)
        detail.insert(QStringLiteral("state"), *state);
    AuditEntry e = entry(admin, QStringLiteral("room.update"), name, detail);
    QList<Reservation> revoked;
    std::optional<int> newCapacity;
    if (capacity)
        newCapacity = static_cast<int>(*capacity);
    auto updated = m_store.updateRoom(*key, newCapacity, state, e, &revoked);
    if (!updated.ok())
        return updated;
    e.target = updated.value.name;
    if (state && *state == QLatin1String("closed"))
        publish(int(RoomEvent::Kind::RoomClosed), updated.value.name);
    publish(int(RoomEvent::Kind::RoomChanged), updated.value.name);
    done(e);
    return updated;
}

ErrorCode AdminService::deleteRoom(const QString &admin, const QString &name)
{
    const auto key = roomKey(name);
    if (!key)
        return ErrorCode::RoomNotFound;
    const auto deleted
        = m_store.deleteRoom(*key, entry(admin, QStringLiteral("room.delete"), name));
    if (!deleted.ok())
        return deleted.code;
    publish(int(RoomEvent::Kind::RoomDeleted), deleted.value.name);
    done(entry(admin, QStringLiteral("room.delete"), deleted.value.name));
    return ErrorCode::Ok;
}

ErrorCode AdminService::revokeReservation(const QString &admin, const QString &id)
{
    AuditEntry e = entry(admin, QStringLiteral("reservation.revoke"), id);
    bool roomDeleted = false;
    const auto revoked = m_store.revokeReservation(id, e, &roomDeleted);
    if (!revoked.ok())
        return revoked.code;
    e.detail.insert(QStringLiteral("room"), revoked.value.roomName);
    e.detail.insert(QStringLiteral("user"), revoked.value.userName);
    publish(int(RoomEvent::Kind::Cancelled), revoked.value.roomName, revoked.value.userName);
    if (roomDeleted)
        publish(int(RoomEvent::Kind::RoomDeleted), revoked.value.roomName);
    done(e);
    return ErrorCode::Ok;
}

ErrorCode AdminService::kick(const QString &admin, const QString &room, const QString &user)
{
    const auto key = roomKey(room);
    if (!key)
        return ErrorCode::RoomNotFound;
    const QString who = userKey(user);
    if (who.isNull())
        return unknownUser(*key);
    const AuditEntry e
        = entry(admin, QStringLiteral("member.kick"), room + QLatin1Char('/') + user);
    const auto kicked = m_store.kick(*key, who, e);
    if (!kicked.ok())
        return kicked.code;
    announceKick(kicked.value);
    done(e);
    return ErrorCode::Ok;
}

ErrorCode AdminService::ban(const QString &admin, const QString &room, const QString &user)
{
    const auto key = roomKey(room);
    if (!key)
        return ErrorCode::RoomNotFound;
    const QString who = userKey(user);
    if (who.isNull())
        return unknownUser(*key);
    const AuditEntry e = entry(admin, QStringLiteral("member.ban"), room + QLatin1Char('/') + user);
    const auto banned = m_store.ban(*key, who, e);
    if (!banned.ok())
        return banned.code;
    if (banned.value.kicked)
        announceKick(*banned.value.kicked);
    if (!banned.value.revoked.isEmpty())
        publish(int(RoomEvent::Kind::RoomChanged), banned.value.revoked.first().roomName);
    done(e);
    return ErrorCode::Ok;
}

ErrorCode AdminService::unban(const QString &admin, const QString &room, const QString &user)
{
    const auto key = roomKey(room);
    if (!key)
        return ErrorCode::RoomNotFound;
    const QString who = userKey(user);
    if (who.isNull())
        return unknownUser(*key);
    const AuditEntry e
        = entry(admin, QStringLiteral("member.unban"), room + QLatin1Char('/') + user);
    const ErrorCode code = m_store.unban(*key, who, e);
    if (code == ErrorCode::Ok)
        done(e);
    return code;
}

Outcome<QList<Room>> AdminService::rooms()
{
    return m_rooms.listRooms(nowMs());
}

Outcome<QList<Reservation>> AdminService::reservations(const QString &room)
{
    QString key;
    if (!room.isEmpty()) {
        const auto k = roomKey(room);
        if (!k)
            return Outcome<QList<Reservation>>::failure(ErrorCode::RoomNotFound);
        const auto found = m_store.findRoom(*k, nowMs());
        if (!found.ok())
            return Outcome<QList<Reservation>>::failure(found.code);
        if (!found.value)
            return Outcome<QList<Reservation>>::failure(ErrorCode::RoomNotFound);
        key = *k;
    }
    return m_queue.liveReservations(key, nowMs());
}

Outcome<QList<Membership>> AdminService::members(const QString &room)
{
    QString key;
    if (!room.isEmpty()) {
        const auto k = roomKey(room);
        if (!k)
            return Outcome<QList<Membership>>::failure(ErrorCode::RoomNotFound);
        const auto found = m_store.findRoom(*k, nowMs());
        if (!found.ok())
            return Outcome<QList<Membership>>::failure(found.code);
        if (!found.value)
            return Outcome<QList<Membership>>::failure(ErrorCode::RoomNotFound);
        key = *k;
    }
    return m_store.members(key);
}

Outcome<QList<AuditEntry>> AdminService::audit(int limit)
{
    return m_store.audit(std::clamp(limit, 1, 1000));
}

Outcome<StorageCounts> AdminService::counts()
{
    return m_store.counts(nowMs());
}

} // namespace roomgate::server
