// SPDX-License-Identifier: MIT
#include "server/storage/reservationstore.h"

#include "server/storage/database.h"

#include <QVariant>

namespace roomgate::server {

namespace {

// The one row reader of reservations, with the user's and the room's names (the room
// may be gone: its reservations stay so that their claims answer ROOM_NOT_FOUND).
const QString kReservationSelect = QStringLiteral(
    "SELECT v.id, v.room_id, COALESCE(r.name, ''), v.user_id, u.name, v.node_id, v.state, "
    "v.created_at, v.expires_at FROM reservations v JOIN users u ON u.id = v.user_id LEFT JOIN "
    "rooms r ON r.id = v.room_id WHERE ");

Reservation readReservation(const QSqlQuery &q)
{
    Reservation r;
    r.id = q.value(0).toString();
    r.roomId = q.value(1).toLongLong();
    r.roomName = q.value(2).toString();
    r.userId = q.value(3).toLongLong();
    r.userName = q.value(4).toString();
    r.nodeId = q.value(5).toString();
    r.state = reservationStateFromName(q.value(6).toString());
    r.createdAt = q.value(7).toLongLong();
    r.expiresAt = q.value(8).toLongLong();
    return r;
}

std::optional<Reservation> first(const QList<Reservation> &list)
{
    if (list.isEmpty())
        return std::nullopt;
    return list.first();
}

} // namespace

Outcome<QList<Reservation>> ReservationStore::select(const QString &where,
                                                     const QVariantList &binds)
{
    QSqlQuery &q = m_db.prepared(kReservationSelect + where);
    for (const QVariant &value : binds)
        q.addBindValue(value);
    if (!m_db.exec(q))
        return Outcome<QList<Reservation>>::failure(m_db.failureCode());
    QList<Reservation> out;
    while (q.next())
        out.append(readReservation(q));
    q.finish();
    return {ErrorCode::Ok, out};
}

ErrorCode ReservationStore::insert(const Reservation &r)
{
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("INSERT INTO reservations (id, room_id, user_id, node_id, state, "
                       "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(r.id);
    q.addBindValue(r.roomId);
    q.addBindValue(r.userId);
    q.addBindValue(r.nodeId);
    q.addBindValue(reservationStateName(r.state));
    q.addBindValue(r.createdAt);
    q.addBindValue(r.expiresAt);
    return m_db.exec(q) ? ErrorCode::Ok : m_db.failureCode();
}

Outcome<std::optional<Reservation>> ReservationStore::byId(const QString &id)
{
    const auto found = select(QStringLiteral("v.id = ?"), {id});
    return {found.code, first(found.value)};
}

Outcome<std::optional<Reservation>> ReservationStore::liveOf(qint64 userId, qint64 roomId,
                                                             qint64 now)
{
    const auto found = select(QStringLiteral("v.user_id = ? AND v.room_id = ? AND v.state = "
                                             "'live' AND v.expires_at > ?"),
                              {userId, roomId, now});
    return {found.code, first(found.value)};
}

Outcome<std::optional<Reservation>> ReservationStore::liveById(const QString &id, qint64 now)
{
    const auto found = select(
        QStringLiteral("v.id = ? AND v.state = 'live' AND v.expires_at > ? AND r.id IS NOT NULL"),
        {id, now});
    return {found.code, first(found.value)};
}

Outcome<QList<Reservation>> ReservationStore::live(const QString &roomKey, qint64 now)
{
    // A null QString binds as SQL NULL, which '' never equals: bind "all rooms" as ''.
    const QString key = roomKey.isNull() ? QStringLiteral("") : roomKey;
    return select(QStringLiteral("v.state = 'live' AND v.expires_at > ? AND r.id IS NOT NULL "
                                 "AND (? = '' OR r.name_key = ?) ORDER BY v.expires_at"),
                  {now, key, key});
}

Outcome<QList<Reservation>> ReservationStore::liveIn(qint64 roomId, std::optional<qint64> userId,
                                                     qint64 now)
{
    if (userId) {
        return select(QStringLiteral("v.room_id = ? AND v.user_id = ? AND v.state = 'live' AND "
                                     "v.expires_at > ?"),
                      {roomId, *userId, now});
    }
    return select(QStringLiteral("v.room_id = ? AND v.state = 'live' AND v.expires_at > ?"),
                  {roomId, now});
}

Outcome<QList<Reservation>> ReservationStore::due(qint64 now)
{
    // PostgreSQL: several nodes sweep at once; each takes the rows no other one holds, so
    // every expiry is decided (and announced) once.
    return select(
        m_db.dialectSql(QStringLiteral("v.state = 'live' AND v.expires_at <= ?"),
                        QStringLiteral("v.state = 'live' AND v.expires_at <= ? FOR UPDATE OF v "
                                       "SKIP LOCKED")),
        {now});
}

Outcome<bool> ReservationStore::end(const QString &id, ReservationState to)
{
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("UPDATE reservations SET state = ? WHERE id = ? AND state = 'live'"));
    q.addBindValue(reservationStateName(to));
    q.addBindValue(id);
    if (!m_db.exec(q))
        return Outcome<bool>::failure(m_db.failureCode());
    return {ErrorCode::Ok, q.numRowsAffected() == 1};
}

ErrorCode ReservationStore::endAllIn(qint64 roomId, std::optional<qint64> userId,
                                     ReservationState to)
{
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("UPDATE reservations SET state = ? WHERE room_id = ? AND state = 'live' "
                       "AND (? = 0 OR user_id = ?)"));
    q.addBindValue(reservationStateName(to));
    q.addBindValue(roomId);
    q.addBindValue(userId ? 1 : 0);
    q.addBindValue(userId.value_or(0));
    return m_db.exec(q) ? ErrorCode::Ok : m_db.failureCode();
}

ErrorCode ReservationStore::remove(const QString &id)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral("DELETE FROM reservations WHERE id = ?"));
    q.addBindValue(id);
    return m_db.exec(q) ? ErrorCode::Ok : m_db.failureCode();
}

ErrorCode ReservationStore::purgeEnded(qint64 before)
{
    // Each ended state by name, not `state <> 'live'`: an inequality cannot seek
    // reservations_expiry, and every sweep would read the whole table (ended rows are kept
    // ten minutes: at 1000 entries a second, 600,000 of them).
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("DELETE FROM reservations WHERE state IN ('claimed', 'expired', "
                       "'room_closed', 'banned') AND expires_at < ?"));
    q.addBindValue(before);
    return m_db.exec(q) ? ErrorCode::Ok : m_db.failureCode();
}

} // namespace roomgate::server
