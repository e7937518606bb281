// SPDX-License-Identifier: MIT
#include "server/storage/membershipstore.h"

#include "server/storage/database.h"

#include <QVariant>

namespace roomgate::server {

namespace {

// The one row reader of memberships, with the room's and the user's names.
const QString kMembershipSelect = QStringLiteral(
    "SELECT m.id, m.room_id, r.name, m.user_id, u.name, m.node_id, m.connection_id, m.address, "
    "m.since FROM memberships m JOIN rooms r ON r.id = m.room_id JOIN users u ON u.id = "
    "m.user_id WHERE ");

Membership readMembership(const QSqlQuery &q)
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

std::optional<Membership> first(const QList<Membership> &list)
{
    if (list.isEmpty())
        return std::nullopt;
    return list.first();
}

} // namespace

Outcome<QList<Membership>> MembershipStore::select(const QString &where, const QVariantList &binds)
{
    QSqlQuery &q = m_db.prepared(kMembershipSelect + where);
    for (const QVariant &value : binds)
        q.addBindValue(value);
    if (!m_db.exec(q))
        return Outcome<QList<Membership>>::failure(m_db.failureCode());
    QList<Membership> out;
    while (q.next())
        out.append(readMembership(q));
    q.finish();
    return {ErrorCode::Ok, out};
}

Outcome<qint64> MembershipStore::insert(const Membership &m)
{
    const QString sql = QStringLiteral(
        "INSERT INTO memberships (room_id, user_id, node_id, connection_id, address, since) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    QSqlQuery &q = m_db.prepared(m_db.dialectSql(sql, sql + QStringLiteral(" RETURNING id")));
    q.addBindValue(m.roomId);
    q.addBindValue(m.userId);
    q.addBindValue(m.nodeId);
    q.addBindValue(m.connectionId);
    q.addBindValue(m.address);
    q.addBindValue(m.since);
    if (!m_db.exec(q))
        return Outcome<qint64>::failure(m_db.failureCode());
    return {ErrorCode::Ok, m_db.insertedId(q)};
}

Outcome<std::optional<Membership>> MembershipStore::of(qint64 roomId, qint64 userId)
{
    const auto found = select(QStringLiteral("m.room_id = ? AND m.user_id = ?"), {roomId, userId});
    return {found.code, first(found.value)};
}

Outcome<std::optional<Membership>> MembershipStore::ofUserKey(qint64 roomId, const QString &userKey)
{
    const auto found
        = select(QStringLiteral("m.room_id = ? AND u.name_key = ?"), {roomId, userKey});
    return {found.code, first(found.value)};
}

Outcome<QStringList> MembershipStore::names(qint64 roomId)
{
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("SELECT u.name FROM memberships m JOIN users u ON u.id = m.user_id WHERE "
                       "m.room_id = ? ORDER BY m.since, m.id"));
    q.addBindValue(roomId);
    if (!m_db.exec(q))
        return Outcome<QStringList>::failure(m_db.failureCode());
    QStringList names;
    while (q.next())
        names.append(q.value(0).toString());
    q.finish();
    return {ErrorCode::Ok, names};
}

Outcome<QList<Membership>> MembershipStore::inRoom(qint64 roomId)
{
    return select(QStringLiteral("m.room_id = ?"), {roomId});
}

Outcome<QList<Membership>> MembershipStore::list(const QString &roomKey)
{
    // A null QString binds as SQL NULL, which '' never equals: bind "all rooms" as ''.
    const QString key = roomKey.isNull() ? QStringLiteral("") : roomKey;
    return select(QStringLiteral("(? = '' OR r.name_key = ?) ORDER BY r.name_key, m.since"),
                  {key, key});
}

Outcome<QList<Membership>> MembershipStore::ofNode(const QString &nodeId)
{
    return select(QStringLiteral("m.node_id = ?"), {nodeId});
}

Outcome<QList<Membership>> MembershipStore::ofLapsedNodes(const QString &selfId, qint64 now)
{
    return select(QStringLiteral("m.node_id <> ? AND m.node_id IN (SELECT id FROM nodes WHERE "
                                 "lease_expires < ?)"),
                  {selfId, now});
}

Outcome<std::optional<qint64>> MembershipStore::remove(qint64 id)
{
    QSqlQuery &q
        = m_db.prepared(QStringLiteral("DELETE FROM memberships WHERE id = ? RETURNING room_id"));
    q.addBindValue(id);
    if (!m_db.exec(q))
        return Outcome<std::optional<qint64>>::failure(m_db.failureCode());
    std::optional<qint64> room;
    if (q.next())
        room = q.value(0).toLongLong();
    q.finish();
    return {ErrorCode::Ok, room};
}

ErrorCode MembershipStore::removeAll(const QList<Membership> &memberships)
{
    for (const Membership &m : memberships) {
        const auto removed = remove(m.id);
        if (!removed.ok())
            return removed.code;
    }
    return ErrorCode::Ok;
}

} // namespace roomgate::server
