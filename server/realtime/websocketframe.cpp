// SPDX-License-Identifier: MIT
#include "server/realtime/websocketframe.h"

namespace roomgate::server {

QByteArray webSocketTextFrame(QByteArrayView utf8)
{
    constexpr char kFinalText = char(0x81); // FIN, opcode 1 (text)
    constexpr quint64 kOneByteLength = 125;
    constexpr quint64 kTwoByteLength = 0xffff;
    const auto size = static_cast<quint64>(utf8.size());
    QByteArray frame;
    frame.reserve(utf8.size() + 10);
    frame.append(kFinalText);
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
    frame.append(utf8);
    return frame;
}

} // namespace roomgate::server
