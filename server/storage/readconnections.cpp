// SPDX-License-Identifier: MIT
#include "server/storage/readconnections.h"

#include "server/storage/logging.h"

namespace roomgate::server {

Database &ReadConnections::forThisThread()
{
    if (!m_connections.hasLocalData())
        m_connections.setLocalData(new Database);
    Database *db = m_connections.localData();
    if (!db->wasOpened()) {
        if (!db->open(m_url, Database::Role::Reader))
            qCWarning(lcStorage).noquote() << "cannot open a read connection:" << db->errorString();
    } else {
        db->ensureOpen(); // a failure answers UNAVAILABLE on every statement until it is back
    }
    return *db;
}

void ReadConnections::closeForThisThread()
{
    if (m_connections.hasLocalData())
        m_connections.setLocalData(nullptr); // deletes the connection
}

} // namespace roomgate::server
