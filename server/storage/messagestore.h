// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/records.h"

#include <optional>

namespace roomgate::server {

class Database;

/**
 * The `messages` table: each room's chat history. Statements only: the caller's
 * decision holds the transaction. Lives on the thread of its Database.
 */
class MessageStore
{
public:
    explicit MessageStore(Database &db) : m_db(db) { }

    /** @p userId's message in @p roomId with @p clientId, when it was stored already. */
    Outcome<std::optional<ChatMessage>> byClientId(qint64 roomId, qint64 userId,
                                                   const QString &clientId);
    /**
     * Stores @p message (its id is ignored) from @p userId in @p roomId; the new id, or 0
     * when a message of that user with its client id is there already.
     */
    Outcome<qint64> insert(qint64 roomId, qint64 userId, const ChatMessage &message);
    /** The last @p limit messages of @p roomId, oldest first. */
    Outcome<QList<ChatMessage>> latest(qint64 roomId, int limit);
    /** Rooms holding more than @p keep messages. */
    Outcome<QList<qint64>> roomsOver(int keep);
    /**
     * Deletes @p roomId's messages older than its newest @p keep, at most @p batch of them;
     * how many went.
     */
    Outcome<int> pruneOlder(qint64 roomId, int keep, int batch);

private:
    Database &m_db;
};

} // namespace roomgate::server
