// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

namespace roomgate::server {

/**
 * Reads what a WebSocket client sends (RFC 6455, section 5), socket-free: fed the bytes
 * as they arrive, in pieces of any size, it gives back whole messages — a text or binary
 * message reassembled from its fragments, and each control frame — or the one failure
 * that ends the connection, with the close code the server answers it with:
 * - 1002 (protocol error): a frame not masked, reserved bits set, an unknown opcode, a
 *   control frame fragmented or over 125 bytes, a continuation with no message begun, a
 *   new text or binary frame while a fragmented message is open, a 64-bit length with its
 *   top bit set, a close frame of one byte or with a code no peer may send;
 * - 1007 (invalid payload): a text message or a close reason that is not valid UTF-8;
 * - 1009 (too big): a message over the limit, told from its frame headers before its
 *   payload is buffered.
 * After a close frame or a failure it reads nothing more. It holds no memory between
 * messages: an idle connection's reader is empty. Owned by one connection, one thread.
 */
class WebSocketReader
{
public:
    struct Message
    {
        enum class Kind { Text, Binary, Ping, Pong, Close };
        Kind kind = Kind::Text;
        /** Text: the message's UTF-8 (validated); Close: the reason; else the payload. */
        QByteArray payload;
        /** Close only: the code, 1005 (none given) for a close frame without a body. */
        quint16 closeCode = 0;
    };
    struct Failure
    {
        quint16 closeCode = 1002;
        QByteArray reason; ///< short, ASCII, for the close frame and the log
    };

    /** @p maxMessageBytes: the largest text or binary message (all fragments together). */
    explicit WebSocketReader(qsizetype maxMessageBytes);

    /**
     * Reads @p bytes, appending every message they complete to @p out, in order. Returns
     * the failure once the stream is broken (the messages before it are still in @p out),
     * and the same failure on every later call.
     */
    std::optional<Failure> feed(QByteArrayView bytes, QList<Message> &out);

    /** Whether a close frame was read: nothing after it is read. */
    bool closed() const { return m_closed; }
    /** Bytes held for a frame or message not complete yet. */
    qsizetype bufferedBytes() const { return m_partial.size() + m_message.size(); }

private:
    qsizetype m_maxMessageBytes;
    QByteArray m_partial; ///< an incomplete frame, from its first byte
    QByteArray m_message; ///< the fragments so far of a text or binary message
    std::optional<Message::Kind> m_messageKind; ///< of the fragmented message open, if any
    std::optional<Failure> m_failure;
    bool m_closed = false;
};

} // namespace roomgate::server
