// SPDX-License-Identifier: MIT
#pragma once

#include "client/core/apiclient.h"
#include "client/core/localerror.h"
#include "client/core/reconnectpolicy.h"
#include "client/core/reservation.h"
#include "client/core/roomsocket.h"
#include "shared/chatmessage.h"
#include "shared/errorcode.h"
#include "shared/problem.h"
#include "shared/roominfo.h"

#include <QDeadlineTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <optional>
#include <set>

namespace roomgate::client {

/**
 * One room's entry and chat for the signed-in user: reserves a seat over HTTP (phase
 * 1), claims it over a RoomSocket (phase 2), then carries the chat and presence of the
 * room until the user leaves.
 *
 * States, in order: Idle → Reserving → Connecting → Joined → Leaving → Idle, or
 * Failed{phase, code} when an entry is refused. When a joined connection drops for a
 * reason a retry can help with (server restart, idle drop, a slow consumer, network
 * loss), the session enters again by itself with a new reservation after the
 * ReconnectPolicy's backoff, counting down through reconnectingIn(); it is Reserving or
 * Connecting meanwhile, and the new joined frame's history fills the gap (each message
 * once, by its id). A reservation it will not claim (left or destroyed during the entry,
 * or a claim that never reached the server) is cancelled with
 * `DELETE /api/v1/entries/{ticket}`.
 *
 * The claim over `wss://` accepts the certificate the ApiClient's pins trust for its
 * server (the WebSocket port serves the same one); another unverifiable certificate fails
 * the entry as LocalError::Tls with Failure::certificate, and is never retried by itself.
 *
 * Owned by the UI or a SessionManager; uses an ApiClient that must outlive it. Lives
 * on the thread that created it (the GUI thread in the app).
 */
class RoomSession : public QObject
{
    Q_OBJECT
public:
    /** Ordered: predicates compare against it. Values are not on the wire. */
    enum class State { Idle, Reserving, Connecting, Joined, Leaving, Failed };
    Q_ENUM(State)

    /** Where an entry was refused: the HTTP reserve, or the WebSocket claim. */
    enum class Phase { Reservation, Connection };
    Q_ENUM(Phase)

    /** Why the last entry (or the joined connection) ended against the user's wish. */
    struct Failure
    {
        Phase phase = Phase::Reservation;
        ErrorCode code = ErrorCode::Ok;
        QString detail; ///< the server's detail/message, or the network error
        int retryAfterSeconds = 0; ///< ROOM_FULL, RATE_LIMITED: when a retry may succeed; 0 unknown
        bool retryable = false; ///< the shared table: trying again can succeed unchanged
        bool retryHelps = false; ///< the client's verdict: offering an automatic retry makes sense
        int httpStatus = 0; ///< Reservation phase: the HTTP status (0: no answer)
        int closeCode = 0; ///< Connection phase: the WebSocket close code (1006: no close frame)
        /**
         * The user was in the room: the joined connection ended (KICKED, ROOM_CLOSED, …),
         * or the reconnect after it dropped gave up. False for a first entry refused.
         */
        bool whileJoined = false;
        /** No answer from the server at all (refused, DNS, time-out, …); code is UNAVAILABLE. */
        LocalError local = LocalError::None;
        QString address; ///< where the client tried to go: the server or the chat connection
        /** local is Tls over a certificate: which one, and why it was refused. */
        CertificateCheck certificate;

        /**
         * The user sentence, translated: the code's, or the local reason's naming address
         * (the certificate's, when one was refused).
         */
        QString sentence() const;
    };

    /** A chat message the server did not take; the connection stays. */
    struct MessageRefusal
    {
        ErrorCode code = ErrorCode::Ok; ///< BAD_REQUEST, MESSAGE_TOO_LARGE, RATE_LIMITED, …
        QString detail;
        int retryAfterSeconds = 0; ///< RATE_LIMITED: when sending can go on; 0 unknown
        QString clientId; ///< of the refused message; empty when it was never sent
        QString text; ///< the refused message, to offer it again
    };

    /**
     * Called between a reservation and its claim with the function that opens the claim's
     * socket; the default opens it at once. An embedder (a test) may hold the entry here
     * with a live, unclaimed ticket, and call `open` when it is ready; a call after the
     * session left, or entered again, does nothing.
     */
    using ClaimGate = std::function<void(std::function<void()> open)>;

    RoomSession(ApiClient *api, const QString &room, QObject *parent = nullptr);
    ~RoomSession() override;

    /** The client it reserves through (null once that is gone). */
    ApiClient *api() const { return m_api; }
    /** The room name as given; roomInfo().name is the server's form once known. */
    QString room() const { return m_room; }

    State state() const { return m_state; }
    bool isIdle() const { return m_state == State::Idle; }
    /** Reserving or Connecting (a first entry or a reconnect). */
    bool isEntering() const { return m_state >= State::Reserving && m_state <= State::Connecting; }
    bool isJoined() const { return m_state == State::Joined; }
    /** Anything between Idle and Failed: the session holds, or is getting, a seat. */
    bool isActive() const { return m_state > State::Idle && m_state < State::Failed; }
    bool hasFailed() const { return m_state == State::Failed; }

    /** The last failure; code Ok when the session has not failed. */
    const Failure &failure() const { return m_failure; }

    /** Options for the next reserve (create the room, its capacity). */
    void setEntryOptions(const EntryOptions &options) { m_options = options; }
    EntryOptions entryOptions() const { return m_options; }

    /** The backoff used for reconnects; tune before enter(). */
    ReconnectPolicy &reconnectPolicy() { return m_policy; }
    /** True from a connection drop until the session is joined again or gives up. */
    bool isReconnecting() const { return m_reconnecting; }
    /** Whole seconds until the next automatic attempt; 0 when none is waiting. */
    int reconnectSecondsLeft() const;

    /** Valid while Joined (and kept after, until the next join). */
    QString you() const { return m_you; }
    QStringList members() const { return m_members; }
    /** The history of the last joined frame (at most 50 messages, oldest first). */
    QList<ChatMessage> history() const { return m_history; }
    RoomInfo roomInfo() const { return m_roomInfo; }
    /** Whether @p message was sent by this user (under this session's name). */
    bool isOwn(const ChatMessage &message) const;

    /** Client pings while joined (default every 30 s; 0 turns them off). */
    void setKeepAliveInterval(int milliseconds) { m_socket.setKeepAliveInterval(milliseconds); }
    /** Longest wait for the WebSocket handshake and the joined frame (default 20 s). */
    void setConnectTimeout(int milliseconds) { m_socket.setConnectTimeout(milliseconds); }
    void setClaimGate(ClaimGate gate) { m_claimGate = std::move(gate); }

    /**
     * Sends @p text as a chat message with a fresh clientId, which is returned (the
     * acknowledgement is the messageReceived with that clientId from you()). Refusals
     * arrive through messageRefused(): the server's, and, for a text so large that the
     * server would drop the connection over it, one made here (then nothing is sent and
     * the result is empty). Empty as well when not Joined.
     */
    QString sendMessage(const QString &text);

    /** "Reservation" / "Connection", translated, for messages such as "… failed". */
    static QString phaseName(Phase phase);

public Q_SLOTS:
    /**
     * From Idle or Failed: reserve a seat and join. While Leaving: the same, once the
     * goodbye is done (Idle first, so observers see every state in order). Elsewhere it
     * does nothing.
     */
    void enter();
    /**
     * Leaves the room, whatever the session is doing: a joined session says goodbye
     * (Leaving, then Idle on the close); an entry in progress is stopped and its
     * reservation cancelled; a waiting reconnect is dropped; Failed becomes Idle; while
     * Leaving, an enter() waiting for the goodbye is called off.
     */
    void leave();
    /** Failed, or waiting to reconnect: enter again now. */
    void retryNow();

Q_SIGNALS:
    void stateChanged(roomgate::client::RoomSession::State state);
    /** The joined frame arrived: you(), members(), history(), roomInfo() are fresh. */
    void joined();
    /** The session became Failed; also in failure(). */
    void failed(const roomgate::client::RoomSession::Failure &failure);
    /**
     * A message the server acknowledged, live or (after a reconnect) missed while away;
     * each id once. History of the first join is in history(), not repeated here.
     */
    void messageReceived(const roomgate::ChatMessage &message);
    /** A message was refused for its content or its rate; the connection stays. */
    void messageRefused(const roomgate::client::RoomSession::MessageRefusal &refusal);
    void memberJoined(const QString &user);
    void memberLeft(const QString &user);
    void membersChanged(const QStringList &members);
    /** A joined connection dropped and a reconnect is scheduled; @p why as a failure would say. */
    void connectionLost(const roomgate::client::RoomSession::Failure &why);
    /** Countdown to the next automatic attempt, once a second; 0 when it starts. */
    void reconnectingIn(int seconds);

private:
    void setState(State state);
    void beginEntry();
    void requestReservation();
    void onReserved(const ApiResult<Reservation> &result);
    void cancelTicket(const QString &ticket);
    void onCancelDone();
    void openSocket();
    void onJoinedFrame(const Frames::Joined &frame);
    void onMessageFrame(const ChatMessage &message);
    void onPresence(const Frames::Presence &presence);
    void onErrorFrame(const Problem &problem);
    void onSocketEnded(const RoomSocket::Ending &ending);
    void finishLeaving();
    void endConnection(const Failure &why);
    void failOrRetry(const Failure &why);
    void fail(Failure why);
    void scheduleReconnect(int retryAfterSeconds);
    void stopTimers();
    void remember(qint64 id);
    Failure failureOf(Phase phase, const Problem &problem) const;

    QPointer<ApiClient> m_api;
    QString m_room;
    EntryOptions m_options;
    State m_state = State::Idle;
    Failure m_failure;

    // Phase 1. A reserve in flight is never abandoned: its answer either continues the
    // entry or, when the session no longer wants it, is cancelled. New reserves wait for
    // cancels in flight, since a repeat reserve answers the same ticket.
    bool m_reserveInFlight = false;
    bool m_discardReservation = false;
    bool m_reserveWanted = false;
    int m_cancelsInFlight = 0;
    std::optional<Reservation> m_reservation; ///< held and not known to be claimed
    ClaimGate m_claimGate;
    quint64 m_attempt = 0; ///< counts claims, so a late gate opening is recognised

    // Phase 2 and the chat.
    RoomSocket m_socket;
    QString m_you;
    QStringList m_members;
    QList<ChatMessage> m_history;
    RoomInfo m_roomInfo;
    std::set<qint64> m_seen; ///< ids of the newest messages shown, for gap fills
    /** Messages sent and not yet acknowledged, oldest first: a refusal is for the first. */
    QList<std::pair<QString, QString>> m_pending; ///< clientId, text

    ReconnectPolicy m_policy;
    bool m_reconnecting = false;
    bool m_enterWhenLeft = false; ///< enter() came while Leaving
    QDeadlineTimer m_retryDeadline;

    QTimer m_retryTimer;
    QTimer m_countdownTimer;
};

} // namespace roomgate::client

Q_DECLARE_METATYPE(roomgate::client::RoomSession::Failure)
Q_DECLARE_METATYPE(roomgate::client::RoomSession::MessageRefusal)
