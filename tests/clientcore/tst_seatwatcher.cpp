// SPDX-License-Identifier: MIT
#include "client/core/seatwatcher.h"
#include "tests/clientcore/cannedhttpserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace roomgate;
using namespace roomgate::client;
using namespace roomgate::test;

namespace {

/** A `GET /api/v1/rooms` answer with one room "Full house" of capacity 2. */
QByteArray roomsAnswer(int occupants, int reserved, const QString &state = QStringLiteral("open"))
{
    const RoomInfo room{QStringLiteral("Full house"), 2, occupants, reserved,
                        roomStateFromName(state)};
    const QJsonObject other = RoomInfo{QStringLiteral("Other"), 9, 0, 0, RoomState::Open}.toJson();
    return CannedHttpServer::jsonResponse(
        200,
        QJsonDocument(QJsonObject{{QStringLiteral("rooms"), QJsonArray{other, room.toJson()}}})
            .toJson(QJsonDocument::Compact));
}

} // namespace

/** SeatWatcher: a bounded poll of the room list that says when a full room frees a seat. */
class TestSeatWatcher : public QObject
{
    Q_OBJECT

    static void fast(SeatWatcher &watcher) { watcher.setBackoff(10, 2.0, 40); }

private Q_SLOTS:
    void seatFreesUp()
    {
        CannedHttpServer http;
        http.setResponses({roomsAnswer(2, 0), roomsAnswer(1, 1), roomsAnswer(1, 0)});
        ApiClient api(http.url());
        SeatWatcher watcher(&api);
        fast(watcher);
        QSignalSpy free(&watcher, &SeatWatcher::seatFree);
        QSignalSpy gaveUp(&watcher, &SeatWatcher::gaveUp);
        watcher.watch(QStringLiteral("full HOUSE")); // compared like the server compares
        QVERIFY(watcher.isWatching());
        QVERIFY(free.wait(10000));
        QCOMPARE(http.requestCount(), 3);
        QCOMPARE(watcher.polls(), 3);
        const RoomInfo room = free.at(0).at(0).value<RoomInfo>();
        QCOMPARE(room.name, QStringLiteral("Full house"));
        QCOMPARE(room.freeSeats(), 1);
        QVERIFY(!watcher.isWatching());
        QCOMPARE(gaveUp.size(), 0);
    }

    void failuresDoNotStopTheWatch()
    {
        CannedHttpServer http;
        http.setResponses(
            {CannedHttpServer::jsonResponse(503, R"({"code":"UNAVAILABLE"})"), roomsAnswer(0, 0)});
        ApiClient api(http.url());
        SeatWatcher watcher(&api);
        fast(watcher);
        QSignalSpy free(&watcher, &SeatWatcher::seatFree);
        watcher.watch(QStringLiteral("Full house"));
        QVERIFY(free.wait(10000));
        QCOMPARE(http.requestCount(), 2);
    }

    void givesUp_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<int>("polls");
        QTest::addColumn<SeatWatcher::End>("why");
        QTest::newRow("still full after every poll")
            << roomsAnswer(2, 0) << 4 << SeatWatcher::End::NoSeat;
        QTest::newRow("closed") << roomsAnswer(1, 0, QStringLiteral("closed")) << 1
                                << SeatWatcher::End::RoomGone;
        QTest::newRow("gone") << CannedHttpServer::jsonResponse(200, R"({"rooms":[]})") << 1
                              << SeatWatcher::End::RoomGone;
    }
    void givesUp()
    {
        QFETCH(QByteArray, answer);
        QFETCH(int, polls);
        QFETCH(SeatWatcher::End, why);
        CannedHttpServer http(answer);
        ApiClient api(http.url());
        SeatWatcher watcher(&api);
        fast(watcher);
        watcher.setMaxPolls(4);
        QSignalSpy free(&watcher, &SeatWatcher::seatFree);
        QSignalSpy gaveUp(&watcher, &SeatWatcher::gaveUp);
        watcher.watch(QStringLiteral("Full house"));
        QVERIFY(gaveUp.wait(10000));
        QCOMPARE(gaveUp.at(0).at(0).value<SeatWatcher::End>(), why);
        QCOMPARE(watcher.polls(), polls);
        QCOMPARE(http.requestCount(), polls);
        QCOMPARE(free.size(), 0);
        QVERIFY(!watcher.isWatching());
    }

    void defaultsStayInsideTheRateLimits()
    {
        // The server allows 20 requests a second per user, shared with the rest of the
        // app: the watch polls at most every 2 s, growing to every 10 s, about 9 minutes.
        CannedHttpServer http; // never answers
        ApiClient api(http.url());
        SeatWatcher watcher(&api);
        QCOMPARE(watcher.firstDelayMs(), 2000);
        QCOMPARE(watcher.maxDelayMs(), 10'000);
        watcher.watch(QStringLiteral("Full house"));
        QCOMPARE(watcher.nextPollDelayMs(), 2000);
        QCOMPARE(http.requestCount(), 0);
        watcher.stop();
        QCOMPARE(watcher.nextPollDelayMs(), 0);
    }

    void aServerAskingForAPauseGetsIt_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::newRow("RATE_LIMITED") << CannedHttpServer::jsonResponse(
            429, R"({"code":"RATE_LIMITED","status":429,"retryable":true,"retryAfterSeconds":30})");
        QTest::newRow("UNAVAILABLE") << CannedHttpServer::jsonResponse(
            503, R"({"code":"UNAVAILABLE","status":503,"retryable":true,"retryAfterSeconds":30})");
    }
    void aServerAskingForAPauseGetsIt()
    {
        QFETCH(QByteArray, answer);
        CannedHttpServer http;
        http.setResponses({answer, roomsAnswer(0, 0)});
        ApiClient api(http.url());
        SeatWatcher watcher(&api);
        fast(watcher);
        QSignalSpy free(&watcher, &SeatWatcher::seatFree);
        watcher.watch(QStringLiteral("Full house"));
        // The next poll waits for the server's retryAfterSeconds, not the 20 ms backoff.
        QTRY_VERIFY_WITH_TIMEOUT(watcher.nextPollDelayMs() >= 30'000, 10000);
        QCOMPARE(http.requestCount(), 1);
        QCOMPARE(free.size(), 0);
        QVERIFY(watcher.isWatching());
    }

    void anEndedSessionStopsTheWatch()
    {
        CannedHttpServer http(CannedHttpServer::jsonResponse(
            401, R"({"code":"UNAUTHENTICATED","status":401,"retryable":false})"));
        ApiClient api(http.url());
        SeatWatcher watcher(&api);
        fast(watcher);
        QSignalSpy gaveUp(&watcher, &SeatWatcher::gaveUp);
        watcher.watch(QStringLiteral("Full house"));
        QVERIFY(gaveUp.wait(10000));
        QCOMPARE(gaveUp.at(0).at(0).value<SeatWatcher::End>(), SeatWatcher::End::SessionEnded);
        QCOMPARE(http.requestCount(), 1);
        QVERIFY(!watcher.isWatching());
    }

    void stopEndsTheWatch()
    {
        CannedHttpServer http; // never answers: a poll stays in flight
        ApiClient api(http.url());
        SeatWatcher watcher(&api);
        fast(watcher);
        QSignalSpy free(&watcher, &SeatWatcher::seatFree);
        QSignalSpy gaveUp(&watcher, &SeatWatcher::gaveUp);
        watcher.watch(QStringLiteral("Full house"));
        QTRY_COMPARE_WITH_TIMEOUT(http.requestCount(), 1, 10000);
        watcher.stop();
        QVERIFY(!watcher.isWatching());
        // The answer in flight, once it comes, is not acted on.
        http.setResponse(roomsAnswer(0, 0));
        api.listRooms(&api, [](const ApiResult<QList<RoomInfo>> &) {});
        QTRY_COMPARE_WITH_TIMEOUT(http.requestCount(), 2, 10000);
        QCOMPARE(free.size(), 0);
        QCOMPARE(gaveUp.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSeatWatcher)
#include "tst_seatwatcher.moc"
