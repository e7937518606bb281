// SPDX-License-Identifier: MIT
#include "client/ui/failurebanner.h"
#include "client/ui/uilanguage.h"
#include "shared/clock.h"

#include <QApplication>
#include <QDateTime>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace roomgate;
using namespace roomgate::client;
using namespace roomgate::client::ui;

using Action = FailureBanner::Action;
using Actions = FailureBanner::Actions;
using Phase = RoomSession::Phase;

namespace {

RoomSession::Failure failureOf(ErrorCode code, Phase phase, const QString &detail = {},
                               int retryAfterSeconds = 0)
{
    RoomSession::Failure failure;
    failure.phase = phase;
    failure.code = code;
    failure.detail = detail;
    failure.retryAfterSeconds = retryAfterSeconds;
    failure.retryable = errorInfo(code).retryable;
    return failure;
}

/** What the user is offered for each code, spelled out (not derived from the banner). */
struct Expectation
{
    ErrorCode code;
    Actions reservation;
    Actions connection;
    bool countsDown;
};

const Actions kRetry = Action::RetryNow;
const Actions kChoose = Action::ChooseAnotherRoom;
const Actions kBoth = Action::RetryNow | Action::ChooseAnotherRoom;
const Actions kSignIn = Action::SignInAgain;

const Expectation kExpectations[] = {
    {ErrorCode::BadRequest, kChoose, kBoth, false},
    {ErrorCode::InvalidUsername, kChoose, kBoth, false},
    {ErrorCode::WeakPassword, kChoose, kBoth, false},
    {ErrorCode::UsernameTaken, kChoose, kBoth, false},
    {ErrorCode::BadCredentials, kChoose, kBoth, false},
    {ErrorCode::Unauthenticated, kSignIn, kSignIn, false},
    {ErrorCode::InvalidRoomName, kChoose, kBoth, false},
    {ErrorCode::InvalidCapacity, kChoose, kBoth, false},
    {ErrorCode::Forbidden, kChoose, kChoose, false},
    {ErrorCode::RoomNotFound, kChoose, kChoose, false},
    {ErrorCode::ReservationNotFound, kChoose, kBoth, false},
    {ErrorCode::NotFound, kChoose, kBoth, false},
    {ErrorCode::MethodNotAllowed, kChoose, kBoth, false},
    {ErrorCode::RoomFull, kBoth, kBoth, true},
    {ErrorCode::AlreadyInRoom, kBoth, kBoth, false},
    {ErrorCode::PayloadTooLarge, kChoose, kBoth, false},
    {ErrorCode::RateLimited, kRetry, kRetry, true},
    {ErrorCode::Unavailable, kRetry, kRetry, false},
    {ErrorCode::Internal, kRetry, kRetry, false},
    {ErrorCode::TicketInvalid, kRetry, kRetry, false},
    {ErrorCode::IdleTimeout, kRetry, kRetry, false},
    {ErrorCode::Kicked, kChoose, kChoose, false},
    {ErrorCode::TicketExpired, kRetry, kRetry, false},
    {ErrorCode::TicketAlreadyUsed, kRetry, kRetry, false},
    {ErrorCode::RoomClosed, kChoose, kChoose, false},
    {ErrorCode::MessageTooLarge, kChoose, kBoth, false},
    {ErrorCode::ServerShutdown, kRetry, kRetry, false},
    {ErrorCode::RoomExists, kChoose, kBoth, false},
    {ErrorCode::CapacityInUse, kChoose, kBoth, false},
    {ErrorCode::UserNotFound, kChoose, kBoth, false},
    {ErrorCode::SlowConsumer, kRetry, kRetry, false},
};

} // namespace

/** The inline failure banner: what it says and offers for every code of both phases. */
class TestFailureBanner : public QObject
{
    Q_OBJECT

    UiLanguage m_language;

    static bool buttonShown(const FailureBanner &banner, const char *name)
    {
        const auto *button = banner.findChild<QPushButton *>(QString::fromLatin1(name));
        return button && button->isVisibleTo(&banner);
    }

private Q_SLOTS:
    void initTestCase() { QCOMPARE(m_language.install(QStringLiteral("en")), u"en"); }

    void expectationsCoverEveryCode()
    {
        int count = 0;
        errorTable(&count);
        // Every code but Ok has its row below: a new code needs a decision here too.
        QCOMPARE(static_cast<int>(std::size(kExpectations)), count - 1);
    }

    void everyCode_data()
    {
        QTest::addColumn<int>("codeValue"); // ErrorCode
        QTest::addColumn<Phase>("phase");
        QTest::addColumn<Actions>("actions");
        QTest::addColumn<bool>("countsDown");
        for (const Expectation &row : kExpectations) {
            const QByteArray name = errorInfo(row.code).wireName;
            QTest::newRow(QByteArray(name + " reservation").constData())
                << static_cast<int>(row.code) << Phase::Reservation << row.reservation
                << row.countsDown;
            QTest::newRow(QByteArray(name + " connection").constData())
                << static_cast<int>(row.code) << Phase::Connection << row.connection
                << row.countsDown;
        }
    }
    void everyCode()
    {
        QFETCH(int, codeValue);
        const auto code = static_cast<ErrorCode>(codeValue);
        QFETCH(Phase, phase);
        QFETCH(Actions, actions);
        QFETCH(bool, countsDown);

        QWidget window;
        auto *banner = new FailureBanner(&window);
        window.show();
        QVERIFY(!banner->isVisible());
        banner->showFailure(
            failureOf(code, phase, QStringLiteral("room “Tea” said no for a reason"), 7), false);

        QVERIFY(banner->isVisible());
        QCOMPARE(banner->code(), code);
        QCOMPARE(banner->title(),
                 phase == Phase::Reservation ? QStringLiteral("Could not reserve a seat")
                                             : QStringLiteral("Could not connect to the room"));
        QCOMPARE(banner->sentence(), errorSentence(code));
        QVERIFY(!banner->sentence().isEmpty());
        QCOMPARE(banner->detail(), QStringLiteral("Server: room “Tea” said no for a reason"));
        QVERIFY(!banner->detail().contains(u'{')); // never raw JSON
        QCOMPARE(banner->actions(), actions);
        QCOMPARE(buttonShown(*banner, "retryNowButton"), actions.testFlag(Action::RetryNow));
        QCOMPARE(buttonShown(*banner, "chooseAnotherRoomButton"),
                 actions.testFlag(Action::ChooseAnotherRoom));
        QCOMPARE(buttonShown(*banner, "signInAgainButton"), actions.testFlag(Action::SignInAgain));
        QCOMPARE(banner->isCountingDown(), countsDown);
        if (countsDown) {
            QCOMPARE(banner->countdownStartSeconds(), 7);
            QCOMPARE(banner->countdownSeconds(), 7);
            QCOMPARE(banner->countdownText(), QStringLiteral("Retrying in 7 s…"));
        } else {
            QCOMPARE(banner->countdownSeconds(), 0);
            QVERIFY(banner->countdownText().isEmpty());
        }
        QCOMPARE(QApplication::activeModalWidget(), nullptr);
    }

    void detailThatRepeatsTheSentenceIsLeftOut()
    {
        FailureBanner banner;
        // The server's default detail is the code's English sentence.
        banner.showFailure(failureOf(ErrorCode::Kicked, Phase::Connection,
                                     QString::fromUtf8(errorInfo(ErrorCode::Kicked).sentence)),
                           true);
        QVERIFY(banner.detail().isEmpty());
        QCOMPARE(banner.title(), QStringLiteral("The connection to the room ended"));
    }

    void noCountdownWithoutRetryAfter()
    {
        FailureBanner banner;
        // ROOM_FULL without retryAfterSeconds: only members hold the seats.
        banner.showFailure(failureOf(ErrorCode::RoomFull, Phase::Reservation), false);
        QVERIFY(!banner.isCountingDown());
        QVERIFY(banner.actions().testFlag(Action::RetryNow));
        banner.showFailure(failureOf(ErrorCode::RoomFull, Phase::Reservation, {}, 5), false, false);
        QVERIFY(!banner.isCountingDown());
    }

    void countdownRunsOutIntoARetry()
    {
        FailureBanner banner;
        QSignalSpy finished(&banner, &FailureBanner::countdownFinished);
        QSignalSpy retried(&banner, &FailureBanner::retryRequested);
        banner.showFailure(failureOf(ErrorCode::RateLimited, Phase::Reservation, {}, 2), false);
        QCOMPARE(banner.countdownSeconds(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(banner.countdownSeconds(), 1, 2000);
        QCOMPARE(banner.countdownText(), QStringLiteral("Retrying in 1 s…"));
        QVERIFY(finished.wait(3000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(retried.size(), 0);
        QVERIFY(!banner.isCountingDown());
    }

    void retryNowStopsTheCountdown()
    {
        QWidget window;
        auto *banner = new FailureBanner(&window);
        window.show();
        QSignalSpy finished(banner, &FailureBanner::countdownFinished);
        QSignalSpy retried(banner, &FailureBanner::retryRequested);
        QSignalSpy choose(banner, &FailureBanner::chooseAnotherRoomRequested);
        banner->showFailure(failureOf(ErrorCode::RoomFull, Phase::Reservation, {}, 30), false);
        QVERIFY(banner->isCountingDown());
        QTest::mouseClick(banner->findChild<QPushButton *>(QStringLiteral("retryNowButton")),
                          Qt::LeftButton);
        QCOMPARE(retried.size(), 1);
        QVERIFY(!banner->isCountingDown());
        QTest::mouseClick(
            banner->findChild<QPushButton *>(QStringLiteral("chooseAnotherRoomButton")),
            Qt::LeftButton);
        QCOMPARE(choose.size(), 1);
        QCOMPARE(finished.size(), 0);
    }

    void signInAgainForAnEndedSession()
    {
        QWidget window;
        auto *banner = new FailureBanner(&window);
        window.show();
        QSignalSpy signIn(banner, &FailureBanner::signInAgainRequested);
        banner->showFailure(failureOf(ErrorCode::Unauthenticated, Phase::Reservation), false);
        QTest::mouseClick(banner->findChild<QPushButton *>(QStringLiteral("signInAgainButton")),
                          Qt::LeftButton);
        QCOMPARE(signIn.size(), 1);
    }

    void dismissHides()
    {
        QWidget window;
        auto *banner = new FailureBanner(&window);
        window.show();
        QSignalSpy dismissed(banner, &FailureBanner::dismissed);
        banner->showFailure(failureOf(ErrorCode::RoomFull, Phase::Reservation, {}, 9), false);
        QTest::mouseClick(banner->findChild<QToolButton *>(QStringLiteral("dismissButton")),
                          Qt::LeftButton);
        QCOMPARE(dismissed.size(), 1);
        QVERIFY(!banner->isVisible());
        QVERIFY(!banner->isCountingDown());
    }

    void failureTheServerNeverSent_data()
    {
        QTest::addColumn<LocalError>("local");
        QTest::addColumn<Phase>("phase");
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("sentence");
        QTest::newRow("refused, reserving")
            << LocalError::ConnectionRefused << Phase::Reservation
            << QStringLiteral("http://127.0.0.1:9")
            << QStringLiteral("Could not reach the server at http://127.0.0.1:9 to reserve a seat "
                              "— check your connection.");
        QTest::newRow("DNS, reserving")
            << LocalError::HostNotFound << Phase::Reservation
            << QStringLiteral("http://chat.example.invalid")
            << QStringLiteral("Could not reach the server at http://chat.example.invalid to "
                              "reserve a seat — check your connection.");
        QTest::newRow("time-out, connecting")
            << LocalError::TimedOut << Phase::Connection << QStringLiteral("ws://127.0.0.1:9/ws")
            << QStringLiteral("Could not reach the chat server at ws://127.0.0.1:9/ws — check "
                              "your connection. If it keeps happening, the server's chat address "
                              "may be set up wrong.");
        // A handshake that failed for another reason than a refused certificate.
        QTest::newRow("TLS, reserving")
            << LocalError::Tls << Phase::Reservation << QStringLiteral("https://chat.example.org")
            << QStringLiteral("Could not set up a secure connection to the server at "
                              "https://chat.example.org to reserve a seat.");
        QTest::newRow("TLS, connecting")
            << LocalError::Tls << Phase::Connection << QStringLiteral("wss://chat.example.org/ws")
            << QStringLiteral("Could not set up a secure connection to the chat server at "
                              "wss://chat.example.org/ws. If it keeps happening, the server's "
                              "TLS setup may be wrong.");
    }
    void failureTheServerNeverSent()
    {
        QFETCH(LocalError, local);
        QFETCH(Phase, phase);
        QFETCH(QString, address);
        QFETCH(QString, sentence);
        QWidget window;
        auto *banner = new FailureBanner(&window);
        window.show();
        RoomSession::Failure failure
            = failureOf(ErrorCode::Unavailable, phase, QStringLiteral("Connection refused"));
        failure.local = local;
        failure.address = address;
        banner->showFailure(failure, false);
        QCOMPARE(banner->code(), ErrorCode::Unavailable);
        QCOMPARE(banner->localError(), local);
        QCOMPARE(banner->sentence(), sentence);
        QCOMPARE(banner->sentence(), failure.sentence());
        // Never blamed on the server: no "Server: Connection refused", no storage sentence.
        QCOMPARE(banner->detail(), localErrorReason(local));
        QVERIFY(!banner->detail().contains(u"Server:"));
        QVERIFY(banner->sentence() != errorSentence(ErrorCode::Unavailable));
        QVERIFY(buttonShown(*banner, "retryNowButton"));
        QCOMPARE(banner->accessibleName(), banner->title());
        QVERIFY(banner->accessibleDescription().startsWith(sentence));
    }

    void refusedCertificate_data()
    {
        QTest::addColumn<Phase>("phase");
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("opening");
        QTest::newRow("reserving")
            << Phase::Reservation << QStringLiteral("https://chat.example.org")
            << QStringLiteral("The identity of the server at "
                              "https://chat.example.org has changed");
        QTest::newRow("connecting")
            << Phase::Connection << QStringLiteral("wss://chat.example.org/ws")
            << QStringLiteral("The identity of the chat server at "
                              "wss://chat.example.org/ws has changed");
    }
    void refusedCertificate()
    {
        QFETCH(Phase, phase);
        QFETCH(QString, address);
        QFETCH(QString, opening);
        QWidget window;
        auto *banner = new FailureBanner(&window);
        window.show();
        RoomSession::Failure failure = failureOf(ErrorCode::Unavailable, phase);
        failure.local = LocalError::Tls;
        failure.address = address;
        failure.certificate.verdict = CertificateCheck::Verdict::Changed;
        failure.certificate.server = QStringLiteral("chat.example.org:443");
        failure.certificate.fingerprint = QByteArray(32, '\xab');
        failure.certificate.pinned = QByteArray(32, '\x12');
        banner->showFailure(failure, false);
        // What happened, and what to do: not the generic TLS sentence.
        QCOMPARE(banner->localError(), LocalError::Tls);
        QVERIFY2(banner->sentence().startsWith(opening), qPrintable(banner->sentence()));
        QVERIFY(banner->sentence().contains(u"administrator"));
        QVERIFY(banner->sentence().contains(u"Forget trusted certificate"));
        QCOMPARE(banner->sentence(), failure.sentence());
        // Both fingerprints, to compare with the administrator's.
        QVERIFY2(banner->detail().contains(u"AB:AB:AB"), qPrintable(banner->detail()));
        QVERIFY2(banner->detail().contains(u"12:12:12"), qPrintable(banner->detail()));
    }

    void keyboard()
    {
        QWidget window;
        auto *banner = new FailureBanner(&window);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QApplication::setActiveWindow(&window);
        QSignalSpy retry(banner, &FailureBanner::retryRequested);
        QSignalSpy dismissed(banner, &FailureBanner::dismissed);
        banner->showFailure(failureOf(ErrorCode::RoomFull, Phase::Reservation), false);
        auto *retryButton = banner->findChild<QPushButton *>(QStringLiteral("retryNowButton"));
        auto *choose = banner->findChild<QPushButton *>(QStringLiteral("chooseAnotherRoomButton"));
        auto *close = banner->findChild<QToolButton *>(QStringLiteral("dismissButton"));
        // Every button takes focus, in the order they are seen, and has a mnemonic.
        QCOMPARE(retryButton->text(), QStringLiteral("Re&try now"));
        QCOMPARE(choose->text(), QStringLiteral("C&hoose another room"));
        QVERIFY(close->focusPolicy() & Qt::TabFocus);
        QVERIFY(!close->accessibleName().isEmpty());
        QVERIFY(!retryButton->accessibleDescription().isEmpty());
        retryButton->setFocus();
        QTRY_COMPARE_WITH_TIMEOUT(QApplication::focusWidget(), retryButton, 5000);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), choose);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), close);
        QTest::keyClick(&window, Qt::Key_T, Qt::AltModifier);
        QTRY_COMPARE_WITH_TIMEOUT(retry.size(), 1, 5000); // a mnemonic animates the click
        banner->showFailure(failureOf(ErrorCode::RoomFull, Phase::Reservation), false);
        retryButton->setFocus();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QCOMPARE(dismissed.size(), 1);
        QVERIFY(!banner->isVisible());
    }

    void countdownsRunOnTheirClock_data()
    {
        QTest::addColumn<FailureBanner::Countdown>("kind");
        QTest::addColumn<QString>("text");
        QTest::newRow("retry") << FailureBanner::Countdown::Retry
                               << QStringLiteral("Retrying in 90 s…");
        QTest::newRow("send again")
            << FailureBanner::Countdown::SendAgain << QStringLiteral("You can send again in 90 s.");
        QTest::newRow("try again at") << FailureBanner::Countdown::TryAgainAt
                                      << QStringLiteral("You can try again at %1 (in 90 s).");
    }
    void countdownsRunOnTheirClock()
    {
        QFETCH(FailureBanner::Countdown, kind);
        QFETCH(QString, text);
        ManualClock clock;
        QWidget window;
        auto *banner = new FailureBanner(&window, clock);
        window.show();
        QSignalSpy finished(banner, &FailureBanner::countdownFinished);
        FailureBanner::Notice notice = FailureBanner::noticeFor(
            QStringLiteral("Title"), Problem(ErrorCode::RateLimited), {});
        notice.countdown = kind;
        notice.countdownSeconds = 90;
        banner->present(notice);
        const QString at = QDateTime::fromMSecsSinceEpoch(clock.wallMs() + 90'000)
                               .toLocalTime()
                               .toString(QStringLiteral("HH:mm:ss"));
        QCOMPARE(banner->countdownText(), text.contains(u"%1") ? text.arg(at) : text);
        QVERIFY(banner->accessibleDescription().endsWith(banner->countdownText()));
        clock.advance(30'000);
        QTRY_COMPARE_WITH_TIMEOUT(banner->countdownSeconds(), 60, 5000);
        QCOMPARE(finished.size(), 0);
        clock.advance(60'000);
        QVERIFY(finished.wait(5000));
        QVERIFY(!banner->isCountingDown());
    }

    void korean()
    {
        UiLanguage korean;
        QCOMPARE(korean.install(QStringLiteral("ko")), u"ko");
        FailureBanner banner;
        banner.showFailure(failureOf(ErrorCode::RoomFull, Phase::Reservation, {}, 12), false);
        QCOMPARE(banner.title(), QStringLiteral("좌석을 예약하지 못했습니다"));
        QCOMPARE(
            banner.sentence(),
            QStringLiteral("방이 가득 찼습니다. 자리가 날 때까지 기다리거나 다른 방을 고르세요."));
        QCOMPARE(banner.countdownText(), QStringLiteral("12초 후 다시 시도합니다…"));
        banner.showFailure(failureOf(ErrorCode::Kicked, Phase::Connection), true);
        QCOMPARE(banner.title(), QStringLiteral("방과의 연결이 끊어졌습니다"));
        QCOMPARE(banner.sentence(), QStringLiteral("관리자가 이 방에서 내보냈습니다."));
        QCOMPARE(banner.findChild<QPushButton *>(QStringLiteral("chooseAnotherRoomButton"))->text(),
                 QStringLiteral("다른 방 고르기(&H)"));
        // A server that is not there, in Korean too: this side's words, with the address.
        RoomSession::Failure local = failureOf(ErrorCode::Unavailable, Phase::Reservation);
        local.local = LocalError::ConnectionRefused;
        local.address = QStringLiteral("http://127.0.0.1:9");
        banner.showFailure(local, false);
        QCOMPARE(banner.sentence(),
                 QStringLiteral("좌석을 예약하려 했지만 http://127.0.0.1:9 서버에 연결할 수 "
                                "없습니다. 네트워크 연결을 확인하세요."));
        QCOMPARE(banner.detail(),
                 QStringLiteral("연결이 거부되었습니다. 그 주소와 포트에서 응답하는 서버가 "
                                "없습니다."));
        korean.uninstall();
        QCOMPARE(errorSentence(ErrorCode::Kicked),
                 QStringLiteral("An administrator removed you from this room."));
    }
};

QTEST_MAIN(TestFailureBanner)
#include "tst_failurebanner.moc"
