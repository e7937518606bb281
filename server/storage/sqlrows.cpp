// SPDX-License-Identifier: MIT
#include "server/storage/sqlrows.h"

#include "server/storage/database.h"

namespace roomgate::server::SqlRows {

const QString &membershipSelect()
{
    static const QString sql = QStringLiteral(
        "SELECT m.id, m.room_id, r.name, m.user_id, u.name, m.node_id, m.connection_id, "
        "m.address, m.since FROM memberships m JOIN rooms r ON r.id = m.room_id JOIN users u ON "
        "u.id = m.user_id ");
    return sql;
}

Membership membership(const QSqlQuery &q)
{
    Membership m;
    m.id = q.value(0).toLongLong();
    m.roomId = q.value(1).toLongLong();
    m.roomName = q.value(2).toString();
    m.userId = q.value(3).toLongLong();
    m.userName = q.value(4).toString();
    m.nodeId = q.value(5).toString();
    m.connectionId = q.value(6).toString();
    m.address = q.value(7).toString();
    m.since = q.value(8).toLongLong();
    return m;
}

bool loadRoom(Database &db, const QString &column, const QVariant &key, qint64 now, bool lock,
              Room *room, bool *found)
{
    const QString select = QStringLiteral("SELECT id, name, capacity, state, created_at, "
                                          "last_activity FROM rooms WHERE %1 = ?")
                               .arg(column);
    QSqlQuery &q = db.prepared(lock ? db.dialectSql(select, select + QStringLiteral(" FOR UPDATE"))
                                    : select);
    q.addBindValue(key);
    if (!db.exec(q))
        return false;
    *found = q.next();
    if (!*found)
        return true;
    room->id = q.value(0).toLongLong();
    room->name = q.value(1).toString();
    room->capacity = q.value(2).toInt();
    room->state = q.value(3).toString();
    room->createdAt = q.value(4).toLongLong();
    room->lastActivity = q.value(5).toLongLong();
    q.finish();

    QSqlQuery &counts = db.prepared(QStringLiteral(
        "SELECT (SELECT COUNT(*) FROM memberships WHERE room_id = ?), (SELECT COUNT(*) FROM "
        "reservations WHERE room_id = ? AND state = 'live' AND expires_at > ?)"));
    counts.addBindValue(room->id);
    counts.addBindValue(room->id);
    counts.addBindValue(now);
    if (!db.exec(counts) || !counts.next())
        return false;
    room->occupants = counts.value(0).toInt();
    room->reserved = counts.value(1).toInt();
    counts.finish();
    return true;
}

} // namespace roomgate::server::SqlRows
