// SPDX-License-Identifier: MIT
#pragma once

#include <QSqlQuery>
#include <QStringList>
#include <QVariantList>

#include <functional>

namespace roomgate::server {

class Database;

/**
 * `roomgate-server --verify`: reads a store (never writes it) and lists every violation
 * of the contract's invariants it can see — rooms over capacity (I1), live reservations of
 * deleted rooms and duplicate live reservations (I2, I4), pending rooms left without a
 * live reservation past their TTL (I3), memberships of nodes whose lease lapsed long ago
 * (I4). Used on any thread that owns the Database.
 */
class StoreVerifier
{
public:
    struct Windows
    {
        qint64 ticketTtlMs = 30'000;
        qint64 sweepIntervalMs = 1000;
        qint64 nodeLeaseMs = 15'000;
    };

    StoreVerifier(Database &db, Windows windows) : m_db(db), m_windows(windows) { }

    /** One line per violation at @p now; false when the store cannot be read. */
    bool verify(qint64 now, QStringList *violations);

private:
    bool collect(const QString &sql, const QVariantList &binds,
                 const std::function<QString(const QSqlQuery &)> &describe, QStringList *out);

    Database &m_db;
    Windows m_windows;
};

} // namespace roomgate::server
