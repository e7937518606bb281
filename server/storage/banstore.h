// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/records.h"

namespace roomgate::server {

class Database;

/**
 * The `bans` table: who may not enter which room. Statements only: the caller's decision
 * holds the transaction. Lives on the thread of its Database.
 */
class BanStore
{
public:
    explicit BanStore(Database &db) : m_db(db) { }

    /** Idempotent. */
    ErrorCode add(qint64 roomId, qint64 userId, qint64 now);
    /** Idempotent. */
    ErrorCode remove(qint64 roomId, qint64 userId);

private:
    Database &m_db;
};

} // namespace roomgate::server
