// SPDX-License-Identifier: MIT
#include "tests/common/testserver.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace roomgate::test;

/**
 * Configurable rate limits (429 per address and per user, 4429 for message
 * floods) with their place in the refusal order, and storage faults that answer
 * 500 INTERNAL with a correlation id and nothing internal in the body.
 */
class TestLimits : public QObject
{
    Q_OBJECT

    static void expectRateLimited(const HttpReply &r)
    {
        QCOMPARE(r.status, 429);
        QCOMPARE(r.code(), QStringLiteral("RATE_LIMITED"));
        QCOMPARE(r.json.value(u"retryable").toBool(), true);
        const int after = r.json.value(u"retryAfterSeconds").toInt();
        QVERIFY(after >= 1);
        QCOMPARE(r.retryAfter, QByteArray::number(after));
    }

private Q_SLOTS:
    void perAddressComesBeforeAuthentication()
    {
        TestServer server({QStringLiteral("--http-rate-per-address"), QStringLiteral("5")});
        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi api(server.httpPort());
        int ok = 0;
        HttpReply limited;
        for (int i = 0; i < 12 && limited.status != 429; ++i) {
            const HttpReply r = api.request("GET", QStringLiteral("/healthz"));
            if (r.status == 200)
                ++ok;
            else
                limited = r;
        }
        QVERIFY2(ok >= 5, qPrintable(QString::number(ok)));
        expectRateLimited(limited);
        // 429 (per address) is answered before 401 and before routing.
        expectRateLimited(api.request("GET", QStringLiteral("/api/v1/rooms")));
        expectRateLimited(api.request("GET", QStringLiteral("/no/such/route")));
        QCOMPARE(server.terminate(), 0);
    }

    void perUserComesAfterAuthentication()
    {
        TestServer server({QStringLiteral("--http-rate-per-user"), QStringLiteral("3")});
        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi api(server.httpPort());
        const QByteArray alice = api.userToken(QStringLiteral("alice"));
        const QByteArray bob = api.userToken(QStringLiteral("bob"));
        HttpReply limited;
        for (int i = 0; i < 10 && limited.status != 429; ++i) {
            const HttpReply r = api.request("GET", QStringLiteral("/api/v1/rooms"), {}, alice);
            if (r.status != 200)
                limited = r;
        }
        expectRateLimited(limited);
        // 429 (per user) comes before 400: a malformed body is still "too many".
        expectRateLimited(
            api.request("POST", QStringLiteral("/api/v1/rooms/%FF/entries"), "{", alice));
        // Others are not limited by alice's calls, and strangers still get 401.
        QCOMPARE(api.request("GET", QStringLiteral("/api/v1/rooms"), {}, bob).status, 200);
        QCOMPARE(
            api.request("GET", QStringLiteral("/api/v1/rooms"), {}, QByteArray(43, 'x')).status,
            401);
        QCOMPARE(server.terminate(), 0);
    }

    void messageFloodCloses4429()
    {
        TestServer server({QStringLiteral("--message-rate"), QStringLiteral("3")});
        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi api(server.httpPort());
        const QByteArray token = api.userToken(QStringLiteral("chatty"));
        const HttpReply r = api.reserve(token, QStringLiteral("flood"), true, 4);
        TestSocket socket;
        socket.open(r.json.value(u"websocketUrl").toString());
        QCOMPARE(socket.nextFrame().value(u"type").toString(), QStringLiteral("joined"));
        for (int i = 0; i < 20; ++i)
            socket.send({{QStringLiteral("type"), QStringLiteral("message")},
                         {QStringLiteral("text"), QStringLiteral("spam %1").arg(i)}});
        const QJsonObject error = socket.frameOfType(QStringLiteral("error"));
        QCOMPARE(error.value(u"code").toString(), QStringLiteral("RATE_LIMITED"));
        QVERIFY(error.value(u"retryAfterSeconds").toInt() >= 1);
        QVERIFY(socket.waitClosed());
        QCOMPARE(socket.closeCode(), 4429);
        QCOMPARE(socket.closeReason(), QStringLiteral("RATE_LIMITED"));
        QCOMPARE(server.terminate(), 0);
    }

    void limitsAreOffByDefault()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi api(server.httpPort());
        for (int i = 0; i < 50; ++i)
            QCOMPARE(api.request("GET", QStringLiteral("/healthz")).status, 200);
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
