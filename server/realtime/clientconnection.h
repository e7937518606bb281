// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/entryqueue.h"
#include "shared/problem.h"

#include <QObject>
#include <QPointer>

#include <algorithm>
#include <vector>

namespace roomgate::server {

class GatewayWorker;
class WebSocketChannel;

/**
 * The server side of one WebSocket: hands its ticket to the claim, then carries one
 * member's frames until it closes. It translates frames to service calls and outcomes to
 * frames; every refusal is an error frame followed by the matching close code. Owned by
 * its GatewayWorker, lives on its thread.
 */
class ClientConnection : public QObject
{
    Q_OBJECT
public:
    enum class State { Claiming, Joined, Closing, Closed };
    Q_ENUM(State)

    /** Takes @p channel, upgraded and not started, as a child. */
    ClientConnection(GatewayWorker &worker, WebSocketChannel *channel, QString connectionId);

    State state() const { return m_state; }
    bool isJoined() const { return m_state == State::Joined; }
    /**
     * Whether message @p id reached it already, in its joined history (or is older than
     * all of it): a node that lags behind the store delivers such messages after the join.
     */
    bool hadInHistory(qint64 id) const
    {
        return !m_historyIds.empty()
            && (id < m_historyIds.front()
                || std::binary_search(m_historyIds.cbegin(), m_historyIds.cend(), id));
    }
    const QString &connectionId() const { return m_connectionId; }
    const Membership &membership() const { return m_membership; }
    QString peerAddress() const;

    /** Claims the ticket in the socket's request URL. */
    void claim();

    /**
     * Sends @p wire, a text frame framed for the wire (webSocketTextFrame(): the fan-out
     * path, framed once per event and thread). A reader whose unsent output would pass the
     * send-buffer limit is a slow consumer: the frame is dropped, its seat freed, and it is
     * closed with 4509 — or aborted, when not even that fits.
     */
    void sendWire(const QByteArray &wire);
    /** Writes what sendWire() held back (GatewayWorker's pass, once per event-loop turn). */
    void flushOutbox();
    /** Error frame, then close with the code's close code. */
    void refuse(const Problem &problem);
    /**
     * Frees the seat, then — once that is written, so that the close never comes before
     * the seat is free — refuses with @p problem (or closes 1000 without one).
     */
    void endWith(std::optional<Problem> problem);
    /**
     * Refuses with @p problem at once and frees the seat in the background (retried until
     * written): for when storage may not answer soon, and the seat is not this node's to
     * give any more (its lease is lost).
     */
    void endNow(const Problem &problem);
    /** Refuses with @p problem a member whose seat a decision already freed (kick, close). */
    void sendOff(const Problem &problem);
    /** Sends a ping when due; closes with IDLE_TIMEOUT when idle too long. */
    void checkLiveness(qint64 nowMs, qint64 pingIntervalMs, qint64 idleTimeoutMs);

Q_SIGNALS:
    void finished(roomgate::server::ClientConnection *connection);

private:
    void decideClaim(const QByteArray &ticket);
    void onClaimed(const Outcome<ClaimResult> &outcome);
    void onTextMessage(const QByteArray &utf8);
    void onBinaryMessage();
    void onDisconnected();
    void handleChat(const QString &text, const std::optional<QString> &clientId);
    void onFlooding(qint64 retryAfterMs);
    void sendError(const Problem &problem);
    /** Error frame and its close code, or 1000 without a problem; whatever the state. */
    void closeWith(const std::optional<Problem> &problem);
    /** Frees the seat (once); @p done runs once that is written. */
    void releaseSeat(std::function<void()> done = {});
    void touch();

    void dropSlowConsumer();
    /** An encoded frame to this member alone, under the same limit as sendWire(). */
    void sendFrame(const QByteArray &utf8);
    /** Queues @p wire for flushOutbox() (no limit checked). */
    void hold(const QByteArray &wire);
    /** Whether @p bytes more fit under the send-buffer limit; drops a slow consumer if not. */
    bool fits(qint64 bytes);
    /** Held back by sendWire() and not yet taken by the kernel. */
    qint64 unsentBytes() const;

    GatewayWorker &m_worker;
    QPointer<WebSocketChannel> m_socket; ///< a child
    QByteArrayList m_outbox; ///< frames for the next flushOutbox()
    qint64 m_outboxBytes = 0;
    QString m_connectionId;
    State m_state = State::Claiming;
    Membership m_membership;
    bool m_seatHeld = false;
    bool m_claimDecided = false; ///< its claim went to admission (once)
    std::vector<qint64> m_historyIds; ///< of the joined history, ascending
    qint64 m_lastSeenMs = 0;
    qint64 m_lastPingMs = 0;
    qint64 m_abortAtMs = 0; ///< closing: abort if still open then; 0: not closing
    qint64 m_floodSinceMs = 0; ///< refused for its message rate since; 0: not refused
    qint64 m_lastRefusalMs = 0;
};

} // namespace roomgate::server
