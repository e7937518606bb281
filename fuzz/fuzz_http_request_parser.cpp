// SPDX-License-Identifier: MIT
// Fuzz target: HttpRequestParser on arbitrary bytes, as one connection's input stream.
//
// The input is parsed as pipelined requests (take each complete request, feed the rest) in
// three ways: all at once, one byte at a time, and in pieces whose sizes come from a
// generator seeded by the input; once with the default limits and once with small ones the
// fuzzer can reach. Checked each time:
//  - feed() takes at most what it is given, nothing once Complete or Failed, and stops early
//    only at the end of a request or at a refusal;
//  - a refusal is 400 BAD_REQUEST or 413 PAYLOAD_TOO_LARGE, with a detail;
//  - a complete request has a token method, a path that starts with '/' (or is "*"),
//    lower-case token header names, a body within maxBodyBytes and a head within
//    maxHeaderBytes; the memory held by the parser stays within the limits (ASan's count of
//    allocated bytes), whatever Content-Length or chunk size the input declares;
//  - every way of splitting the input gives the same requests, refusal and final state.
#include "fuzz/fuzzcheck.h"
#include "server/http/httpgrammar.h"
#include "server/http/httprequestparser.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <sanitizer/allocator_interface.h>

#include <cstdint>

using roomgate::ErrorCode;
using roomgate::server::http::HttpLimits;
using roomgate::server::http::HttpRequest;
using roomgate::server::http::HttpRequestParser;

namespace {

using roomgate::fuzz::check;

/** What a connection learns from parsing its whole input: comparable across splits. */
struct Outcome
{
    QList<QByteArray> requests; ///< each complete request, flattened
    int errorStatus = 0;
    ErrorCode errorCode = ErrorCode::Ok;
    QString errorDetail;
    HttpRequestParser::State finalState = HttpRequestParser::State::Idle;
    qsizetype consumed = 0;

    bool operator==(const Outcome &) const = default;
};

QByteArray flattened(const HttpRequest &request)
{
    QByteArray text = request.method + ' ' + request.path + '?' + request.query + '\n';
    for (const auto &[name, value] : request.headers)
        text += name + ": " + value + '\n';
    return text + '\n' + request.body;
}

void checkRequest(const HttpRequest &request, const HttpLimits &limits)
{
    using namespace roomgate::server::http::grammar;
    check(isToken(request.method), "method is a token");
    check(request.path.startsWith('/') || request.path == "*", "path starts with / or is *");
    check(request.body.size() <= limits.maxBodyBytes, "body within maxBodyBytes");
    qint64 head = request.method.size() + request.path.size() + request.query.size();
    for (const auto &[name, value] : request.headers) {
        check(isToken(name), "header name is a token");
        check(name == name.toLower(), "header name is lower case");
        check(!value.contains('\r') && !value.contains('\n') && !value.contains('\0'),
              "header value has no CR, LF or NUL");
        head += name.size() + value.size();
    }
    check(head <= limits.maxHeaderBytes, "head within maxHeaderBytes");
}

/** Heap growth a parser may cause: its line, its headers (with their per-entry overhead) and
 * the body, each within its limit. Far below what an unchecked Content-Length would take. */
qint64 heapAllowance(const HttpLimits &limits)
{
    return 64 * limits.maxHeaderBytes + 2 * limits.maxBodyBytes + 64 * 1024;
}

/** Parses @p input in pieces of the sizes @p nextPiece returns. */
template<typename NextPiece>
Outcome parse(QByteArrayView input, const HttpLimits &limits, NextPiece nextPiece)
{
    Outcome outcome;
    HttpRequestParser parser(limits);
    // Measured from when the parser holds nothing: at the start and after each takeRequest().
    size_t heapBefore = __sanitizer_get_current_allocated_bytes();
    qsizetype pos = 0;
    while (pos < input.size()) {
        const qsizetype size = std::min<qsizetype>(nextPiece(), input.size() - pos);
        const QByteArrayView piece = input.sliced(pos, size);
        const qsizetype taken = parser.feed(piece);
        check(taken >= 0 && taken <= piece.size(), "feed takes at most what it is given");
        if (taken < piece.size())
            check(parser.hasRequest() || parser.hasFailed(), "feed stops early only when done");
        const qint64 grown = static_cast<qint64>(__sanitizer_get_current_allocated_bytes())
            - static_cast<qint64>(heapBefore);
        check(grown <= heapAllowance(limits), "parser memory within the limits");
        pos += taken;
        if (parser.hasFailed()) {
            check(parser.feed(input.sliced(pos)) == 0, "a failed parser takes nothing");
            const HttpRequestParser::Error &error = parser.error();
            check((error.status == 400 && error.code == ErrorCode::BadRequest)
                      || (error.status == 413 && error.code == ErrorCode::PayloadTooLarge),
                  "refusal is 400 BAD_REQUEST or 413 PAYLOAD_TOO_LARGE");
            check(!error.detail.isEmpty(), "refusal has a detail");
            outcome.errorStatus = error.status;
            outcome.errorCode = error.code;
            outcome.errorDetail = error.detail;
            break;
        }
        if (parser.hasRequest()) {
            check(parser.feed(input.sliced(pos)) == 0, "a complete parser takes nothing");
            const HttpRequest request = parser.takeRequest();
            checkRequest(request, limits);
            outcome.requests.append(flattened(request));
            check(parser.state() == HttpRequestParser::State::Idle, "takeRequest starts over");
            heapBefore = __sanitizer_get_current_allocated_bytes();
        }
    }
    outcome.finalState = parser.state();
    outcome.consumed = pos;
    return outcome;
}

/** A small generator for piece sizes, seeded by the input so that a run is repeatable. */
struct PieceSizes
{
    quint32 state;
    qsizetype operator()()
    {
        state = state * 1664525u + 1013904223u;
        const quint32 r = state >> 16;
        // mostly short pieces, sometimes long ones
        return (r & 3) == 0 ? static_cast<qsizetype>(r % 4096) + 1
                            : static_cast<qsizetype>(r % 16) + 1;
    }
};

quint32 seedOf(QByteArrayView input)
{
    quint32 hash = 2166136261u; // FNV-1a
    for (char c : input)
        hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
    return hash;
}

void parseEveryWay(QByteArrayView input, const HttpLimits &limits)
{
    const Outcome whole = parse(input, limits, [&] { return input.size(); });
    const Outcome bytes = parse(input, limits, [] { return qsizetype(1); });
    const Outcome pieces = parse(input, limits, PieceSizes{seedOf(input)});
    check(whole == bytes, "same outcome fed whole and byte by byte");
    check(whole == pieces, "same outcome fed whole and in pieces");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    const QByteArrayView input(data, static_cast<qsizetype>(size));
    parseEveryWay(input, HttpLimits{});
    HttpLimits small;
    small.maxHeaderBytes = 200;
    small.maxBodyBytes = 100;
    parseEveryWay(input, small);
    return 0;
}
