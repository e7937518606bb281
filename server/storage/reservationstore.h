// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/records.h"

#include <optional>

namespace roomgate::server {

class Database;

/**
 * The `reservations` table: seats taken over HTTP, live until claimed, cancelled,
 * revoked or expired, then remembered (ticket hash only) so a replay learns why it is
 * refused. Statements only: the caller's decision holds the transaction. Lives on the
 * thread of its Database.
 */
class ReservationStore
{
public:
    explicit ReservationStore(Database &db) : m_db(db) { }

    ErrorCode insert(const Reservation &reservation);

    /** The reservation with public id @p id, in whatever state. */
    Outcome<std::optional<Reservation>> byId(const QString &id);
    /** @p userId's live reservation of @p roomId at @p now. */
    Outcome<std::optional<Reservation>> liveOf(qint64 userId, qint64 roomId, qint64 now);
    /** The live reservation with public id @p id. */
    Outcome<std::optional<Reservation>> liveById(const QString &id, qint64 now);
    /** Live reservations of the room with name key @p roomKey, or of all when empty. */
    Outcome<QList<Reservation>> live(const QString &roomKey, qint64 now);
    /** Live reservations of @p roomId (of @p userId only, when given). */
    Outcome<QList<Reservation>> liveIn(qint64 roomId, std::optional<qint64> userId, qint64 now);
    /**
     * Live and past their expiry at @p now: what a sweep ends. On PostgreSQL locked, skipping
     * rows another node's sweep holds.
     */
    Outcome<QList<Reservation>> due(qint64 now);

    /** Live → @p to for @p id; true when exactly that row changed (single use, I2). */
    Outcome<bool> end(const QString &id, ReservationState to);
    /** Live → @p to for every reservation of @p roomId (of @p userId only, when given). */
    ErrorCode endAllIn(qint64 roomId, std::optional<qint64> userId, ReservationState to);
    /** Forgets @p id: a later claim of its ticket is TICKET_INVALID. */
    ErrorCode remove(const QString &id);
    /** Forgets ended reservations that expired before @p before. */
    ErrorCode purgeEnded(qint64 before);

private:
    Outcome<QList<Reservation>> select(const QString &where, const QVariantList &binds);

    Database &m_db;
};

} // namespace roomgate::server
