// SPDX-License-Identifier: MIT
#include "server/admission/sqlentryqueue.h"

#include "server/storage/database.h"
#include "server/storage/sqlrows.h"

#include <QVariant>

namespace roomgate::server {

namespace {

// Reservation states. A row leaves `live` once; ended rows stay (hash only) so that
// a replay is told TICKET_ALREADY_USED / TICKET_EXPIRED rather than TICKET_INVALID.
const QString kLive = QStringLiteral("live");
const QString kClaimed = QStringLiteral("claimed");
const QString kExpired = QStringLiteral("expired");
const QString kRoomClosed = QStringLiteral("room_closed"); // revoked by closing the room
const QString kBanned = QStringLiteral("banned"); // revoked by a ban

constexpr qint64 kRememberEndedMs = 10 * 60 * 1000;

Reservation readReservation(const QSqlQuery &q)
{
    Reservation r;
    r.id = q.value(0).toString();
    r.roomId = q.value(1).toLongLong();
    r.userId = q.value(2).toLongLong();
    r.nodeId = q.value(3).toString();
    r.createdAt = q.value(4).toLongLong();
    r.expiresAt = q.value(5).toLongLong();
    r.userName = q.value(6).toString();
    r.roomName = q.value(7).toString();
    return r;
}

const QString kReservationColumns
    = QStringLiteral("r.id, r.room_id, r.user_id, r.node_id, r.created_at, r.expires_at, u.name, "
                     "COALESCE(m.name, '')");

} // namespace

bool SqlEntryQueue::loadRoom(const QString &column, const QVariant &key, qint64 now, bool lock,
                             Room *room, bool *found)
{
    return SqlRows::loadRoom(m_db, column, key, now, lock, room, found);
}

bool SqlEntryQueue::deleteRoomIfGhost(qint64 roomId, qint64 now, bool *deleted)
{
    // A pending room has never been claimed: it goes when no live reservation holds it.
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "DELETE FROM rooms WHERE id = ? AND state = 'pending' AND NOT EXISTS (SELECT 1 FROM "
        "reservations WHERE room_id = ? AND state = 'live' AND expires_at > ?) AND NOT EXISTS "
        "(SELECT 1 FROM memberships WHERE room_id = ?)"));
    q.addBindValue(roomId);
    q.addBindValue(roomId);
    q.addBindValue(now);
    q.addBindValue(roomId);
    if (!m_db.exec(q))
        return false;
    *deleted = q.numRowsAffected() > 0;
    return true;
}

Outcome<ReserveResult> SqlEntryQueue::reserve(const ReserveRequest &request)
{
    using Result = Outcome<ReserveResult>;
    Transaction tx(m_db);
    if (!tx.isActive())
        return Outcome<ReserveResult>::failure(m_db.failureCode());

    ReserveResult result;
    Room &room = result.room;
    bool found = false;
    if (!loadRoom(QStringLiteral("name_key"), request.roomKey, request.now, true, &room, &found))
        return Outcome<ReserveResult>::failure(m_db.failureCode());

    if (!found) {
        if (!request.create)
            return Result::failure(ErrorCode::RoomNotFound);
        QSqlQuery &insert = m_db.prepared(QStringLiteral(
            "INSERT INTO rooms (name, name_key, capacity, state, created_at, last_activity) "
            "VALUES (?, ?, ?, 'pending', ?, ?)"));
        insert.addBindValue(request.roomName);
        insert.addBindValue(request.roomKey);
        insert.addBindValue(request.capacity);
        insert.addBindValue(request.now);
        insert.addBindValue(request.now);
        if (!m_db.exec(insert))
            return Outcome<ReserveResult>::failure(m_db.failureCode());
        if (!loadRoom(QStringLiteral("name_key"), request.roomKey, request.now, true, &room, &found)
            || !found)
            return Outcome<ReserveResult>::failure(m_db.failureCode());
        result.roomCreated = true;
    } else {
        QSqlQuery &checks = m_db.prepared(
            QStringLiteral("SELECT (SELECT COUNT(*) FROM bans WHERE room_id = ? AND user_id = ?), "
                           "(SELECT COUNT(*) FROM memberships WHERE room_id = ? AND user_id = ?)"));
        checks.addBindValue(room.id);
        checks.addBindValue(request.userId);
        checks.addBindValue(room.id);
        checks.addBindValue(request.userId);
        if (!m_db.exec(checks) || !checks.next())
            return Outcome<ReserveResult>::failure(m_db.failureCode());
        const bool banned = checks.value(0).toInt() > 0;
        const bool member = checks.value(1).toInt() > 0;
        checks.finish();
        if (banned || room.state == QLatin1String("closed"))
            return Result::failure(ErrorCode::Forbidden);
        if (member)
            return Result::failure(ErrorCode::AlreadyInRoom);

        QSqlQuery &mine = m_db.prepared(
            QStringLiteral("SELECT ") + kReservationColumns
            + QStringLiteral(" FROM reservations r JOIN users u ON u.id = r.user_id "
                             "LEFT JOIN rooms m ON m.id = r.room_id WHERE r.user_id = ? AND "
                             "r.room_id = ? AND r.state = 'live' AND r.expires_at > ?"));
        mine.addBindValue(request.userId);
        mine.addBindValue(room.id);
        mine.addBindValue(request.now);
        if (!m_db.exec(mine))
            return Outcome<ReserveResult>::failure(m_db.failureCode());
        if (mine.next()) {
            result.reservation = readReservation(mine);
            mine.finish();
            result.repeated = true;
            if (!tx.commit())
                return Outcome<ReserveResult>::failure(m_db.failureCode());
            return {ErrorCode::Ok, result};
        }

        if (room.occupants + room.reserved >= room.capacity) {
            QSqlQuery &earliest = m_db.prepared(QStringLiteral(
                "SELECT MIN(expires_at) FROM reservations WHERE room_id = ? AND state = 'live' "
                "AND expires_at > ?"));
            earliest.addBindValue(room.id);
            earliest.addBindValue(request.now);
            if (m_db.exec(earliest) && earliest.next() && !earliest.value(0).isNull())
                result.retryAfterMs = earliest.value(0).toLongLong() - request.now;
            earliest.finish();
            Result full = Result::failure(ErrorCode::RoomFull);
            full.value = result;
            return full;
        }
    }

    QSqlQuery &insert = m_db.prepared(QStringLiteral(
        "INSERT INTO reservations (id, ticket_hash, room_id, user_id, node_id, state, created_at, "
        "expires_at) VALUES (?, ?, ?, ?, ?, 'live', ?, ?)"));
    insert.addBindValue(request.newId);
    insert.addBindValue(request.newTicketHash);
    insert.addBindValue(room.id);
    insert.addBindValue(request.userId);
    insert.addBindValue(request.nodeId);
    insert.addBindValue(request.now);
    insert.addBindValue(request.now + request.ttlMs);
    if (!m_db.exec(insert))
        return Outcome<ReserveResult>::failure(m_db.failureCode());
    QSqlQuery &touch
        = m_db.prepared(QStringLiteral("UPDATE rooms SET last_activity = ? WHERE id = ?"));
    touch.addBindValue(request.now);
    touch.addBindValue(room.id);
    if (!m_db.exec(touch))
        return Outcome<ReserveResult>::failure(m_db.failureCode());
    if (!tx.commit())
        return Outcome<ReserveResult>::failure(m_db.failureCode());

    room.reserved += 1;
    room.lastActivity = request.now;
    Reservation &r = result.reservation;
    r.id = request.newId;
    r.roomId = room.id;
    r.roomName = room.name;
    r.userId = request.userId;
    r.nodeId = request.nodeId;
    r.createdAt = request.now;
    r.expiresAt = request.now + request.ttlMs;
    return {ErrorCode::Ok, result};
}

Outcome<CancelResult> SqlEntryQueue::cancel(const QString &ticketHash, qint64 userId, qint64 now)
{
    using Result = Outcome<CancelResult>;
    Transaction tx(m_db);
    if (!tx.isActive())
        return Outcome<CancelResult>::failure(m_db.failureCode());
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("SELECT ") + kReservationColumns
        + QStringLiteral(" FROM reservations r JOIN users u ON u.id = r.user_id LEFT JOIN rooms m "
                         "ON m.id = r.room_id WHERE r.ticket_hash = ? AND r.user_id = ? AND "
                         "r.state = 'live' AND r.expires_at > ?"));
    q.addBindValue(ticketHash);
    q.addBindValue(userId);
    q.addBindValue(now);
    if (!m_db.exec(q))
        return Outcome<CancelResult>::failure(m_db.failureCode());
    if (!q.next())
        return Result::failure(ErrorCode::ReservationNotFound);
    CancelResult result;
    result.reservation = readReservation(q);
    q.finish();
    // A cancelled ticket is forgotten: a later claim is TICKET_INVALID.
    QSqlQuery &del = m_db.prepared(QStringLiteral("DELETE FROM reservations WHERE id = ?"));
    del.addBindValue(result.reservation.id);
    if (!m_db.exec(del))
        return Outcome<CancelResult>::failure(m_db.failureCode());
    if (!deleteRoomIfGhost(result.reservation.roomId, now, &result.roomDeleted))
        return Outcome<CancelResult>::failure(m_db.failureCode());
    if (!tx.commit())
        return Outcome<CancelResult>::failure(m_db.failureCode());
    return {ErrorCode::Ok, result};
}

Outcome<ClaimResult> SqlEntryQueue::claim(const ClaimRequest &request)
{
    using Result = Outcome<ClaimResult>;
    Transaction tx(m_db);
    if (!tx.isActive())
        return Outcome<ClaimResult>::failure(m_db.failureCode());

    QSqlQuery &q = m_db.prepared(
        QStringLiteral("SELECT ") + kReservationColumns
        + QStringLiteral(", r.state FROM reservations r JOIN users u ON u.id = r.user_id LEFT JOIN "
                         "rooms m ON m.id = r.room_id WHERE r.ticket_hash = ?"));
    q.addBindValue(request.ticketHash);
    if (!m_db.exec(q))
        return Outcome<ClaimResult>::failure(m_db.failureCode());
    if (!q.next())
        return Result::failure(ErrorCode::TicketInvalid);
    ClaimResult result;
    result.reservation = readReservation(q);
    const QString state = q.value(8).toString();
    q.finish();
    const Reservation &r = result.reservation;

    // The ticket first, then its room, then the user: the contract's order.
    if (state == kClaimed)
        return Result{ErrorCode::TicketAlreadyUsed,
                      result}; // with the reservation: its room names the refusal
    if (state == kExpired || r.expiresAt <= request.now)
        return Result{ErrorCode::TicketExpired, result};
    if (state != kLive && state != kRoomClosed && state != kBanned)
        return Result{ErrorCode::TicketInvalid, result};

    Room &room = result.room;
    bool found = false;
    if (!loadRoom(QStringLiteral("id"), r.roomId, request.now, true, &room, &found))
        return Outcome<ClaimResult>::failure(m_db.failureCode());
    if (!found)
        return Result{ErrorCode::RoomNotFound, result};
    if (state == kRoomClosed || room.state == QLatin1String("closed"))
        return Result{ErrorCode::RoomClosed, result};
    QSqlQuery &ban = m_db.prepared(
        QStringLiteral("SELECT COUNT(*) FROM bans WHERE room_id = ? AND user_id = ?"));
    ban.addBindValue(room.id);
    ban.addBindValue(r.userId);
    if (!m_db.exec(ban) || !ban.next())
        return Outcome<ClaimResult>::failure(m_db.failureCode());
    const bool banned = ban.value(0).toInt() > 0;
    ban.finish();
    if (state == kBanned || banned)
        return Result{ErrorCode::Kicked, result};

    QSqlQuery &use = m_db.prepared(QStringLiteral(
        "UPDATE reservations SET state = 'claimed' WHERE id = ? AND state = 'live'"));
    use.addBindValue(r.id);
    if (!m_db.exec(use))
        return Outcome<ClaimResult>::failure(m_db.failureCode());
    if (use.numRowsAffected() != 1)
        return Result{ErrorCode::TicketAlreadyUsed, result};

    QSqlQuery &member = m_db.prepared(QStringLiteral(
        "INSERT INTO memberships (room_id, user_id, node_id, connection_id, address, since) "
        "VALUES (?, ?, ?, ?, ?, ?)"));
    member.addBindValue(room.id);
    member.addBindValue(r.userId);
    member.addBindValue(request.nodeId);
    member.addBindValue(request.connectionId);
    member.addBindValue(request.address);
    member.addBindValue(request.now);
    if (!m_db.exec(member))
        return Outcome<ClaimResult>::failure(m_db.failureCode());
    QSqlQuery &memberId = m_db.prepared(
        QStringLiteral("SELECT id FROM memberships WHERE room_id = ? AND user_id = ?"));
    memberId.addBindValue(room.id);
    memberId.addBindValue(r.userId);
    if (!m_db.exec(memberId) || !memberId.next())
        return Outcome<ClaimResult>::failure(m_db.failureCode());
    Membership &m = result.membership;
    m.id = memberId.value(0).toLongLong();
    memberId.finish();
    m.roomId = room.id;
    m.roomName = room.name;
    m.userId = r.userId;
    m.userName = r.userName;
    m.nodeId = request.nodeId;
    m.connectionId = request.connectionId;
    m.address = request.address;
    m.since = request.now;

    result.roomOpened = room.state == QLatin1String("pending");
    QSqlQuery &open = m_db.prepared(QStringLiteral(
        "UPDATE rooms SET state = CASE WHEN state = 'pending' THEN 'open' ELSE state END, "
        "last_activity = ? WHERE id = ?"));
    open.addBindValue(request.now);
    open.addBindValue(room.id);
    if (!m_db.exec(open))
        return Outcome<ClaimResult>::failure(m_db.failureCode());
    if (result.roomOpened)
        room.state = QStringLiteral("open");
    room.occupants += 1;
    room.reserved -= 1;
    room.lastActivity = request.now;

    QSqlQuery &names = m_db.prepared(QStringLiteral(
        "SELECT u.name FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.room_id = ? "
        "ORDER BY m.since, m.id"));
    names.addBindValue(room.id);
    if (!m_db.exec(names))
        return Outcome<ClaimResult>::failure(m_db.failureCode());
    while (names.next())
        result.members.append(names.value(0).toString());
    names.finish();

    QSqlQuery &history = m_db.prepared(QStringLiteral(
        "SELECT id, sender, body, client_id, sent_at FROM messages WHERE room_id = ? "
        "ORDER BY id DESC LIMIT ?"));
    history.addBindValue(room.id);
    history.addBindValue(request.historyLimit);
    if (!m_db.exec(history))
        return Outcome<ClaimResult>::failure(m_db.failureCode());
    while (history.next()) {
        ChatMessage msg;
        msg.id = history.value(0).toLongLong();
        msg.room = room.name;
        msg.from = history.value(1).toString();
        msg.text = history.value(2).toString();
        msg.clientId = history.value(3).toString();
        msg.sentAt = history.value(4).toLongLong();
        result.history.prepend(msg);
    }
    history.finish();

    if (!tx.commit())
        return Outcome<ClaimResult>::failure(m_db.failureCode());
    return {ErrorCode::Ok, result};
}

Outcome<ExpiryResult> SqlEntryQueue::expireDue(qint64 now)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return Outcome<ExpiryResult>::failure(m_db.failureCode());
    ExpiryResult result;
    QSqlQuery &due = m_db.prepared(
        QStringLiteral("SELECT ") + kReservationColumns
        + QStringLiteral(" FROM reservations r JOIN users u ON u.id = r.user_id LEFT JOIN rooms m "
                         "ON m.id = r.room_id WHERE r.state = 'live' AND r.expires_at <= ?"));
    due.addBindValue(now);
    if (!m_db.exec(due))
        return Outcome<ExpiryResult>::failure(m_db.failureCode());
    while (due.next())
        result.expired.append(readReservation(due));
    due.finish();

    if (!result.expired.isEmpty()) {
        QSqlQuery &mark = m_db.prepared(QStringLiteral(
            "UPDATE reservations SET state = 'expired' WHERE state = 'live' AND expires_at <= ?"));
        mark.addBindValue(now);
        if (!m_db.exec(mark))
            return Outcome<ExpiryResult>::failure(m_db.failureCode());
        QSet<qint64> rooms;
        for (const Reservation &r : std::as_const(result.expired))
            rooms.insert(r.roomId);
        for (qint64 roomId : std::as_const(rooms)) {
            Room room;
            bool found = false;
            if (!loadRoom(QStringLiteral("id"), roomId, now, false, &room, &found))
                return Outcome<ExpiryResult>::failure(m_db.failureCode());
            bool deleted = false;
            if (found && !deleteRoomIfGhost(roomId, now, &deleted))
                return Outcome<ExpiryResult>::failure(m_db.failureCode());
            if (deleted)
                result.deletedRooms.append(room);
        }
    }

    QSqlQuery &purge = m_db.prepared(
        QStringLiteral("DELETE FROM reservations WHERE state <> 'live' AND expires_at < ?"));
    purge.addBindValue(now - kRememberEndedMs);
    if (!m_db.exec(purge))
        return Outcome<ExpiryResult>::failure(m_db.failureCode());
    if (!tx.commit())
        return Outcome<ExpiryResult>::failure(m_db.failureCode());
    return {ErrorCode::Ok, result};
}

Outcome<QList<Reservation>> SqlEntryQueue::liveReservations(const QString &roomKey, qint64 now)
{
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("SELECT ") + kReservationColumns
        + QStringLiteral(" FROM reservations r JOIN users u ON u.id = r.user_id JOIN rooms m ON "
                         "m.id = r.room_id WHERE r.state = 'live' AND r.expires_at > ? AND "
                         "(? = '' OR m.name_key = ?) ORDER BY r.expires_at"));
    q.addBindValue(now);
    // A null QString binds as SQL NULL, which '' never equals: bind "all rooms" as ''.
    const QString key = roomKey.isNull() ? QStringLiteral("") : roomKey;
    q.addBindValue(key);
    q.addBindValue(key);
    if (!m_db.exec(q))
        return Outcome<QList<Reservation>>::failure(m_db.failureCode());
    QList<Reservation> out;
    while (q.next())
        out.append(readReservation(q));
    q.finish();
    return {ErrorCode::Ok, out};
}

} // namespace roomgate::server
