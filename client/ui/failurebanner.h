// SPDX-License-Identifier: MIT
#pragma once

#include "client/core/roomsession.h"
#include "shared/clock.h"
#include "shared/problem.h"

#include <QFrame>
#include <QTimer>

class QLabel;
class QPushButton;
class QToolButton;

namespace roomgate::client::ui {

/**
 * An inline notice that an entry (or another call) was refused: which phase failed,
 * the translated sentence for the code, the server's own detail, and the actions
 * that make sense for that code — Retry now, an automatic retry after the server's
 * `retryAfterSeconds` (ROOM_FULL, RATE_LIMITED) counting down, Choose another room,
 * Sign in again. It never opens a dialog: the room tab or the room list shows it
 * in place, and a new failure replaces the old one.
 *
 * The banner only says and asks; its owner acts on the signals. Countdowns run on a
 * Clock (the system's, or one a test drives). Child of the view it sits in; GUI thread.
 */
class FailureBanner : public QFrame
{
    Q_OBJECT
public:
    enum class Action {
        RetryNow = 0x1,
        ChooseAnotherRoom = 0x2,
        SignInAgain = 0x4,
    };
    Q_DECLARE_FLAGS(Actions, Action)
    Q_FLAG(Actions)

    using Phase = RoomSession::Phase;

    explicit FailureBanner(QWidget *parent = nullptr, const Clock &clock = Clock::system());

    /**
     * Shows a room session's failure. @p wasJoined: the connection ended after the user
     * was in the room (the title says so). @p autoRetry false keeps the countdown off
     * (after many automatic retries in a row).
     */
    void showFailure(const RoomSession::Failure &failure, bool wasJoined, bool autoRetry = true);
    /**
     * Shows any other refusal under @p title (signing in, the room list). A positive
     * @p countdownSeconds starts the automatic retry.
     */
    void showProblem(const QString &title, const Problem &problem, Actions actions,
                     int countdownSeconds = 0);
    /** Hides the banner and stops a countdown. */
    void clear();

    /** The title for a failure in @p phase. */
    static QString titleFor(Phase phase, bool wasJoined);
    /** The actions offered for @p code refused in @p phase. */
    static Actions actionsFor(ErrorCode code, Phase phase);
    /** Whether @p code retries by itself after the server's `retryAfterSeconds`. */
    static bool countsDown(ErrorCode code);

    ErrorCode code() const { return m_code; }
    QString title() const;
    QString sentence() const;
    QString detail() const;
    Actions actions() const { return m_actions; }
    bool isCountingDown() const { return m_countdown.isActive(); }
    /** Whole seconds until the automatic retry, as shown; 0 when none is due. */
    int countdownSeconds() const;
    /** The seconds the last countdown started from (the server's `retryAfterSeconds`). */
    int countdownStartSeconds() const { return m_startSeconds; }
    /** "Retrying in N s…", as shown; empty when no countdown runs. */
    QString countdownText() const;

Q_SIGNALS:
    /** The user pressed Retry now. */
    void retryRequested();
    /** The countdown ran out: time for the automatic retry. */
    void countdownFinished();
    void chooseAnotherRoomRequested();
    void signInAgainRequested();
    /** The user closed the banner. */
    void dismissed();

private:
    void present(const QString &title, ErrorCode code, const QString &detail, Actions actions,
                 int countdownSeconds);
    void tick();

    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_sentence;
    QLabel *m_detail;
    QLabel *m_countdownLabel;
    QPushButton *m_retry;
    QPushButton *m_chooseRoom;
    QPushButton *m_signIn;
    QToolButton *m_close;

    ErrorCode m_code = ErrorCode::Ok;
    Actions m_actions;
    const Clock &m_clock;
    QTimer m_countdown;
    qint64 m_deadlineMs = 0; ///< on m_clock's monotonic time
    int m_shownSeconds = 0;
    int m_startSeconds = 0;
};

} // namespace roomgate::client::ui

Q_DECLARE_OPERATORS_FOR_FLAGS(roomgate::client::ui::FailureBanner::Actions)
