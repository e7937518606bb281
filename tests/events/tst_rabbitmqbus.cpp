// SPDX-License-Identifier: MIT
#include "server/events/rabbitmqeventbus.h"
#include "shared/frames.h"
#include "tests/common/testbroker.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>
#include <QThread>

#include <amqp.h>
#include <amqp_tcp_socket.h>

#include <memory>

using namespace roomgate;
using namespace roomgate::server;
using namespace roomgate::test;

namespace {

/** One node's bus and what reached this (the main) thread through it. */
class Node : public QObject
{
public:
    Node(const QString &url, const QString &id) : bus(url, id), id(id)
    {
        bus.subscribe(this, [this](const RoomEvent &event) { events.append(event); });
        connect(&bus, &EventBus::connectionChanged, this,
                [this](bool connected) { changes.append(connected); });
        // Not a subscriber: sees the emission itself. Those on this thread are the local
        // deliveries (the broker's come on the bus's link thread).
        connect(
            &bus, &EventBus::delivered, this,
            [this] {
                if (QThread::currentThread() == thread())
                    ++emittedHere;
            },
            Qt::DirectConnection);
    }

    /** Publishes @p event and checks it was delivered here at once, inside publish(). */
    bool publish(const RoomEvent &event)
    {
        const int before = emittedHere;
        bus.publish(event);
        ++published;
        return emittedHere == before + 1;
    }

    /** Events of @p room from node @p from, of @p kind, in the order they came. */
    QList<RoomEvent> received(const QString &room, const QString &from, RoomEvent::Kind kind) const
    {
        QList<RoomEvent> out;
        for (const RoomEvent &e : events) {
            if (e.room == room && e.originNode == from && e.kind == kind)
                out.append(e);
        }
        return out;
    }
    bool has(const QString &room, const QString &from, const QString &user) const
    {
        for (const RoomEvent &e : events) {
            if (e.room == room && e.originNode == from && e.user == user)
                return true;
        }
        return false;
    }

    RabbitMqEventBus bus;
    const QString id;
    QList<RoomEvent> events;
    QList<bool> changes;
    std::atomic<int> emittedHere{0};
    int published = 0;
};

ChatMessage message(const QString &room, qint64 id)
{
    ChatMessage m;
    m.id = id;
    m.room = room;
    m.from = QStringLiteral("alice");
    m.text = QStringLiteral("message %1 ✓").arg(id);
    m.clientId = QStringLiteral("c%1").arg(id);
    m.sentAtMs = 1700000000000 + id;
    return m;
}

/** Publishes straight to the exchange, as a node that does not follow the rules might. */
class RawPublisher
{
public:
    explicit RawPublisher(const QString &url)
    {
        m_url = url.toUtf8();
        amqp_connection_info info;
        amqp_default_connection_info(&info);
        if (amqp_parse_url(m_url.data(), &info) != AMQP_STATUS_OK)
            return;
        m_connection = amqp_new_connection();
        amqp_socket_t *socket = amqp_tcp_socket_new(m_connection);
        timeval timeout{10, 0};
        if (!socket || amqp_socket_open_noblock(socket, info.host, info.port, &timeout) != 0)
            return;
        const amqp_rpc_reply_t login = amqp_login(m_connection, info.vhost, 0, 131072, 0,
                                                  AMQP_SASL_METHOD_PLAIN, info.user, info.password);
        m_ok = login.reply_type == AMQP_RESPONSE_NORMAL && amqp_channel_open(m_connection, 1);
    }
    ~RawPublisher()
    {
        if (!m_connection)
            return;
        if (m_ok) {
            amqp_channel_close(m_connection, 1, AMQP_REPLY_SUCCESS);
            amqp_connection_close(m_connection, AMQP_REPLY_SUCCESS);
        }
        amqp_destroy_connection(m_connection);
    }
    bool ok() const { return m_ok; }
    bool publish(const QString &room, const QByteArray &body)
    {
        const QByteArray key = RabbitMqEventBus::routingKey(room);
        return amqp_basic_publish(m_connection, 1, amqp_cstring_bytes("roomgate.rooms"),
                                  amqp_bytes_t{static_cast<size_t>(key.size()),
                                               const_cast<char *>(key.constData())},
                                  false, false, nullptr,
                                  amqp_bytes_t{static_cast<size_t>(body.size()),
                                               const_cast<char *>(body.constData())})
            == AMQP_STATUS_OK;
    }

private:
    QByteArray m_url;
    amqp_connection_state_t m_connection = nullptr;
    bool m_ok = false;
};

} // namespace

/**
 * RabbitMqEventBus between nodes, against a real broker (scripts/rabbitmq.sh): routing by
 * room, order, local delivery, followAll, counted follows, malformed input, bad URLs, and the
 * broker going away and coming back. Every node is a bus in this process, with its own
 * connection, queue and node id. The run's broker (TestBroker::shared()) carries all but the
 * outage, which takes a broker of its own down.
 */
class TestRabbitMqBus : public QObject
{
    Q_OBJECT

    int m_probes = 0;
    QString m_marker; ///< the last barrier's
    /** A bus reaches a running broker within this (a first connection is immediate). */
    static constexpr int kConnectMs = 30000;
    /** What a node follows is bound within this, and an event crosses the broker. */
    static constexpr int kDeliverMs = 30000;

    static QString sharedUrl() { return TestBroker::shared().url(); }

    /** A bus on @p url, once it says it is connected (then with no change recorded). */
    std::unique_ptr<Node> node(const QString &id, const QString &url = sharedUrl())
    {
        auto n = std::make_unique<Node>(url, id);
        if (!QTest::qWaitFor([&] { return n->changes == QList<bool>{true}; }, kConnectMs)
            || !n->bus.isConnected())
            return nullptr;
        n->changes.clear();
        return n;
    }

    /**
     * Publishes probes of @p room on @p from until one reaches @p to: follow() binds
     * asynchronously, and this is how a test knows the binding is in place.
     */
    bool bound(Node &from, Node &to, const QString &room)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < kDeliverMs) {
            const QString probe = QStringLiteral("probe%1").arg(++m_probes);
            from.publish(RoomEvent::reserved(room, probe, from.id));
            if (QTest::qWaitFor([&] { return to.has(room, from.id, probe); }, 500))
                return true;
        }
        return false;
    }

    /**
     * Publishes a marker of @p room on @p from and waits until @p to has it. The broker keeps
     * the order of one connection's messages into one queue, so whatever @p from published
     * before, to any room @p to follows, has reached @p to by then: no timed wait for an
     * absence.
     */
    bool barrier(Node &from, Node &to, const QString &room)
    {
        m_marker = QStringLiteral("marker%1").arg(++m_probes);
        from.publish(RoomEvent::reserved(room, m_marker, from.id));
        return QTest::qWaitFor([&] { return to.has(room, from.id, m_marker); }, kDeliverMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QElapsedTimer timer;
        timer.start();
        TestBroker &broker = TestBroker::shared();
        QVERIFY2(broker.isRunning(), qPrintable(broker.error()));
        qInfo("broker %s ready in %lld ms", qPrintable(broker.url()), timer.elapsed());
    }

    void routingKeyFitsAmqp()
    {
        // 64 characters of 4 UTF-8 bytes each: 256 bytes, over AMQP's 255-byte keys.
        const QString longName = QStringLiteral("𝄞").repeated(64);
        const QByteArray key = RabbitMqEventBus::routingKey(longName);
        QCOMPARE(key.size(), 45);
        QVERIFY(key.startsWith("room."));
        // One room, one key, whatever the case of its name; two rooms, two keys.
        QCOMPARE(RabbitMqEventBus::routingKey(QStringLiteral("Lobby")),
                 RabbitMqEventBus::routingKey(QStringLiteral("lobby")));
        QVERIFY(RabbitMqEventBus::routingKey(QStringLiteral("Lobby"))
                != RabbitMqEventBus::routingKey(QStringLiteral("Lobby2")));
    }

    void urlProblems_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("usable");
        QTest::newRow("full") << QStringLiteral("amqp://u:p@127.0.0.1:5672/%2F") << true;
        QTest::newRow("named vhost") << QStringLiteral("amqp://u:p@host/rooms") << true;
        QTest::newRow("no vhost") << QStringLiteral("amqp://host:5672/") << true;
        QTest::newRow("no path") << QStringLiteral("amqp://host") << true;
        QTest::newRow("tls") << QStringLiteral("amqps://u:p@host/") << false;
        QTest::newRow("http") << QStringLiteral("http://host/") << false;
        QTest::newRow("bad port") << QStringLiteral("amqp://host:99999/") << false;
        QTest::newRow("port not a number") << QStringLiteral("amqp://host:x/") << false;
        QTest::newRow("no host") << QStringLiteral("amqp://:5672/") << false;
        QTest::newRow("empty") << QString() << false;
    }
    void urlProblems()
    {
        QFETCH(QString, url);
        QFETCH(bool, usable);
        const QString problem = RabbitMqEventBus::urlProblem(url);
        QVERIFY2(problem.isEmpty() == usable, qPrintable(problem));
    }

    /**
     * A bus given a URL it cannot use says so in the log, never connects, never reports a
     * change, and still delivers what is published here; it goes away at once.
     */
    void badUrl()
    {
        QTest::ignoreMessage(
            QtCriticalMsg, QRegularExpression(QStringLiteral("broker:.*amqps://.*not supported")));
        QElapsedTimer timer;
        timer.start();
        {
            Node n(QStringLiteral("amqps://u:p@127.0.0.1/"), QStringLiteral("node-x"));
            QVERIFY(!n.bus.isConnected());
            n.bus.follow(QStringLiteral("Lobby"));
            n.bus.followAll(true);
            QVERIFY(n.publish(RoomEvent::roomClosed(QStringLiteral("Lobby"), n.id)));
            QTRY_COMPARE_WITH_TIMEOUT(n.events.size(), 1, kDeliverMs);
            QCOMPARE(n.events.first().kind, RoomEvent::Kind::RoomClosed);
            n.bus.unfollow(QStringLiteral("Lobby"));
            QCoreApplication::sendPostedEvents();
            QVERIFY(n.changes.isEmpty());
            QVERIFY(!n.bus.isConnected());
        }
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
    }

    /**
     * A room's events reach the nodes that follow it, once and in publish order, and only
     * them; the publishing node has each at once, once (its own copy from the broker is
     * dropped); followAll gets every room.
     */
    void routesByRoom()
    {
        const auto a = node(QStringLiteral("node-a"));
        const auto b = node(QStringLiteral("node-b"));
        const auto c = node(QStringLiteral("node-c"));
        const auto d = node(QStringLiteral("node-d"));
        QVERIFY(a && b && c && d);
        // Longer than a routing key once in UTF-8.
        const QString lobby = QStringLiteral("로비 ☕ ") + QString(56, QChar(0xAC00));
        const QString other = QStringLiteral("Other");
        a->bus.follow(lobby); // its own events come back from the broker: dropped
        b->bus.follow(lobby);
        c->bus.follow(other);
        d->bus.followAll(true);
        QVERIFY(bound(*a, *b, lobby));
        QVERIFY(bound(*a, *c, other));
        QVERIFY(bound(*a, *d, lobby));
        QVERIFY(bound(*b, *a, lobby));

        const int count = 300;
        for (int i = 1; i <= count; ++i)
            QVERIFY(
                a->publish(RoomEvent::chatMessage(message(lobby, i), a->id, QStringLiteral("k"))));
        for (Node *n : {b.get(), d.get()}) {
            QTRY_COMPARE_WITH_TIMEOUT(n->received(lobby, a->id, RoomEvent::Kind::Message).size(),
                                      count, kDeliverMs);
            const QList<RoomEvent> got = n->received(lobby, a->id, RoomEvent::Kind::Message);
            for (int i = 0; i < count; ++i) {
                QCOMPARE(got[i].message, message(lobby, i + 1));
                QCOMPARE(got[i].frame(), Frames::encode(message(lobby, i + 1)));
                QCOMPARE(got[i].connectionId, QStringLiteral("k"));
            }
        }

        // C follows only "Other": once A's marker there has reached C, so would have the lobby.
        QVERIFY(barrier(*a, *c, other));
        QCOMPARE(c->received(lobby, a->id, RoomEvent::Kind::Message).size(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(d->has(other, a->id, m_marker), kDeliverMs); // every room

        // B's marker in the lobby was routed after all of A's events (B had them): once A has
        // it, A's own copies have come back too, and were dropped.
        QVERIFY(barrier(*b, *a, lobby));
        const QList<RoomEvent> own = a->received(lobby, a->id, RoomEvent::Kind::Message);
        QCOMPARE(own.size(), count);
        for (int i = 0; i < count; ++i)
            QCOMPARE(own[i].message.id, i + 1);
        int fromA = 0;
        for (const RoomEvent &e : std::as_const(a->events))
            fromA += e.originNode == a->id;
        QCOMPARE(fromA, a->published);

        // followAll(false): D is back to the rooms it follows.
        const QString side = QStringLiteral("Side");
        d->bus.follow(side);
        d->bus.followAll(false);
        QVERIFY(bound(*a, *d, side));
        QElapsedTimer timer;
        timer.start();
        bool gone = false;
        while (!gone && timer.elapsed() < kDeliverMs) {
            const QString user = QStringLiteral("after%1").arg(++m_probes);
            a->publish(RoomEvent::claimed(other, user, a->id, {}));
            QVERIFY(barrier(*a, *d, side));
            gone = !d->has(other, a->id, user);
        }
        QVERIFY(gone);
    }

    /**
     * A burst of 2000 events, two rooms published from two threads at once, reaches the node
     * that follows both in publish order per room, nothing lost or doubled.
     */
    void orderUnderBurst()
    {
        const auto a = node(QStringLiteral("node-a"));
        const auto b = node(QStringLiteral("node-b"));
        QVERIFY(a && b);
        const QString one = QStringLiteral("Burst one");
        const QString two = QStringLiteral("Burst two");
        b->bus.follow(one);
        b->bus.follow(two);
        QVERIFY(bound(*a, *b, one));
        QVERIFY(bound(*a, *b, two));

        const int count = 1000; // per room
        std::unique_ptr<QThread> other(QThread::create([&] {
            for (int i = 1; i <= count; ++i)
                a->bus.publish(RoomEvent::chatMessage(message(two, i), a->id, {}));
        }));
        other->start();
        for (int i = 1; i <= count; ++i)
            a->bus.publish(RoomEvent::chatMessage(message(one, i), a->id, {}));
        QVERIFY(other->wait(kDeliverMs));

        for (const QString &room : {one, two}) {
            QTRY_COMPARE_WITH_TIMEOUT(b->received(room, a->id, RoomEvent::Kind::Message).size(),
                                      count, kDeliverMs);
            const QList<RoomEvent> got = b->received(room, a->id, RoomEvent::Kind::Message);
            for (int i = 0; i < count; ++i)
                QCOMPARE(got[i].message.id, i + 1);
        }
        // Nothing more comes behind them (doubles would have been routed before this).
        QVERIFY(barrier(*a, *b, one));
        QCOMPARE(b->received(one, a->id, RoomEvent::Kind::Message).size(), count);
        QCOMPARE(b->received(two, a->id, RoomEvent::Kind::Message).size(), count);
        QVERIFY(b->changes.isEmpty());
    }

    /** follow() is counted: the room stays bound until the last unfollow(). */
    void followIsCounted()
    {
        const auto a = node(QStringLiteral("node-a"));
        const auto b = node(QStringLiteral("node-b"));
        QVERIFY(a && b);
        const QString room = QStringLiteral("Counted");
        const QString side = QStringLiteral("Side");
        b->bus.follow(room);
        b->bus.follow(room);
        b->bus.follow(side);
        QVERIFY(bound(*a, *b, room));
        QVERIFY(bound(*a, *b, side));

        b->bus.unfollow(room); // one left
        a->publish(RoomEvent::claimed(room, QStringLiteral("still"), a->id, {}));
        QVERIFY(barrier(*a, *b, side));
        QVERIFY(b->has(room, a->id, QStringLiteral("still")));

        b->bus.unfollow(room); // none left: unbound (asynchronously)
        QElapsedTimer timer;
        timer.start();
        bool gone = false;
        while (!gone && timer.elapsed() < kDeliverMs) {
            const QString user = QStringLiteral("after%1").arg(++m_probes);
            a->publish(RoomEvent::claimed(room, user, a->id, {}));
            QVERIFY(barrier(*a, *b, side));
            gone = !b->has(room, a->id, user);
        }
        QVERIFY(gone);
        a->publish(RoomEvent::claimed(room, QStringLiteral("never"), a->id, {}));
        QVERIFY(barrier(*a, *b, side));
        QVERIFY(!b->has(room, a->id, QStringLiteral("never")));

        // One unfollow() too many is a caller's bug: logged, and the count stays at zero.
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("unfollow\\(\\) of a room not")));
        b->bus.unfollow(room);
        b->bus.follow(room);
        QVERIFY(bound(*a, *b, room));
    }

    /** What does not decode, or claims to come from this node, is dropped; the link stays. */
    void dropsMalformedAndOwn()
    {
        const auto b = node(QStringLiteral("node-b"));
        const auto a = node(QStringLiteral("node-a"));
        QVERIFY(a && b);
        const QString room = QStringLiteral("Raw");
        b->bus.follow(room);
        QVERIFY(bound(*a, *b, room));
        const int before = b->events.size();

        RawPublisher raw(sharedUrl());
        QVERIFY(raw.ok());
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("dropped a malformed event")));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("dropped a malformed event")));
        QVERIFY(raw.publish(room, "not json"));
        QVERIFY(raw.publish(room, R"({"kind":99,"room":"Raw"})"));
        // Valid, but from node-b itself (without the app-id the bus sets): dropped, no warning.
        QVERIFY(raw.publish(
            room,
            QJsonDocument(
                RoomEvent::left(room, QStringLiteral("me"), QStringLiteral("node-b"), {}).toJson())
                .toJson(QJsonDocument::Compact)));
        QVERIFY(raw.publish(room,
                            QJsonDocument(RoomEvent::left(room, QStringLiteral("them"),
                                                          QStringLiteral("node-z"), {})
                                              .toJson())
                                .toJson(QJsonDocument::Compact)));
        QTRY_VERIFY_WITH_TIMEOUT(b->has(room, QStringLiteral("node-z"), QStringLiteral("them")),
                                 kDeliverMs);
        QCOMPARE(b->events.size(), before + 1);
        QVERIFY(b->bus.isConnected());
        QVERIFY(b->changes.isEmpty());
        QVERIFY(bound(*a, *b, room)); // and events still flow
    }

    /**
     * The broker goes away: every node says so and keeps delivering locally; a bus destroyed
     * meanwhile goes at once. The broker comes back on the same address: every node
     * reconnects, binds again every room followed (those followed meanwhile too) before it
     * says so, and events flow again, in order.
     */
    void brokerLossAndReturn()
    {
        TestBroker broker; // this one is taken down: not the run's
        QElapsedTimer timer;
        timer.start();
        QVERIFY2(broker.start(), qPrintable(broker.error()));
        qInfo("own broker up in %lld ms", timer.elapsed());
        const QString url = broker.url();

        const auto a = node(QStringLiteral("node-a"), url);
        const auto b = node(QStringLiteral("node-b"), url);
        const auto d = node(QStringLiteral("node-d"), url);
        QVERIFY(a && b && d);
        const QString lobby = QStringLiteral("Lobby");
        const QString later = QStringLiteral("Later");
        b->bus.follow(lobby);
        d->bus.followAll(true);
        QVERIFY(bound(*a, *b, lobby));
        QVERIFY(bound(*a, *d, lobby));

        QVERIFY2(broker.stop(), qPrintable(broker.error()));
        for (Node *n : {a.get(), b.get(), d.get()}) {
            QTRY_COMPARE_WITH_TIMEOUT(n->changes, QList<bool>{false}, kConnectMs);
            QVERIFY(!n->bus.isConnected());
        }
        // Local delivery goes on.
        QVERIFY(a->publish(RoomEvent::reserved(lobby, QStringLiteral("alone"), a->id)));
        QTRY_VERIFY_WITH_TIMEOUT(a->has(lobby, a->id, QStringLiteral("alone")), kDeliverMs);
        b->bus.follow(later); // while the broker is away

        // A bus that cannot reach its broker connects never, and goes at once when destroyed.
        {
            auto c = std::make_unique<Node>(url, QStringLiteral("node-c"));
            c->bus.follow(lobby);
            QVERIFY(c->publish(RoomEvent::reserved(lobby, QStringLiteral("c"), c->id)));
            QTRY_VERIFY_WITH_TIMEOUT(c->has(lobby, c->id, QStringLiteral("c")), kDeliverMs);
            QVERIFY(!c->bus.isConnected());
            QElapsedTimer destroyed;
            destroyed.start();
            c.reset();
            QVERIFY2(destroyed.elapsed() < 10000, qPrintable(QString::number(destroyed.elapsed())));
        }

        timer.restart();
        QVERIFY2(broker.resume(), qPrintable(broker.error()));
        QCOMPARE(broker.url(), url);
        qInfo("own broker back in %lld ms", timer.elapsed());
        timer.restart();
        for (Node *n : {a.get(), b.get(), d.get()}) {
            // The backoff is at most 10 s (plus jitter) and a reconnect takes a round trip.
            QTRY_COMPARE_WITH_TIMEOUT(n->changes, (QList<bool>{false, true}), 60000);
            QVERIFY(n->bus.isConnected());
        }
        qInfo("all reconnected %lld ms after the broker was back", timer.elapsed());

        // Connected means bound: the first events after it arrive, no probing.
        const int count = 100;
        for (int i = 1; i <= count; ++i) {
            QVERIFY(a->publish(RoomEvent::chatMessage(message(lobby, i), a->id, {})));
            QVERIFY(a->publish(RoomEvent::chatMessage(message(later, i), a->id, {})));
        }
        for (Node *n : {b.get(), d.get()}) {
            for (const QString &room : {lobby, later}) {
                QTRY_COMPARE_WITH_TIMEOUT(n->received(room, a->id, RoomEvent::Kind::Message).size(),
                                          count, kDeliverMs);
                const QList<RoomEvent> got = n->received(room, a->id, RoomEvent::Kind::Message);
                for (int i = 0; i < count; ++i)
                    QCOMPARE(got[i].message.id, i + 1);
            }
        }
        // What was published while the broker was away stayed on its node.
        QVERIFY(!b->has(lobby, a->id, QStringLiteral("alone")));
        QVERIFY(!d->has(lobby, a->id, QStringLiteral("alone")));
        for (Node *n : {a.get(), b.get(), d.get()})
            QCOMPARE(n->changes, (QList<bool>{false, true}));
    }
};

QTEST_GUILESS_MAIN(TestRabbitMqBus)
#include "tst_rabbitmqbus.moc"
