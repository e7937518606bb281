// SPDX-License-Identifier: MIT
#include "server/storage/banstore.h"

#include "server/storage/database.h"

#include <QVariant>

namespace roomgate::server {

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
