// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/database.h"

#include <QThreadStorage>

namespace roomgate::server {

/**
 * Connections for reads (room lists, history, admin lists, metrics, sign-in lookups):
 * one per thread that reads (QSqlDatabase rule), opened on first use. Under WAL they
 * never wait for the storage writer. A connection that cannot open reports UNAVAILABLE
 * on every statement and is opened again on a later use. Owned by the node; thread-safe.
 */
class ReadConnections
{
public:
    explicit ReadConnections(QString url) : m_url(std::move(url)) { }

    /** The calling thread's connection. */
    Database &forThisThread();
    /** Closes the calling thread's connection (before its thread or the node ends). */
    void closeForThisThread();

private:
    QString m_url;
    QThreadStorage<Database *> m_connections;
};

} // namespace roomgate::server
