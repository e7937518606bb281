// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/records.h"

#include <optional>

namespace roomgate::server {

class Database;

/**
 * Accounts and sign-in sessions in the database. Owned by the server core, used on
 * the thread of its Database. Tokens arrive here only as storage hashes.
 */
class AccountStore
{
public:
    explicit AccountStore(Database &db) : m_db(db) { }

    /** UsernameTaken when the name key exists; Unavailable/Internal on storage errors. */
    Outcome<User> createUser(const QString &name, const QString &nameKey,
                             const QByteArray &passwordHash, bool admin, qint64 now);
    /** Makes @p nameKey's user an admin with @p passwordHash, creating it if needed. */
    Outcome<User> upsertAdmin(const QString &name, const QString &nameKey,
                              const QByteArray &passwordHash, qint64 now, bool *created);
    Outcome<std::optional<User>> findUser(const QString &nameKey);

    ErrorCode createSession(qint64 userId, const QString &tokenHash, qint64 now, qint64 expiresAt);
    /** The user of a live session, or nullopt. */
    Outcome<std::optional<User>> sessionUser(const QString &tokenHash, qint64 now);
    ErrorCode deleteSession(const QString &tokenHash);
    ErrorCode purgeExpiredSessions(qint64 now);

private:
    Database &m_db;
};

} // namespace roomgate::server
