// SPDX-License-Identifier: MIT
#include "tests/common/testserver.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace roomgate::test;

/**
 * The server process as an operator sees it: command line and exit codes, settings
 * precedence (flag > env > file > default), signals, and what survives a restart
 * (history, I6; seats freed after a crash, I4; the node id).
 */
class TestLifecycle : public QObject
{
    Q_OBJECT

    /** What one run of the binary that is expected to exit left behind. */
    struct Run
    {
        bool finished = false;
        int exitCode = -1;
        QString out;
        QString err;
    };

    QTemporaryDir m_scratch;

    /** The test runner's environment without any ROOMGATE_* setting of its own. */
    static QProcessEnvironment cleanEnvironment()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const QStringList keys = env.keys();
        for (const QString &key : keys) {
            if (key.startsWith(QLatin1String("ROOMGATE_")))
                env.remove(key);
        }
        return env;
    }

    /** Runs the binary with @p args and waits (bounded) for it to exit. */
    static Run run(const QStringList &args, const QProcessEnvironment &env = cleanEnvironment())
    {
        Run result;
        QProcess process;
        process.setProgram(TestServer::binary());
        process.setArguments(args);
        process.setProcessEnvironment(env);
        process.start();
        if (!process.waitForStarted(5000))
            return result;
        result.finished = process.waitForFinished(15000);
        if (!result.finished) {
            process.kill();
            process.waitForFinished(5000);
        }
        if (result.finished && process.exitStatus() == QProcess::NormalExit)
            result.exitCode = process.exitCode();
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

    /** Arguments that keep a run off the default ports and out of the user's data dir. */
    QStringList safeArgs(const QString &name) const
    {
        return {QStringLiteral("--headless"), QStringLiteral("--http-port"),
                QStringLiteral("0"),          QStringLiteral("--ws-port"),
                QStringLiteral("0"),          QStringLiteral("--data-dir"),
                m_scratch.filePath(name),     QStringLiteral("--password-cost"),
                QStringLiteral("minimum")};
    }

    static QString describe(const Run &r)
    {
        return QStringLiteral("finished=%1 exit=%2\nstdout: %3\nstderr: %4")
            .arg(QLatin1StringView(r.finished ? "yes" : "no"))
            .arg(r.exitCode)
            .arg(r.out, r.err);
    }

    static QString healthNode(quint16 port)
    {
        TestApi api(port);
        const HttpReply r = api.request("GET", QStringLiteral("/healthz"));
        return r.status == 200 ? r.json.value(u"node").toString() : QString();
    }

    static QJsonObject roomInList(TestApi &api, const QByteArray &token, const QString &name)
    {
        const HttpReply list = api.request("GET", QStringLiteral("/api/v1/rooms"), {}, token);
        for (const QJsonValue &room : list.json.value(u"rooms").toArray()) {
            if (room.toObject().value(u"name").toString() == name)
                return room.toObject();
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_scratch.isValid());
        const Run version = run({QStringLiteral("--version")});
        QVERIFY2(version.finished,
                 qPrintable(QString(QStringLiteral("cannot run ") + TestServer::binary())));
    }

    /** The runner's environment, and one with no display and no Qt platform at all. */
    static void addEnvironmentRows()
    {
        QTest::addColumn<bool>("withoutDisplay");
        QTest::newRow("test environment") << false;
        QTest::newRow("no display, no QT_QPA_PLATFORM") << true;
    }

    /** cleanEnvironment(), without any display or platform plugin when @p withoutDisplay. */
    static QProcessEnvironment environmentFor(bool withoutDisplay)
    {
        QProcessEnvironment env = cleanEnvironment();
        if (withoutDisplay) {
            for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
                env.remove(QLatin1String(name));
        }
        return env;
    }

    void helpListsTheFlags_data() { addEnvironmentRows(); }

    void helpListsTheFlags()
    {
        QFETCH(bool, withoutDisplay);
        const Run r = run({QStringLiteral("--help")}, environmentFor(withoutDisplay));
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(describe(r)));
        const QStringList flags{
            QStringLiteral("--http-port"),      QStringLiteral("--ws-port"),
            QStringLiteral("--data-dir"),       QStringLiteral("--database"),
            QStringLiteral("--ticket-ttl"),     QStringLiteral("--public-ws-url"),
            QStringLiteral("--config"),         QStringLiteral("--headless"),
            QStringLiteral("--listen"),         QStringLiteral("--secret-file"),
            QStringLiteral("--ping-interval"),  QStringLiteral("--idle-timeout"),
            QStringLiteral("--password-cost"),  QStringLiteral("--create-admin"),
            QStringLiteral("--metrics-public"), QStringLiteral("--version"),
        };
        for (const QString &flag : flags)
            QVERIFY2(r.out.contains(flag),
                     qPrintable(QString(flag + QStringLiteral(" missing from:\n") + r.out)));
        QVERIFY(!r.out.contains(QStringLiteral("ready http=")));
        QVERIFY2(r.err.isEmpty(), qPrintable(describe(r)));
    }

    void versionPrintsVersion_data() { addEnvironmentRows(); }

    void versionPrintsVersion()
    {
        QFETCH(bool, withoutDisplay);
        const Run r = run({QStringLiteral("--version")}, environmentFor(withoutDisplay));
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(r.out.trimmed(), QStringLiteral("roomgate-server " ROOMGATE_VERSION));
        QVERIFY2(r.err.isEmpty(), qPrintable(describe(r)));
    }

    void badCommandLineExits2_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("env");
        QTest::addColumn<QString>("culprit");
        const QStringList none;
        QTest::newRow("unknown flag")
            << QStringList{QStringLiteral("--frobnicate")} << none << QStringLiteral("frobnicate");
        QTest::newRow("positional argument")
            << QStringList{QStringLiteral("bogus-arg")} << none << QStringLiteral("bogus-arg");
        QTest::newRow("port not a number")
            << QStringList{QStringLiteral("--http-port"), QStringLiteral("abc")} << none
            << QStringLiteral("abc");
        QTest::newRow("port out of range")
            << QStringList{QStringLiteral("--http-port"), QStringLiteral("70000")} << none
            << QStringLiteral("70000");
        QTest::newRow("ws port negative")
            << QStringList{QStringLiteral("--ws-port=-1")} << none << QStringLiteral("ws-port");
        QTest::newRow("missing value")
            << QStringList{QStringLiteral("--ticket-ttl")} << none << QStringLiteral("ticket-ttl");
        QTest::newRow("ticket ttl zero")
            << QStringList{QStringLiteral("--ticket-ttl"), QStringLiteral("0")} << none
            << QStringLiteral("ticket-ttl");
        QTest::newRow("password cost silly")
            << QStringList{QStringLiteral("--password-cost"), QStringLiteral("silly")} << none
            << QStringLiteral("silly");
        QTest::newRow("database mysql")
            << QStringList{QStringLiteral("--database"), QStringLiteral("mysql://x")} << none
            << QStringLiteral("mysql://x");
        QTest::newRow("public ws url http")
            << QStringList{QStringLiteral("--public-ws-url"),
                           QStringLiteral("http://chat.example.org/ws")}
            << none << QStringLiteral("public-ws-url");
        QTest::newRow("listen not an address")
            << QStringList{QStringLiteral("--listen"), QStringLiteral("nowhere")} << none
            << QStringLiteral("nowhere");
        QTest::newRow("same port twice")
            << QStringList{QStringLiteral("--http-port"), QStringLiteral("8080"),
                           QStringLiteral("--ws-port"), QStringLiteral("8080")}
            << none << QStringLiteral("8080");
        QTest::newRow("bad value from env")
            << QStringList() << QStringList{QStringLiteral("ROOMGATE_TICKET_TTL=soon")}
            << QStringLiteral("soon");
        QTest::newRow("node id with a slash")
            << QStringList{QStringLiteral("--node-id"), QStringLiteral("node/1")} << none
            << QStringLiteral("node/1");
        QTest::newRow("node id too long")
            << QStringList{QStringLiteral("--node-id"), QString(65, u'n')} << none
            << QStringLiteral("node-id");
        QTest::newRow("broker not amqp")
            << QStringList{QStringLiteral("--broker"), QStringLiteral("http://127.0.0.1:5672/")}
            << none << QStringLiteral("broker");
        QTest::newRow("broker without host from env")
            << QStringList() << QStringList{QStringLiteral("ROOMGATE_BROKER=amqp://:5672/")}
            << QStringLiteral("broker");
    }

    void badCommandLineExits2()
    {
        QFETCH(QStringList, args);
        QFETCH(QStringList, env);
        QFETCH(QString, culprit);
        // The row's flags come last: they override the safe defaults.
        QStringList all = safeArgs(QStringLiteral("cli"));
        all += args;
        QProcessEnvironment environment = cleanEnvironment();
        for (const QString &pair : env)
            environment.insert(pair.section(QLatin1Char('='), 0, 0),
                               pair.section(QLatin1Char('='), 1));
        const Run r = run(all, environment);
        QVERIFY2(r.finished, qPrintable(describe(r)));
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.out.contains(QStringLiteral("ready http=")));
        // One line that names what is wrong.
        const QStringList lines = r.err.trimmed().split(QLatin1Char('\n'));
        QVERIFY2(!r.err.trimmed().isEmpty(), qPrintable(describe(r)));
        QVERIFY2(lines.first().contains(culprit, Qt::CaseInsensitive), qPrintable(describe(r)));
        QVERIFY2(lines.size() == 1, qPrintable(describe(r)));
    }

    void busyPortExits1_data()
    {
        QTest::addColumn<QString>("flag");
        QTest::newRow("http") << QStringLiteral("--http-port");
        QTest::newRow("ws") << QStringLiteral("--ws-port");
    }

    void busyPortExits1()
    {
        QFETCH(QString, flag);
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        const QString port = QString::number(blocker.serverPort());
        QStringList args = safeArgs(QStringLiteral("busy"));
        args += {flag, port};
        const Run r = run(args);
        QVERIFY2(r.finished, qPrintable(describe(r)));
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!r.out.contains(QStringLiteral("ready http=")));
        QVERIFY2(r.err.contains(port), qPrintable(describe(r)));
    }

    void unusableDataDirExits1_data()
    {
        QTest::addColumn<QString>("relative");
        QTest::newRow("below a regular file") << QStringLiteral("file/sub");
        QTest::newRow("a regular file") << QStringLiteral("file");
    }

    void unusableDataDirExits1()
    {
        QFETCH(QString, relative);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile file(dir.filePath(QStringLiteral("file")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a directory\n");
        file.close();
        QStringList args = safeArgs(QStringLiteral("unused"));
        args += {QStringLiteral("--data-dir"), dir.filePath(relative)};
        const Run r = run(args);
        QVERIFY2(r.finished, qPrintable(describe(r)));
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!r.out.contains(QStringLiteral("ready http=")));
        QVERIFY2(!r.err.trimmed().isEmpty(), qPrintable(describe(r)));
    }

    void settingsPrecedence_data()
    {
        QTest::addColumn<QString>("config"); // "", "flag" (--config) or "env" (ROOMGATE_CONFIG)
        QTest::addColumn<QString>("env");
        QTest::addColumn<QString>("flag");
        QTest::addColumn<int>("ttl");
        const QString none;
        const QString byFlag = QStringLiteral("flag");
        const QString byEnv = QStringLiteral("env");
        QTest::newRow("default") << none << none << none << 30;
        QTest::newRow("config file") << byFlag << none << none << 7;
        QTest::newRow("config file named by env") << byEnv << none << none << 7;
        QTest::newRow("env only") << none << QStringLiteral("5") << none << 5;
        QTest::newRow("env over file") << byFlag << QStringLiteral("5") << none << 5;
        QTest::newRow("flag over file") << byFlag << none << QStringLiteral("3") << 3;
        QTest::newRow("flag over env and file")
            << byFlag << QStringLiteral("5") << QStringLiteral("3") << 3;
    }

    void settingsPrecedence()
    {
        QFETCH(QString, config);
        QFETCH(QString, env);
        QFETCH(QString, flag);
        QFETCH(int, ttl);
        QStringList args;
        QProcessEnvironment environment = cleanEnvironment();
        if (!config.isEmpty()) {
            const QString path = m_scratch.filePath(QStringLiteral("precedence.ini"));
            QFile ini(path);
            QVERIFY(ini.open(QIODevice::WriteOnly | QIODevice::Truncate));
            ini.write("[server]\nticket-ttl=7\n");
            ini.close();
            if (config == QLatin1String("flag"))
                args += {QStringLiteral("--config"), path};
            else
                environment.insert(QStringLiteral("ROOMGATE_CONFIG"), path);
        }
        if (!flag.isEmpty())
            args += {QStringLiteral("--ticket-ttl"), flag};
        if (!env.isEmpty())
            environment.insert(QStringLiteral("ROOMGATE_TICKET_TTL"), env);
        TestServer server(args);
        server.setEnvironment(environment);
        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi api(server.httpPort());
        const HttpReply r
            = api.reserve(api.userToken(QStringLiteral("timer")), QStringLiteral("clock"));
        QCOMPARE(r.status, 201);
        // The lifetime as the server decided it, not what is left after a slow answer.
        const QString lifetime = ticketLifetimeProblem(r, ttl);
        QVERIFY2(lifetime.isEmpty(), qPrintable(lifetime));
        QCOMPARE(server.terminate(), 0);
    }

    void badConfigFileExits2_data()
    {
        QTest::addColumn<QByteArray>("contents"); // null: the file does not exist
        QTest::addColumn<QString>("culprit");
        QTest::newRow("unknown key")
            << QByteArray("[server]\nticket-ttl=7\nticket-tll=9\n") << QStringLiteral("ticket-tll");
        QTest::newRow("bad value")
            << QByteArray("[server]\nticket-ttl=never\n") << QStringLiteral("never");
        QTest::newRow("missing file") << QByteArray() << QStringLiteral("absent.ini");
        QTest::newRow("key outside [server]")
            << QByteArray("ticket-ttl=7\n[server]\nhttp-port=0\n") << QStringLiteral("ticket-ttl");
        QTest::newRow("misspelt section")
            << QByteArray("[srever]\nticket-ttl=7\n") << QStringLiteral("srever");
    }

    void badConfigFileExits2()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, culprit);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(contents.isNull() ? QStringLiteral("absent.ini")
                                                            : QStringLiteral("server.ini"));
        if (!contents.isNull()) {
            QFile ini(path);
            QVERIFY(ini.open(QIODevice::WriteOnly));
            ini.write(contents);
            ini.close();
        }
        QStringList args = safeArgs(QStringLiteral("bad-config"));
        args += {QStringLiteral("--config"), path};
        const Run r = run(args);
        QVERIFY2(r.finished, qPrintable(describe(r)));
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.out.contains(QStringLiteral("ready http=")));
        QVERIFY2(r.err.contains(culprit), qPrintable(describe(r)));
    }

    void storageErrorExits1_data()
    {
        QTest::addColumn<bool>("corrupt");
        QTest::newRow("database below a regular file") << false;
        QTest::newRow("corrupt database file") << true;
    }

    void storageErrorExits1()
    {
        QFETCH(bool, corrupt);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QStringList args = safeArgs(QStringLiteral("storage"));
        args += {QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data"))};
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("data"))));
        QFile file(corrupt ? dir.filePath(QStringLiteral("data/roomgate.db"))
                           : dir.filePath(QStringLiteral("file")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, '\x5a'));
        file.close();
        if (!corrupt) {
            args += {QStringLiteral("--database"),
                     QStringLiteral("sqlite://")
                         + dir.filePath(QStringLiteral("file/sub/roomgate.db"))};
        }
        const Run r = run(args);
        QVERIFY2(r.finished, qPrintable(describe(r)));
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!r.out.contains(QStringLiteral("ready http=")));
        QVERIFY2(!r.err.trimmed().isEmpty(), qPrintable(describe(r)));
    }

    void publicWsUrlIsHandedOut()
    {
        TestServer server(
            {QStringLiteral("--public-ws-url"), QStringLiteral("wss://chat.example.org/ws")});
        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi api(server.httpPort());
        const HttpReply r
            = api.reserve(api.userToken(QStringLiteral("proxied")), QStringLiteral("behind proxy"));
        QCOMPARE(r.status, 201);
        const QString ticket = r.json.value(u"ticket").toString();
        QCOMPARE(ticket.size(), 43);
        QCOMPARE(r.json.value(u"websocketUrl").toString(),
                 QStringLiteral("wss://chat.example.org/ws?ticket=") + ticket);
        QCOMPARE(server.terminate(), 0);
    }

    void signalClosesMembersWith1001_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }

    void signalClosesMembersWith1001()
    {
        QFETCH(int, signal);
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi api(server.httpPort());
        const QByteArray token = api.userToken(QStringLiteral("stayer"));
        const HttpReply r = api.reserve(token, QStringLiteral("farewell"));
        QCOMPARE(r.status, 201);
        TestSocket member;
        member.open(r.json.value(u"websocketUrl").toString());
        QVERIFY(!member.frameOfType(QStringLiteral("joined")).isEmpty());

        QCOMPARE(::kill(static_cast<pid_t>(server.process().processId()), signal), 0);
        const QJsonObject error = member.frameOfType(QStringLiteral("error"), 10000);
        QCOMPARE(error.value(u"code").toString(), QStringLiteral("SERVER_SHUTDOWN"));
        QCOMPARE(error.value(u"retryable").toBool(), true);
        QVERIFY(member.waitClosed(10000));
        QCOMPARE(member.closeCode(), 1001);
        QCOMPARE(member.closeReason(), QStringLiteral("SERVER_SHUTDOWN"));
        // The error frame was the last word before the close.
        QCOMPARE(member.frames().last(), error);

        QVERIFY(server.process().state() == QProcess::NotRunning
                || server.process().waitForFinished(15000));
        QCOMPARE(server.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.process().exitCode(), 0);
    }

    void restartKeepsHistory_data()
    {
        QTest::addColumn<bool>("crash");
        QTest::newRow("after SIGTERM") << false;
        QTest::newRow("after SIGKILL") << true;
    }

    void restartKeepsHistory()
    {
        QFETCH(bool, crash);
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.output()));
        QList<qint64> ids;
        QStringList texts;
        {
            TestApi api(server.httpPort());
            const HttpReply r = api.reserve(api.userToken(QStringLiteral("historian")),
                                            QStringLiteral("archive"), true, 4);
            QCOMPARE(r.status, 201);
            TestSocket member;
            member.open(r.json.value(u"websocketUrl").toString());
            const QJsonObject joined = member.frameOfType(QStringLiteral("joined"));
            QVERIFY(!joined.isEmpty());
            QVERIFY(joined.value(u"history").toArray().isEmpty());
            for (int i = 1; i <= 3; ++i) {
                const QString text = QStringLiteral("note %1 \u2014 \uD55C\uAE00").arg(i);
                member.send({{QStringLiteral("type"), QStringLiteral("message")},
                             {QStringLiteral("text"), text},
                             {QStringLiteral("clientId"), QStringLiteral("c%1").arg(i)}});
                const QJsonObject echo = member.frameOfType(QStringLiteral("message"));
                QVERIFY2(echo.value(u"id").isDouble(), "no acknowledgement with an id");
                QCOMPARE(echo.value(u"text").toString(), text);
                QCOMPARE(echo.value(u"clientId").toString(), QStringLiteral("c%1").arg(i));
                ids.append(echo.value(u"id").toInteger());
                texts.append(text);
            }
            // Acknowledged means durable: even a crash right after the last echo loses nothing.
            if (crash)
                server.kill();
            else
                QCOMPARE(server.terminate(), 0);
            QVERIFY(member.waitClosed());
        }

        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi api(server.httpPort());
        const QByteArray token = api.userToken(QStringLiteral("historian"));
        // The stop, or the restart after the crash, gave the seat back.
        const QJsonObject listed = roomInList(api, token, QStringLiteral("archive"));
        QCOMPARE(listed.value(u"name").toString(), QStringLiteral("archive"));
        QCOMPARE(listed.value(u"occupants").toInt(), 0);
        const HttpReply r = api.reserve(token, QStringLiteral("archive"), false);
        QCOMPARE(r.status, 201);
        TestSocket member;
        member.open(r.json.value(u"websocketUrl").toString());
        const QJsonObject joined = member.frameOfType(QStringLiteral("joined"));
        QVERIFY(!joined.isEmpty());
        const QJsonArray history = joined.value(u"history").toArray();
        QCOMPARE(history.size(), 3);
        for (int i = 0; i < 3; ++i) {
            const QJsonObject m = history.at(i).toObject();
            QCOMPARE(m.value(u"id").toInteger(), ids.at(i));
            QCOMPARE(m.value(u"text").toString(), texts.at(i));
            QCOMPARE(m.value(u"from").toString(), QStringLiteral("historian"));
            QCOMPARE(m.value(u"clientId").toString(), QStringLiteral("c%1").arg(i + 1));
        }
        QCOMPARE(server.terminate(), 0);
    }

    void killThenRestartFreesSeats()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.output()));
        QByteArray waiter;
        {
            TestApi api(server.httpPort());
            const QByteArray keeper = api.userToken(QStringLiteral("keeper"));
            waiter = api.userToken(QStringLiteral("waiter"));
            const HttpReply r = api.reserve(keeper, QStringLiteral("single"), true, 1);
            QCOMPARE(r.status, 201);
            TestSocket member;
            member.open(r.json.value(u"websocketUrl").toString());
            QVERIFY(!member.frameOfType(QStringLiteral("joined")).isEmpty());
            // The member holds the only seat.
            QCOMPARE(api.reserve(waiter, QStringLiteral("single"), false).code(),
                     QStringLiteral("ROOM_FULL"));
            QCOMPARE(roomInList(api, waiter, QStringLiteral("single")).value(u"occupants").toInt(),
                     1);
            server.kill();
            QVERIFY(member.waitClosed(10000));
        }

        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi api(server.httpPort());
        const QJsonObject room = roomInList(api, waiter, QStringLiteral("single"));
        QCOMPARE(room.value(u"name").toString(), QStringLiteral("single"));
        QCOMPARE(room.value(u"occupants").toInt(), 0);
        QCOMPARE(room.value(u"reserved").toInt(), 0);
        QCOMPARE(api.reserve(waiter, QStringLiteral("single"), false).status, 201);
        QCOMPARE(server.terminate(), 0);
    }

    void sessionSurvivesRestart()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.output()));
        const QByteArray token = TestApi(server.httpPort()).userToken(QStringLiteral("sleeper"));
        QVERIFY(!token.isEmpty());
        QCOMPARE(server.terminate(), 0);
        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi api(server.httpPort());
        QCOMPARE(api.request("GET", QStringLiteral("/api/v1/rooms"), {}, token).status, 200);
        QCOMPARE(server.terminate(), 0);
    }

    void nodeKeepsItsId()
    {
        TestServer server;
        QVERIFY2(server.start(), qPrintable(server.output()));
        const QString node = healthNode(server.httpPort());
        QVERIFY(!node.isEmpty());
        QCOMPARE(server.terminate(), 0);

        QVERIFY2(server.start(), qPrintable(server.output()));
        QCOMPARE(healthNode(server.httpPort()), node);
        server.kill();
        QVERIFY2(server.start(), qPrintable(server.output()));
        QCOMPARE(healthNode(server.httpPort()), node);
        QCOMPARE(server.terminate(), 0);

        // The id comes from the data dir: another data dir, another node.
        TestServer other;
        QVERIFY2(other.start(), qPrintable(other.output()));
        const QString otherNode = healthNode(other.httpPort());
        QVERIFY(!otherNode.isEmpty());
        QVERIFY(otherNode != node);
        QCOMPARE(other.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(TestLifecycle)
#include "tst_lifecycle.moc"
