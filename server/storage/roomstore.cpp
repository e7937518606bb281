// SPDX-License-Identifier: MIT
#include "server/storage/roomstore.h"

#include "server/storage/database.h"

#include <QVariant>

namespace roomgate::server {

namespace {

// The one row reader of rooms: columns, then members and live reservations counted (binds:
// now). kRoomSelect is the whole statement up to its WHERE.
const QString kRoomColumns = QStringLiteral(
    "SELECT r.id, r.name, r.capacity, r.state, r.created_at, r.last_activity, "
    "(SELECT COUNT(*) FROM memberships m WHERE m.room_id = r.id), "
    "(SELECT COUNT(*) FROM reservations v WHERE v.room_id = r.id AND v.state = 'live' AND "
    "v.expires_at > ?)");
const QString kRoomFrom = QStringLiteral(" FROM rooms r ");
const QString kRoomSelect = kRoomColumns + kRoomFrom;
constexpr int kRoomColumnCount = 8;

// What RoomForEntry adds, after the room's columns (binds: user, user, user, now, now).
const QString kEntryColumns = QStringLiteral(
    ", EXISTS (SELECT 1 FROM bans b WHERE b.room_id = r.id AND b.user_id = ?), "
    "EXISTS (SELECT 1 FROM memberships m WHERE m.room_id = r.id AND m.user_id = ?), "
    "EXISTS (SELECT 1 FROM reservations v WHERE v.user_id = ? AND v.room_id = r.id AND "
    "v.state = 'live' AND v.expires_at > ?), "
    "(SELECT MIN(v.expires_at) FROM reservations v WHERE v.room_id = r.id AND v.state = 'live' "
    "AND v.expires_at > ?)");

// What RoomForClaim adds, after the room's columns (binds: user, user).
const QString kClaimColumns
    = QStringLiteral(", EXISTS (SELECT 1 FROM bans b WHERE b.room_id = r.id AND b.user_id = ?), "
                     "(SELECT COUNT(*) FROM memberships m WHERE m.user_id = ?)");

Room readRoom(const QSqlQuery &q)
{
    Room room;
    room.id = q.value(0).toLongLong();
    room.name = q.value(1).toString();
    room.capacity = q.value(2).toInt();
    room.state = roomStateFromName(q.value(3).toString());
    room.createdAt = q.value(4).toLongLong();
    room.lastActivity = q.value(5).toLongLong();
    room.occupants = q.value(6).toInt();
    room.reserved = q.value(7).toInt();
    return room;
}

RoomForEntry readEntry(const QSqlQuery &q)
{
    RoomForEntry entry;
    entry.room = readRoom(q);
    entry.userBanned = q.value(kRoomColumnCount).toBool();
    entry.userIsMember = q.value(kRoomColumnCount + 1).toBool();
    entry.userHasReservation = q.value(kRoomColumnCount + 2).toBool();
    if (const QVariant earliest = q.value(kRoomColumnCount + 3); !earliest.isNull())
        entry.earliestExpiry = earliest.toLongLong();
    return entry;
}

RoomForClaim readClaim(const QSqlQuery &q)
{
    RoomForClaim found;
    found.room = readRoom(q);
    found.userBanned = q.value(kRoomColumnCount).toBool();
    found.userSockets = q.value(kRoomColumnCount + 1).toInt();
    return found;
}

} // namespace

Outcome<bool> RoomStore::lockRow(const QString &column, const QVariant &key, Lock lock)
{
    if (lock != Lock::ForUpdate || m_db.dialect() != Database::Dialect::Postgres)
        return {ErrorCode::Ok, true};
    // Lock first, count after: in READ COMMITTED each statement sees what committed
    // before it, so counts read after the lock include every decision before ours.
    QSqlQuery &locked
        = m_db.prepared(QStringLiteral("SELECT id FROM rooms WHERE %1 = ? FOR UPDATE").arg(column));
    locked.addBindValue(key);
    bool found = false;
    if (!m_db.execFound(locked, found))
        return Outcome<bool>::failure(m_db.failureCode());
    return {ErrorCode::Ok, found};
}

template<typename T>
Outcome<std::optional<T>>
RoomStore::readLocked(const QString &column, const QVariant &key, Lock lock, const QString &sql,
                      std::initializer_list<QVariant> binds, T (*read)(const QSqlQuery &))
{
    using Result = Outcome<std::optional<T>>;
    const auto locked = lockRow(column, key, lock);
    if (!locked.ok())
        return Result::failure(locked.code);
    if (!locked.value)
        return {ErrorCode::Ok, std::nullopt};
    QSqlQuery &q = m_db.prepared(sql);
    for (const QVariant &value : binds)
        q.addBindValue(value);
    if (!m_db.exec(q))
        return Result::failure(m_db.failureCode());
    std::optional<T> found;
    if (q.next())
        found = read(q);
    q.finish();
    return {ErrorCode::Ok, found};
}

Outcome<std::optional<Room>> RoomStore::load(const QString &column, const QVariant &key, qint64 now,
                                             Lock lock)
{
    return readLocked(column, key, lock, kRoomSelect + QStringLiteral("WHERE r.%1 = ?").arg(column),
                      {now, key}, readRoom);
}

Outcome<std::optional<Room>> RoomStore::byKey(const QString &key, qint64 now, Lock lock)
{
    return load(QStringLiteral("name_key"), key, now, lock);
}

Outcome<std::optional<Room>> RoomStore::byId(qint64 id, qint64 now, Lock lock)
{
    return load(QStringLiteral("id"), id, now, lock);
}

Outcome<std::optional<RoomForEntry>> RoomStore::forEntry(const QString &key, qint64 userId,
                                                         qint64 now, Lock lock)
{
    static const QString sql
        = kRoomColumns + kEntryColumns + kRoomFrom + QStringLiteral("WHERE r.name_key = ?");
    return readLocked(QStringLiteral("name_key"), key, lock, sql,
                      {now, userId, userId, userId, now, now, key}, readEntry);
}

Outcome<std::optional<RoomForClaim>> RoomStore::forClaim(qint64 id, qint64 userId, qint64 now,
                                                         Lock lock)
{
    static const QString sql
        = kRoomColumns + kClaimColumns + kRoomFrom + QStringLiteral("WHERE r.id = ?");
    return readLocked(QStringLiteral("id"), id, lock, sql, {now, userId, userId, id}, readClaim);
}

Outcome<QList<Room>> RoomStore::list(qint64 now)
{
    QSqlQuery &q = m_db.prepared(kRoomSelect + QStringLiteral("ORDER BY r.name_key"));
    q.addBindValue(now);
    if (!m_db.exec(q))
        return Outcome<QList<Room>>::failure(m_db.failureCode());
    QList<Room> rooms;
    while (q.next())
        rooms.append(readRoom(q));
    q.finish();
    return {ErrorCode::Ok, rooms};
}

Outcome<StorageCounts> RoomStore::counts(qint64 now)
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

Outcome<qint64> RoomStore::insert(const QString &name, const QString &key, int capacity,
                                  RoomState state, qint64 now)
{
    const QString sql = QStringLiteral(
        "INSERT INTO rooms (name, name_key, capacity, state, created_at, last_activity) VALUES "
        "(?, ?, ?, ?, ?, ?) ON CONFLICT (name_key) DO NOTHING");
    QSqlQuery &q = m_db.prepared(m_db.dialectSql(sql, sql + QStringLiteral(" RETURNING id")));
    q.addBindValue(name);
    q.addBindValue(key);
    q.addBindValue(capacity);
    q.addBindValue(roomStateName(state));
    q.addBindValue(now);
    q.addBindValue(now);
    if (!m_db.exec(q))
        return Outcome<qint64>::failure(m_db.failureCode());
    return {ErrorCode::Ok, m_db.insertedId(q)};
}

ErrorCode RoomStore::update(qint64 id, int capacity, RoomState state, qint64 now)
{
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("UPDATE rooms SET capacity = ?, state = ?, last_activity = ? WHERE id = ?"));
    q.addBindValue(capacity);
    q.addBindValue(roomStateName(state));
    q.addBindValue(now);
    q.addBindValue(id);
    return m_db.exec(q) ? ErrorCode::Ok : m_db.failureCode();
}

ErrorCode RoomStore::touch(qint64 id, qint64 now, std::optional<qint64> known)
{
    // At most once a second: the room row is every node's hot spot when a room chats.
    if (known && *known >= now - kTouchResolutionMs)
        return ErrorCode::Ok;
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("UPDATE rooms SET last_activity = ? WHERE id = ? AND last_activity < ?"));
    q.addBindValue(now);
    q.addBindValue(id);
    q.addBindValue(now - kTouchResolutionMs);
    return m_db.exec(q) ? ErrorCode::Ok : m_db.failureCode();
}

ErrorCode RoomStore::remove(qint64 id)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral("DELETE FROM rooms WHERE id = ?"));
    q.addBindValue(id);
    return m_db.exec(q) ? ErrorCode::Ok : m_db.failureCode();
}

Outcome<bool> RoomStore::removeIfGhost(qint64 id, qint64 now)
{
    if (m_db.dialect() == Database::Dialect::Postgres) {
        // Lock first: the DELETE's own subqueries would judge by the snapshot taken before
        // a concurrent reservation into this room committed.
        const auto locked = load(QStringLiteral("id"), id, now, Lock::ForUpdate);
        if (!locked.ok())
            return Outcome<bool>::failure(locked.code);
        if (!locked.value)
            return {ErrorCode::Ok, false};
    }
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "DELETE FROM rooms WHERE id = ? AND state = 'pending' AND NOT EXISTS (SELECT 1 FROM "
        "reservations WHERE room_id = ? AND state = 'live' AND expires_at > ?) AND NOT EXISTS "
        "(SELECT 1 FROM memberships WHERE room_id = ?)"));
    q.addBindValue(id);
    q.addBindValue(id);
    q.addBindValue(now);
    q.addBindValue(id);
    if (!m_db.exec(q))
        return Outcome<bool>::failure(m_db.failureCode());
    return {ErrorCode::Ok, q.numRowsAffected() > 0};
}

} // namespace roomgate::server
