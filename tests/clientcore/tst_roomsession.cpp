// SPDX-License-Identifier: MIT
#include "client/core/roomsession.h"
#include "tests/common/testserver.h"

#include <QJsonArray>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTest>

#include <csignal>

using namespace roomgate;
using namespace roomgate::client;
using namespace roomgate::test;

using State = RoomSession::State;
using Phase = RoomSession::Phase;

namespace {

/** Holds a session's claim (a live, unclaimed ticket) until the test opens it. */
class HeldClaim
{
public:
    explicit HeldClaim(RoomSession &session)
    {
        session.setClaimGate([this](std::function<void()> open) { m_open = std::move(open); });
    }
    bool isHeld() const { return bool(m_open); }
    void release()
    {
        if (const std::function<void()> open = std::exchange(m_open, {}))
            open();
    }

private:
    std::function<void()> m_open;
};

} // namespace

/**
 * RoomSession against real servers: entry, chat, presence, leave, each refusal in
 * its phase, cancels of unclaimed reservations, and the reconnect after a restart.
 * (The close codes a real server sends only on rare conditions: tst_roomsessionfaults.)
 */
class TestRoomSession : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestApi> m_api;
    QByteArray m_observer; ///< a token for looking at room counts
    QByteArray m_admin; ///< an admin's token
    int m_users = 0;
    int m_rooms = 0;

    struct User
    {
        QString name;
        std::unique_ptr<ApiClient> api;
    };

    /** A signed-up, signed-in user of @p server; fails the test when that is refused. */
    User freshUser(TestServer &server)
    {
        User user;
        user.name = QStringLiteral("sess%1").arg(++m_users);
        user.api = std::make_unique<ApiClient>(
            QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.httpPort())));
        const QByteArray token = TestApi(server.httpPort()).userToken(user.name);
        if (token.isEmpty())
            QTest::qFail(qPrintable(QStringLiteral("no session for %1").arg(user.name)), __FILE__,
                         __LINE__);
        user.api->setToken(QString::fromLatin1(token));
        return user;
    }
    User freshUser() { return freshUser(*m_server); }
    QString freshRoom() { return QStringLiteral("sessroom%1").arg(++m_rooms); }

    /** The room as `GET /api/v1/rooms` lists it; empty when it is not listed. */
    QJsonObject room(const QString &name)
    {
        const HttpReply list
            = m_api->request("GET", QStringLiteral("/api/v1/rooms"), {}, m_observer);
        for (const QJsonValue &r : list.json.value(u"rooms").toArray()) {
            if (r.toObject().value(u"name").toString() == name)
                return r.toObject();
        }
        return {};
    }

    void execSql(const QString &sql, const QVariantList &binds)
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("test"));
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
        QSqlDatabase::removeDatabase(QStringLiteral("test"));
    }

    static QList<State> states(const QSignalSpy &spy)
    {
        QList<State> out;
        for (const QList<QVariant> &args : spy)
            out.append(args.at(0).value<State>());
        return out;
    }

    /** How many calls of @p call were answered with @p status. */
    static int calls(const QSignalSpy &finished, ApiClient::Call call, int status)
    {
        int count = 0;
        for (const QList<QVariant> &args : finished) {
            if (args.at(0).value<ApiClient::Call>() == call && args.at(1).toInt() == status)
                ++count;
        }
        return count;
    }

    /**
     * Makes @p session a session of @p user entering @p name (created with @p capacity), and
     * fails the test when it is not joined: callers return on QTest::currentTestFailed().
     */
    static void joinSession(const User &user, const QString &name,
                            std::unique_ptr<RoomSession> &session, int capacity = 8)
    {
        session = std::make_unique<RoomSession>(user.api.get(), name);
        session->setEntryOptions({true, capacity});
        session->enter();
        QVERIFY2(
            QTest::qWaitFor([&session] { return session->isJoined(); }, 10000),
            qPrintable(QStringLiteral("not joined: %1").arg(wireName(session->failure().code))));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(
            QStringList{QStringLiteral("--sweep-interval"), QStringLiteral("100")});
        // An admin for the kicks and closes, made the documented way before the start.
        QProcess bootstrap;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("ROOMGATE_ADMIN_PASSWORD"),
                           QStringLiteral("admin-password"));
        bootstrap.setProcessEnvironment(environment);
        bootstrap.start(TestServer::binary(),
                        {QStringLiteral("--headless"), QStringLiteral("--create-admin"),
                         QStringLiteral("boss"), QStringLiteral("--data-dir"), m_server->dataDir(),
                         QStringLiteral("--password-cost"), QStringLiteral("minimum")});
        QVERIFY(bootstrap.waitForFinished(15000));
        QCOMPARE(bootstrap.exitCode(), 0);
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_api = std::make_unique<TestApi>(m_server->httpPort());
        m_observer = m_api->userToken(QStringLiteral("observer"));
        const HttpReply admin
            = m_api->post(QStringLiteral("/api/v1/sessions"),
                          {{QStringLiteral("username"), QStringLiteral("boss")},
                           {QStringLiteral("password"), QStringLiteral("admin-password")}});
        QCOMPARE(admin.json.value(u"admin").toBool(), true);
        m_admin = admin.json.value(u"token").toString().toLatin1();
    }

    void cleanupTestCase() { QCOMPARE(m_server->terminate(), 0); }

    void enterJoinsWithMembersAndHistory()
    {
        const User alice = freshUser();
        const QString name = freshRoom();
        RoomSession session(alice.api.get(), name);
        session.setEntryOptions({true, 4});
        QSignalSpy changes(&session, &RoomSession::stateChanged);
        QSignalSpy joined(&session, &RoomSession::joined);
        QSignalSpy members(&session, &RoomSession::membersChanged);
        QSignalSpy received(&session, &RoomSession::messageReceived);
        QVERIFY(session.isIdle());
        QVERIFY(session.sendMessage(QStringLiteral("too early")).isEmpty());

        session.enter();
        QCOMPARE(session.state(), State::Reserving);
        QVERIFY(session.isEntering());
        QVERIFY(joined.wait(10000));
        QCOMPARE(states(changes),
                 (QList<State>{State::Reserving, State::Connecting, State::Joined}));
        QVERIFY(session.isJoined());
        QVERIFY(session.isActive());
        QCOMPARE(session.you(), alice.name);
        QCOMPARE(session.members(), QStringList{alice.name});
        QCOMPARE(members.size(), 1);
        QVERIFY(session.history().isEmpty());
        QCOMPARE(session.roomInfo().name, name);
        QCOMPARE(session.roomInfo().capacity, 4);
        QCOMPARE(session.roomInfo().state, RoomState::Open);
        QCOMPARE(session.roomInfo().occupants, 1);
        QCOMPARE(session.failure().code, ErrorCode::Ok);
        QCOMPARE(room(name).value(u"occupants").toInt(), 1);

        const QString clientId = session.sendMessage(QStringLiteral("first words, 첫 마디"));
        QVERIFY(!clientId.isEmpty());
        QVERIFY(received.wait(10000));
        const ChatMessage echo = received.at(0).at(0).value<ChatMessage>();
        QVERIFY(echo.id > 0);
        QVERIFY(session.isOwn(echo));
        QCOMPARE(echo.from, alice.name);
        QCOMPARE(echo.room, name);
        QCOMPARE(echo.text, QStringLiteral("first words, 첫 마디"));
        QCOMPARE(echo.clientId, clientId);
        QVERIFY(echo.sentAtMs > 0);

        session.leave();
        QCOMPARE(session.state(), State::Leaving);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Idle, 10000);
        QCOMPARE(room(name).value(u"occupants").toInt(), 0);

        // Back again: the history holds the message; it is not repeated as a live one.
        session.enter();
        QVERIFY(joined.wait(10000));
        QCOMPARE(session.history().size(), 1);
        QCOMPARE(session.history().at(0), echo);
        QCOMPARE(received.size(), 1);
    }

    void twoSessionsChatAndPresence()
    {
        const User alice = freshUser();
        const User bob = freshUser();
        const QString name = freshRoom();
        std::unique_ptr<RoomSession> a;
        joinSession(alice, name, a);
        if (QTest::currentTestFailed())
            return;
        QSignalSpy aJoined(a.get(), &RoomSession::memberJoined);
        QSignalSpy aLeft(a.get(), &RoomSession::memberLeft);
        QSignalSpy aMembers(a.get(), &RoomSession::membersChanged);
        QSignalSpy aReceived(a.get(), &RoomSession::messageReceived);

        std::unique_ptr<RoomSession> b;
        joinSession(bob, name, b);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(b->members(), (QStringList{alice.name, bob.name}));
        QTRY_COMPARE_WITH_TIMEOUT(aJoined.size(), 1, 10000);
        QCOMPARE(aJoined.at(0).at(0).toString(), bob.name);
        QCOMPARE(a->members(), (QStringList{alice.name, bob.name}));
        QCOMPARE(aMembers.size(), 1);
        QSignalSpy bReceived(b.get(), &RoomSession::messageReceived);

        const QString fromAlice = a->sendMessage(QStringLiteral("안녕, bob"));
        QTRY_COMPARE_WITH_TIMEOUT(bReceived.size(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(aReceived.size(), 1, 10000);
        const ChatMessage seenByBob = bReceived.at(0).at(0).value<ChatMessage>();
        const ChatMessage seenByAlice = aReceived.at(0).at(0).value<ChatMessage>();
        QCOMPARE(seenByBob.id, seenByAlice.id);
        QCOMPARE(seenByBob.clientId, fromAlice);
        QCOMPARE(seenByBob.from, alice.name);
        QVERIFY(!b->isOwn(seenByBob));
        QVERIFY(a->isOwn(seenByAlice));

        const QString fromBob = b->sendMessage(QStringLiteral("hi alice"));
        QTRY_COMPARE_WITH_TIMEOUT(aReceived.size(), 2, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(bReceived.size(), 2, 10000);
        QVERIFY(!a->isOwn(aReceived.at(1).at(0).value<ChatMessage>()));
        QVERIFY(b->isOwn(bReceived.at(1).at(0).value<ChatMessage>()));
        QCOMPARE(bReceived.at(1).at(0).value<ChatMessage>().clientId, fromBob);
        QVERIFY(fromAlice != fromBob);

        // Bob leaves: his seat is freed and Alice sees him go.
        b->leave();
        QTRY_COMPARE_WITH_TIMEOUT(b->state(), State::Idle, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(aLeft.size(), 1, 10000);
        QCOMPARE(aLeft.at(0).at(0).toString(), bob.name);
        QCOMPARE(a->members(), QStringList{alice.name});
        const QJsonObject after = room(name);
        QCOMPARE(after.value(u"occupants").toInt(), 1);
        QCOMPARE(after.value(u"reserved").toInt(), 0);
    }

    void contentRefusalsKeepTheSession_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<bool>("sent");
        QTest::newRow("empty") << QString() << ErrorCode::BadRequest << true;
        QTest::newRow("4001 characters")
            << QString(4001, QLatin1Char('x')) << ErrorCode::MessageTooLarge << true;
        // Over the server's 64 KiB frame limit: refused here, or the server would close.
        QTest::newRow("70 KiB") << QString(70 * 1024, QLatin1Char('x'))
                                << ErrorCode::MessageTooLarge << false;
    }
    void contentRefusalsKeepTheSession()
    {
        QFETCH(QString, text);
        QFETCH(ErrorCode, code);
        QFETCH(bool, sent);
        const User user = freshUser();
        std::unique_ptr<RoomSession> session;
        joinSession(user, freshRoom(), session);
        if (QTest::currentTestFailed())
            return;
        QSignalSpy refused(session.get(), &RoomSession::messageRefused);
        QSignalSpy failed(session.get(), &RoomSession::failed);
        QSignalSpy received(session.get(), &RoomSession::messageReceived);
        QCOMPARE(!session->sendMessage(text).isEmpty(), sent);
        QVERIFY(refused.wait(10000));
        const auto refusal = refused.at(0).at(0).value<RoomSession::MessageRefusal>();
        QCOMPARE(refusal.code, code);
        QVERIFY(!refusal.detail.isEmpty());
        QCOMPARE(refusal.text, text); // offered back, to be shortened
        QCOMPARE(refusal.retryAfterSeconds, 0);
        // Still joined: the next message goes through.
        session->sendMessage(QString(4000, QLatin1Char('k')));
        QVERIFY(received.wait(10000));
        QCOMPARE(received.at(0).at(0).value<ChatMessage>().text.size(), 4000);
        QCOMPARE(session->state(), State::Joined);
        QCOMPARE(failed.size(), 0);
    }

    void reservationRefusals_data()
    {
        QTest::addColumn<QString>("room");
        QTest::addColumn<bool>("create");
        QTest::addColumn<int>("capacity");
        QTest::addColumn<bool>("signedOut");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<int>("status");
        QTest::newRow("no such room")
            << QString() << false << 16 << false << ErrorCode::RoomNotFound << 404;
        QTest::newRow("capacity 0")
            << QString() << true << 0 << false << ErrorCode::InvalidCapacity << 400;
        QTest::newRow("bad name") << QStringLiteral("no/slashes") << true << 16 << false
                                  << ErrorCode::InvalidRoomName << 400;
        QTest::newRow("signed out")
            << QString() << true << 16 << true << ErrorCode::Unauthenticated << 401;
    }
    void reservationRefusals()
    {
        QFETCH(QString, room);
        QFETCH(bool, create);
        QFETCH(int, capacity);
        QFETCH(bool, signedOut);
        QFETCH(ErrorCode, code);
        QFETCH(int, status);
        const User user = freshUser();
        if (signedOut)
            user.api->setToken(QStringLiteral("expired-or-unknown"));
        RoomSession session(user.api.get(), room.isEmpty() ? freshRoom() : room);
        session.setEntryOptions({create, capacity});
        QSignalSpy failed(&session, &RoomSession::failed);
        QSignalSpy countdown(&session, &RoomSession::reconnectingIn);
        session.enter();
        QVERIFY(failed.wait(10000));
        QCOMPARE(session.state(), State::Failed);
        QVERIFY(session.hasFailed());
        const RoomSession::Failure failure = failed.at(0).at(0).value<RoomSession::Failure>();
        QCOMPARE(failure.phase, Phase::Reservation);
        QCOMPARE(failure.code, code);
        QCOMPARE(failure.httpStatus, status);
        QVERIFY(!failure.retryable);
        QVERIFY(!failure.retryHelps);
        QVERIFY(!failure.whileJoined); // a first entry
        QVERIFY(!failure.sentence().isEmpty());
        QCOMPARE(session.failure().code, code);
        QCOMPARE(countdown.size(), 0);
        QVERIFY(!session.isReconnecting());
        // Failed → Idle when the user dismisses it.
        session.leave();
        QCOMPARE(session.state(), State::Idle);
        QCOMPARE(session.failure().code, ErrorCode::Ok);
    }

    void roomFullCarriesRetryAfterThenRetryNow()
    {
        const User member = freshUser();
        const User holder = freshUser();
        const User late = freshUser();
        const QString name = freshRoom();
        std::unique_ptr<RoomSession> present;
        joinSession(member, name, present, 2);
        if (QTest::currentTestFailed())
            return;
        // The last seat is held by a live reservation: ROOM_FULL says when it expires.
        const HttpReply held = m_api->reserve(holder.api->token().toLatin1(), name, false);
        QCOMPARE(held.status, 201);

        RoomSession session(late.api.get(), name);
        QSignalSpy failed(&session, &RoomSession::failed);
        session.enter();
        QVERIFY(failed.wait(10000));
        const RoomSession::Failure failure = session.failure();
        QCOMPARE(failure.phase, Phase::Reservation);
        QCOMPARE(failure.code, ErrorCode::RoomFull);
        QCOMPARE(failure.httpStatus, 409);
        QVERIFY(failure.retryable);
        QVERIFY(failure.retryHelps);
        QVERIFY2(failure.retryAfterSeconds >= 1 && failure.retryAfterSeconds <= 30,
                 qPrintable(QString::number(failure.retryAfterSeconds)));
        QCOMPARE(RoomSession::phaseName(failure.phase), QStringLiteral("Reservation"));

        // The seat comes free; the retry the UI offers then succeeds.
        QCOMPARE(m_api
                     ->request("DELETE",
                               QStringLiteral("/api/v1/entries/")
                                   + held.json.value(u"ticket").toString(),
                               {}, holder.api->token().toLatin1())
                     .status,
                 204);
        session.retryNow();
        QCOMPARE(session.state(), State::Reserving);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Joined, 10000);
        QCOMPARE(session.failure().code, ErrorCode::Ok);
    }

    void ticketExpiredBeforeClaim()
    {
        TestServer shortTtl({QStringLiteral("--ticket-ttl"), QStringLiteral("1"),
                             QStringLiteral("--sweep-interval"), QStringLiteral("100")});
        QVERIFY2(shortTtl.start(), qPrintable(shortTtl.output()));
        const User user = freshUser(shortTtl);
        TestApi api(shortTtl.httpPort());
        const QByteArray observer = api.userToken(QStringLiteral("observer"));
        const QString name = freshRoom();
        RoomSession session(user.api.get(), name);
        session.setEntryOptions({true, 4});
        HeldClaim claim(session);
        QSignalSpy finished(user.api.get(), &ApiClient::callFinished);
        QSignalSpy failed(&session, &RoomSession::failed);
        QSignalSpy countdown(&session, &RoomSession::reconnectingIn);
        session.enter();
        QTRY_VERIFY_WITH_TIMEOUT(claim.isHeld(), 10000);
        QCOMPARE(session.state(), State::Connecting);
        // The ticket lives 1 s: once it has expired, the sweeper deletes the room it
        // created (I3). Only then does the claim go out.
        QTRY_VERIFY_WITH_TIMEOUT(!api.request("GET", QStringLiteral("/api/v1/rooms"), {}, observer)
                                      .body.contains(name.toUtf8()),
                                 15000);
        claim.release();
        QVERIFY(failed.wait(15000));
        const RoomSession::Failure failure = session.failure();
        QCOMPARE(failure.phase, Phase::Connection);
        QCOMPARE(failure.code, ErrorCode::TicketExpired);
        QCOMPARE(failure.closeCode, 4408);
        QVERIFY(failure.retryable);
        QVERIFY(failure.retryHelps);
        QCOMPARE(countdown.size(), 0); // a first entry is not retried behind the user's back
        QCOMPARE(calls(finished, ApiClient::Call::Cancel, 204)
                     + calls(finished, ApiClient::Call::Cancel, 404),
                 0); // a judged ticket is used up: nothing to give back
        QCOMPARE(shortTtl.terminate(), 0);
    }

    void unreachableGatewayGivesTheSeatBack()
    {
        // Tickets that point where nothing listens (a misconfigured --public-ws-url).
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 closedPort = probe.serverPort();
        probe.close();
        TestServer server({QStringLiteral("--public-ws-url"),
                           QStringLiteral("ws://127.0.0.1:%1/ws").arg(closedPort)});
        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi api(server.httpPort());
        const QByteArray observer = api.userToken(QStringLiteral("observer"));
        const User holder = freshUser(server);
        const QString name = freshRoom();
        QCOMPARE(api.reserve(holder.api->token().toLatin1(), name, true, 4).status, 201);

        const User user = freshUser(server);
        QSignalSpy finished(user.api.get(), &ApiClient::callFinished);
        RoomSession session(user.api.get(), name);
        QSignalSpy failed(&session, &RoomSession::failed);
        session.enter();
        QVERIFY(failed.wait(10000));
        QCOMPARE(session.failure().phase, Phase::Connection);
        QCOMPARE(session.failure().code, ErrorCode::Unavailable);
        QCOMPARE(session.failure().closeCode, 1006);
        QCOMPARE(session.failure().local, LocalError::ConnectionRefused);
        QVERIFY(session.failure().sentence().contains(
            QStringLiteral("ws://127.0.0.1:%1/ws").arg(closedPort)));
        QVERIFY(session.failure().retryHelps);
        QVERIFY(!session.failure().detail.isEmpty());
        // The seat it will not claim is given back at once, not after the TTL.
        QTRY_COMPARE_WITH_TIMEOUT(calls(finished, ApiClient::Call::Cancel, 204), 1, 10000);
        const HttpReply list = api.request("GET", QStringLiteral("/api/v1/rooms"), {}, observer);
        QCOMPARE(list.json.value(u"rooms").toArray().at(0).toObject().value(u"reserved").toInt(),
                 1);
        QCOMPARE(server.terminate(), 0);
    }

    void claimRefusedAfterTheRoomChanged_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<int>("closeCode");
        QTest::newRow("closed") << QStringLiteral(
            "UPDATE rooms SET state = 'closed' WHERE name = ?")
                                << ErrorCode::RoomClosed << 4410;
        QTest::newRow("deleted") << QStringLiteral("DELETE FROM rooms WHERE name = ?")
                                 << ErrorCode::RoomNotFound << 4404;
        QTest::newRow("banned") << QStringLiteral(
            "INSERT INTO bans (room_id, user_id, created_at) "
            "SELECT r.id, v.user_id, 0 FROM rooms r JOIN "
            "reservations v ON v.room_id = r.id WHERE r.name = ?")
                                << ErrorCode::Kicked << 4403;
    }
    void claimRefusedAfterTheRoomChanged()
    {
        QFETCH(QString, sql);
        QFETCH(ErrorCode, code);
        QFETCH(int, closeCode);
        const User user = freshUser();
        const QString name = freshRoom();
        RoomSession session(user.api.get(), name);
        session.setEntryOptions({true, 4});
        HeldClaim claim(session);
        QSignalSpy failed(&session, &RoomSession::failed);
        QSignalSpy countdown(&session, &RoomSession::reconnectingIn);
        session.enter();
        QTRY_VERIFY_WITH_TIMEOUT(claim.isHeld(), 10000);
        QCOMPARE(session.state(), State::Connecting);
        execSql(sql, {name});
        if (QTest::currentTestFailed())
            return;
        claim.release();
        QVERIFY(failed.wait(15000));
        const RoomSession::Failure failure = session.failure();
        QCOMPARE(failure.phase, Phase::Connection);
        QCOMPARE(failure.code, code);
        QCOMPARE(failure.closeCode, closeCode);
        QVERIFY(!failure.retryHelps);
        QCOMPARE(RoomSession::phaseName(failure.phase), QStringLiteral("Connection"));
        // No retry is scheduled for an admin's decision or a vanished room.
        QCOMPARE(session.state(), State::Failed);
        QVERIFY(!session.isReconnecting());
        QCOMPARE(session.reconnectSecondsLeft(), 0);
        QCOMPARE(countdown.size(), 0);
    }

    void adminActionsEndTheSessionForGood_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path"); // %1: room, %2: user
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<int>("closeCode");
        QTest::addColumn<ErrorCode>("again"); // entering again (create=true); Ok: joins
        QTest::newRow("kick") << QByteArray("DELETE")
                              << QStringLiteral("/api/v1/admin/rooms/%1/members/%2") << QByteArray()
                              << ErrorCode::Kicked << 4403 << ErrorCode::Ok;
        QTest::newRow("ban") << QByteArray("PUT")
                             << QStringLiteral("/api/v1/admin/rooms/%1/bans/%2") << QByteArray()
                             << ErrorCode::Kicked << 4403 << ErrorCode::Forbidden;
        QTest::newRow("close the room")
            << QByteArray("PATCH") << QStringLiteral("/api/v1/admin/rooms/%1")
            << QByteArray(R"({"state":"closed"})") << ErrorCode::RoomClosed << 4410
            << ErrorCode::Forbidden;
        QTest::newRow("delete the room")
            << QByteArray("DELETE") << QStringLiteral("/api/v1/admin/rooms/%1") << QByteArray()
            << ErrorCode::RoomNotFound << 4404 << ErrorCode::Ok;
    }
    void adminActionsEndTheSessionForGood()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(ErrorCode, code);
        QFETCH(int, closeCode);
        QFETCH(ErrorCode, again);
        const User user = freshUser();
        const QString name = freshRoom();
        std::unique_ptr<RoomSession> session;
        joinSession(user, name, session);
        if (QTest::currentTestFailed())
            return;
        session->reconnectPolicy().setBaseDelay(50);
        QSignalSpy failed(session.get(), &RoomSession::failed);
        QSignalSpy lost(session.get(), &RoomSession::connectionLost);
        QSignalSpy countdown(session.get(), &RoomSession::reconnectingIn);
        QSignalSpy finished(user.api.get(), &ApiClient::callFinished);

        const QString target = QString(path)
                                   .replace(QStringLiteral("%1"), TestApi::pathSegment(name))
                                   .replace(QStringLiteral("%2"), TestApi::pathSegment(user.name));
        // The session hears of it while this synchronous request still runs.
        const HttpReply done = m_api->request(method, target, body, m_admin);
        QVERIFY2(done.status == 204 || done.status == 200, done.body.constData());
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        const RoomSession::Failure failure = session->failure();
        QCOMPARE(failure.phase, Phase::Connection);
        QCOMPARE(failure.code, code);
        QCOMPARE(failure.closeCode, closeCode);
        QVERIFY(!failure.retryHelps);
        QVERIFY(failure.whileJoined);
        // No automatic rejoin: no countdown, no new reservation.
        QCOMPARE(lost.size(), 0);
        QCOMPARE(countdown.size(), 0);
        QVERIFY(!session->isReconnecting());
        QCOMPARE(calls(finished, ApiClient::Call::Reserve, 201), 0);
        QCOMPARE(room(name).value(u"occupants").toInt(), 0);

        // The user may try again: a kick is not a ban, a deleted room is made anew.
        session->enter();
        if (again == ErrorCode::Ok) {
            QTRY_COMPARE_WITH_TIMEOUT(session->state(), State::Joined, 10000);
        } else {
            QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 2, 10000);
            QCOMPARE(session->failure().phase, Phase::Reservation);
            QCOMPARE(session->failure().code, again);
            QCOMPARE(session->failure().httpStatus, 403);
            QVERIFY(!session->failure().whileJoined); // refused on the way in this time
        }
    }

    void claimAfterAnAdminAction_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<int>("closeCode");
        QTest::newRow("reservation revoked") << "revoke" << ErrorCode::TicketInvalid << 4401;
        QTest::newRow("room closed") << "close" << ErrorCode::RoomClosed << 4410;
        QTest::newRow("user banned") << "ban" << ErrorCode::Kicked << 4403;
    }
    void claimAfterAnAdminAction()
    {
        QFETCH(QString, action);
        QFETCH(ErrorCode, code);
        QFETCH(int, closeCode);
        const User holder = freshUser();
        const QString name = freshRoom();
        std::unique_ptr<RoomSession> present;
        joinSession(holder, name, present);
        if (QTest::currentTestFailed())
            return;
        const User user = freshUser();
        RoomSession session(user.api.get(), name);
        HeldClaim claim(session); // the admin acts in between
        QSignalSpy failed(&session, &RoomSession::failed);
        session.enter();
        QTRY_VERIFY_WITH_TIMEOUT(claim.isHeld(), 10000);
        QCOMPARE(session.state(), State::Connecting);

        const QString room = TestApi::pathSegment(name);
        if (action == u"revoke") {
            const HttpReply list = m_api->request(
                "GET", QStringLiteral("/api/v1/admin/reservations?room=") + room, {}, m_admin);
            const QJsonArray reservations = list.json.value(u"reservations").toArray();
            QCOMPARE(reservations.size(), 1);
            QCOMPARE(reservations.at(0).toObject().value(u"user").toString(), user.name);
            const QString id = reservations.at(0).toObject().value(u"id").toString();
            QCOMPARE(m_api
                         ->request("DELETE", QStringLiteral("/api/v1/admin/reservations/") + id, {},
                                   m_admin)
                         .status,
                     204);
        } else if (action == u"close") {
            QCOMPARE(m_api
                         ->request("PATCH", QStringLiteral("/api/v1/admin/rooms/") + room,
                                   R"({"state":"closed"})", m_admin)
                         .status,
                     200);
        } else {
            QCOMPARE(m_api
                         ->request("PUT",
                                   QStringLiteral("/api/v1/admin/rooms/%1/bans/%2")
                                       .arg(room, TestApi::pathSegment(user.name)),
                                   {}, m_admin)
                         .status,
                     204);
        }
        // The claim itself is what tells the user why.
        QCOMPARE(failed.size(), 0);
        claim.release();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 15000);
        QCOMPARE(session.failure().phase, Phase::Connection);
        QCOMPARE(session.failure().code, code);
        QCOMPARE(session.failure().closeCode, closeCode);
        QVERIFY(!session.failure().whileJoined); // the claim, before the joined frame
    }

    void leavingBeforeTheClaimCancels_data()
    {
        QTest::addColumn<State>("at");
        QTest::addColumn<bool>("destroy");
        QTest::newRow("leave while reserving") << State::Reserving << false;
        QTest::newRow("leave while connecting") << State::Connecting << false;
        QTest::newRow("destroyed while reserving") << State::Reserving << true;
        QTest::newRow("destroyed while connecting") << State::Connecting << true;
    }
    void leavingBeforeTheClaimCancels()
    {
        QFETCH(State, at);
        QFETCH(bool, destroy);
        const User holder = freshUser();
        const QString name = freshRoom();
        std::unique_ptr<RoomSession> present;
        joinSession(holder, name, present);
        if (QTest::currentTestFailed())
            return; // the member keeps the room open and listed
        const User user = freshUser();
        QSignalSpy finished(user.api.get(), &ApiClient::callFinished);
        auto session = std::make_unique<RoomSession>(user.api.get(), name);
        // Never claims in this test: the gate stays shut.
        session->setClaimGate([](std::function<void()>) {});
        session->enter();
        if (at == State::Connecting) {
            QTRY_COMPARE_WITH_TIMEOUT(session->state(), State::Connecting, 10000);
            QCOMPARE(room(name).value(u"reserved").toInt(), 1);
        }
        QCOMPARE(session->state(), at);
        if (destroy) {
            session.reset();
        } else {
            session->leave();
            QCOMPARE(session->state(), State::Idle);
        }
        // The reservation is made (or was), then given back with DELETE.
        QTRY_COMPARE_WITH_TIMEOUT(calls(finished, ApiClient::Call::Cancel, 204), 1, 10000);
        QCOMPARE(calls(finished, ApiClient::Call::Reserve, 201), 1);
        const QJsonObject after = room(name);
        QCOMPARE(after.value(u"reserved").toInt(), 0);
        QCOMPARE(after.value(u"occupants").toInt(), 1);
        if (session)
            QCOMPARE(session->state(), State::Idle);
    }

    void enterAgainWhileTheReserveIsInFlight()
    {
        const User user = freshUser();
        const QString name = freshRoom();
        QSignalSpy finished(user.api.get(), &ApiClient::callFinished);
        RoomSession session(user.api.get(), name);
        session.setEntryOptions({true, 4});
        session.enter();
        session.leave();
        QCOMPARE(session.state(), State::Idle);
        session.enter(); // the answer to the first reserve serves this entry
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Joined, 10000);
        QCOMPARE(calls(finished, ApiClient::Call::Reserve, 201), 1);
        QCOMPARE(calls(finished, ApiClient::Call::Cancel, 204), 0);
        QCOMPARE(finished.size(), 1);
    }

    void enterWhileLeavingEntersOnceLeft()
    {
        const User user = freshUser();
        const QString name = freshRoom();
        std::unique_ptr<RoomSession> session;
        joinSession(user, name, session);
        if (QTest::currentTestFailed())
            return;
        QSignalSpy changes(session.get(), &RoomSession::stateChanged);
        session->leave();
        QCOMPARE(session->state(), State::Leaving);
        session->enter();
        QCOMPARE(session->state(), State::Leaving); // the goodbye goes first
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), State::Joined, 10000);
        QCOMPARE(states(changes),
                 (QList<State>{State::Leaving, State::Idle, State::Reserving, State::Connecting,
                               State::Joined}));
        QCOMPARE(room(name).value(u"occupants").toInt(), 1);

        // leave() again while Leaving calls the waiting entry off.
        QSignalSpy finished(user.api.get(), &ApiClient::callFinished);
        session->leave();
        session->enter();
        session->leave();
        QCOMPARE(session->state(), State::Leaving);
        // The entry would start as the Idle arrives, so Idle here is for good.
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), State::Idle, 10000);
        QCOMPARE(calls(finished, ApiClient::Call::Reserve, 201), 0);
        QCOMPARE(room(name).value(u"occupants").toInt(), 0);
    }

    void destroyedWhileJoinedFreesTheSeat()
    {
        const User user = freshUser();
        const QString name = freshRoom();
        std::unique_ptr<RoomSession> session;
        joinSession(user, name, session);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(room(name).value(u"occupants").toInt(), 1);
        session.reset();
        QTRY_COMPARE_WITH_TIMEOUT(room(name).value(u"occupants").toInt(), 0, 10000);
    }

    void reconnectAfterServerRestart_data()
    {
        QTest::addColumn<bool>("graceful");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("SIGTERM: 1001 SERVER_SHUTDOWN") << true << ErrorCode::ServerShutdown;
        QTest::newRow("SIGKILL: no close frame") << false << ErrorCode::Unavailable;
    }
    void reconnectAfterServerRestart()
    {
        QFETCH(bool, graceful);
        QFETCH(ErrorCode, code);
        TestServer server({QStringLiteral("--sweep-interval"), QStringLiteral("100")});
        QVERIFY2(server.start(), qPrintable(server.output()));
        // Later flags win: the restarted server listens where the client already points.
        server.extraArgs() << QStringLiteral("--http-port") << QString::number(server.httpPort())
                           << QStringLiteral("--ws-port") << QString::number(server.wsPort());
        const User user = freshUser(server);
        QSignalSpy finished(user.api.get(), &ApiClient::callFinished);
        RoomSession session(user.api.get(), freshRoom());
        session.setEntryOptions({true, 4});
        session.reconnectPolicy().setBaseDelay(200);
        session.reconnectPolicy().setMaxDelay(800);
        session.reconnectPolicy().setJitter(ReconnectPolicy::Jitter::None);
        session.reconnectPolicy().setMaxAttempts(0);
        session.enter();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Joined, 10000);
        QSignalSpy received(&session, &RoomSession::messageReceived);
        session.sendMessage(QStringLiteral("before the restart"));
        QVERIFY(received.wait(10000));
        const ChatMessage said = received.at(0).at(0).value<ChatMessage>();

        QSignalSpy lost(&session, &RoomSession::connectionLost);
        QSignalSpy countdown(&session, &RoomSession::reconnectingIn);
        QSignalSpy joined(&session, &RoomSession::joined);
        QSignalSpy failed(&session, &RoomSession::failed);
        if (graceful)
            QCOMPARE(server.terminate(), 0);
        else
            server.kill();
        QVERIFY(lost.wait(10000));
        QCOMPARE(lost.at(0).at(0).value<RoomSession::Failure>().code, code);
        QVERIFY(session.isReconnecting());
        QVERIFY(session.isEntering());
        QVERIFY(!countdown.isEmpty());
        QVERIFY(countdown.at(0).at(0).toInt() >= 1); // "Reconnecting in 1 s…"

        // While the server is away the attempts fail (UNAVAILABLE) and back off.
        QTRY_VERIFY_WITH_TIMEOUT(session.reconnectPolicy().attempts() >= 3, 15000);
        QVERIFY(session.isReconnecting());
        QCOMPARE(failed.size(), 0);
        const int reservesBefore = calls(finished, ApiClient::Call::Reserve, 201);

        QVERIFY2(server.start(), qPrintable(server.output()));
        QTRY_COMPARE_WITH_TIMEOUT(joined.size(), 1, 20000);
        QCOMPARE(session.state(), State::Joined);
        QVERIFY(!session.isReconnecting());
        QCOMPARE(session.reconnectSecondsLeft(), 0);
        QCOMPARE(session.members(), QStringList{user.name});
        // A new reservation, and the history kept the message (I6) without repeating it.
        QCOMPARE(calls(finished, ApiClient::Call::Reserve, 201), reservesBefore + 1);
        QCOMPARE(session.history().size(), 1);
        QCOMPARE(session.history().at(0).id, said.id);
        QCOMPARE(received.size(), 1);
        QCOMPARE(failed.size(), 0);

        // And the chat goes on.
        session.sendMessage(QStringLiteral("after the restart"));
        QVERIFY(received.wait(10000));
        session.leave();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Idle, 10000);
        QCOMPARE(server.terminate(), 0);
    }

    void keepAliveNoticesAFrozenServer()
    {
        TestServer server({QStringLiteral("--sweep-interval"), QStringLiteral("100")});
        QVERIFY2(server.start(), qPrintable(server.output()));
        const User user = freshUser(server);
        user.api->setTransferTimeout(1000);
        RoomSession session(user.api.get(), freshRoom());
        session.setEntryOptions({true, 4});
        session.setKeepAliveInterval(300);
        session.reconnectPolicy().setBaseDelay(200);
        session.reconnectPolicy().setMaxDelay(800);
        session.reconnectPolicy().setJitter(ReconnectPolicy::Jitter::None);
        session.reconnectPolicy().setMaxAttempts(0);
        session.enter();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Joined, 10000);
        QSignalSpy lost(&session, &RoomSession::connectionLost);
        QSignalSpy joined(&session, &RoomSession::joined);

        // A server that stops answering (frozen, or a dead route): TCP stays up, pings
        // go unanswered, and only the client's keep-alive notices.
        const auto pid = static_cast<pid_t>(server.process().processId());
        ::kill(pid, SIGSTOP);
        auto resume = qScopeGuard([pid] { ::kill(pid, SIGCONT); });
        QVERIFY(lost.wait(10000));
        QCOMPARE(lost.at(0).at(0).value<RoomSession::Failure>().code, ErrorCode::Unavailable);
        QCOMPARE(lost.at(0).at(0).value<RoomSession::Failure>().local, LocalError::TimedOut);
        // Reserves time out while it is frozen, and are tried again.
        QTRY_VERIFY_WITH_TIMEOUT(session.reconnectPolicy().attempts() >= 2, 15000);
        QCOMPARE(joined.size(), 0);

        resume.dismiss();
        ::kill(pid, SIGCONT);
        // Its old membership may still be there for a moment: ALREADY_IN_ROOM is retried.
        QTRY_COMPARE_WITH_TIMEOUT(joined.size(), 1, 20000);
        QCOMPARE(session.state(), State::Joined);
        QCOMPARE(session.members(), QStringList{user.name});
        QCOMPARE(server.terminate(), 0);
    }

    void leaveStopsAWaitingReconnect()
    {
        TestServer server({QStringLiteral("--sweep-interval"), QStringLiteral("100")});
        QVERIFY2(server.start(), qPrintable(server.output()));
        const User user = freshUser(server);
        RoomSession session(user.api.get(), freshRoom());
        session.setEntryOptions({true, 4});
        session.reconnectPolicy().setBaseDelay(60'000);
        session.reconnectPolicy().setMaxDelay(60'000);
        session.enter();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Joined, 10000);
        QSignalSpy lost(&session, &RoomSession::connectionLost);
        QCOMPARE(server.terminate(), 0);
        QVERIFY(lost.wait(10000));
        QVERIFY(session.reconnectSecondsLeft() >= 47); // 60 s −20 %, rounded up
        session.leave();
        QCOMPARE(session.state(), State::Idle);
        QVERIFY(!session.isReconnecting());
        QCOMPARE(session.reconnectSecondsLeft(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRoomSession)
#include "tst_roomsession.moc"
