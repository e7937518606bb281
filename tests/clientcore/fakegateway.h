// SPDX-License-Identifier: MIT
#pragma once

#include "shared/chatmessage.h"
#include "shared/problem.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <optional>

namespace roomgate::test {

/**
 * A stand-in for the WebSocket gateway, speaking the shared frame codec: it admits every
 * ticket with a joined frame (with the history the test gives it), acknowledges chat
 * messages like the server (an echo with the next id), and on command refuses a claim or
 * a message, sends any frame, or ends connections — every close code a client can meet,
 * also those the real server sends only on rare conditions (idle drop, rate limit, slow
 * consumer, internal failure) and a connection that just drops.
 * Test fixture; lives on the test's thread.
 */
class FakeGateway : public QObject
{
    Q_OBJECT
public:
    explicit FakeGateway(QObject *parent = nullptr);

    quint16 port() const { return m_server.serverPort(); }
    /** `ws://127.0.0.1:<port>/ws?ticket=…`. */
    QString ticketUrl() const;
    /** The JSON of a reserve answer pointing here. */
    QByteArray reservationJson() const;
    int connectionCount() const { return m_connections; }

    /** The history of the joined frames from now on (oldest first). */
    void setHistory(const QList<ChatMessage> &history) { m_history = history; }
    /** Refuses the next claim: @p problem's error frame, then close @p closeCode. */
    void refuseNextClaim(const Problem &problem, int closeCode);
    /** Answers chat messages with @p problem's error frame (the socket stays); nullopt: acks. */
    void refuseMessages(std::optional<Problem> problem) { m_messageRefusal = std::move(problem); }
    /** Sends @p message to the newest connection as a `message` frame. */
    void send(const ChatMessage &message);

    /** Ends the newest connection: an error frame for @p code (unless empty), then close. */
    void end(const QString &code, int closeCode);
    /** Drops the newest connection without a close frame. */
    void drop();

    /** A message as the server would store it: @p id from "peer" in room "fake". */
    static ChatMessage message(qint64 id, const QString &from = QStringLiteral("peer"));

Q_SIGNALS:
    void joined();
    /** The client sent a chat message (acknowledged or refused). */
    void chatReceived(const QString &text);

private:
    void onText(QWebSocket *socket, const QString &text);

    QWebSocketServer m_server;
    QPointer<QWebSocket> m_latest;
    int m_connections = 0;
    qint64 m_nextId = 1000;
    QList<ChatMessage> m_history;
    std::optional<std::pair<Problem, int>> m_claimRefusal;
    std::optional<Problem> m_messageRefusal;
};

} // namespace roomgate::test
