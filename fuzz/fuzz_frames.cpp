// SPDX-License-Identifier: MIT
// Fuzz target: the WebSocket frame codec (shared/frames.h) on arbitrary bytes, decoded both
// as a server frame and as a client frame. Checked:
//  - a refusal says why;
//  - what decodes re-encodes to a frame that decodes again, to the same kind and the same
//    fields (all of them for messages, rooms, presence and chat; error frames keep what an
//    error frame carries), and re-encodes to the very same bytes: encoding is a fixpoint
//    after one round;
//  - and, through ASan and UBSan, no memory error or undefined behaviour anywhere.
#include "fuzz/fuzzcheck.h"
#include "shared/frames.h"

#include <cstdint>

namespace Frames = roomgate::Frames;
using roomgate::ChatMessage;
using roomgate::Problem;

namespace {

using roomgate::fuzz::check;

template<typename Variant> QByteArray encoded(const Variant &frame)
{
    return std::visit([](const auto &alternative) { return Frames::encode(alternative); }, frame);
}

// Field by field, for the frames without an operator==.
bool same(const Frames::Joined &a, const Frames::Joined &b)
{
    return a.room == b.room && a.you == b.you && a.members == b.members && a.history == b.history;
}
bool same(const ChatMessage &a, const ChatMessage &b)
{
    return a == b;
}
bool same(const Frames::Presence &a, const Frames::Presence &b)
{
    return a.event == b.event && a.user == b.user;
}
bool same(const Problem &a, const Problem &b)
{
    // An error frame carries no correlation id, its message stands for the detail, and a
    // wait of zero or less is no wait.
    return a.code == b.code && a.room == b.room
        && qMax(0, a.retryAfterSeconds) == qMax(0, b.retryAfterSeconds);
}
bool same(const Frames::Chat &a, const Frames::Chat &b)
{
    return a.text == b.text && a.clientId == b.clientId;
}
bool same(const Frames::Leave &, const Frames::Leave &)
{
    return true;
}

template<typename Variant> bool sameFrame(const Variant &a, const Variant &b)
{
    if (a.index() != b.index())
        return false;
    return std::visit(
        [&b](const auto &alternative) {
            return same(alternative, std::get<std::decay_t<decltype(alternative)>>(b));
        },
        a);
}

template<typename Decode> void roundTrip(QByteArrayView input, Decode decode)
{
    QString why;
    const auto first = decode(input, &why);
    if (!first) {
        check(!why.isEmpty(), "a refused frame says why");
        return;
    }
    const QByteArray once = encoded(*first);
    QString whyAgain;
    const auto second = decode(once, &whyAgain);
    check(second.has_value(), "an encoded frame decodes");
    check(sameFrame(*first, *second), "an encoded frame decodes to the same frame");
    const QByteArray twice = encoded(*second);
    check(once == twice, "encoding is a fixpoint after one round trip");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    const QByteArrayView input(data, static_cast<qsizetype>(size));
    roundTrip(input, [](QByteArrayView utf8, QString *why) {
        return Frames::decodeServerFrame(utf8, why);
    });
    roundTrip(input, [](QByteArrayView utf8, QString *why) {
        return Frames::decodeClientFrame(utf8, why);
    });
    return 0;
}
