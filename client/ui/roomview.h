// SPDX-License-Identifier: MIT
#pragma once

#include "client/core/roomsession.h"
#include "shared/clock.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QListView;
class QPushButton;

namespace roomgate::client {
class SeatWatcher;
}

namespace roomgate::client::ui {

class ElidedLabel;
class FailureBanner;
class MemberListModel;
class MessageEdit;
class MessageListModel;

/**
 * One room's tab: the room's name (elided in the middle when long, never widening the
 * window), a status line naming the phase ("Reserving a seat…", "Connecting…", "Joined",
 * "Reconnecting in N s…" with Reconnect now), the failure banner, the transcript with
 * history, the member list with live presence, and the input with Enter to send and a
 * counter near the 4000-character limit. While a full room's banner stands without a
 * time to retry, it watches the room (SeatWatcher) and enters when a seat frees up. A
 * message refused for its rate stays in the input, with the time until sending may go on.
 * Everything is reachable from the keyboard, in the order it is seen.
 *
 * A view over one RoomSession, which it does not own (the SessionManager does): it
 * asks the MainWindow to leave, to go back to the room list or to sign in again
 * through its signals. GUI thread.
 */
class RoomView : public QWidget
{
    Q_OBJECT
public:
    /** How the room's tab looks at a glance. */
    enum class Indicator { Idle, Entering, Joined, Failed };
    Q_ENUM(Indicator)

    /** The input counts characters from here on; the protocol's limit is 4000. */
    static constexpr int kCounterThreshold = 3500;

    RoomView(RoomSession *session, const Clock &clock, QWidget *parent = nullptr);
    ~RoomView() override;

    RoomSession *session() const { return m_session; }
    /** The server's form of the room name once known, else the name as entered. */
    QString roomName() const;
    QString statusText() const;
    Indicator indicator() const;

    FailureBanner *banner() const { return m_banner; }
    MessageListModel *messages() const { return m_messages; }
    MemberListModel *members() const { return m_members; }
    MessageEdit *input() const { return m_input; }
    QPushButton *sendButton() const { return m_send; }
    QPushButton *leaveButton() const { return m_leave; }
    QPushButton *reconnectNowButton() const { return m_reconnectNow; }
    QLabel *counter() const { return m_counter; }
    ElidedLabel *heading() const { return m_title; }
    QListView *transcript() const { return m_transcript; }
    SeatWatcher *seatWatcher() const { return m_seatWatcher; }
    /** While a message refused for its rate waits: sending is paused. */
    bool isSendingPaused() const { return m_sendPaused; }

    /**
     * The status line for a session in @p state; @p wasIn: a failure ended a stay in the
     * room (a kick, a closed room), rather than an entry.
     */
    static QString statusFor(RoomSession::State state, bool reconnecting, int secondsLeft,
                             bool wasIn = false);

Q_SIGNALS:
    void leaveRequested();
    void chooseAnotherRoomRequested();
    void signInAgainRequested();
    /** The status line or the indicator changed (the tab follows). */
    void statusChanged();
    /** A failure is shown in the banner under @p title (for a status bar). */
    void failureShown(const QString &title);

private:
    void onStateChanged(RoomSession::State state);
    void onJoined();
    void onFailed(const RoomSession::Failure &failure);
    void onMessageRefused(const RoomSession::MessageRefusal &refusal);
    void onMembersChanged();
    void onCountdownFinished();
    void onSeatFree();
    void updateStatus();
    void updateInput();
    void send();
    void retry(bool automatic);
    void scrollToEndLater(bool wasAtEnd);
    bool transcriptAtEnd() const;

    QPointer<RoomSession> m_session;
    MessageListModel *m_messages;
    MemberListModel *m_members;
    SeatWatcher *m_seatWatcher;

    // Declared in the order they are seen: the keyboard follows it.
    ElidedLabel *m_title;
    QLabel *m_status;
    QPushButton *m_reconnectNow;
    QPushButton *m_leave;
    FailureBanner *m_banner;
    QListView *m_transcript;
    QLabel *m_membersHeader;
    QListView *m_memberView;
    MessageEdit *m_input;
    QPushButton *m_send;
    QLabel *m_counter;

    /**
     * From a connection drop until joined again. A failure that ends such a reconnect
     * is whileJoined too, but keeps the title of an entry that failed: the drop already
     * has its notice in the transcript.
     */
    bool m_reconnectingAfterDrop = false;
    bool m_everJoined = false;
    bool m_sendPaused = false; ///< the banner counts down to sending again
    int m_autoRetries = 0;
};

} // namespace roomgate::client::ui
