// SPDX-License-Identifier: MIT
#include "client/ui/clientshell.h"
#include "client/ui/failurebanner.h"
#include "client/ui/signinwindow.h"
#include "client/ui/uilanguage.h"
#include "shared/clock.h"
#include "tests/clientcore/cannedhttpserver.h"

#include <QDateTime>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace roomgate;
using namespace roomgate::client;
using namespace roomgate::client::ui;
using namespace roomgate::test;

/**
 * The sign-in window against a canned server, for answers a real server gives only under
 * its abuse limits: a sign-in refused for its rate (429 with Retry-After) says until when,
 * and the buttons wait until then. Offscreen.
 */
class TestSignInWindow : public QObject
{
    Q_OBJECT

    UiLanguage m_language;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("RoomgateTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_signinwindow"));
        QSettings().clear();
    }
    void cleanupTestCase() { QSettings().clear(); }

    void rateLimitedSignInSaysUntilWhen_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("countdown"); // %1: the time
        QTest::addColumn<QString>("sentence");
        QTest::newRow("English") << "en" << QStringLiteral("You can try again at %1 (in 42 s).")
                                 << QStringLiteral("Too many sign-in attempts. Wait until the time "
                                                   "below, then try again.");
        QTest::newRow("Korean") << "ko"
                                << QStringLiteral("%1부터 다시 시도할 수 있습니다(42초 후).")
                                << QStringLiteral(
                                       "로그인 시도가 너무 많습니다. 아래 시각까지 기다린 "
                                       "뒤 다시 시도하세요.");
    }
    void rateLimitedSignInSaysUntilWhen()
    {
        QFETCH(QString, language);
        QFETCH(QString, countdown);
        QFETCH(QString, sentence);
        QCOMPARE(m_language.install(language), language);
        // The server's rate limit, as contract v1.1 answers it: 429 and Retry-After.
        CannedHttpServer http("HTTP/1.1 429 Too Many Requests\r\n"
                              "Content-Type: application/problem+json\r\nRetry-After: 42\r\n"
                              "Content-Length: 48\r\nConnection: close\r\n\r\n"
                              R"({"code":"RATE_LIMITED","status":429,"title":"x"})");
        ManualClock clock;
        ClientShell::Options options;
        options.useKeychain = false;
        options.restoreSession = false;
        options.clock = &clock;
        options.server = http.url();
        ClientShell shell(options);
        shell.start();
        SignInWindow *window = shell.signInWindow();
        window->usernameEdit()->setText(QStringLiteral("guesser"));
        window->passwordEdit()->setText(QStringLiteral("not the password"));
        QTest::mouseClick(window->signInButton(), Qt::LeftButton);
        FailureBanner *banner = window->banner();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 10000);
        QCOMPARE(banner->code(), ErrorCode::RateLimited);
        QCOMPARE(banner->sentence(), sentence);
        // Until when, as a time of day, and how long that is.
        const QString at = QDateTime::fromMSecsSinceEpoch(clock.wallMs() + 42'000)
                               .toLocalTime()
                               .toString(QStringLiteral("HH:mm:ss"));
        QCOMPARE(banner->countdownText(), countdown.arg(at));
        QVERIFY(window->isWaiting());
        QVERIFY(!window->signInButton()->isEnabled());
        QVERIFY(!window->registerButton()->isEnabled());
        // Pressing Enter in a field does not sneak a request past the wait.
        QTest::keyClick(window->passwordEdit(), Qt::Key_Return);
        QCOMPARE(http.requestCount(), 1);

        clock.advance(42'000);
        QTRY_VERIFY_WITH_TIMEOUT(window->signInButton()->isEnabled(), 5000);
        QVERIFY(!window->isWaiting());
        QVERIFY(banner->isVisible()); // what happened stays readable until the next try
        QTest::mouseClick(window->signInButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(http.requestCount(), 2, 10000);
        m_language.uninstall();
    }
};

QTEST_MAIN(TestSignInWindow)
#include "tst_signinwindow.moc"
