// SPDX-License-Identifier: MIT
#include "server/realtime/websocketreader.h"

#include "server/realtime/websocketframe.h"

#include <QtEndian>

#include <array>
#include <cstring>
#include <utility>
#include <variant>

namespace roomgate::server {

namespace {

constexpr quint8 kFin = 0x80;
constexpr quint8 kReservedBits = 0x70;
constexpr quint8 kOpcodeBits = 0x0f;
constexpr quint8 kMaskBit = 0x80;
constexpr quint8 kLengthBits = 0x7f;
constexpr quint8 kTwoByteLength = 126;
constexpr quint8 kEightByteLength = 127;
constexpr qsizetype kMaskKeyBytes = 4;

enum Opcode : quint8 {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xa,
};

bool isControl(quint8 opcode)
{
    return (opcode & 0x8) != 0;
}

/** A frame header read whole: what the payload is, where it starts, how long it is. */
struct Header
{
    bool fin = false;
    quint8 opcode = 0;
    qsizetype headerBytes = 0;
    qsizetype payloadBytes = 0;
    std::array<quint8, kMaskKeyBytes> maskKey{};
};

/** The header is not all there yet: at least this many bytes of the frame are needed. */
struct NeedMore
{
    qsizetype frameBytes = 0;
};

WebSocketReader::Failure failure(quint16 code, const char *reason)
{
    return WebSocketReader::Failure{code, QByteArray(reason)};
}

/**
 * Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF, no
 * truncated sequence. Runs of ASCII are skipped eight bytes at a time.
 */
bool isValidUtf8(QByteArrayView text)
{
    const auto *s = reinterpret_cast<const quint8 *>(text.data());
    const qsizetype n = text.size();
    qsizetype i = 0;
    const auto continuation = [&s](qsizetype at) { return (s[at] & 0xc0) == 0x80; };
    while (i < n) {
        while (i + 8 <= n) {
            quint64 word;
            std::memcpy(&word, s + i, sizeof word);
            if ((word & 0x8080808080808080ULL) != 0)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        const quint8 lead = s[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        // A continuation byte first, an overlong two-byte form (C0, C1), or past U+10FFFF.
        if (lead < 0xc2 || lead > 0xf4)
            return false;
        if (lead < 0xe0) {
            if (n - i < 2 || !continuation(i + 1))
                return false;
            i += 2;
        } else if (lead < 0xf0) {
            if (n - i < 3)
                return false;
            const quint8 second = s[i + 1];
            // E0: A0..BF (no overlong form); ED: 80..9F (no surrogate); else 80..BF.
            const quint8 low = lead == 0xe0 ? 0xa0 : 0x80;
            const quint8 high = lead == 0xed ? 0x9f : 0xbf;
            if (second < low || second > high || !continuation(i + 2))
                return false;
            i += 3;
        } else {
            if (n - i < 4)
                return false;
            const quint8 second = s[i + 1];
            // F0: 90..BF (no overlong form); F4: 80..8F (nothing above U+10FFFF); else 80..BF.
            const quint8 low = lead == 0xf0 ? 0x90 : 0x80;
            const quint8 high = lead == 0xf4 ? 0x8f : 0xbf;
            if (second < low || second > high || !continuation(i + 2) || !continuation(i + 3))
                return false;
            i += 4;
        }
    }
    return true;
}

/** Writes @p masked, unmasked with @p key (RFC 6455, 5.3), to @p out (which may be it). */
void unmaskInto(char *out, QByteArrayView masked, const std::array<quint8, kMaskKeyBytes> &key)
{
    const char *in = masked.data();
    const qsizetype n = masked.size();
    quint32 key32;
    std::memcpy(&key32, key.data(), sizeof key32);
    // Two copies of the key side by side in memory, whatever the byte order.
    const quint64 key64 = (static_cast<quint64>(key32) << 32) | key32;
    qsizetype i = 0;
    for (; i + 8 <= n; i += 8) {
        quint64 word;
        std::memcpy(&word, in + i, sizeof word);
        word ^= key64;
        std::memcpy(out + i, &word, sizeof word);
    }
    for (; i < n; ++i)
        out[i] = static_cast<char>(in[i] ^ static_cast<char>(key[static_cast<size_t>(i & 3)]));
}

QByteArray unmasked(QByteArrayView masked, const std::array<quint8, kMaskKeyBytes> &key)
{
    QByteArray payload(masked.size(), Qt::Uninitialized);
    unmaskInto(payload.data(), masked, key);
    return payload;
}

bool isSendableCloseCode(quint16 code)
{
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
}

} // namespace

WebSocketReader::WebSocketReader(qsizetype maxMessageBytes) : m_maxMessageBytes(maxMessageBytes) { }

namespace {

/**
 * Reads the header at the start of @p data, as far as it goes. Each check runs as soon as
 * the bytes it needs are there, always in the same order, so that the failure told does not
 * depend on how the stream was split. @p messageOpen: whether a fragmented message is open,
 * @p messageBytes: its bytes so far.
 */
std::variant<Header, NeedMore, WebSocketReader::Failure>
readHeader(QByteArrayView data, bool messageOpen, qsizetype messageBytes, qsizetype maxMessageBytes)
{
    if (data.isEmpty())
        return NeedMore{2};
    const auto *bytes = reinterpret_cast<const quint8 *>(data.data());
    Header header;
    header.fin = (bytes[0] & kFin) != 0;
    header.opcode = bytes[0] & kOpcodeBits;
    if ((bytes[0] & kReservedBits) != 0)
        return failure(1002, "reserved bits set");
    switch (header.opcode) {
    case Continuation:
        if (!messageOpen)
            return failure(1002, "continuation frame without a message begun");
        break;
    case Text:
    case Binary:
        if (messageOpen)
            return failure(1002, "new message inside a fragmented one");
        break;
    case Close:
    case Ping:
    case Pong:
        if (!header.fin)
            return failure(1002, "fragmented control frame");
        break;
    default:
        return failure(1002, "unknown opcode");
    }
    if (data.size() < 2)
        return NeedMore{2};
    if ((bytes[1] & kMaskBit) == 0)
        return failure(1002, "frame not masked");
    const quint8 length7 = bytes[1] & kLengthBits;
    if (isControl(header.opcode) && length7 > kLargestControlPayload)
        return failure(1002, "control frame over 125 bytes");
    const qsizetype lengthBytes
        = length7 == kTwoByteLength ? 2 : (length7 == kEightByteLength ? 8 : 0);
    // The length is checked as soon as it is all there, mask key or not: a stream cut
    // there must fail as the whole stream does.
    if (data.size() < 2 + lengthBytes)
        return NeedMore{2 + lengthBytes};
    quint64 length = length7;
    if (lengthBytes == 2) {
        length = qFromBigEndian<quint16>(bytes + 2);
    } else if (lengthBytes == 8) {
        length = qFromBigEndian<quint64>(bytes + 2);
        if ((length >> 63) != 0)
            return failure(1002, "frame length with its top bit set");
    }
    // Told from the header, before a byte of the payload is kept.
    if (!isControl(header.opcode)
        && length > static_cast<quint64>(qMax<qsizetype>(0, maxMessageBytes - messageBytes))) {
        return failure(1009, "message too big");
    }
    header.headerBytes = 2 + lengthBytes + kMaskKeyBytes;
    header.payloadBytes = static_cast<qsizetype>(length);
    if (data.size() < header.headerBytes)
        return NeedMore{header.headerBytes};
    std::memcpy(header.maskKey.data(), bytes + 2 + lengthBytes, kMaskKeyBytes);
    return header;
}

} // namespace

std::optional<WebSocketReader::Failure> WebSocketReader::feed(QByteArrayView bytes,
                                                              QList<Message> &out)
{
    if (m_failure)
        return m_failure;
    if (m_closed)
        return std::nullopt;

    const auto fail = [this](Failure why) {
        m_failure = std::move(why);
        m_partial = {};
        m_message = {};
        m_messageKind.reset();
        return m_failure;
    };

    // Handles one whole frame (header read, payload still masked); a failure, if any.
    const auto frame
        = [this, &out](const Header &header, QByteArrayView masked) -> std::optional<Failure> {
        switch (header.opcode) {
        case Close: {
            Message close{Message::Kind::Close, {}, 1005};
            if (masked.size() == 1)
                return failure(1002, "close frame of one byte");
            if (masked.size() >= 2) {
                const QByteArray body = unmasked(masked, header.maskKey);
                close.closeCode = qFromBigEndian<quint16>(body.constData());
                if (!isSendableCloseCode(close.closeCode))
                    return failure(1002, "close code no peer may send");
                close.payload = body.mid(2);
                if (!isValidUtf8(close.payload))
                    return failure(1007, "close reason not UTF-8");
            }
            out.append(std::move(close));
            m_closed = true;
            m_partial = {};
            m_message = {};
            m_messageKind.reset();
            return std::nullopt;
        }
        case Ping:
        case Pong:
            out.append(Message{header.opcode == Ping ? Message::Kind::Ping : Message::Kind::Pong,
                               unmasked(masked, header.maskKey), 0});
            return std::nullopt;
        case Text:
        case Binary: {
            const auto kind = header.opcode == Text ? Message::Kind::Text : Message::Kind::Binary;
            if (!header.fin) {
                m_messageKind = kind;
                m_message = unmasked(masked, header.maskKey);
                return std::nullopt;
            }
            QByteArray payload = unmasked(masked, header.maskKey);
            if (kind == Message::Kind::Text && !isValidUtf8(payload))
                return failure(1007, "text message not UTF-8");
            out.append(Message{kind, std::move(payload), 0});
            return std::nullopt;
        }
        default: { // Continuation: readHeader() saw a message open.
            const qsizetype before = m_message.size();
            m_message.resize(before + masked.size());
            unmaskInto(m_message.data() + before, masked, header.maskKey);
            if (!header.fin)
                return std::nullopt;
            const Message::Kind kind = *m_messageKind;
            QByteArray payload = std::move(m_message);
            m_message = {};
            m_messageKind.reset();
            if (kind == Message::Kind::Text && !isValidUtf8(payload))
                return failure(1007, "text message not UTF-8");
            out.append(Message{kind, std::move(payload), 0});
            return std::nullopt;
        }
        }
    };

    while (!m_closed) {
        if (!m_partial.isEmpty()) {
            // Complete the frame begun in m_partial, taking from @p bytes only what it lacks.
            const auto read = readHeader(m_partial, m_messageKind.has_value(), m_message.size(),
                                         m_maxMessageBytes);
            if (const auto *why = std::get_if<Failure>(&read))
                return fail(*why);
            qsizetype needed = 0;
            const Header *header = std::get_if<Header>(&read);
            if (header)
                needed = header->headerBytes + header->payloadBytes;
            else
                needed = std::get<NeedMore>(read).frameBytes;
            const qsizetype take = qMin(needed - m_partial.size(), bytes.size());
            m_partial.append(bytes.first(take));
            bytes = bytes.sliced(take);
            if (m_partial.size() < needed)
                return std::nullopt; // every byte given is taken
            if (!header)
                continue; // the header is whole now: read it again, with the payload length
            const QByteArray frameBytes = std::exchange(m_partial, {});
            if (auto why = frame(*header, QByteArrayView(frameBytes).sliced(header->headerBytes)))
                return fail(*why);
            continue;
        }
        if (bytes.isEmpty())
            return std::nullopt;
        const auto read
            = readHeader(bytes, m_messageKind.has_value(), m_message.size(), m_maxMessageBytes);
        if (const auto *why = std::get_if<Failure>(&read))
            return fail(*why);
        const Header *header = std::get_if<Header>(&read);
        if (!header || bytes.size() < header->headerBytes + header->payloadBytes) {
            m_partial = bytes.toByteArray(); // only the incomplete rest is copied
            return std::nullopt;
        }
        const qsizetype frameBytes = header->headerBytes + header->payloadBytes;
        if (auto why = frame(*header, bytes.sliced(header->headerBytes, header->payloadBytes)))
            return fail(*why);
        bytes = bytes.sliced(frameBytes);
    }
    return std::nullopt;
}

} // namespace roomgate::server
