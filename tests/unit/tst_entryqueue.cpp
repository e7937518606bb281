// SPDX-License-Identifier: MIT
#include "server/admission/sqlentryqueue.h"
#include "server/storage/accountstore.h"
#include "server/storage/banstore.h"
#include "server/storage/database.h"
#include "server/storage/membershipstore.h"
#include "server/storage/messagestore.h"
#include "server/storage/nodestore.h"
#include "server/storage/roomstore.h"
#include "server/storage/schema.h"
#include "server/storage/secrets.h"
#include "tests/common/testpostgres.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace roomgate;
using namespace roomgate::server;
using roomgate::test::TestPostgres;

/**
 * Each decision of the SQL entry queue, and the store statements the other decisions are
 * made of, on a real SQLite file and a real PostgreSQL database (every test on both), with a
 * controlled clock: the rules and their refusal order. Each decision runs in its own
 * transaction here, as it would under a savepoint of the storage writer's group commit.
 */
class TestEntryQueue : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    int m_counter = 0;
    static constexpr qint64 kNow = 1'000'000;
    static constexpr qint64 kTtl = 30'000;

    /** Runs @p decide in a transaction, committed when it decides Ok (else rolled back). */
    template<typename F> auto decided(F decide)
    {
        Transaction tx(*m_db);
        auto outcome = decide();
        if (outcome.ok())
            tx.commit();
        return outcome;
    }

    qint64 user()
    {
        const QString name = QStringLiteral("u%1").arg(++m_counter);
        return AccountStore(*m_db).insertUser(name, name, "hash", false, kNow).value;
    }

    struct Made
    {
        Outcome<ReserveResult> outcome;
        QString id; ///< what the reservation's ticket carries
    };
    Made reserve(qint64 userId, const QString &room, bool create = true, int capacity = 2,
                 qint64 now = kNow)
    {
        ReserveRequest r;
        r.userId = userId;
        r.userName = QStringLiteral("u%1").arg(userId);
        r.roomName = room;
        r.roomKey = room.toCaseFolded();
        r.create = create;
        r.capacity = capacity;
        r.nodeId = QStringLiteral("node-a");
        r.newId = Secrets::newPublicId();
        r.now = now;
        r.ttlMs = kTtl;
        return {decided([&] { return SqlEntryQueue::decideReserve(*m_db, r); }), r.newId};
    }
    Outcome<ClaimResult> claim(const QString &reservationId, qint64 now = kNow + 1,
                               int maxSocketsPerUser = 0)
    {
        ClaimRequest c;
        c.maxSocketsPerUser = maxSocketsPerUser;
        c.reservationId = reservationId;
        c.nodeId = QStringLiteral("node-a");
        c.connectionId = QStringLiteral("c%1").arg(++m_counter);
        c.address = QStringLiteral("127.0.0.1");
        c.now = now;
        return decided([&] { return SqlEntryQueue::decideClaim(*m_db, c); });
    }
    int rooms() { return RoomStore(*m_db).list(kNow).value.size(); }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }
    void initTestCase()
    {
        QVERIFY2(TestPostgres::shared().isRunning(), qPrintable(TestPostgres::shared().error()));
    }
    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        QVERIFY(Secrets::initialize());
        m_db = std::make_unique<Database>();
        QString url;
        if (backend == QLatin1String("postgresql")) {
            url = TestPostgres::shared().newDatabase();
            QVERIFY2(!url.isEmpty(), qPrintable(TestPostgres::shared().error()));
        } else {
            url = m_dir.filePath(QStringLiteral("q.db"));
            QFile::remove(url);
        }
        QVERIFY2(m_db->open(url), qPrintable(m_db->errorString()));
        // Every step of the schema ran.
        QCOMPARE(m_db->schemaVersion(), static_cast<int>(Schema::migrations().size()));
    }
    void cleanup() { m_db.reset(); }

    /**
     * Step 6 drops the ticket hashes (on SQLite by making the reservations table again): a
     * database left at version 5 keeps every reservation, with every other column.
     */
    void stepSixKeepsEveryReservation()
    {
        QFETCH_GLOBAL(QString, backend);
        const QString url = backend == QLatin1String("postgresql")
            ? TestPostgres::shared().newDatabase()
            : m_dir.filePath(QStringLiteral("step5.db"));
        QVERIFY(!url.isEmpty());
        {
            Database old; // as a server before step 6 left it
            QVERIFY2(old.open(url, Database::Role::Inspector), qPrintable(old.errorString()));
            const auto steps = Schema::migrations();
            for (int step = 0; step < 5; ++step) {
                const QString script = QString::fromUtf8(backend == QLatin1String("postgresql")
                                                             ? steps[step].postgres
                                                             : steps[step].sqlite);
                for (const QString &sql : script.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
                    if (!sql.trimmed().isEmpty())
                        QVERIFY2(old.execDirect(sql), qPrintable(sql));
                }
            }
            QVERIFY(old.execDirect(
                QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)")));
            QVERIFY(old.execDirect(QStringLiteral("INSERT INTO schema_version VALUES (5)")));
            QVERIFY(old.execDirect(QStringLiteral(
                "INSERT INTO reservations (id, ticket_hash, room_id, user_id, node_id, state, "
                "created_at, expires_at) VALUES ('a1', 'h1', 7, 8, 'node-a', 'live', 100, 200), "
                "('b2', 'h2', 7, 9, 'node-b', 'claimed', 110, 210)")));
        }
        Database upgraded;
        QVERIFY2(upgraded.open(url), qPrintable(upgraded.errorString()));
        QCOMPARE(upgraded.schemaVersion(), static_cast<int>(Schema::migrations().size()));
        QSqlQuery &q = upgraded.prepared(QStringLiteral(
            "SELECT id, room_id, user_id, node_id, state, created_at, expires_at FROM "
            "reservations ORDER BY id"));
        QVERIFY(upgraded.exec(q));
        QStringList rows;
        while (q.next()) {
            QStringList row;
            for (int i = 0; i < 7; ++i)
                row.append(q.value(i).toString());
            rows.append(row.join(QLatin1Char(' ')));
        }
        q.finish();
        QCOMPARE(rows,
                 (QStringList{QStringLiteral("a1 7 8 node-a live 100 200"),
                              QStringLiteral("b2 7 9 node-b claimed 110 210")}));
        // And the live one is found by the partial index's lookups again.
        QSqlQuery &byRoom = upgraded.prepared(QStringLiteral(
            "SELECT COUNT(*) FROM reservations WHERE room_id = ? AND state = 'live' AND "
            "expires_at > ?"));
        byRoom.addBindValue(7);
        byRoom.addBindValue(150);
        QVERIFY(upgraded.exec(byRoom) && byRoom.next());
        QCOMPARE(byRoom.value(0).toInt(), 1);
        byRoom.finish();
    }

    void reserveCreatesPendingRoom()
    {
        const Made m = reserve(user(), QStringLiteral("Lobby"));
        QVERIFY(m.outcome.ok());
        QVERIFY(m.outcome.value.roomCreated);
        QCOMPARE(m.outcome.value.room.state, RoomState::Pending);
        QCOMPARE(m.outcome.value.room.reserved, 1);
        QCOMPARE(m.outcome.value.reservation.expiresAt, kNow + kTtl);
    }

    void repeatAnswersSameReservation()
    {
        const qint64 u = user();
        const Made first = reserve(u, QStringLiteral("lobby"));
        const Made again = reserve(u, QStringLiteral("lobby"), true, 2, kNow + 5000);
        QVERIFY(again.outcome.ok());
        QVERIFY(again.outcome.value.repeated);
        QCOMPARE(again.outcome.value.reservation.id, first.outcome.value.reservation.id);
        QCOMPARE(again.outcome.value.reservation.expiresAt, kNow + kTtl); // no extension
    }

    void fullRoomAndRetryAfter()
    {
        reserve(user(), QStringLiteral("tiny"), true, 1);
        const Made refused = reserve(user(), QStringLiteral("tiny"), true, 1, kNow + 10'000);
        QCOMPARE(refused.outcome.code, ErrorCode::RoomFull);
        QCOMPARE(refused.outcome.value.retryAfterMs, kTtl - 10'000);
        // Expiry is judged inside the decision: no sweeper needed.
        const Made later = reserve(user(), QStringLiteral("tiny"), true, 1, kNow + kTtl);
        QVERIFY(later.outcome.ok());
    }

    void roomNotFoundWithoutCreate()
    {
        QCOMPARE(reserve(user(), QStringLiteral("nowhere"), false).outcome.code,
                 ErrorCode::RoomNotFound);
        QCOMPARE(rooms(), 0);
    }

    void claimTurnsReservationIntoMembership()
    {
        const qint64 u = user();
        const Made m = reserve(u, QStringLiteral("hall"));
        const auto c = claim(m.id);
        QVERIFY(c.ok());
        QVERIFY(c.value.roomOpened);
        QCOMPARE(c.value.room.state, RoomState::Open);
        QCOMPARE(c.value.room.occupants, 1);
        QCOMPARE(c.value.room.reserved, 0);
        QCOMPARE(c.value.members, QStringList{c.value.membership.userName});
        QCOMPARE(c.value.membership.userId, u);
        // The member cannot reserve again; the ticket cannot be used again.
        QCOMPARE(reserve(u, QStringLiteral("hall")).outcome.code, ErrorCode::AlreadyInRoom);
        QCOMPARE(claim(m.id).code, ErrorCode::TicketAlreadyUsed);
    }

    void claimRefusalOrder()
    {
        QCOMPARE(claim(QStringLiteral("unknown")).code, ErrorCode::TicketInvalid);
        const Made m = reserve(user(), QStringLiteral("late"));
        QCOMPARE(claim(m.id, kNow + kTtl).code, ErrorCode::TicketExpired);
        const Made closed = reserve(user(), QStringLiteral("shut"));
        QVERIFY(m_db->execDirect(
            QStringLiteral("UPDATE rooms SET state = 'closed' WHERE name = 'shut'")));
        const auto refused = claim(closed.id);
        QCOMPARE(refused.code, ErrorCode::RoomClosed);
        QCOMPARE(refused.value.reservation.roomName, QStringLiteral("shut"));
        // An expired ticket of a closed room is expired first.
        QCOMPARE(claim(closed.id, kNow + kTtl).code, ErrorCode::TicketExpired);
        const Made gone = reserve(user(), QStringLiteral("gone"));
        QVERIFY(m_db->execDirect(QStringLiteral("DELETE FROM rooms WHERE name = 'gone'")));
        QCOMPARE(claim(gone.id).code, ErrorCode::RoomNotFound);
    }

    void claimRefusedToBannedUserAndOverSockets()
    {
        // A ban that came after the reservation (its row still live) refuses the claim.
        const qint64 banned = user();
        const Made m = reserve(banned, QStringLiteral("club"));
        QCOMPARE(BanStore(*m_db).add(m.outcome.value.room.id, banned, kNow), ErrorCode::Ok);
        const auto refused = claim(m.id);
        QCOMPARE(refused.code, ErrorCode::Kicked);
        QCOMPARE(refused.value.reservation.roomName, QStringLiteral("club"));

        // The user's joined sockets, in every room, count against the limit.
        const qint64 u = user();
        QVERIFY(claim(reserve(u, QStringLiteral("one")).id, kNow + 1, 2).ok());
        QVERIFY(claim(reserve(u, QStringLiteral("two")).id, kNow + 1, 2).ok());
        const Made third = reserve(u, QStringLiteral("three"));
        QCOMPARE(claim(third.id, kNow + 1, 2).code, ErrorCode::RateLimited);
        // Other users are not counted; the refused ticket is still live.
        QVERIFY(claim(reserve(user(), QStringLiteral("three")).id, kNow + 1, 1).ok());
        QVERIFY(claim(third.id, kNow + 1, 3).ok());
    }

    void decisionsTouchTheRoomAtMostOnceASecond()
    {
        const auto lastActivity = [this] {
            return RoomStore(*m_db).byKey(QStringLiteral("busy"), kNow).value->lastActivity;
        };
        const Made first = reserve(user(), QStringLiteral("busy"), true, 10);
        QCOMPARE(lastActivity(), kNow);
        // Within the touch resolution the row is left as it is; past it, it moves.
        reserve(user(), QStringLiteral("busy"), true, 10, kNow + 500);
        QCOMPARE(lastActivity(), kNow);
        reserve(user(), QStringLiteral("busy"), true, 10, kNow + 5000);
        QCOMPARE(lastActivity(), kNow + 5000);
        QVERIFY(claim(first.id, kNow + 5200).ok()); // opens the room: always written
        QCOMPARE(lastActivity(), kNow + 5200);
        const Made later = reserve(user(), QStringLiteral("busy"), true, 10, kNow + 5300);
        QCOMPARE(lastActivity(), kNow + 5200);
        QVERIFY(claim(later.id, kNow + 9000).ok());
        QCOMPARE(lastActivity(), kNow + 9000);
        const Made leaving = reserve(user(), QStringLiteral("busy"), true, 10, kNow + 9100);
        const auto member = claim(leaving.id, kNow + 9100);
        QVERIFY(member.ok());
        const auto released = decided([&] {
            return SqlEntryQueue::decideRelease(*m_db, member.value.membership.id, kNow + 20'000);
        });
        QVERIFY(released.ok() && released.value);
        QCOMPARE(lastActivity(), kNow + 20'000);
    }

    void cancelAndGhostRooms()
    {
        const qint64 u = user();
        const Made m = reserve(u, QStringLiteral("ghost"));
        const qint64 stranger = user();
        QCOMPARE(
            decided([&] { return SqlEntryQueue::decideCancel(*m_db, m.id, stranger, kNow); }).code,
            ErrorCode::ReservationNotFound);
        const auto cancelled
            = decided([&] { return SqlEntryQueue::decideCancel(*m_db, m.id, u, kNow); });
        QVERIFY(cancelled.ok());
        QVERIFY(cancelled.value.roomDeleted);
        QCOMPARE(rooms(), 0);
        QCOMPARE(claim(m.id).code, ErrorCode::TicketInvalid);
    }

    void expiryDeletesGhostsOnly()
    {
        const Made ghost = reserve(user(), QStringLiteral("ghost"));
        const Made used = reserve(user(), QStringLiteral("used"));
        QVERIFY(claim(used.id).ok());
        reserve(user(), QStringLiteral("used")); // expires, but the room is in use
        const auto swept = decided([&] { return SqlEntryQueue::decideExpiry(*m_db, kNow + kTtl); });
        QVERIFY(swept.ok());
        QCOMPARE(swept.value.expired.size(), 2);
        QCOMPARE(swept.value.deletedRooms.size(), 1);
        QCOMPARE(swept.value.deletedRooms.first().name, QStringLiteral("ghost"));
        QCOMPARE(claim(ghost.id, kNow + kTtl + 1).code, ErrorCode::TicketExpired);
        // Ended tickets are remembered 10 minutes past expiry, then forgotten.
        QVERIFY(decided([&] {
                    return SqlEntryQueue::decideExpiry(*m_db, kNow + kTtl + 10 * 60'000 + 1);
                }).ok());
        QCOMPARE(claim(ghost.id, kNow + kTtl + 10 * 60'000 + 2).code, ErrorCode::TicketInvalid);
    }

    void messagesAndDedupe()
    {
        const Made m = reserve(user(), QStringLiteral("chat"));
        const auto c = claim(m.id);
        QVERIFY(c.ok());
        const Membership &member = c.value.membership;
        MessageStore messages(*m_db);
        ChatMessage sent;
        sent.from = member.userName;
        sent.text = QStringLiteral("hi'); --");
        sent.clientId = QStringLiteral("k1");
        sent.sentAtMs = kNow;
        QVERIFY(!messages.byClientId(member.roomId, member.userId, QStringLiteral("k1")).value);
        const auto id = messages.insert(member.roomId, member.userId, sent);
        QVERIFY(id.ok());
        const auto again = messages.byClientId(member.roomId, member.userId, QStringLiteral("k1"));
        QVERIFY(again.ok() && again.value);
        QCOMPARE(again.value->id, id.value);
        QCOMPARE(again.value->text, QStringLiteral("hi'); --"));
        QCOMPARE(again.value->room, QStringLiteral("chat"));
        // Another user may use the same clientId.
        QVERIFY(!messages.byClientId(member.roomId, member.userId + 1, QStringLiteral("k1")).value);
        QCOMPARE(messages.latest(member.roomId, 50).value.size(), 1);
        // The next claim gets it in its history.
        const auto next = claim(reserve(user(), QStringLiteral("chat")).id);
        QCOMPARE(next.value.history.size(), 1);
        QCOMPARE(next.value.history.first().id, id.value);
    }

    void releaseEndsTheMembershipOnce()
    {
        const auto c = claim(reserve(user(), QStringLiteral("leave")).id);
        QVERIFY(c.ok());
        const auto first = decided(
            [&] { return SqlEntryQueue::decideRelease(*m_db, c.value.membership.id, kNow + 5); });
        QVERIFY(first.ok() && first.value);
        QCOMPARE(RoomStore(*m_db).list(kNow).value.first().occupants, 0);
        // A second ending (a kick got there first) changes nothing and says so.
        const auto second = decided(
            [&] { return SqlEntryQueue::decideRelease(*m_db, c.value.membership.id, kNow + 6); });
        QVERIFY(second.ok() && !second.value);
    }

    void nodeLeases()
    {
        const Made m = reserve(user(), QStringLiteral("crash"));
        QVERIFY(claim(m.id).ok());
        MembershipStore memberships(*m_db);
        QCOMPARE(memberships.ofNode(QStringLiteral("node-a")).value.size(), 1);
        QCOMPARE(memberships.ofNode(QStringLiteral("node-b")).value.size(), 0);
        // A dead node's lease lapses; another node finds its members.
        NodeStore nodes(*m_db);
        QCOMPARE(nodes.renew(QStringLiteral("node-a"), kNow, 15'000), ErrorCode::Ok);
        QCOMPARE(memberships.ofLapsedNodes(QStringLiteral("node-b"), kNow + 1000).value.size(), 0);
        QCOMPARE(memberships.ofLapsedNodes(QStringLiteral("node-b"), kNow + 16'000).value.size(),
                 1);
        // A node never counts itself dead.
        QCOMPARE(memberships.ofLapsedNodes(QStringLiteral("node-a"), kNow + 16'000).value.size(),
                 0);
        QCOMPARE(nodes.list().value.size(), 1);
        QCOMPARE(nodes.list().value.first().leaseExpires, kNow + 15'000);
    }
};

QTEST_GUILESS_MAIN(TestEntryQueue)
#include "tst_entryqueue.moc"
