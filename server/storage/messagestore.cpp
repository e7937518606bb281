// SPDX-License-Identifier: MIT
#include "server/storage/messagestore.h"

#include "server/storage/database.h"

#include <QVariant>

namespace roomgate::server {

namespace {

// The one row reader of messages.
const QString kMessageSelect = QStringLiteral(
    "SELECT m.id, r.name, m.sender, m.body, m.client_id, m.sent_at FROM messages m JOIN rooms r "
    "ON r.id = m.room_id WHERE ");

ChatMessage readMessage(const QSqlQuery &q)
{
    ChatMessage m;
    m.id = q.value(0).toLongLong();
    m.room = q.value(1).toString();
    m.from = q.value(2).toString();
    m.text = q.value(3).toString();
    m.clientId = q.value(4).toString();
    m.sentAtMs = q.value(5).toLongLong();
    return m;
}

} // namespace

Outcome<std::optional<ChatMessage>> MessageStore::byClientId(qint64 roomId, qint64 userId,
                                                             const QString &clientId)
{
    QSqlQuery &q = m_db.prepared(
        kMessageSelect + QStringLiteral("m.room_id = ? AND m.user_id = ? AND m.client_id = ?"));
    q.addBindValue(roomId);
    q.addBindValue(userId);
    q.addBindValue(clientId);
    if (!m_db.exec(q))
        return Outcome<std::optional<ChatMessage>>::failure(m_db.failureCode());
    std::optional<ChatMessage> found;
    if (q.next())
        found = readMessage(q);
    q.finish();
    return {ErrorCode::Ok, found};
}

Outcome<qint64> MessageStore::insert(qint64 roomId, qint64 userId, const ChatMessage &message)
{
    const QString sql = QStringLiteral(
        "INSERT INTO messages (room_id, user_id, sender, body, client_id, sent_at) VALUES (?, ?, "
        "?, ?, ?, ?) ON CONFLICT (room_id, user_id, client_id) DO NOTHING");
    QSqlQuery &q = m_db.prepared(m_db.dialectSql(sql, sql + QStringLiteral(" RETURNING id")));
    q.addBindValue(roomId);
    q.addBindValue(userId);
    q.addBindValue(message.from);
    q.addBindValue(message.text);
    q.addBindValue(message.clientId.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                              : QVariant(message.clientId));
    q.addBindValue(message.sentAtMs);
    if (!m_db.exec(q))
        return Outcome<qint64>::failure(m_db.failureCode());
    return {ErrorCode::Ok, m_db.insertedId(q)};
}

Outcome<QList<ChatMessage>> MessageStore::latest(qint64 roomId, int limit)
{
    QSqlQuery &q = m_db.prepared(kMessageSelect
                                 + QStringLiteral("m.room_id = ? ORDER BY m.id DESC LIMIT ?"));
    q.addBindValue(roomId);
    q.addBindValue(limit);
    if (!m_db.exec(q))
        return Outcome<QList<ChatMessage>>::failure(m_db.failureCode());
    QList<ChatMessage> out;
    while (q.next())
        out.prepend(readMessage(q));
    q.finish();
    return {ErrorCode::Ok, out};
}

Outcome<QList<qint64>> MessageStore::roomsOver(int keep)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "SELECT room_id FROM messages GROUP BY room_id HAVING COUNT(*) > ? ORDER BY room_id"));
    q.addBindValue(keep);
    if (!m_db.exec(q))
        return Outcome<QList<qint64>>::failure(m_db.failureCode());
    QList<qint64> rooms;
    while (q.next())
        rooms.append(q.value(0).toLongLong());
    q.finish();
    return {ErrorCode::Ok, rooms};
}

Outcome<int> MessageStore::pruneOlder(qint64 roomId, int keep, int batch)
{
    // The oldest first, up to the newest `keep` (the (room_id, id) index serves both).
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "DELETE FROM messages WHERE id IN (SELECT id FROM messages WHERE room_id = ? AND id < "
        "(SELECT id FROM messages WHERE room_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?) ORDER "
        "BY id LIMIT ?)"));
    q.addBindValue(roomId);
    q.addBindValue(roomId);
    q.addBindValue(keep - 1);
    q.addBindValue(batch);
    if (!m_db.exec(q))
        return Outcome<int>::failure(m_db.failureCode());
    return {ErrorCode::Ok, q.numRowsAffected()};
}

} // namespace roomgate::server
