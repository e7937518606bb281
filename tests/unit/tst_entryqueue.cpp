// SPDX-License-Identifier: MIT
#include "server/admission/sqlentryqueue.h"
#include "server/storage/accountstore.h"
#include "server/storage/database.h"
#include "server/storage/roomstore.h"
#include "server/storage/secrets.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace roomgate;
using namespace roomgate::server;

/**
 * Each transaction of the SQL entry queue and the room store on a real SQLite
 * file, with a controlled clock: the decisions and their refusal order.
 */
class TestEntryQueue : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SqlEntryQueue> m_queue;
    std::unique_ptr<AccountStore> m_accounts;
    std::unique_ptr<RoomStore> m_rooms;
    int m_counter = 0;
    static constexpr qint64 kNow = 1'000'000;
    static constexpr qint64 kTtl = 30'000;

    qint64 user()
    {
        const QString name = QStringLiteral("u%1").arg(++m_counter);
        return m_accounts->createUser(name, name, "hash", false, kNow).value.id;
    }

    struct Made
    {
        Outcome<ReserveResult> outcome;
        QString ticketHash;
    };
    Made reserve(qint64 userId, const QString &room, bool create = true, int capacity = 2,
                 qint64 now = kNow)
    {
        ReserveRequest r;
        r.userId = userId;
        r.roomName = room;
        r.roomKey = room.toCaseFolded();
        r.create = create;
        r.capacity = capacity;
        r.nodeId = QStringLiteral("node-a");
        r.newId = Secrets::newPublicId();
        r.newTicketHash = Secrets::storageHash(r.newId.toLatin1());
        r.now = now;
        r.ttlMs = kTtl;
        return {m_queue->reserve(r), r.newTicketHash};
    }
    Outcome<ClaimResult> claim(const QString &ticketHash, qint64 now = kNow + 1)
    {
        ClaimRequest c;
        c.ticketHash = ticketHash;
        c.nodeId = QStringLiteral("node-a");
        c.connectionId = QStringLiteral("c%1").arg(++m_counter);
        c.address = QStringLiteral("127.0.0.1");
        c.now = now;
        return m_queue->claim(c);
    }
    int rooms() { return m_rooms->listRooms(kNow).value.size(); }

private Q_SLOTS:
    void init()
    {
        QVERIFY(Secrets::initialize());
        m_queue.reset();
        m_accounts.reset();
        m_rooms.reset();
        m_db = std::make_unique<Database>();
        QFile::remove(m_dir.filePath(QStringLiteral("q.db")));
        QVERIFY2(m_db->open(m_dir.filePath(QStringLiteral("q.db"))),
                 qPrintable(m_db->errorString()));
        QCOMPARE(m_db->schemaVersion(), 1);
        m_queue = std::make_unique<SqlEntryQueue>(*m_db);
        m_accounts = std::make_unique<AccountStore>(*m_db);
        m_rooms = std::make_unique<RoomStore>(*m_db);
    }
    void cleanup()
    {
        m_queue.reset();
        m_accounts.reset();
        m_rooms.reset();
        m_db.reset();
    }

    void reserveCreatesPendingRoom()
    {
        const Made m = reserve(user(), QStringLiteral("Lobby"));
        QVERIFY(m.outcome.ok());
        QVERIFY(m.outcome.value.roomCreated);
        QCOMPARE(m.outcome.value.room.state, QStringLiteral("pending"));
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
        const auto c = claim(m.ticketHash);
        QVERIFY(c.ok());
        QVERIFY(c.value.roomOpened);
        QCOMPARE(c.value.room.state, QStringLiteral("open"));
        QCOMPARE(c.value.room.occupants, 1);
        QCOMPARE(c.value.room.reserved, 0);
        QCOMPARE(c.value.members, QStringList{c.value.membership.userName});
        QCOMPARE(c.value.membership.userId, u);
        // The member cannot reserve again; the ticket cannot be used again.
        QCOMPARE(reserve(u, QStringLiteral("hall")).outcome.code, ErrorCode::AlreadyInRoom);
        QCOMPARE(claim(m.ticketHash).code, ErrorCode::TicketAlreadyUsed);
    }

    void claimRefusalOrder()
    {
        QCOMPARE(claim(QStringLiteral("unknown")).code, ErrorCode::TicketInvalid);
        const Made m = reserve(user(), QStringLiteral("late"));
        QCOMPARE(claim(m.ticketHash, kNow + kTtl).code, ErrorCode::TicketExpired);
        const Made closed = reserve(user(), QStringLiteral("shut"));
        QVERIFY(m_db->execDirect(
            QStringLiteral("UPDATE rooms SET state = 'closed' WHERE name = 'shut'")));
        const auto refused = claim(closed.ticketHash);
        QCOMPARE(refused.code, ErrorCode::RoomClosed);
        QCOMPARE(refused.value.reservation.roomName, QStringLiteral("shut"));
        // An expired ticket of a closed room is expired first.
        QCOMPARE(claim(closed.ticketHash, kNow + kTtl).code, ErrorCode::TicketExpired);
        const Made gone = reserve(user(), QStringLiteral("gone"));
        QVERIFY(m_db->execDirect(QStringLiteral("DELETE FROM rooms WHERE name = 'gone'")));
        QCOMPARE(claim(gone.ticketHash).code, ErrorCode::RoomNotFound);
    }

    void cancelAndGhostRooms()
    {
        const qint64 u = user();
        const Made m = reserve(u, QStringLiteral("ghost"));
        QCOMPARE(m_queue->cancel(m.ticketHash, user(), kNow).code, ErrorCode::ReservationNotFound);
        const auto cancelled = m_queue->cancel(m.ticketHash, u, kNow);
        QVERIFY(cancelled.ok());
        QVERIFY(cancelled.value.roomDeleted);
        QCOMPARE(rooms(), 0);
        QCOMPARE(claim(m.ticketHash).code, ErrorCode::TicketInvalid);
    }

    void expiryDeletesGhostsOnly()
    {
        const Made ghost = reserve(user(), QStringLiteral("ghost"));
        const Made used = reserve(user(), QStringLiteral("used"));
        QVERIFY(claim(used.ticketHash).ok());
        reserve(user(), QStringLiteral("used")); // expires, but the room is in use
        const auto swept = m_queue->expireDue(kNow + kTtl);
        QVERIFY(swept.ok());
        QCOMPARE(swept.value.expired.size(), 2);
        QCOMPARE(swept.value.deletedRooms.size(), 1);
        QCOMPARE(swept.value.deletedRooms.first().name, QStringLiteral("ghost"));
        QCOMPARE(claim(ghost.ticketHash, kNow + kTtl + 1).code, ErrorCode::TicketExpired);
        // Ended tickets are remembered 10 minutes past expiry, then forgotten.
        QVERIFY(m_queue->expireDue(kNow + kTtl + 10 * 60'000 + 1).ok());
        QCOMPARE(claim(ghost.ticketHash, kNow + kTtl + 10 * 60'000 + 2).code,
                 ErrorCode::TicketInvalid);
    }

    void messagesAndDedupe()
    {
        const Made m = reserve(user(), QStringLiteral("chat"));
        const auto c = claim(m.ticketHash);
        QVERIFY(c.ok());
        bool duplicate = true;
        const auto first = m_rooms->appendMessage(c.value.membership, QStringLiteral("hi'); --"),
                                                  QStringLiteral("k1"), kNow, &duplicate);
        QVERIFY(first.ok());
        QVERIFY(!duplicate);
        const auto again = m_rooms->appendMessage(c.value.membership, QStringLiteral("other"),
                                                  QStringLiteral("k1"), kNow, &duplicate);
        QVERIFY(duplicate);
        QCOMPARE(again.value.id, first.value.id);
        QCOMPARE(again.value.text, QStringLiteral("hi'); --"));
    }

    void nodeRelease()
    {
        const Made m = reserve(user(), QStringLiteral("crash"));
        QVERIFY(claim(m.ticketHash).ok());
        const auto released = m_rooms->releaseNode(QStringLiteral("node-a"));
        QVERIFY(released.ok());
        QCOMPARE(released.value.size(), 1);
        QCOMPARE(m_rooms->listRooms(kNow).value.first().occupants, 0);
        // A dead node's lease lapses; another node reaps its members.
        const Made n = reserve(user(), QStringLiteral("crash"));
        QVERIFY(claim(n.ticketHash).ok());
        QCOMPARE(m_rooms->heartbeat(QStringLiteral("node-a"), kNow, 15'000), ErrorCode::Ok);
        QCOMPARE(m_rooms->reapDeadNodes(QStringLiteral("node-b"), kNow + 1000).value.size(), 0);
        QCOMPARE(m_rooms->reapDeadNodes(QStringLiteral("node-b"), kNow + 16'000).value.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestEntryQueue)
#include "tst_entryqueue.moc"
