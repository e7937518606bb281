// SPDX-License-Identifier: MIT
#pragma once

#include "bench/deadlinewatcher.h"

#include <QByteArray>
#include <QObject>
#include <QUrl>

#include <functional>

class QTcpSocket;

namespace roomgate::bench {

class ThreadContext;

/** How a WebSocket ended. */
struct WsEnd
{
    int code = 1006; ///< the peer's close code; 1006 when none came (lost, refused, timeout)
    QByteArray reason; ///< the peer's close reason, or what went wrong
    bool timedOut = false; ///< the deadline passed first
};

/**
 * A lean WebSocket client (RFC 6455, text frames, no extensions) straight on a QTcpSocket
 * with TCP_NODELAY, for the generator: a received frame is handed over as bytes with no
 * UTF-16 copy and no signal per frame, so one thread can take a million frames a second.
 * Pings are answered; a close frame is echoed. Lives on its ThreadContext's thread; destroy
 * it with deleteLater() from inside a callback.
 */
class WsClient : public QObject, public DeadlineWatcher
{
    Q_OBJECT
public:
    enum class State : quint8 { Idle, Connecting, Handshaking, Open, Closing, Closed };

    explicit WsClient(ThreadContext &context, QObject *parent = nullptr);
    ~WsClient() override;

    /** Connects to a `ws://` @p url; onOpen or onClosed follows. */
    void open(const QUrl &url);
    /** After @p deadlineNs (monotonic) the socket is aborted and onClosed told so; 0: none. */
    void setDeadline(qint64 deadlineNs);
    void sendText(QByteArrayView utf8);
    /** Starts the closing handshake; onClosed follows with the peer's answer. */
    void sendClose(quint16 code = 1000);
    /** Drops the connection at once, without calling onClosed. */
    void abort();
    /**
     * false: reads nothing more, like a peer that never reads: once a few KiB wait unread,
     * the kernel's buffers fill and the server's output piles up. true: reads again, what
     * waited first.
     */
    void setReading(bool reading);

    State state() const { return m_state; }

    std::function<void()> onOpen;
    /** A complete text message; @p nowNs is when its bytes were read. */
    std::function<void(QByteArrayView text, qint64 nowNs)> onText;
    /** Exactly once, unless abort() came first. */
    std::function<void(const WsEnd &end)> onClosed;

    void checkDeadline(qint64 nowNs) override;

private:
    void onConnected();
    void onReadyRead();
    void onDisconnected();
    bool takeHandshake();
    void takeFrames(qint64 now);
    void writeFrame(quint8 opcode, QByteArrayView payload);
    void end(WsEnd how);
    void dropSocket();

    ThreadContext &m_context;
    QTcpSocket *m_socket = nullptr;
    State m_state = State::Idle;
    QUrl m_url;
    QByteArray m_key;
    QByteArray m_in;
    qsizetype m_pos = 0;
    QByteArray m_fragments; ///< a fragmented message so far
    quint8 m_fragmentOpcode = 0;
    bool m_closeSent = false;
    bool m_reading = true;
    qint64 m_deadlineNs = 0;
    quint32 m_maskState;
};

} // namespace roomgate::bench
