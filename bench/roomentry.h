// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

namespace roomgate::bench {

class HttpPool;
class ThreadContext;
class WsClient;

/**
 * One member's way into a room and out again: reserve (HTTP) → claim (WebSocket, until the
 * `joined` frame) → … → leave (until the server's close). Against the bare WebSocket server
 * there is no reservation: entering is connecting to `ws://HOST:PORT/ws?room=NAME` and
 * leaving is a close handshake. Each step's time is kept for the latencies. Lives on one
 * generator thread, parented to its owner there.
 */
class RoomEntry : public QObject
{
    Q_OBJECT
public:
    enum class Phase : quint8 { Idle, Reserve, Claim, Joined, Leave, Left, Failed };

    /** Where entries go: Roomgate's API through @p pool, or the bare server at @p bareWs. */
    struct Endpoint
    {
        HttpPool *pool = nullptr; ///< Roomgate: the thread's pool to the reserving node
        /// Roomgate, when not empty: claim here (another node) with the ticket of websocketUrl.
        QUrl claimWs;
        QUrl bareWs; ///< bare: ws://HOST:PORT/ws
    };

    /** Monotonic times (ns) of the steps reached; 0 for the others. */
    struct Times
    {
        qint64 start = 0;
        qint64 reserved = 0; ///< the reservation's answer (bare: equal to start)
        qint64 joined = 0;
        qint64 leaveSent = 0;
        qint64 left = 0;
    };

    RoomEntry(ThreadContext &context, const Endpoint &endpoint, QObject *parent = nullptr);

    /**
     * Reserves a seat in @p room (created with @p capacity when missing) for @p token's user
     * and claims it; onJoined or onFailed follows before @p deadlineNs.
     */
    void enter(const QByteArray &token, const QString &room, int capacity, qint64 deadlineNs);
    /** Sends a leave and waits for the server's close; onLeft or onFailed follows. */
    void leave(qint64 deadlineNs);
    /** Drops everything at once, without a callback. */
    void abort();
    /** A chat message frame to the room (only while joined). */
    void send(QByteArrayView frame);
    /** Stops or resumes reading the WebSocket (WsClient::setReading). */
    void setReading(bool reading);

    Phase phase() const { return m_phase; }
    const Times &times() const { return m_times; }
    const QString &room() const { return m_room; }

    std::function<void()> onJoined;
    /** A frame after `joined` (bare: any frame); @p nowNs is when it was read. */
    std::function<void(QByteArrayView frame, qint64 nowNs)> onFrame;
    std::function<void()> onLeft;
    /**
     * It went wrong in @p phase: @p code is the problem code (reserve), the error frame's or
     * close reason's code (claim, joined), or TIMEOUT / TRANSPORT / CLOSE_<n>.
     */
    std::function<void(Phase phase, const QString &code)> onFailed;

private:
    void claim(const QUrl &url);
    void fail(const QString &code);
    void onText(QByteArrayView frame, qint64 nowNs);

    ThreadContext &m_context;
    Endpoint m_endpoint;
    WsClient *m_socket = nullptr;
    Phase m_phase = Phase::Idle;
    Times m_times;
    QString m_room;
    QString m_refusal; ///< the code of an error frame, for the close that follows
    qint64 m_deadlineNs = 0;
    quint64 m_attempt = 0; ///< guards late HTTP answers of an aborted attempt
};

} // namespace roomgate::bench
