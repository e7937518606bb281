// SPDX-License-Identifier: MIT
#include "client/core/certificatepins.h"
#include "client/ui/certificatepanel.h"
#include "client/ui/clientshell.h"
#include "client/ui/failurebanner.h"
#include "client/ui/mainwindow.h"
#include "client/ui/roomview.h"
#include "client/ui/signinwindow.h"
#include "client/ui/uilanguage.h"
#include "tests/clientcore/testcertificate.h"
#include "tests/common/testserver.h"

#include <QApplication>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace roomgate;
using namespace roomgate::client;
using namespace roomgate::client::ui;
using namespace roomgate::test;

namespace {
constexpr int kTimeoutMs = 20'000;
const QString kPassword = QStringLiteral("correct horse battery");
const QString kPinsKey = QStringLiteral("tls/trustedCertificates");
} // namespace

/**
 * The sign-in window against a real roomgate-server serving TLS with a self-signed
 * certificate made by openssl at test time, on the offscreen platform: the certificate
 * is asked about once, inline, with its fingerprint; accepting pins it and signs in; a
 * second start does not ask again, over https nor wss; Cancel trusts nothing; a changed
 * certificate is refused in words (English and Korean), and its pin can be forgotten.
 */
class TestCertificatePanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<TestCertificate> m_certificate;
    std::optional<TestCertificate> m_other; ///< a certificate the server does not present
    std::unique_ptr<TestServer> m_server;
    UiLanguage m_language;

    QString serverUrl() const
    {
        return QStringLiteral("https://127.0.0.1:%1").arg(m_server->httpPort());
    }
    QString serverKey() const { return QStringLiteral("127.0.0.1:%1").arg(m_server->httpPort()); }

    static ClientShell::Options options()
    {
        ClientShell::Options options;
        options.useKeychain = false; // never touch the developer's real keychain
        options.restoreSession = false;
        return options;
    }

    /** Fills in the sign-in window of @p shell and presses @p button. */
    void submit(ClientShell &shell, const QString &user,
                QPushButton *(SignInWindow::*button)() const)
    {
        SignInWindow *window = shell.signInWindow();
        window->serverEdit()->setText(serverUrl());
        window->usernameEdit()->setText(user);
        window->passwordEdit()->setText(kPassword);
        QTest::mouseClick((window->*button)(), Qt::LeftButton);
    }

    /** Gives @p window the keyboard, as a window manager would on a click. */
    static bool activate(QWidget *window)
    {
        window->activateWindow();
        QApplication::setActiveWindow(window);
        return QTest::qWaitForWindowActive(window);
    }
    static void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QWidget *target = QApplication::focusWidget();
        if (!target)
            target = QApplication::activeWindow();
        QTest::keyClick(target, key, modifiers);
    }

    static bool mainWindowUp(const ClientShell &shell)
    {
        return shell.mainWindow() && shell.mainWindow()->isVisible();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("RoomgateTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_certificatepanel"));
        QSettings().clear();
        QCOMPARE(m_language.install(QStringLiteral("en")), u"en");
        // Debian's openssl makes the certificates: without it this suite cannot say anything.
        QVERIFY2(!TestCertificate::openssl().isEmpty(),
                 "openssl is not installed (Debian: apt-get install openssl, or "
                 "scripts/deps.sh test)");
        QString error;
        m_certificate = TestCertificate::selfSigned(m_dir.path(), QStringLiteral("server"), &error);
        QVERIFY2(m_certificate, qPrintable(error));
        m_other = TestCertificate::selfSigned(m_dir.path(), QStringLiteral("other"), &error);
        QVERIFY2(m_other, qPrintable(error));
        m_server = std::make_unique<TestServer>(m_certificate->serverArguments());
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
    }

    void cleanupTestCase()
    {
        QSettings().clear();
        QCOMPARE(m_server->terminate(), 0);
    }

    void init() { QSettings().remove(kPinsKey); }

    void acceptingPinsAndASecondStartDoesNotAsk()
    {
        {
            ClientShell shell(options());
            shell.start();
            SignInWindow *window = shell.signInWindow();
            QVERIFY(!window->forgetCertificateButton()->isVisible());
            submit(shell, QStringLiteral("pinner"), &SignInWindow::registerButton);

            // Asked, inline: the server, the fingerprint, what accepting means. No dialog.
            CertificatePanel *panel = window->certificatePanel();
            QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible(), kTimeoutMs);
            QCOMPARE(QApplication::activeModalWidget(), nullptr);
            QVERIFY(!window->banner()->isVisible());
            QVERIFY(!mainWindowUp(shell));
            QCOMPARE(panel->check().fingerprint, m_certificate->fingerprint);
            QCOMPARE(panel->check().server, serverKey());
            QCOMPARE(panel->fingerprintText(),
                     CertificateCheck::displayFingerprintLines(m_certificate->fingerprint));
            QVERIFY2(panel->explanation().contains(serverUrl()), qPrintable(panel->explanation()));
            QCOMPARE(panel->title(), QStringLiteral("Check this server's certificate"));
            // Nothing else can be sent meanwhile; the window is tall enough for the question.
            QVERIFY(!window->signInButton()->isEnabled());
            QVERIFY(!window->registerButton()->isEnabled());
            QVERIFY(window->height() >= window->layout()->totalHeightForWidth(window->width()));
            // What a screen reader says.
            QCOMPARE(panel->accessibleName(), panel->title());
            QVERIFY(panel->accessibleDescription().contains(
                CertificateCheck::displayFingerprint(m_certificate->fingerprint)));
            const auto *fingerprint
                = panel->findChild<QLabel *>(QStringLiteral("certificateFingerprint"));
            QVERIFY(fingerprint);
            QVERIFY(!fingerprint->accessibleName().isEmpty());
            QVERIFY(!panel->acceptButton()->accessibleDescription().isEmpty());
            QVERIFY(!panel->cancelButton()->accessibleDescription().isEmpty());

            // Keyboard: Cancel has the focus (nothing is trusted by a stray key); Tab, Space.
            QVERIFY(activate(window));
            QCOMPARE(QApplication::focusWidget(), panel->cancelButton());
            press(Qt::Key_Tab);
            QCOMPARE(QApplication::focusWidget(), panel->acceptButton());
            press(Qt::Key_Space);

            // Pinned, and what was asked goes on: the account is made and signed in.
            QTRY_VERIFY_WITH_TIMEOUT(mainWindowUp(shell), kTimeoutMs);
            QVERIFY(!panel->isVisible());
            QCOMPARE(shell.api()->certificatePins()->pin(serverKey()), m_certificate->fingerprint);
            QCOMPARE(QSettings().value(kPinsKey).toStringList(),
                     QStringList{serverKey() + u'='
                                 + QString::fromLatin1(m_certificate->fingerprint.toHex())});

            // The chat connection (wss) accepts the same certificate.
            RoomView *view = shell.mainWindow()->enterRoom(QStringLiteral("Pinned room"),
                                                           EntryOptions{true, 4});
            QTRY_VERIFY_WITH_TIMEOUT(view->session()->isJoined() || view->session()->hasFailed(),
                                     kTimeoutMs);
            QVERIFY2(view->session()->isJoined(),
                     qPrintable(view->session()->failure().sentence()));
        }

        // The app again: the address is remembered, and so is the certificate trusted for it.
        ClientShell second(options());
        second.start();
        SignInWindow *window = second.signInWindow();
        QCOMPARE(window->serverEdit()->text(), serverUrl());
        QVERIFY(window->forgetCertificateButton()->isVisible());
        submit(second, QStringLiteral("pinner"), &SignInWindow::signInButton);
        QTRY_VERIFY_WITH_TIMEOUT(mainWindowUp(second) || window->isAskingToTrust()
                                     || window->banner()->isVisible(),
                                 kTimeoutMs);
        QVERIFY2(mainWindowUp(second), qPrintable(window->banner()->sentence()));
        QVERIFY(!window->isAskingToTrust());
        // And the chat connection of this start trusts it too, read from the settings.
        RoomView *view
            = second.mainWindow()->enterRoom(QStringLiteral("Pinned again"), EntryOptions{true, 4});
        QTRY_VERIFY_WITH_TIMEOUT(view->session()->isJoined() || view->session()->hasFailed(),
                                 kTimeoutMs);
        QVERIFY2(view->session()->isJoined(), qPrintable(view->session()->failure().sentence()));
        QVERIFY(!window->isAskingToTrust());
    }

    void cancelTrustsNothing()
    {
        ClientShell shell(options());
        shell.start();
        SignInWindow *window = shell.signInWindow();
        submit(shell, QStringLiteral("doubter"), &SignInWindow::registerButton);
        QTRY_VERIFY_WITH_TIMEOUT(window->isAskingToTrust(), kTimeoutMs);
        QVERIFY(activate(window));
        press(Qt::Key_Escape);
        QVERIFY(!window->isAskingToTrust());
        QVERIFY(!shell.api()->certificatePins()->isPinned(serverKey()));
        QVERIFY(!QSettings().contains(kPinsKey));
        QVERIFY(!mainWindowUp(shell));
        QVERIFY(window->registerButton()->isEnabled());
        QCOMPARE(QApplication::focusWidget(), window->serverEdit());

        // Asked again on the next try: the certificate is still not trusted.
        QTest::mouseClick(window->registerButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window->isAskingToTrust(), kTimeoutMs);
        // Another address drops the question about this one.
        window->serverEdit()->setText(QStringLiteral("https://127.0.0.1:1"));
        QVERIFY(!window->isAskingToTrust());
        QVERIFY(window->registerButton()->isEnabled());
    }

    void changedCertificateIsRefusedUntilForgotten()
    {
        // Trusted before: another certificate than the one the server presents now.
        QSettings().setValue(
            kPinsKey,
            QStringList{serverKey() + u'=' + QString::fromLatin1(m_other->fingerprint.toHex())});
        ClientShell shell(options());
        shell.start();
        SignInWindow *window = shell.signInWindow();
        submit(shell, QStringLiteral("wary"), &SignInWindow::registerButton);
        FailureBanner *banner = window->banner();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), kTimeoutMs);
        // Refused, not asked: the server's identity changed, said with what to do.
        QVERIFY(!window->isAskingToTrust());
        QVERIFY(!mainWindowUp(shell));
        QCOMPARE(banner->localError(), LocalError::Tls);
        QVERIFY2(
            banner->sentence().startsWith(
                QStringLiteral("The identity of the server at %1 has changed").arg(serverUrl())),
            qPrintable(banner->sentence()));
        QVERIFY(banner->sentence().contains(QStringLiteral("administrator")));
        QVERIFY(banner->sentence().contains(QStringLiteral("Forget trusted certificate")));
        QVERIFY(banner->detail().contains(
            CertificateCheck::displayFingerprint(m_certificate->fingerprint.left(16))));
        QVERIFY(banner->detail().contains(
            CertificateCheck::displayFingerprint(m_other->fingerprint.left(16))));

        // Forgetting the pin: gone from the settings, and the next try asks again.
        QPushButton *forget = window->forgetCertificateButton();
        QVERIFY(forget->isVisible());
        QVERIFY(forget->toolTip().contains(serverKey()));
        QTest::mouseClick(forget, Qt::LeftButton);
        QVERIFY(!forget->isVisible());
        QVERIFY(!banner->isVisible());
        QVERIFY(!QSettings().contains(kPinsKey));
        QTest::mouseClick(window->registerButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window->isAskingToTrust(), kTimeoutMs);
        QCOMPARE(window->certificatePanel()->check().fingerprint, m_certificate->fingerprint);
    }

    void korean()
    {
        UiLanguage korean;
        QCOMPARE(korean.install(QStringLiteral("ko")), u"ko");
        {
            ClientShell shell(options());
            shell.start();
            SignInWindow *window = shell.signInWindow();
            submit(shell, QStringLiteral("한국어"), &SignInWindow::registerButton);
            QTRY_VERIFY_WITH_TIMEOUT(window->isAskingToTrust(), kTimeoutMs);
            CertificatePanel *panel = window->certificatePanel();
            QCOMPARE(panel->title(), QStringLiteral("이 서버의 인증서를 확인하세요"));
            QVERIFY2(panel->explanation().contains(serverUrl()), qPrintable(panel->explanation()));
            QVERIFY(panel->explanation().contains(QStringLiteral("지문")));
            QCOMPARE(panel->acceptButton()->text(), QStringLiteral("수락하고 계속(&A)"));
            QCOMPARE(panel->cancelButton()->text(), QStringLiteral("취소(&C)"));
        }

        // A changed certificate is refused in Korean too, with what to do.
        QSettings().setValue(
            kPinsKey,
            QStringList{serverKey() + u'=' + QString::fromLatin1(m_other->fingerprint.toHex())});
        ClientShell shell(options());
        shell.start();
        SignInWindow *window = shell.signInWindow();
        submit(shell, QStringLiteral("한국어"), &SignInWindow::registerButton);
        FailureBanner *banner = window->banner();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), kTimeoutMs);
        QVERIFY(!window->isAskingToTrust());
        QVERIFY2(banner->sentence().startsWith(
                     QStringLiteral("%1 서버의 신원이 바뀌었습니다").arg(serverUrl())),
                 qPrintable(banner->sentence()));
        QVERIFY(banner->sentence().contains(QStringLiteral("“신뢰한 인증서 잊기”")));
        QCOMPARE(window->forgetCertificateButton()->text(),
                 QStringLiteral("신뢰한 인증서 잊기(&F)"));
        QVERIFY(banner->detail().startsWith(QStringLiteral("지금 받은 인증서(SHA-256):")));
    }
};

QTEST_MAIN(TestCertificatePanel)
#include "tst_certificatepanel.moc"
