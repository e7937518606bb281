// SPDX-License-Identifier: MIT
#include "tests/common/testserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>

using namespace roomgate::test;

/**
 * Configurable rate limits (429 per address and per user, 4429 for message
 * floods) with their place in the refusal order, and storage faults that answer
 * 500 INTERNAL with a correlation id and nothing internal in the body.
 *
 * A limit of N is a token bucket: a burst of N, then N a second. The checks hold however
 * slow the machine: a burst sent at once is let through at least N times (the bucket starts
 * full) and at most N + N·T times, T being the burst's duration as the test measured it.
 */
class TestLimits : public QObject
{
    Q_OBJECT

    /** The answers to requests sent all at once, and how long they took in all. */
    struct Burst
    {
        QList<HttpReply> replies;
        qint64 elapsedMs = 0;
        bool complete = false; // every request was answered

        int passed() const
        {
            return int(std::count_if(replies.cbegin(), replies.cend(),
                                     [](const HttpReply &r) { return r.status != 429; }));
        }
    };

    /**
     * Sends @p count copies of one request at once (the client spreads them over its
     * connections and pipelines them) and waits, bounded, for every answer.
     */
    static Burst burst(quint16 port, int count, const QByteArray &method, const QString &path,
                       const QByteArray &body = {}, const QByteArray &token = {})
    {
        QNetworkAccessManager nam;
        QElapsedTimer clock;
        clock.start();
        QList<QNetworkReply *> pending;
        for (int i = 0; i < count; ++i) {
            QNetworkRequest request(
                QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
            request.setAttribute(QNetworkRequest::HttpPipeliningAllowedAttribute, true);
            if (!body.isNull())
                request.setRawHeader("Content-Type", "application/json");
            if (!token.isEmpty())
                request.setRawHeader("Authorization", "Bearer " + token);
            pending.append(nam.sendCustomRequest(request, method, body));
        }
        const auto allFinished = [&pending] {
            return std::all_of(pending.cbegin(), pending.cend(),
                               [](const QNetworkReply *r) { return r->isFinished(); });
        };
        Burst out;
        out.complete = QTest::qWaitFor(allFinished, 60000);
        out.elapsedMs = clock.elapsed();
        for (QNetworkReply *reply : std::as_const(pending)) {
            HttpReply r;
            r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            r.body = reply->readAll();
            r.json = QJsonDocument::fromJson(r.body).object();
            r.retryAfter = reply->rawHeader("Retry-After");
            out.replies.append(r);
        }
        qDeleteAll(pending);
        return out;
    }

    static void expectRateLimited(const HttpReply &r)
    {
        QCOMPARE(r.status, 429);
        QCOMPARE(r.code(), QStringLiteral("RATE_LIMITED"));
        QCOMPARE(r.json.value(u"retryable").toBool(), true);
        const int after = r.json.value(u"retryAfterSeconds").toInt();
        QVERIFY(after >= 1);
        QCOMPARE(r.retryAfter, QByteArray::number(after));
    }

    /** The most a bucket of @p rate (burst and refill a second) lets through in @p ms. */
    static int mostLetThrough(int rate, qint64 ms)
    {
        // The server's clock counts whole milliseconds: one more covers its rounding.
        return rate + int(qint64(rate) * (ms + 1) / 1000);
    }

    /**
     * Checks a burst against a bucket of @p rate: every answer is @p status or a proper 429,
     * no more passed than the bucket allows in the burst's time, and at least the bucket's
     * size when it was full at the start (@p fresh).
     */
    static void checkBurst(const Burst &b, int status, int rate, bool fresh)
    {
        QVERIFY2(b.complete, "not every request of the burst was answered");
        for (const HttpReply &r : b.replies) {
            if (r.status == 429) {
                expectRateLimited(r);
                if (QTest::currentTestFailed())
                    return;
            } else {
                QVERIFY2(r.status == status,
                         qPrintable(QStringLiteral("HTTP %1: %2")
                                        .arg(r.status)
                                        .arg(QString::fromUtf8(r.body))));
            }
        }
        const QString seen = QStringLiteral("%1 of %2 passed in %3 ms; a bucket of %4 lets "
                                            "through at most %5 then")
                                 .arg(b.passed())
                                 .arg(b.replies.size())
                                 .arg(b.elapsedMs)
                                 .arg(rate)
                                 .arg(mostLetThrough(rate, b.elapsedMs));
        QVERIFY2(b.passed() <= mostLetThrough(rate, b.elapsedMs), qPrintable(seen));
        if (fresh)
            QVERIFY2(b.passed() >= rate, qPrintable(seen));
    }

private Q_SLOTS:
    void perAddressComesBeforeAuthentication()
    {
        constexpr int rate = 5;
        TestServer server({QStringLiteral("--rate-limits"), QStringLiteral("on"),
                           QStringLiteral("--http-rate-per-address"), QString::number(rate)});
        QVERIFY2(server.start(), qPrintable(server.output()));
        checkBurst(burst(server.httpPort(), 40, "GET", QStringLiteral("/healthz")), 200, rate,
                   true);
        if (QTest::currentTestFailed())
            return;
        // 429 (per address) is answered before 401 and before routing: were it later, every
        // one of these would pass to its 401 or 404.
        checkBurst(burst(server.httpPort(), 40, "GET", QStringLiteral("/api/v1/rooms")), 401, rate,
                   false);
        if (QTest::currentTestFailed())
            return;
        checkBurst(burst(server.httpPort(), 40, "GET", QStringLiteral("/no/such/route")), 404, rate,
                   false);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(server.terminate(), 0);
    }

    void perUserComesAfterAuthentication()
    {
        constexpr int rate = 3;
        TestServer server({QStringLiteral("--rate-limits"), QStringLiteral("on"),
                           QStringLiteral("--http-rate-per-user"), QString::number(rate)});
        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi api(server.httpPort());
        const QByteArray alice = api.userToken(QStringLiteral("alice"));
        const QByteArray bob = api.userToken(QStringLiteral("bob"));
        QVERIFY(!alice.isEmpty() && !bob.isEmpty());
        checkBurst(burst(server.httpPort(), 30, "GET", QStringLiteral("/api/v1/rooms"), {}, alice),
                   200, rate, true);
        if (QTest::currentTestFailed())
            return;
        // 429 (per user) comes before 400: a malformed body is still "too many".
        checkBurst(burst(server.httpPort(), 30, "POST", QStringLiteral("/api/v1/rooms/%FF/entries"),
                         "{", alice),
                   400, rate, false);
        if (QTest::currentTestFailed())
            return;
        // Others are not limited by alice's calls (bob's bucket is full), and strangers still
        // get 401.
        QCOMPARE(api.request("GET", QStringLiteral("/api/v1/rooms"), {}, bob).status, 200);
        QCOMPARE(
            api.request("GET", QStringLiteral("/api/v1/rooms"), {}, QByteArray(43, 'x')).status,
            401);
        QCOMPARE(server.terminate(), 0);
    }

    void messageFloodIsRefusedThenClosed4429()
    {
        constexpr int rate = 3; // bursts of 6, then 3 a second
        TestServer server({QStringLiteral("--rate-limits"), QStringLiteral("on"),
                           QStringLiteral("--message-rate"), QString::number(rate)});
        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi api(server.httpPort());
        const QByteArray token = api.userToken(QStringLiteral("chatty"));
        const HttpReply r = api.reserve(token, QStringLiteral("flood"), true, 4);
        QVERIFY2(r.status == 201, r.body.constData());
        TestSocket socket;
        socket.open(r.json.value(u"websocketUrl").toString());
        QCOMPARE(socket.nextFrame().value(u"type").toString(), QStringLiteral("joined"));
        // A burst far over the rate: refused with error frames, the socket stays.
        QElapsedTimer clock;
        clock.start();
        constexpr int kBurst = 60;
        for (int i = 0; i < kBurst; ++i)
            socket.send({{QStringLiteral("type"), QStringLiteral("message")},
                         {QStringLiteral("text"), QStringLiteral("spam %1").arg(i)}});
        const auto count = [&socket](const QString &type) {
            return int(std::count_if(
                socket.frames().cbegin(), socket.frames().cend(),
                [&type](const QJsonObject &f) { return f.value(u"type").toString() == type; }));
        };
        QVERIFY(QTest::qWaitFor(
            [&] {
                return count(QStringLiteral("message")) + count(QStringLiteral("error")) >= kBurst;
            },
            60000));
        const qint64 burstMs = clock.elapsed();
        const QJsonObject error = socket.frameOfType(QStringLiteral("error"));
        QCOMPARE(error.value(u"code").toString(), QStringLiteral("RATE_LIMITED"));
        QVERIFY(error.value(u"retryAfterSeconds").toInt() >= 1);
        // What passed: the burst of 2·rate at least, and no more than refilled meanwhile.
        const int passed = count(QStringLiteral("message"));
        QVERIFY2(passed >= 2 * rate && passed <= 2 * rate + mostLetThrough(rate, burstMs) - rate,
                 qPrintable(QStringLiteral("%1 passed in %2 ms").arg(passed).arg(burstMs)));
        if (burstMs < 4000) // the close comes after 5 s of refusals, not yet
            QVERIFY(!socket.isClosed());
        // A flood that goes on is closed 4429 (about 5 s after its first refusal).
        const bool closed = QTest::qWaitFor(
            [&] {
                socket.send({{QStringLiteral("type"), QStringLiteral("message")},
                             {QStringLiteral("text"), QStringLiteral("more")}});
                return socket.isClosed();
            },
            30000);
        QVERIFY(closed);
        QCOMPARE(socket.closeCode(), 4429);
        QCOMPARE(socket.closeReason(), QStringLiteral("RATE_LIMITED"));
        QVERIFY(clock.elapsed() >= 5000);
        QCOMPARE(server.terminate(), 0);
    }

    void rateLimitsOffLetsEveryRateThrough()
    {
        TestServer server; // the harness runs with --rate-limits off
        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi api(server.httpPort());
        for (int i = 0; i < 150; ++i)
            QCOMPARE(api.request("GET", QStringLiteral("/healthz")).status, 200);
        for (int i = 0; i < 8; ++i)
            QCOMPARE(api.post(QStringLiteral("/api/v1/accounts"),
                              {{QStringLiteral("username"), QStringLiteral("many%1").arg(i)},
                               {QStringLiteral("password"), QStringLiteral("password-%1").arg(i)}})
                         .status,
                     201);
        QVERIFY(server.output().contains(QStringLiteral("--rate-limits off")));
        QCOMPARE(server.terminate(), 0);
    }

    void storageFaultIsInternalWithCorrelationId()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi api(server.httpPort());
        const QByteArray token = api.userToken(QStringLiteral("victim"));
        {
            // Break the schema under the running server: a fault no retry can fix.
            QSqlDatabase db
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("vandal"));
            db.setDatabaseName(server.databasePath());
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("DROP TABLE reservations")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("vandal"));
        const HttpReply r = api.reserve(token, QStringLiteral("doomed"), true, 2);
        QCOMPARE(r.status, 500);
        QCOMPARE(r.code(), QStringLiteral("INTERNAL"));
        const QString id = r.json.value(u"correlationId").toString();
        QVERIFY(!id.isEmpty());
        // No internals in the body; the id leads to the log line.
        QVERIFY(!r.body.contains("reservations"));
        QVERIFY(!r.body.toLower().contains("sql"));
        QTRY_VERIFY_WITH_TIMEOUT(server.output().contains(id), 5000);
        server.kill();
    }
};

QTEST_GUILESS_MAIN(TestLimits)
#include "tst_limits.moc"
