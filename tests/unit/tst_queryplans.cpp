// SPDX-License-Identifier: MIT
#include "server/admission/sqlentryqueue.h"
#include "server/storage/accountstore.h"
#include "server/storage/auditstore.h"
#include "server/storage/banstore.h"
#include "server/storage/database.h"
#include "server/storage/membershipstore.h"
#include "server/storage/messagestore.h"
#include "server/storage/nodestore.h"
#include "server/storage/reservationstore.h"
#include "server/storage/roomstore.h"
#include "server/storage/secrets.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace roomgate;
using namespace roomgate::server;

/**
 * How SQLite runs every statement the stores prepare: each one a user's request leads to
 * finds its rows through an index, so that its cost does not grow with the number of
 * users, sessions, members or rooms. A statement that walks a whole table or index is one
 * of the few whose purpose is to read all of it (listings, counts, sweeps) and is named
 * here with why. Without an index on what a statement looks up, SQLite reads every row —
 * on the one writer thread that every decision waits for.
 */
class TestQueryPlans : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;

    /** Every line of SQLite's plan for @p sql that reads a whole table or index. */
    QStringList scans(const QString &sql)
    {
        QSqlQuery &q = m_db->prepared(QStringLiteral("EXPLAIN QUERY PLAN ") + sql);
        for (qsizetype i = 0, n = sql.count(QLatin1Char('?')); i < n; ++i)
            q.addBindValue(QVariant());
        if (!m_db->exec(q))
            return {QStringLiteral("cannot explain")};
        QStringList out;
        while (q.next()) {
            const QString detail = q.value(3).toString();
            if (detail.startsWith(QLatin1String("SCAN "))
                && detail != QLatin1String("SCAN CONSTANT ROW"))
                out.append(detail);
        }
        q.finish();
        return out;
    }

    /** Runs every statement of every store once, so that each is prepared and cached. */
    void prepareEveryStatement()
    {
        constexpr qint64 kNow = 1'000'000;
        AccountStore accounts(*m_db);
        const qint64 user
            = accounts.insertUser(QStringLiteral("Ann"), QStringLiteral("ann"), "hash", false, kNow)
                  .value;
        accounts.findUser(QStringLiteral("ann"));
        accounts.promoteToAdmin(user, "hash");
        accounts.insertSession(user, QStringLiteral("t1"), kNow, kNow + 1000);
        accounts.sessionUser(QStringLiteral("t1"), kNow);
        accounts.keepNewestSessions(user, 5);
        accounts.deleteSession(QStringLiteral("t1"));
        accounts.deleteSessionsOf(user);
        accounts.purgeExpiredSessions(kNow);

        ReserveRequest reserve;
        reserve.userId = user;
        reserve.userName = QStringLiteral("Ann");
        reserve.roomName = QStringLiteral("Hall");
        reserve.roomKey = QStringLiteral("hall");
        reserve.create = true;
        reserve.mayCreate = true;
        reserve.capacity = 4;
        reserve.nodeId = QStringLiteral("n1");
        reserve.newId = Secrets::newPublicId();
        reserve.now = kNow;
        reserve.ttlMs = 30'000;
        const auto reserved = SqlEntryQueue::decideReserve(*m_db, reserve);
        QVERIFY(reserved.ok());
        SqlEntryQueue::decideReserve(*m_db, reserve); // the same user again: liveOf
        ClaimRequest claim;
        claim.reservationId = reserve.newId;
        claim.nodeId = QStringLiteral("n1");
        claim.connectionId = QStringLiteral("c1");
        claim.address = QStringLiteral("127.0.0.1");
        claim.now = kNow + 1;
        claim.maxSocketsPerUser = 32;
        claim.historyLimit = 50;
        const auto claimed = SqlEntryQueue::decideClaim(*m_db, claim);
        QVERIFY(claimed.ok());
        const qint64 roomId = claimed.value.room.id;
        SqlEntryQueue::decideCancel(*m_db, reserve.newId, user, kNow);
        SqlEntryQueue::decideRelease(*m_db, claimed.value.membership.id, kNow + 2);
        SqlEntryQueue::decideExpiry(*m_db, kNow + 60'000);

        RoomStore rooms(*m_db);
        rooms.byKey(QStringLiteral("hall"), kNow);
        rooms.list(kNow);
        rooms.counts(kNow);
        rooms.update(roomId, 5, RoomState::Open, kNow);
        rooms.removeIfGhost(roomId, kNow);

        ReservationStore reservations(*m_db);
        reservations.liveById(reserve.newId, kNow);
        reservations.live(QStringLiteral("hall"), kNow);
        reservations.liveIn(roomId, user, kNow);
        reservations.liveIn(roomId, std::nullopt, kNow);
        reservations.endAllIn(roomId, user, ReservationState::Banned);
        reservations.endAllIn(roomId, std::nullopt, ReservationState::RoomClosed);

        MembershipStore memberships(*m_db);
        memberships.of(roomId, user);
        memberships.ofUserKey(roomId, QStringLiteral("ann"));
        memberships.inRoom(roomId);
        memberships.list(QString());
        memberships.ofNode(QStringLiteral("n1"));
        memberships.ofLapsedNodes(QStringLiteral("n1"), kNow);
        memberships.removeAll({claimed.value.membership});

        MessageStore messages(*m_db);
        ChatMessage message;
        message.from = QStringLiteral("Ann");
        message.text = QStringLiteral("hi");
        message.clientId = QStringLiteral("m1");
        message.sentAtMs = kNow;
        messages.insert(roomId, user, message);
        messages.byClientId(roomId, user, QStringLiteral("m1"));
        messages.roomsOver(10);
        messages.pruneOlder(roomId, 10, 100);

        BanStore bans(*m_db);
        bans.add(roomId, user, kNow);
        bans.remove(roomId, user);

        NodeStore nodes(*m_db);
        nodes.renew(QStringLiteral("n1"), kNow, 15'000);
        nodes.list();

        AuditStore audit(*m_db);
        audit.append(AuditEntry{kNow,
                                QStringLiteral("cli"),
                                QStringLiteral("room.create"),
                                QStringLiteral("Hall"),
                                {}});
        audit.latest(10);

        rooms.remove(roomId);
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(Secrets::initialize());
        m_db = std::make_unique<Database>();
        const QString path = m_dir.filePath(QStringLiteral("plans.db"));
        QFile::remove(path);
        QVERIFY2(m_db->open(path), qPrintable(m_db->errorString()));
    }
    void cleanup() { m_db.reset(); }

    void everyLookupSeeksAnIndex()
    {
        prepareEveryStatement();
        if (QTest::currentTestFailed())
            return;
        // Statements whose purpose is to read a whole table, each with why that is bounded.
        const QStringList wholeReads{
            // The room list and the admin overview: every room, by design.
            QStringLiteral("ORDER BY r.name_key"),
            QStringLiteral("FROM reservations WHERE state = 'live' AND expires_at > ?)"),
            // The admin member list (one room or all of them).
            QStringLiteral("(? = '' OR r.name_key = ?) ORDER BY r.name_key, m.since"),
            // The history sweep: one pass over the messages index, every few minutes.
            QStringLiteral("GROUP BY room_id HAVING COUNT(*) > ?"),
            // The nodes: a handful of rows (also where memberships of lapsed nodes are
            // looked for).
            QStringLiteral("FROM nodes"),
            // The admin audit view: the newest entries, read backwards, LIMIT rows.
            QStringLiteral("FROM audit_log ORDER BY id DESC LIMIT ?"),
        };
        const QStringList statements = m_db->preparedStatements();
        QVERIFY2(statements.size() >= 50, qPrintable(QString::number(statements.size())));
        QStringList offenders;
        for (const QString &sql : statements) {
            const QStringList found = scans(sql);
            if (found.isEmpty())
                continue;
            const bool meant = std::any_of(wholeReads.cbegin(), wholeReads.cend(),
                                           [&](const QString &part) { return sql.contains(part); });
            if (!meant)
                offenders.append(found.join(QStringLiteral(", ")) + QStringLiteral(" in: ")
                                 + sql.simplified());
        }
        QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestQueryPlans)
#include "tst_queryplans.moc"
