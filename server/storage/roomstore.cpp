// SPDX-License-Identifier: MIT
#include "server/storage/roomstore.h"

#include "server/storage/database.h"
#include "server/storage/sqlrows.h"

#include <QVariant>

namespace roomgate::server {

Outcome<QList<Room>> RoomStore::listRooms(qint64 now)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "SELECT r.id, r.name, r.capacity, r.state, r.created_at, r.last_activity, "
        "(SELECT COUNT(*) FROM memberships m WHERE m.room_id = r.id), "
        "(SELECT COUNT(*) FROM reservations v WHERE v.room_id = r.id AND v.state = 'live' AND "
        "v.expires_at > ?) FROM rooms r ORDER BY r.name_key"));
    q.addBindValue(now);
    if (!m_db.exec(q))
        return Outcome<QList<Room>>::failure(m_db.failureCode());
    QList<Room> rooms;
    while (q.next()) {
        Room room;
        room.id = q.value(0).toLongLong();
        room.name = q.value(1).toString();
        room.capacity = q.value(2).toInt();
        room.state = q.value(3).toString();
        room.createdAt = q.value(4).toLongLong();
        room.lastActivity = q.value(5).toLongLong();
        room.occupants = q.value(6).toInt();
        room.reserved = q.value(7).toInt();
        rooms.append(room);
    }
    q.finish();
    return {ErrorCode::Ok, rooms};
}

Outcome<ChatMessage> RoomStore::appendMessage(const Membership &membership, const QString &text,
                                              const QString &clientId, qint64 now, bool *duplicate)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return Outcome<ChatMessage>::failure(m_db.failureCode());
    ChatMessage msg;
    msg.room = membership.roomName;
    msg.from = membership.userName;
    *duplicate = false;
    if (!clientId.isEmpty()) {
        QSqlQuery &seen = m_db.prepared(QStringLiteral(
            "SELECT id, body, sent_at FROM messages WHERE room_id = ? AND user_id = ? AND "
            "client_id = ?"));
        seen.addBindValue(membership.roomId);
        seen.addBindValue(membership.userId);
        seen.addBindValue(clientId);
        if (!m_db.exec(seen))
            return Outcome<ChatMessage>::failure(m_db.failureCode());
        if (seen.next()) {
            msg.id = seen.value(0).toLongLong();
            msg.text = seen.value(1).toString();
            msg.sentAt = seen.value(2).toLongLong();
            msg.clientId = clientId;
            seen.finish();
            *duplicate = true;
            return {ErrorCode::Ok, msg};
        }
    }
    QSqlQuery &insert = m_db.prepared(m_db.dialectSql(
        QStringLiteral("INSERT INTO messages (room_id, user_id, sender, body, client_id, sent_at) "
                       "VALUES (?, ?, ?, ?, ?, ?)"),
        QStringLiteral("INSERT INTO messages (room_id, user_id, sender, body, client_id, sent_at) "
                       "VALUES (?, ?, ?, ?, ?, ?) RETURNING id")));
    insert.addBindValue(membership.roomId);
    insert.addBindValue(membership.userId);
    insert.addBindValue(membership.userName);
    insert.addBindValue(text);
    insert.addBindValue(clientId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : clientId);
    insert.addBindValue(now);
    if (!m_db.exec(insert))
        return Outcome<ChatMessage>::failure(m_db.failureCode());
    if (m_db.dialect() == Database::Dialect::Postgres) {
        if (!insert.next())
            return Outcome<ChatMessage>::failure(m_db.failureCode());
        msg.id = insert.value(0).toLongLong();
    } else {
        msg.id = insert.lastInsertId().toLongLong();
    }
    insert.finish();
    QSqlQuery &touch
        = m_db.prepared(QStringLiteral("UPDATE rooms SET last_activity = ? WHERE id = ?"));
    touch.addBindValue(now);
    touch.addBindValue(membership.roomId);
    if (!m_db.exec(touch))
        return Outcome<ChatMessage>::failure(m_db.failureCode());
    if (!tx.commit())
        return Outcome<ChatMessage>::failure(m_db.failureCode());
    msg.text = text;
    msg.clientId = clientId;
    msg.sentAt = now;
    return {ErrorCode::Ok, msg};
}

Outcome<bool> RoomStore::endMembership(qint64 membershipId, qint64 now)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return Outcome<bool>::failure(m_db.failureCode());
    QSqlQuery &touch = m_db.prepared(QStringLiteral(
        "UPDATE rooms SET last_activity = ? WHERE id = (SELECT room_id FROM memberships WHERE "
        "id = ?)"));
    touch.addBindValue(now);
    touch.addBindValue(membershipId);
    if (!m_db.exec(touch))
        return Outcome<bool>::failure(m_db.failureCode());
    QSqlQuery &del = m_db.prepared(QStringLiteral("DELETE FROM memberships WHERE id = ?"));
    del.addBindValue(membershipId);
    if (!m_db.exec(del))
        return Outcome<bool>::failure(m_db.failureCode());
    const bool existed = del.numRowsAffected() > 0;
    if (!tx.commit())
        return Outcome<bool>::failure(m_db.failureCode());
    return {ErrorCode::Ok, existed};
}

ErrorCode RoomStore::heartbeat(const QString &nodeId, qint64 now, qint64 leaseMs)
{
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("INSERT INTO nodes (id, lease_expires, started_at) VALUES (?, ?, ?) "
                       "ON CONFLICT (id) DO UPDATE SET lease_expires = excluded.lease_expires"));
    q.addBindValue(nodeId);
    q.addBindValue(now + leaseMs);
    q.addBindValue(now);
    return m_db.exec(q) ? ErrorCode::Ok : m_db.lastErrorCode();
}

Outcome<QList<Membership>> RoomStore::deleteMemberships(const QString &where,
                                                        const QVariantList &binds)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return Outcome<QList<Membership>>::failure(m_db.failureCode());
    QSqlQuery &q = m_db.prepared(SqlRows::membershipSelect() + QStringLiteral("WHERE ") + where);
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!m_db.exec(q))
        return Outcome<QList<Membership>>::failure(m_db.failureCode());
    QList<Membership> gone;
    while (q.next())
        gone.append(SqlRows::membership(q));
    q.finish();
    QSqlQuery &del = m_db.prepared(QStringLiteral("DELETE FROM memberships WHERE id = ?"));
    for (const Membership &m : std::as_const(gone)) {
        del.addBindValue(m.id);
        if (!m_db.exec(del))
            return Outcome<QList<Membership>>::failure(m_db.failureCode());
    }
    if (!tx.commit())
        return Outcome<QList<Membership>>::failure(m_db.failureCode());
    return {ErrorCode::Ok, gone};
}

Outcome<QList<Membership>> RoomStore::releaseNode(const QString &nodeId)
{
    return deleteMemberships(QStringLiteral("m.node_id = ?"), {nodeId});
}

Outcome<QList<Membership>> RoomStore::reapDeadNodes(const QString &selfId, qint64 now)
{
    return deleteMemberships(
        QStringLiteral("m.node_id <> ? AND m.node_id IN (SELECT id FROM nodes WHERE "
                       "lease_expires < ?)"),
        {selfId, now});
}

} // namespace roomgate::server
