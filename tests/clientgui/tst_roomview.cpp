// SPDX-License-Identifier: MIT
#include "client/core/seatwatcher.h"
#include "client/ui/elidedlabel.h"
#include "client/ui/failurebanner.h"
#include "client/ui/memberlistmodel.h"
#include "client/ui/messagedelegate.h"
#include "client/ui/messageedit.h"
#include "client/ui/messagelistmodel.h"
#include "client/ui/roomview.h"
#include "client/ui/uilanguage.h"
#include "shared/clock.h"
#include "tests/clientcore/cannedhttpserver.h"
#include "tests/clientcore/fakegateway.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace roomgate;
using namespace roomgate::client;
using namespace roomgate::client::ui;
using namespace roomgate::test;

using State = RoomSession::State;

namespace {

/** A room list with the fake room of capacity 2 and @p occupants members in it. */
QByteArray roomsAnswer(int occupants)
{
    const RoomInfo room{QStringLiteral("fake"), 2, occupants, 0, RoomState::Open};
    return CannedHttpServer::jsonResponse(
        200,
        QJsonDocument(QJsonObject{{QStringLiteral("rooms"), QJsonArray{room.toJson()}}})
            .toJson(QJsonDocument::Compact));
}

} // namespace

/**
 * One room's tab against a stand-in server (canned reserve answers, a fake gateway), for
 * what a real server sends only on rare conditions: a message refused for its rate, a
 * slow consumer dropped and back with the gap filled, a full room watched until a seat
 * frees, and a reconnect the user starts at once. Offscreen.
 */
class TestRoomView : public QObject
{
    Q_OBJECT

    UiLanguage m_language;

    /** A stand-in server and a session of its room, with the view over it. */
    struct Fixture
    {
        FakeGateway gateway;
        CannedHttpServer http{CannedHttpServer::jsonResponse(201, gateway.reservationJson())};
        ApiClient api{http.url()};
        ManualClock clock;
        RoomSession session{&api, QStringLiteral("fake")};
        RoomView view{&session, clock};

        Fixture()
        {
            api.setToken(QStringLiteral("token"));
            session.reconnectPolicy().setBaseDelay(50);
            session.reconnectPolicy().setJitter(ReconnectPolicy::Jitter::None);
            view.resize(900, 600);
            view.show();
        }
    };

    static void type(QWidget *widget, const QString &text) { QTest::keyClicks(widget, text); }

private Q_SLOTS:
    void initTestCase() { QCOMPARE(m_language.install(QStringLiteral("en")), u"en"); }

    void rateLimitedMessageWaitsInTheInput()
    {
        Fixture f;
        f.session.enter();
        QTRY_COMPARE_WITH_TIMEOUT(f.session.state(), State::Joined, 10000);
        Problem limited(ErrorCode::RateLimited);
        limited.retryAfterSeconds = 3;
        f.gateway.refuseMessages(limited);
        type(f.view.input(), QStringLiteral("one more"));
        QTest::keyClick(f.view.input(), Qt::Key_Return);
        QVERIFY(f.view.input()->toPlainText().isEmpty());
        // Refused for its rate: shown in the room with its countdown, the text back.
        FailureBanner *banner = f.view.banner();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 10000);
        QCOMPARE(banner->code(), ErrorCode::RateLimited);
        QCOMPARE(banner->title(), QStringLiteral("Your message was not sent"));
        QCOMPARE(banner->countdownText(), QStringLiteral("You can send again in 3 s."));
        QCOMPARE(f.view.input()->toPlainText(), QStringLiteral("one more"));
        QVERIFY(f.view.isSendingPaused());
        QVERIFY(!f.view.sendButton()->isEnabled());
        MessageListModel *messages = f.view.messages();
        QCOMPARE(messages->index(messages->rowCount() - 1).data(MessageListModel::TextRole),
                 QVariant(QStringLiteral("Your message was not sent: ")
                          + errorSentence(ErrorCode::RateLimited)));
        QCOMPARE(f.session.state(), State::Joined);

        // When the wait is over, the same text goes out with one key.
        f.gateway.refuseMessages(std::nullopt);
        f.clock.advance(3000);
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 5000);
        QVERIFY(f.view.sendButton()->isEnabled());
        QTest::keyClick(f.view.input(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(messages->messageCount(), 1, 10000);
        QCOMPARE(messages->index(messages->rowCount() - 1).data(MessageListModel::TextRole),
                 QVariant(QStringLiteral("one more")));
        QVERIFY(messages->index(messages->rowCount() - 1).data(MessageListModel::OwnRole).toBool());
    }

    void slowConsumerIsBackWithTheGap()
    {
        Fixture f;
        f.gateway.setHistory({FakeGateway::message(1), FakeGateway::message(2)});
        f.session.enter();
        QTRY_COMPARE_WITH_TIMEOUT(f.session.state(), State::Joined, 10000);
        MessageListModel *messages = f.view.messages();
        QCOMPARE(messages->messageCount(), 2);
        f.gateway.setHistory(
            {FakeGateway::message(1), FakeGateway::message(2), FakeGateway::message(3)});
        QSignalSpy joined(&f.session, &RoomSession::joined);
        f.gateway.end(QStringLiteral("SLOW_CONSUMER"), 4509);
        QVERIFY(joined.wait(10000));
        // Each message once; the drop and the return are told in the room.
        QCOMPARE(messages->messageCount(), 3);
        QStringList notices;
        for (int row = 0; row < messages->rowCount(); ++row) {
            const QModelIndex index = messages->index(row);
            if (index.data(MessageListModel::KindRole).toInt()
                != static_cast<int>(MessageListModel::Kind::Message))
                notices.append(index.data(MessageListModel::TextRole).toString());
        }
        QCOMPARE(notices,
                 (QStringList{QStringLiteral("Connection lost: ")
                                  + errorSentence(ErrorCode::SlowConsumer),
                              QStringLiteral("Connected again")}));
        QVERIFY(!f.view.banner()->isVisible());
    }

    void reconnectNowSkipsTheWait()
    {
        Fixture f;
        f.session.reconnectPolicy().setBaseDelay(600'000);
        f.session.reconnectPolicy().setMaxDelay(600'000);
        f.session.enter();
        QTRY_COMPARE_WITH_TIMEOUT(f.session.state(), State::Joined, 10000);
        QVERIFY(!f.view.reconnectNowButton()->isVisible());
        f.gateway.end(QStringLiteral("SERVER_SHUTDOWN"), 1001);
        QTRY_VERIFY_WITH_TIMEOUT(f.view.statusText().startsWith(u"Reconnecting in "), 10000);
        QVERIFY(f.view.reconnectNowButton()->isVisible());
        QCOMPARE(f.view.reconnectNowButton()->text(), QStringLiteral("Reconnect &now"));
        QVERIFY(f.view.reconnectNowButton()->focusPolicy() & Qt::TabFocus);
        // From the keyboard: Alt+N, wherever the focus is in the window.
        QApplication::setActiveWindow(&f.view);
        QVERIFY(QTest::qWaitForWindowActive(&f.view));
        f.view.input()->setFocus();
        QTest::keyClick(&f.view, Qt::Key_N, Qt::AltModifier);
        QTRY_COMPARE_WITH_TIMEOUT(f.session.state(), State::Joined, 10000);
        QVERIFY(!f.view.reconnectNowButton()->isVisible());
        QCOMPARE(f.gateway.connectionCount(), 2);
    }

    void fullRoomIsWatchedUntilASeatFrees()
    {
        FakeGateway gateway;
        const QByteArray full = CannedHttpServer::jsonResponse(
            409, R"({"code":"ROOM_FULL","status":409,"retryable":true})");
        const QByteArray stillFull = roomsAnswer(2);
        const QByteArray aSeat = roomsAnswer(1);
        CannedHttpServer http;
        // The reserve is refused, the watch sees the room full, then a free seat, and the
        // reserve that follows gets the seat.
        http.setResponses({full, stillFull, aSeat,
                           CannedHttpServer::jsonResponse(201, gateway.reservationJson())});
        ApiClient api(http.url());
        api.setToken(QStringLiteral("token"));
        ManualClock clock;
        RoomSession session(&api, QStringLiteral("fake"));
        RoomView view(&session, clock);
        view.seatWatcher()->setBackoff(10, 2.0, 40);
        view.show();
        // What the refusal showed, seen as it happened: the fast watch may get the user in
        // before a poll of the test would look.
        struct
        {
            bool shown = false;
            ErrorCode code = ErrorCode::Ok;
            bool countingDown = true;
            bool watching = false;
            QString note;
        } refusal;
        connect(&session, &RoomSession::failed, &view, [&] {
            refusal = {view.banner()->isVisible(), view.banner()->code(),
                       view.banner()->isCountingDown(), view.seatWatcher()->isWatching(),
                       view.banner()->noteText()};
        });
        session.enter();
        // In without pressing anything, and saying so.
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Joined, 10000);
        QVERIFY(refusal.shown);
        QCOMPARE(refusal.code, ErrorCode::RoomFull);
        QVERIFY(!refusal.countingDown); // no time to count down to
        QVERIFY(refusal.watching);
        QCOMPARE(refusal.note,
                 QStringLiteral("Watching the room: you enter as soon as a seat is free."));
        QCOMPARE(view.seatWatcher()->polls(), 2);
        MessageListModel *messages = view.messages();
        bool said = false;
        for (int row = 0; row < messages->rowCount(); ++row)
            said |= messages->index(row).data(MessageListModel::TextRole).toString()
                == QStringLiteral("A seat is free — entering…");
        QVERIFY(said);
        QVERIFY(!view.banner()->isVisible());
    }

    void aWatchThatEndsSaysWhy_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<QString>("note");
        QTest::newRow("room closed")
            << CannedHttpServer::jsonResponse(
                   200,
                   R"({"rooms":[{"name":"fake","capacity":2,"occupants":2,"reserved":0,)"
                   R"("state":"closed"}]})")
            << QStringLiteral("The room was closed or deleted while you waited.");
        QTest::newRow("session ended")
            << CannedHttpServer::jsonResponse(
                   401, R"({"code":"UNAUTHENTICATED","status":401,"retryable":false})")
            << QStringLiteral("Your session has ended: sign in again, then use Retry now.");
    }
    void aWatchThatEndsSaysWhy()
    {
        QFETCH(QByteArray, answer);
        QFETCH(QString, note);
        CannedHttpServer http;
        http.setResponses({CannedHttpServer::jsonResponse(
                               409, R"({"code":"ROOM_FULL","status":409,"retryable":true})"),
                           answer});
        ApiClient api(http.url());
        api.setToken(QStringLiteral("token"));
        RoomSession session(&api, QStringLiteral("fake"));
        RoomView view(&session, Clock::system());
        view.seatWatcher()->setBackoff(10, 2.0, 40);
        view.show();
        session.enter();
        QTRY_VERIFY_WITH_TIMEOUT(view.banner()->isVisible(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!view.seatWatcher()->isWatching(), 10000);
        QCOMPARE(view.banner()->noteText(), note);
        QCOMPARE(session.state(), State::Failed);
        QCOMPARE(http.requestCount(), 2);
    }

    void dismissingStopsTheWatch()
    {
        CannedHttpServer http(CannedHttpServer::jsonResponse(
            409, R"({"code":"ROOM_FULL","status":409,"retryable":true})"));
        ApiClient api(http.url());
        api.setToken(QStringLiteral("token"));
        RoomSession session(&api, QStringLiteral("fake"));
        RoomView view(&session, Clock::system());
        view.show();
        session.enter();
        QTRY_VERIFY_WITH_TIMEOUT(view.banner()->isVisible(), 10000);
        QVERIFY(view.seatWatcher()->isWatching());
        QTest::mouseClick(view.banner()->findChild<QWidget *>(QStringLiteral("dismissButton")),
                          Qt::LeftButton);
        QVERIFY(!view.seatWatcher()->isWatching());
        QVERIFY(!view.banner()->isVisible());
    }

    void senderColoursAreTheSameEverywhere()
    {
        // A hash of the name alone: the same in every client, run and processor.
        QCOMPARE(MessageDelegate::senderColor(QStringLiteral("alice")).hslHue(), 239);
        QCOMPARE(MessageDelegate::senderColor(QStringLiteral("지민")).hslHue(), 78);
        QCOMPARE(MessageDelegate::senderColor(QStringLiteral("alice")),
                 MessageDelegate::senderColor(QStringLiteral("alice")));
    }
};

QTEST_MAIN(TestRoomView)
#include "tst_roomview.moc"
