// SPDX-License-Identifier: MIT
// Three roomgate-server nodes on one PostgreSQL and one RabbitMQ behave, to every client, as
// one server: chat and presence across nodes, a ticket claimed anywhere exactly once, the
// capacity held under a storm spread over the nodes, one room when two nodes create it at
// once, admin actions across nodes, a killed node's seats freed within its lease, and the
// loss and return of the broker and of the database.
#include "tests/common/testbroker.h"
#include "tests/common/testpostgres.h"
#include "tests/common/testserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <memory>
#include <vector>

using roomgate::test::HttpReply;
using roomgate::test::TestApi;
using roomgate::test::TestBroker;
using roomgate::test::TestPostgres;
using roomgate::test::TestServer;
using roomgate::test::TestSocket;

namespace {

/// Short enough for the tests to wait out, long enough for a busy 2-core machine to renew.
constexpr int kLeaseSeconds = 6;

QString describe(const HttpReply &r)
{
    return QStringLiteral("HTTP %1 %2").arg(r.status).arg(QString::fromUtf8(r.body));
}

/** @p url with the port of @p wsPort: the same ticket, presented to another node. */
QString onNode(const QString &url, quint16 wsPort)
{
    QUrl u(url);
    u.setPort(wsPort);
    return u.toString();
}

} // namespace

class TestMultiNode : public QObject
{
    Q_OBJECT

    struct Node
    {
        std::unique_ptr<TestServer> server;
        std::unique_ptr<TestApi> api;
    };

    struct User
    {
        QByteArray token;
        QString name;
    };

    struct Member
    {
        std::unique_ptr<TestSocket> socket;
        QJsonObject joined;
        QString failure;
    };

    TestPostgres m_postgres; ///< its own: one test stops it
    TestBroker m_broker; ///< its own: one test stops it
    QString m_database;
    QTemporaryDir m_shared; ///< the ticket secret every node shares
    std::vector<Node> m_nodes;
    QByteArray m_admin;
    int m_users = 0;
    int m_rooms = 0;

    QStringList nodeArgs(const QString &id) const
    {
        return {QStringLiteral("--database"),    m_database,
                QStringLiteral("--broker"),      m_broker.url(),
                QStringLiteral("--node-id"),     id,
                QStringLiteral("--secret-file"), m_shared.filePath(QStringLiteral("secret")),
                QStringLiteral("--node-lease"),  QString::number(kLeaseSeconds),
                QStringLiteral("--ticket-ttl"),  QStringLiteral("60")};
    }

    Node &node(int i) { return m_nodes[i]; }
    TestApi &api(int i) { return *m_nodes[i].api; }

    User freshUser(int onNode = 0)
    {
        const QString name = QStringLiteral("user%1").arg(++m_users);
        return {api(onNode).userToken(name), name};
    }
    QString freshRoom() { return QStringLiteral("room%1").arg(++m_rooms); }

    /** Reserves on node @p reserveOn and claims on node @p claimOn. */
    Member join(const User &user, const QString &room, int reserveOn, int claimOn,
                int capacity = 16)
    {
        Member member;
        const HttpReply r = api(reserveOn).reserve(user.token, room, true, capacity);
        if (r.status != 201) {
            member.failure = user.name + QStringLiteral(" could not reserve: ") + describe(r);
            return member;
        }
        member.socket = std::make_unique<TestSocket>();
        member.socket->open(
            onNode(r.json.value(u"websocketUrl").toString(), node(claimOn).server->wsPort()));
        member.joined = member.socket->frameOfType(QStringLiteral("joined"), 15000);
        if (member.joined.isEmpty())
            member.failure = user.name + QStringLiteral(" got no joined frame");
        return member;
    }

    static void say(TestSocket &socket, const QString &text)
    {
        socket.send(
            {{QStringLiteral("type"), QStringLiteral("message")}, {QStringLiteral("text"), text}});
    }

    /** The room as node @p i lists it (empty when it is not listed). */
    QJsonObject listed(int i, const QByteArray &token, const QString &room)
    {
        const HttpReply list = api(i).request("GET", QStringLiteral("/api/v1/rooms"), {}, token);
        for (const QJsonValue &v : list.json.value(u"rooms").toArray()) {
            if (v.toObject().value(u"name").toString() == room)
                return v.toObject();
        }
        return {};
    }

    int taken(int i, const QByteArray &token, const QString &room)
    {
        const QJsonObject r = listed(i, token, room);
        return r.isEmpty() ? -1 : r.value(u"occupants").toInt() + r.value(u"reserved").toInt();
    }

    /** A reservation sent without waiting for its answer (many in flight at once). */
    static QNetworkReply *postReserve(QNetworkAccessManager &nam, Node &on, const QByteArray &token,
                                      const QString &room, bool create)
    {
        QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/rooms/%2/entries")
                                     .arg(on.server->httpPort())
                                     .arg(TestApi::pathSegment(room))));
        req.setRawHeader("Content-Type", "application/json");
        req.setRawHeader("Authorization", "Bearer " + token);
        return nam.post(req,
                        QJsonDocument(QJsonObject{{QStringLiteral("create"), create},
                                                  {QStringLiteral("capacity"), 4}})
                            .toJson(QJsonDocument::Compact));
    }

    bool startNode(const QString &id)
    {
        Node n;
        n.server = std::make_unique<TestServer>(nodeArgs(id));
        if (!n.server->start()) {
            qWarning("%s", qPrintable(n.server->output()));
            return false;
        }
        n.api = std::make_unique<TestApi>(n.server->httpPort());
        m_nodes.push_back(std::move(n));
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_postgres.start(), qPrintable(m_postgres.error()));
        QVERIFY2(m_broker.start(), qPrintable(m_broker.error()));
        m_database = m_postgres.newDatabase();
        QVERIFY2(!m_database.isEmpty(), qPrintable(m_postgres.error()));
        QFile secret(m_shared.filePath(QStringLiteral("secret")));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("multinode-shared-ticket-secret-of-at-least-32-chars\n");
        secret.close();

        // The first admin, on the shared database, before any node runs.
        QTemporaryDir bootstrapDir;
        QProcess bootstrap;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ROOMGATE_ADMIN_PASSWORD"), QStringLiteral("admin-secret"));
        bootstrap.setProcessEnvironment(env);
        bootstrap.start(TestServer::binary(),
                        {QStringLiteral("--headless"), QStringLiteral("--data-dir"),
                         bootstrapDir.path(), QStringLiteral("--database"), m_database,
                         QStringLiteral("--password-cost"), QStringLiteral("minimum"),
                         QStringLiteral("--create-admin"), QStringLiteral("root")});
        QVERIFY(bootstrap.waitForFinished(30000));
        QCOMPARE(bootstrap.exitCode(), 0);

        for (const char *id : {"node-a", "node-b", "node-c"})
            QVERIFY(startNode(QString::fromLatin1(id)));
        const HttpReply session
            = api(0).post(QStringLiteral("/api/v1/sessions"),
                          {{QStringLiteral("username"), QStringLiteral("root")},
                           {QStringLiteral("password"), QStringLiteral("admin-secret")}});
        QCOMPARE(session.status, 201);
        m_admin = session.json.value(u"token").toString().toLatin1();
    }

    void cleanupTestCase()
    {
        for (Node &n : m_nodes) {
            if (n.server)
                QCOMPARE(n.server->terminate(), 0);
        }
        // The store the nodes left behind keeps every invariant.
        QProcess verify;
        verify.start(TestServer::binary(),
                     {QStringLiteral("--verify"), QStringLiteral("--database"), m_database});
        QVERIFY(verify.waitForFinished(30000));
        QVERIFY2(verify.exitCode() == 0, verify.readAllStandardOutput().constData());
    }

    void everyNodeIsListed()
    {
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const HttpReply r
                    = api(1).request("GET", QStringLiteral("/api/v1/admin/nodes"), {}, m_admin);
                int alive = 0;
                for (const QJsonValue &v : r.json.value(u"nodes").toArray())
                    alive += v.toObject().value(u"alive").toBool() ? 1 : 0;
                return r.status == 200 && alive >= 3;
            }(),
            10000);
        const HttpReply r
            = api(1).request("GET", QStringLiteral("/api/v1/admin/nodes"), {}, m_admin);
        QStringList ids;
        for (const QJsonValue &v : r.json.value(u"nodes").toArray()) {
            const QJsonObject n = v.toObject();
            ids << n.value(u"id").toString();
            QCOMPARE(n.value(u"self").toBool(), n.value(u"id").toString() == u"node-b");
            QVERIFY(n.contains(u"sockets"));
            QVERIFY(n.contains(u"decisionsPerSecond"));
            QVERIFY(n.contains(u"messagesPerSecond"));
        }
        QVERIFY2(ids.contains(u"node-a"_qs) && ids.contains(u"node-c"_qs),
                 qPrintable(ids.join(u',')));
        // Without an admin token: the admin API's refusal.
        QCOMPARE(api(0).request("GET", QStringLiteral("/api/v1/admin/nodes")).status, 401);
        for (int i = 0; i < 3; ++i) {
            const HttpReply health = api(i).request("GET", QStringLiteral("/healthz"));
            QCOMPARE(health.status, 200);
            QCOMPARE(health.json.value(u"status").toString(), QStringLiteral("ok"));
        }
    }

    void chatAndPresenceAcrossNodes()
    {
        const QString room = freshRoom();
        const User alice = freshUser(0), bob = freshUser(1), carol = freshUser(2);
        Member a = join(alice, room, 0, 0);
        QVERIFY2(a.failure.isEmpty(), qPrintable(a.failure));
        Member b = join(bob, room, 1, 1);
        QVERIFY2(b.failure.isEmpty(), qPrintable(b.failure));
        // Bob's claim on node B reaches Alice on node A.
        QJsonObject presence = a.socket->frameOfType(QStringLiteral("presence"), 10000);
        QCOMPARE(presence.value(u"event").toString(), QStringLiteral("joined"));
        QCOMPARE(presence.value(u"user").toString(), bob.name);
        Member c = join(carol, room, 2, 2);
        QVERIFY2(c.failure.isEmpty(), qPrintable(c.failure));
        QCOMPARE(a.socket->frameOfType(QStringLiteral("presence"), 10000).value(u"user").toString(),
                 carol.name);
        QCOMPARE(b.socket->frameOfType(QStringLiteral("presence"), 10000).value(u"user").toString(),
                 carol.name);
        // Everyone is in the joined members of the last.
        QCOMPARE(c.joined.value(u"members").toArray().size(), 3);

        // Messages from each node reach the other two, in order per room.
        for (int round = 0; round < 5; ++round)
            say(*b.socket, QStringLiteral("from b %1").arg(round));
        for (TestSocket *s : {a.socket.get(), c.socket.get(), b.socket.get()}) {
            for (int round = 0; round < 5; ++round) {
                const QJsonObject m = s->frameOfType(QStringLiteral("message"), 10000);
                QCOMPARE(m.value(u"text").toString(), QStringLiteral("from b %1").arg(round));
                QCOMPARE(m.value(u"from").toString(), bob.name);
            }
        }
        say(*c.socket, QStringLiteral("from c"));
        QCOMPARE(a.socket->frameOfType(QStringLiteral("message"), 10000).value(u"text").toString(),
                 QStringLiteral("from c"));
        QCOMPARE(b.socket->frameOfType(QStringLiteral("message"), 10000).value(u"text").toString(),
                 QStringLiteral("from c"));

        // Leaving on node C is seen on A and B.
        c.socket->send({{QStringLiteral("type"), QStringLiteral("leave")}});
        QVERIFY(c.socket->waitClosed(10000));
        presence = a.socket->frameOfType(QStringLiteral("presence"), 10000);
        QCOMPARE(presence.value(u"event").toString(), QStringLiteral("left"));
        QCOMPARE(presence.value(u"user").toString(), carol.name);
        QTRY_COMPARE_WITH_TIMEOUT(taken(1, bob.token, room), 2, 10000);
    }

    void joiningWhileAnotherNodeChatsMissesNothing()
    {
        // Messages committed on node A while members enter on node B reach each of them
        // once: in its joined history or live after it, never in neither, never twice.
        const QString room = freshRoom();
        const User talker = freshUser(0);
        Member a = join(talker, room, 0, 0);
        QVERIFY2(a.failure.isEmpty(), qPrintable(a.failure));
        int sent = 0;
        QTimer talk;
        talk.setInterval(2);
        connect(&talk, &QTimer::timeout, this,
                [&] { say(*a.socket, QStringLiteral("m%1").arg(sent++)); });
        talk.start();
        std::vector<Member> joiners;
        for (int i = 0; i < 4; ++i) {
            joiners.push_back(join(freshUser(1), room, 1, 1));
            QVERIFY2(joiners.back().failure.isEmpty(), qPrintable(joiners.back().failure));
        }
        talk.stop();
        // What was acknowledged: the talker's own message frames (a loaded node may refuse
        // some with an error frame, UNAVAILABLE: those never were messages).
        QList<int> acked;
        for (int answered = 0; answered < sent;) {
            const QJsonObject f = a.socket->nextFrame(20000);
            QVERIFY2(!f.isEmpty(),
                     qPrintable(QStringLiteral("the talker had %1 of %2 answers, close %3")
                                    .arg(answered)
                                    .arg(sent)
                                    .arg(a.socket->closeCode())));
            const QString type = f.value(u"type").toString();
            if (type == QLatin1String("message") && f.value(u"from").toString() == talker.name) {
                acked << f.value(u"text").toString().mid(1).toInt();
                ++answered;
            } else if (type == QLatin1String("error")) {
                ++answered;
            }
        }
        QVERIFY(!acked.isEmpty());
        for (Member &b : joiners) {
            QList<int> seen;
            for (const QJsonValue &v : b.joined.value(u"history").toArray())
                seen << v.toObject().value(u"text").toString().mid(1).toInt();
            while (seen.isEmpty() || seen.constLast() != acked.constLast()) {
                const QJsonObject m = b.socket->frameOfType(QStringLiteral("message"), 20000);
                QVERIFY2(!m.isEmpty(),
                         qPrintable(QStringLiteral("stopped after m%1 of m%2, close %3")
                                        .arg(seen.isEmpty() ? -1 : seen.constLast())
                                        .arg(acked.constLast())
                                        .arg(b.socket->closeCode())));
                seen << m.value(u"text").toString().mid(1).toInt();
            }
            // What it saw is the acknowledged messages from its first on: none missed, none twice.
            const qsizetype from = acked.indexOf(seen.constFirst());
            QVERIFY2(
                from >= 0,
                qPrintable(QStringLiteral("m%1 was never acknowledged").arg(seen.constFirst())));
            QCOMPARE(seen, acked.mid(from));
        }
    }

    void ticketClaimedOnAnotherNodeOnce()
    {
        const User user = freshUser(0);
        const QString room = freshRoom();
        const HttpReply r = api(0).reserve(user.token, room, true, 4);
        QVERIFY2(r.status == 201, qPrintable(describe(r)));
        const QString url = r.json.value(u"websocketUrl").toString();
        TestSocket onB;
        onB.open(onNode(url, node(1).server->wsPort()));
        QCOMPARE(onB.frameOfType(QStringLiteral("joined"), 15000)
                     .value(u"room")
                     .toObject()
                     .value(u"name"),
                 QJsonValue(room));
        // The same ticket again, on a third node: single use holds across nodes (I2).
        TestSocket onC;
        onC.open(onNode(url, node(2).server->wsPort()));
        const QJsonObject error = onC.frameOfType(QStringLiteral("error"), 15000);
        QCOMPARE(error.value(u"code").toString(), QStringLiteral("TICKET_ALREADY_USED"));
        QVERIFY(onC.waitClosed(10000));
        QCOMPARE(onC.closeCode(), 4409);
        QCOMPARE(taken(2, user.token, room), 1);
    }

    void stormOverTheNodesKeepsTheCapacity()
    {
        const QString room = freshRoom();
        const HttpReply created = api(0).post(
            QStringLiteral("/api/v1/admin/rooms"),
            {{QStringLiteral("name"), room}, {QStringLiteral("capacity"), 10}}, m_admin);
        QVERIFY2(created.status == 201, qPrintable(describe(created)));
        constexpr int kUsers = 120;
        QList<User> users;
        for (int i = 0; i < kUsers; ++i)
            users.append(freshUser(i % 3));
        // Every reservation in flight at once, spread over the three nodes.
        QNetworkAccessManager nam;
        QList<QNetworkReply *> replies;
        for (int i = 0; i < kUsers; ++i) {
            replies.append(postReserve(nam, node(i % 3), users[i].token, room, false));
        }
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(replies.cbegin(), replies.cend(),
                                             [](QNetworkReply *r) { return r->isFinished(); }),
                                 120000);
        int admitted = 0, full = 0;
        QStringList other;
        for (QNetworkReply *reply : std::as_const(replies)) {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QString code
                = QJsonDocument::fromJson(reply->readAll()).object().value(u"code").toString();
            if (status == 201)
                ++admitted;
            else if (status == 409 && code == u"ROOM_FULL")
                ++full;
            else
                other << QStringLiteral("%1 %2").arg(status).arg(code);
        }
        qDeleteAll(replies);
        QVERIFY2(other.isEmpty(), qPrintable(other.join(u", ")));
        QCOMPARE(admitted, 10);
        QCOMPARE(full, kUsers - 10);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(taken(i, users[0].token, room), 10);
    }

    void twoNodesCreatingOneRoomShareIt()
    {
        // Several rounds: the creations race in storage more than once.
        for (int round = 0; round < 8; ++round) {
            const QString room = freshRoom();
            const User first = freshUser(0), second = freshUser(1);
            QNetworkAccessManager nam;
            QList<QNetworkReply *> replies;
            int i = 0;
            for (const User *u : {&first, &second}) {
                replies.append(postReserve(nam, node(i++), u->token, room, true));
            }
            QTRY_VERIFY_WITH_TIMEOUT(replies[0]->isFinished() && replies[1]->isFinished(), 30000);
            for (QNetworkReply *reply : std::as_const(replies)) {
                const QByteArray body = reply->readAll();
                QVERIFY2(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 201,
                         body.constData());
                QCOMPARE(QJsonDocument::fromJson(body)
                             .object()
                             .value(u"room")
                             .toObject()
                             .value(u"name")
                             .toString(),
                         room);
            }
            qDeleteAll(replies);
            // One room, both seats in it.
            const HttpReply list
                = api(2).request("GET", QStringLiteral("/api/v1/rooms"), {}, first.token);
            int named = 0;
            for (const QJsonValue &v : list.json.value(u"rooms").toArray())
                named += v.toObject().value(u"name").toString() == room ? 1 : 0;
            QCOMPARE(named, 1);
            QCOMPARE(taken(2, first.token, room), 2);
        }
    }

    void kickOnOneNodeClosesTheSocketOnAnother()
    {
        const QString room = freshRoom();
        const User user = freshUser(1);
        Member m = join(user, room, 1, 1);
        QVERIFY2(m.failure.isEmpty(), qPrintable(m.failure));
        const HttpReply kick = api(0).request(
            "DELETE", QStringLiteral("/api/v1/admin/rooms/%1/members/%2").arg(room, user.name), {},
            m_admin);
        QCOMPARE(kick.status, 204);
        QCOMPARE(m.socket->frameOfType(QStringLiteral("error"), 10000).value(u"code").toString(),
                 QStringLiteral("KICKED"));
        QVERIFY(m.socket->waitClosed(10000));
        QCOMPARE(m.socket->closeCode(), 4403);
    }

    void killedNodeSeatsAreFreedWithinTheLease()
    {
        QVERIFY(startNode(QStringLiteral("node-d")));
        const int d = static_cast<int>(m_nodes.size()) - 1;
        const QString room = freshRoom();
        const User watcher = freshUser(0), doomed = freshUser(d);
        Member w = join(watcher, room, 0, 0);
        QVERIFY2(w.failure.isEmpty(), qPrintable(w.failure));
        Member x = join(doomed, room, d, d);
        QVERIFY2(x.failure.isEmpty(), qPrintable(x.failure));
        QCOMPARE(w.socket->frameOfType(QStringLiteral("presence"), 10000).value(u"user").toString(),
                 doomed.name);
        QCOMPARE(taken(0, watcher.token, room), 2);
        node(d).server->kill();
        QElapsedTimer since;
        since.start();
        // Another node frees the seat once node D's lease lapsed, and tells the room.
        const QJsonObject left = w.socket->frameOfType(QStringLiteral("presence"), 30000);
        QCOMPARE(left.value(u"event").toString(), QStringLiteral("left"));
        QCOMPARE(left.value(u"user").toString(), doomed.name);
        QVERIFY2(since.elapsed() < (kLeaseSeconds + 5) * 1000,
                 qPrintable(QStringLiteral("freed after %1 ms").arg(since.elapsed())));
        QCOMPARE(taken(0, watcher.token, room), 1);
        m_nodes.pop_back();
    }

    void leaseRenewsWhileARoomRowIsHeld()
    {
        // Node A's decisions on a room wait for its row, held by another connection (a long
        // transaction elsewhere, an operator's query) for longer than a lease: each waits its
        // lock timeout and gives way to the next. The lease renews on a connection of its
        // own meanwhile, so node A keeps its members and serves on once the row is free.
        const QString room = freshRoom();
        const User member = freshUser(0);
        Member m = join(member, room, 0, 0, 64);
        QVERIFY2(m.failure.isEmpty(), qPrintable(m.failure));
        std::vector<User> waiting;
        for (int i = 0; i < 2 * (kLeaseSeconds + 3); ++i)
            waiting.push_back(freshUser(1)); // signed up beforehand, on another node

        QSqlDatabase holder = node(0).server->openDatabase(QStringLiteral("holder"));
        QSqlDatabase reader = node(0).server->openDatabase(QStringLiteral("reader"));
        QVERIFY(holder.isOpen() && reader.isOpen());
        const auto leaseOfA = [&reader] {
            QSqlQuery q(reader);
            q.prepare(QStringLiteral("SELECT lease_expires FROM nodes WHERE id = 'node-a'"));
            return q.exec() && q.next() ? q.value(0).toLongLong() : qint64(-1);
        };
        {
            QSqlQuery hold(holder);
            QVERIFY(hold.exec(QStringLiteral("BEGIN")));
            hold.prepare(QStringLiteral("SELECT id FROM rooms WHERE name = ? FOR UPDATE"));
            hold.addBindValue(room);
            QVERIFY(hold.exec() && hold.next());
            const qint64 leaseAtHold = leaseOfA();
            QVERIFY(leaseAtHold > 0);

            QNetworkAccessManager nam;
            std::vector<std::unique_ptr<QNetworkReply>> replies;
            QElapsedTimer held;
            held.start();
            // One more decision on the row every half second, for longer than a lease.
            QTimer next;
            next.setInterval(500);
            connect(&next, &QTimer::timeout, this, [&] {
                if (replies.size() < waiting.size())
                    replies.emplace_back(
                        postReserve(nam, node(0), waiting[replies.size()].token, room, false));
            });
            next.start();
            QTRY_COMPARE_WITH_TIMEOUT(replies.size(), waiting.size(),
                                      static_cast<int>(waiting.size()) * 500 + 10000);
            next.stop();
            QVERIFY2(held.elapsed() > (kLeaseSeconds + 2) * 1000,
                     "the row was not held for longer than a lease");
            QVERIFY2(leaseOfA() > leaseAtHold + kLeaseSeconds * 1000 / 2,
                     "node A did not renew its lease while the row was held");
            QVERIFY2(
                !m.socket->isClosed(),
                qPrintable(
                    QStringLiteral("the member was sent away: %1").arg(m.socket->closeCode())));
            QVERIFY(hold.exec(QStringLiteral("ROLLBACK")));
            // Every waiting decision is answered: a seat, or UNAVAILABLE to retry.
            for (const auto &reply : replies) {
                QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 15000);
                const int status
                    = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                QVERIFY2(status == 201 || status == 503, qPrintable(QString::number(status)));
            }
        }
        holder = QSqlDatabase();
        reader = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("holder"));
        QSqlDatabase::removeDatabase(QStringLiteral("reader"));

        // Node A admits again, and its member chats on.
        Member late = join(freshUser(1), room, 0, 0);
        QVERIFY2(late.failure.isEmpty(), qPrintable(late.failure));
        say(*m.socket, QStringLiteral("still here"));
        QCOMPARE(
            late.socket->frameOfType(QStringLiteral("message"), 10000).value(u"text").toString(),
            QStringLiteral("still here"));
    }

    void brokerLossAndReturn()
    {
        const QString room = freshRoom();
        const User alice = freshUser(0), ann = freshUser(0), bob = freshUser(1);
        Member a = join(alice, room, 0, 0);
        Member a2 = join(ann, room, 0, 0);
        Member b = join(bob, room, 1, 1);
        for (const Member *m : {&a, &a2, &b})
            QVERIFY2(m->failure.isEmpty(), qPrintable(m->failure));
        QCOMPARE(a.socket->frameOfType(QStringLiteral("presence"), 10000).value(u"user").toString(),
                 ann.name);
        QCOMPARE(a.socket->frameOfType(QStringLiteral("presence"), 10000).value(u"user").toString(),
                 bob.name);

        QVERIFY2(m_broker.stop(), qPrintable(m_broker.error()));
        // Each node says so, and goes on serving its own members.
        for (int i = 0; i < 3; ++i) {
            QTRY_COMPARE_WITH_TIMEOUT(
                api(i).request("GET", QStringLiteral("/healthz")).json.value(u"status").toString(),
                QStringLiteral("degraded"), 20000);
        }
        say(*a.socket, QStringLiteral("while away"));
        QCOMPARE(a2.socket->frameOfType(QStringLiteral("message"), 10000).value(u"text").toString(),
                 QStringLiteral("while away"));

        QVERIFY2(m_broker.resume(), qPrintable(m_broker.error()));
        for (int i = 0; i < 3; ++i) {
            QTRY_COMPARE_WITH_TIMEOUT(
                api(i).request("GET", QStringLiteral("/healthz")).json.value(u"status").toString(),
                QStringLiteral("ok"), 60000);
        }
        // Node B missed what was said on A: its member is told to enter again (1001)...
        QVERIFY(b.socket->waitClosed(20000));
        QCOMPARE(b.socket->closeCode(), 1001);
        QVERIFY(a.socket->waitClosed(20000));
        // ...and entering again brings what it missed, from the history.
        Member again = join(bob, room, 1, 1);
        QVERIFY2(again.failure.isEmpty(), qPrintable(again.failure));
        QStringList history;
        for (const QJsonValue &v : again.joined.value(u"history").toArray())
            history << v.toObject().value(u"text").toString();
        QVERIFY2(history.contains(u"while away"_qs), qPrintable(history.join(u", ")));
        // Messages flow between the nodes again.
        Member a3 = join(alice, room, 0, 0);
        QVERIFY2(a3.failure.isEmpty(), qPrintable(a3.failure));
        say(*again.socket, QStringLiteral("back"));
        QCOMPARE(a3.socket->frameOfType(QStringLiteral("message"), 15000).value(u"text").toString(),
                 QStringLiteral("back"));
    }

    void databaseLossAndReturn()
    {
        const QString room = freshRoom();
        const User user = freshUser(2), member = freshUser(1);
        Member m = join(member, room, 1, 1);
        QVERIFY2(m.failure.isEmpty(), qPrintable(m.failure));

        QVERIFY2(m_postgres.stop(), qPrintable(m_postgres.error()));
        // Every node answers 503 with Retry-After, nothing half-written.
        for (int i = 0; i < 3; ++i) {
            HttpReply r;
            QTRY_VERIFY_WITH_TIMEOUT(
                (r = api(i).reserve(user.token, freshRoom(), true, 4)).status == 503, 20000);
            QCOMPARE(r.code(), QStringLiteral("UNAVAILABLE"));
            QVERIFY(!r.retryAfter.isEmpty());
            QCOMPARE(api(i).request("GET", QStringLiteral("/healthz")).status, 503);
        }
        // A node that cannot renew its lease sends its members away before others may free
        // their seats.
        QVERIFY(m.socket->waitClosed((kLeaseSeconds + 10) * 1000));
        QCOMPARE(m.socket->closeCode(), 1001);

        QVERIFY2(m_postgres.resume(), qPrintable(m_postgres.error()));
        for (int i = 0; i < 3; ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(
                [&] {
                    const int status = api(i).reserve(user.token, room, true, 4).status;
                    return status == 201 || status == 200;
                }(),
                60000);
            QTRY_COMPARE_WITH_TIMEOUT(api(i).request("GET", QStringLiteral("/healthz")).status, 200,
                                      30000);
        }
        // And entering works end to end again.
        Member back = join(freshUser(0), room, 0, 2);
        QVERIFY2(back.failure.isEmpty(), qPrintable(back.failure));
    }
};

QTEST_GUILESS_MAIN(TestMultiNode)
#include "tst_multinode.moc"
