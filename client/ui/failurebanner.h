// SPDX-License-Identifier: MIT
#pragma once

#include "client/core/certificatecheck.h"
#include "client/core/localerror.h"
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
 * An inline notice that an entry (or another call) was refused or got no answer: which
 * phase failed, the translated sentence — the code's, or for a failure the server never
 * sent (refused, DNS, time-out, TLS) the client's own, naming the address —, the
 * server's detail or the local reason, and the actions that make sense — Retry now, a
 * countdown to an automatic retry (or to when sending or signing in may go on), Choose
 * another room, Sign in again, and a dismiss button (Escape). It never opens a dialog:
 * the room tab, the room list or the sign-in window shows it in place, and a new
 * failure replaces the old one. Every button has a mnemonic and an accessible
 * description; the banner's accessible name and description say what it shows.
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

    /** What a countdown leads to, and so how it reads. */
    enum class Countdown {
        Retry, ///< "Retrying in N s…": the owner retries on countdownFinished()
        SendAgain, ///< "You can send again in N s.": a message was refused for its rate
        TryAgainAt, ///< "You can try again at 14:05:31 (in N s).": nothing is retried for the user
    };
    Q_ENUM(Countdown)

    /** Everything one notice shows. */
    struct Notice
    {
        QString title;
        ErrorCode code = ErrorCode::Ok;
        LocalError local = LocalError::None;
        QString sentence; ///< the main sentence, translated
        QString detail; ///< a second line, shown as it is; empty: none
        Actions actions;
        int countdownSeconds = 0; ///< > 0 starts a countdown
        Countdown countdown = Countdown::Retry;
    };

    using Phase = RoomSession::Phase;

    explicit FailureBanner(QWidget *parent = nullptr, const Clock &clock = Clock::system());

    /**
     * Shows a room session's failure. @p wasJoined: the connection ended after the user
     * was in the room (the title says so). @p autoRetry false keeps the countdown off
     * (after many automatic retries in a row).
     */
    void showFailure(const RoomSession::Failure &failure, bool wasJoined, bool autoRetry = true);
    /**
     * Shows any other refusal by the server under @p title (signing in, the room list). A
     * positive @p countdownSeconds starts the automatic retry.
     */
    void showProblem(const QString &title, const Problem &problem, Actions actions,
                     int countdownSeconds = 0);
    void present(const Notice &notice);
    /** Hides the banner and stops a countdown. */
    void clear();
    /** A line where the countdown goes, when none runs ("A seat is free — entering…"). */
    void setNote(const QString &note);
    /**
     * Other words (and mnemonics) for Retry now and Sign in again, where another banner of
     * the same window may show at the same time: two buttons of one window never answer
     * the same Alt+letter.
     */
    void setButtonTexts(const QString &retryNow, const QString &signInAgain);

    /** The notice for a server's refusal: its sentence, and its detail when that says more. */
    static Notice noticeFor(const QString &title, const Problem &problem, Actions actions);
    /**
     * The notice for a call that got no answer at all, in @p phase, naming @p address; a
     * refused @p certificate says why it was refused and shows its fingerprint.
     */
    static Notice noticeFor(const QString &title, LocalError local, LocalErrorPhase phase,
                            const QString &address, Actions actions,
                            const CertificateCheck &certificate = {});

    /** The title for a failure in @p phase. */
    static QString titleFor(Phase phase, bool wasJoined);
    /** The actions offered for @p code refused in @p phase. */
    static Actions actionsFor(ErrorCode code, Phase phase);
    /** Whether @p code retries by itself after the server's `retryAfterSeconds`. */
    static bool countsDown(ErrorCode code);

    ErrorCode code() const { return m_code; }
    LocalError localError() const { return m_local; }
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
    /** The countdown line or the note, as shown. */
    QString noteText() const;

Q_SIGNALS:
    /** The user pressed Retry now. */
    void retryRequested();
    /** The countdown ran out: time for the automatic retry (or to send again). */
    void countdownFinished();
    void chooseAnotherRoomRequested();
    void signInAgainRequested();
    /** The user closed the banner. */
    void dismissed();

private:
    void tick();
    void updateAccessibleText();
    QString countdownLine(int seconds) const;

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
    LocalError m_local = LocalError::None;
    Actions m_actions;
    Countdown m_countdownKind = Countdown::Retry;
    const Clock &m_clock;
    QTimer m_countdown;
    qint64 m_deadlineMs = 0; ///< on m_clock's monotonic time
    qint64 m_deadlineWallMs = 0; ///< the same moment on its wall time, for "at 14:05"
    int m_shownSeconds = 0;
    int m_startSeconds = 0;
};

} // namespace roomgate::client::ui

Q_DECLARE_OPERATORS_FOR_FLAGS(roomgate::client::ui::FailureBanner::Actions)
