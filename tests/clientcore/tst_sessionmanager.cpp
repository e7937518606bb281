// SPDX-License-Identifier: MIT
#include "client/core/sessionmanager.h"
#include "tests/common/testserver.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace roomgate;
using namespace roomgate::client;
using namespace roomgate::test;

using State = RoomSession::State;

/** Several rooms at once for one user, against a real server. */
class TestSessionManager : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestApi> m_api;
    QByteArray m_observer;

    int occupants(const QString &name)
    {
        const HttpReply list
            = m_api->request("GET", QStringLiteral("/api/v1/rooms"), {}, m_observer);
        for (const QJsonValue &r : list.json.value(u"rooms").toArray()) {
            if (r.toObject().value(u"name").toString() == name)
                return r.toObject().value(u"occupants").toInt();
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_api = std::make_unique<TestApi>(m_server->httpPort());
        m_observer = m_api->userToken(QStringLiteral("observer"));
    }

    void cleanupTestCase() { QCOMPARE(m_server->terminate(), 0); }

    void roomKeys_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("same");
        QTest::newRow("case") << QStringLiteral("Lobby") << QStringLiteral("lOBBY") << true;
        QTest::newRow("trimmed") << QStringLiteral(" Lobby ") << QStringLiteral("lobby") << true;
        QTest::newRow("NFC") << QStringLiteral("Caf\u00e9") << QStringLiteral("cafe\u0301") << true;
        QTest::newRow("different") << QStringLiteral("Lobby") << QStringLiteral("Lobby 2") << false;
        QTest::newRow("invalid names stay apart")
            << QStringLiteral("a/b") << QStringLiteral("A/B") << false;
    }
    void roomKeys()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, same);
        QCOMPARE(SessionManager::roomKey(a) == SessionManager::roomKey(b), same);
    }

    void severalRoomsAtOnce()
    {
        ApiClient api(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->httpPort())));
        api.setToken(QString::fromLatin1(m_api->userToken(QStringLiteral("multi"))));
        SessionManager manager(&api);
        QSignalSpy added(&manager, &SessionManager::sessionAdded);
        QSignalSpy removed(&manager, &SessionManager::sessionRemoved);

        RoomSession *tea = manager.open(QStringLiteral("Tea"), {true, 4});
        RoomSession *games = manager.open(QStringLiteral("Games 한"), {true, 4});
        QVERIFY(tea && games && tea != games);
        QCOMPARE(added.size(), 2);
        QCOMPARE(manager.count(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(tea->state(), State::Joined, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(games->state(), State::Joined, 10000);
        QCOMPARE(occupants(QStringLiteral("Tea")), 1);
        QCOMPARE(occupants(QStringLiteral("Games 한")), 1);

        // The same room under another spelling is the same session, left as it is.
        QCOMPARE(manager.open(QStringLiteral(" tea ")), tea);
        QCOMPARE(manager.session(QStringLiteral("TEA")), tea);
        QCOMPARE(added.size(), 1 + 1);
        QCOMPARE(tea->state(), State::Joined);

        // Closing one leaves the other alone.
        QSignalSpy teaGone(tea, &QObject::destroyed);
        manager.close(QStringLiteral("Tea"));
        QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, 10000);
        QCOMPARE(removed.at(0).at(0).toString(), QStringLiteral("Tea"));
        QVERIFY(!manager.session(QStringLiteral("Tea")));
        QTRY_COMPARE_WITH_TIMEOUT(teaGone.size(), 1, 10000);
        QCOMPARE(occupants(QStringLiteral("Tea")), 0);
        QCOMPARE(games->state(), State::Joined);
        QCOMPARE(manager.sessions(), QList<RoomSession *>{games});

        manager.leaveAll();
        QTRY_COMPARE_WITH_TIMEOUT(games->state(), State::Idle, 10000);
        QCOMPARE(occupants(QStringLiteral("Games 한")), 0);
        QCOMPARE(manager.count(), 1); // left, still listed until closed

        // A failed entry can be opened again, and closed at once.
        RoomSession *missing = manager.open(QStringLiteral("nowhere"), {false, 4});
        QTRY_COMPARE_WITH_TIMEOUT(missing->state(), State::Failed, 10000);
        QCOMPARE(missing->failure().code, ErrorCode::RoomNotFound);
        manager.close(QStringLiteral("nowhere"));
        QVERIFY(!manager.session(QStringLiteral("nowhere")));
    }

    void reopenedWhileLeavingEntersAgain()
    {
        ApiClient api(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->httpPort())));
        api.setToken(QString::fromLatin1(m_api->userToken(QStringLiteral("reopener"))));
        SessionManager manager(&api);
        QSignalSpy added(&manager, &SessionManager::sessionAdded);
        QSignalSpy removed(&manager, &SessionManager::sessionRemoved);
        RoomSession *cafe = manager.open(QStringLiteral("Cafe"), {true, 4});
        QTRY_COMPARE_WITH_TIMEOUT(cafe->state(), State::Joined, 10000);

        // The tab is closed and the room entered again at once: the same session comes
        // back in once the server has its goodbye, and is not removed.
        manager.close(QStringLiteral("Cafe"));
        QCOMPARE(cafe->state(), State::Leaving);
        QCOMPARE(manager.open(QStringLiteral("cafe"), {true, 4}), cafe);
        QSignalSpy changes(cafe, &RoomSession::stateChanged);
        QTRY_COMPARE_WITH_TIMEOUT(cafe->state(), State::Joined, 10000);
        QCOMPARE(changes.at(0).at(0).value<State>(), State::Idle);
        QCOMPARE(changes.at(1).at(0).value<State>(), State::Reserving);
        QCOMPARE(manager.session(QStringLiteral("Cafe")), cafe);
        QCOMPARE(added.size(), 1);
        QCOMPARE(removed.size(), 0);
        QCOMPARE(occupants(QStringLiteral("Cafe")), 1);

        // Closed again before the leave completes: closed it stays.
        manager.close(QStringLiteral("Cafe"));
        manager.open(QStringLiteral("Cafe"));
        manager.close(QStringLiteral("Cafe"));
        QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, 10000);
        QVERIFY(!manager.session(QStringLiteral("Cafe")));
        QCOMPARE(occupants(QStringLiteral("Cafe")), 0);
    }
};

QTEST_GUILESS_MAIN(TestSessionManager)
#include "tst_sessionmanager.moc"
