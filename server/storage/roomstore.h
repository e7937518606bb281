// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/records.h"

#include <QVariant>

#include <initializer_list>
#include <optional>

class QSqlQuery;

namespace roomgate::server {

class Database;

/**
 * The `rooms` table: rooms with their live seat counts. Statements only: the caller's
 * decision holds the transaction. Lives on the thread of its Database.
 */
class RoomStore
{
public:
    /** Take the row lock (PostgreSQL; SQLite's BEGIN IMMEDIATE locks the database). */
    enum class Lock { No, ForUpdate };

    explicit RoomStore(Database &db) : m_db(db) { }

    /** The room with @p key (its name key), counts at @p now; nullopt when none. */
    Outcome<std::optional<Room>> byKey(const QString &key, qint64 now, Lock lock = Lock::No);
    Outcome<std::optional<Room>> byId(qint64 id, qint64 now, Lock lock = Lock::No);
    /**
     * The room with @p key as user @p userId entering it at @p now finds it (ban, seat, live
     * reservation, earliest expiry): one statement where reading each would take five.
     */
    Outcome<std::optional<RoomForEntry>> forEntry(const QString &key, qint64 userId, qint64 now,
                                                  Lock lock);
    /**
     * The room @p id as user @p userId claiming a seat in it at @p now finds it (ban, the
     * user's joined sockets): one statement where reading each would take three.
     */
    Outcome<std::optional<RoomForClaim>> forClaim(qint64 id, qint64 userId, qint64 now, Lock lock);
    /** Every room, ordered by name key. */
    Outcome<QList<Room>> list(qint64 now);
    Outcome<StorageCounts> counts(qint64 now);

    /**
     * The new room's id; 0 when a room with @p key is there already (on PostgreSQL: one
     * another node committed meanwhile, after waiting for its transaction to end).
     */
    Outcome<qint64> insert(const QString &name, const QString &key, int capacity, RoomState state,
                           qint64 now);
    ErrorCode update(qint64 id, int capacity, RoomState state, qint64 now);
    /**
     * Sets the room's last activity to @p now, unless it is more recent than
     * kTouchResolutionMs. @p known: the last activity this transaction read, if it read
     * the room; when that is recent enough, nothing is run at all.
     */
    ErrorCode touch(qint64 id, qint64 now, std::optional<qint64> known = std::nullopt);
    /// touch() leaves a last activity this recent as it is.
    static constexpr qint64 kTouchResolutionMs = 1000;
    /** Deletes the room; members, messages and bans go with it (ON DELETE CASCADE). */
    ErrorCode remove(qint64 id);
    /**
     * Deletes @p id if it is a ghost: pending (never claimed), without a live reservation
     * at @p now and without members (I3). True when it was deleted.
     */
    Outcome<bool> removeIfGhost(qint64 id, qint64 now);

private:
    /** Takes the row lock where @p lock and the dialect ask for it: false when no such row. */
    Outcome<bool> lockRow(const QString &column, const QVariant &key, Lock lock);
    Outcome<std::optional<Room>> load(const QString &column, const QVariant &key, qint64 now,
                                      Lock lock);
    /**
     * Takes the row lock where asked (lockRow), then runs @p sql with @p binds and reads its
     * row, if any, with @p read.
     */
    template<typename T>
    Outcome<std::optional<T>> readLocked(const QString &column, const QVariant &key, Lock lock,
                                         const QString &sql, std::initializer_list<QVariant> binds,
                                         T (*read)(const QSqlQuery &));

    Database &m_db;
};

} // namespace roomgate::server
