// SPDX-License-Identifier: MIT
#include "tests/common/testserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

using namespace roomgate::test;

/**
 * Phase 2 and the chat against a real server: claim, presence, messages, leave,
 * every close code with its error frame, replays, idle drop.
 *
 * The suite's server keeps reservations far longer than any test runs and uses the default
 * liveness, so nothing lapses under a test however slow the machine; an expired ticket and
 * an idle peer have servers of their own, where the test only waits for them.
 */
class TestClaim : public QObject
{
    Q_OBJECT

    /** The suite server's ticket ttl (s): longer than the longest bounded wait of any test. */
    static constexpr int kTicketTtl = 600;

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestApi> m_api;
    int m_users = 0;
    int m_rooms = 0;

    struct User
    {
        QByteArray token;
        QString name;
    };
    User freshUser()
    {
        const QString name = QStringLiteral("member%1").arg(++m_users);
        return {m_api->userToken(name), name};
    }
    QString freshRoom() { return QStringLiteral("room%1").arg(++m_rooms); }

    /** An HTTP answer for a failure message. */
    static QString describe(const HttpReply &r)
    {
        return QStringLiteral("HTTP %1: %2").arg(r.status).arg(QString::fromUtf8(r.body));
    }

    /** A claimed seat: the socket with its joined frame read, or why there is none. */
    struct Member
    {
        std::unique_ptr<TestSocket> socket;
        QJsonObject joined;
        QString failure; // empty when joined: callers QVERIFY2 on it
        TestSocket *operator->() const { return socket.get(); }
        TestSocket &operator*() const { return *socket; }
    };

    /** Reserves @p room for @p user on the server of @p api (created when missing), claims it. */
    static Member join(TestApi &api, const User &user, const QString &room)
    {
        Member member;
        const HttpReply r = api.reserve(user.token, room, true, 8);
        if (r.status != 201) {
            member.failure
                = QStringLiteral("%1 could not reserve %2: %3").arg(user.name, room, describe(r));
            return member;
        }
        member.socket = std::make_unique<TestSocket>();
        member.socket->open(r.json.value(u"websocketUrl").toString());
        member.joined = member.socket->nextFrame();
        if (member.joined.value(u"type").toString() != QLatin1String("joined")) {
            member.failure
                = QStringLiteral("%1 did not join %2: first frame %3")
                      .arg(user.name, room,
                           QString::fromUtf8(
                               QJsonDocument(member.joined).toJson(QJsonDocument::Compact)));
        }
        return member;
    }
    Member join(const User &user, const QString &room) { return join(*m_api, user, room); }

    /** Runs @p sql on the server's database as an admin action would; why it failed, or empty. */
    QString execSql(const QString &sql, const QVariantList &binds = {})
    {
        QString failure;
        {
            QSqlDatabase db = m_server->openDatabase(QStringLiteral("admin"));
            if (!db.isOpen()) {
                failure = QStringLiteral("cannot open the database: ") + db.lastError().text();
            } else {
                QSqlQuery q(db);
                if (!q.prepare(sql))
                    failure = sql + QStringLiteral(": ") + q.lastError().text();
                for (const QVariant &v : binds)
                    q.addBindValue(v);
                if (failure.isEmpty() && !q.exec())
                    failure = sql + QStringLiteral(": ") + q.lastError().text();
                else if (failure.isEmpty() && q.numRowsAffected() < 1)
                    failure = sql + QStringLiteral(": changed no row");
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("admin"));
        return failure;
    }

    static void expectRefusal(TestSocket &socket, const QString &code, int closeCode,
                              const QString &room = {})
    {
        const QJsonObject frame = socket.nextFrame();
        if (!room.isEmpty())
            QCOMPARE(frame.value(u"room").toString(), room);
        QCOMPARE(frame.value(u"type").toString(), QStringLiteral("error"));
        QCOMPARE(frame.value(u"code").toString(), code);
        QVERIFY(frame.value(u"message").isString());
        QVERIFY(frame.value(u"retryable").isBool());
        QVERIFY(socket.waitClosed());
        QCOMPARE(socket.closeCode(), closeCode);
        QCOMPARE(socket.closeReason(), code);
    }

    static QJsonObject room(TestApi &api, const QByteArray &token, const QString &name)
    {
        const HttpReply list = api.request("GET", QStringLiteral("/api/v1/rooms"), {}, token);
        for (const QJsonValue &r : list.json.value(u"rooms").toArray()) {
            if (r.toObject().value(u"name").toString() == name)
                return r.toObject();
        }
        return {};
    }
    QJsonObject room(const QByteArray &token, const QString &name)
    {
        return room(*m_api, token, name);
    }

    /** Connects @p raw to @p url's port and sends a valid upgrade for it (no frame after). */
    static bool rawUpgrade(QTcpSocket &raw, const QUrl &url)
    {
        raw.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(url.port()));
        if (!raw.waitForConnected(5000))
            return false;
        raw.write("GET /ws?" + url.query(QUrl::FullyEncoded).toLatin1()
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: "
                    "Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    "Sec-WebSocket-Version: 13\r\n\r\n");
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(
            QStringList{QStringLiteral("--ticket-ttl"), QString::number(kTicketTtl)});
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_api = std::make_unique<TestApi>(m_server->httpPort());
    }

    void cleanupTestCase() { QCOMPARE(m_server->terminate(), 0); }

    void joinChatPresenceAndLeave()
    {
        const User alice = freshUser();
        const User bob = freshUser();
        const QString name = freshRoom();
        const Member a = join(alice, name);
        QVERIFY2(a.failure.isEmpty(), qPrintable(a.failure));
        const QJsonObject &aliceJoined = a.joined;
        QCOMPARE(aliceJoined.value(u"type").toString(), QStringLiteral("joined"));
        QCOMPARE(aliceJoined.value(u"you").toString(), alice.name);
        QCOMPARE(aliceJoined.value(u"members").toArray(), QJsonArray{alice.name});
        QCOMPARE(aliceJoined.value(u"history").toArray().size(), 0);
        const QJsonObject r = aliceJoined.value(u"room").toObject();
        QCOMPARE(r.value(u"name").toString(), name);
        QCOMPARE(r.value(u"state").toString(), QStringLiteral("open"));
        QCOMPARE(r.value(u"occupants").toInt(), 1);

        const Member b = join(bob, name);
        QVERIFY2(b.failure.isEmpty(), qPrintable(b.failure));
        const QJsonObject &bobJoined = b.joined;
        QCOMPARE(bobJoined.value(u"members").toArray(), (QJsonArray{alice.name, bob.name}));
        const QJsonObject presence = a->frameOfType(QStringLiteral("presence"));
        QCOMPARE(presence.value(u"event").toString(), QStringLiteral("joined"));
        QCOMPARE(presence.value(u"user").toString(), bob.name);

        a->send({{QStringLiteral("type"), QStringLiteral("message")},
                 {QStringLiteral("text"), QStringLiteral("안녕 👋 it's me; DROP TABLE messages;--")},
                 {QStringLiteral("clientId"), QStringLiteral("m-1")}});
        const QJsonObject echo = a->frameOfType(QStringLiteral("message"));
        const QJsonObject seen = b->frameOfType(QStringLiteral("message"));
        QVERIFY(echo.value(u"id").toInteger() > 0);
        QCOMPARE(seen, echo);
        QCOMPARE(echo.value(u"from").toString(), alice.name);
        QCOMPARE(echo.value(u"room").toString(), name);
        QCOMPARE(echo.value(u"text").toString(),
                 QStringLiteral("안녕 👋 it's me; DROP TABLE messages;--"));
        QCOMPARE(echo.value(u"clientId").toString(), QStringLiteral("m-1"));
        QVERIFY(
            QDateTime::fromString(echo.value(u"sentAt").toString(), Qt::ISODateWithMs).isValid());

        // A repeat clientId is not stored twice; the original goes back to the sender only.
        a->send({{QStringLiteral("type"), QStringLiteral("message")},
                 {QStringLiteral("text"), QStringLiteral("again")},
                 {QStringLiteral("clientId"), QStringLiteral("m-1")}});
        const QJsonObject original = a->frameOfType(QStringLiteral("message"));
        QCOMPARE(original.value(u"id"), echo.value(u"id"));
        QCOMPARE(original.value(u"text"), echo.value(u"text"));
        a->send({{QStringLiteral("type"), QStringLiteral("message")},
                 {QStringLiteral("text"), QStringLiteral("next")}});
        QCOMPARE(b->frameOfType(QStringLiteral("message")).value(u"text").toString(),
                 QStringLiteral("next"));
        QCOMPARE(a->frameOfType(QStringLiteral("message")).value(u"text").toString(),
                 QStringLiteral("next"));

        // Leave: the seat is freed, the others are told, the socket closes 1000.
        b->send({{QStringLiteral("type"), QStringLiteral("leave")}});
        QVERIFY(b->waitClosed());
        QCOMPARE(b->closeCode(), 1000);
        const QJsonObject left = a->frameOfType(QStringLiteral("presence"));
        QCOMPARE(left.value(u"event").toString(), QStringLiteral("left"));
        QCOMPARE(left.value(u"user").toString(), bob.name);
        QCOMPARE(room(alice.token, name).value(u"occupants").toInt(), 1);

        // A vanished client frees its seat too.
        a->socket().abort();
        QTRY_COMPARE_WITH_TIMEOUT(room(alice.token, name).value(u"occupants").toInt(), 0, 5000);
        QCOMPARE(room(alice.token, name).value(u"state").toString(), QStringLiteral("open"));

        // History on the next join, oldest first.
        const Member c = join(bob, name);
        QVERIFY2(c.failure.isEmpty(), qPrintable(c.failure));
        const QJsonArray history = c.joined.value(u"history").toArray();
        QCOMPARE(history.size(), 2);
        QCOMPARE(history.at(0).toObject().value(u"id"), echo.value(u"id"));
        QCOMPARE(history.at(1).toObject().value(u"text").toString(), QStringLiteral("next"));
    }

    void alreadyInRoom()
    {
        const User user = freshUser();
        const QString name = freshRoom();
        const Member member = join(user, name);
        QVERIFY2(member.failure.isEmpty(), qPrintable(member.failure));
        const HttpReply r = m_api->reserve(user.token, name, false);
        QCOMPARE(r.status, 409);
        QCOMPARE(r.code(), QStringLiteral("ALREADY_IN_ROOM"));
    }

    void badTickets_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("missing") << QString();
        QTest::newRow("empty") << QStringLiteral("?ticket=");
        QTest::newRow("garbage") << QStringLiteral("?ticket=hello");
        QTest::newRow("forged") << QStringLiteral("?ticket=") + QString(43, QLatin1Char('A'));
        QTest::newRow("sql") << QStringLiteral("?ticket=%27%20OR%201%3D1--");
    }
    void badTickets()
    {
        QFETCH(QString, query);
        TestSocket socket;
        socket.open(QStringLiteral("ws://127.0.0.1:%1/ws%2").arg(m_server->wsPort()).arg(query));
        expectRefusal(socket, QStringLiteral("TICKET_INVALID"), 4401);
    }

    void cancelledTicketIsUnknown()
    {
        const User user = freshUser();
        const HttpReply r = m_api->reserve(user.token, freshRoom(), true, 2);
        QVERIFY2(r.status == 201, qPrintable(describe(r)));
        const QString ticket = r.json.value(u"ticket").toString();
        QCOMPARE(
            m_api->request("DELETE", QStringLiteral("/api/v1/entries/") + ticket, {}, user.token)
                .status,
            204);
        TestSocket socket;
        socket.open(r.json.value(u"websocketUrl").toString());
        expectRefusal(socket, QStringLiteral("TICKET_INVALID"), 4401);
    }

    void replayIsAlreadyUsed()
    {
        const User user = freshUser();
        const QString name = freshRoom();
        const HttpReply reserved = m_api->reserve(user.token, name, true, 8);
        QVERIFY2(reserved.status == 201, qPrintable(describe(reserved)));
        const QString url = reserved.json.value(u"websocketUrl").toString();
        TestSocket first;
        first.open(url);
        QCOMPARE(first.nextFrame().value(u"type").toString(), QStringLiteral("joined"));
        TestSocket second;
        second.open(url);
        expectRefusal(second, QStringLiteral("TICKET_ALREADY_USED"), 4409, name);
        if (QTest::currentTestFailed())
            return;
        // The replay took nothing from the first claim.
        QVERIFY(!first.isClosed());
        // Also after the member left: the used ticket is remembered.
        first.send({{QStringLiteral("type"), QStringLiteral("leave")}});
        QVERIFY(first.waitClosed());
        TestSocket third;
        third.open(url);
        expectRefusal(third, QStringLiteral("TICKET_ALREADY_USED"), 4409);
    }

    void expiredTicket()
    {
        // A server of its own. Under the default ttl a holder claims a seat: the room is open
        // and stays when a reservation in it expires. Restarted on the same data with tickets
        // that lapse at once, the test only waits for the next reservation to expire.
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.output()));
        const QString name = QStringLiteral("lapsing");
        User user;
        {
            TestApi api(server.httpPort());
            const User holder{api.userToken(QStringLiteral("holder")), QStringLiteral("holder")};
            user = {api.userToken(QStringLiteral("latecomer")), QStringLiteral("latecomer")};
            const Member keep = join(api, holder, name);
            QVERIFY2(keep.failure.isEmpty(), qPrintable(keep.failure));
            QCOMPARE(server.terminate(), 0);
        }
        server.extraArgs() += {QStringLiteral("--ticket-ttl"), QStringLiteral("1"),
                               QStringLiteral("--sweep-interval"), QStringLiteral("100")};
        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi api(server.httpPort());
        QCOMPARE(room(api, user.token, name).value(u"state").toString(), QStringLiteral("open"));
        const HttpReply r = api.reserve(user.token, name, false);
        QVERIFY2(r.status == 201, qPrintable(describe(r)));
        QTRY_COMPARE_WITH_TIMEOUT(room(api, user.token, name).value(u"reserved").toInt(), 0, 30000);
        TestSocket socket;
        socket.open(r.json.value(u"websocketUrl").toString());
        expectRefusal(socket, QStringLiteral("TICKET_EXPIRED"), 4408, name);
        QCOMPARE(server.terminate(), 0);
    }

    void roomGoneClosedOrBanned_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("closeCode");
        QTest::newRow("deleted") << QStringLiteral("DELETE FROM rooms WHERE name = ?")
                                 << QStringLiteral("ROOM_NOT_FOUND") << 4404;
        QTest::newRow("closed") << QStringLiteral(
            "UPDATE rooms SET state = 'closed' WHERE name = ?")
                                << QStringLiteral("ROOM_CLOSED") << 4410;
        QTest::newRow("banned") << QStringLiteral(
            "INSERT INTO bans (room_id, user_id, created_at) "
            "SELECT r.id, v.user_id, 0 FROM rooms r JOIN "
            "reservations v ON v.room_id = r.id WHERE r.name = ?")
                                << QStringLiteral("KICKED") << 4403;
    }
    void roomGoneClosedOrBanned()
    {
        QFETCH(QString, sql);
        QFETCH(QString, code);
        QFETCH(int, closeCode);
        const User user = freshUser();
        const QString name = freshRoom();
        const HttpReply reserved = m_api->reserve(user.token, name, true, 8);
        QVERIFY2(reserved.status == 201, qPrintable(describe(reserved)));
        const QString failed = execSql(sql, {name});
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        TestSocket socket;
        const QString url = reserved.json.value(u"websocketUrl").toString();
        socket.open(url);
        // The room is named where it still exists.
        expectRefusal(socket, code, closeCode, closeCode == 4404 ? QString() : name);
    }

    void malformedFramesClose_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::newRow("not json") << QStringLiteral("hello");
        QTest::newRow("array") << QStringLiteral("[1,2]");
        QTest::newRow("no type") << QStringLiteral("{\"text\":\"x\"}");
        QTest::newRow("unknown type") << QStringLiteral("{\"type\":\"dance\"}");
        QTest::newRow("text not string") << QStringLiteral("{\"type\":\"message\",\"text\":5}");
        QTest::newRow("text missing") << QStringLiteral("{\"type\":\"message\"}");
        QTest::newRow("clientId not string")
            << QStringLiteral("{\"type\":\"message\",\"text\":\"a\",\"clientId\":7}");
    }
    void malformedFramesClose()
    {
        QFETCH(QString, frame);
        const Member socket = join(freshUser(), freshRoom());
        QVERIFY2(socket.failure.isEmpty(), qPrintable(socket.failure));
        socket->socket().sendTextMessage(frame);
        expectRefusal(*socket, QStringLiteral("BAD_REQUEST"), 4400);
    }

    void binaryFrameCloses()
    {
        const Member socket = join(freshUser(), freshRoom());
        QVERIFY2(socket.failure.isEmpty(), qPrintable(socket.failure));
        socket->socket().sendBinaryMessage(QByteArray("\x01\x02", 2));
        expectRefusal(*socket, QStringLiteral("BAD_REQUEST"), 4400);
    }

    void contentRefusalsKeepConnection_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("code");
        QTest::newRow("empty") << QString() << QStringLiteral("BAD_REQUEST");
        QTest::newRow("4001") << QString(4001, QLatin1Char('x'))
                              << QStringLiteral("MESSAGE_TOO_LARGE");
    }
    void contentRefusalsKeepConnection()
    {
        QFETCH(QString, text);
        QFETCH(QString, code);
        const User user = freshUser();
        const QString name = freshRoom();
        const Member socket = join(user, name);
        QVERIFY2(socket.failure.isEmpty(), qPrintable(socket.failure));
        socket->send(
            {{QStringLiteral("type"), QStringLiteral("message")}, {QStringLiteral("text"), text}});
        const QJsonObject error = socket->nextFrame();
        QCOMPARE(error.value(u"type").toString(), QStringLiteral("error"));
        QCOMPARE(error.value(u"code").toString(), code);
        socket->send({{QStringLiteral("type"), QStringLiteral("message")},
                      {QStringLiteral("text"), QString(4000, QLatin1Char('k'))}});
        const QJsonObject ok = socket->nextFrame();
        QCOMPARE(ok.value(u"type").toString(), QStringLiteral("message"));
        QCOMPARE(ok.value(u"text").toString().size(), 4000);
        QVERIFY(!socket->isClosed());
        // Nothing of the refused one was stored.
        socket->send({{QStringLiteral("type"), QStringLiteral("leave")}});
        QVERIFY(socket->waitClosed());
        const Member next = join(user, name);
        QVERIFY2(next.failure.isEmpty(), qPrintable(next.failure));
        QCOMPARE(next.joined.value(u"history").toArray().size(), 1);
    }

    void oversizeFrameCloses()
    {
        const Member socket = join(freshUser(), freshRoom());
        QVERIFY2(socket.failure.isEmpty(), qPrintable(socket.failure));
        socket->socket().sendTextMessage(QString(70 * 1024, QLatin1Char('x')));
        QVERIFY(socket->waitClosed());
        QVERIFY2(socket->closeCode() == 1009 || socket->closeCode() == 4413,
                 qPrintable(QString::number(socket->closeCode())));
    }

    void invalidUpgradeIsRefused_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("status");
        const QByteArray start = "GET /ws?ticket=x HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        QTest::newRow("version 8") << start
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                  "Sec-WebSocket-Version: 8\r\n\r\n"
                                   << QByteArray("426");
        QTest::newRow("key of 20 bytes") << start
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Key: MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=\r\n"
                  "Sec-WebSocket-Version: 13\r\n\r\n"
                                         << QByteArray("400");
        QTest::newRow("no Upgrade") << start
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                  "Sec-WebSocket-Version: 13\r\n\r\n"
                                    << QByteArray("400");
    }
    void invalidUpgradeIsRefused()
    {
        // The gateway answers an upgrade RFC 6455 does not allow itself: a coded problem,
        // then the connection ends; no claim is made.
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, status);
        QTcpSocket raw;
        raw.connectToHost(QHostAddress::LocalHost, m_server->wsPort());
        QVERIFY(raw.waitForConnected(5000));
        raw.write(request);
        QByteArray in;
        QTRY_VERIFY_WITH_TIMEOUT((in += raw.readAll()).contains("\"code\":\"BAD_REQUEST\"")
                                     && raw.state() == QAbstractSocket::UnconnectedState,
                                 10000);
        QVERIFY2(in.startsWith(QByteArray("HTTP/1.1 " + status + ' ')), in.constData());
        QVERIFY(in.contains("Content-Type: application/problem+json"));
        QCOMPARE(in.contains("Sec-WebSocket-Version: 13\r\n"), status == "426");
    }

    void unansweredCloseIsCut()
    {
        // A client that takes the server's close and never answers it does not hold its
        // connection open: the server ends it after its close grace (10 s).
        const User user = freshUser();
        const HttpReply reserved = m_api->reserve(user.token, freshRoom());
        QVERIFY2(reserved.status == 201, qPrintable(describe(reserved)));
        const QUrl url(reserved.json.value(u"websocketUrl").toString());
        QTcpSocket raw;
        QVERIFY(rawUpgrade(raw, url));
        QByteArray in;
        QTRY_VERIFY_WITH_TIMEOUT((in += raw.readAll()).contains("\"type\":\"joined\""), 5000);
        // {"type":"leave"}, masked with a zero key: the server frees the seat and closes 1000 OK.
        raw.write(QByteArray::fromHex("8190") + QByteArray(4, '\0') + "{\"type\":\"leave\"}");
        QTRY_VERIFY_WITH_TIMEOUT(
            (in += raw.readAll()).contains(QByteArray::fromHex("880403e84f4b")), 5000);
        QElapsedTimer sinceClose;
        sinceClose.start();
        QTRY_VERIFY_WITH_TIMEOUT(raw.state() == QAbstractSocket::UnconnectedState, 30000);
        QVERIFY2(sinceClose.elapsed() >= 5000, "cut before the client had time to answer");
    }

    void idlePeerIsDropped()
    {
        // A server of its own with quick liveness: pings every second, silence for 8 s drops.
        // The test waits for the silent peer to be dropped; the live one has 7 s to answer a
        // ping, which its event loop (running in every wait below) does at once.
        TestServer server({QStringLiteral("--ticket-ttl"), QString::number(kTicketTtl),
                           QStringLiteral("--ping-interval"), QStringLiteral("1"),
                           QStringLiteral("--idle-timeout"), QStringLiteral("8")});
        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi api(server.httpPort());
        const User user{api.userToken(QStringLiteral("silent")), QStringLiteral("silent")};
        const User other{api.userToken(QStringLiteral("lively")), QStringLiteral("lively")};
        const QString name = QStringLiteral("quiet room");
        const HttpReply reserved = api.reserve(user.token, name, true, 8);
        QVERIFY2(reserved.status == 201, qPrintable(describe(reserved)));
        const QUrl url(reserved.json.value(u"websocketUrl").toString());
        const Member live = join(api, other, name); // QWebSocket answers pings: it stays
        QVERIFY2(live.failure.isEmpty(), qPrintable(live.failure));

        // A raw peer that completes the handshake and then never answers a ping.
        QTcpSocket raw;
        QVERIFY(rawUpgrade(raw, url));
        QByteArray in;
        QTRY_VERIFY_WITH_TIMEOUT((in += raw.readAll()).contains("\r\n\r\n"), 5000);
        QVERIFY2(in.startsWith("HTTP/1.1 101"), in.constData());
        // It joined: the member present is told (a record that stays, unlike the count).
        const QJsonObject arrived = live->frameOfType(QStringLiteral("presence"), 10000);
        QCOMPARE(arrived.value(u"event").toString(), QStringLiteral("joined"));
        QCOMPARE(arrived.value(u"user").toString(), user.name);
        // Read frames until the close frame: code 4000 after the IDLE_TIMEOUT error frame.
        QTRY_VERIFY_WITH_TIMEOUT(
            (in += raw.readAll()).contains("IDLE_TIMEOUT\"") && in.contains("\x88"), 30000);
        const qsizetype close = in.lastIndexOf("\x88");
        QVERIFY(close + 4 <= in.size());
        const int code = (quint8(in.at(close + 2)) << 8) | quint8(in.at(close + 3));
        QCOMPARE(code, 4000);
        const QJsonObject left = live->frameOfType(QStringLiteral("presence"), 10000);
        QCOMPARE(left.value(u"event").toString(), QStringLiteral("left"));
        QCOMPARE(left.value(u"user").toString(), user.name);
        QTRY_COMPARE_WITH_TIMEOUT(room(api, user.token, name).value(u"occupants").toInt(), 1, 5000);
        QVERIFY(!live->isClosed());
        QCOMPARE(server.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(TestClaim)
#include "tst_claim.moc"
