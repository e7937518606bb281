// SPDX-License-Identifier: MIT
#include "client/core/seatwatcher.h"
#include "client/core/sessionmanager.h"
#include "client/ui/clientshell.h"
#include "client/ui/createroomdialog.h"
#include "client/ui/elidedlabel.h"
#include "client/ui/failurebanner.h"
#include "client/ui/mainwindow.h"
#include "client/ui/memberlistmodel.h"
#include "client/ui/messageedit.h"
#include "client/ui/messagelistmodel.h"
#include "client/ui/roomlistmodel.h"
#include "client/ui/roomview.h"
#include "client/ui/signinwindow.h"
#include "client/ui/uilanguage.h"
#include "shared/clock.h"
#include "tests/common/testserver.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QInputMethodEvent>
#include <QJsonObject>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QListView>
#include <QMainWindow>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTcpServer>
#include <QTest>
#include <QToolButton>

using namespace roomgate;
using namespace roomgate::client;
using namespace roomgate::client::ui;
using namespace roomgate::test;

namespace {
constexpr int kTimeoutMs = 10'000;
const QString kPassword = QStringLiteral("correct horse battery");

/**
 * Types @p text into @p widget: key presses for Latin-1, an input method's commit for
 * the rest (Hangul arrives from an IME as committed text, not as key events).
 */
void typeText(QWidget *widget, const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x100) {
            QTest::keyClick(widget, c.toLatin1());
        } else {
            QInputMethodEvent commit;
            commit.setCommitString(QString(c));
            QApplication::sendEvent(widget, &commit);
        }
    }
}
} // namespace

/**
 * The desktop client driven like a user, through its windows' fields and buttons, on
 * the offscreen platform against a real roomgate-server on loopback.
 */
class TestClientShell : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestApi> m_api;
    UiLanguage m_language;
    /** The clock of the banners' countdowns: they move only when a test says so. */
    ManualClock m_clock;
    std::unique_ptr<ClientShell> m_shell; ///< alice's app, shared by the English tests
    QByteArray m_admin; ///< an admin's token, for kicks and closed rooms

    QString serverUrl() const
    {
        return QStringLiteral("http://127.0.0.1:%1").arg(m_server->httpPort());
    }

    ClientShell::Options options()
    {
        ClientShell::Options options;
        options.useKeychain = false; // never touch the developer's real keychain
        options.restoreSession = false;
        options.clock = &m_clock;
        return options;
    }

    /** Types into the sign-in window and presses @p button; the main window is up after. */
    static bool signInThroughWindow(ClientShell &shell, const QString &server, const QString &user,
                                    QPushButton *(SignInWindow::*button)() const)
    {
        SignInWindow *window = shell.signInWindow();
        window->serverEdit()->setText(server);
        window->usernameEdit()->clear();
        typeText(window->usernameEdit(), user);
        window->passwordEdit()->clear();
        typeText(window->passwordEdit(), kPassword);
        QTest::mouseClick((window->*button)(), Qt::LeftButton);
        return QTest::qWaitFor(
            [&] { return shell.mainWindow() && shell.mainWindow()->isVisible(); }, kTimeoutMs);
    }

    /**
     * Makes @p shell a new app whose user @p user registers and signs in; fails the test
     * when the main window does not come: callers return on QTest::currentTestFailed().
     */
    void signedInShell(const QString &user, std::unique_ptr<ClientShell> &shell)
    {
        shell = std::make_unique<ClientShell>(options());
        shell->start();
        QVERIFY2(signInThroughWindow(*shell, serverUrl(), user, &SignInWindow::registerButton),
                 qPrintable(shell->signInWindow()->banner()->sentence()));
    }

    /** Where @p widget is, in @p window's coordinates. */
    static QRect placeIn(const QWidget *widget, const QWidget *window)
    {
        return QRect(widget->mapTo(window, QPoint(0, 0)), widget->size());
    }

    /** Gives @p window the keyboard, as a window manager would on a click. */
    static bool activate(QWidget *window)
    {
        window->activateWindow();
        QApplication::setActiveWindow(window);
        return QTest::qWaitForWindowActive(window);
    }

    /**
     * The Alt+letters that more than one visible button (or menu) of @p window answers,
     * with their texts: such a key only moves the focus between them, it presses none.
     */
    static QStringList sharedMnemonics(QWidget *window)
    {
        QMultiMap<QString, QString> byKey;
        for (QAbstractButton *button : window->findChildren<QAbstractButton *>()) {
            const QKeySequence key = QKeySequence::mnemonic(button->text());
            if (button->isVisible() && !key.isEmpty())
                byKey.insert(key.toString(), button->text());
        }
        if (auto *main = qobject_cast<QMainWindow *>(window)) {
            for (QAction *menu : main->menuBar()->actions()) {
                const QKeySequence key = QKeySequence::mnemonic(menu->text());
                if (!key.isEmpty())
                    byKey.insert(key.toString(), menu->text());
            }
        }
        QStringList shared;
        for (const QString &key : byKey.uniqueKeys()) {
            if (byKey.count(key) > 1)
                shared.append(key + QStringLiteral(": ") + byKey.values(key).join(u" / "));
        }
        return shared;
    }

    /** Presses @p key on whatever has the keyboard focus now. */
    static void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QWidget *target = QApplication::focusWidget();
        if (!target)
            target = QApplication::activeWindow();
        QTest::keyClick(target, key, modifiers);
    }
    static void typeHere(const QString &text) { typeText(QApplication::focusWidget(), text); }

    /** Selects @p room in the room list (refreshing until it is there) and presses Enter. */
    static RoomView *enterFromList(MainWindow *main, const QString &room)
    {
        const bool listed = QTest::qWaitFor(
            [&] {
                if (main->rooms()->rowOf(room) >= 0)
                    return true;
                main->refreshRooms();
                return false;
            },
            kTimeoutMs);
        if (!listed)
            return nullptr;
        main->filterEdit()->setText(room);
        QListView *list = main->roomList();
        if (list->model()->rowCount() != 1)
            return nullptr;
        list->setCurrentIndex(list->model()->index(0, 0));
        QTest::mouseClick(main->enterButton(), Qt::LeftButton);
        main->filterEdit()->clear();
        return main->roomView(room);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("RoomgateTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_clientshell"));
        QSettings().clear();
        QCOMPARE(m_language.install(QStringLiteral("en")), u"en");
        // Reservations outlive any test: a seat held by one is held until the test frees it.
        m_server = std::make_unique<TestServer>(
            QStringList{QStringLiteral("--ticket-ttl"), QStringLiteral("600")});
        // An admin for kicks and closed rooms, made the documented way before the start.
        QProcess bootstrap;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("ROOMGATE_ADMIN_PASSWORD"),
                           QStringLiteral("admin-password"));
        bootstrap.setProcessEnvironment(environment);
        bootstrap.start(TestServer::binary(),
                        {QStringLiteral("--headless"), QStringLiteral("--create-admin"),
                         QStringLiteral("boss"), QStringLiteral("--data-dir"), m_server->dataDir(),
                         QStringLiteral("--password-cost"), QStringLiteral("minimum")});
        QVERIFY(bootstrap.waitForFinished(15000));
        QCOMPARE(bootstrap.exitCode(), 0);
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_api = std::make_unique<TestApi>(m_server->httpPort());
        const HttpReply admin
            = m_api->post(QStringLiteral("/api/v1/sessions"),
                          {{QStringLiteral("username"), QStringLiteral("boss")},
                           {QStringLiteral("password"), QStringLiteral("admin-password")}});
        QCOMPARE(admin.status, 201);
        m_admin = admin.json.value(u"token").toString().toLatin1();
    }

    void cleanupTestCase()
    {
        m_shell.reset();
        QSettings().clear();
        QCOMPARE(m_server->terminate(), 0);
    }

    void signInRefusedThenRegister()
    {
        m_shell = std::make_unique<ClientShell>(options());
        m_shell->start();
        SignInWindow *window = m_shell->signInWindow();
        QVERIFY(window->isVisible());
        QCOMPARE(window->serverEdit()->text(), QStringLiteral("http://127.0.0.1:8080"));
        // No keychain in tests: the token stays in memory, and the window says so.
        QVERIFY(window->memoryOnlyNote()->isVisible());
        // It says why: the keychain was turned off, not that none answered.
        QVERIFY(window->memoryOnlyNote()->text().contains(u"--no-keychain"));
        // The platform adds the application's name to titles: the window does not.
        QCOMPARE(window->windowTitle(), QStringLiteral("Sign in"));

        // Signing in before the account exists: refused, shown inline.
        window->serverEdit()->setText(serverUrl());
        QTest::keyClicks(window->usernameEdit(), QStringLiteral("alice"));
        QTest::keyClicks(window->passwordEdit(), kPassword);
        QTest::mouseClick(window->signInButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(window->banner()->isVisible(), kTimeoutMs);
        QCOMPARE(window->banner()->code(), ErrorCode::BadCredentials);
        QCOMPARE(window->banner()->title(), QStringLiteral("Could not sign in"));
        QCOMPARE(window->banner()->sentence(), errorSentence(ErrorCode::BadCredentials));
        QCOMPARE(QApplication::activeModalWidget(), nullptr);

        // Register creates the account and signs in.
        QVERIFY(signInThroughWindow(*m_shell, serverUrl(), QStringLiteral("alice"),
                                    &SignInWindow::registerButton));
        QVERIFY(!window->isVisible());
        MainWindow *main = m_shell->mainWindow();
        QCOMPARE(main->username(), QStringLiteral("alice"));
        QCOMPARE(main->windowTitle(), QStringLiteral("alice"));
        QCOMPARE(main->findChild<QLabel *>(QStringLiteral("memoryOnlyStatus"))->text(),
                 QStringLiteral("Session not saved: keychain off"));
        QVERIFY(main->findChild<QLabel *>(QStringLiteral("memoryOnlyStatus"))->isVisible());

        // Server and user name are remembered; the token is nowhere in the settings.
        QSettings settings;
        QCOMPARE(settings.value(QStringLiteral("signIn/server")).toString(), serverUrl());
        QCOMPARE(settings.value(QStringLiteral("signIn/username")).toString(), u"alice");
        settings.sync();
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray stored = file.readAll();
        QVERIFY(!m_shell->api()->token().isEmpty());
        QVERIFY(!stored.contains(m_shell->api()->token().toLatin1()));
        QVERIFY(!stored.contains(kPassword.toLatin1()));
    }

    void createRoomFromDialog()
    {
        QVERIFY(m_shell && m_shell->mainWindow());
        MainWindow *main = m_shell->mainWindow();
        QTest::mouseClick(main->createButton(), Qt::LeftButton);
        CreateRoomDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (dialog = main->findChild<CreateRoomDialog *>()) && dialog->isVisible(), kTimeoutMs);
        QDialogButtonBox *buttons = dialog->findChild<QDialogButtonBox *>();
        QPushButton *create = buttons->button(QDialogButtonBox::Ok);
        QVERIFY(!create->isEnabled());
        QTest::keyClicks(dialog->nameEdit(), QStringLiteral("Tea/Room"));
        QVERIFY(!create->isEnabled()); // not a valid room name: said at once
        // The hint is shown whole: the dialog grows to it rather than cutting it.
        QLabel *hint = dialog->hint();
        QVERIFY(hint->isVisible());
        QCOMPARE(hint->text(), errorSentence(ErrorCode::InvalidRoomName));
        QTRY_VERIFY_WITH_TIMEOUT(hint->height() >= hint->heightForWidth(hint->width()), kTimeoutMs);
        QVERIFY(dialog->rect().contains(placeIn(hint, dialog)));
        dialog->nameEdit()->clear();
        QTest::keyClicks(dialog->nameEdit(), QStringLiteral("Tea Room"));
        dialog->capacityEdit()->setValue(4);
        QVERIFY(create->isEnabled());
        QTest::mouseClick(create, Qt::LeftButton);

        RoomView *view = main->roomView(QStringLiteral("Tea Room"));
        QVERIFY(view);
        QCOMPARE(main->currentRoomView(), view);
        QTRY_COMPARE_WITH_TIMEOUT(view->statusText(), QStringLiteral("Joined"), kTimeoutMs);
        QCOMPARE(view->members()->members(), QStringList{QStringLiteral("alice")});

        // The list shows the new room with its seats: 1 member, no reservation, 4 seats.
        QTRY_VERIFY_WITH_TIMEOUT(main->rooms()->rowOf(QStringLiteral("Tea Room")) >= 0, kTimeoutMs);
        const QModelIndex row
            = main->rooms()->index(main->rooms()->rowOf(QStringLiteral("Tea Room")));
        QTRY_COMPARE_WITH_TIMEOUT(row.data(RoomListModel::OccupancyTextRole).toString(),
                                  QStringLiteral("1 + 0 / 4"), kTimeoutMs);
        QCOMPARE(row.data(RoomListModel::StateTextRole).toString(), QStringLiteral("Open"));
    }

    void createRoomHintShownWhole_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("width");
        QTest::newRow("65 characters, English") << "en" << QString(65, u'W') << 420;
        QTest::newRow("65 characters, Korean") << "ko" << QString(65, u'W') << 420;
        QTest::newRow("a slash, Korean, narrow") << "ko" << QStringLiteral("차/방") << 300;
        QTest::newRow("65 Hangul, English, narrow") << "en" << QString(65, u'한') << 300;
    }
    void createRoomHintShownWhole()
    {
        // The rule for names (1 to 64 characters) is said whole, never cut at the top or
        // the bottom, in either language and however narrow the dialog is.
        QFETCH(QString, language);
        QFETCH(QString, name);
        QFETCH(int, width);
        UiLanguage ui;
        QCOMPARE(ui.install(language), language);
        CreateRoomDialog dialog;
        dialog.resize(width, dialog.height());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const int before = dialog.height();
        dialog.nameEdit()->setText(name);
        QLabel *hint = dialog.hint();
        QVERIFY(hint->isVisible());
        QCOMPARE(hint->text(), errorSentence(ErrorCode::InvalidRoomName));
        QVERIFY(hint->text().contains(u"64"));
        QVERIFY(!dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(hint->height() >= hint->heightForWidth(hint->width()), kTimeoutMs);
        QVERIFY(dialog.rect().contains(placeIn(hint, &dialog)));
        QVERIFY(dialog.height() >= dialog.layout()->totalHeightForWidth(dialog.width()));
        QVERIFY(dialog.height() >= before);
        // Nothing overlaps it: the capacity above, the buttons below.
        const QRect hintRect = placeIn(hint, &dialog);
        QVERIFY(placeIn(dialog.capacityEdit(), &dialog).bottom() < hintRect.top());
        QVERIFY(hintRect.bottom() < placeIn(dialog.findChild<QDialogButtonBox *>(), &dialog).top());
    }

    void sendMessageAndSeeIt()
    {
        QVERIFY(m_shell && m_shell->mainWindow());
        RoomView *view = m_shell->mainWindow()->roomView(QStringLiteral("Tea Room"));
        QVERIFY(view);
        MessageEdit *input = view->input();
        const QString text = QStringLiteral("hello from the test, 안녕하세요");
        typeText(input, text);
        QCOMPARE(input->toPlainText(), text);
        QVERIFY(view->sendButton()->isEnabled());
        QTest::keyClick(input, Qt::Key_Return);

        MessageListModel *messages = view->messages();
        QTRY_COMPARE_WITH_TIMEOUT(messages->messageCount(), 1, kTimeoutMs);
        const QModelIndex last = messages->index(messages->rowCount() - 1);
        QCOMPARE(last.data(MessageListModel::TextRole).toString(), text);
        QCOMPARE(last.data(MessageListModel::SenderRole).toString(), u"alice");
        QVERIFY(last.data(MessageListModel::OwnRole).toBool());
        QVERIFY(last.data(MessageListModel::IdRole).toLongLong() > 0); // the server's ack
        QVERIFY(input->toPlainText().isEmpty());
    }

    void secondMemberPresenceAndMessages()
    {
        QVERIFY(m_shell && m_shell->mainWindow());
        RoomView *view = m_shell->mainWindow()->roomView(QStringLiteral("Tea Room"));
        QVERIFY(view);
        const QByteArray bob = m_api->userToken(QStringLiteral("bob"));
        const HttpReply reserved = m_api->reserve(bob, QStringLiteral("Tea Room"), false);
        QCOMPARE(reserved.status, 201);
        TestSocket socket;
        socket.open(reserved.json.value(u"websocketUrl").toString());
        QCOMPARE(socket.frameOfType(QStringLiteral("joined")).value(u"you").toString(), u"bob");

        QTRY_COMPARE_WITH_TIMEOUT(view->members()->members(),
                                  (QStringList{QStringLiteral("alice"), QStringLiteral("bob")}),
                                  kTimeoutMs);
        socket.send({{QStringLiteral("type"), QStringLiteral("message")},
                     {QStringLiteral("text"), QStringLiteral("hi alice")}});
        MessageListModel *messages = view->messages();
        QTRY_COMPARE_WITH_TIMEOUT(messages->messageCount(), 2, kTimeoutMs);
        const QModelIndex last = messages->index(messages->rowCount() - 1);
        QCOMPARE(last.data(MessageListModel::SenderRole).toString(), u"bob");
        QVERIFY(!last.data(MessageListModel::OwnRole).toBool());

        socket.send({{QStringLiteral("type"), QStringLiteral("leave")}});
        QVERIFY(socket.waitClosed());
        QTRY_COMPARE_WITH_TIMEOUT(view->members()->members(), QStringList{QStringLiteral("alice")},
                                  kTimeoutMs);
        QCOMPARE(messages->index(messages->rowCount() - 1).data(MessageListModel::TextRole),
                 QVariant(QStringLiteral("bob left")));
    }

    void counterNearTheLimit()
    {
        QVERIFY(m_shell && m_shell->mainWindow());
        RoomView *view = m_shell->mainWindow()->roomView(QStringLiteral("Tea Room"));
        QVERIFY(view);
        MessageEdit *input = view->input();
        input->setPlainText(QString(3500, u'a'));
        QVERIFY(!view->counter()->isVisible());
        input->setPlainText(QString(3600, u'a'));
        QVERIFY(view->counter()->isVisible());
        QCOMPARE(view->counter()->text(), QStringLiteral("3600 / 4000"));
        QVERIFY(view->sendButton()->isEnabled());
        // Characters are code points: 4000 Hangul syllables and emoji are fine.
        input->setPlainText(QString(3999, u'한') + QStringLiteral("😀"));
        QCOMPARE(view->counter()->text(), QStringLiteral("4000 / 4000"));
        QVERIFY(view->sendButton()->isEnabled());
        input->setPlainText(QString(4001, u'a'));
        QCOMPARE(view->counter()->text(), QStringLiteral("4001 / 4000"));
        QVERIFY(view->counter()->styleSheet().contains(QStringLiteral("#c0392b")));
        QVERIFY(!view->sendButton()->isEnabled());
        const int before = view->messages()->rowCount();
        QTest::keyClick(input, Qt::Key_Return);
        QCOMPARE(view->messages()->rowCount(), before); // nothing was sent
        QCOMPARE(input->toPlainText().size(), 4001); // and nothing lost
        input->clear();
        QVERIFY(!view->counter()->isVisible());
        QVERIFY(!view->sendButton()->isEnabled());
    }

    void leaveClosesTheTab()
    {
        QVERIFY(m_shell && m_shell->mainWindow());
        MainWindow *main = m_shell->mainWindow();
        RoomView *view = main->roomView(QStringLiteral("Tea Room"));
        QVERIFY(view);
        QPointer<RoomSession> session = view->session();
        QTest::mouseClick(view->findChild<QPushButton *>(QStringLiteral("leaveButton")),
                          Qt::LeftButton);
        QCOMPARE(main->roomTabs()->count(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(session.isNull(), kTimeoutMs);
        QCOMPARE(main->sessions()->count(), 0);
        const int row = main->rooms()->rowOf(QStringLiteral("Tea Room"));
        QTRY_COMPARE_WITH_TIMEOUT(
            main->rooms()->index(row).data(RoomListModel::OccupantsRole).toInt(), 0, kTimeoutMs);
    }

    void closedTabEnteredAgainAtOnce()
    {
        QVERIFY(m_shell && m_shell->mainWindow());
        MainWindow *main = m_shell->mainWindow();
        RoomView *view = main->enterRoom(QStringLiteral("Tea Room"));
        QVERIFY(view);
        QTRY_COMPARE_WITH_TIMEOUT(view->statusText(), QStringLiteral("Joined"), kTimeoutMs);
        QPointer<RoomSession> session = view->session();

        // Closed, and entered again before the server has the goodbye: a new tab over the
        // same session, which comes back in by itself once the leave completes.
        QTest::mouseClick(view->findChild<QPushButton *>(QStringLiteral("leaveButton")),
                          Qt::LeftButton);
        QCOMPARE(main->roomTabs()->count(), 0);
        QCOMPARE(session->state(), RoomSession::State::Leaving);
        view = main->enterRoom(QStringLiteral("Tea Room"));
        QVERIFY(view);
        QCOMPARE(view->session(), session.data());
        QCOMPARE(main->roomTabs()->count(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(view->statusText(), QStringLiteral("Joined"), kTimeoutMs);
        QCOMPARE(view->indicator(), RoomView::Indicator::Joined);
        QVERIFY(!view->banner()->isVisible());

        QTest::mouseClick(view->findChild<QPushButton *>(QStringLiteral("leaveButton")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(session.isNull(), kTimeoutMs);
        QCOMPARE(main->sessions()->count(), 0);
    }

    void endedSessionAsksToSignInAgain()
    {
        QVERIFY(m_shell && m_shell->mainWindow());
        MainWindow *main = m_shell->mainWindow();
        // The session ends behind the app's back (signed out elsewhere).
        const HttpReply out = m_api->request("DELETE", QStringLiteral("/api/v1/sessions/current"),
                                             {}, m_shell->api()->token().toLatin1());
        QCOMPARE(out.status, 204);
        main->refreshRooms();
        FailureBanner *banner = main->roomListBanner();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), kTimeoutMs);
        QCOMPARE(banner->code(), ErrorCode::Unauthenticated);
        QCOMPARE(banner->actions(), FailureBanner::Actions(FailureBanner::Action::SignInAgain));
        QTest::mouseClick(banner->findChild<QPushButton *>(QStringLiteral("signInAgainButton")),
                          Qt::LeftButton);

        SignInWindow *window = m_shell->signInWindow();
        QVERIFY(window->isVisible());
        QVERIFY(!main->isVisible());
        QCOMPARE(window->usernameEdit()->text(), u"alice");
        QTest::keyClicks(window->passwordEdit(), kPassword);
        QTest::mouseClick(window->signInButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(main->isVisible(), kTimeoutMs);
        QCOMPARE(m_shell->mainWindow(), main); // same account: same window, rooms kept
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), kTimeoutMs);
    }

    void signOutReturnsToTheSignInWindow()
    {
        QVERIFY(m_shell && m_shell->mainWindow());
        const QString token = m_shell->api()->token();
        QVERIFY(!token.isEmpty());
        QSignalSpy signedOut(m_shell.get(), &ClientShell::signedOut);
        m_shell->mainWindow()->findChild<QAction *>(QStringLiteral("signOutAction"))->trigger();
        QCOMPARE(signedOut.size(), 1);
        QVERIFY(m_shell->signInWindow()->isVisible());
        QVERIFY(m_shell->signInWindow()->passwordEdit()->text().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!m_shell->mainWindow(), kTimeoutMs);
        QVERIFY(m_shell->api()->token().isEmpty());
        // The server ended the session too.
        QTRY_COMPARE_WITH_TIMEOUT(
            m_api->request("GET", QStringLiteral("/api/v1/rooms"), {}, token.toLatin1()).status,
            401, kTimeoutMs);
    }

    void fullRoomShowsTheKoreanBanner()
    {
        m_shell.reset();
        UiLanguage korean;
        QCOMPARE(korean.install(QStringLiteral("ko")), u"ko");
        const QString english = QString::fromUtf8(errorInfo(ErrorCode::RoomFull).sentence);
        const QString roomFullKo
            = QStringLiteral("방이 가득 찼습니다. 자리가 날 때까지 기다리거나 다른 방을 고르세요.");
        QCOMPARE(QCoreApplication::translate("roomgate::ErrorText", english.toUtf8().constData()),
                 roomFullKo);

        // Carol holds the only seat of a new room with a reservation she does not claim.
        const QByteArray carol = m_api->userToken(QStringLiteral("carol"));
        const HttpReply held = m_api->reserve(carol, QStringLiteral("Single"), true, 1);
        QCOMPARE(held.status, 201);
        const int ttl = held.json.value(u"ttlSeconds").toInt();
        QVERIFY(ttl > 2);

        ClientShell shell(options());
        shell.start();
        QCOMPARE(shell.signInWindow()->signInButton()->text(), QStringLiteral("로그인(&I)"));
        QVERIFY(signInThroughWindow(shell, serverUrl(), QStringLiteral("지민"),
                                    &SignInWindow::registerButton));
        RoomView *view = enterFromList(shell.mainWindow(), QStringLiteral("Single"));
        QVERIFY(view);
        FailureBanner *banner = view->banner();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), kTimeoutMs);

        const RoomSession::Failure &failure = view->session()->failure();
        QCOMPARE(failure.code, ErrorCode::RoomFull);
        QCOMPARE(failure.phase, RoomSession::Phase::Reservation);
        QCOMPARE(banner->title(), QStringLiteral("좌석을 예약하지 못했습니다"));
        QCOMPARE(banner->sentence(), roomFullKo);
        QVERIFY(banner->findChild<QPushButton *>(QStringLiteral("retryNowButton"))->isVisible());
        QVERIFY(banner->findChild<QPushButton *>(QStringLiteral("chooseAnotherRoomButton"))
                    ->isVisible());
        QCOMPARE(QApplication::activeModalWidget(), nullptr);

        // The countdown starts from the server's retryAfterSeconds: until carol's
        // reservation expires, at most its TTL away.
        QVERIFY(failure.retryAfterSeconds >= 1 && failure.retryAfterSeconds <= ttl);
        QVERIFY(banner->isCountingDown());
        QCOMPARE(banner->countdownStartSeconds(), failure.retryAfterSeconds);
        const int left = banner->countdownSeconds();
        QVERIFY(left <= failure.retryAfterSeconds && left >= failure.retryAfterSeconds - 1);
        QCOMPARE(banner->countdownText(), QStringLiteral("%1초 후 다시 시도합니다…").arg(left));
        m_clock.advance(1000);
        QTRY_COMPARE_WITH_TIMEOUT(banner->countdownSeconds(), left - 1, kTimeoutMs);
        QCOMPARE(banner->countdownText(), QStringLiteral("%1초 후 다시 시도합니다…").arg(left - 1));
        QCOMPARE(view->statusText(), RoomView::statusFor(RoomSession::State::Failed, false, 0));
    }

    void countdownRetriesByItself()
    {
        // The held seat frees up (the holder gives it back) and the countdown's own retry,
        // once the test's clock says it is due, gets the user in without a click.
        TestServer server({QStringLiteral("--ticket-ttl"), QStringLiteral("600")});
        QVERIFY2(server.start(), qPrintable(server.output()));
        TestApi api(server.httpPort());
        // Dave is in the room (so it stays when reservations lapse), Frank holds the
        // other seat with a reservation he never claims.
        const HttpReply daves
            = api.reserve(api.userToken(QStringLiteral("dave")), QStringLiteral("Quick"), true, 2);
        QCOMPARE(daves.status, 201);
        TestSocket dave;
        dave.open(daves.json.value(u"websocketUrl").toString());
        QVERIFY(!dave.frameOfType(QStringLiteral("joined")).isEmpty());
        const QByteArray frank = api.userToken(QStringLiteral("frank"));
        const HttpReply franks = api.reserve(frank, QStringLiteral("Quick"), false);
        QCOMPARE(franks.status, 201);

        ClientShell shell(options());
        shell.start();
        QVERIFY(signInThroughWindow(shell,
                                    QStringLiteral("http://127.0.0.1:%1").arg(server.httpPort()),
                                    QStringLiteral("erin"), &SignInWindow::registerButton));
        RoomView *view = shell.mainWindow()->enterRoom(QStringLiteral("Quick"));
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(view->banner()->isCountingDown(), kTimeoutMs);
        const int retryAfter = view->session()->failure().retryAfterSeconds;
        QVERIFY(retryAfter > 60);
        QCOMPARE(view->banner()->countdownStartSeconds(), retryAfter);
        QSignalSpy joined(view->session(), &RoomSession::joined);
        QCOMPARE(api.request("DELETE",
                             QStringLiteral("/api/v1/entries/")
                                 + franks.json.value(u"ticket").toString(),
                             {}, frank)
                     .status,
                 204);
        QCOMPARE(joined.size(), 0); // nothing happens before the countdown is over
        m_clock.advance(retryAfter * 1000LL);
        QVERIFY(joined.wait(kTimeoutMs));
        QVERIFY(!view->banner()->isVisible());
        QCOMPARE(view->statusText(), QStringLiteral("Joined"));

        // The server stops under the joined room: the tab counts down to a reconnect and
        // keeps who was there, greyed.
        QCOMPARE(server.terminate(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(view->statusText().startsWith(QStringLiteral("Reconnecting in ")),
                                 kTimeoutMs);
        QVERIFY(view->statusText().endsWith(QStringLiteral(" s…")));
        QVERIFY(view->members()->isStale());
        // (Dave may or may not be reported gone before the server closes on erin.)
        QVERIFY(view->members()->members().contains(QStringLiteral("erin")));
        MessageListModel *messages = view->messages();
        QCOMPARE(messages->index(messages->rowCount() - 1).data(MessageListModel::TextRole),
                 QVariant(QStringLiteral("Connection lost: ")
                          + errorSentence(ErrorCode::ServerShutdown)));
        QVERIFY(!view->banner()->isVisible()); // retrying by itself is no failure yet
    }

    void aMessageTooFastWaitsInTheInput()
    {
        // A real server with its message rate on (1 a second, bursts of 2): a message it
        // refuses with a RATE_LIMITED error frame is shown in the room with the time until
        // sending may go on, and stays in the input box to be sent again.
        TestServer server({QStringLiteral("--rate-limits"), QStringLiteral("on"),
                           QStringLiteral("--message-rate"), QStringLiteral("1")});
        QVERIFY2(server.start(), qPrintable(server.output()));
        ClientShell::Options realTime = options();
        realTime.clock = nullptr; // the server's wait passes in real time
        ClientShell shell(realTime);
        shell.start();
        QVERIFY(signInThroughWindow(shell,
                                    QStringLiteral("http://127.0.0.1:%1").arg(server.httpPort()),
                                    QStringLiteral("hasty"), &SignInWindow::registerButton));
        RoomView *view
            = shell.mainWindow()->enterRoom(QStringLiteral("Hasty room"), EntryOptions{true, 4});
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(view->session()->isJoined(), kTimeoutMs);
        MessageListModel *messages = view->messages();
        QSignalSpy refused(view->session(), &RoomSession::messageRefused);
        // Messages one after the other, each answered before the next, until the server
        // says too fast (the third, unless a second passed between them).
        QString last;
        for (int i = 0; i < 30 && refused.isEmpty(); ++i) {
            const int before = messages->messageCount();
            last = QStringLiteral("hurry %1").arg(i);
            typeText(view->input(), last);
            QTest::keyClick(view->input(), Qt::Key_Return);
            QVERIFY(QTest::qWaitFor(
                [&] { return messages->messageCount() > before || !refused.isEmpty(); },
                kTimeoutMs));
        }
        QCOMPARE(refused.size(), 1);
        const auto refusal = refused.at(0).at(0).value<RoomSession::MessageRefusal>();
        QCOMPARE(refusal.code, ErrorCode::RateLimited);
        QCOMPARE(refusal.text, last);
        QVERIFY(refusal.retryAfterSeconds >= 1);

        FailureBanner *banner = view->banner();
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->code(), ErrorCode::RateLimited);
        QCOMPARE(banner->title(), QStringLiteral("Your message was not sent"));
        QVERIFY2(banner->countdownText().startsWith(u"You can send again in "),
                 qPrintable(banner->countdownText()));
        QCOMPARE(view->input()->toPlainText(), last);
        QVERIFY(!view->sendButton()->isEnabled());
        QCOMPARE(messages->index(messages->rowCount() - 1).data(MessageListModel::TextRole),
                 QVariant(QStringLiteral("Your message was not sent: ")
                          + errorSentence(ErrorCode::RateLimited)));
        QVERIFY(view->session()->isJoined());

        // Once the wait is over, the same text goes out with Enter.
        QTRY_VERIFY_WITH_TIMEOUT(view->sendButton()->isEnabled(),
                                 (refusal.retryAfterSeconds + 5) * 1000);
        QVERIFY(!banner->isVisible());
        const int before = messages->messageCount();
        QTest::keyClick(view->input(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(messages->messageCount(), before + 1, kTimeoutMs);
        QCOMPARE(messages->index(messages->rowCount() - 1).data(MessageListModel::TextRole),
                 QVariant(last));
        QVERIFY(view->input()->toPlainText().isEmpty());
        QCOMPARE(refused.size(), 1);
        QCOMPARE(server.terminate(), 0);
    }

    void longNamesNeverWidenTheWindow_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("room");
        QTest::newRow("64 × W, English") << "en" << QString(64, u'W');
        QTest::newRow("64 Hangul, English") << "en" << QString(64, u'한');
        QTest::newRow("64 × W, Korean") << "ko" << QStringLiteral("W").repeated(63) + u'M';
        QTest::newRow("64 Hangul, Korean") << "ko" << QString(64, u'힣');
    }
    void longNamesNeverWidenTheWindow()
    {
        QFETCH(QString, language);
        QFETCH(QString, room);
        UiLanguage ui;
        QCOMPARE(ui.install(language), language);
        static int users = 0;
        std::unique_ptr<ClientShell> shell;
        signedInShell(QStringLiteral("wide%1").arg(++users), shell);
        if (QTest::currentTestFailed())
            return;
        MainWindow *main = shell->mainWindow();
        main->resize(1024, 700);
        RoomView *view = main->enterRoom(room, EntryOptions{true, 4});
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(view->session()->isJoined(), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(main->rooms()->rowOf(room) >= 0, kTimeoutMs);
        QCoreApplication::processEvents();

        // The window keeps its size, and everything to act with is on it.
        QVERIFY2(main->minimumSizeHint().width() <= 1024,
                 qPrintable(QString::number(main->minimumSizeHint().width())));
        QCOMPARE(main->size(), QSize(1024, 700));
        for (QWidget *widget : std::initializer_list<QWidget *>{
                 view->sendButton(), view->leaveButton(), view->input(), view->transcript(),
                 view->findChild<QLabel *>(QStringLiteral("roomStatus")),
                 view->findChild<QListView *>(QStringLiteral("memberList")), main->enterButton(),
                 main->createButton()}) {
            QVERIFY2(widget->isVisible(), qPrintable(widget->objectName()));
            QVERIFY2(main->rect().contains(placeIn(widget, main)),
                     qPrintable(widget->objectName()));
        }
        // The name is elided in the middle where it shows, whole where one asks.
        QVERIFY(view->heading()->isElided());
        QVERIFY(view->heading()->shownText().contains(QChar(0x2026)));
        QCOMPARE(view->heading()->toolTip(), room);
        QCOMPARE(view->heading()->accessibleName(), room);
        const int tab = main->roomTabs()->indexOf(view);
        QVERIFY(main->roomTabs()->tabText(tab).size() < room.size());
        QVERIFY(main->roomTabs()->tabToolTip(tab).startsWith(room));
        QVERIFY(!main->roomList()->horizontalScrollBar()->isVisible());

        // Kicked by an admin: the banner wraps in the tab, and the status bar's line names
        // the room elided, whole beside the account.
        const QString user = QStringLiteral("wide%1").arg(users);
        QCOMPARE(m_api
                     ->request("DELETE",
                               QStringLiteral("/api/v1/admin/rooms/%1/members/%2")
                                   .arg(TestApi::pathSegment(room), user),
                               {}, m_admin)
                     .status,
                 204);
        QTRY_VERIFY_WITH_TIMEOUT(view->banner()->isVisible(), kTimeoutMs);
        QCoreApplication::processEvents();
        QCOMPARE(main->size(), QSize(1024, 700));
        QVERIFY(main->minimumSizeHint().width() <= 1024);
        QVERIFY(main->rect().contains(placeIn(view->banner(), main)));
        QVERIFY(main->rect().contains(placeIn(view->leaveButton(), main)));
        const QString line = main->statusBar()->currentMessage();
        QVERIFY2(line.endsWith(view->banner()->title()), qPrintable(line));
        QVERIFY(line.contains(QChar(0x2026)));
        int besideAccount = main->statusBar()->width();
        for (QLabel *label : main->statusBar()->findChildren<QLabel *>()) {
            if (label->isVisible())
                besideAccount = qMin(besideAccount, label->x());
        }
        QVERIFY2(main->statusBar()->fontMetrics().horizontalAdvance(line) < besideAccount,
                 qPrintable(line));

        // And after leaving, nothing stays wide.
        QTest::mouseClick(view->leaveButton(), Qt::LeftButton);
        QCoreApplication::processEvents();
        QCOMPARE(main->size(), QSize(1024, 700));
        QVERIFY(main->minimumSizeHint().width() <= 1024);
    }

    void cannotReachTheServer_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("sentence"); // %1: the address
        QTest::newRow("English") << "en"
                                 << QStringLiteral("Could not reach the server at %1 — check the "
                                                   "address and your connection.");
        QTest::newRow("Korean") << "ko"
                                << QStringLiteral("%1 서버에 연결할 수 없습니다. 주소와 네트워크 "
                                                  "연결을 확인하세요.");
    }
    void cannotReachTheServer()
    {
        QFETCH(QString, language);
        QFETCH(QString, sentence);
        UiLanguage ui;
        QCOMPARE(ui.install(language), language);
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const QString nowhere = QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort());
        probe.close();

        ClientShell shell(options());
        shell.start();
        SignInWindow *window = shell.signInWindow();
        window->serverEdit()->setText(nowhere);
        window->usernameEdit()->setText(QStringLiteral("faraway%1").arg(language));
        window->passwordEdit()->setText(kPassword);
        QTest::mouseClick(window->registerButton(), Qt::LeftButton);
        FailureBanner *banner = window->banner();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), kTimeoutMs);
        // Told as what it is: nobody answered at that address; not the server's storage.
        QCOMPARE(banner->localError(), LocalError::ConnectionRefused);
        QCOMPARE(banner->sentence(), sentence.arg(nowhere));
        QCOMPARE(banner->detail(), localErrorReason(LocalError::ConnectionRefused));
        QVERIFY(banner->sentence() != errorSentence(ErrorCode::Unavailable));
        QVERIFY(banner->findChild<QPushButton *>(QStringLiteral("retryNowButton"))->isVisible());
        // The cursor is where the fix is typed; the window is tall enough for the notice.
        QCOMPARE(window->focusWidget(), window->serverEdit());
        QVERIFY2(sharedMnemonics(window).isEmpty(),
                 qPrintable(sharedMnemonics(window).join(u'\n')));
        QVERIFY(window->height() >= window->layout()->totalHeightForWidth(window->width()));

        // The address fixed, Retry does what was asked: here, register.
        window->serverEdit()->setText(serverUrl());
        QTest::mouseClick(banner->findChild<QPushButton *>(QStringLiteral("retryNowButton")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(shell.mainWindow() && shell.mainWindow()->isVisible(), kTimeoutMs);

        // The room list of a window whose server went away says the same, for the list.
        ApiClient away{QUrl(nowhere)};
        away.setToken(QStringLiteral("token"));
        MainWindow lonely(&away, QStringLiteral("someone"));
        lonely.show();
        QTRY_VERIFY_WITH_TIMEOUT(lonely.roomListBanner()->isVisible(), kTimeoutMs);
        QCOMPARE(lonely.roomListBanner()->localError(), LocalError::ConnectionRefused);
        QCOMPARE(
            lonely.roomListBanner()->sentence(),
            localErrorSentence(LocalError::ConnectionRefused, LocalErrorPhase::RoomList, nowhere));
        QVERIFY(lonely.roomListBanner()->sentence().contains(nowhere));

        // A room entered meanwhile says the same for its seat; both banners stand, and
        // each Alt+letter presses one button: Alt+T the room's retry, Alt+D the list's.
        RoomView *room = lonely.enterRoom(QStringLiteral("Far room"));
        QTRY_VERIFY_WITH_TIMEOUT(room->banner()->isVisible(), kTimeoutMs);
        QCOMPARE(room->banner()->localError(), LocalError::ConnectionRefused);
        QCOMPARE(room->banner()->sentence(),
                 localErrorSentence(LocalError::ConnectionRefused, LocalErrorPhase::Reservation,
                                    nowhere));
        QVERIFY(lonely.roomListBanner()->isVisible());
        QVERIFY(activate(&lonely));
        const QStringList shared = sharedMnemonics(&lonely);
        QVERIFY2(shared.isEmpty(), qPrintable(shared.join(u'\n')));
        QSignalSpy roomRetried(room->session(), &RoomSession::failed);
        QSignalSpy listReloaded(&lonely, &MainWindow::roomsRefreshed);
        press(Qt::Key_T, Qt::AltModifier);
        QVERIFY(roomRetried.wait(kTimeoutMs));
        press(Qt::Key_D, Qt::AltModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!listReloaded.isEmpty(), kTimeoutMs);
    }

    void keyboardOnlyFlow()
    {
        // Somebody holds the only seat of a small room, to meet a banner on the way.
        const HttpReply held = m_api->reserve(m_api->userToken(QStringLiteral("keyholder")),
                                              QStringLiteral("Keyhole"), true, 1);
        QCOMPARE(held.status, 201);
        TestSocket holder;
        holder.open(held.json.value(u"websocketUrl").toString());
        QVERIFY(!holder.frameOfType(QStringLiteral("joined")).isEmpty());

        QSettings().remove(QStringLiteral("signIn/username")); // a first start
        ClientShell shell(options());
        shell.start();
        SignInWindow *window = shell.signInWindow();
        QVERIFY(activate(window));
        // The first empty field has the cursor: the user name (the address is filled in).
        QCOMPARE(QApplication::focusWidget(), window->usernameEdit());
        press(Qt::Key_Backtab);
        QCOMPARE(QApplication::focusWidget(), window->serverEdit());
        press(Qt::Key_A, Qt::ControlModifier);
        typeHere(serverUrl());
        press(Qt::Key_Tab);
        typeHere(QStringLiteral("keys"));
        press(Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), window->passwordEdit());
        typeHere(kPassword);
        press(Qt::Key_R, Qt::AltModifier); // &Register
        QTRY_VERIFY_WITH_TIMEOUT(shell.mainWindow() && shell.mainWindow()->isVisible(), kTimeoutMs);
        MainWindow *main = shell.mainWindow();
        QVERIFY(activate(main));

        // Create a room: Ctrl+N, a name, Tab, a capacity, Enter.
        press(Qt::Key_N, Qt::ControlModifier);
        QPointer<CreateRoomDialog> dialog;
        QTRY_VERIFY_WITH_TIMEOUT(
            (dialog = main->findChild<CreateRoomDialog *>()) && dialog->isVisible(), kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(QApplication::focusWidget(), dialog->nameEdit(), kTimeoutMs);
        typeHere(QStringLiteral("Typed room"));
        press(Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), dialog->capacityEdit());
        press(Qt::Key_A, Qt::ControlModifier);
        typeHere(QStringLiteral("3"));
        press(Qt::Key_Return);
        RoomView *view = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((view = main->roomView(QStringLiteral("Typed room")))
                                     && view->session()->isJoined(),
                                 kTimeoutMs);
        // The dialog gone, the window manager gives the main window the keyboard back.
        QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), kTimeoutMs);
        QVERIFY(activate(main));
        QTRY_COMPARE_WITH_TIMEOUT(QApplication::focusWidget(), view->input(), kTimeoutMs);

        // Chat: type, Enter.
        typeHere(QStringLiteral("no mouse needed"));
        press(Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(view->messages()->messageCount(), 1, kTimeoutMs);

        // Tab walks the whole window in the order it is seen, back to where it started.
        QList<QWidget *> walk;
        for (int i = 0; i < 40; ++i) {
            press(Qt::Key_Tab);
            if (QApplication::focusWidget() == view->input())
                break;
            walk.append(QApplication::focusWidget());
        }
        const QList<QWidget *> expected{
            main->filterEdit(),         main->roomList(),
            main->refreshButton(),      main->createButton(),
            main->roomTabs()->tabBar(), view->leaveButton(),
            view->transcript(),         view->findChild<QListView *>(QStringLiteral("memberList"))};
        qsizetype at = -1;
        for (QWidget *widget : expected) {
            const qsizetype found = walk.indexOf(widget, at + 1);
            QVERIFY2(found > at,
                     qPrintable(widget->objectName() + QStringLiteral(" not reached in order")));
            at = found;
        }

        // Another room from the list: Ctrl+F, its name, Enter. It is full: the banner's
        // actions are keys too. Alt+H: choose another room, back in the list.
        press(Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(QApplication::focusWidget(), main->filterEdit());
        typeHere(QStringLiteral("Keyhole"));
        QTRY_COMPARE_WITH_TIMEOUT(main->roomList()->model()->rowCount(), 1, kTimeoutMs);
        press(Qt::Key_Return);
        RoomView *full = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((full = main->roomView(QStringLiteral("Keyhole")))
                                     && full->banner()->isVisible(),
                                 kTimeoutMs);
        QCOMPARE(full->banner()->code(), ErrorCode::RoomFull);
        QVERIFY2(sharedMnemonics(main).isEmpty(), qPrintable(sharedMnemonics(main).join(u'\n')));
        QTRY_COMPARE_WITH_TIMEOUT(QApplication::focusWidget(), full->input(), kTimeoutMs);
        // The banner is on the keyboard's way, where it is seen: after Leave, before the chat.
        auto *retryNow = full->banner()->findChild<QWidget *>(QStringLiteral("retryNowButton"));
        auto *chooseAnother
            = full->banner()->findChild<QWidget *>(QStringLiteral("chooseAnotherRoomButton"));
        auto *dismiss = full->banner()->findChild<QWidget *>(QStringLiteral("dismissButton"));
        QList<QWidget *> bannerWalk;
        for (int i = 0; i < 40; ++i) {
            press(Qt::Key_Tab);
            if (QApplication::focusWidget() == full->input())
                break;
            bannerWalk.append(QApplication::focusWidget());
        }
        const QList<QWidget *> bannerOrder{full->leaveButton(), retryNow, chooseAnother, dismiss,
                                           full->transcript()};
        const qsizetype first = bannerWalk.indexOf(full->leaveButton());
        QVERIFY2(first >= 0, "Leave not reached");
        QCOMPARE(bannerWalk.mid(first, bannerOrder.size()), bannerOrder);
        // The screen reader hears the banner's title and what it says.
        QCOMPARE(full->banner()->accessibleName(), full->banner()->title());
        QVERIFY(full->banner()->accessibleDescription().startsWith(full->banner()->sentence()));

        // Alt+T: Retry now (still full: refused again, and watched again).
        QSignalSpy refusedAgain(full->session(), &RoomSession::failed);
        press(Qt::Key_T, Qt::AltModifier);
        QVERIFY(refusedAgain.wait(kTimeoutMs));
        QTRY_VERIFY_WITH_TIMEOUT(full->banner()->isVisible(), kTimeoutMs);
        QVERIFY(full->seatWatcher()->isWatching());
        // Tab into the notice, Esc closes it: no more watching, the keyboard stays here.
        for (int i = 0; i < 40 && !full->banner()->isAncestorOf(QApplication::focusWidget()); ++i)
            press(Qt::Key_Tab);
        QVERIFY(full->banner()->isAncestorOf(QApplication::focusWidget()));
        press(Qt::Key_Escape);
        QVERIFY(!full->banner()->isVisible());
        QVERIFY(!full->seatWatcher()->isWatching());
        QVERIFY(QApplication::focusWidget());
        QVERIFY(full->isAncestorOf(QApplication::focusWidget())
                || QApplication::focusWidget() == full);

        // Entered again from the list (Ctrl+F, Enter): Alt+H chooses another room, back in
        // the list.
        press(Qt::Key_F, Qt::ControlModifier);
        press(Qt::Key_A, Qt::ControlModifier);
        typeHere(QStringLiteral("Keyhole"));
        QTRY_COMPARE_WITH_TIMEOUT(main->roomList()->model()->rowCount(), 1, kTimeoutMs);
        press(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(full->banner()->isVisible(), kTimeoutMs);
        press(Qt::Key_H, Qt::AltModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!main->roomView(QStringLiteral("Keyhole")), kTimeoutMs);
        QCOMPARE(QApplication::focusWidget(), main->roomList());

        // Leave the chat with Ctrl+W: the one tab left is the current one.
        QCOMPARE(main->currentRoomView(), view);
        press(Qt::Key_W, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(main->roomTabs()->count(), 0, kTimeoutMs);
        holder.send({{QStringLiteral("type"), QStringLiteral("leave")}});
        QVERIFY(holder.waitClosed());
    }

    void aSeatFreesUpForTheOneWaiting()
    {
        const HttpReply held = m_api->reserve(m_api->userToken(QStringLiteral("sitter")),
                                              QStringLiteral("One seat"), true, 1);
        QCOMPARE(held.status, 201);
        TestSocket sitter;
        sitter.open(held.json.value(u"websocketUrl").toString());
        QVERIFY(!sitter.frameOfType(QStringLiteral("joined")).isEmpty());

        std::unique_ptr<ClientShell> shell;
        signedInShell(QStringLiteral("waiter"), shell);
        if (QTest::currentTestFailed())
            return;
        MainWindow *main = shell->mainWindow();
        QSignalSpy refreshed(main, &MainWindow::roomsRefreshed);
        RoomView *view = main->enterRoom(QStringLiteral("One seat"));
        QTRY_VERIFY_WITH_TIMEOUT(view->banner()->isVisible(), kTimeoutMs);
        QCOMPARE(view->banner()->code(), ErrorCode::RoomFull);
        QCOMPARE(view->session()->failure().retryAfterSeconds, 0); // only a member holds it
        QVERIFY(view->seatWatcher()->isWatching());
        // The refusal made the list fresh too.
        QTRY_VERIFY_WITH_TIMEOUT(!refreshed.isEmpty(), kTimeoutMs);
        QCOMPARE(view->statusText(), QStringLiteral("Could not enter: see the notice below"));

        // The member goes: the one waiting gets in without pressing anything.
        sitter.send({{QStringLiteral("type"), QStringLiteral("leave")}});
        QVERIFY(sitter.waitClosed());
        QTRY_VERIFY_WITH_TIMEOUT(view->session()->isJoined(), 30'000);
        QVERIFY(!view->banner()->isVisible());
        MessageListModel *messages = view->messages();
        QStringList texts;
        for (int row = 0; row < messages->rowCount(); ++row)
            texts.append(messages->index(row).data(MessageListModel::TextRole).toString());
        QVERIFY2(texts.contains(QStringLiteral("A seat is free — entering…")),
                 qPrintable(texts.join(u'|')));
    }

    void aKickedTabSaysSoAndCloses()
    {
        std::unique_ptr<ClientShell> shell;
        signedInShell(QStringLiteral("kickee"), shell);
        if (QTest::currentTestFailed())
            return;
        MainWindow *main = shell->mainWindow();
        RoomView *view = main->enterRoom(QStringLiteral("Strict room"), EntryOptions{true, 4});
        QTRY_VERIFY_WITH_TIMEOUT(view->session()->isJoined(), kTimeoutMs);
        QCOMPARE(view->leaveButton()->text(), QStringLiteral("&Leave"));
        QCOMPARE(view->findChild<QLabel *>(QStringLiteral("roomStatus"))->accessibleDescription(),
                 QStringLiteral("Joined"));
        QCOMPARE(m_api
                     ->request("DELETE",
                               QStringLiteral("/api/v1/admin/rooms/%1/members/kickee")
                                   .arg(TestApi::pathSegment(QStringLiteral("Strict room"))),
                               {}, m_admin)
                     .status,
                 204);
        QTRY_VERIFY_WITH_TIMEOUT(view->banner()->isVisible(), kTimeoutMs);
        QCOMPARE(view->banner()->code(), ErrorCode::Kicked);
        // Not "could not enter": the user had been in.
        QCOMPARE(view->statusText(), QStringLiteral("No longer in the room: see the notice below"));
        // Out of the room, the button closes the tab, and says so; who was there stays.
        QCOMPARE(view->leaveButton()->text(), QStringLiteral("C&lose tab"));
        QCOMPARE(view->findChild<QLabel *>(QStringLiteral("membersHeader"))->text(),
                 QStringLiteral("Last seen in the room (1)"));
        QVERIFY(view->members()->isStale());
        QCOMPARE(main->statusBar()->currentMessage(),
                 QStringLiteral("Strict room — The connection to the room ended"));
        QTest::mouseClick(view->leaveButton(), Qt::LeftButton);
        QCOMPARE(main->roomTabs()->count(), 0);
        // Its failure went with the tab.
        QVERIFY(main->statusBar()->currentMessage().isEmpty());

        UiLanguage korean;
        QCOMPARE(korean.install(QStringLiteral("ko")), u"ko");
        QCOMPARE(RoomView::statusFor(RoomSession::State::Failed, false, 0, true),
                 QStringLiteral("이제 방에 있지 않습니다. 아래 알림을 확인하세요"));
        QCOMPARE(RoomView::statusFor(RoomSession::State::Failed, false, 0, false),
                 QStringLiteral("입장하지 못했습니다. 아래 알림을 확인하세요"));
    }

    void aClosedRoomCannotBeEntered()
    {
        QCOMPARE(m_api
                     ->post(QStringLiteral("/api/v1/admin/rooms"),
                            {{QStringLiteral("name"), QStringLiteral("Shut")},
                             {QStringLiteral("capacity"), 4}},
                            m_admin)
                     .status,
                 201);
        QCOMPARE(m_api
                     ->request("PATCH", QStringLiteral("/api/v1/admin/rooms/Shut"),
                               R"({"state":"closed"})", m_admin)
                     .status,
                 200);
        std::unique_ptr<ClientShell> shell;
        signedInShell(QStringLiteral("closer"), shell);
        if (QTest::currentTestFailed())
            return;
        MainWindow *main = shell->mainWindow();
        QTRY_VERIFY_WITH_TIMEOUT(main->rooms()->rowOf(QStringLiteral("Shut")) >= 0, kTimeoutMs);
        main->filterEdit()->setText(QStringLiteral("Shut"));
        QListView *list = main->roomList();
        QCOMPARE(list->model()->rowCount(), 1);
        list->setCurrentIndex(list->model()->index(0, 0));
        QVERIFY(!main->enterButton()->isEnabled());
        QVERIFY(main->enterButton()->toolTip().contains(u"closed"));
        Q_EMIT list->activated(list->currentIndex());
        QCOMPARE(main->roomTabs()->count(), 0);

        // The seats in words, and the legend where the list is.
        const QModelIndex row = list->currentIndex();
        QCOMPARE(row.data(Qt::AccessibleDescriptionRole).toString(),
                 QStringLiteral("0 members, 0 seats reserved, 4 seats in all"));
        QLabel *legend = main->roomListPane()->legend();
        QVERIFY(legend->isVisible());
        QCOMPARE(legend->accessibleName(), QStringLiteral("Seats: members + reserved / capacity"));
    }

    void logSaysWordsNotEnumNames()
    {
        // What the client logs at info level reads as words: no C++ enum names.
        static QStringList logged;
        logged.clear();
        static QtMessageHandler previous = nullptr;
        previous = qInstallMessageHandler(
            [](QtMsgType type, const QMessageLogContext &context, const QString &message) {
                if (QByteArray(context.category).startsWith("roomgate.client"))
                    logged.append(message);
                previous(type, context, message);
            });
        const auto restore = qScopeGuard([] { qInstallMessageHandler(previous); });
        std::unique_ptr<ClientShell> shell;
        signedInShell(QStringLiteral("logreader"), shell);
        if (QTest::currentTestFailed())
            return;
        RoomView *view
            = shell->mainWindow()->enterRoom(QStringLiteral("Log room"), EntryOptions{true, 2});
        QTRY_VERIFY_WITH_TIMEOUT(view->session()->isJoined(), kTimeoutMs);
        QTest::mouseClick(view->leaveButton(), Qt::LeftButton);
        const RoomView *refused = shell->mainWindow()->enterRoom(QStringLiteral("no/slash"));
        QTRY_VERIFY_WITH_TIMEOUT(refused->banner()->isVisible(), kTimeoutMs);
        QVERIFY(logged.size() > 5);
        for (const QString &line : std::as_const(logged))
            QVERIFY2(!line.contains(u"::"), qPrintable(line));
        QVERIFY(logged.contains(QStringLiteral("session tokens kept in memory only (keychain "
                                               "turned off)")));
    }
};

QTEST_MAIN(TestClientShell)
#include "tst_clientshell.moc"
