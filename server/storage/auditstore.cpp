// SPDX-License-Identifier: MIT
#include "server/storage/auditstore.h"

#include "server/storage/database.h"

#include <QJsonDocument>
#include <QVariant>

namespace roomgate::server {

ErrorCode AuditStore::append(const AuditEntry &entry)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "INSERT INTO audit_log (at, admin, action, target, detail) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(entry.at);
    q.addBindValue(entry.admin);
    q.addBindValue(entry.action);
    q.addBindValue(entry.target);
    q.addBindValue(QString::fromUtf8(QJsonDocument(entry.detail).toJson(QJsonDocument::Compact)));
    return m_db.exec(q) ? ErrorCode::Ok : m_db.failureCode();
}

Outcome<QList<AuditEntry>> AuditStore::latest(int limit)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "SELECT at, admin, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ?"));
    q.addBindValue(limit);
    if (!m_db.exec(q))
        return Outcome<QList<AuditEntry>>::failure(m_db.failureCode());
    QList<AuditEntry> out;
    while (q.next()) {
        AuditEntry e;
        e.at = q.value(0).toLongLong();
        e.admin = q.value(1).toString();
        e.action = q.value(2).toString();
        e.target = q.value(3).toString();
        e.detail = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
        out.append(e);
    }
    q.finish();
    return {ErrorCode::Ok, out};
}

} // namespace roomgate::server
