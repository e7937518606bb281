// SPDX-License-Identifier: MIT
#include "server/net/epolleventdispatcher.h"
#include "server/net/socketworkers.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QPointer>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <memory>
#include <vector>

#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using roomgate::server::net::EpollEventDispatcher;

namespace {

/** Keeps the loop busy for @p ms without running it: a slow handler, the case under test. */
void busyFor(int ms)
{
    const QDeadlineTimer busy(ms);
    while (!busy.hasExpired()) { }
}

/** Two connected descriptors that close with it. */
struct DescriptorPair
{
    int fds[2] = {-1, -1};
    ~DescriptorPair()
    {
        for (int fd : fds) {
            if (fd >= 0)
                ::close(fd);
        }
    }
};

/** A connected TCP pair on loopback, made with plain blocking calls. */
bool tcpPair(DescriptorPair &pair)
{
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    sockaddr *generic = reinterpret_cast<sockaddr *>(&address);
    bool ok = listener >= 0 && ::bind(listener, generic, length) == 0 && ::listen(listener, 1) == 0
        && ::getsockname(listener, generic, &length) == 0;
    if (ok) {
        pair.fds[0] = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        ok = pair.fds[0] >= 0 && ::connect(pair.fds[0], generic, length) == 0;
    }
    if (ok) {
        pair.fds[1] = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        ok = pair.fds[1] >= 0;
    }
    if (listener >= 0)
        ::close(listener);
    return ok;
}

/** Reads and counts whatever a socket receives. */
qint64 drain(QTcpSocket *socket, qint64 *total)
{
    const qint64 read = socket->readAll().size();
    *total += read;
    return read;
}

} // namespace

/**
 * The epoll event dispatcher, on the test's own thread (so QTest's waits run on it too) and
 * on a worker QThread the way SocketWorkers installs it. Timings are checked from below only
 * ("not before"), never against a machine's speed.
 */
class TestEpollEventDispatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance()));
        // Room for the many-sockets case, both ends of which live in this process.
        rlimit limit{};
        QCOMPARE(getrlimit(RLIMIT_NOFILE, &limit), 0);
        limit.rlim_cur = limit.rlim_max;
        QCOMPARE(setrlimit(RLIMIT_NOFILE, &limit), 0);
        QVERIFY(limit.rlim_cur >= 5000);
    }

    void singleShotTimersFireInOrder_data()
    {
        QTest::addColumn<Qt::TimerType>("type");
        QTest::addColumn<int>("intervalMs");
        QTest::newRow("precise, 0 ms") << Qt::PreciseTimer << 0;
        QTest::newRow("precise, 20 ms") << Qt::PreciseTimer << 20;
        QTest::newRow("coarse, 30 ms") << Qt::CoarseTimer << 30;
    }

    void singleShotTimersFireInOrder()
    {
        QFETCH(Qt::TimerType, type);
        QFETCH(int, intervalMs);
        QList<int> fired;
        std::vector<qint64> firedAfterMs;
        QElapsedTimer clock;
        clock.start();
        std::vector<std::unique_ptr<QTimer>> timers;
        for (int i = 0; i < 8; ++i) {
            auto timer = std::make_unique<QTimer>();
            timer->setSingleShot(true);
            timer->setTimerType(type);
            connect(timer.get(), &QTimer::timeout, this, [&, i] {
                fired.append(i);
                firedAfterMs.push_back(clock.elapsed());
            });
            timer->start(intervalMs);
            timers.push_back(std::move(timer));
        }
        QTRY_COMPARE_WITH_TIMEOUT(fired.size(), 8, 10'000);
        // Same interval, started in this order: due in this order.
        QCOMPARE(fired, (QList<int>{0, 1, 2, 3, 4, 5, 6, 7}));
        for (qint64 after : firedAfterMs)
            QVERIFY2(after >= intervalMs, qPrintable(QString::number(after)));
        // Single shots: nothing more comes, even after a later timer fired.
        QTimer later;
        later.setSingleShot(true);
        QSignalSpy laterSpy(&later, &QTimer::timeout);
        later.start(intervalMs + 20);
        QVERIFY(laterSpy.wait(10'000));
        QCOMPARE(fired.size(), 8);
    }

    void repeatingTimerKeepsItsPhaseAndSkipsMissedIntervals()
    {
        constexpr int Interval = 200;
        QTimer timer;
        timer.setTimerType(Qt::PreciseTimer);
        std::vector<qint64> firedAtMs;
        int remainingAfterLateFiring = -2;
        connect(&timer, &QTimer::timeout, this, [&] {
            firedAtMs.push_back(m_clock.elapsed());
            if (firedAtMs.size() == 1)
                busyFor(Interval * 5 / 2); // misses the 2nd and 3rd deadlines
            else if (firedAtMs.size() == 2)
                remainingAfterLateFiring = timer.remainingTime();
            else if (firedAtMs.size() == 3)
                timer.stop();
        });
        m_clock.start();
        timer.start(Interval);
        QTRY_COMPARE_WITH_TIMEOUT(firedAtMs.size(), size_t(3), 20'000);
        // Deadlines are start + k * interval. The first firing came at deadline 1 and took
        // until after deadline 3; the late firing of deadline 2 then schedules deadline 4
        // (same phase: at most half an interval away, where a drifting timer would say a whole
        // interval), and nothing fires for the skipped deadline 3.
        QVERIFY(firedAtMs[0] >= Interval);
        QVERIFY2(remainingAfterLateFiring >= 0 && remainingAfterLateFiring <= Interval / 2,
                 qPrintable(QString::number(remainingAfterLateFiring)));
        QVERIFY2(firedAtMs[2] >= 4 * Interval, qPrintable(QString::number(firedAtMs[2])));
    }

    void timerStoppedInAnotherTimersEventNeverFires()
    {
        QTimer first;
        QTimer second;
        QTimer restarted; // Qt hands it the second's id, freed just before
        for (QTimer *timer : {&first, &second, &restarted}) {
            timer->setSingleShot(true);
            timer->setTimerType(Qt::PreciseTimer);
        }
        int secondFired = 0;
        QElapsedTimer sinceRestart;
        connect(&second, &QTimer::timeout, this, [&] { ++secondFired; });
        connect(&first, &QTimer::timeout, this, [&] {
            second.stop();
            sinceRestart.start();
            restarted.start(100);
        });
        QSignalSpy restartedSpy(&restarted, &QTimer::timeout);
        qint64 restartedAfterMs = -1;
        connect(&restarted, &QTimer::timeout, this,
                [&] { restartedAfterMs = sinceRestart.elapsed(); });
        first.start(5);
        second.start(5);
        busyFor(30); // both are due when the loop runs next: one round
        QVERIFY(restartedSpy.wait(10'000));
        QCOMPARE(secondFired, 0);
        // The new timer under the same id keeps its own deadline.
        QVERIFY2(restartedAfterMs >= 100, qPrintable(QString::number(restartedAfterMs)));
    }

    void remainingTimeAndRegisteredTimers()
    {
        auto *dispatcher = QAbstractEventDispatcher::instance();
        QObject owner;
        const int precise = owner.startTimer(5000, Qt::PreciseTimer);
        const int veryCoarse = owner.startTimer(2400, Qt::VeryCoarseTimer);
        QVERIFY(precise > 0 && veryCoarse > 0);
        const int remaining = dispatcher->remainingTime(precise);
        QVERIFY2(remaining > 0 && remaining <= 5000, qPrintable(QString::number(remaining)));
        // Very coarse: whole seconds, on a whole second.
        const int coarseRemaining = dispatcher->remainingTime(veryCoarse);
        QVERIFY2(coarseRemaining >= 1500 && coarseRemaining <= 2500,
                 qPrintable(QString::number(coarseRemaining)));
        const QList<QAbstractEventDispatcher::TimerInfo> timers
            = dispatcher->registeredTimers(&owner);
        QCOMPARE(timers.size(), 2);
        for (const auto &info : timers) {
            if (info.timerId == precise) {
                QCOMPARE(info.interval, 5000);
                QCOMPARE(info.timerType, Qt::PreciseTimer);
            } else {
                QCOMPARE(info.timerId, veryCoarse);
                QCOMPARE(info.interval, 2000);
                QCOMPARE(info.timerType, Qt::VeryCoarseTimer);
            }
        }
        owner.killTimer(precise);
        QCOMPARE(dispatcher->remainingTime(precise), -1);
        QCOMPARE(dispatcher->registeredTimers(&owner).size(), 1);
        QVERIFY(dispatcher->unregisterTimers(&owner));
        QCOMPARE(dispatcher->remainingTime(veryCoarse), -1);
        QVERIFY(dispatcher->registeredTimers(&owner).isEmpty());
    }

    void postedEventsAndDeferredDeletes()
    {
        int calls = 0;
        QPointer<QObject> doomed = new QObject;
        QSignalSpy destroyed(doomed.data(), &QObject::destroyed);
        QMetaObject::invokeMethod(
            this,
            [&] {
                ++calls;
                // Posted from inside a posted event: delivered on a later round.
                QMetaObject::invokeMethod(
                    this, [&] { ++calls; }, Qt::QueuedConnection);
                doomed->deleteLater();
            },
            Qt::QueuedConnection);
        QVERIFY(destroyed.wait(10'000));
        QVERIFY(doomed.isNull());
        QTRY_COMPARE_WITH_TIMEOUT(calls, 2, 10'000);
    }

    void wakeUpFromAnotherThreadEndsTheWait()
    {
        auto *dispatcher = QAbstractEventDispatcher::instance();
        // Nothing else would end the wait: no timer, no socket.
        bool backstopFired = false;
        QTimer backstop;
        backstop.setSingleShot(true);
        connect(&backstop, &QTimer::timeout, this, [&] { backstopFired = true; });
        backstop.start(60'000);
        std::unique_ptr<QThread> waker;
        std::atomic<bool> woken = false;
        const auto connection
            = connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, this, [&] {
                  if (!waker) {
                      waker.reset(QThread::create([dispatcher, &woken] {
                          woken = true;
                          dispatcher->wakeUp();
                      }));
                      waker->start();
                  }
              });
        while (!woken && !backstopFired)
            dispatcher->processEvents(QEventLoop::WaitForMoreEvents);
        disconnect(connection);
        QVERIFY(waker);
        QVERIFY(waker->wait(QDeadlineTimer(30'000)));
        QVERIFY(!backstopFired);

        // A queued call from another thread wakes a waiting loop the same way.
        QSignalSpy called(this, &QObject::objectNameChanged);
        std::unique_ptr<QThread> poster(QThread::create([this] {
            QMetaObject::invokeMethod(
                this, [this] { setObjectName(QStringLiteral("called")); }, Qt::QueuedConnection);
        }));
        poster->start();
        QVERIFY(called.wait(30'000));
        QVERIFY(poster->wait(QDeadlineTimer(30'000)));
        QVERIFY(!backstopFired);
        setObjectName(QString());
    }

    void readWriteAndExceptionNotifiersOnOneDescriptor()
    {
        DescriptorPair pair;
        QVERIFY(tcpPair(pair));
        const int fd = pair.fds[0];
        QSocketNotifier read(fd, QSocketNotifier::Read);
        QSocketNotifier write(fd, QSocketNotifier::Write);
        QSocketNotifier exception(fd, QSocketNotifier::Exception);
        QSignalSpy readSpy(&read, &QSocketNotifier::activated);
        QSignalSpy writeSpy(&write, &QSocketNotifier::activated);
        QSignalSpy exceptionSpy(&exception, &QSocketNotifier::activated);
        // The write notifier goes off and on the way QAbstractSocket's does.
        connect(&write, &QSocketNotifier::activated, &write, [&write] { write.setEnabled(false); });

        // Writable at once; nothing to read.
        QVERIFY(writeSpy.wait(10'000));
        QCOMPARE(readSpy.size(), 0);
        QCOMPARE(exceptionSpy.size(), 0);

        // Readable once the peer writes; the disabled write notifier stays quiet.
        QCOMPARE(::send(pair.fds[1], "x", 1, 0), 1);
        QVERIFY(readSpy.wait(10'000));
        char byte = 0;
        QCOMPARE(::recv(fd, &byte, 1, 0), 1);
        QCOMPARE(writeSpy.size(), 1);

        write.setEnabled(true);
        QTRY_COMPARE_WITH_TIMEOUT(writeSpy.size(), 2, 10'000);

        // Urgent data is the exception notifier's.
        QCOMPARE(::send(pair.fds[1], "!", 1, MSG_OOB), 1);
        QVERIFY(exceptionSpy.wait(10'000));
        exception.setEnabled(false);

        // All off: the descriptor leaves epoll, and a hang-up activates nothing.
        read.setEnabled(false);
        const qsizetype reads = readSpy.size();
        ::close(pair.fds[1]);
        pair.fds[1] = -1;
        QCoreApplication::processEvents();
        QCOMPARE(readSpy.size(), reads);
        // Back on: the hang-up reads as readable.
        read.setEnabled(true);
        QVERIFY(readSpy.wait(10'000));
    }

    void excludeSocketNotifiersLeavesThemForLater()
    {
        DescriptorPair pair;
        QVERIFY(tcpPair(pair));
        QSocketNotifier read(pair.fds[0], QSocketNotifier::Read);
        QSignalSpy readSpy(&read, &QSocketNotifier::activated);
        QCOMPARE(::send(pair.fds[1], "x", 1, 0), 1);
        QCoreApplication::processEvents(QEventLoop::ExcludeSocketNotifiers);
        QCOMPARE(readSpy.size(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(readSpy.size() > 0, true, 10'000);
    }

    void notifierDisabledEarlierInTheRoundIsNotActivated()
    {
        DescriptorPair first;
        DescriptorPair second;
        QVERIFY(tcpPair(first));
        QVERIFY(tcpPair(second));
        QSocketNotifier a(first.fds[0], QSocketNotifier::Read);
        QSocketNotifier b(second.fds[0], QSocketNotifier::Read);
        int activations = 0;
        // Whichever comes first silences the other; both are ready in the same round.
        connect(&a, &QSocketNotifier::activated, this, [&] {
            ++activations;
            a.setEnabled(false);
            b.setEnabled(false);
        });
        connect(&b, &QSocketNotifier::activated, this, [&] {
            ++activations;
            a.setEnabled(false);
            b.setEnabled(false);
        });
        QCOMPARE(::send(first.fds[1], "x", 1, 0), 1);
        QCOMPARE(::send(second.fds[1], "x", 1, 0), 1);
        QTRY_COMPARE_WITH_TIMEOUT(activations > 0, true, 10'000);
        QCoreApplication::processEvents();
        QCOMPARE(activations, 1);
    }

    void tcpExchangesDataBothWays()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        QVERIFY(server.waitForNewConnection(10'000) || server.hasPendingConnections());
        std::unique_ptr<QTcpSocket> served(server.nextPendingConnection());
        QVERIFY(served);
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::ConnectedState, 10'000);

        // More than the socket buffers hold: the write notifiers go on and off many times.
        const QByteArray payload(8 * 1024 * 1024, 'p');
        qint64 servedGot = 0;
        qint64 clientGot = 0;
        connect(served.get(), &QTcpSocket::readyRead, this,
                [&] { drain(served.get(), &servedGot); });
        connect(&client, &QTcpSocket::readyRead, this, [&] { drain(&client, &clientGot); });
        client.write(payload);
        served->write(payload);
        QTRY_COMPARE_WITH_TIMEOUT(servedGot, payload.size(), 30'000);
        QTRY_COMPARE_WITH_TIMEOUT(clientGot, payload.size(), 30'000);
        QCOMPARE(client.bytesToWrite(), 0);
        QCOMPARE(served->bytesToWrite(), 0);

        // And the hang-up reaches the other end.
        QSignalSpy disconnected(served.get(), &QTcpSocket::disconnected);
        client.disconnectFromHost();
        QVERIFY(disconnected.wait(10'000));
    }

    void socketDeletedByAnotherSocketInTheSameRoundIsNotTouched()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        std::vector<std::unique_ptr<QTcpSocket>> clients;
        std::vector<QTcpSocket *> served;
        for (int i = 0; i < 4; ++i) {
            clients.push_back(std::make_unique<QTcpSocket>());
            clients.back()->connectToHost(QHostAddress::LocalHost, server.serverPort());
            QVERIFY(clients.back()->waitForConnected(10'000));
        }
        QTRY_COMPARE_WITH_TIMEOUT(
            [&] {
                while (server.hasPendingConnections())
                    served.push_back(server.nextPendingConnection());
                return served.size();
            }(),
            size_t(4), 10'000);
        // The first socket to read deletes all the others at once (not deleteLater), though
        // they are ready in the same round.
        int reads = 0;
        for (QTcpSocket *socket : served) {
            connect(socket, &QTcpSocket::readyRead, this, [&, socket] {
                ++reads;
                socket->readAll();
                for (QTcpSocket *&other : served) {
                    if (other != socket)
                        delete std::exchange(other, nullptr);
                }
            });
        }
        for (auto &client : clients) {
            client->write("x");
            QVERIFY(client->flush()); // in the kernel before the loop runs again
        }
        QTRY_COMPARE_WITH_TIMEOUT(reads, 1, 10'000);
        QCoreApplication::processEvents();
        QCOMPARE(reads, 1);
        for (QTcpSocket *socket : served)
            delete socket;
    }

    void thousandsOfSocketsOnOneThreadAllGetTheirData()
    {
        constexpr int Count = 2000;
        QTcpServer server;
        server.setListenBacklogSize(Count);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        qint64 echoed = 0;
        std::vector<std::unique_ptr<QTcpSocket>> served;
        connect(&server, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                served.emplace_back(socket);
                connect(socket, &QTcpSocket::readyRead, this,
                        [&echoed, socket] { echoed += socket->write(socket->readAll()); });
            }
        });
        std::vector<std::unique_ptr<QTcpSocket>> clients;
        std::vector<QByteArray> received(Count);
        int complete = 0;
        for (int i = 0; i < Count; ++i) {
            auto client = std::make_unique<QTcpSocket>();
            QTcpSocket *socket = client.get();
            const QByteArray message = QByteArray::number(i).rightJustified(5, '0');
            connect(socket, &QTcpSocket::connected, this,
                    [socket, message] { socket->write(message); });
            connect(socket, &QTcpSocket::readyRead, this, [&, socket, i, message] {
                received[size_t(i)] += socket->readAll();
                if (received[size_t(i)] == message)
                    ++complete;
            });
            socket->connectToHost(QHostAddress::LocalHost, server.serverPort());
            clients.push_back(std::move(client));
        }
        QTRY_COMPARE_WITH_TIMEOUT(complete, Count, 120'000);
        QCOMPARE(echoed, qint64(Count) * 5);
        QCOMPARE(served.size(), size_t(Count));
    }

    void workerThreadRunsOnTheDispatcher()
    {
        QThread thread;
        auto *dispatcher = new EpollEventDispatcher;
        thread.setEventDispatcher(dispatcher);
        auto *context = new QObject;
        context->moveToThread(&thread);
        connect(&thread, &QThread::finished, context, &QObject::deleteLater);
        QSignalSpy contextGone(context, &QObject::destroyed);

        // Posted before the thread runs: waits for it, then is delivered.
        std::atomic<bool> ranOnThread = false;
        std::atomic<bool> sawDispatcher = false;
        QMetaObject::invokeMethod(
            context,
            [&] {
                ranOnThread = QThread::currentThread() == &thread;
                sawDispatcher = QAbstractEventDispatcher::instance() == dispatcher;
            },
            Qt::QueuedConnection);
        thread.start();
        QTRY_VERIFY_WITH_TIMEOUT(ranOnThread, 10'000);
        QVERIFY(sawDispatcher);

        // A server on the worker thread, a client here: both directions, across threads.
        QTcpServer *server = nullptr;
        quint16 port = 0;
        QMetaObject::invokeMethod(
            context,
            [&] {
                server = new QTcpServer(context);
                server->listen(QHostAddress::LocalHost);
                port = server->serverPort();
                connect(server, &QTcpServer::newConnection, server, [server] {
                    QTcpSocket *socket = server->nextPendingConnection();
                    connect(socket, &QTcpSocket::readyRead, socket,
                            [socket] { socket->write(socket->readAll().toUpper()); });
                    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                });
            },
            Qt::BlockingQueuedConnection);
        QVERIFY(port != 0);
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(client.waitForConnected(10'000));
        client.write("hello, worker");
        QByteArray answer;
        QTRY_COMPARE_WITH_TIMEOUT((answer += client.readAll()), QByteArray("HELLO, WORKER"),
                                  10'000);

        // Timers there, and a deferred delete there.
        std::atomic<int> ticks = 0;
        QMetaObject::invokeMethod(
            context,
            [&] {
                auto *timer = new QTimer(context);
                connect(timer, &QTimer::timeout, context, [&ticks, timer] {
                    if (++ticks == 3)
                        timer->deleteLater();
                });
                timer->start(10);
            },
            Qt::QueuedConnection);
        QTRY_COMPARE_WITH_TIMEOUT(ticks.load(), 3, 10'000);

        thread.quit();
        QVERIFY(thread.wait(QDeadlineTimer(30'000)));
        // The context went with the thread's last deferred deletes.
        QTRY_COMPARE_WITH_TIMEOUT(contextGone.size(), 1, 10'000);
        QCOMPARE(ticks.load(), 3);
    }

    void socketWorkersInstallItUnlessAskedForQts_data()
    {
        QTest::addColumn<QByteArray>("setting");
        QTest::addColumn<bool>("epoll");
        QTest::newRow("unset") << QByteArray() << true;
        QTest::newRow("epoll") << QByteArray("epoll") << true;
        QTest::newRow("qt") << QByteArray("qt") << false;
    }

    void socketWorkersInstallItUnlessAskedForQts()
    {
        QFETCH(QByteArray, setting);
        QFETCH(bool, epoll);
        const auto restore = qScopeGuard([] { qunsetenv("ROOMGATE_EVENT_DISPATCHER"); });
        if (setting.isNull())
            qunsetenv("ROOMGATE_EVENT_DISPATCHER");
        else
            qputenv("ROOMGATE_EVENT_DISPATCHER", setting);
        roomgate::server::net::SocketWorkers workers(2);
        for (int i = 0; i < workers.count(); ++i) {
            // Qt's own is made by the thread once it runs.
            QTRY_VERIFY_WITH_TIMEOUT(workers.thread(i)->eventDispatcher(), 10'000);
            QAbstractEventDispatcher *dispatcher = workers.thread(i)->eventDispatcher();
            QCOMPARE(qobject_cast<EpollEventDispatcher *>(dispatcher) != nullptr, epoll);
        }
    }

private:
    QElapsedTimer m_clock;
};

int main(int argc, char **argv)
{
    // The test's own thread runs on the dispatcher: every wait of QTest exercises it as well.
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    TestEpollEventDispatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epolleventdispatcher.moc"
