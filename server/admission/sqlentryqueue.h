// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/entryqueue.h"

namespace roomgate::server {

class Database;

/**
 * The entry queue on the SQL database (SQLite or PostgreSQL): each decision is one
 * transaction, serialised per room (SQLite: BEGIN IMMEDIATE; PostgreSQL: the room
 * row locked FOR UPDATE), so a seat is never sold twice, on one node or many.
 * Lives on the thread of its Database.
 */
class SqlEntryQueue final : public EntryQueue
{
public:
    explicit SqlEntryQueue(Database &db) : m_db(db) { }

    Outcome<ReserveResult> reserve(const ReserveRequest &request) override;
    Outcome<CancelResult> cancel(const QString &ticketHash, qint64 userId, qint64 now) override;
    Outcome<ClaimResult> claim(const ClaimRequest &request) override;
    Outcome<ExpiryResult> expireDue(qint64 now) override;
    Outcome<QList<Reservation>> liveReservations(const QString &roomKey, qint64 now) override;

private:
    bool loadRoom(const QString &column, const QVariant &key, qint64 now, bool lock, Room *room,
                  bool *found);
    bool deleteRoomIfGhost(qint64 roomId, qint64 now, bool *deleted);

    Database &m_db;
};

} // namespace roomgate::server
