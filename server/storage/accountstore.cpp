// SPDX-License-Identifier: MIT
#include "server/storage/accountstore.h"

#include "server/storage/database.h"

#include <QVariant>

namespace roomgate::server {

namespace {

// The one row reader of users.
const QString kColumns = QStringLiteral("u.id, u.name, u.password_hash, u.is_admin");

User readUser(const QSqlQuery &q)
{
    User u;
    u.id = q.value(0).toLongLong();
    u.name = q.value(1).toString();
    u.passwordHash = q.value(2).toByteArray();
    u.admin = q.value(3).toInt() != 0;
    return u;
}

} // namespace

Outcome<std::optional<User>> AccountStore::findUser(const QString &nameKey)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral("SELECT ") + kColumns
                                 + QStringLiteral(" FROM users u WHERE u.name_key = ?"));
    q.addBindValue(nameKey);
    if (!m_db.exec(q))
        return Outcome<std::optional<User>>::failure(m_db.failureCode());
    std::optional<User> user;
    if (q.next())
        user = readUser(q);
    q.finish();
    return {ErrorCode::Ok, user};
}

Outcome<qint64> AccountStore::insertUser(const QString &name, const QString &nameKey,
                                         const QByteArray &passwordHash, bool admin, qint64 now)
{
    const QString sql = QStringLiteral("INSERT INTO users (name, name_key, password_hash, "
                                       "is_admin, created_at) VALUES (?, ?, ?, ?, ?) "
                                       "ON CONFLICT (name_key) DO NOTHING");
    QSqlQuery &q = m_db.prepared(m_db.dialectSql(sql, sql + QStringLiteral(" RETURNING id")));
    q.addBindValue(name);
    q.addBindValue(nameKey);
    q.addBindValue(QString::fromLatin1(passwordHash));
    q.addBindValue(admin ? 1 : 0);
    q.addBindValue(now);
    if (!m_db.exec(q))
        return Outcome<qint64>::failure(m_db.failureCode());
    return {ErrorCode::Ok, m_db.insertedId(q)};
}

ErrorCode AccountStore::promoteToAdmin(qint64 userId, const QByteArray &passwordHash)
{
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("UPDATE users SET password_hash = ?, is_admin = 1 WHERE id = ?"));
    q.addBindValue(QString::fromLatin1(passwordHash));
    q.addBindValue(userId);
    return m_db.exec(q) ? ErrorCode::Ok : m_db.failureCode();
}

ErrorCode AccountStore::insertSession(qint64 userId, const QString &tokenHash, qint64 now,
                                      qint64 expiresAt)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)"));
    q.addBindValue(tokenHash);
    q.addBindValue(userId);
    q.addBindValue(now);
    q.addBindValue(expiresAt);
    return m_db.exec(q) ? ErrorCode::Ok : m_db.failureCode();
}

Outcome<std::optional<User>> AccountStore::sessionUser(const QString &tokenHash, qint64 now)
{
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("SELECT ") + kColumns
        + QStringLiteral(" FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash "
                         "= ? AND s.expires_at > ?"));
    q.addBindValue(tokenHash);
    q.addBindValue(now);
    if (!m_db.exec(q))
        return Outcome<std::optional<User>>::failure(m_db.failureCode());
    std::optional<User> user;
    if (q.next())
        user = readUser(q);
    q.finish();
    return {ErrorCode::Ok, user};
}

Outcome<bool> AccountStore::deleteSession(const QString &tokenHash)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral("DELETE FROM sessions WHERE token_hash = ?"));
    q.addBindValue(tokenHash);
    if (!m_db.exec(q))
        return Outcome<bool>::failure(m_db.failureCode());
    return {ErrorCode::Ok, q.numRowsAffected() > 0};
}

ErrorCode AccountStore::keepNewestSessions(qint64 userId, int keep)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "DELETE FROM sessions WHERE user_id = ? AND token_hash NOT IN (SELECT token_hash FROM "
        "sessions WHERE user_id = ? ORDER BY created_at DESC, token_hash LIMIT ?)"));
    q.addBindValue(userId);
    q.addBindValue(userId);
    q.addBindValue(keep);
    return m_db.exec(q) ? ErrorCode::Ok : m_db.failureCode();
}

ErrorCode AccountStore::deleteSessionsOf(qint64 userId)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral("DELETE FROM sessions WHERE user_id = ?"));
    q.addBindValue(userId);
    return m_db.exec(q) ? ErrorCode::Ok : m_db.failureCode();
}

ErrorCode AccountStore::purgeExpiredSessions(qint64 now)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral("DELETE FROM sessions WHERE expires_at <= ?"));
    q.addBindValue(now);
    return m_db.exec(q) ? ErrorCode::Ok : m_db.failureCode();
}

} // namespace roomgate::server
