// SPDX-License-Identifier: MIT
#include "server/storage/nodestore.h"

#include "server/storage/database.h"

#include <QVariant>

namespace roomgate::server {

ErrorCode NodeStore::renew(const QString &nodeId, qint64 now, qint64 leaseMs, const NodeLoad &load)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "INSERT INTO nodes (id, lease_expires, started_at, sockets, decision_rate, message_rate) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET lease_expires = "
        "excluded.lease_expires, sockets = excluded.sockets, decision_rate = "
        "excluded.decision_rate, message_rate = excluded.message_rate"));
    q.addBindValue(nodeId);
    q.addBindValue(now + leaseMs);
    q.addBindValue(now);
    q.addBindValue(load.sockets);
    q.addBindValue(load.decisionRate);
    q.addBindValue(load.messageRate);
    return m_db.exec(q) ? ErrorCode::Ok : m_db.failureCode();
}

Outcome<QList<NodeLease>> NodeStore::list()
{
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("SELECT id, started_at, lease_expires, sockets, decision_rate, "
                       "message_rate FROM nodes ORDER BY id"));
    if (!m_db.exec(q))
        return Outcome<QList<NodeLease>>::failure(m_db.failureCode());
    QList<NodeLease> out;
    while (q.next())
        out.append(
            NodeLease{q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                      NodeLoad{q.value(3).toInt(), q.value(4).toDouble(), q.value(5).toDouble()}});
    q.finish();
    return {ErrorCode::Ok, out};
}

} // namespace roomgate::server
