// SPDX-License-Identifier: MIT
#include "server/realtime/websocketframe.h"

namespace roomgate::server {

namespace {

constexpr char kFinalText = char(0x81); // FIN, opcode 1 (text)
constexpr char kClose = char(0x88); // FIN, opcode 8
constexpr char kPing = char(0x89); // FIN, opcode 9
constexpr char kPong = char(0x8a); // FIN, opcode 10
constexpr qsizetype kLargestCloseReason = kLargestControlPayload - 2;
constexpr quint16 kNoStatusCode = 1005;

/** A final, unmasked frame (a server's) of @p firstByte with @p payload, and room for more. */
QByteArray frameOf(char firstByte, QByteArrayView payload, qsizetype extraPayloadBytes = 0)
{
    constexpr quint64 kOneByteLength = 125;
    constexpr quint64 kTwoByteLength = 0xffff;
    const auto size = static_cast<quint64>(payload.size() + extraPayloadBytes);
    QByteArray frame;
    frame.reserve(payload.size() + extraPayloadBytes + 10);
    frame.append(firstByte);
    // The length in the smallest form that holds it, in network byte order; no mask bit.
    if (size <= kOneByteLength) {
        frame.append(static_cast<char>(size));
    } else if (size <= kTwoByteLength) {
        frame.append(static_cast<char>(126));
        frame.append(static_cast<char>(size >> 8));
        frame.append(static_cast<char>(size & 0xff));
    } else {
        frame.append(static_cast<char>(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(static_cast<char>((size >> shift) & 0xff));
    }
    frame.append(payload);
    return frame;
}

} // namespace

QByteArray webSocketTextFrame(QByteArrayView utf8)
{
    return frameOf(kFinalText, utf8);
}

QByteArray webSocketPingFrame(QByteArrayView payload)
{
    return frameOf(kPing, payload.first(qMin(payload.size(), kLargestControlPayload)));
}

QByteArray webSocketPongFrame(QByteArrayView payload)
{
    return frameOf(kPong, payload.first(qMin(payload.size(), kLargestControlPayload)));
}

QByteArray webSocketCloseFrame(quint16 code, QByteArrayView reason)
{
    if (code == kNoStatusCode)
        return frameOf(kClose, {});
    qsizetype cut = qMin(reason.size(), kLargestCloseReason);
    // Back to the first byte of a character: never half a UTF-8 sequence.
    if (cut < reason.size()) {
        while (cut > 0 && (static_cast<quint8>(reason.at(cut)) & 0xc0) == 0x80)
            --cut;
    }
    const char codeBytes[2]{static_cast<char>(code >> 8), static_cast<char>(code & 0xff)};
    QByteArray frame = frameOf(kClose, QByteArrayView(codeBytes, 2), cut);
    frame.append(reason.first(cut));
    return frame;
}

} // namespace roomgate::server
