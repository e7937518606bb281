// SPDX-License-Identifier: MIT
#include "tests/common/rawclients.h"
#include "tests/common/testserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>

using namespace roomgate::test;

/**
 * The open internet against the defaults of contract v1.1: each attack from 127.0.0.1 gets
 * its exact refusal, while an honest user on 127.0.0.2 — its own address, so per-address
 * limits do not touch it — keeps reserving, claiming and chatting meanwhile.
 */
class TestHostile : public QObject
{
    Q_OBJECT

    static QHostAddress attacker() { return QHostAddress(QStringLiteral("127.0.0.1")); }
    static QHostAddress honest() { return QHostAddress(QStringLiteral("127.0.0.2")); }
    static QHostAddress elsewhere() { return QHostAddress(QStringLiteral("127.0.0.3")); }

    static QByteArray credentials(const QString &name, const QString &password = {})
    {
        return QJsonDocument(QJsonObject{{QStringLiteral("username"), name},
                                         {QStringLiteral("password"),
                                          password.isEmpty() ? QStringLiteral("password-") + name
                                                             : password}})
            .toJson(QJsonDocument::Compact);
    }

    static HttpReply signUp(quint16 port, const QHostAddress &from, const QString &name)
    {
        return rawRequest(from, port, "POST", QStringLiteral("/api/v1/accounts"),
                          credentials(name));
    }

    static HttpReply signIn(quint16 port, const QHostAddress &from, const QString &name,
                            const QString &password = {})
    {
        return rawRequest(from, port, "POST", QStringLiteral("/api/v1/sessions"),
                          credentials(name, password));
    }

    static HttpReply reserve(quint16 port, const QHostAddress &from, const QByteArray &token,
                             const QString &room, bool create = true)
    {
        return rawRequest(from, port, "POST", QStringLiteral("/api/v1/rooms/%1/entries").arg(room),
                          create ? QByteArray(R"({"create":true})") : QByteArray("{}"), token);
    }

    static void expectRateLimited(const HttpReply &r)
    {
        QVERIFY2(r.status == 429, r.body.constData());
        QCOMPARE(r.code(), QStringLiteral("RATE_LIMITED"));
        const int after = r.json.value(u"retryAfterSeconds").toInt();
        QVERIFY(after >= 1);
        QCOMPARE(r.retryAfter, QByteArray::number(after));
    }

    /** The honest user on 127.0.0.2: signed in, a member of its own room, chatting. */
    struct Honest
    {
        QByteArray token;
        std::unique_ptr<RawWebSocket> socket;
        int said = 0;
    };

    static std::unique_ptr<Honest> honestUser(const TestServer &server)
    {
        auto user = std::make_unique<Honest>();
        if (signUp(server.httpPort(), honest(), QStringLiteral("honest")).status != 201)
            return nullptr;
        user->token = signIn(server.httpPort(), honest(), QStringLiteral("honest"))
                          .json.value(u"token")
                          .toString()
                          .toLatin1();
        const HttpReply entry
            = reserve(server.httpPort(), honest(), user->token, QStringLiteral("honest-room"));
        if (entry.status != 201)
            return nullptr;
        user->socket = std::make_unique<RawWebSocket>(honest());
        if (!user->socket->open(entry.json.value(u"websocketUrl").toString())
            || user->socket->frameOfType(QStringLiteral("joined")).isEmpty())
            return nullptr;
        return user;
    }

    /** The honest user still chats (its message comes back) and enters another room. */
    static bool stillServed(const TestServer &server, Honest &user)
    {
        const QString text = QStringLiteral("still here %1").arg(++user.said);
        user.socket->send(
            {{QStringLiteral("type"), QStringLiteral("message")}, {QStringLiteral("text"), text}});
        const bool echoed = QTest::qWaitFor(
            [&] {
                const QList<QJsonObject> &frames = user.socket->frames();
                return std::any_of(frames.cbegin(), frames.cend(), [&](const QJsonObject &f) {
                    return f.value(u"text").toString() == text;
                });
            },
            10000);
        if (!echoed)
            return false;
        const HttpReply other = reserve(server.httpPort(), honest(), user.token,
                                        QStringLiteral("side-%1").arg(user.said));
        if (other.status != 201)
            return false;
        RawWebSocket visit(honest());
        return visit.open(other.json.value(u"websocketUrl").toString())
            && !visit.frameOfType(QStringLiteral("joined")).isEmpty();
    }

    static QStringList hostileArgs(QStringList extra = {})
    {
        return QStringList{QStringLiteral("--rate-limits"), QStringLiteral("on")} + extra;
    }

private Q_SLOTS:
    void passwordGuessing()
    {
        TestServer server(hostileArgs());
        QVERIFY2(server.start(), qPrintable(server.output()));
        auto user = honestUser(server);
        QVERIFY(user);
        QCOMPARE(signUp(server.httpPort(), elsewhere(), QStringLiteral("victim")).status, 201);
        // Five wrong guesses are told so; then the name is limited, from anywhere, even
        // with the right password.
        for (int i = 0; i < 5; ++i)
            QCOMPARE(signIn(server.httpPort(), attacker(), QStringLiteral("victim"),
                            QStringLiteral("guess-%1-wrong").arg(i))
                         .status,
                     401);
        expectRateLimited(signIn(server.httpPort(), attacker(), QStringLiteral("victim"),
                                 QStringLiteral("guess-6-wrong")));
        expectRateLimited(signIn(server.httpPort(), attacker(), QStringLiteral("victim")));
        expectRateLimited(signIn(server.httpPort(), elsewhere(), QStringLiteral("victim")));
        // Only that name: the attacker's address may still sign others in.
        QCOMPARE(signUp(server.httpPort(), elsewhere(), QStringLiteral("bystander")).status, 201);
        QCOMPARE(signIn(server.httpPort(), attacker(), QStringLiteral("bystander")).status, 201);
        QVERIFY(stillServed(server, *user));
        QCOMPARE(server.terminate(), 0);
    }

    void guessedNamesFromOneAddress()
    {
        TestServer server(hostileArgs());
        QVERIFY2(server.start(), qPrintable(server.output()));
        auto user = honestUser(server);
        QVERIFY(user);
        QCOMPARE(signUp(server.httpPort(), elsewhere(), QStringLiteral("known")).status, 201);
        int unauthorized = 0;
        HttpReply limited;
        for (int i = 0; i < 24; ++i) {
            const HttpReply r
                = signIn(server.httpPort(), attacker(), QStringLiteral("nobody%1").arg(i));
            if (r.status == 401)
                ++unauthorized;
            else
                limited = r;
        }
        QCOMPARE(unauthorized, 20);
        expectRateLimited(limited);
        // The address is limited for any name now; the honest user elsewhere is not.
        expectRateLimited(signIn(server.httpPort(), attacker(), QStringLiteral("known")));
        QCOMPARE(signIn(server.httpPort(), elsewhere(), QStringLiteral("known")).status, 201);
        QVERIFY(stillServed(server, *user));
        QCOMPARE(server.terminate(), 0);
    }

    void accountFarm()
    {
        TestServer server(hostileArgs());
        QVERIFY2(server.start(), qPrintable(server.output()));
        auto user = honestUser(server);
        QVERIFY(user);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(signUp(server.httpPort(), attacker(), QStringLiteral("farm%1").arg(i)).status,
                     201);
        const HttpReply sixth = signUp(server.httpPort(), attacker(), QStringLiteral("farm5"));
        expectRateLimited(sixth);
        QVERIFY(sixth.json.value(u"retryAfterSeconds").toInt() > 30); // one a minute
        // Malformed sign-ups count too; another address may sign up.
        expectRateLimited(rawRequest(attacker(), server.httpPort(), "POST",
                                     QStringLiteral("/api/v1/accounts"), "{"));
        QCOMPARE(signUp(server.httpPort(), elsewhere(), QStringLiteral("newcomer")).status, 201);
        QVERIFY(stillServed(server, *user));
        QCOMPARE(server.terminate(), 0);
    }

    void roomFarm()
    {
        TestServer server(hostileArgs());
        QVERIFY2(server.start(), qPrintable(server.output()));
        auto user = honestUser(server);
        QVERIFY(user);
        QCOMPARE(signUp(server.httpPort(), attacker(), QStringLiteral("builder")).status, 201);
        const QByteArray builder = signIn(server.httpPort(), attacker(), QStringLiteral("builder"))
                                       .json.value(u"token")
                                       .toString()
                                       .toLatin1();
        for (int i = 0; i < 10; ++i)
            QCOMPARE(
                reserve(server.httpPort(), attacker(), builder, QStringLiteral("farm-%1").arg(i))
                    .status,
                201);
        const HttpReply eleventh
            = reserve(server.httpPort(), attacker(), builder, QStringLiteral("farm-10"));
        expectRateLimited(eleventh);
        QCOMPARE(eleventh.json.value(u"room").toString(), QStringLiteral("farm-10"));
        // Entering a room that exists does not count, even with create:true.
        QCOMPARE(
            reserve(server.httpPort(), attacker(), builder, QStringLiteral("honest-room")).status,
            201);
        QVERIFY(stillServed(server, *user)); // creates a room of its own
        QCOMPARE(server.terminate(), 0);
    }

    void roomListPolling()
    {
        TestServer server(hostileArgs());
        QVERIFY2(server.start(), qPrintable(server.output()));
        auto user = honestUser(server);
        QVERIFY(user);
        QCOMPARE(signUp(server.httpPort(), attacker(), QStringLiteral("poller")).status, 201);
        const QByteArray poller = signIn(server.httpPort(), attacker(), QStringLiteral("poller"))
                                      .json.value(u"token")
                                      .toString()
                                      .toLatin1();
        // 300 polls on one keep-alive connection, all sent at once.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server.httpPort());
        QVERIFY(socket.waitForConnected(5000));
        QByteArray requests;
        for (int i = 0; i < 300; ++i)
            requests += "GET /api/v1/rooms HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + poller
                + "\r\n\r\n";
        QElapsedTimer clock;
        clock.start();
        socket.write(requests);
        QByteArray answers;
        QVERIFY(QTest::qWaitFor(
            [&] {
                answers += socket.readAll();
                return answers.count("HTTP/1.1 ") >= 300;
            },
            60000));
        // Served: at most the burst and what the rate (--http-rate-per-user, default 20)
        // allows in the time the answers took, by this clock, which runs at least as long
        // as the server's work: the rest is refused, however slow the machine.
        constexpr qint64 kPerUser = 20;
        const qint64 served = 300 - answers.count("HTTP/1.1 429");
        const qint64 seconds = clock.elapsed() / 1000 + 1;
        QVERIFY2(served <= kPerUser + kPerUser * seconds,
                 qPrintable(QStringLiteral("%1 served in %2 s").arg(served).arg(seconds)));
        QVERIFY(answers.contains("\"code\":\"RATE_LIMITED\""));
        QVERIFY(answers.contains("Retry-After: "));
        QVERIFY(stillServed(server, *user));
        QCOMPARE(server.terminate(), 0);
    }

    void chatFlood()
    {
        TestServer server(hostileArgs());
        QVERIFY2(server.start(), qPrintable(server.output()));
        auto user = honestUser(server);
        QVERIFY(user);
        QCOMPARE(signUp(server.httpPort(), attacker(), QStringLiteral("spammer")).status, 201);
        const QByteArray spammer = signIn(server.httpPort(), attacker(), QStringLiteral("spammer"))
                                       .json.value(u"token")
                                       .toString()
                                       .toLatin1();
        const HttpReply entry
            = reserve(server.httpPort(), attacker(), spammer, QStringLiteral("honest-room"));
        QCOMPARE(entry.status, 201);
        RawWebSocket flood(attacker());
        QVERIFY(flood.open(entry.json.value(u"websocketUrl").toString()));
        QVERIFY(!flood.frameOfType(QStringLiteral("joined")).isEmpty());
        // Refused with error frames while it lasts; the honest member chats in the same room.
        QElapsedTimer clock;
        clock.start();
        bool honestSpoke = false;
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (int i = 0; i < 20; ++i)
                    flood.send({{QStringLiteral("type"), QStringLiteral("message")},
                                {QStringLiteral("text"), QStringLiteral("spam")}});
                if (!honestSpoke && clock.elapsed() > 1000) {
                    honestSpoke = true;
                    if (!stillServed(server, *user))
                        return true; // fails below
                }
                return flood.waitClosed(50);
            },
            30000));
        QVERIFY(honestSpoke);
        QCOMPARE(flood.closeCode(), 4429);
        const QJsonObject refusal = flood.frameOfType(QStringLiteral("error"));
        QCOMPARE(refusal.value(u"code").toString(), QStringLiteral("RATE_LIMITED"));
        QVERIFY(refusal.value(u"retryAfterSeconds").toInt() >= 1);
        QVERIFY(stillServed(server, *user));
        QCOMPARE(server.terminate(), 0);
    }

    void idleConnections()
    {
        TestServer server(hostileArgs());
        QVERIFY2(server.start(), qPrintable(server.output()));
        auto user = honestUser(server);
        QVERIFY(user);
        std::vector<std::unique_ptr<QTcpSocket>> idle;
        for (int i = 0; i < 300; ++i) {
            idle.push_back(std::make_unique<QTcpSocket>());
            idle.back()->connectToHost(QHostAddress::LocalHost, server.wsPort());
        }
        const auto open = [&idle] {
            return int(std::count_if(idle.cbegin(), idle.cend(), [](const auto &s) {
                return s->state() == QAbstractSocket::ConnectedState;
            }));
        };
        // The first 256 hold (until the handshake deadline); the newest are closed.
        QTRY_COMPARE_WITH_TIMEOUT(open(), 256, 10000);
        QVERIFY(stillServed(server, *user));
        QCOMPARE(open(), 256);
        idle.clear();
        QCOMPARE(server.terminate(), 0);
    }

    void slowLoris()
    {
        TestServer server(hostileArgs());
        QVERIFY2(server.start(), qPrintable(server.output()));
        auto user = honestUser(server);
        QVERIFY(user);
        QTcpSocket loris;
        loris.connectToHost(QHostAddress::LocalHost, server.httpPort());
        QVERIFY(loris.waitForConnected(5000));
        loris.write("GET /healthz HTTP/1.1\r\nHost: x\r\n");
        QElapsedTimer clock;
        clock.start();
        QByteArray answer;
        // A header line every half second, never the end: the request must be whole in 10 s.
        QVERIFY(QTest::qWaitFor(
            [&] {
                if (loris.state() == QAbstractSocket::ConnectedState)
                    loris.write("X-Slow: " + QByteArray::number(clock.elapsed()) + "\r\n");
                answer += loris.readAll();
                return loris.waitForDisconnected(500);
            },
            30000));
        answer += loris.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 408"), answer.constData());
        QVERIFY(clock.elapsed() >= 9000);
        QVERIFY(stillServed(server, *user));
        QCOMPARE(server.terminate(), 0);
    }

    void ticketOfAnotherUser()
    {
        TestServer server(hostileArgs());
        QVERIFY2(server.start(), qPrintable(server.output()));
        auto user = honestUser(server);
        QVERIFY(user);
        QCOMPARE(signUp(server.httpPort(), attacker(), QStringLiteral("mallory")).status, 201);
        const QByteArray mallory = signIn(server.httpPort(), attacker(), QStringLiteral("mallory"))
                                       .json.value(u"token")
                                       .toString()
                                       .toLatin1();
        const HttpReply entry
            = reserve(server.httpPort(), honest(), user->token, QStringLiteral("private-room"));
        QCOMPARE(entry.status, 201);
        const QString ticket = entry.json.value(u"ticket").toString();
        // Someone else's ticket cannot be cancelled (and the answer never says whose it is).
        const HttpReply cancel
            = rawRequest(attacker(), server.httpPort(), "DELETE",
                         QStringLiteral("/api/v1/entries/") + ticket, {}, mallory);
        QCOMPARE(cancel.status, 404);
        QCOMPARE(cancel.code(), QStringLiteral("RESERVATION_NOT_FOUND"));
        // The ticket is its user's: whoever presents it enters as that user, once.
        RawWebSocket first(honest());
        QVERIFY(first.open(entry.json.value(u"websocketUrl").toString()));
        QCOMPARE(first.frameOfType(QStringLiteral("joined")).value(u"you").toString(),
                 QStringLiteral("honest"));
        RawWebSocket replay(attacker());
        QVERIFY(replay.open(entry.json.value(u"websocketUrl").toString()));
        QVERIFY(replay.waitClosed());
        QCOMPARE(replay.closeCode(), 4409);
        QVERIFY(stillServed(server, *user));
        QCOMPARE(server.terminate(), 0);
    }

    void crossOriginUpgrade()
    {
        TestServer server(hostileArgs(
            {QStringLiteral("--allowed-origins"), QStringLiteral("https://chat.example.org")}));
        QVERIFY2(server.start(), qPrintable(server.output()));
        auto user = honestUser(server); // no Origin, like the desktop app
        QVERIFY(user);
        const HttpReply entry
            = reserve(server.httpPort(), honest(), user->token, QStringLiteral("origin-room"));
        QCOMPARE(entry.status, 201);
        const QUrl url(entry.json.value(u"websocketUrl").toString());
        const auto upgrade = [&](const QByteArray &origin) {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(url.port()));
            s.waitForConnected(5000);
            s.write("GET /ws?" + url.query(QUrl::FullyEncoded).toLatin1()
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: "
                      "Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                      "dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: "
                    + origin + "\r\n\r\n");
            QByteArray answer;
            (void)QTest::qWaitFor(
                [&] {
                    answer += s.readAll();
                    return answer.contains("\r\n\r\n")
                        && (answer.startsWith("HTTP/1.1 101")
                            || s.state() != QAbstractSocket::ConnectedState);
                },
                5000);
            return answer;
        };
        // A page of another origin cannot ride the user's ticket; the ticket stays unused.
        const QByteArray foreign = upgrade("https://evil.example");
        QVERIFY2(foreign.startsWith("HTTP/1.1 403"), foreign.constData());
        QVERIFY(foreign.contains("\"code\":\"FORBIDDEN\""));
        const QByteArray allowed = upgrade("https://chat.example.org");
        QVERIFY2(allowed.startsWith("HTTP/1.1 101"), allowed.constData());
        QVERIFY(stillServed(server, *user));
        QCOMPARE(server.terminate(), 0);
    }

    void socketsPerUser()
    {
        TestServer server(hostileArgs({QStringLiteral("--sockets-per-user"), QStringLiteral("2")}));
        QVERIFY2(server.start(), qPrintable(server.output()));
        auto user = honestUser(server); // one socket
        QVERIFY(user);
        const HttpReply second
            = reserve(server.httpPort(), honest(), user->token, QStringLiteral("two"));
        RawWebSocket two(honest());
        QVERIFY(two.open(second.json.value(u"websocketUrl").toString()));
        QVERIFY(!two.frameOfType(QStringLiteral("joined")).isEmpty());
        const HttpReply third
            = reserve(server.httpPort(), honest(), user->token, QStringLiteral("three"));
        QCOMPARE(third.status, 201);
        RawWebSocket three(honest());
        QVERIFY(three.open(third.json.value(u"websocketUrl").toString()));
        const QJsonObject refusal = three.frameOfType(QStringLiteral("error"));
        QCOMPARE(refusal.value(u"code").toString(), QStringLiteral("RATE_LIMITED"));
        QVERIFY(refusal.value(u"retryAfterSeconds").toInt() >= 1);
        QVERIFY(three.waitClosed());
        QCOMPARE(three.closeCode(), 4429);
        QCOMPARE(server.terminate(), 0);
    }

    void trustedProxyNamesTheClient()
    {
        TestServer server(
            hostileArgs({QStringLiteral("--trusted-proxy"), QStringLiteral("127.0.0.1"),
                         QStringLiteral("--accounts-per-address"), QStringLiteral("2")}));
        QVERIFY2(server.start(), qPrintable(server.output()));
        const auto viaProxy = [&](const QHostAddress &from, const QByteArray &client, int i) {
            QTcpSocket s;
            s.bind(from);
            s.connectToHost(QHostAddress::LocalHost, server.httpPort());
            s.waitForConnected(5000);
            const QByteArray body = credentials(QStringLiteral("proxied%1").arg(i));
            s.write("POST /api/v1/accounts HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    "X-Forwarded-For: "
                    + client + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            QByteArray answer;
            (void)QTest::qWaitFor(
                [&] {
                    answer += s.readAll();
                    return s.state() != QAbstractSocket::ConnectedState;
                },
                10000);
            return answer.mid(9, 3).toInt();
        };
        // Behind the trusted proxy, each client counts on its own.
        QCOMPARE(viaProxy(attacker(), "10.0.0.5", 1), 201);
        QCOMPARE(viaProxy(attacker(), "10.0.0.5", 2), 201);
        QCOMPARE(viaProxy(attacker(), "10.0.0.5", 3), 429);
        QCOMPARE(viaProxy(attacker(), "203.0.113.9, 10.0.0.6", 4), 201);
        // A peer that is no trusted proxy cannot choose its address by the header.
        QCOMPARE(viaProxy(honest(), "10.0.0.7", 5), 201);
        QCOMPARE(viaProxy(honest(), "10.0.0.8", 6), 201);
        QCOMPARE(viaProxy(honest(), "10.0.0.9", 7), 429);
        QCOMPARE(server.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
