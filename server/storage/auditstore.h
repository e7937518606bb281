// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/records.h"

namespace roomgate::server {

class Database;

/**
 * The `audit_log` table: every successful admin action, written in the action's own
 * transaction. Lives on the thread of its Database.
 */
class AuditStore
{
public:
    explicit AuditStore(Database &db) : m_db(db) { }

    ErrorCode append(const AuditEntry &entry);
    /** The newest @p limit entries, newest first. */
    Outcome<QList<AuditEntry>> latest(int limit);

private:
    Database &m_db;
};

} // namespace roomgate::server
