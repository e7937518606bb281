// SPDX-License-Identifier: MIT
#include "client/core/roomsession.h"
#include "tests/clientcore/cannedhttpserver.h"
#include "tests/clientcore/fakegateway.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace roomgate;
using namespace roomgate::client;
using namespace roomgate::test;

using State = RoomSession::State;
using Phase = RoomSession::Phase;

/**
 * RoomSession against stand-ins for the server: a canned HTTP answer for the reserve and
 * a FakeGateway for the claim, for what a real server sends only on rare conditions
 * (close codes of failures and floods, a slow consumer, a server that is not there), and
 * for the reconnect policy's edges. (The real server: tst_roomsession.)
 */
class TestRoomSessionFaults : public QObject
{
    Q_OBJECT

    /** A port on loopback where nothing listens. */
    static quint16 closedPort()
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return 0;
        return probe.serverPort(); // closed as it goes out of scope
    }

    /** A session of the fake room through @p http, joined; fails the test otherwise. */
    static void joinFake(ApiClient &api, std::unique_ptr<RoomSession> &session)
    {
        session = std::make_unique<RoomSession>(&api, QStringLiteral("fake"));
        session->reconnectPolicy().setBaseDelay(50);
        session->reconnectPolicy().setJitter(ReconnectPolicy::Jitter::None);
        session->enter();
        QVERIFY2(QTest::qWaitFor([&session] { return session->isJoined(); }, 10000),
                 qPrintable(wireName(session->failure().code)));
    }

private Q_SLOTS:
    void droppedWhileJoined_data()
    {
        QTest::addColumn<QString>("frame"); // the error frame's code; empty: none
        QTest::addColumn<int>("closeCode"); // 0: the connection just drops
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<bool>("reconnects");
        // An admin's decision (through the real admin API: adminActionsEndTheSessionForGood)
        // or a refusal the client must act on: no automatic rejoin.
        QTest::newRow("KICKED 4403") << "KICKED" << 4403 << ErrorCode::Kicked << false;
        QTest::newRow("ROOM_CLOSED 4410")
            << "ROOM_CLOSED" << 4410 << ErrorCode::RoomClosed << false;
        QTest::newRow("ROOM_NOT_FOUND 4404")
            << "ROOM_NOT_FOUND" << 4404 << ErrorCode::RoomNotFound << false;
        QTest::newRow("4403 without a frame") << "" << 4403 << ErrorCode::Kicked << false;
        QTest::newRow("1009 frame too big") << "" << 1009 << ErrorCode::MessageTooLarge << false;
        QTest::newRow("BAD_REQUEST 4400")
            << "BAD_REQUEST" << 4400 << ErrorCode::BadRequest << false;
        // Drops a new reservation heals, after backoff.
        QTest::newRow("SERVER_SHUTDOWN 1001")
            << "SERVER_SHUTDOWN" << 1001 << ErrorCode::ServerShutdown << true;
        QTest::newRow("IDLE_TIMEOUT 4000")
            << "IDLE_TIMEOUT" << 4000 << ErrorCode::IdleTimeout << true;
        QTest::newRow("INTERNAL 1011") << "INTERNAL" << 1011 << ErrorCode::Internal << true;
        QTest::newRow("UNAVAILABLE 1011")
            << "UNAVAILABLE" << 1011 << ErrorCode::Unavailable << true;
        QTest::newRow("1011 without a frame") << "" << 1011 << ErrorCode::Internal << true;
        QTest::newRow("RATE_LIMITED 4429")
            << "RATE_LIMITED" << 4429 << ErrorCode::RateLimited << true;
        QTest::newRow("SLOW_CONSUMER 4509")
            << "SLOW_CONSUMER" << 4509 << ErrorCode::SlowConsumer << true;
        QTest::newRow("4509 without a frame") << "" << 4509 << ErrorCode::SlowConsumer << true;
        QTest::newRow("network loss (1006)") << "" << 0 << ErrorCode::Unavailable << true;
    }
    void droppedWhileJoined()
    {
        QFETCH(QString, frame);
        QFETCH(int, closeCode);
        QFETCH(ErrorCode, code);
        QFETCH(bool, reconnects);
        FakeGateway gateway;
        CannedHttpServer http(CannedHttpServer::jsonResponse(201, gateway.reservationJson()));
        ApiClient api(http.url());
        api.setToken(QStringLiteral("token"));
        RoomSession session(&api, QStringLiteral("fake"));
        session.reconnectPolicy().setBaseDelay(100);
        session.reconnectPolicy().setJitter(ReconnectPolicy::Jitter::None);
        QSignalSpy joined(&session, &RoomSession::joined);
        QSignalSpy lost(&session, &RoomSession::connectionLost);
        QSignalSpy countdown(&session, &RoomSession::reconnectingIn);
        QSignalSpy failed(&session, &RoomSession::failed);
        session.enter();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Joined, 10000);
        QCOMPARE(session.you(), QStringLiteral("me"));

        if (closeCode == 0)
            gateway.drop();
        else
            gateway.end(frame, closeCode);

        if (reconnects) {
            QVERIFY(lost.wait(10000));
            const auto why = lost.at(0).at(0).value<RoomSession::Failure>();
            QCOMPARE(why.code, code);
            QCOMPARE(why.closeCode, closeCode == 0 ? 1006 : closeCode);
            // A drop without a close frame is this side's finding, not the server's word.
            QCOMPARE(why.local, closeCode == 0 ? LocalError::ConnectionLost : LocalError::None);
            QVERIFY(why.sentence() != errorSentence(ErrorCode::Unavailable) || closeCode != 0);
            QVERIFY(!countdown.isEmpty());
            QCOMPARE(countdown.at(0).at(0).toInt(), 1);
            QTRY_COMPARE_WITH_TIMEOUT(joined.size(), 2, 10000);
            QCOMPARE(session.state(), State::Joined);
            QCOMPARE(http.requestCount(), 2); // a new reservation
            QCOMPARE(gateway.connectionCount(), 2);
            QCOMPARE(failed.size(), 0);
        } else {
            QVERIFY(failed.wait(10000));
            const RoomSession::Failure failure = session.failure();
            QCOMPARE(failure.phase, Phase::Connection);
            QCOMPARE(failure.code, code);
            QCOMPARE(failure.closeCode, closeCode);
            QVERIFY(!failure.retryHelps);
            QVERIFY(failure.whileJoined);
            QCOMPARE(session.state(), State::Failed);
            QVERIFY(!session.isReconnecting());
            QCOMPARE(lost.size(), 0);
            QCOMPARE(countdown.size(), 0);
            QCOMPARE(http.requestCount(), 1);
        }
    }

    void alreadyInRoomOnlyRetriedAfterADrop()
    {
        FakeGateway gateway;
        const QByteArray alreadyIn = CannedHttpServer::jsonResponse(
            409, R"({"code":"ALREADY_IN_ROOM","status":409,"retryable":false})");
        const QByteArray seat = CannedHttpServer::jsonResponse(201, gateway.reservationJson());
        CannedHttpServer http(alreadyIn);
        ApiClient api(http.url());
        api.setToken(QStringLiteral("token"));
        RoomSession session(&api, QStringLiteral("fake"));
        session.reconnectPolicy().setBaseDelay(50);
        QSignalSpy joined(&session, &RoomSession::joined);
        QSignalSpy failed(&session, &RoomSession::failed);

        // A first entry: really in the room elsewhere; retrying would not help.
        session.enter();
        QVERIFY(failed.wait(10000));
        QCOMPARE(session.failure().code, ErrorCode::AlreadyInRoom);
        QVERIFY(!session.failure().retryHelps);
        QVERIFY(!session.failure().whileJoined);

        http.setResponse(seat);
        session.retryNow();
        QTRY_COMPARE_WITH_TIMEOUT(joined.size(), 1, 10000);
        // After a drop it is most likely our own membership, until the server notices.
        http.setResponses({alreadyIn, alreadyIn, seat});
        const int before = http.requestCount();
        gateway.drop();
        QTRY_COMPARE_WITH_TIMEOUT(joined.size(), 2, 10000);
        QCOMPARE(http.requestCount(), before + 3);
        QCOMPARE(failed.size(), 1);
    }

    void reconnectGivesUpAfterMaxAttempts()
    {
        FakeGateway gateway;
        CannedHttpServer http(CannedHttpServer::jsonResponse(201, gateway.reservationJson()));
        ApiClient api(http.url());
        api.setToken(QStringLiteral("token"));
        RoomSession session(&api, QStringLiteral("fake"));
        session.reconnectPolicy().setBaseDelay(50);
        session.reconnectPolicy().setMaxAttempts(3);
        QSignalSpy failed(&session, &RoomSession::failed);
        session.enter();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Joined, 10000);
        // The server goes on answering reserves, but its storage is gone.
        http.setResponse(
            CannedHttpServer::jsonResponse(503, R"({"code":"UNAVAILABLE","retryAfterSeconds":1})"));
        gateway.end(QStringLiteral("SERVER_SHUTDOWN"), 1001);
        QVERIFY(failed.wait(15000));
        QCOMPARE(session.failure().phase, Phase::Reservation);
        QCOMPARE(session.failure().code, ErrorCode::Unavailable);
        QCOMPARE(session.failure().httpStatus, 503);
        QVERIFY(session.failure().retryHelps); // the UI may offer "Try again"
        QVERIFY(session.failure().whileJoined); // the way back in gave up
        QCOMPARE(session.reconnectPolicy().attempts(), 3);
        QCOMPARE(http.requestCount(), 1 + 3);
        // retryNow() from Failed starts over.
        http.setResponse(CannedHttpServer::jsonResponse(201, gateway.reservationJson()));
        session.retryNow();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Joined, 10000);
        // A new entry that fails is no longer one of a joined session.
        http.setResponse(CannedHttpServer::jsonResponse(404, R"({"code":"ROOM_NOT_FOUND"})"));
        session.leave();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Idle, 10000);
        session.enter();
        QVERIFY(failed.wait(10000));
        QCOMPARE(session.failure().code, ErrorCode::RoomNotFound);
        QVERIFY(!session.failure().whileJoined);
    }

    void roomGoneDuringAReconnect()
    {
        // The server restarts without the room: the reconnect's reserve is refused for
        // good, and the failure belongs to the chat that was going on.
        FakeGateway gateway;
        CannedHttpServer http(CannedHttpServer::jsonResponse(201, gateway.reservationJson()));
        ApiClient api(http.url());
        api.setToken(QStringLiteral("token"));
        RoomSession session(&api, QStringLiteral("fake"));
        session.reconnectPolicy().setBaseDelay(50);
        QSignalSpy failed(&session, &RoomSession::failed);
        QSignalSpy lost(&session, &RoomSession::connectionLost);
        session.enter();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Joined, 10000);
        http.setResponse(CannedHttpServer::jsonResponse(404, R"({"code":"ROOM_NOT_FOUND"})"));
        gateway.end(QStringLiteral("SERVER_SHUTDOWN"), 1001);
        QVERIFY(failed.wait(10000));
        QCOMPARE(lost.size(), 1);
        const RoomSession::Failure failure = failed.at(0).at(0).value<RoomSession::Failure>();
        QCOMPARE(failure.phase, Phase::Reservation);
        QCOMPARE(failure.code, ErrorCode::RoomNotFound);
        QCOMPARE(failure.httpStatus, 404);
        QVERIFY(!failure.retryHelps);
        QVERIFY(failure.whileJoined);
        QCOMPARE(http.requestCount(), 2);
    }

    void slowConsumerFillsTheGapOnce()
    {
        FakeGateway gateway;
        gateway.setHistory({FakeGateway::message(1), FakeGateway::message(2)});
        CannedHttpServer http(CannedHttpServer::jsonResponse(201, gateway.reservationJson()));
        ApiClient api(http.url());
        api.setToken(QStringLiteral("token"));
        std::unique_ptr<RoomSession> session;
        joinFake(api, session);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(session->history().size(), 2);
        QSignalSpy received(session.get(), &RoomSession::messageReceived);
        QSignalSpy lost(session.get(), &RoomSession::connectionLost);
        QSignalSpy joined(session.get(), &RoomSession::joined);
        QSignalSpy failed(session.get(), &RoomSession::failed);
        gateway.send(FakeGateway::message(3));
        QVERIFY(received.wait(10000));
        gateway.send(FakeGateway::message(3)); // a repeat is shown once
        gateway.send(FakeGateway::message(4));
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, 10000);

        // The server drops the reader that fell behind; 5 and 6 were said meanwhile. The
        // new joined frame's history overlaps what was shown: only the gap is new.
        gateway.setHistory({FakeGateway::message(2), FakeGateway::message(3),
                            FakeGateway::message(4), FakeGateway::message(5),
                            FakeGateway::message(6)});
        gateway.end(QStringLiteral("SLOW_CONSUMER"), 4509);
        QVERIFY(lost.wait(10000));
        const auto why = lost.at(0).at(0).value<RoomSession::Failure>();
        QCOMPARE(why.code, ErrorCode::SlowConsumer);
        QCOMPARE(why.closeCode, 4509);
        QVERIFY(why.retryHelps);
        QTRY_COMPARE_WITH_TIMEOUT(joined.size(), 1, 10000);
        QCOMPARE(http.requestCount(), 2); // a new reservation
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 4, 10000);
        QList<qint64> ids;
        for (const QList<QVariant> &args : std::as_const(received))
            ids.append(args.at(0).value<ChatMessage>().id);
        QCOMPARE(ids, (QList<qint64>{3, 4, 5, 6}));
        QCOMPARE(failed.size(), 0);
        QCOMPARE(session->state(), State::Joined);
    }

    void rateLimitedMessageIsOfferedBack()
    {
        FakeGateway gateway;
        CannedHttpServer http(CannedHttpServer::jsonResponse(201, gateway.reservationJson()));
        ApiClient api(http.url());
        api.setToken(QStringLiteral("token"));
        std::unique_ptr<RoomSession> session;
        joinFake(api, session);
        if (QTest::currentTestFailed())
            return;
        QSignalSpy refused(session.get(), &RoomSession::messageRefused);
        QSignalSpy received(session.get(), &RoomSession::messageReceived);
        const QString first = session->sendMessage(QStringLiteral("first"));
        QVERIFY(received.wait(10000));
        QCOMPARE(received.at(0).at(0).value<ChatMessage>().clientId, first);
        QVERIFY(session->isOwn(received.at(0).at(0).value<ChatMessage>()));

        Problem limited(ErrorCode::RateLimited, QStringLiteral("slow down"));
        limited.retryAfterSeconds = 3;
        gateway.refuseMessages(limited);
        const QString second = session->sendMessage(QStringLiteral("second"));
        const QString third = session->sendMessage(QStringLiteral("third"));
        QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 2, 10000);
        const auto refusal = refused.at(0).at(0).value<RoomSession::MessageRefusal>();
        QCOMPARE(refusal.code, ErrorCode::RateLimited);
        QCOMPARE(refusal.retryAfterSeconds, 3);
        QCOMPARE(refusal.detail, QStringLiteral("slow down"));
        // Each refusal names its own message, in the order they were sent.
        QCOMPARE(refusal.clientId, second);
        QCOMPARE(refusal.text, QStringLiteral("second"));
        QCOMPARE(refused.at(1).at(0).value<RoomSession::MessageRefusal>().text,
                 QStringLiteral("third"));
        QCOMPARE(refused.at(1).at(0).value<RoomSession::MessageRefusal>().clientId, third);
        QCOMPARE(session->state(), State::Joined);

        gateway.refuseMessages(std::nullopt);
        session->sendMessage(QStringLiteral("second"));
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, 10000);
        QCOMPARE(received.at(1).at(0).value<ChatMessage>().text, QStringLiteral("second"));
    }

    void claimRefusalsCarryTheirWait_data()
    {
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<int>("closeCode");
        QTest::addColumn<int>("retryAfter");
        QTest::newRow("RATE_LIMITED 4429 (sockets per user)")
            << ErrorCode::RateLimited << 4429 << 7;
        QTest::newRow("TICKET_EXPIRED 4408") << ErrorCode::TicketExpired << 4408 << 0;
    }
    void claimRefusalsCarryTheirWait()
    {
        QFETCH(ErrorCode, code);
        QFETCH(int, closeCode);
        QFETCH(int, retryAfter);
        FakeGateway gateway;
        Problem refusal(code, QStringLiteral("fake"));
        refusal.retryAfterSeconds = retryAfter;
        gateway.refuseNextClaim(refusal, closeCode);
        CannedHttpServer http(CannedHttpServer::jsonResponse(201, gateway.reservationJson()));
        ApiClient api(http.url());
        api.setToken(QStringLiteral("token"));
        RoomSession session(&api, QStringLiteral("fake"));
        QSignalSpy failed(&session, &RoomSession::failed);
        session.enter();
        QVERIFY(failed.wait(10000));
        const RoomSession::Failure failure = session.failure();
        QCOMPARE(failure.phase, Phase::Connection);
        QCOMPARE(failure.code, code);
        QCOMPARE(failure.closeCode, closeCode);
        QCOMPARE(failure.retryAfterSeconds, retryAfter);
        QCOMPARE(failure.local, LocalError::None);
        QVERIFY(!failure.whileJoined);
        QCOMPARE(failure.sentence(), errorSentence(code));
    }

    void serverNotThere_data()
    {
        QTest::addColumn<bool>("gatewayOnly");
        QTest::newRow("HTTP port closed: reservation") << false;
        QTest::newRow("WebSocket port closed: connection") << true;
    }
    void serverNotThere()
    {
        QFETCH(bool, gatewayOnly);
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        // A reservation whose chat address points where nothing listens.
        const QByteArray reservation
            = QJsonDocument(
                  QJsonObject{{QStringLiteral("ticket"), QStringLiteral("t")},
                              {QStringLiteral("ttlSeconds"), 30},
                              {QStringLiteral("websocketUrl"),
                               QStringLiteral("ws://127.0.0.1:%1/ws?ticket=t").arg(port)},
                              {QStringLiteral("room"),
                               QJsonObject{{QStringLiteral("name"), QStringLiteral("fake")},
                                           {QStringLiteral("capacity"), 4}}}})
                  .toJson(QJsonDocument::Compact);
        CannedHttpServer http(CannedHttpServer::jsonResponse(201, reservation));
        ApiClient api(gatewayOnly ? http.url()
                                  : QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        api.setToken(QStringLiteral("token"));
        RoomSession session(&api, QStringLiteral("fake"));
        QSignalSpy failed(&session, &RoomSession::failed);
        session.enter();
        QVERIFY(failed.wait(10000));
        const RoomSession::Failure failure = session.failure();
        QCOMPARE(failure.phase, gatewayOnly ? Phase::Connection : Phase::Reservation);
        QCOMPARE(failure.code, ErrorCode::Unavailable); // retried like a server away
        QVERIFY(failure.retryHelps);
        QCOMPARE(failure.local, LocalError::ConnectionRefused);
        const QString address = gatewayOnly ? QStringLiteral("ws://127.0.0.1:%1/ws").arg(port)
                                            : QStringLiteral("http://127.0.0.1:%1").arg(port);
        QCOMPARE(failure.address, address);
        // Told as this side's finding, naming where the client tried to go; the ticket of
        // the address is never shown.
        QVERIFY2(failure.sentence().contains(address), qPrintable(failure.sentence()));
        QVERIFY(!failure.sentence().contains(u"ticket"));
        QVERIFY(failure.sentence() != errorSentence(ErrorCode::Unavailable));
    }
};

QTEST_GUILESS_MAIN(TestRoomSessionFaults)
#include "tst_roomsessionfaults.moc"
