// SPDX-License-Identifier: MIT
#include "client/ui/failurebanner.h"
#include "client/ui/uilanguage.h"

#include <QApplication>
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
                 QStringLiteral("다른 방 고르기"));
        korean.uninstall();
        QCOMPARE(errorSentence(ErrorCode::Kicked),
                 QStringLiteral("An administrator removed you from this room."));
    }
};

QTEST_MAIN(TestFailureBanner)
#include "tst_failurebanner.moc"
