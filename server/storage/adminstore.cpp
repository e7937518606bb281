// SPDX-License-Identifier: MIT
#include "server/storage/adminstore.h"

#include "server/storage/database.h"
#include "server/storage/sqlrows.h"

#include <QJsonDocument>
#include <QVariant>

namespace roomgate::server {

bool AdminStore::insertAudit(const AuditEntry &audit)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "INSERT INTO audit_log (at, admin, action, target, detail) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(audit.at);
    q.addBindValue(audit.admin);
    q.addBindValue(audit.action);
    q.addBindValue(audit.target);
    q.addBindValue(QString::fromUtf8(QJsonDocument(audit.detail).toJson(QJsonDocument::Compact)));
    return m_db.exec(q);
}

bool AdminStore::lockRoom(const QString &key, qint64 now, Room *room, bool *found)
{
    return SqlRows::loadRoom(m_db, QStringLiteral("name_key"), key, now, true, room, found);
}

ErrorCode AdminStore::lockExistingRoom(const QString &key, qint64 now, Room *room)
{
    bool found = false;
    if (!lockRoom(key, now, room, &found))
        return m_db.failureCode();
    return found ? ErrorCode::Ok : ErrorCode::RoomNotFound;
}

bool AdminStore::userId(const QString &key, qint64 *id, bool *found)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral("SELECT id FROM users WHERE name_key = ?"));
    q.addBindValue(key);
    if (!m_db.exec(q))
        return false;
    *found = q.next();
    if (*found)
        *id = q.value(0).toLongLong();
    q.finish();
    return true;
}

Outcome<Room> AdminStore::createRoom(const QString &name, const QString &key, int capacity,
                                     const AuditEntry &audit)
{
    using Result = Outcome<Room>;
    Transaction tx(m_db);
    if (!tx.isActive())
        return Result::failure(m_db.failureCode());
    Room room;
    bool found = false;
    if (!lockRoom(key, audit.at, &room, &found))
        return Result::failure(m_db.failureCode());
    if (found)
        return Result::failure(ErrorCode::RoomExists);
    QSqlQuery &insert = m_db.prepared(QStringLiteral(
        "INSERT INTO rooms (name, name_key, capacity, state, created_at, last_activity) VALUES "
        "(?, ?, ?, 'open', ?, ?)"));
    insert.addBindValue(name);
    insert.addBindValue(key);
    insert.addBindValue(capacity);
    insert.addBindValue(audit.at);
    insert.addBindValue(audit.at);
    if (!m_db.exec(insert) || !lockRoom(key, audit.at, &room, &found) || !found
        || !insertAudit(audit) || !tx.commit())
        return Result::failure(m_db.failureCode());
    return {ErrorCode::Ok, room};
}

Outcome<Room> AdminStore::updateRoom(const QString &key, std::optional<int> capacity,
                                     std::optional<QString> state, const AuditEntry &audit,
                                     QList<Reservation> *revoked)
{
    using Result = Outcome<Room>;
    Transaction tx(m_db);
    if (!tx.isActive())
        return Result::failure(m_db.failureCode());
    Room room;
    if (const ErrorCode code = lockExistingRoom(key, audit.at, &room); code != ErrorCode::Ok)
        return Result::failure(code);
    const bool closing = state && *state == QLatin1String("closed") && room.state != *state;
    // Closing frees the reservations, so only members count against a new capacity then.
    const int inUse = room.occupants + (closing ? 0 : room.reserved);
    if (capacity && *capacity < inUse)
        return Result::failure(ErrorCode::CapacityInUse);
    if (closing) {
        QSqlQuery &live = m_db.prepared(QStringLiteral(
            "SELECT r.id, r.user_id, u.name, r.node_id, r.created_at, r.expires_at FROM "
            "reservations r JOIN users u ON u.id = r.user_id WHERE r.room_id = ? AND r.state = "
            "'live' AND r.expires_at > ?"));
        live.addBindValue(room.id);
        live.addBindValue(audit.at);
        if (!m_db.exec(live))
            return Result::failure(m_db.failureCode());
        while (live.next()) {
            Reservation r;
            r.id = live.value(0).toString();
            r.userId = live.value(1).toLongLong();
            r.userName = live.value(2).toString();
            r.nodeId = live.value(3).toString();
            r.createdAt = live.value(4).toLongLong();
            r.expiresAt = live.value(5).toLongLong();
            r.roomId = room.id;
            r.roomName = room.name;
            revoked->append(r);
        }
        live.finish();
        // Revoked, not forgotten: their claims answer ROOM_CLOSED, even after a reopen.
        QSqlQuery &revoke = m_db.prepared(QStringLiteral(
            "UPDATE reservations SET state = 'room_closed' WHERE room_id = ? AND state = 'live'"));
        revoke.addBindValue(room.id);
        if (!m_db.exec(revoke))
            return Result::failure(m_db.failureCode());
    }
    QSqlQuery &update = m_db.prepared(
        QStringLiteral("UPDATE rooms SET capacity = ?, state = ?, last_activity = ? WHERE id = ?"));
    update.addBindValue(capacity.value_or(room.capacity));
    update.addBindValue(state.value_or(room.state));
    update.addBindValue(audit.at);
    update.addBindValue(room.id);
    if (!m_db.exec(update) || lockExistingRoom(key, audit.at, &room) != ErrorCode::Ok
        || !insertAudit(audit) || !tx.commit())
        return Result::failure(m_db.failureCode());
    return {ErrorCode::Ok, room};
}

Outcome<Room> AdminStore::deleteRoom(const QString &key, const AuditEntry &audit)
{
    using Result = Outcome<Room>;
    Transaction tx(m_db);
    if (!tx.isActive())
        return Result::failure(m_db.failureCode());
    Room room;
    if (const ErrorCode code = lockExistingRoom(key, audit.at, &room); code != ErrorCode::Ok)
        return Result::failure(code);
    // Memberships, messages and bans go with the room (ON DELETE CASCADE); its
    // reservations stay as rows whose room is gone, so their claims answer 4404.
    QSqlQuery &del = m_db.prepared(QStringLiteral("DELETE FROM rooms WHERE id = ?"));
    del.addBindValue(room.id);
    if (!m_db.exec(del) || !insertAudit(audit) || !tx.commit())
        return Result::failure(m_db.failureCode());
    return {ErrorCode::Ok, room};
}

Outcome<Reservation> AdminStore::revokeReservation(const QString &id, AuditEntry audit,
                                                   bool *roomDeleted)
{
    using Result = Outcome<Reservation>;
    Transaction tx(m_db);
    if (!tx.isActive())
        return Result::failure(m_db.failureCode());
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "SELECT r.id, r.room_id, m.name, r.user_id, u.name, r.node_id, r.created_at, "
        "r.expires_at FROM reservations r JOIN users u ON u.id = r.user_id JOIN rooms m ON m.id = "
        "r.room_id WHERE r.id = ? AND r.state = 'live' AND r.expires_at > ?"));
    q.addBindValue(id);
    q.addBindValue(audit.at);
    if (!m_db.exec(q))
        return Result::failure(m_db.failureCode());
    if (!q.next())
        return Result::failure(ErrorCode::ReservationNotFound);
    Reservation r;
    r.id = q.value(0).toString();
    r.roomId = q.value(1).toLongLong();
    r.roomName = q.value(2).toString();
    r.userId = q.value(3).toLongLong();
    r.userName = q.value(4).toString();
    r.nodeId = q.value(5).toString();
    r.createdAt = q.value(6).toLongLong();
    r.expiresAt = q.value(7).toLongLong();
    q.finish();
    audit.detail.insert(QStringLiteral("room"), r.roomName);
    audit.detail.insert(QStringLiteral("user"), r.userName);
    // Forgotten: a later claim is TICKET_INVALID (4401).
    QSqlQuery &del = m_db.prepared(QStringLiteral("DELETE FROM reservations WHERE id = ?"));
    del.addBindValue(r.id);
    if (!m_db.exec(del))
        return Result::failure(m_db.failureCode());
    QSqlQuery &ghost = m_db.prepared(QStringLiteral(
        "DELETE FROM rooms WHERE id = ? AND state = 'pending' AND NOT EXISTS (SELECT 1 FROM "
        "reservations WHERE room_id = ? AND state = 'live' AND expires_at > ?) AND NOT EXISTS "
        "(SELECT 1 FROM memberships WHERE room_id = ?)"));
    ghost.addBindValue(r.roomId);
    ghost.addBindValue(r.roomId);
    ghost.addBindValue(audit.at);
    ghost.addBindValue(r.roomId);
    if (!m_db.exec(ghost))
        return Result::failure(m_db.failureCode());
    *roomDeleted = ghost.numRowsAffected() > 0;
    if (!insertAudit(audit) || !tx.commit())
        return Result::failure(m_db.failureCode());
    return {ErrorCode::Ok, r};
}

Outcome<Membership> AdminStore::kick(const QString &roomKey, const QString &userKey,
                                     const AuditEntry &audit)
{
    using Result = Outcome<Membership>;
    Transaction tx(m_db);
    if (!tx.isActive())
        return Result::failure(m_db.failureCode());
    Room room;
    if (const ErrorCode code = lockExistingRoom(roomKey, audit.at, &room); code != ErrorCode::Ok)
        return Result::failure(code);
    QSqlQuery &q = m_db.prepared(SqlRows::membershipSelect()
                                 + QStringLiteral("WHERE m.room_id = ? AND u.name_key = ?"));
    q.addBindValue(room.id);
    q.addBindValue(userKey);
    if (!m_db.exec(q))
        return Result::failure(m_db.failureCode());
    if (!q.next())
        return Result::failure(ErrorCode::UserNotFound);
    const Membership m = SqlRows::membership(q);
    q.finish();
    QSqlQuery &del = m_db.prepared(QStringLiteral("DELETE FROM memberships WHERE id = ?"));
    del.addBindValue(m.id);
    if (!m_db.exec(del) || !insertAudit(audit) || !tx.commit())
        return Result::failure(m_db.failureCode());
    return {ErrorCode::Ok, m};
}

Outcome<BanResult> AdminStore::ban(const QString &roomKey, const QString &userKey,
                                   const AuditEntry &audit)
{
    using Result = Outcome<BanResult>;
    Transaction tx(m_db);
    if (!tx.isActive())
        return Result::failure(m_db.failureCode());
    Room room;
    if (const ErrorCode code = lockExistingRoom(roomKey, audit.at, &room); code != ErrorCode::Ok)
        return Result::failure(code);
    qint64 user = 0;
    bool found = false;
    if (!userId(userKey, &user, &found))
        return Result::failure(m_db.failureCode());
    if (!found)
        return Result::failure(ErrorCode::UserNotFound);
    BanResult result;
    QSqlQuery &insert = m_db.prepared(QStringLiteral(
        "INSERT INTO bans (room_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"));
    insert.addBindValue(room.id);
    insert.addBindValue(user);
    insert.addBindValue(audit.at);
    if (!m_db.exec(insert))
        return Result::failure(m_db.failureCode());
    QSqlQuery &member = m_db.prepared(SqlRows::membershipSelect()
                                      + QStringLiteral("WHERE m.room_id = ? AND m.user_id = ?"));
    member.addBindValue(room.id);
    member.addBindValue(user);
    if (!m_db.exec(member))
        return Result::failure(m_db.failureCode());
    if (member.next())
        result.kicked = SqlRows::membership(member);
    member.finish();
    if (result.kicked) {
        QSqlQuery &del = m_db.prepared(QStringLiteral("DELETE FROM memberships WHERE id = ?"));
        del.addBindValue(result.kicked->id);
        if (!m_db.exec(del))
            return Result::failure(m_db.failureCode());
    }
    QSqlQuery &live = m_db.prepared(QStringLiteral(
        "SELECT id, created_at, expires_at FROM reservations WHERE room_id = ? AND user_id = ? "
        "AND state = 'live' AND expires_at > ?"));
    live.addBindValue(room.id);
    live.addBindValue(user);
    live.addBindValue(audit.at);
    if (!m_db.exec(live))
        return Result::failure(m_db.failureCode());
    while (live.next()) {
        Reservation r;
        r.id = live.value(0).toString();
        r.createdAt = live.value(1).toLongLong();
        r.expiresAt = live.value(2).toLongLong();
        r.roomId = room.id;
        r.roomName = room.name;
        r.userId = user;
        result.revoked.append(r);
    }
    live.finish();
    // Revoked, not forgotten: their claims answer KICKED (4403).
    QSqlQuery &revoke = m_db.prepared(QStringLiteral(
        "UPDATE reservations SET state = 'banned' WHERE room_id = ? AND user_id = ? AND state = "
        "'live'"));
    revoke.addBindValue(room.id);
    revoke.addBindValue(user);
    if (!m_db.exec(revoke) || !insertAudit(audit) || !tx.commit())
        return Result::failure(m_db.failureCode());
    return {ErrorCode::Ok, result};
}

ErrorCode AdminStore::unban(const QString &roomKey, const QString &userKey, const AuditEntry &audit)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return m_db.failureCode();
    Room room;
    if (const ErrorCode code = lockExistingRoom(roomKey, audit.at, &room); code != ErrorCode::Ok)
        return code;
    qint64 user = 0;
    bool found = false;
    if (!userId(userKey, &user, &found))
        return m_db.failureCode();
    if (!found)
        return ErrorCode::UserNotFound;
    QSqlQuery &del
        = m_db.prepared(QStringLiteral("DELETE FROM bans WHERE room_id = ? AND user_id = ?"));
    del.addBindValue(room.id);
    del.addBindValue(user);
    if (!m_db.exec(del) || !insertAudit(audit) || !tx.commit())
        return m_db.failureCode();
    return ErrorCode::Ok;
}

ErrorCode AdminStore::appendAudit(const AuditEntry &audit)
{
    return insertAudit(audit) ? ErrorCode::Ok : m_db.failureCode();
}

Outcome<std::optional<Room>> AdminStore::findRoom(const QString &key, qint64 now)
{
    Room room;
    bool found = false;
    if (!lockRoom(key, now, &room, &found))
        return Outcome<std::optional<Room>>::failure(m_db.failureCode());
    if (!found)
        return {ErrorCode::Ok, std::nullopt};
    return {ErrorCode::Ok, room};
}

Outcome<QList<Membership>> AdminStore::members(const QString &roomKey)
{
    QSqlQuery &q = m_db.prepared(
        SqlRows::membershipSelect()
        + QStringLiteral("WHERE (? = '' OR r.name_key = ?) ORDER BY r.name_key, m.since"));
    // A null QString binds as SQL NULL, which '' never equals: bind "all rooms" as ''.
    const QString key = roomKey.isNull() ? QStringLiteral("") : roomKey;
    q.addBindValue(key);
    q.addBindValue(key);
    if (!m_db.exec(q))
        return Outcome<QList<Membership>>::failure(m_db.failureCode());
    QList<Membership> out;
    while (q.next())
        out.append(SqlRows::membership(q));
    q.finish();
    return {ErrorCode::Ok, out};
}

Outcome<QList<AuditEntry>> AdminStore::audit(int limit)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "SELECT at, admin, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ?"));
    q.addBindValue(limit);
    if (!m_db.exec(q))
        return Outcome<QList<AuditEntry>>::failure(m_db.failureCode());
    QList<AuditEntry> out;
    while (q.next()) {
        AuditEntry e;
        e.at = q.value(0).toLongLong();
        e.admin = q.value(1).toString();
        e.action = q.value(2).toString();
        e.target = q.value(3).toString();
        e.detail = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
        out.append(e);
    }
    q.finish();
    return {ErrorCode::Ok, out};
}

Outcome<StorageCounts> AdminStore::counts(qint64 now)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "SELECT (SELECT COUNT(*) FROM rooms), (SELECT COUNT(*) FROM memberships), (SELECT "
        "COUNT(*) FROM reservations WHERE state = 'live' AND expires_at > ?)"));
    q.addBindValue(now);
    if (!m_db.exec(q) || !q.next())
        return Outcome<StorageCounts>::failure(m_db.failureCode());
    StorageCounts c;
    c.rooms = q.value(0).toInt();
    c.occupants = q.value(1).toInt();
    c.reservations = q.value(2).toInt();
    q.finish();
    return {ErrorCode::Ok, c};
}

Outcome<QList<NodeLease>> AdminStore::nodes()
{
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("SELECT id, started_at, lease_expires FROM nodes ORDER BY id"));
    if (!m_db.exec(q))
        return Outcome<QList<NodeLease>>::failure(m_db.failureCode());
    QList<NodeLease> out;
    while (q.next())
        out.append(
            NodeLease{q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong()});
    q.finish();
    return {ErrorCode::Ok, out};
}

} // namespace roomgate::server
