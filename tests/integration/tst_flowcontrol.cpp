// SPDX-License-Identifier: MIT
#include "tests/common/rawclients.h"
#include "tests/common/testserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

using namespace roomgate::test;

/**
 * Flow control of contract v1.1 against the real binary, with honest clients on other
 * loopback addresses (127.0.0.2, 127.0.0.3): a reader that never reads is dropped with its
 * seat freed while the others keep chatting and memory stays bounded; a connection that
 * never completes its upgrade is closed at the handshake deadline; a leave during a
 * storage lock frees the seat once the lock is gone; a sign-in flood is shed while an
 * honest sign-in is answered; connections per address are bounded.
 */
class TestFlowControl : public QObject
{
    Q_OBJECT

    static const QHostAddress &second()
    {
        static const QHostAddress address(QStringLiteral("127.0.0.2"));
        return address;
    }
    static const QHostAddress &third()
    {
        static const QHostAddress address(QStringLiteral("127.0.0.3"));
        return address;
    }

    /** VmRSS of @p pid in KiB, from /proc. */
    static qint64 rssKiB(qint64 pid)
    {
        QFile status(QStringLiteral("/proc/%1/status").arg(pid));
        if (!status.open(QIODevice::ReadOnly))
            return -1;
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                return line.mid(6).trimmed().split(' ').first().toLongLong();
        }
        return -1;
    }

    /** Registers and signs in @p name from @p from; the token. */
    static QByteArray token(quint16 port, const QString &name, const QHostAddress &from)
    {
        const QJsonObject credentials{
            {QStringLiteral("username"), name},
            {QStringLiteral("password"), QString(QStringLiteral("password-") + name)}};
        const QByteArray body = QJsonDocument(credentials).toJson(QJsonDocument::Compact);
        rawRequest(from, port, "POST", QStringLiteral("/api/v1/accounts"), body);
        return rawRequest(from, port, "POST", QStringLiteral("/api/v1/sessions"), body)
            .json.value(u"token")
            .toString()
            .toLatin1();
    }

    /** A member of @p room from @p from (reading, unless @p readBuffer is set). */
    static std::unique_ptr<RawWebSocket> member(const TestServer &server, const QString &name,
                                                const QString &room, const QHostAddress &from,
                                                qint64 readBuffer = 0)
    {
        const QByteArray t = token(server.httpPort(), name, from);
        const HttpReply reserved = rawRequest(from, server.httpPort(), "POST",
                                              QStringLiteral("/api/v1/rooms/%1/entries").arg(room),
                                              R"({"create":true,"capacity":10})", t);
        if (reserved.status != 201 && reserved.status != 200)
            return nullptr;
        auto socket = std::make_unique<RawWebSocket>(from);
        if (readBuffer > 0)
            socket->setReceiveBuffer(4096);
        if (!socket->open(reserved.json.value(u"websocketUrl").toString()))
            return nullptr;
        if (readBuffer > 0) {
            // The joined frame is the last thing it reads.
            if (socket->frameOfType(QStringLiteral("joined")).isEmpty())
                return nullptr;
            socket->socket().setReadBufferSize(readBuffer);
            socket->stopReading();
            return socket;
        }
        if (socket->frameOfType(QStringLiteral("joined")).isEmpty())
            return nullptr;
        return socket;
    }

    static int occupants(const TestServer &server, const QString &room, const QByteArray &token)
    {
        const HttpReply r = rawRequest(second(), server.httpPort(), "GET",
                                       QStringLiteral("/api/v1/rooms"), {}, token);
        for (const QJsonValue &v : r.json.value(u"rooms").toArray()) {
            if (v.toObject().value(u"name").toString() == room)
                return v.toObject().value(u"occupants").toInt();
        }
        return -1;
    }

private Q_SLOTS:
    void readerThatNeverReadsIsDroppedWhileOthersChat()
    {
        constexpr qint64 kLimit = 64 * 1024;
        TestServer server({QStringLiteral("--send-buffer-limit"), QString::number(kLimit),
                           QStringLiteral("--rate-limits"), QStringLiteral("off")});
        // Built with AddressSanitizer (scripts/test-sanitized.sh), the server would keep
        // what it frees in a quarantine of up to 256 MB and give each thread fake stacks,
        // and its size below would measure those: this one has neither. Without the
        // sanitizer the variable means nothing.
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("ASAN_OPTIONS"),
                           environment.value(QStringLiteral("ASAN_OPTIONS"))
                               + QStringLiteral(":quarantine_size_mb=0:thread_local_quarantine_"
                                                "size_kb=0:detect_stack_use_after_return=0"));
        server.setEnvironment(environment);
        QVERIFY2(server.start(), qPrintable(server.output()));
        const QString room = QStringLiteral("busy");
        auto stalled
            = member(server, QStringLiteral("stalled"), room, QHostAddress::LocalHost, 1024);
        QVERIFY(stalled);
        auto listener = member(server, QStringLiteral("listener"), room, second());
        QVERIFY(listener);
        auto talker = member(server, QStringLiteral("talker"), room, third());
        QVERIFY(talker);
        const QByteArray observer = token(server.httpPort(), QStringLiteral("observer"), second());
        QCOMPARE(occupants(server, room, observer), 3);
        const qint64 pid = server.process().processId();
        const qint64 before = rssKiB(pid);

        // Big messages until the stalled reader's kernel buffers are full and its unsent
        // output passes the limit; every message reaches the listener meanwhile.
        const QString text(3000, QLatin1Char('x'));
        int sent = 0;
        // The stalled reader cannot tell (it reads nothing, not even its close): the server's
        // log and the seat say it was dropped.
        const auto dropped
            = [&server] { return server.output().contains(QStringLiteral("slow consumer")); };
        while (!dropped() && sent < 6000) {
            for (int i = 0; i < 100; ++i, ++sent)
                talker->send({{QStringLiteral("type"), QStringLiteral("message")},
                              {QStringLiteral("text"), text},
                              {QStringLiteral("clientId"), QString::number(sent)}});
            QTRY_VERIFY_WITH_TIMEOUT(listener->frames().size() >= sent, 20000);
        }
        QVERIFY2(dropped(), qPrintable(QString::number(sent)));
        // Its seat is free; the others are still in and chatting.
        QTRY_COMPARE_WITH_TIMEOUT(occupants(server, room, observer), 2, 5000);
        talker->send({{QStringLiteral("type"), QStringLiteral("message")},
                      {QStringLiteral("text"), QStringLiteral("still here")}});
        QTRY_VERIFY_WITH_TIMEOUT(listener->frames().last().value(u"text").toString()
                                     == QStringLiteral("still here"),
                                 10000);
        // What the reader did not take cost at most its send buffer (plus some slack for
        // the allocator and the work done meanwhile).
        const qint64 after = rssKiB(pid);
        QVERIFY2(after - before <= kLimit / 1024 + 16 * 1024,
                 qPrintable(QStringLiteral("%1 KiB -> %2 KiB").arg(before).arg(after)));
        QCOMPARE(server.terminate(), 0);
    }

    void upgradeMustBeCompleteByTheHandshakeDeadline()
    {
        TestServer server({QStringLiteral("--handshake-timeout"), QStringLiteral("1")});
        QVERIFY2(server.start(), qPrintable(server.output()));
        QTcpSocket silent;
        silent.connectToHost(QHostAddress::LocalHost, server.wsPort());
        QVERIFY(silent.waitForConnected(5000));
        QTcpSocket half;
        half.connectToHost(QHostAddress::LocalHost, server.wsPort());
        QVERIFY(half.waitForConnected(5000));
        half.write("GET /ws?ticket=x HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: webs");
        QTRY_COMPARE_WITH_TIMEOUT(silent.state(), QAbstractSocket::UnconnectedState, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(half.state(), QAbstractSocket::UnconnectedState, 10000);
        // An honest client within the deadline gets in as usual.
        auto honest = member(server, QStringLiteral("honest"), QStringLiteral("hall"), second());
        QVERIFY(honest);
        QCOMPARE(server.terminate(), 0);
    }

    void leaveDuringStorageLockFreesTheSeatAfterwards()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.output()));
        const QString room = QStringLiteral("locked");
        const QByteArray alice = token(server.httpPort(), QStringLiteral("alice"), second());
        const QByteArray observer = token(server.httpPort(), QStringLiteral("observer"), second());
        auto reserve = [&] {
            return rawRequest(second(), server.httpPort(), "POST",
                              QStringLiteral("/api/v1/rooms/%1/entries").arg(room),
                              R"({"create":true,"capacity":2})", alice);
        };
        const HttpReply first = reserve();
        QCOMPARE(first.status, 201);
        auto socket = std::make_unique<RawWebSocket>(second());
        QVERIFY(socket->open(first.json.value(u"websocketUrl").toString()));
        QVERIFY(!socket->frameOfType(QStringLiteral("joined")).isEmpty());

        // Another process holds the write lock past the server's busy timeout (5 s).
        QSqlDatabase locker
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("locker"));
        locker.setDatabaseName(server.databasePath());
        QVERIFY(locker.open());
        QSqlQuery lock(locker);
        QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
        socket->socket().abort(); // the member vanishes
        // The ending is refused, kept and retried; reads go on meanwhile.
        QTRY_VERIFY_WITH_TIMEOUT(server.output().contains(QStringLiteral("trying again")), 15000);
        QCOMPARE(occupants(server, room, observer), 1);
        QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
        lock = QSqlQuery();
        locker.close();
        locker = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("locker"));

        // Free within a second of storage answering; no ALREADY_IN_ROOM for her.
        QTRY_COMPARE_WITH_TIMEOUT(occupants(server, room, observer), 0, 3000);
        QCOMPARE(reserve().status, 201);
        QCOMPARE(server.terminate(), 0);
    }

    void signInFloodIsShedWhileAnHonestSignInIsAnswered()
    {
        TestServer server({QStringLiteral("--password-cost"), QStringLiteral("interactive"),
                           QStringLiteral("--rate-limits"), QStringLiteral("off")});
        QVERIFY2(server.start(), qPrintable(server.output()));
        const QByteArray honest = R"({"username":"honest","password":"password-honest"})";
        QCOMPARE(rawRequest(second(), server.httpPort(), "POST", QStringLiteral("/api/v1/accounts"),
                            honest)
                     .status,
                 201);

        // 120 sign-ins at once from one address, far more than its share of the hash queue.
        const QByteArray guess = R"({"username":"victim","password":"not-the-password"})";
        QList<QTcpSocket *> flood;
        for (int i = 0; i < 120; ++i) {
            auto *s = new QTcpSocket(this);
            s->connectToHost(QHostAddress::LocalHost, server.httpPort());
            s->write("POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                     "Content-Type: application/json\r\nContent-Length: "
                     + QByteArray::number(guess.size()) + "\r\n\r\n" + guess);
            flood.append(s);
        }
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(flood.cbegin(), flood.cend(),
                                             [](QTcpSocket *s) {
                                                 return s->state()
                                                     == QAbstractSocket::ConnectedState;
                                             }),
                                 10000);
        // The honest user, from elsewhere, signs in meanwhile.
        const HttpReply answer = rawRequest(second(), server.httpPort(), "POST",
                                            QStringLiteral("/api/v1/sessions"), honest, {}, 60000);
        QCOMPARE(answer.status, 201);

        // Much of the flood was shed at once with 503 and Retry-After.
        int shed = 0;
        for (QTcpSocket *s : std::as_const(flood)) {
            // Each is answered, then closed (Connection: close).
            QVERIFY(QTest::qWaitFor([s] { return s->state() == QAbstractSocket::UnconnectedState; },
                                    60000));
            const QByteArray reply = s->readAll();
            if (reply.startsWith("HTTP/1.1 503")) {
                QVERIFY(reply.contains("Retry-After: "));
                QVERIFY(reply.contains("UNAVAILABLE"));
                ++shed;
            }
        }
        QVERIFY2(shed >= 60, qPrintable(QString::number(shed)));
        qDeleteAll(flood);
        QCOMPARE(server.terminate(), 0);
    }

    void connectionsPerAddressAreBounded()
    {
        TestServer server({QStringLiteral("--connections-per-address"), QStringLiteral("5")});
        QVERIFY2(server.start(), qPrintable(server.output()));
        // Five WebSocket connections that hold; the sixth from the same address is closed.
        QList<QTcpSocket *> held;
        for (int i = 0; i < 5; ++i) {
            auto *s = new QTcpSocket(this);
            s->connectToHost(QHostAddress::LocalHost, server.wsPort());
            QVERIFY(s->waitForConnected(5000));
            held.append(s);
        }
        QTcpSocket sixth;
        sixth.connectToHost(QHostAddress::LocalHost, server.wsPort());
        QTRY_COMPARE_WITH_TIMEOUT(sixth.state(), QAbstractSocket::UnconnectedState, 5000);
        // HTTP: the sixth is told 429 before it is closed.
        QList<QTcpSocket *> httpHeld;
        for (int i = 0; i < 5; ++i) {
            auto *s = new QTcpSocket(this);
            s->connectToHost(QHostAddress::LocalHost, server.httpPort());
            QVERIFY(s->waitForConnected(5000));
            httpHeld.append(s);
        }
        const HttpReply refused = rawRequest(QHostAddress::LocalHost, server.httpPort(), "GET",
                                             QStringLiteral("/healthz"));
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.code(), QStringLiteral("RATE_LIMITED"));
        QVERIFY(!refused.retryAfter.isEmpty());
        // Another address is not affected, on either port.
        QCOMPARE(rawRequest(second(), server.httpPort(), "GET", QStringLiteral("/healthz")).status,
                 200);
        auto honest = member(server, QStringLiteral("honest"), QStringLiteral("hall"), second());
        QVERIFY(honest);
        // A connection that ends gives its place back, once the server saw it end.
        delete held.takeFirst();
        std::unique_ptr<QTcpSocket> again;
        const auto admitted = [&] {
            again = std::make_unique<QTcpSocket>();
            again->connectToHost(QHostAddress::LocalHost, server.wsPort());
            return again->waitForConnected(5000) && !again->waitForDisconnected(200);
        };
        // Not QTRY: each try opens a connection, which must not be tried again once in.
        QVERIFY(QTest::qWaitFor(admitted, 5000));
        qDeleteAll(held);
        qDeleteAll(httpHeld);
        QCOMPARE(server.terminate(), 0);
    }

    void endedConnectionsGiveTheirPlaceBack()
    {
        // One address (a NAT of many users) opens far more WebSockets over time than it may
        // hold at once: each one that ends gives its place back (upgraded ones too).
        constexpr int kLimit = 3;
        TestServer server({QStringLiteral("--connections-per-address"), QString::number(kLimit)});
        QVERIFY2(server.start(), qPrintable(server.output()));
        const QString url
            = QStringLiteral("ws://127.0.0.1:%1/ws?ticket=not-a-ticket").arg(server.wsPort());
        for (int i = 0; i < 4 * kLimit; ++i) {
            RawWebSocket socket(second());
            QVERIFY2(socket.open(url), qPrintable(QString::number(i)));
            QCOMPARE(socket.frameOfType(QStringLiteral("error")).value(u"code").toString(),
                     QStringLiteral("TICKET_INVALID"));
            QVERIFY(socket.waitClosed());
        }
        // The same on the HTTP port: a connection each.
        for (int i = 0; i < 4 * kLimit; ++i)
            QCOMPARE(
                rawRequest(second(), server.httpPort(), "GET", QStringLiteral("/healthz")).status,
                200);
        // And upgraded connections that end the usual way: members who leave (one more than
        // the limit; no more, as each is an account and sign-ups per address are limited).
        for (int i = 0; i < kLimit + 1; ++i) {
            auto socket
                = member(server, QStringLiteral("nat%1").arg(i), QStringLiteral("hall"), third());
            QVERIFY2(socket, qPrintable(QString::number(i)));
            socket->send({{QStringLiteral("type"), QStringLiteral("leave")}});
            QVERIFY(socket->waitClosed());
        }
        QCOMPARE(server.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(TestFlowControl)
#include "tst_flowcontrol.moc"
