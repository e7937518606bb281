// SPDX-License-Identifier: MIT
#include "server/storage/banstore.h"

#include "server/storage/database.h"

#include <QVariant>

namespace roomgate::server {

Outcome<bool> BanStore::isBanned(qint64 roomId, qint64 userId)
{
    QSqlQuery &q
        = m_db.prepared(QStringLiteral("SELECT 1 FROM bans WHERE room_id = ? AND user_id = ?"));
    q.addBindValue(roomId);
    q.addBindValue(userId);
    bool banned = false;
    if (!m_db.execFound(q, banned))
        return Outcome<bool>::failure(m_db.failureCode());
    return {ErrorCode::Ok, banned};
}

ErrorCode BanStore::add(qint64 roomId, qint64 userId, qint64 now)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "INSERT INTO bans (room_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"));
    q.addBindValue(roomId);
    q.addBindValue(userId);
    q.addBindValue(now);
    return m_db.exec(q) ? ErrorCode::Ok : m_db.failureCode();
}

ErrorCode BanStore::remove(qint64 roomId, qint64 userId)
{
    QSqlQuery &q
        = m_db.prepared(QStringLiteral("DELETE FROM bans WHERE room_id = ? AND user_id = ?"));
    q.addBindValue(roomId);
    q.addBindValue(userId);
    return m_db.exec(q) ? ErrorCode::Ok : m_db.failureCode();
}

} // namespace roomgate::server
