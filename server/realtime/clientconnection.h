// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/entryqueue.h"
#include "shared/problem.h"

#include <QObject>
#include <QPointer>
#include <QWebSocket>

namespace roomgate::server {

class Gateway;

/**
 * The server side of one WebSocket: hands its ticket to the claim, then carries one
 * member's frames until it closes. It translates frames to service calls and outcomes to
 * frames; every refusal is an error frame followed by the matching close code. Owned by
 * the Gateway, lives on its thread.
 */
class ClientConnection : public QObject
{
    Q_OBJECT
public:
    enum class State { Claiming, Joined, Closing, Closed };
    Q_ENUM(State)

    ClientConnection(Gateway &gateway, QWebSocket *socket, QString connectionId);
    ~ClientConnection() override;

    State state() const { return m_state; }
    bool isJoined() const { return m_state == State::Joined; }
    const QString &connectionId() const { return m_connectionId; }
    const Membership &membership() const { return m_membership; }
    QString peerAddress() const;

    /** Claims the ticket in the socket's request URL. */
    void claim();

    /** Sends a prepared text frame (fan-out path: encoded once per event). */
    void sendText(const QString &frame);
    /** Error frame, then close with the code's close code. */
    void refuse(const Problem &problem);
    /**
     * Frees the seat, then — once that is written, so that the close never comes before
     * the seat is free — refuses with @p problem (or closes 1000 without one).
     */
    void endWith(std::optional<Problem> problem);
    /** Refuses with @p problem a member whose seat a decision already freed (kick, close). */
    void sendOff(const Problem &problem);
    /** Sends a ping when due; closes with IDLE_TIMEOUT when idle too long. */
    void checkLiveness(qint64 nowMs, qint64 pingIntervalMs, qint64 idleTimeoutMs);

Q_SIGNALS:
    void finished(roomgate::server::ClientConnection *connection);

private:
    void onClaimed(Outcome<ClaimResult> outcome);
    void onTextMessage(const QString &text);
    void onBinaryMessage(const QByteArray &data);
    void onDisconnected();
    void handleChat(const QString &text, const std::optional<QString> &clientId);
    void sendError(const Problem &problem);
    /** Error frame and its close code, or 1000 without a problem; whatever the state. */
    void closeWith(const std::optional<Problem> &problem);
    /** Frees the seat (once); @p done runs once that is written. */
    void releaseSeat(std::function<void()> done = {});
    void touch();

    Gateway &m_gateway;
    QPointer<QWebSocket> m_socket;
    QString m_connectionId;
    State m_state = State::Claiming;
    Membership m_membership;
    bool m_seatHeld = false;
    qint64 m_lastSeenMs = 0;
    qint64 m_lastPingMs = 0;
};

} // namespace roomgate::server
