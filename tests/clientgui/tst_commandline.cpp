// SPDX-License-Identifier: MIT
#include <QProcess>
#include <QTest>

/**
 * The built `roomgate` binary answers --help and --version (and mistakes on its command
 * line) on a machine without a display: DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM are
 * removed from its environment, so a QApplication could not start.
 */
class TestCommandLine : public QObject
{
    Q_OBJECT

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    static Run run(const QStringList &arguments)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            environment.remove(QString::fromLatin1(name));
        environment.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
        environment.remove(QStringLiteral("LANGUAGE"));
        environment.remove(QStringLiteral("LC_ALL"));
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(qEnvironmentVariable("ROOMGATE_CLIENT_BINARY"), arguments);
        Run result;
        if (!process.waitForFinished(30'000)) {
            process.kill();
            process.waitForFinished();
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariable("ROOMGATE_CLIENT_BINARY").isEmpty(),
                 "ROOMGATE_CLIENT_BINARY names the roomgate binary (set by CTest)");
    }

    void help()
    {
        const Run result = run({QStringLiteral("--help")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(u"Roomgate chat client."), qPrintable(result.out));
        for (const char *option : {"--server <url>", "--user <name>", "--enter <room>",
                                   "--lang <language>", "--no-keychain", "--version"})
            QVERIFY2(result.out.contains(QLatin1String(option)), option);
        QVERIFY2(result.err.isEmpty(), qPrintable(result.err));
    }

    void helpInKorean()
    {
        const Run result
            = run({QStringLiteral("--lang"), QStringLiteral("ko"), QStringLiteral("--help")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(u"Roomgate 채팅 클라이언트."), qPrintable(result.out));
        QVERIFY(result.out.contains(u"--server <url>"));
    }

    void version()
    {
        const Run result = run({QStringLiteral("--version")});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out.trimmed(), QStringLiteral("roomgate " ROOMGATE_VERSION));
    }

    void mistakesAreAnsweredToo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--bogus")} << 1 << QStringLiteral("bogus");
        QTest::newRow("unknown language")
            << QStringList{QStringLiteral("--lang"), QStringLiteral("xx")} << 2
            << QStringLiteral("Unknown language \"xx\"");
        QTest::newRow("not a server address")
            << QStringList{QStringLiteral("--server"), QStringLiteral("http://")} << 2
            << QStringLiteral("Not a server address");
        QTest::newRow("windows without a display")
            << QStringList{QStringLiteral("--user"), QStringLiteral("alice")} << 1
            << QStringLiteral("no display");
    }
    void mistakesAreAnsweredToo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run result = run(arguments);
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
