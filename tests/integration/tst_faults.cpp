// SPDX-License-Identifier: MIT
#include "tests/common/testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QTcpSocket>
#include <QTest>

using namespace roomgate::test;

/**
 * A killed server loses nothing it acknowledged and sells no seat twice: SIGKILL in the
 * middle of a chat burst and a reservation storm, then a restart on the same data, in a
 * loop. Every message whose echo (with its id) reached its sender is in the history
 * (I6); no room holds more members and live reservations than its capacity, and the
 * storm never granted more than that (I1).
 */
class TestFaults : public QObject
{
    Q_OBJECT

    static constexpr int kCapacity = 5;
    static constexpr int kStormUsers = 24;
    static constexpr int kMessages = 40;

    /** Sends a reserve for each token at once; the sockets carry the answers. */
    static QList<QTcpSocket *> fireStorm(quint16 port, const QString &room,
                                         const QList<QByteArray> &tokens, QObject *parent)
    {
        QList<QTcpSocket *> sockets;
        const QByteArray body
            = QByteArray(R"({"create":true,"capacity":)") + QByteArray::number(kCapacity) + '}';
        for (const QByteArray &token : tokens) {
            auto *s = new QTcpSocket(parent);
            s->connectToHost(QHostAddress::LocalHost, port);
            s->write("POST /api/v1/rooms/" + room.toUtf8()
                     + "/entries HTTP/1.1\r\nHost: x\r\n"
                       "Connection: close\r\nAuthorization: Bearer "
                     + token + "\r\nContent-Type: application/json\r\nContent-Length: "
                     + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            sockets.append(s);
        }
        return sockets;
    }

    static int granted(const QList<QTcpSocket *> &sockets)
    {
        int n = 0;
        for (QTcpSocket *s : sockets) {
            if (s->peek(64).startsWith("HTTP/1.1 201"))
                ++n;
        }
        return n;
    }

private Q_SLOTS:
    void killedMidBurstLosesNothingAcknowledged_data()
    {
        QTest::addColumn<int>("killAfterAcks");
        QTest::newRow("early") << 3;
        QTest::newRow("midway") << 15;
        QTest::newRow("late") << 30;
    }

    void killedMidBurstLosesNothingAcknowledged()
    {
        QFETCH(int, killAfterAcks);
        TestServer server({QStringLiteral("--rate-limits"), QStringLiteral("off")});
        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi api(server.httpPort());
        QList<QByteArray> stormTokens;
        for (int i = 0; i < kStormUsers; ++i)
            stormTokens.append(api.userToken(QStringLiteral("storm%1").arg(i)));
        const QByteArray talker = api.userToken(QStringLiteral("talker"));
        const HttpReply entry = api.reserve(talker, QStringLiteral("chat"), true, kCapacity);
        QCOMPARE(entry.status, 201);
        TestSocket socket;
        socket.open(entry.json.value(u"websocketUrl").toString());
        QVERIFY(!socket.frameOfType(QStringLiteral("joined")).isEmpty());

        // The burst and the storm at once; the kill comes once some messages are acked.
        for (int i = 0; i < kMessages; ++i) {
            socket.send({{QStringLiteral("type"), QStringLiteral("message")},
                         {QStringLiteral("text"), QStringLiteral("m%1").arg(i)},
                         {QStringLiteral("clientId"), QStringLiteral("c%1").arg(i)}});
        }
        const QList<QTcpSocket *> storm
            = fireStorm(server.httpPort(), QStringLiteral("storm"), stormTokens, this);
        QSet<qint64> acked;
        const auto countAcks = [&] {
            for (const QJsonObject &frame : socket.frames()) {
                if (frame.value(u"type").toString() == QLatin1String("message"))
                    acked.insert(frame.value(u"id").toInteger());
            }
            return acked.size();
        };
        QVERIFY(QTest::qWaitFor([&] { return countAcks() >= killAfterAcks; }, 20000));
        server.kill();
        countAcks(); // whatever arrived before the process was gone
        QVERIFY(QTest::qWaitFor([&] { return socket.isClosed(); }, 10000));
        const int stormGranted = granted(storm);
        qDeleteAll(storm);
        QVERIFY2(stormGranted <= kCapacity, qPrintable(QString::number(stormGranted)));

        // The store the killed process left keeps every invariant.
        QProcess verify;
        verify.start(TestServer::binary(),
                     {QStringLiteral("--verify"), QStringLiteral("--data-dir"), server.dataDir()});
        QVERIFY(verify.waitForFinished(30000));
        QVERIFY2(verify.exitCode() == 0, verify.readAllStandardOutput().constData());

        // Restart on the same data: everything acknowledged is there.
        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi again(server.httpPort());
        const QByteArray reader = again.userToken(QStringLiteral("reader"));
        const HttpReply readerEntry = again.reserve(reader, QStringLiteral("chat"), false);
        QCOMPARE(readerEntry.status, 201);
        TestSocket readerSocket;
        readerSocket.open(readerEntry.json.value(u"websocketUrl").toString());
        const QJsonObject joined = readerSocket.frameOfType(QStringLiteral("joined"));
        QVERIFY(!joined.isEmpty());
        QSet<qint64> stored;
        for (const QJsonValue &m : joined.value(u"history").toArray())
            stored.insert(m.toObject().value(u"id").toInteger());
        for (qint64 id : std::as_const(acked))
            QVERIFY2(stored.contains(id), qPrintable(QStringLiteral("lost message %1").arg(id)));

        // No room over its capacity; the dead run's member seat was freed at start.
        const HttpReply rooms = again.request("GET", QStringLiteral("/api/v1/rooms"), {}, reader);
        for (const QJsonValue &v : rooms.json.value(u"rooms").toArray()) {
            const QJsonObject room = v.toObject();
            QVERIFY2(room.value(u"occupants").toInt() + room.value(u"reserved").toInt()
                         <= room.value(u"capacity").toInt(),
                     QJsonDocument(room).toJson().constData());
        }
        QCOMPARE(server.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
