// SPDX-License-Identifier: MIT
#include "tests/common/testserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

using namespace roomgate::test;

/**
 * Phase 1 against a real server: reserve, repeat, cancel, every refusal code with
 * its precedence, the capacity storm (I1), expiry and ghost rooms (I3, I4).
 *
 * The suite's server keeps reservations far longer than any test runs, so none lapses
 * under a test however slow the machine; expiry has its own short-lived server, where the
 * test only waits for it to happen.
 */
class TestReserve : public QObject
{
    Q_OBJECT

    /** The suite server's ticket ttl (s): longer than the longest bounded wait of any test. */
    static constexpr int kTicketTtl = 600;

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestApi> m_api;
    QSqlDatabase m_db;
    int m_users = 0;

    QByteArray freshUser() { return m_api->userToken(QStringLiteral("user%1").arg(++m_users)); }

    /** Seats of @p room as stored in @p db: occupants + live reservations, and capacity. */
    static std::pair<int, int> seats(const QSqlDatabase &db, const QString &room)
    {
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "SELECT (SELECT COUNT(*) FROM memberships m WHERE m.room_id = r.id) + (SELECT COUNT(*) "
            "FROM reservations v WHERE v.room_id = r.id AND v.state = 'live' AND v.expires_at > "
            "?), r.capacity FROM rooms r WHERE r.name = ?"));
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        q.addBindValue(room);
        if (!q.exec() || !q.next())
            return {-1, -1};
        return {q.value(0).toInt(), q.value(1).toInt()};
    }
    std::pair<int, int> seats(const QString &room) { return seats(m_db, room); }

    /** A read-only connection named @p name to the database of @p server. */
    static QSqlDatabase observe(const TestServer &server, const QString &name)
    {
        return server.openDatabase(name);
    }

    int rowCount(const QString &table)
    {
        QSqlQuery q(m_db);
        q.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table);
        return q.next() ? q.value(0).toInt() : -1;
    }

    static QJsonObject roomInList(TestApi &api, const QByteArray &token, const QString &name)
    {
        const HttpReply list = api.request("GET", QStringLiteral("/api/v1/rooms"), {}, token);
        for (const QJsonValue &room : list.json.value(u"rooms").toArray()) {
            if (room.toObject().value(u"name").toString() == name)
                return room.toObject();
        }
        return {};
    }
    QJsonObject roomInList(const QByteArray &token, const QString &name)
    {
        return roomInList(*m_api, token, name);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(
            QStringList{QStringLiteral("--ticket-ttl"), QString::number(kTicketTtl)});
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_api = std::make_unique<TestApi>(m_server->httpPort());
        m_db = observe(*m_server, QStringLiteral("observer"));
        QVERIFY2(m_db.isOpen(), qPrintable(m_db.lastError().text()));
    }

    void cleanupTestCase()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("observer"));
        QCOMPARE(m_server->terminate(), 0);
    }

    void reserveCreatesPendingRoomAndAnswersTicket()
    {
        const QByteArray token = freshUser();
        const HttpReply r = m_api->reserve(token, QStringLiteral("lobby"), true, 5);
        QCOMPARE(r.status, 201);
        const QString ticket = r.json.value(u"ticket").toString();
        QCOMPARE(ticket.size(), 43);
        QVERIFY(QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]{43}$")).match(ticket).hasMatch());
        const QString lifetime = ticketLifetimeProblem(r, kTicketTtl);
        QVERIFY2(lifetime.isEmpty(), qPrintable(lifetime));
        QCOMPARE(
            r.json.value(u"websocketUrl").toString(),
            QStringLiteral("ws://127.0.0.1:%1/ws?ticket=%2").arg(m_server->wsPort()).arg(ticket));
        const QJsonObject room = r.json.value(u"room").toObject();
        QCOMPARE(room.value(u"name").toString(), QStringLiteral("lobby"));
        QCOMPARE(room.value(u"capacity").toInt(), 5);
        QCOMPARE(room.value(u"state").toString(), QStringLiteral("pending"));
        QCOMPARE(room.value(u"reserved").toInt(), 1);
        QCOMPARE(room.value(u"occupants").toInt(), 0);

        // The store keeps no presentable ticket: only the id it carries, not its MAC.
        QSqlQuery q(m_db);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM reservations WHERE id = '") + ticket
                       + QStringLiteral("' OR node_id = '") + ticket + QStringLiteral("'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);

        // A repeat gives the same ticket and expiry, no second seat.
        const HttpReply again = m_api->reserve(token, QStringLiteral("LOBBY"), true, 5);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json.value(u"ticket").toString(), ticket);
        QCOMPARE(again.json.value(u"expiresAt"), r.json.value(u"expiresAt"));
        QCOMPARE(seats(QStringLiteral("lobby")).first, 1);

        QCOMPARE(
            m_api->request("DELETE", QStringLiteral("/api/v1/entries/") + ticket, {}, token).status,
            204);
    }

    void cancelFreesSeatAndDeletesGhostRoom()
    {
        const QByteArray token = freshUser();
        const HttpReply r = m_api->reserve(token, QStringLiteral("ghost"), true, 3);
        QCOMPARE(r.status, 201);
        const QString ticket = r.json.value(u"ticket").toString();
        QVERIFY(!roomInList(token, QStringLiteral("ghost")).isEmpty());

        // Someone else's ticket is not found (and not cancelled).
        const QByteArray other = freshUser();
        const HttpReply foreign
            = m_api->request("DELETE", QStringLiteral("/api/v1/entries/") + ticket, {}, other);
        QCOMPARE(foreign.status, 404);
        QCOMPARE(foreign.code(), QStringLiteral("RESERVATION_NOT_FOUND"));
        QCOMPARE(seats(QStringLiteral("ghost")).first, 1);

        QCOMPARE(
            m_api->request("DELETE", QStringLiteral("/api/v1/entries/") + ticket, {}, token).status,
            204);
        QVERIFY(roomInList(token, QStringLiteral("ghost")).isEmpty());
        QCOMPARE(seats(QStringLiteral("ghost")).first, -1);

        // A second cancel, and garbage, are not found either.
        QCOMPARE(
            m_api->request("DELETE", QStringLiteral("/api/v1/entries/") + ticket, {}, token).code(),
            QStringLiteral("RESERVATION_NOT_FOUND"));
        QCOMPARE(
            m_api->request("DELETE", QStringLiteral("/api/v1/entries/nonsense"), {}, token).code(),
            QStringLiteral("RESERVATION_NOT_FOUND"));
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        const QString entries = QStringLiteral("/api/v1/rooms/%1/entries");
        QTest::newRow("malformed json")
            << entries.arg(QStringLiteral("r1")) << QByteArray("{\"create\":") << 400
            << QStringLiteral("BAD_REQUEST");
        QTest::newRow("array body") << entries.arg(QStringLiteral("r1")) << QByteArray("[1]") << 400
                                    << QStringLiteral("BAD_REQUEST");
        QTest::newRow("create as string")
            << entries.arg(QStringLiteral("r1")) << QByteArray("{\"create\":\"yes\"}") << 400
            << QStringLiteral("BAD_REQUEST");
        QTest::newRow("capacity as string") << entries.arg(QStringLiteral("r1"))
                                            << QByteArray("{\"create\":true,\"capacity\":\"5\"}")
                                            << 400 << QStringLiteral("BAD_REQUEST");
        QTest::newRow("capacity zero")
            << entries.arg(QStringLiteral("r1")) << QByteArray("{\"create\":true,\"capacity\":0}")
            << 400 << QStringLiteral("INVALID_CAPACITY");
        QTest::newRow("capacity too big") << entries.arg(QStringLiteral("r1"))
                                          << QByteArray("{\"create\":true,\"capacity\":10001}")
                                          << 400 << QStringLiteral("INVALID_CAPACITY");
        QTest::newRow("capacity fraction")
            << entries.arg(QStringLiteral("r1")) << QByteArray("{\"create\":true,\"capacity\":2.5}")
            << 400 << QStringLiteral("INVALID_CAPACITY");
        QTest::newRow("sql in name")
            << entries.arg(TestApi::pathSegment(QStringLiteral("x'; DROP TABLE rooms;--")))
            << QByteArray("{\"create\":true}") << 400 << QStringLiteral("INVALID_ROOM_NAME");
        QTest::newRow("name too long")
            << entries.arg(QString(65, QLatin1Char('n'))) << QByteArray("{\"create\":true}") << 400
            << QStringLiteral("INVALID_ROOM_NAME");
        QTest::newRow("invalid utf8 path")
            << entries.arg(QStringLiteral("%FF%FE")) << QByteArray("{\"create\":true}") << 400
            << QStringLiteral("INVALID_ROOM_NAME");
        QTest::newRow("emoji name")
            << entries.arg(TestApi::pathSegment(QStringLiteral("party🎉")))
            << QByteArray("{\"create\":true}") << 400 << QStringLiteral("INVALID_ROOM_NAME");
        QTest::newRow("blank name")
            << entries.arg(QStringLiteral("%20%20")) << QByteArray("{\"create\":true}") << 400
            << QStringLiteral("INVALID_ROOM_NAME");
        QTest::newRow("name checked before capacity")
            << entries.arg(QStringLiteral("a%2Fb"))
            << QByteArray("{\"create\":true,\"capacity\":0}") << 400
            << QStringLiteral("INVALID_ROOM_NAME");
        QTest::newRow("no such room") << entries.arg(QStringLiteral("nowhere")) << QByteArray("{}")
                                      << 404 << QStringLiteral("ROOM_NOT_FOUND");
        QTest::newRow("capacity checked on create false")
            << entries.arg(QStringLiteral("nowhere")) << QByteArray("{\"capacity\":-1}") << 400
            << QStringLiteral("INVALID_CAPACITY");
        QTest::newRow("bogus path") << QStringLiteral("/api/v1/nothing") << QByteArray("{}") << 404
                                    << QStringLiteral("NOT_FOUND");
        QTest::newRow("extra segment") << QStringLiteral("/api/v1/rooms/a/entries/b")
                                       << QByteArray("{}") << 404 << QStringLiteral("NOT_FOUND");
    }

    void refusals()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        const QByteArray token = freshUser();
        const int roomsBefore = rowCount(QStringLiteral("rooms"));
        const int reservationsBefore = rowCount(QStringLiteral("reservations"));
        QVERIFY2(roomsBefore >= 0 && reservationsBefore >= 0, "cannot count rows");
        const HttpReply r = m_api->request("POST", path, body, token);
        QCOMPARE(r.status, status);
        QCOMPARE(r.code(), code);
        QCOMPARE(r.contentType, QByteArray("application/problem+json"));
        QCOMPARE(r.json.value(u"status").toInt(), status);
        QVERIFY(r.json.value(u"type").toString().startsWith(QStringLiteral("urn:roomgate:error:")));
        QVERIFY(r.json.value(u"title").isString());
        QVERIFY(r.json.value(u"detail").isString());
        QCOMPARE(r.json.value(u"retryable").toBool(), false);
        // Nothing is left behind by a refusal.
        QCOMPARE(rowCount(QStringLiteral("rooms")), roomsBefore);
        QCOMPARE(rowCount(QStringLiteral("reservations")), reservationsBefore);
    }

    void unauthenticatedComesFirst_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::newRow("missing") << QByteArray();
        QTest::newRow("garbage") << QByteArray("not-a-token");
        QTest::newRow("well formed but unknown") << QByteArray(43, 'A');
    }
    void unauthenticatedComesFirst()
    {
        QFETCH(QByteArray, token);
        // 401 before 400: a malformed body from a stranger is still 401.
        const HttpReply r
            = m_api->request("POST", QStringLiteral("/api/v1/rooms/%FF/entries"), "{broken", token);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.code(), QStringLiteral("UNAUTHENTICATED"));
        QCOMPARE(m_api->request("GET", QStringLiteral("/api/v1/rooms"), {}, token).status, 401);
    }

    void methodNotAllowedListsMethods()
    {
        const HttpReply r
            = m_api->request("PUT", QStringLiteral("/api/v1/rooms"), "{}", freshUser());
        QCOMPARE(r.status, 405);
        QCOMPARE(r.code(), QStringLiteral("METHOD_NOT_ALLOWED"));
        QCOMPARE(r.allow, QByteArray("GET"));
    }

    void unknownContentTypeIsBadRequest()
    {
        const HttpReply r
            = m_api->request("POST", QStringLiteral("/api/v1/rooms/ct/entries"), "create=true",
                             freshUser(), "application/x-www-form-urlencoded");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.code(), QStringLiteral("BAD_REQUEST"));
    }

    void oversizeBodyRefusedBeforeItIsSent()
    {
        // Headers announce 10 MB; the server answers 413 without waiting for a byte of it.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->httpPort());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /api/v1/rooms/big/entries HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Content-Type: application/json\r\nContent-Length: 10000000\r\n\r\n");
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("\r\n\r\n"), 5000);
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
        QVERIFY(answer.contains("PAYLOAD_TOO_LARGE"));

        // Through a normal client too: 17 KiB of JSON.
        const QByteArray big = "{\"create\":true,\"pad\":\"" + QByteArray(17 * 1024, 'x') + "\"}";
        const HttpReply r
            = m_api->request("POST", QStringLiteral("/api/v1/rooms/big/entries"), big, freshUser());
        QCOMPARE(r.status, 413);
        QCOMPARE(r.code(), QStringLiteral("PAYLOAD_TOO_LARGE"));
        QCOMPARE(seats(QStringLiteral("big")).first, -1);
    }

    void forbiddenWhenClosedOrBanned()
    {
        const QByteArray owner = freshUser();
        QCOMPARE(m_api->reserve(owner, QStringLiteral("guarded"), true, 4).status, 201);
        const QByteArray banned = freshUser();
        const QString bannedName = QStringLiteral("user%1").arg(m_users);
        {
            // An admin action, done in storage (the admin API is its own suite).
            QSqlDatabase rw = m_server->openDatabase(QStringLiteral("rw"));
            QVERIFY(rw.isOpen());
            QSqlQuery q(rw);
            q.prepare(QStringLiteral(
                "INSERT INTO bans (room_id, user_id, created_at) SELECT r.id, "
                "u.id, 0 FROM rooms r, users u WHERE r.name = 'guarded' AND u.name = ?"));
            q.addBindValue(bannedName);
            QVERIFY(q.exec());
            rw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("rw"));
        HttpReply r = m_api->reserve(banned, QStringLiteral("guarded"), false);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.code(), QStringLiteral("FORBIDDEN"));
        // 400 comes before 403.
        r = m_api->reserve(banned, QStringLiteral("guarded"), false, 0);
        QCOMPARE(r.code(), QStringLiteral("INVALID_CAPACITY"));
    }

    void roomFullWithRetryAfter()
    {
        const QByteArray a = freshUser();
        const QByteArray b = freshUser();
        const HttpReply held = m_api->reserve(a, QStringLiteral("solo"), true, 1);
        QCOMPARE(held.status, 201);
        const HttpReply r = m_api->reserve(b, QStringLiteral("solo"), true, 1);
        QCOMPARE(r.status, 409);
        QCOMPARE(r.code(), QStringLiteral("ROOM_FULL"));
        QCOMPARE(r.json.value(u"retryable").toBool(), true);
        QCOMPARE(r.json.value(u"room").toString(), QStringLiteral("solo"));
        // The wait is until the held seat's reservation lapses, as seen when the refusal was
        // decided (between b's send and its answer), rounded up.
        const qint64 lapses
            = QDateTime::fromString(held.json.value(u"expiresAt").toString(), Qt::ISODateWithMs)
                  .toMSecsSinceEpoch();
        const int after = r.json.value(u"retryAfterSeconds").toInt();
        const auto roundedUp = [](qint64 ms) { return int(qMax<qint64>(1, (ms + 999) / 1000)); };
        QVERIFY2(after >= roundedUp(lapses - r.answeredAtMs)
                     && after <= roundedUp(lapses - r.sentAtMs) && after <= kTicketTtl,
                 qPrintable(QStringLiteral("retryAfterSeconds %1, the seat lapses at %2")
                                .arg(after)
                                .arg(held.json.value(u"expiresAt").toString())));
        QCOMPARE(r.retryAfter, QByteArray::number(after));
    }

    void decisionsThatAdmitAreLoggedRefusalsAtDebug()
    {
        // A decision that lets a user in is one info line; a refusal is none by default (the
        // metrics count it), so that a flood of refused requests cannot fill the log.
        const QByteArray a = freshUser();
        const QString refused = QStringLiteral("user%1").arg(m_users + 1);
        const QByteArray b = freshUser();
        const QString later = QStringLiteral("user%1").arg(m_users + 1);
        const QByteArray c = freshUser();
        QCOMPARE(m_api->reserve(a, QStringLiteral("logged"), true, 1).status, 201);
        QCOMPARE(m_api->reserve(b, QStringLiteral("logged"), true, 1).code(),
                 QStringLiteral("ROOM_FULL"));
        QCOMPARE(m_api->reserve(c, QStringLiteral("logged-later"), true, 1).status, 201);
        // A decision's line is written before its answer is sent: once the later admission's
        // line is read, the refusal's would have been read before it.
        QTRY_VERIFY_WITH_TIMEOUT(
            m_server->output().contains(
                QStringLiteral("reserve user %1 room logged-later result OK in ").arg(later)),
            5000);
        QVERIFY2(!m_server->output().contains(QStringLiteral("reserve user %1 ").arg(refused)),
                 qPrintable(m_server->output().right(2000)));

        // QT_LOGGING_RULES shows them.
        TestServer verbose;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_LOGGING_RULES"),
                           QStringLiteral("roomgate.server.admission.debug=true"));
        verbose.setEnvironment(environment);
        QVERIFY2(verbose.start(), qPrintable(verbose.output()));
        TestApi api(verbose.httpPort());
        const QByteArray carol = api.userToken(QStringLiteral("carol"));
        const QByteArray dave = api.userToken(QStringLiteral("dave"));
        QCOMPARE(api.reserve(carol, QStringLiteral("logged"), true, 1).status, 201);
        QCOMPARE(api.reserve(dave, QStringLiteral("logged"), true, 1).code(),
                 QStringLiteral("ROOM_FULL"));
        QTRY_VERIFY_WITH_TIMEOUT(verbose.output().contains(QStringLiteral(
                                     "reserve user dave room logged result ROOM_FULL in ")),
                                 5000);
        QCOMPARE(verbose.terminate(), 0);
    }

    void storm()
    {
        // 60 users at once on a room of 10: exactly 10 seats, I1 after every answer.
        constexpr int users = 60;
        QList<QByteArray> tokens;
        for (int i = 0; i < users; ++i)
            tokens.append(freshUser());
        const QByteArray creator = freshUser();
        QCOMPARE(m_api->reserve(creator, QStringLiteral("storm"), true, 10).status, 201);

        QNetworkAccessManager nam;
        QList<QNetworkReply *> replies;
        for (const QByteArray &token : tokens) {
            QNetworkRequest req(
                QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/rooms/storm/entries")
                         .arg(m_server->httpPort())));
            req.setRawHeader("Authorization", "Bearer " + token);
            req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
            replies.append(nam.post(req, QByteArray("{}")));
        }
        int created = 0;
        int full = 0;
        int answered = 0;
        for (QNetworkReply *reply : replies) {
            connect(reply, &QNetworkReply::finished, this, [&, reply] {
                const int status
                    = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                const auto body = QJsonDocument::fromJson(reply->readAll()).object();
                if (status == 201)
                    ++created;
                else if (status == 409
                         && body.value(u"code").toString() == QLatin1String("ROOM_FULL"))
                    ++full;
                const auto [taken, capacity] = seats(QStringLiteral("storm"));
                QVERIFY2(taken <= capacity, "I1 broken");
                ++answered;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(answered, users, 120000);
        QCOMPARE(created, 9); // the creator holds the tenth seat
        QCOMPARE(full, users - 9);
        QCOMPARE(seats(QStringLiteral("storm")).first, 10);
        qDeleteAll(replies);
    }

    void expiryFreesSeatAndGhostRoom()
    {
        // A server of its own whose tickets lapse at once: the test only waits for it.
        TestServer server({QStringLiteral("--ticket-ttl"), QStringLiteral("1"),
                           QStringLiteral("--sweep-interval"), QStringLiteral("100")});
        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi api(server.httpPort());
        {
            const QSqlDatabase db = observe(server, QStringLiteral("short"));
            QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
            const QByteArray token = api.userToken(QStringLiteral("fleeting"));
            const HttpReply r = api.reserve(token, QStringLiteral("fleeting"), true, 1);
            QCOMPARE(r.status, 201);
            const QString lifetime = ticketLifetimeProblem(r, 1);
            QVERIFY2(lifetime.isEmpty(), qPrintable(lifetime));
            // The sweep frees the seat and deletes the ghost room once the ticket lapsed.
            QTRY_COMPARE_WITH_TIMEOUT(seats(db, QStringLiteral("fleeting")).first, -1, 30000);
            QVERIFY(roomInList(api, token, QStringLiteral("fleeting")).isEmpty());
            // The expired ticket cannot be cancelled.
            QCOMPARE(
                api.request("DELETE",
                            QStringLiteral("/api/v1/entries/") + r.json.value(u"ticket").toString(),
                            {}, token)
                    .code(),
                QStringLiteral("RESERVATION_NOT_FOUND"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("short"));
        QCOMPARE(server.terminate(), 0);
    }

    void listRoomsShowsCounts()
    {
        const QByteArray token = freshUser();
        QCOMPARE(m_api->reserve(token, QStringLiteral("Listed Room"), true, 7).status, 201);
        const QJsonObject room = roomInList(token, QStringLiteral("Listed Room"));
        QCOMPARE(room.value(u"capacity").toInt(), 7);
        QCOMPARE(room.value(u"reserved").toInt(), 1);
        QCOMPARE(room.value(u"occupants").toInt(), 0);
        QCOMPARE(room.value(u"state").toString(), QStringLiteral("pending"));
        // Unicode variants name the same room.
        const HttpReply again
            = m_api->reserve(freshUser(), QStringLiteral("  listed room "), false);
        QCOMPARE(again.status, 201);
        QCOMPARE(again.json.value(u"room").toObject().value(u"name").toString(),
                 QStringLiteral("Listed Room"));
    }

    void unavailableWhileStorageIsLocked()
    {
        const QByteArray token = freshUser();
        const int before = rowCount(QStringLiteral("reservations"));
        QVERIFY2(before >= 0, "cannot count rows");
        QSqlDatabase locker = m_server->openDatabase(QStringLiteral("locker"));
        QVERIFY(locker.isOpen());
        {
            QSqlQuery q(locker);
            QVERIFY(TestServer::lockStorage(locker));
            // The server waits its busy timeout, then answers 503 with Retry-After.
            const HttpReply r = m_api->reserve(token, QStringLiteral("locked"), true, 2);
            QCOMPARE(r.status, 503);
            QCOMPARE(r.code(), QStringLiteral("UNAVAILABLE"));
            QCOMPARE(r.json.value(u"retryable").toBool(), true);
            QVERIFY(r.json.value(u"retryAfterSeconds").toInt() >= 1);
            QVERIFY(!r.retryAfter.isEmpty());
            QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
        }
        locker.close();
        locker = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("locker"));
        // Nothing half-written, and the server serves again within a second or two: the
        // writer may still be draining what queued behind the lock, and until it has, a
        // new decision is refused at once (503, retryable) rather than queued.
        QCOMPARE(rowCount(QStringLiteral("reservations")), before);
        // Asked again only while refused: QTRY_* evaluates once more after it held.
        HttpReply again;
        QStringList refusals;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                if (again.status == 0 || again.status == 503) {
                    again = m_api->reserve(token, QStringLiteral("locked"), true, 2);
                    if (again.status == 503)
                        refusals << again.code();
                }
                return again.status != 503;
            }(),
            5000);
        QCOMPARE(again.status, 201);
        QCOMPARE(refusals.count(QStringLiteral("UNAVAILABLE")), refusals.size());
    }

    void healthz()
    {
        const HttpReply r = m_api->request("GET", QStringLiteral("/healthz"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(u"status").toString(), QStringLiteral("ok"));
        QVERIFY(!r.json.value(u"version").toString().isEmpty());
        QVERIFY(r.json.value(u"node").toString().startsWith(QStringLiteral("node-")));
    }
};

QTEST_GUILESS_MAIN(TestReserve)
#include "tst_reserve.moc"
