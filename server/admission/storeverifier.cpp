// SPDX-License-Identifier: MIT
#include "server/admission/storeverifier.h"

#include "server/storage/database.h"

#include <QVariant>

namespace roomgate::server {

bool StoreVerifier::collect(const QString &sql, const QVariantList &binds,
                            const std::function<QString(const QSqlQuery &)> &describe,
                            QStringList *out)
{
    QSqlQuery &q = m_db.prepared(sql);
    for (const QVariant &value : binds)
        q.addBindValue(value);
    if (!m_db.exec(q))
        return false;
    while (q.next())
        out->append(describe(q));
    q.finish();
    return true;
}

bool StoreVerifier::verify(qint64 now, QStringList *violations)
{
    // The sweeper has this long past a deadline before something left over is a violation.
    const qint64 slack = m_windows.sweepIntervalMs + 2000;
    const auto text = [](const QSqlQuery &q, int column) { return q.value(column).toString(); };
    return collect(
               QStringLiteral(
                   "SELECT r.name, r.capacity, (SELECT COUNT(*) FROM memberships m WHERE "
                   "m.room_id = r.id), (SELECT COUNT(*) FROM reservations v WHERE v.room_id = "
                   "r.id AND v.state = 'live' AND v.expires_at > ?) FROM rooms r WHERE "
                   "(SELECT COUNT(*) FROM memberships m WHERE m.room_id = r.id) + (SELECT "
                   "COUNT(*) FROM reservations v WHERE v.room_id = r.id AND v.state = 'live' AND "
                   "v.expires_at > ?) > r.capacity ORDER BY r.name_key"),
               {now, now},
               [&](const QSqlQuery &q) {
                   return QStringLiteral("I1 room \"%1\" holds %2 member(s) and %3 live "
                                         "reservation(s) for %4 seat(s)")
                       .arg(text(q, 0), text(q, 2), text(q, 3), text(q, 1));
               },
               violations)
        && collect(
               QStringLiteral("SELECT v.id, v.room_id FROM reservations v WHERE v.state = "
                              "'live' AND v.expires_at > ? AND NOT EXISTS (SELECT 1 FROM rooms "
                              "r WHERE r.id = v.room_id) ORDER BY v.id"),
               {now},
               [&](const QSqlQuery &q) {
                   return QStringLiteral("I4 live reservation %1 of a deleted room (id %2)")
                       .arg(text(q, 0), text(q, 1));
               },
               violations)
        && collect(
               QStringLiteral("SELECT r.name, r.last_activity FROM rooms r WHERE r.state = "
                              "'pending' AND r.last_activity < ? AND NOT EXISTS (SELECT 1 FROM "
                              "memberships m WHERE m.room_id = r.id) AND NOT EXISTS (SELECT 1 "
                              "FROM reservations v WHERE v.room_id = r.id AND v.state = 'live' "
                              "AND v.expires_at > ?) ORDER BY r.name_key"),
               {now - m_windows.ticketTtlMs - slack, now},
               [&](const QSqlQuery &q) {
                   return QStringLiteral("I3 pending room \"%1\" has no live reservation, past "
                                         "its TTL: a ghost")
                       .arg(text(q, 0));
               },
               violations)
        && collect(
               QStringLiteral("SELECT u.name, r.name, m.node_id FROM memberships m JOIN users u "
                              "ON u.id = m.user_id JOIN rooms r ON r.id = m.room_id LEFT JOIN "
                              "nodes n ON n.id = m.node_id WHERE n.id IS NULL OR "
                              "n.lease_expires < ? ORDER BY r.name_key, u.name_key"),
               {now - m_windows.nodeLeaseMs - slack},
               [&](const QSqlQuery &q) {
                   return QStringLiteral("I4 member %1 of \"%2\" held by node %3, whose lease "
                                         "lapsed long ago")
                       .arg(text(q, 0), text(q, 1), text(q, 2));
               },
               violations)
        && collect(
               QStringLiteral("SELECT u.name, r.name, COUNT(*) FROM reservations v JOIN users u "
                              "ON u.id = v.user_id JOIN rooms r ON r.id = v.room_id WHERE "
                              "v.state = 'live' AND v.expires_at > ? GROUP BY v.user_id, "
                              "v.room_id, u.name, r.name HAVING COUNT(*) > 1 ORDER BY r.name"),
               {now},
               [&](const QSqlQuery &q) {
                   return QStringLiteral("I1 %1 holds %2 live reservations of \"%3\"")
                       .arg(text(q, 0), text(q, 2), text(q, 1));
               },
               violations);
}

} // namespace roomgate::server
