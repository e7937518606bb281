// SPDX-License-Identifier: MIT
#include "server/admission/hashqueue.h"

#include <QSemaphore>
#include <QTest>

using namespace roomgate::server;

/**
 * The password hash queue: bounded (a full queue or a client's full share refuses at
 * once), fair (clients take turns, so one that queued many waits behind a newcomer after
 * one of its own), and it skips work nobody waits for.
 */
class TestHashQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void boundedPerClientAndInAll()
    {
        HashQueue queue(1, 8); // a client's share: 8 / 4 = 2
        QSemaphore gate;
        QSemaphore started;
        // The one hashing thread is busy until the gate opens.
        QVERIFY(queue.submit<int>(
            QStringLiteral("blocker"),
            [&] {
                started.release();
                gate.acquire();
                return 0;
            },
            {}, [](std::optional<int>) {}));
        QVERIFY(started.tryAcquire(1, 5000));
        QVERIFY(queue.submit<int>(
            QStringLiteral("a"), [] { return 1; }, {}, [](auto) {}));
        QVERIFY(queue.submit<int>(
            QStringLiteral("a"), [] { return 1; }, {}, [](auto) {}));
        QVERIFY(!queue.submit<int>(
            QStringLiteral("a"), [] { return 1; }, {}, [](auto) {}));
        for (const char *key : {"b", "b", "c", "c", "d", "d"})
            QVERIFY(queue.submit<int>(
                QString::fromLatin1(key), [] { return 1; }, {}, [](auto) {}));
        QCOMPARE(queue.waiting(), 8);
        QVERIFY(!queue.submit<int>(
            QStringLiteral("e"), [] { return 1; }, {}, [](auto) {}));
        gate.release();
        QTRY_COMPARE(queue.waiting(), 0);
    }

    void clientsTakeTurns()
    {
        HashQueue queue(1, 0);
        QSemaphore gate;
        QSemaphore started;
        QVERIFY(queue.submit<int>(
            QStringLiteral("blocker"),
            [&] {
                started.release();
                gate.acquire();
                return 0;
            },
            {}, [](std::optional<int>) {}));
        QVERIFY(started.tryAcquire(1, 5000));
        QStringList order;
        for (int i = 0; i < 5; ++i) {
            QVERIFY(queue.submit<int>(
                QStringLiteral("flood"), [] { return 1; }, {},
                [&order](auto) { order.append(QStringLiteral("flood")); }));
        }
        QVERIFY(queue.submit<int>(
            QStringLiteral("honest"), [] { return 2; }, {},
            [&order](auto) { order.append(QStringLiteral("honest")); }));
        gate.release();
        QTRY_COMPARE(order.size(), 6);
        // One of the flood's went first (its turn came first), then the newcomer's.
        QVERIFY2(order.indexOf(QStringLiteral("honest")) <= 1, qPrintable(order.join(u' ')));
    }

    void workNobodyWaitsForIsSkipped()
    {
        HashQueue queue(1, 0);
        std::atomic<int> ran{0};
        std::optional<std::optional<int>> answer;
        QVERIFY(queue.submit<int>(
            QStringLiteral("gone"),
            [&] {
                ++ran;
                return 7;
            },
            [] { return false; }, [&](std::optional<int> result) { answer = result; }));
        QTRY_VERIFY(answer.has_value());
        QVERIFY(!answer->has_value());
        QCOMPARE(ran.load(), 0);
        std::optional<std::optional<int>> kept;
        QVERIFY(queue.submit<int>(
            QStringLiteral("here"), [] { return 7; }, [] { return true; },
            [&](std::optional<int> result) { kept = result; }));
        QTRY_VERIFY(kept.has_value());
        QCOMPARE(**kept, 7);
    }
};

QTEST_GUILESS_MAIN(TestHashQueue)
#include "tst_hashqueue.moc"
