// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/entryqueue.h"

namespace roomgate::server {

class Database;
class EventBus;
class ReadConnections;
class StorageWriter;

/**
 * The entry queue on the SQL database (SQLite or PostgreSQL). Each decision runs in the
 * storage writer's group transaction, under its own savepoint, serialised per room
 * (SQLite: the writer is the only one, BEGIN IMMEDIATE keeps other processes out;
 * PostgreSQL: the room row locked FOR UPDATE), so a seat is never sold twice, on one
 * node or many. What a decision changed is published on the bus after its commit.
 *
 * The decisions themselves are static functions on a Database inside a transaction, so
 * tests can drive them directly. Thread-safe; owned by the node.
 */
class SqlEntryQueue final : public EntryQueue
{
public:
    SqlEntryQueue(StorageWriter &writer, ReadConnections &reads, EventBus &bus, QString nodeId);

    void reserve(const ReserveRequest &request, Reply<ReserveResult> done) override;
    void cancel(const QString &reservationId, qint64 userId, qint64 now,
                Reply<CancelResult> done) override;
    void claim(const ClaimRequest &request, Reply<ClaimResult> done) override;
    void release(const Membership &membership, qint64 now, Reply<bool> done) override;
    void expireDue(qint64 now, Reply<ExpiryResult> done) override;
    Outcome<QList<Reservation>> liveReservations(const QString &roomKey, qint64 now) override;

    static Outcome<ReserveResult> decideReserve(Database &db, const ReserveRequest &request);
    static Outcome<CancelResult> decideCancel(Database &db, const QString &reservationId,
                                              qint64 userId, qint64 now);
    static Outcome<ClaimResult> decideClaim(Database &db, const ClaimRequest &request);
    static Outcome<bool> decideRelease(Database &db, qint64 membershipId, qint64 now);
    static Outcome<ExpiryResult> decideExpiry(Database &db, qint64 now);

private:
    StorageWriter &m_writer;
    ReadConnections &m_reads;
    EventBus &m_bus;
    const QString m_nodeId; ///< the origin of the events this node publishes
};

} // namespace roomgate::server
