// SPDX-License-Identifier: MIT
#include "tests/common/testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

using namespace roomgate::test;

/**
 * The admin API against a real server: every action, its effect on connected
 * clients and on the next claim, the audit log, /metrics, and 401/403 for others.
 * Reservations outlive any test (a long ticket ttl), however slow the machine.
 */
class TestAdmin : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestApi> m_api;
    QByteArray m_admin;
    int m_users = 0;
    int m_rooms = 0;

    struct User
    {
        QByteArray token;
        QString name;
    };
    User freshUser()
    {
        const QString name = QStringLiteral("guest%1").arg(++m_users);
        return {m_api->userToken(name), name};
    }
    QString freshRoom() { return QStringLiteral("Hall %1").arg(++m_rooms); }
    static QString seg(const QString &s) { return TestApi::pathSegment(s); }

    HttpReply admin(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        return m_api->request(method, path,
                              body.isEmpty() ? QByteArray()
                                             : QJsonDocument(body).toJson(QJsonDocument::Compact),
                              m_admin);
    }
    /** An HTTP answer for a failure message. */
    static QString describe(const HttpReply &r)
    {
        return QStringLiteral("HTTP %1: %2").arg(r.status).arg(QString::fromUtf8(r.body));
    }
    /** Creates room @p name as the admin; why that failed, or empty (callers QVERIFY2 on it). */
    QString createRoom(const QString &name, int capacity)
    {
        const HttpReply r
            = admin("POST", QStringLiteral("/api/v1/admin/rooms"),
                    {{QStringLiteral("name"), name}, {QStringLiteral("capacity"), capacity}});
        return r.status == 201 ? QString()
                               : QStringLiteral("cannot create %1: %2").arg(name, describe(r));
    }
    QJsonObject room(const QString &name)
    {
        const HttpReply list = m_api->request("GET", QStringLiteral("/api/v1/rooms"), {}, m_admin);
        for (const QJsonValue &r : list.json.value(u"rooms").toArray()) {
            if (r.toObject().value(u"name").toString() == name)
                return r.toObject();
        }
        return {};
    }
    /** A claimed seat: the socket with its joined frame read, or why there is none. */
    struct Member
    {
        std::unique_ptr<TestSocket> socket;
        QString failure; // empty when joined: callers QVERIFY2 on it
        TestSocket *operator->() const { return socket.get(); }
        TestSocket &operator*() const { return *socket; }
    };
    /** Reserves a seat of @p user in the existing room @p name and claims it. */
    Member join(const User &user, const QString &name)
    {
        Member member;
        const HttpReply r = m_api->reserve(user.token, name, false);
        if (r.status != 201) {
            member.failure
                = QStringLiteral("%1 could not reserve %2: %3").arg(user.name, name, describe(r));
            return member;
        }
        member.socket = std::make_unique<TestSocket>();
        member.socket->open(r.json.value(u"websocketUrl").toString());
        const QJsonObject joined = member.socket->nextFrame();
        if (joined.value(u"type").toString() != QLatin1String("joined")) {
            member.failure
                = QStringLiteral("%1 did not join %2: first frame %3")
                      .arg(user.name, name,
                           QString::fromUtf8(QJsonDocument(joined).toJson(QJsonDocument::Compact)));
        }
        return member;
    }
    static void expectClosed(TestSocket &socket, const QString &code, int closeCode)
    {
        const QJsonObject error = socket.frameOfType(QStringLiteral("error"));
        QCOMPARE(error.value(u"code").toString(), code);
        QVERIFY(socket.waitClosed());
        QCOMPARE(socket.closeCode(), closeCode);
        QCOMPARE(socket.closeReason(), code);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(
            QStringList{QStringLiteral("--ticket-ttl"), QStringLiteral("600")});
        // The first admin comes from the command line, before the server runs.
        QProcess bootstrap;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ROOMGATE_ADMIN_PASSWORD"), QStringLiteral("admin-secret"));
        bootstrap.setProcessEnvironment(env);
        QStringList args{QStringLiteral("--headless"), QStringLiteral("--data-dir"),
                         m_server->dataDir(),          QStringLiteral("--password-cost"),
                         QStringLiteral("minimum"),    QStringLiteral("--create-admin"),
                         QStringLiteral("Root")};
        if (!m_server->databaseUrl().isEmpty())
            args << QStringLiteral("--database") << m_server->databaseUrl();
        bootstrap.start(TestServer::binary(), args);
        QVERIFY(bootstrap.waitForFinished(15000));
        QCOMPARE(bootstrap.exitCode(), 0);
        QVERIFY(bootstrap.readAllStandardOutput().contains("Root"));
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_api = std::make_unique<TestApi>(m_server->httpPort());
        const HttpReply session
            = m_api->post(QStringLiteral("/api/v1/sessions"),
                          {{QStringLiteral("username"), QStringLiteral("root")},
                           {QStringLiteral("password"), QStringLiteral("admin-secret")}});
        QCOMPARE(session.status, 201);
        QCOMPARE(session.json.value(u"admin").toBool(), true);
        m_admin = session.json.value(u"token").toString().toLatin1();
    }

    void cleanupTestCase() { QCOMPARE(m_server->terminate(), 0); }

    void othersAreRefused_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::newRow("create") << QByteArray("POST") << QStringLiteral("/api/v1/admin/rooms");
        QTest::newRow("update") << QByteArray("PATCH") << QStringLiteral("/api/v1/admin/rooms/x");
        QTest::newRow("delete") << QByteArray("DELETE") << QStringLiteral("/api/v1/admin/rooms/x");
        QTest::newRow("reservations")
            << QByteArray("GET") << QStringLiteral("/api/v1/admin/reservations");
        QTest::newRow("revoke") << QByteArray("DELETE")
                                << QStringLiteral("/api/v1/admin/reservations/x");
        QTest::newRow("members") << QByteArray("GET")
                                 << QStringLiteral("/api/v1/admin/members?room=x");
        QTest::newRow("kick") << QByteArray("DELETE")
                              << QStringLiteral("/api/v1/admin/rooms/x/members/y");
        QTest::newRow("ban") << QByteArray("PUT") << QStringLiteral("/api/v1/admin/rooms/x/bans/y");
        QTest::newRow("unban") << QByteArray("DELETE")
                               << QStringLiteral("/api/v1/admin/rooms/x/bans/y");
        QTest::newRow("audit") << QByteArray("GET")
                               << QStringLiteral("/api/v1/admin/audit?limit=-1");
        QTest::newRow("metrics") << QByteArray("GET") << QStringLiteral("/metrics");
    }
    void othersAreRefused()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        // Malformed bodies and unknown targets: a non-admin still learns only "forbidden".
        const HttpReply stranger = m_api->request(method, path, "{broken");
        QCOMPARE(stranger.status, 401);
        QCOMPARE(stranger.code(), QStringLiteral("UNAUTHENTICATED"));
        const HttpReply user = m_api->request(method, path, "{broken", freshUser().token);
        QCOMPARE(user.status, 403);
        QCOMPARE(user.code(), QStringLiteral("FORBIDDEN"));
    }

    void createRoom()
    {
        const QString name = freshRoom();
        HttpReply r = admin("POST", QStringLiteral("/api/v1/admin/rooms"),
                            {{QStringLiteral("name"), name}, {QStringLiteral("capacity"), 3}});
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json.value(u"name").toString(), name);
        QCOMPARE(r.json.value(u"capacity").toInt(), 3);
        QCOMPARE(r.json.value(u"state").toString(), QStringLiteral("open"));
        r = admin("POST", QStringLiteral("/api/v1/admin/rooms"),
                  {{QStringLiteral("name"), name.toUpper()}, {QStringLiteral("capacity"), 3}});
        QCOMPARE(r.status, 409);
        QCOMPARE(r.code(), QStringLiteral("ROOM_EXISTS"));
        r = admin("POST", QStringLiteral("/api/v1/admin/rooms"),
                  {{QStringLiteral("name"), QStringLiteral("bad/name")},
                   {QStringLiteral("capacity"), 3}});
        QCOMPARE(r.code(), QStringLiteral("INVALID_ROOM_NAME"));
        r = admin("POST", QStringLiteral("/api/v1/admin/rooms"),
                  {{QStringLiteral("name"), freshRoom()}, {QStringLiteral("capacity"), 0}});
        QCOMPARE(r.code(), QStringLiteral("INVALID_CAPACITY"));
        r = admin("POST", QStringLiteral("/api/v1/admin/rooms"), {{QStringLiteral("name"), 5}});
        QCOMPARE(r.code(), QStringLiteral("BAD_REQUEST"));
        // An admin-made room is open: a claim is not needed to keep it.
        QCOMPARE(room(name).value(u"state").toString(), QStringLiteral("open"));
    }

    void capacityNeverBelowSeatsInUse()
    {
        const QString name = freshRoom();
        const QString created = createRoom(name, 4);
        QVERIFY2(created.isEmpty(), qPrintable(created));
        const Member a = join(freshUser(), name);
        QVERIFY2(a.failure.isEmpty(), qPrintable(a.failure));
        QCOMPARE(m_api->reserve(freshUser().token, name, false).status,
                 201); // 1 member + 1 reserved
        const QString path = QStringLiteral("/api/v1/admin/rooms/") + seg(name);
        HttpReply r = admin("PATCH", path, {{QStringLiteral("capacity"), 1}});
        QCOMPARE(r.status, 409);
        QCOMPARE(r.code(), QStringLiteral("CAPACITY_IN_USE"));
        QCOMPARE(room(name).value(u"capacity").toInt(), 4);
        r = admin("PATCH", path, {{QStringLiteral("capacity"), 2}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(u"capacity").toInt(), 2);
        // Now full: I1 holds for the next one.
        QCOMPARE(m_api->reserve(freshUser().token, name, false).code(),
                 QStringLiteral("ROOM_FULL"));
        QCOMPARE(admin("PATCH", path, {{QStringLiteral("capacity"), 10001}}).code(),
                 QStringLiteral("INVALID_CAPACITY"));
        QCOMPARE(admin("PATCH", path, {{QStringLiteral("state"), QStringLiteral("frozen")}}).code(),
                 QStringLiteral("BAD_REQUEST"));
        QCOMPARE(admin("PATCH", path, {}).code(), QStringLiteral("BAD_REQUEST"));
        QCOMPARE(admin("PATCH", QStringLiteral("/api/v1/admin/rooms/nowhere"),
                       {{QStringLiteral("capacity"), 2}})
                     .code(),
                 QStringLiteral("ROOM_NOT_FOUND"));
    }

    void closeAndReopen()
    {
        const QString name = freshRoom();
        const QString created = createRoom(name, 5);
        QVERIFY2(created.isEmpty(), qPrintable(created));
        const User member = freshUser();
        const Member socket = join(member, name);
        QVERIFY2(socket.failure.isEmpty(), qPrintable(socket.failure));
        const User waiting = freshUser();
        const HttpReply reservation = m_api->reserve(waiting.token, name, false);
        QCOMPARE(reservation.status, 201);
        const QString path = QStringLiteral("/api/v1/admin/rooms/") + seg(name);
        HttpReply r = admin("PATCH", path, {{QStringLiteral("state"), QStringLiteral("closed")}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(u"state").toString(), QStringLiteral("closed"));
        expectClosed(*socket, QStringLiteral("ROOM_CLOSED"), 4410);
        // Seats freed at once, new entries refused.
        QTRY_COMPARE_WITH_TIMEOUT(room(name).value(u"occupants").toInt(), 0, 5000);
        QCOMPARE(room(name).value(u"reserved").toInt(), 0);
        QCOMPARE(m_api->reserve(freshUser().token, name, false).code(),
                 QStringLiteral("FORBIDDEN"));
        // Reopened: entries work again, but the revoked ticket still says why it died.
        QCOMPARE(admin("PATCH", path, {{QStringLiteral("state"), QStringLiteral("open")}}).status,
                 200);
        QCOMPARE(m_api->reserve(freshUser().token, name, false).status, 201);
        TestSocket late;
        late.open(reservation.json.value(u"websocketUrl").toString());
        expectClosed(late, QStringLiteral("ROOM_CLOSED"), 4410);
    }

    void deleteRoom()
    {
        const QString name = freshRoom();
        const QString created = createRoom(name, 5);
        QVERIFY2(created.isEmpty(), qPrintable(created));
        const User member = freshUser();
        const Member socket = join(member, name);
        QVERIFY2(socket.failure.isEmpty(), qPrintable(socket.failure));
        socket->send({{QStringLiteral("type"), QStringLiteral("message")},
                      {QStringLiteral("text"), QStringLiteral("old")}});
        QVERIFY(!socket->frameOfType(QStringLiteral("message")).isEmpty());
        const HttpReply pending = m_api->reserve(freshUser().token, name, false);
        QCOMPARE(pending.status, 201);
        QCOMPARE(admin("DELETE", QStringLiteral("/api/v1/admin/rooms/") + seg(name)).status, 204);
        expectClosed(*socket, QStringLiteral("ROOM_NOT_FOUND"), 4404);
        TestSocket late;
        late.open(pending.json.value(u"websocketUrl").toString());
        expectClosed(late, QStringLiteral("ROOM_NOT_FOUND"), 4404);
        QVERIFY(room(name).isEmpty());
        QCOMPARE(admin("DELETE", QStringLiteral("/api/v1/admin/rooms/") + seg(name)).code(),
                 QStringLiteral("ROOM_NOT_FOUND"));
        // History went with it.
        const QString recreated = createRoom(name, 5);
        QVERIFY2(recreated.isEmpty(), qPrintable(recreated));
        const HttpReply again = m_api->reserve(member.token, name, false);
        QVERIFY2(again.status == 201, qPrintable(describe(again)));
        TestSocket fresh;
        fresh.open(again.json.value(u"websocketUrl").toString());
        QCOMPARE(fresh.nextFrame().value(u"history").toArray().size(), 0);
    }

    void revokeReservation()
    {
        const QString name = freshRoom();
        const QString created = createRoom(name, 2);
        QVERIFY2(created.isEmpty(), qPrintable(created));
        const User user = freshUser();
        const HttpReply r = m_api->reserve(user.token, name, false);
        QVERIFY2(r.status == 201, qPrintable(describe(r)));
        const QString ticket = r.json.value(u"ticket").toString();
        const HttpReply list
            = admin("GET", QStringLiteral("/api/v1/admin/reservations?room=") + seg(name));
        QCOMPARE(list.status, 200);
        const QJsonArray reservations = list.json.value(u"reservations").toArray();
        QCOMPARE(reservations.size(), 1);
        const QJsonObject entry = reservations.first().toObject();
        QCOMPARE(entry.value(u"user").toString(), user.name);
        QCOMPARE(entry.value(u"room").toString(), name);
        QVERIFY(entry.value(u"node").toString().startsWith(QStringLiteral("node-")));
        QVERIFY(entry.value(u"createdAt").isString());
        QVERIFY(entry.value(u"expiresAt").isString());
        const QString id = entry.value(u"id").toString();
        QVERIFY(!id.isEmpty());
        QVERIFY(id != ticket);
        QVERIFY(!list.body.contains(ticket.toLatin1()));
        // Without ?room= every room's reservations are listed.
        const HttpReply all = admin("GET", QStringLiteral("/api/v1/admin/reservations"));
        QCOMPARE(all.status, 200);
        bool listed = false;
        for (const QJsonValue &v : all.json.value(u"reservations").toArray())
            listed = listed || v.toObject().value(u"id").toString() == id;
        QVERIFY(listed);
        QCOMPARE(admin("DELETE", QStringLiteral("/api/v1/admin/reservations/") + id).status, 204);
        QCOMPARE(room(name).value(u"reserved").toInt(), 0);
        TestSocket socket;
        socket.open(r.json.value(u"websocketUrl").toString());
        expectClosed(socket, QStringLiteral("TICKET_INVALID"), 4401);
        QCOMPARE(admin("DELETE", QStringLiteral("/api/v1/admin/reservations/") + id).code(),
                 QStringLiteral("RESERVATION_NOT_FOUND"));
        QCOMPARE(admin("GET", QStringLiteral("/api/v1/admin/reservations?room=nowhere")).code(),
                 QStringLiteral("ROOM_NOT_FOUND"));
    }

    void kickMember()
    {
        const QString name = freshRoom();
        const QString created = createRoom(name, 3);
        QVERIFY2(created.isEmpty(), qPrintable(created));
        const User victim = freshUser();
        const User witness = freshUser();
        const Member kicked = join(victim, name);
        QVERIFY2(kicked.failure.isEmpty(), qPrintable(kicked.failure));
        const Member other = join(witness, name);
        QVERIFY2(other.failure.isEmpty(), qPrintable(other.failure));
        const HttpReply members
            = admin("GET", QStringLiteral("/api/v1/admin/members?room=") + seg(name));
        QCOMPARE(members.json.value(u"members").toArray().size(), 2);
        // Without ?room= the members of every room are listed.
        const HttpReply everyone = admin("GET", QStringLiteral("/api/v1/admin/members"));
        QVERIFY(everyone.json.value(u"members").toArray().size() >= 2);
        const QJsonObject first = members.json.value(u"members").toArray().first().toObject();
        QCOMPARE(first.value(u"user").toString(), victim.name);
        QCOMPARE(first.value(u"room").toString(), name);
        QCOMPARE(first.value(u"address").toString(), QStringLiteral("127.0.0.1"));
        QVERIFY(first.value(u"since").isString());
        QVERIFY(first.value(u"node").toString().startsWith(QStringLiteral("node-")));

        const QString path
            = QStringLiteral("/api/v1/admin/rooms/%1/members/%2").arg(seg(name), victim.name);
        QCOMPARE(admin("DELETE", path).status, 204);
        expectClosed(*kicked, QStringLiteral("KICKED"), 4403);
        const QJsonObject left = other->frameOfType(QStringLiteral("presence"));
        QCOMPARE(left.value(u"event").toString(), QStringLiteral("left"));
        QCOMPARE(left.value(u"user").toString(), victim.name);
        QCOMPARE(room(name).value(u"occupants").toInt(), 1);
        QCOMPARE(admin("DELETE", path).code(), QStringLiteral("USER_NOT_FOUND"));
        QCOMPARE(admin("DELETE", QStringLiteral("/api/v1/admin/rooms/nowhere/members/x")).code(),
                 QStringLiteral("ROOM_NOT_FOUND"));
        // A kick is not a ban.
        QCOMPARE(m_api->reserve(victim.token, name, false).status, 201);
    }

    void banAndUnban()
    {
        const QString name = freshRoom();
        const QString created = createRoom(name, 3);
        QVERIFY2(created.isEmpty(), qPrintable(created));
        const User present = freshUser();
        const User pending = freshUser();
        const Member socket = join(present, name);
        QVERIFY2(socket.failure.isEmpty(), qPrintable(socket.failure));
        const HttpReply reservation = m_api->reserve(pending.token, name, false);
        QVERIFY2(reservation.status == 201, qPrintable(describe(reservation)));
        const QString base = QStringLiteral("/api/v1/admin/rooms/%1/bans/").arg(seg(name));
        QCOMPARE(admin("PUT", base + present.name).status, 204);
        QCOMPARE(admin("PUT", base + present.name).status, 204); // idempotent
        expectClosed(*socket, QStringLiteral("KICKED"), 4403);
        QCOMPARE(m_api->reserve(present.token, name, false).code(), QStringLiteral("FORBIDDEN"));
        // A ban revokes the live reservation at once; its claim says why.
        QCOMPARE(admin("PUT", base + pending.name).status, 204);
        QCOMPARE(room(name).value(u"reserved").toInt(), 0);
        TestSocket late;
        late.open(reservation.json.value(u"websocketUrl").toString());
        expectClosed(late, QStringLiteral("KICKED"), 4403);
        QCOMPARE(admin("DELETE", base + present.name).status, 204);
        QCOMPARE(admin("DELETE", base + present.name).status, 204); // idempotent
        QCOMPARE(m_api->reserve(present.token, name, false).status, 201);
        QCOMPARE(admin("PUT", base + QStringLiteral("nobody-here")).code(),
                 QStringLiteral("USER_NOT_FOUND"));
        QCOMPARE(admin("PUT", QStringLiteral("/api/v1/admin/rooms/nowhere/bans/x")).code(),
                 QStringLiteral("ROOM_NOT_FOUND"));
    }

    void auditLog()
    {
        const QString name = freshRoom();
        const QString created = createRoom(name, 2);
        QVERIFY2(created.isEmpty(), qPrintable(created));
        HttpReply r = admin("GET", QStringLiteral("/api/v1/admin/audit"));
        QCOMPARE(r.status, 200);
        const QJsonArray entries = r.json.value(u"entries").toArray();
        QVERIFY(entries.size() >= 2);
        const QJsonObject newest = entries.first().toObject();
        QCOMPARE(newest.value(u"admin").toString(), QStringLiteral("Root"));
        QCOMPARE(newest.value(u"action").toString(), QStringLiteral("room.create"));
        QCOMPARE(newest.value(u"target").toString(), name);
        QCOMPARE(newest.value(u"detail").toObject().value(u"capacity").toInt(), 2);
        bool revokeNamesItsSeat = false;
        for (const QJsonValue &v : entries) {
            const QJsonObject e = v.toObject();
            if (e.value(u"action").toString() == QLatin1String("reservation.revoke"))
                revokeNamesItsSeat
                    = !e.value(u"detail").toObject().value(u"room").toString().isEmpty()
                    && !e.value(u"detail").toObject().value(u"user").toString().isEmpty();
        }
        QVERIFY(revokeNamesItsSeat);
        QVERIFY(newest.value(u"at").toString().endsWith(QLatin1Char('Z')));
        const QJsonObject oldest = entries.last().toObject();
        QCOMPARE(oldest.value(u"admin").toString(), QStringLiteral("cli"));
        QCOMPARE(oldest.value(u"target").toString(), QStringLiteral("Root"));
        QCOMPARE(admin("GET", QStringLiteral("/api/v1/admin/audit?limit=1"))
                     .json.value(u"entries")
                     .toArray()
                     .size(),
                 1);
        QVERIFY(admin("GET", QStringLiteral("/api/v1/admin/audit?limit=5000")).status == 200);
        for (const char *bad : {"0", "-3", "abc", ""})
            QCOMPARE(admin("GET", QStringLiteral("/api/v1/admin/audit?limit=") + QLatin1String(bad))
                         .code(),
                     QStringLiteral("BAD_REQUEST"));
    }

    void metrics()
    {
        const QString name = freshRoom();
        const QString created = createRoom(name, 1);
        QVERIFY2(created.isEmpty(), qPrintable(created));
        const Member socket = join(freshUser(), name);
        QVERIFY2(socket.failure.isEmpty(), qPrintable(socket.failure));
        QCOMPARE(m_api->reserve(freshUser().token, name, false).code(),
                 QStringLiteral("ROOM_FULL"));
        const HttpReply r = admin("GET", QStringLiteral("/metrics"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.contentType.startsWith("text/plain"));
        for (const char *line :
             {"roomgate_reserve_decisions_total{code=\"OK\"}",
              "roomgate_reserve_decisions_total{code=\"ROOM_FULL\"}",
              "roomgate_claim_decisions_total{code=\"OK\"}", "roomgate_rooms ",
              "roomgate_occupants ", "roomgate_reservations ", "roomgate_sockets ",
              "roomgate_reserve_duration_seconds_bucket{le=\"+Inf\"}",
              "roomgate_reserve_duration_seconds_count"})
            QVERIFY2(r.body.contains(line), line);
        QVERIFY(!r.body.contains("roomgate_sockets 0\n"));
    }

    void metricsPublic()
    {
        TestServer open({QStringLiteral("--metrics-public")});
        QVERIFY2(open.start(), qPrintable(open.output()));
        TestApi api(open.httpPort());
        const HttpReply r = api.request("GET", QStringLiteral("/metrics"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains("roomgate_rooms 0"));
        QCOMPARE(open.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(TestAdmin)
#include "tst_admin.moc"
