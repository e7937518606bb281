// SPDX-License-Identifier: MIT
#include "server/storage/accountstore.h"

#include "server/storage/database.h"

#include <QVariant>

namespace roomgate::server {

namespace {

User readUser(const QSqlQuery &q)
{
    User u;
    u.id = q.value(0).toLongLong();
    u.name = q.value(1).toString();
    u.passwordHash = q.value(2).toByteArray();
    u.admin = q.value(3).toInt() != 0;
    return u;
}

const QString kSelectUser
    = QStringLiteral("SELECT id, name, password_hash, is_admin FROM users WHERE name_key = ?");

} // namespace

Outcome<User> AccountStore::createUser(const QString &name, const QString &nameKey,
                                       const QByteArray &passwordHash, bool admin, qint64 now)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return Outcome<User>::failure(m_db.lastErrorCode());
    QSqlQuery &exists = m_db.prepared(kSelectUser);
    exists.addBindValue(nameKey);
    if (!m_db.exec(exists))
        return Outcome<User>::failure(m_db.lastErrorCode());
    if (exists.next())
        return Outcome<User>::failure(ErrorCode::UsernameTaken);
    QSqlQuery &insert
        = m_db.prepared(QStringLiteral("INSERT INTO users (name, name_key, password_hash, "
                                       "is_admin, created_at) VALUES (?, ?, ?, ?, ?)"));
    insert.addBindValue(name);
    insert.addBindValue(nameKey);
    insert.addBindValue(QString::fromLatin1(passwordHash));
    insert.addBindValue(admin ? 1 : 0);
    insert.addBindValue(now);
    if (!m_db.exec(insert))
        return Outcome<User>::failure(m_db.lastErrorCode());
    QSqlQuery &again = m_db.prepared(kSelectUser);
    again.addBindValue(nameKey);
    if (!m_db.exec(again) || !again.next())
        return Outcome<User>::failure(m_db.lastErrorCode());
    User user = readUser(again);
    again.finish();
    if (!tx.commit())
        return Outcome<User>::failure(m_db.lastErrorCode());
    return {ErrorCode::Ok, user};
}

Outcome<User> AccountStore::upsertAdmin(const QString &name, const QString &nameKey,
                                        const QByteArray &passwordHash, qint64 now, bool *created)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return Outcome<User>::failure(m_db.lastErrorCode());
    QSqlQuery &exists = m_db.prepared(kSelectUser);
    exists.addBindValue(nameKey);
    if (!m_db.exec(exists))
        return Outcome<User>::failure(m_db.lastErrorCode());
    const bool found = exists.next();
    exists.finish();
    QSqlQuery &write = m_db.prepared(
        found
            ? QStringLiteral("UPDATE users SET password_hash = ?, is_admin = 1 WHERE name_key = ?")
            : QStringLiteral("INSERT INTO users (password_hash, name_key, name, is_admin, "
                             "created_at) VALUES (?, ?, ?, 1, ?)"));
    write.addBindValue(QString::fromLatin1(passwordHash));
    write.addBindValue(nameKey);
    if (!found) {
        write.addBindValue(name);
        write.addBindValue(now);
    }
    if (!m_db.exec(write))
        return Outcome<User>::failure(m_db.lastErrorCode());
    QSqlQuery &again = m_db.prepared(kSelectUser);
    again.addBindValue(nameKey);
    if (!m_db.exec(again) || !again.next())
        return Outcome<User>::failure(m_db.lastErrorCode());
    User user = readUser(again);
    again.finish();
    // The bootstrap is an admin action like any other: audited, in the same transaction.
    QSqlQuery &audit = m_db.prepared(QStringLiteral(
        "INSERT INTO audit_log (at, admin, action, target, detail) VALUES (?, 'cli', "
        "'admin.bootstrap', ?, ?)"));
    audit.addBindValue(now);
    audit.addBindValue(user.name);
    audit.addBindValue(found ? QStringLiteral("{\"created\":false}")
                             : QStringLiteral("{\"created\":true}"));
    if (!m_db.exec(audit) || !tx.commit())
        return Outcome<User>::failure(m_db.lastErrorCode());
    if (created)
        *created = !found;
    return {ErrorCode::Ok, user};
}

Outcome<std::optional<User>> AccountStore::findUser(const QString &nameKey)
{
    QSqlQuery &q = m_db.prepared(kSelectUser);
    q.addBindValue(nameKey);
    if (!m_db.exec(q))
        return Outcome<std::optional<User>>::failure(m_db.lastErrorCode());
    if (!q.next())
        return {ErrorCode::Ok, std::nullopt};
    User u = readUser(q);
    q.finish();
    return {ErrorCode::Ok, u};
}

ErrorCode AccountStore::createSession(qint64 userId, const QString &tokenHash, qint64 now,
                                      qint64 expiresAt)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)"));
    q.addBindValue(tokenHash);
    q.addBindValue(userId);
    q.addBindValue(now);
    q.addBindValue(expiresAt);
    return m_db.exec(q) ? ErrorCode::Ok : m_db.lastErrorCode();
}

Outcome<std::optional<User>> AccountStore::sessionUser(const QString &tokenHash, qint64 now)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "SELECT u.id, u.name, u.password_hash, u.is_admin FROM sessions s "
        "JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?"));
    q.addBindValue(tokenHash);
    q.addBindValue(now);
    if (!m_db.exec(q))
        return Outcome<std::optional<User>>::failure(m_db.lastErrorCode());
    if (!q.next())
        return {ErrorCode::Ok, std::nullopt};
    User u = readUser(q);
    q.finish();
    return {ErrorCode::Ok, u};
}

ErrorCode AccountStore::deleteSession(const QString &tokenHash)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral("DELETE FROM sessions WHERE token_hash = ?"));
    q.addBindValue(tokenHash);
    return m_db.exec(q) ? ErrorCode::Ok : m_db.lastErrorCode();
}

ErrorCode AccountStore::purgeExpiredSessions(qint64 now)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral("DELETE FROM sessions WHERE expires_at <= ?"));
    q.addBindValue(now);
    return m_db.exec(q) ? ErrorCode::Ok : m_db.lastErrorCode();
}

} // namespace roomgate::server
