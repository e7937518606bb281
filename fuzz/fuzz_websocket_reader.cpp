// SPDX-License-Identifier: MIT
// Fuzz target: the reader of WebSocket client frames (server/realtime/websocketreader.h) on
// arbitrary bytes. The first byte sets the message limit (0 to 2040 bytes, in steps of 8),
// the second the way of cutting the rest, the stream of frames. Checked:
//  - the stream read whole, one byte at a time, and in pieces of sizes the second byte
//    picks gives the same messages, the same failure, the same closed() and the same bytes
//    held;
//  - a text message is valid UTF-8 (by a decoder of code points, written apart from the
//    reader's validator), and so is a close reason;
//  - no text or binary message is over the limit, no control payload over 125 bytes, a close
//    code is one a peer may send (or 1005 with no reason), a failure is 1002, 1007 or 1009
//    with a reason;
//  - after a failure the same failure comes again and nothing more is read; after a close
//    nothing more is read and nothing is held; the bytes held stay within the limit, one
//    control frame and one header;
//  - and, through ASan and UBSan, no memory error or undefined behaviour anywhere.
#include "fuzz/fuzzcheck.h"
#include "server/realtime/websocketreader.h"
#include "tests/common/utf8reference.h"

#include <cstdint>

using roomgate::server::WebSocketReader;
using Kind = WebSocketReader::Message::Kind;

namespace {

constexpr qsizetype kLargestHeader = 14;
constexpr qsizetype kLargestControlPayload = 125;

using roomgate::fuzz::check;

struct Outcome
{
    QList<WebSocketReader::Message> messages;
    std::optional<WebSocketReader::Failure> failure;
    bool closed = false;
    qsizetype held = 0;
};

bool same(const Outcome &a, const Outcome &b)
{
    if (a.messages.size() != b.messages.size() || a.closed != b.closed || a.held != b.held
        || a.failure.has_value() != b.failure.has_value()) {
        return false;
    }
    if (a.failure
        && (a.failure->closeCode != b.failure->closeCode || a.failure->reason != b.failure->reason))
        return false;
    for (qsizetype i = 0; i < a.messages.size(); ++i) {
        const auto &x = a.messages.at(i);
        const auto &y = b.messages.at(i);
        if (x.kind != y.kind || x.payload != y.payload || x.closeCode != y.closeCode)
            return false;
    }
    return true;
}

/** Reads @p stream in pieces of the sizes @p nextPiece gives (each at least 1). */
template<typename NextPiece>
Outcome read(QByteArrayView stream, qsizetype limit, NextPiece nextPiece)
{
    WebSocketReader reader(limit);
    Outcome outcome;
    while (!stream.isEmpty()) {
        const qsizetype piece = qMin(stream.size(), nextPiece());
        const qsizetype before = outcome.messages.size();
        const auto failure = reader.feed(stream.first(piece), outcome.messages);
        stream = stream.sliced(piece);
        if (outcome.failure) {
            // The same failure again, and nothing more read.
            check(failure.has_value(), "a failure comes again");
            check(failure->closeCode == outcome.failure->closeCode
                      && failure->reason == outcome.failure->reason,
                  "the same failure comes again");
            check(outcome.messages.size() == before, "nothing is read after a failure");
        }
        if (failure && !outcome.failure)
            outcome.failure = failure;
        if (reader.closed())
            check(reader.bufferedBytes() == 0, "nothing is held after a close");
        else if (!outcome.failure)
            // A message's fragments (within the limit) and one frame being read: of a data
            // frame, within what the limit has left; of a control frame, within 125 bytes.
            check(reader.bufferedBytes() <= limit + kLargestControlPayload + kLargestHeader,
                  "held bytes stay bounded");
        else
            check(reader.bufferedBytes() == 0, "nothing is held after a failure");
    }
    if (reader.closed()) {
        const qsizetype before = outcome.messages.size();
        check(!reader.feed(QByteArrayView("\x81\x80\0\0\0\0", 6), outcome.messages),
              "no failure after close");
        check(outcome.messages.size() == before, "nothing is read after a close");
    }
    outcome.closed = reader.closed();
    outcome.held = reader.bufferedBytes();
    return outcome;
}

bool isSendableCloseCode(quint16 code)
{
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
}

void checkMessages(const Outcome &outcome, qsizetype limit)
{
    for (const auto &message : outcome.messages) {
        switch (message.kind) {
        case Kind::Text:
            check(roomgate::test::referenceUtf8(message.payload), "a text message is UTF-8");
            check(message.payload.size() <= limit, "a text message is within the limit");
            break;
        case Kind::Binary:
            check(message.payload.size() <= limit, "a binary message is within the limit");
            break;
        case Kind::Ping:
        case Kind::Pong:
            check(message.payload.size() <= 125, "a ping or pong is within 125 bytes");
            break;
        case Kind::Close:
            check(roomgate::test::referenceUtf8(message.payload), "a close reason is UTF-8");
            check(message.payload.size() <= 123, "a close reason is within 123 bytes");
            check(isSendableCloseCode(message.closeCode)
                      || (message.closeCode == 1005 && message.payload.isEmpty()),
                  "a close code is one a peer may send");
            check(&message == &outcome.messages.last(), "a close is the last message");
            break;
        }
    }
    if (outcome.failure) {
        const quint16 code = outcome.failure->closeCode;
        check(code == 1002 || code == 1007 || code == 1009, "a failure is 1002, 1007 or 1009");
        check(!outcome.failure->reason.isEmpty(), "a failure says why");
        check(!outcome.closed, "a failure is not a close");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const qsizetype limit = qsizetype(data[0]) * 8;
    quint32 state = data[1];
    const QByteArrayView stream(data + 2, static_cast<qsizetype>(size - 2));

    const Outcome whole = read(stream, limit, [&stream] { return stream.size(); });
    checkMessages(whole, limit);
    const Outcome bytewise = read(stream, limit, [] { return qsizetype(1); });
    check(same(whole, bytewise), "one byte at a time reads the same");
    const Outcome pieces = read(stream, limit, [&state] {
        state = state * 1103515245u + 12345u;
        return qsizetype((state >> 16) % 23 + 1);
    });
    check(same(whole, pieces), "pieces read the same");
    return 0;
}
