// SPDX-License-Identifier: MIT
#include "tests/common/testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

using namespace roomgate::test;

/**
 * Phase 2 and the chat against a real server: claim, presence, messages, leave,
 * every close code with its error frame, replays, idle drop.
 */
class TestClaim : public QObject
{
    Q_OBJECT

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

    QString ticketUrl(const User &user, const QString &room, int capacity = 8)
    {
        const HttpReply r = m_api->reserve(user.token, room, true, capacity);
        if (r.status != 201)
            qWarning() << "reserve failed" << r.status << r.body;
        return r.json.value(u"websocketUrl").toString();
    }

    /** A socket that has claimed @p room and read its joined frame. */
    std::unique_ptr<TestSocket> joined(const User &user, const QString &room,
                                       QJsonObject *frame = nullptr)
    {
        auto socket = std::make_unique<TestSocket>();
        socket->open(ticketUrl(user, room));
        const QJsonObject first = socket->nextFrame();
        if (frame)
            *frame = first;
        if (first.value(u"type").toString() != QLatin1String("joined"))
            qWarning() << "not joined:" << first;
        return socket;
    }

    void execSql(const QString &sql, const QVariantList &binds = {})
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("admin"));
        db.setDatabaseName(m_server->databasePath());
        QVERIFY(db.open());
        {
            QSqlQuery q(db);
            q.exec(QStringLiteral("PRAGMA busy_timeout=5000"));
            QVERIFY(q.prepare(sql));
            for (const QVariant &v : binds)
                q.addBindValue(v);
            QVERIFY2(q.exec(), qPrintable(sql));
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("admin"));
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

    QJsonObject room(const QByteArray &token, const QString &name)
    {
        const HttpReply list = m_api->request("GET", QStringLiteral("/api/v1/rooms"), {}, token);
        for (const QJsonValue &r : list.json.value(u"rooms").toArray()) {
            if (r.toObject().value(u"name").toString() == name)
                return r.toObject();
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(QStringList{
            QStringLiteral("--ticket-ttl"), QStringLiteral("2"), QStringLiteral("--sweep-interval"),
            QStringLiteral("100"), QStringLiteral("--ping-interval"), QStringLiteral("1"),
            QStringLiteral("--idle-timeout"), QStringLiteral("3")});
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_api = std::make_unique<TestApi>(m_server->httpPort());
    }

    void cleanupTestCase() { QCOMPARE(m_server->terminate(), 0); }

    void joinChatPresenceAndLeave()
    {
        const User alice = freshUser();
        const User bob = freshUser();
        const QString name = freshRoom();
        QJsonObject aliceJoined;
        auto a = joined(alice, name, &aliceJoined);
        QCOMPARE(aliceJoined.value(u"type").toString(), QStringLiteral("joined"));
        QCOMPARE(aliceJoined.value(u"you").toString(), alice.name);
        QCOMPARE(aliceJoined.value(u"members").toArray(), QJsonArray{alice.name});
        QCOMPARE(aliceJoined.value(u"history").toArray().size(), 0);
        const QJsonObject r = aliceJoined.value(u"room").toObject();
        QCOMPARE(r.value(u"name").toString(), name);
        QCOMPARE(r.value(u"state").toString(), QStringLiteral("open"));
        QCOMPARE(r.value(u"occupants").toInt(), 1);

        QJsonObject bobJoined;
        auto b = joined(bob, name, &bobJoined);
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
        QJsonObject again;
        auto c = joined(bob, name, &again);
        const QJsonArray history = again.value(u"history").toArray();
        QCOMPARE(history.size(), 2);
        QCOMPARE(history.at(0).toObject().value(u"id"), echo.value(u"id"));
        QCOMPARE(history.at(1).toObject().value(u"text").toString(), QStringLiteral("next"));
    }

    void alreadyInRoom()
    {
        const User user = freshUser();
        const QString name = freshRoom();
        auto socket = joined(user, name);
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
        const QString url = ticketUrl(user, name);
        TestSocket first;
        first.open(url);
        QCOMPARE(first.nextFrame().value(u"type").toString(), QStringLiteral("joined"));
        TestSocket second;
        second.open(url);
        expectRefusal(second, QStringLiteral("TICKET_ALREADY_USED"), 4409, name);
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
        const User user = freshUser();
        const User holder = freshUser();
        const QString name = freshRoom();
        auto keep = joined(holder, name); // the room stays when the reservation expires
        const HttpReply r = m_api->reserve(user.token, name, false);
        QCOMPARE(r.status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(room(user.token, name).value(u"reserved").toInt(), 0, 5000);
        TestSocket socket;
        socket.open(r.json.value(u"websocketUrl").toString());
        expectRefusal(socket, QStringLiteral("TICKET_EXPIRED"), 4408, name);
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
        const QString url = ticketUrl(user, name);
        execSql(sql, {name});
        TestSocket socket;
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
        auto socket = joined(freshUser(), freshRoom());
        socket->socket().sendTextMessage(frame);
        expectRefusal(*socket, QStringLiteral("BAD_REQUEST"), 4400);
    }

    void binaryFrameCloses()
    {
        auto socket = joined(freshUser(), freshRoom());
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
        auto socket = joined(user, name);
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
        QJsonObject again;
        socket->send({{QStringLiteral("type"), QStringLiteral("leave")}});
        QVERIFY(socket->waitClosed());
        auto next = joined(user, name, &again);
        QCOMPARE(again.value(u"history").toArray().size(), 1);
    }

    void oversizeFrameCloses()
    {
        auto socket = joined(freshUser(), freshRoom());
        socket->socket().sendTextMessage(QString(70 * 1024, QLatin1Char('x')));
        QVERIFY(socket->waitClosed());
        QVERIFY2(socket->closeCode() == 1009 || socket->closeCode() == 4413,
                 qPrintable(QString::number(socket->closeCode())));
    }

    void idlePeerIsDropped()
    {
        // A raw peer that completes the handshake and then never answers a ping.
        const User user = freshUser();
        const QString name = freshRoom();
        const QUrl url(ticketUrl(user, name));
        auto live = joined(freshUser(), name); // QWebSocket answers pings: it stays
        QTcpSocket raw;
        raw.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(url.port()));
        QVERIFY(raw.waitForConnected(5000));
        raw.write("GET /ws?" + url.query(QUrl::FullyEncoded).toLatin1()
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                    "dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    "Sec-WebSocket-Version: 13\r\n\r\n");
        QByteArray in;
        QTRY_VERIFY_WITH_TIMEOUT((in += raw.readAll()).contains("\r\n\r\n"), 5000);
        QVERIFY2(in.startsWith("HTTP/1.1 101"), in.constData());
        QTRY_COMPARE_WITH_TIMEOUT(room(user.token, name).value(u"occupants").toInt(), 2, 5000);
        // Read frames until the close frame: code 4000 after the IDLE_TIMEOUT error frame.
        QTRY_VERIFY_WITH_TIMEOUT(
            (in += raw.readAll()).contains("IDLE_TIMEOUT\"") && in.contains("\x88"), 10000);
        const qsizetype close = in.lastIndexOf("\x88");
        QVERIFY(close + 4 <= in.size());
        const int code = (quint8(in.at(close + 2)) << 8) | quint8(in.at(close + 3));
        QCOMPARE(code, 4000);
        QTRY_COMPARE_WITH_TIMEOUT(room(user.token, name).value(u"occupants").toInt(), 1, 5000);
        QVERIFY(!live->isClosed());
    }
};

QTEST_GUILESS_MAIN(TestClaim)
#include "tst_claim.moc"
