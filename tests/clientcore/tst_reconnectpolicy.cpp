// SPDX-License-Identifier: MIT
#include "client/core/reconnectpolicy.h"

#include <QTest>

using roomgate::ErrorCode;
using roomgate::client::ReconnectPolicy;

/** The reconnect backoff and its stop codes, with a pinned random source. */
class TestReconnectPolicy : public QObject
{
    Q_OBJECT

    static ReconnectPolicy pinned(double random)
    {
        ReconnectPolicy policy([random] { return random; });
        policy.setMaxAttempts(0);
        return policy;
    }

private Q_SLOTS:
    void defaults()
    {
        const ReconnectPolicy policy;
        QCOMPARE(policy.baseDelay(), 1000);
        QCOMPARE(policy.factor(), 2.0);
        QCOMPARE(policy.maxDelay(), 30'000);
        QCOMPARE(policy.jitter(), ReconnectPolicy::Jitter::Proportional);
        QCOMPARE(policy.jitterSpread(), 0.2);
        QCOMPARE(policy.attempts(), 0);
    }

    void backoffGrowsAndCaps_data()
    {
        QTest::addColumn<int>("attempt");
        QTest::addColumn<int>("nominal");
        QTest::newRow("1") << 1 << 1000;
        QTest::newRow("2") << 2 << 2000;
        QTest::newRow("3") << 3 << 4000;
        QTest::newRow("4") << 4 << 8000;
        QTest::newRow("5") << 5 << 16'000;
        QTest::newRow("6 capped") << 6 << 30'000;
        QTest::newRow("40 capped") << 40 << 30'000;
        QTest::newRow("10000 capped") << 10'000 << 30'000;
    }
    void backoffGrowsAndCaps()
    {
        QFETCH(int, attempt);
        QFETCH(int, nominal);
        ReconnectPolicy policy = pinned(0.5); // the middle of the jitter range: no change
        QCOMPARE(policy.nominalDelay(attempt), nominal);
        int delay = 0;
        for (int i = 0; i < attempt; ++i)
            delay = policy.nextDelay();
        QCOMPARE(policy.attempts(), attempt);
        QCOMPARE(delay, nominal);
    }

    void jitterBounds_data()
    {
        QTest::addColumn<ReconnectPolicy::Jitter>("jitter");
        QTest::addColumn<double>("random");
        QTest::addColumn<int>("first");
        QTest::addColumn<int>("third");
        QTest::addColumn<int>("capped");
        // Proportional ±20 %: the extremes of the random source, never above the cap.
        QTest::newRow("proportional low")
            << ReconnectPolicy::Jitter::Proportional << 0.0 << 800 << 3200 << 24'000;
        QTest::newRow("proportional high")
            << ReconnectPolicy::Jitter::Proportional << 0.999999 << 1200 << 4800 << 30'000;
        QTest::newRow("full low") << ReconnectPolicy::Jitter::Full << 0.0 << 0 << 0 << 0;
        QTest::newRow("full half") << ReconnectPolicy::Jitter::Full << 0.5 << 500 << 2000 << 15'000;
        QTest::newRow("none") << ReconnectPolicy::Jitter::None << 0.0 << 1000 << 4000 << 30'000;
    }
    void jitterBounds()
    {
        QFETCH(ReconnectPolicy::Jitter, jitter);
        QFETCH(double, random);
        QFETCH(int, first);
        QFETCH(int, third);
        QFETCH(int, capped);
        ReconnectPolicy policy = pinned(random);
        policy.setJitter(jitter, 0.2);
        QCOMPARE(policy.nextDelay(), first);
        policy.nextDelay();
        QCOMPARE(policy.nextDelay(), third);
        for (int i = 0; i < 20; ++i)
            policy.nextDelay();
        QCOMPARE(policy.nextDelay(), capped);
    }

    void jitterStaysInRangeWithRealRandomness()
    {
        ReconnectPolicy policy;
        policy.setMaxAttempts(0);
        for (int round = 0; round < 200; ++round) {
            policy.reset();
            for (int attempt = 1; attempt <= 8; ++attempt) {
                const int nominal = policy.nominalDelay(attempt);
                const int delay = policy.nextDelay();
                QVERIFY2(delay >= nominal * 0.8 - 1 && delay <= qMin(30'000.0, nominal * 1.2 + 1),
                         qPrintable(QStringLiteral("attempt %1: %2 ms").arg(attempt).arg(delay)));
            }
        }
    }

    void minimumWins()
    {
        ReconnectPolicy policy = pinned(0.5);
        QCOMPARE(policy.nextDelay(12'000), 12'000); // e.g. retryAfterSeconds of ROOM_FULL
        QCOMPARE(policy.nextDelay(0), 2000);
    }

    void customCurve()
    {
        ReconnectPolicy policy = pinned(0.5);
        policy.setBaseDelay(200);
        policy.setFactor(3.0);
        policy.setMaxDelay(1000);
        QCOMPARE(policy.nextDelay(), 200);
        QCOMPARE(policy.nextDelay(), 600);
        QCOMPARE(policy.nextDelay(), 1000);
        QCOMPARE(policy.nextDelay(), 1000);
    }

    void resetStartsOver()
    {
        ReconnectPolicy policy = pinned(0.5);
        policy.nextDelay();
        policy.nextDelay();
        QCOMPARE(policy.attempts(), 2);
        policy.reset();
        QCOMPARE(policy.attempts(), 0);
        QCOMPARE(policy.nextDelay(), 1000);
    }

    void attemptsRunOut()
    {
        ReconnectPolicy policy = pinned(0.5);
        policy.setMaxAttempts(3);
        for (int i = 0; i < 3; ++i) {
            QVERIFY(policy.shouldRetry(ErrorCode::ServerShutdown));
            policy.nextDelay();
        }
        QVERIFY(policy.exhausted());
        QVERIFY(!policy.shouldRetry(ErrorCode::ServerShutdown));
        QVERIFY(ReconnectPolicy::retryHelps(ErrorCode::ServerShutdown));
        policy.reset();
        QVERIFY(policy.shouldRetry(ErrorCode::ServerShutdown));
    }

    void stopCodes_data()
    {
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<bool>("retry");
        QTest::addColumn<bool>("reconnect");
        // Drops a reconnect heals (new reservation after backoff).
        QTest::newRow("SERVER_SHUTDOWN 1001") << ErrorCode::ServerShutdown << true << true;
        QTest::newRow("INTERNAL 1011") << ErrorCode::Internal << true << true;
        QTest::newRow("UNAVAILABLE (1006, network)") << ErrorCode::Unavailable << true << true;
        QTest::newRow("IDLE_TIMEOUT 4000") << ErrorCode::IdleTimeout << true << true;
        QTest::newRow("RATE_LIMITED 4429") << ErrorCode::RateLimited << true << true;
        QTest::newRow("TICKET_EXPIRED") << ErrorCode::TicketExpired << true << true;
        QTest::newRow("TICKET_INVALID") << ErrorCode::TicketInvalid << true << true;
        QTest::newRow("TICKET_ALREADY_USED") << ErrorCode::TicketAlreadyUsed << true << true;
        QTest::newRow("ROOM_FULL") << ErrorCode::RoomFull << true << true;
        QTest::newRow("ALREADY_IN_ROOM (own stale membership)")
            << ErrorCode::AlreadyInRoom << false << true;
        // An admin's decision, a room that is gone, or a refusal the user must act on.
        QTest::newRow("KICKED 4403") << ErrorCode::Kicked << false << false;
        QTest::newRow("ROOM_CLOSED 4410") << ErrorCode::RoomClosed << false << false;
        QTest::newRow("ROOM_NOT_FOUND 4404") << ErrorCode::RoomNotFound << false << false;
        QTest::newRow("FORBIDDEN") << ErrorCode::Forbidden << false << false;
        QTest::newRow("UNAUTHENTICATED") << ErrorCode::Unauthenticated << false << false;
        QTest::newRow("BAD_REQUEST 4400") << ErrorCode::BadRequest << false << false;
        QTest::newRow("MESSAGE_TOO_LARGE 4413") << ErrorCode::MessageTooLarge << false << false;
        QTest::newRow("INVALID_ROOM_NAME") << ErrorCode::InvalidRoomName << false << false;
        QTest::newRow("INVALID_CAPACITY") << ErrorCode::InvalidCapacity << false << false;
        QTest::newRow("OK") << ErrorCode::Ok << false << false;
    }
    void stopCodes()
    {
        QFETCH(ErrorCode, code);
        QFETCH(bool, retry);
        QFETCH(bool, reconnect);
        QCOMPARE(ReconnectPolicy::retryHelps(code), retry);
        const ReconnectPolicy policy;
        QCOMPARE(policy.shouldRetry(code), reconnect);
    }

    void everyNonRetryableCodeStops()
    {
        int count = 0;
        const roomgate::ErrorInfo *table = roomgate::errorTable(&count);
        for (int i = 0; i < count; ++i) {
            if (!table[i].retryable)
                QVERIFY2(!ReconnectPolicy::retryHelps(table[i].code), table[i].wireName);
        }
    }
};

QTEST_GUILESS_MAIN(TestReconnectPolicy)
#include "tst_reconnectpolicy.moc"
