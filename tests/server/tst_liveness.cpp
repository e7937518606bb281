// SPDX-License-Identifier: MIT
#include "server/app/servercore.h"
#include "server/realtime/gateway.h"
#include "tests/common/testserver.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace roomgate;
using namespace roomgate::server;
using namespace roomgate::test;

/**
 * Pings and idle drops run on the node's monotonic clock, here a ManualClock the test
 * moves: a member silent for 90 s of that clock (the test takes a second of wall time) is
 * dropped with 4000 and its seat freed, and a member that answers the pings stays however
 * long the clock runs.
 */
class TestLiveness : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ManualClock m_clock;
    std::unique_ptr<ServerCore> m_core;
    std::unique_ptr<TestApi> m_api;
    int m_users = 0;
    /** How long a socket that should stay open is watched: a loopback round trip, amply. */
    static constexpr int kQuietMs = 500;

    /** The housekeeping pass the gateway's timer runs, now. */
    void housekeeping() { m_core->gateway()->checkLiveness(); }

    std::unique_ptr<TestSocket> join(const QString &room)
    {
        const QByteArray token = m_api->userToken(QStringLiteral("u%1").arg(++m_users));
        const HttpReply reply = m_api->reserve(token, room);
        if (reply.status != 201)
            return nullptr;
        auto socket = std::make_unique<TestSocket>();
        socket->open(reply.json.value(u"websocketUrl").toString());
        if (socket->frameOfType(QStringLiteral("joined")).isEmpty())
            return nullptr;
        return socket;
    }

    int occupants(const QString &room)
    {
        const HttpReply r = m_api->request("GET", QStringLiteral("/api/v1/rooms"), {},
                                           m_api->userToken(QStringLiteral("observer")));
        for (const QJsonValue &v : r.json.value(u"rooms").toArray()) {
            if (v.toObject().value(u"name").toString() == room)
                return v.toObject().value(u"occupants").toInt();
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        ServerConfig config;
        const auto parsed = ServerConfig::parse(
            {QStringLiteral("roomgate-server"), QStringLiteral("--headless"),
             QStringLiteral("--http-port"), QStringLiteral("0"), QStringLiteral("--ws-port"),
             QStringLiteral("0"), QStringLiteral("--data-dir"), m_dir.path(),
             QStringLiteral("--password-cost"), QStringLiteral("minimum"),
             QStringLiteral("--rate-limits"), QStringLiteral("off"),
             // The clock jumps minutes ahead of the lease renewals (real timers): a lease
             // longer than every jump keeps the node admitting.
             QStringLiteral("--node-lease"), QStringLiteral("3600")},
            QProcessEnvironment(), &config);
        QVERIFY2(parsed.run, qPrintable(parsed.message));
        m_core = std::make_unique<ServerCore>(config, m_clock);
        QVERIFY2(m_core->open(), qPrintable(m_core->errorString()));
        QVERIFY2(m_core->start(), qPrintable(m_core->errorString()));
        m_api = std::make_unique<TestApi>(m_core->httpPort());
    }

    void cleanupTestCase()
    {
        bool stopped = false;
        m_core->stop([&stopped] { stopped = true; });
        QTRY_VERIFY_WITH_TIMEOUT(stopped, 15000);
        m_core.reset();
    }

    void silentMemberIsDroppedOnTheNodesClock()
    {
        auto silent = join(QStringLiteral("quiet"));
        QVERIFY(silent);
        QCOMPARE(occupants(QStringLiteral("quiet")), 1);
        // 90 s pass on the node's clock in one step, before a ping could be answered.
        m_clock.advance(90'000);
        housekeeping();
        QVERIFY(silent->waitClosed(5000));
        QCOMPARE(silent->closeCode(), 4000);
        QCOMPARE(silent->frames().last().value(u"code").toString(), QStringLiteral("IDLE_TIMEOUT"));
        // The seat is free before the close says so.
        QCOMPARE(occupants(QStringLiteral("quiet")), 0);
    }

    void memberThatAnswersPingsStays()
    {
        auto alive = join(QStringLiteral("lively"));
        QVERIFY(alive);
        // Each step passes a ping interval; the client's pong keeps it alive, and 4 steps
        // add up to more than the idle timeout.
        for (int step = 0; step < 4; ++step) {
            m_clock.advance(31'000);
            housekeeping();
            QVERIFY(!alive->waitClosed(kQuietMs));
        }
        QCOMPARE(occupants(QStringLiteral("lively")), 1);
        alive->send({{QStringLiteral("type"), QStringLiteral("leave")}});
        QVERIFY(alive->waitClosed());
        QCOMPARE(alive->closeCode(), 1000);
        QCOMPARE(occupants(QStringLiteral("lively")), 0);
    }
};

QTEST_GUILESS_MAIN(TestLiveness)
#include "tst_liveness.moc"
