// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/records.h"
#include "shared/problem.h"

#include <QObject>
#include <QPointer>
#include <QWebSocket>

namespace roomgate::server {

class Gateway;

/**
 * The server side of one WebSocket: claims its ticket, then carries one member's
 * chat frames until it closes. Owned by the Gateway, lives on the main thread.
 * Every refusal is an error frame followed by the matching close code.
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

    /** Sends a prepared text frame (fan-out path: serialised once per event). */
    void sendText(const QString &frame);
    /** Error frame, then close with the code's close code (or @p closeCode when set). */
    void refuse(const Problem &problem, int closeCode = 0);
    /** Sends a ping when due; closes with IDLE_TIMEOUT when idle too long. */
    void checkLiveness(qint64 nowMs, qint64 pingIntervalMs, qint64 idleTimeoutMs);

    /**
     * Frees the seat now (leave, shutdown) rather than when the socket is gone. The
     * room is told unless @p quietly.
     */
    void releaseSeat();

Q_SIGNALS:
    void stateChanged(roomgate::server::ClientConnection::State state);
    void finished(roomgate::server::ClientConnection *connection);

private:
    void setState(State state);
    void onTextMessage(const QString &text);
    void onBinaryMessage(const QByteArray &data);
    void onDisconnected();
    void handleChat(const QJsonObject &frame);
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
