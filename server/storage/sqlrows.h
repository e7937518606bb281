// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/records.h"

#include <QSqlQuery>
#include <QVariant>

namespace roomgate::server {

class Database;

/**
 * Row shapes that several stores read the same way: a membership with its room and
 * user names, and a room with its live seat counts. Used on the Database's thread.
 */
namespace SqlRows {

/** `SELECT … FROM memberships m JOIN rooms r … JOIN users u …`; append a WHERE clause. */
const QString &membershipSelect();
/** The Membership of the current row of a query built on membershipSelect(). */
Membership membership(const QSqlQuery &query);

/**
 * Loads the room whose @p column equals @p key, with members and unexpired live
 * reservations counted at @p now. @p lock takes the row lock on PostgreSQL (SQLite
 * holds the database lock of BEGIN IMMEDIATE already). False on a storage error.
 */
bool loadRoom(Database &db, const QString &column, const QVariant &key, qint64 now, bool lock,
              Room *room, bool *found);

} // namespace SqlRows
} // namespace roomgate::server
