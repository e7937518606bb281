// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/records.h"

#include <optional>

namespace roomgate::server {

class Database;

/**
 * The `users` and `sessions` tables: accounts and their sign-in sessions. Tokens arrive
 * here only as storage hashes. Statements only: the caller's decision holds the
 * transaction. Lives on the thread of its Database.
 */
class AccountStore
{
public:
    explicit AccountStore(Database &db) : m_db(db) { }

    /** The user whose name key is @p nameKey. */
    Outcome<std::optional<User>> findUser(const QString &nameKey);
    /** The new user's id; 0 when the name key is taken (by another node meanwhile too). */
    Outcome<qint64> insertUser(const QString &name, const QString &nameKey,
                               const QByteArray &passwordHash, bool admin, qint64 now);
    /** Makes @p userId an admin whose password is @p passwordHash. */
    ErrorCode promoteToAdmin(qint64 userId, const QByteArray &passwordHash);

    ErrorCode insertSession(qint64 userId, const QString &tokenHash, qint64 now, qint64 expiresAt);
    /** The user of a live session, or nullopt. */
    Outcome<std::optional<User>> sessionUser(const QString &tokenHash, qint64 now);
    /** True when the session existed. */
    Outcome<bool> deleteSession(const QString &tokenHash);
    /** Ends all but @p userId's @p keep newest sessions. */
    ErrorCode keepNewestSessions(qint64 userId, int keep);
    ErrorCode deleteSessionsOf(qint64 userId);
    ErrorCode purgeExpiredSessions(qint64 now);

private:
    Database &m_db;
};

} // namespace roomgate::server
