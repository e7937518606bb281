// SPDX-License-Identifier: MIT
#include "server/admission/ratelimiter.h"

#include <QTest>

using namespace roomgate;
using namespace roomgate::server;

/** The one rate limiter of every limit, on a clock the test drives: no speed involved. */
class TestRateLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void burstThenRefill()
    {
        ManualClock clock;
        RateLimiter limiter(RateLimit::oneEvery(5, 60), clock); // login failures per user
        for (int i = 0; i < 5; ++i)
            QVERIFY(limiter.take(QStringLiteral("alice")).allowed);
        RateVerdict refused = limiter.take(QStringLiteral("alice"));
        QVERIFY(!refused.allowed);
        QCOMPARE(refused.retryAfterMs, 60'000);
        clock.advance(59'000);
        refused = limiter.take(QStringLiteral("alice"));
        QVERIFY(!refused.allowed);
        QCOMPARE(refused.retryAfterMs, 1000);
        clock.advance(1000);
        QVERIFY(limiter.take(QStringLiteral("alice")).allowed);
        QVERIFY(!limiter.take(QStringLiteral("alice")).allowed);
        // Another key is untouched.
        QVERIFY(limiter.take(QStringLiteral("bob")).allowed);
        // A long pause refills up to the burst, no more.
        clock.advance(3'600'000);
        for (int i = 0; i < 5; ++i)
            QVERIFY(limiter.take(QStringLiteral("alice")).allowed);
        QVERIFY(!limiter.take(QStringLiteral("alice")).allowed);
    }

    void checkSpendsNothing()
    {
        ManualClock clock;
        RateLimiter limiter({2, 1.0}, clock);
        QVERIFY(limiter.check(QStringLiteral("k")).allowed);
        QVERIFY(limiter.check(QStringLiteral("k")).allowed);
        QVERIFY(limiter.check(QStringLiteral("k")).allowed);
        QVERIFY(limiter.take(QStringLiteral("k")).allowed);
        QVERIFY(limiter.take(QStringLiteral("k")).allowed);
        const RateVerdict empty = limiter.check(QStringLiteral("k"));
        QVERIFY(!empty.allowed);
        QCOMPARE(empty.retryAfterMs, 1000);
    }

    void fractionalRefillRoundsTheWaitUp()
    {
        ManualClock clock;
        RateLimiter limiter(RateLimit::perSecondOf(100), clock); // HTTP per address
        for (int i = 0; i < 100; ++i)
            QVERIFY(limiter.take(QStringLiteral("127.0.0.1")).allowed);
        const RateVerdict refused = limiter.take(QStringLiteral("127.0.0.1"));
        QVERIFY(!refused.allowed);
        QCOMPARE(refused.retryAfterMs, 10);
        clock.advance(10);
        QVERIFY(limiter.take(QStringLiteral("127.0.0.1")).allowed);
    }

    void offLetsEverythingThrough()
    {
        ManualClock clock;
        RateLimiter limiter({0, 1.0}, clock);
        QVERIFY(!limiter.isEnabled());
        for (int i = 0; i < 1000; ++i)
            QVERIFY(limiter.take(QStringLiteral("x")).allowed);
        QCOMPARE(limiter.keys(), 0);
    }

    void fullBucketsAreForgotten()
    {
        ManualClock clock;
        RateLimiter limiter({3, 1.0}, clock);
        for (int i = 0; i < 2000; ++i)
            limiter.take(QString::number(i));
        QCOMPARE(limiter.keys(), 2000);
        // Long after, all are full again: the next call drops them.
        clock.advance(60'000);
        limiter.take(QStringLiteral("new"));
        QCOMPARE(limiter.keys(), 1);
        // A key still limited is kept, limited.
        RateLimiter slow({3, 0.01}, clock);
        for (int i = 0; i < 3; ++i)
            slow.take(QStringLiteral("busy"));
        for (int i = 0; i < 1500; ++i)
            slow.take(QStringLiteral("k%1").arg(i));
        clock.advance(10'000);
        slow.take(QStringLiteral("trigger"));
        QCOMPARE(slow.keys(), 1502);
        QVERIFY(!slow.check(QStringLiteral("busy")).allowed);
    }
};

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
