// SPDX-License-Identifier: MIT
#include "server/http/httprequestparser.h"

#include <QTest>

using namespace roomgate;
using namespace roomgate::server::http;

namespace {

using State = HttpRequestParser::State;

/// Small limits keep the oversize streams short, so that every split of each can be tried.
constexpr qint64 kMaxHeaderBytes = 128;
constexpr qint64 kMaxBodyBytes = 32;

HttpLimits smallLimits()
{
    HttpLimits limits;
    limits.maxHeaderBytes = kMaxHeaderBytes;
    limits.maxBodyBytes = kMaxBodyBytes;
    return limits;
}

QByteArray stateName(State state)
{
    switch (state) {
    case State::Idle:
        return "Idle";
    case State::ReadingHeaders:
        return "ReadingHeaders";
    case State::ReadingBody:
        return "ReadingBody";
    case State::ReadingChunkSize:
        return "ReadingChunkSize";
    case State::ReadingChunkData:
        return "ReadingChunkData";
    case State::ReadingChunkEnd:
        return "ReadingChunkEnd";
    case State::ReadingTrailers:
        return "ReadingTrailers";
    case State::Complete:
        return "Complete";
    case State::Failed:
        return "Failed";
    }
    return "?";
}

/**
 * Everything the parser made of a stream, as text that QCOMPARE shows side by side.
 * A request reads `METHOD PATH[?QUERY] VERSION keep-alive|close {name: value}… body=BODY`.
 */
struct Outcome
{
    QByteArrayList requests;
    QByteArray error; ///< "STATUS CODE detail", empty when none
    qsizetype taken = 0; ///< bytes the parser took in all
    QByteArray state; ///< the parser's state after the last byte
    QList<qsizetype> continueAt; ///< stream offsets where a feed() ended with a 100 due
    QByteArrayList anomalies; ///< broken promises of the feed() contract
};

QByteArray describe(const HttpRequest &request, bool http10, bool keepAlive)
{
    QByteArray out = request.method + ' ' + request.path;
    if (!request.query.isNull())
        out += '?' + request.query;
    out += http10 ? " HTTP/1.0" : " HTTP/1.1";
    out += keepAlive ? " keep-alive" : " close";
    for (const auto &[name, value] : request.headers)
        out += " {" + name + ": " + value + '}';
    return out + " body=" + request.body;
}

/** Feeds @p pieces one after another, as a connection would, and records the outcome. */
Outcome parse(const QList<QByteArrayView> &pieces, HttpLimits limits = smallLimits())
{
    HttpRequestParser parser(limits);
    Outcome outcome;
    qsizetype offset = 0; // of the current piece in the stream
    for (const QByteArrayView piece : pieces) {
        qsizetype pos = 0;
        while (pos < piece.size() && !parser.hasFailed()) {
            const qsizetype taken = parser.feed(piece.sliced(pos));
            if (taken < 0 || taken > piece.size() - pos)
                outcome.anomalies.append("took " + QByteArray::number(taken));
            pos += qBound<qsizetype>(0, taken, piece.size() - pos);
            if (parser.isContinueDue())
                outcome.continueAt.append(offset + pos);
            if (parser.hasRequest()) {
                // The connection reads these before it takes the request.
                const bool http10 = parser.isHttp10();
                const bool keepAlive = parser.keepAlive();
                const HttpRequest request = parser.takeRequest();
                outcome.requests.append(describe(request, http10, keepAlive));
                if (parser.state() != State::Idle)
                    outcome.anomalies.append("not Idle after takeRequest()");
            } else if (!parser.hasFailed() && pos < piece.size()) {
                outcome.anomalies.append("stopped early at " + QByteArray::number(offset + pos));
                break;
            }
        }
        outcome.taken = offset + pos;
        offset += piece.size();
        if (parser.hasFailed())
            break;
    }
    outcome.state = stateName(parser.state());
    if (parser.hasFailed()) {
        const HttpRequestParser::Error &error = parser.error();
        outcome.error = QByteArray::number(error.status) + ' ' + errorInfo(error.code).wireName
            + ' ' + error.detail.toUtf8();
        if (parser.feed("GET / HTTP/1.1\r\n\r\n") != 0)
            outcome.anomalies.append("took input after failing");
    }
    return outcome;
}

QByteArray get(const QByteArray &target, const QByteArray &extra = {})
{
    return "GET " + target + " HTTP/1.1\r\nHost: h\r\n" + extra + "\r\n";
}

QByteArray post(const QByteArray &headers, const QByteArray &body = {})
{
    return "POST /p HTTP/1.1\r\n" + headers + "\r\n" + body;
}

QByteArray chunkedPost(const QByteArray &chunks)
{
    return post("Transfer-Encoding: chunked\r\n", chunks);
}

qsizetype headerEnd(const QByteArray &stream, qsizetype from = 0)
{
    return stream.indexOf("\r\n\r\n", from) + 4;
}

} // namespace

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void whole_data() { streams(); }
    void whole();
    void everyCut_data() { streams(); }
    void everyCut();
    void byteByByte_data() { streams(); }
    void byteByByte();
    void continueDue_data();
    void continueDue();
    void continueAnnouncedOnce();
    void takesNoMoreThanTheLimits();
    void waitsForTakeRequest();
    void partialRequestOnError();
    void resetStartsOver();

private:
    static void streams();
    static void fetchExpected(QByteArray &input, Outcome &expected);
};

/**
 * Streams and what must come out of them, with the small limits. `taken` -1: the whole
 * stream. A row whose error says nothing else ends Failed; others end Idle unless the
 * `state` column says the stream stops mid-request.
 */
void TestHttpRequestParser::streams()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QByteArrayList>("requests");
    QTest::addColumn<QByteArray>("error");
    QTest::addColumn<int>("taken");
    QTest::addColumn<QByteArray>("state");

    const QByteArray failed = "Failed";
    auto ok = [&](const char *name, const QByteArray &stream, const QByteArrayList &requests,
                  const QByteArray &state = "Idle") {
        QTest::newRow(name) << stream << requests << QByteArray() << -1 << state;
    };
    auto bad = [&](const char *name, const QByteArray &stream, const QByteArray &error,
                   qsizetype taken, const QByteArrayList &before = {}) {
        QTest::newRow(name) << stream << before << error << int(taken) << failed;
    };
    const QByteArray requestLine = "400 BAD_REQUEST malformed request line";
    const QByteArray headerLine = "400 BAD_REQUEST malformed header line";
    const QByteArray badLength = "400 BAD_REQUEST invalid Content-Length";
    const QByteArray badCoding = "400 BAD_REQUEST unsupported Transfer-Encoding";
    const QByteArray badChunkSize = "400 BAD_REQUEST malformed chunk size";
    const QByteArray badChunk = "400 BAD_REQUEST malformed chunk";
    const QByteArray headersTooLarge = "413 PAYLOAD_TOO_LARGE request headers too large";
    const QByteArray bodyTooLarge = "413 PAYLOAD_TOO_LARGE request body too large";

    // Requests that parse.
    ok("simple GET", "GET /hello HTTP/1.1\r\nHost: localhost\r\nX-Thing:   spaced value  \r\n\r\n",
       {"GET /hello HTTP/1.1 keep-alive {host: localhost} {x-thing: spaced value} body="});
    ok("LF line ends", "GET / HTTP/1.1\nHost: h\n\n",
       {"GET / HTTP/1.1 keep-alive {host: h} body="});
    ok("empty lines before the request line", "\r\n\nGET / HTTP/1.1\r\n\r\n",
       {"GET / HTTP/1.1 keep-alive body="});
    ok("header names lower-cased, values kept", "GET / HTTP/1.1\r\nX-CASE:\tMiXeD\t\r\nE:\r\n\r\n",
       {"GET / HTTP/1.1 keep-alive {x-case: MiXeD} {e: } body="});
    ok("percent-encoded path and query", get("/rooms/%ED%95%9C/entries?name=a%20b+c&x&%6Bey=v"),
       {"GET /rooms/%ED%95%9C/entries?name=a%20b+c&x&%6Bey=v HTTP/1.1 keep-alive {host: h} "
        "body="});
    ok("empty query", get("/a?"), {"GET /a? HTTP/1.1 keep-alive {host: h} body="});
    ok("absolute-form", get("http://example.com:8080/a/b?q=1"),
       {"GET /a/b?q=1 HTTP/1.1 keep-alive {host: h} body="});
    ok("absolute-form without path", get("https://example.com?q"),
       {"GET /?q HTTP/1.1 keep-alive {host: h} body="});
    ok("asterisk-form", "OPTIONS * HTTP/1.1\r\n\r\n", {"OPTIONS * HTTP/1.1 keep-alive body="});
    ok("later minor version as 1.1", "GET / HTTP/1.9\r\n\r\n", {"GET / HTTP/1.1 keep-alive body="});
    ok("HTTP/1.0 closes", "GET /a HTTP/1.0\r\n\r\n", {"GET /a HTTP/1.0 close body="});
    ok("HTTP/1.0 keep-alive", "GET /a HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n",
       {"GET /a HTTP/1.0 keep-alive {connection: Keep-Alive} body="});
    ok("HTTP/1.1 Connection: close", get("/a", "Connection: foo, close\r\n"),
       {"GET /a HTTP/1.1 close {host: h} {connection: foo, close} body="});
    ok("POST with Content-Length body", post("Content-Length: 5\r\n", "hello"),
       {"POST /p HTTP/1.1 keep-alive {content-length: 5} body=hello"});
    ok("Content-Length 0", post("Content-Length: 0\r\n"),
       {"POST /p HTTP/1.1 keep-alive {content-length: 0} body="});
    ok("equal Content-Lengths, leading zeros",
       post("Content-Length: 005, 5\r\nContent-Length: 5\r\n", "hello"),
       {"POST /p HTTP/1.1 keep-alive {content-length: 005, 5} {content-length: 5} body=hello"});
    ok("body exactly at the cap", post("Content-Length: 32\r\n", QByteArray(32, 'z')),
       {"POST /p HTTP/1.1 keep-alive {content-length: 32} body=" + QByteArray(32, 'z')});
    ok("chunked with extensions and trailers",
       post("Transfer-Encoding: Chunked\r\n",
            "5\r\nhello\r\n1;ext=1\r\n \r\n0005\r\nworld\r\n0\r\nX-Trailer: t\r\n\r\n"),
       {"POST /p HTTP/1.1 keep-alive {transfer-encoding: Chunked} body=hello world"});
    ok("chunked, LF only, upper-case hex", chunkedPost("A\nabcdefghij\n0\n\n"),
       {"POST /p HTTP/1.1 keep-alive {transfer-encoding: chunked} body=abcdefghij"});
    ok("chunked at the cap, many leading zeros",
       chunkedPost("000000000000000000000010\r\n" + QByteArray(16, 'a') + "\r\n10\r\n"
                   + QByteArray(16, 'b') + "\r\n0\r\n\r\n"),
       {"POST /p HTTP/1.1 keep-alive {transfer-encoding: chunked} body=" + QByteArray(16, 'a')
        + QByteArray(16, 'b')});
    ok("chunked, empty", chunkedPost("0\r\n\r\n"),
       {"POST /p HTTP/1.1 keep-alive {transfer-encoding: chunked} body="});
    ok("pipelined pair", get("/one") + post("Content-Length: 3\r\n", "abc"),
       {"GET /one HTTP/1.1 keep-alive {host: h} body=",
        "POST /p HTTP/1.1 keep-alive {content-length: 3} body=abc"});
    ok("pipelined chunked, then HEAD",
       chunkedPost("3\r\nabc\r\n0\r\n\r\n") + "HEAD /h HTTP/1.1\r\n\r\n",
       {"POST /p HTTP/1.1 keep-alive {transfer-encoding: chunked} body=abc",
        "HEAD /h HTTP/1.1 keep-alive body="});
    ok("Expect: 100-continue",
       "PUT /up HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-Continue\r\n\r\nhello",
       {"PUT /up HTTP/1.1 keep-alive {content-length: 5} {expect: 100-Continue} body=hello"});
    ok("stops inside the request line", "GET /slo", {}, "ReadingHeaders");
    ok("stops inside the body", post("Content-Length: 10\r\n", "abc"), {}, "ReadingBody");
    ok("stops after a chunk", chunkedPost("3\r\nabc\r\n"), {}, "ReadingChunkSize");
    ok("stops inside a chunk", chunkedPost("3\r\nab"), {}, "ReadingChunkData");
    ok("stops before the chunk's CRLF", chunkedPost("3\r\nabc"), {}, "ReadingChunkEnd");
    ok("stops inside the trailers", chunkedPost("0\r\nX: y\r\n"), {}, "ReadingTrailers");
    ok("a request, then part of the next", get("/a") + "GET /b HT",
       {"GET /a HTTP/1.1 keep-alive {host: h} body="}, "ReadingHeaders");

    // Malformed request lines: refused once the line is in.
    const std::pair<const char *, QByteArray> requestLines[] = {
        {"request line: garbage", "hello there"},
        {"request line: no version", "GET /"},
        {"request line: double space", "GET  / HTTP/1.1"},
        {"request line: three parts and more", "GET / HTTP/1.1 x"},
        {"request line: leading space", " GET / HTTP/1.1"},
        {"request line: HTTP/2.0", "GET / HTTP/2.0"},
        {"request line: lower-case version", "GET / http/1.1"},
        {"request line: HTTP/1.10", "GET / HTTP/1.10"},
        {"request line: relative target", "GET foo HTTP/1.1"},
        {"request line: control byte in target", "GET /a\x01 HTTP/1.1"},
        {"request line: DEL in target", "GET /a\x7f HTTP/1.1"},
        {"request line: bad method", "G(T / HTTP/1.1"},
        {"request line: absolute-form without authority", "GET http:///a HTTP/1.1"},
        {"request line: other scheme", "GET ftp://h/a HTTP/1.1"},
    };
    for (const auto &[name, line] : requestLines)
        bad(name, line + "\r\nHost: h\r\n\r\n", requestLine, line.size() + 2);
    // Bad header lines.
    const std::pair<const char *, QByteArray> headerLines[] = {
        {"header: no colon", "Host"},
        {"header: space before colon", "Host : h"},
        {"header: empty name", ": v"},
        {"header: obs-fold with spaces", "  folded"},
        {"header: obs-fold with a tab", "\tfolded"},
        {"header: control byte in value", "X-A: a\x01z"},
        {"header: DEL in value", "X-A: a\x7fz"},
        {"header: name not a token", "X(A): b"},
    };
    const QByteArray goodStart = "GET / HTTP/1.1\r\nX-Ok: 1\r\n";
    for (const auto &[name, line] : headerLines)
        bad(name, goodStart + line + "\r\n\r\n", headerLine, goodStart.size() + line.size() + 2);
    bad("bad request after a good one", get("/a") + "BROKEN\r\n\r\n", requestLine,
        get("/a").size() + 8, {"GET /a HTTP/1.1 keep-alive {host: h} body="});

    // Oversize heads: never more than maxHeaderBytes + 1 bytes of them are taken.
    bad("header line too long", "GET / HTTP/1.1\r\nX-Big: " + QByteArray(200, 'y') + "\r\n\r\n",
        headersTooLarge, kMaxHeaderBytes + 1);
    bad("header line too long, no end", "GET / HTTP/1.1\r\nX-Big: " + QByteArray(200, 'y'),
        headersTooLarge, kMaxHeaderBytes + 1);
    bad("too many header lines",
        "GET / HTTP/1.1\r\n" + QByteArray("X-A: aaaaaaaaaa\r\n").repeated(8), headersTooLarge,
        kMaxHeaderBytes + 1);
    bad("request line too long", "GET /" + QByteArray(200, 'a') + " HTTP/1.1\r\n\r\n",
        headersTooLarge, kMaxHeaderBytes + 1);
    bad("too many empty lines", QByteArray("\r\n").repeated(70) + "GET / HTTP/1.1\r\n\r\n",
        headersTooLarge, kMaxHeaderBytes + 1);
    bad("head exactly one byte over", "GET / HTTP/1.1\r\nX: " + QByteArray(106, 'y') + "\r\n\r\n",
        headersTooLarge, kMaxHeaderBytes + 1);
    ok("head exactly at the cap", "GET / HTTP/1.1\r\nX: " + QByteArray(105, 'y') + "\r\n\r\n",
       {"GET / HTTP/1.1 keep-alive {x: " + QByteArray(105, 'y') + "} body="});
    {
        // Trailer lines count against what the head left of maxHeaderBytes.
        const qsizetype headBytes = chunkedPost({}).size();
        const QByteArray beforeTrailers = chunkedPost("3\r\nabc\r\n0\r\n");
        const QByteArray trailer = "X-T: " + QByteArray(100, 't') + "\r\n";
        bad("trailers over the head's budget", beforeTrailers + trailer + "\r\n", headersTooLarge,
            beforeTrailers.size() + (kMaxHeaderBytes - headBytes) + 1);
        // "X-T: " + n + CRLF, then the final CRLF: exactly what is left, then one byte more.
        const qsizetype fits = kMaxHeaderBytes - headBytes - 9;
        ok("trailers up to the head's budget",
           beforeTrailers + "X-T: " + QByteArray(fits, 't') + "\r\n\r\n",
           {"POST /p HTTP/1.1 keep-alive {transfer-encoding: chunked} body=abc"});
        bad("trailers one byte over the head's budget",
            beforeTrailers + "X-T: " + QByteArray(fits + 1, 't') + "\r\n\r\n", headersTooLarge,
            beforeTrailers.size() + (kMaxHeaderBytes - headBytes) + 1);
    }

    // Oversize bodies: refused as soon as the size is known, the body left untaken.
    {
        const QByteArray head = post("Content-Length: 33\r\n");
        bad("declared body one byte over", head + QByteArray(33, 'x'), bodyTooLarge, head.size());
        const QByteArray huge = post("Content-Length: 100000000000000000000000000000\r\n");
        bad("Content-Length with 30 digits", huge, bodyTooLarge, huge.size());
        const QByteArray expect = post("Content-Length: 40\r\nExpect: 100-continue\r\n");
        bad("Expect: 100-continue over the cap", expect, bodyTooLarge, expect.size());
    }
    {
        const QByteArray first = chunkedPost("20\r\n" + QByteArray(32, 'a') + "\r\n1\r\n");
        bad("chunked over the cap", first + "b\r\n0\r\n\r\n", bodyTooLarge, first.size());
        const QByteArray huge = chunkedPost("ffffffffffffffffffffff\r\n");
        bad("huge chunk size", huge + "abc", bodyTooLarge, huge.size());
    }

    // Bad chunks.
    {
        const qsizetype head = chunkedPost({}).size();
        bad("chunk size not hex", chunkedPost("zz\r\n"), badChunkSize, head + 4);
        bad("chunk size empty", chunkedPost("\r\n"), badChunkSize, head + 2);
        bad("chunk size negative", chunkedPost("-5\r\nhello\r\n0\r\n\r\n"), badChunkSize, head + 4);
        bad("chunk size with inner space", chunkedPost("5 5\r\n"), badChunkSize, head + 5);
        bad("chunk size line too long", chunkedPost("5;" + QByteArray(1100, 'x') + "\r\nhello"),
            badChunkSize, head + 1025);
        bad("chunk longer than declared", chunkedPost("2\r\nabc\r\n0\r\n\r\n"), badChunk,
            head + 3 + 2 + 2);
        bad("chunk data followed by CR alone", chunkedPost("3\r\nabc\rX0\r\n\r\n"), badChunk,
            head + 3 + 3 + 2);
    }

    // Framing conflicts.
    bad("Content-Length and Transfer-Encoding",
        post("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"),
        "400 BAD_REQUEST both Content-Length and Transfer-Encoding",
        post("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n").size());
    for (const char *coding : {"gzip, chunked", "chunked, gzip", "chunked, chunked", "identity"}) {
        const QByteArray head = post("Transfer-Encoding: " + QByteArray(coding) + "\r\n");
        bad(qPrintable(QStringLiteral("Transfer-Encoding: %1").arg(QLatin1String(coding))),
            head + "0\r\n\r\n", badCoding, head.size());
    }
    {
        const QByteArray head = "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n";
        bad("Transfer-Encoding in HTTP/1.0", head + "0\r\n\r\n", badCoding, head.size());
    }
    const std::pair<const char *, QByteArray> lengths[] = {
        {"Content-Length: differing lines", "5\r\nContent-Length: 6"},
        {"Content-Length: differing list", "5, 6"},
        {"Content-Length: sign", "+5"},
        {"Content-Length: hex", "0x5"},
        {"Content-Length: empty", ""},
        {"Content-Length: empty list", " , "},
        {"Content-Length: negative", "-1"},
        {"Content-Length: inner space", "5 5"},
    };
    for (const auto &[name, length] : lengths) {
        const QByteArray head = post("Content-Length: " + length + "\r\n");
        bad(name, head + "hello", badLength, head.size());
    }
}

void TestHttpRequestParser::fetchExpected(QByteArray &input, Outcome &expected)
{
    QFETCH(QByteArray, stream);
    input = stream;
    QFETCH(QByteArrayList, requests);
    QFETCH(QByteArray, error);
    QFETCH(int, taken);
    QFETCH(QByteArray, state);
    expected.requests = requests;
    expected.error = error;
    expected.taken = taken < 0 ? stream.size() : taken;
    expected.state = state;
}

void TestHttpRequestParser::whole()
{
    QByteArray stream;
    Outcome expected;
    fetchExpected(stream, expected);
    const Outcome outcome = parse({stream});
    QCOMPARE(outcome.anomalies, QByteArrayList());
    QCOMPARE(outcome.requests, expected.requests);
    QCOMPARE(outcome.error, expected.error);
    QCOMPARE(outcome.taken, expected.taken);
    QCOMPARE(outcome.state, expected.state);
}

void TestHttpRequestParser::everyCut()
{
    QByteArray stream;
    Outcome expected;
    fetchExpected(stream, expected);
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        const QByteArrayView view(stream);
        const Outcome outcome = parse({view.first(cut), view.sliced(cut)});
        const QByteArray where = "cut at " + QByteArray::number(cut) + ": ";
        QVERIFY2(outcome.anomalies.isEmpty(),
                 QByteArray(where + outcome.anomalies.join("; ")).constData());
        QVERIFY2(outcome.requests == expected.requests,
                 QByteArray(where + outcome.requests.join(" | ")).constData());
        QVERIFY2(outcome.error == expected.error, QByteArray(where + outcome.error).constData());
        QVERIFY2(outcome.taken == expected.taken,
                 QByteArray(where + "took " + QByteArray::number(outcome.taken)).constData());
        QVERIFY2(outcome.state == expected.state, QByteArray(where + outcome.state).constData());
    }
}

void TestHttpRequestParser::byteByByte()
{
    QByteArray stream;
    Outcome expected;
    fetchExpected(stream, expected);
    QList<QByteArrayView> bytes;
    for (qsizetype i = 0; i < stream.size(); ++i)
        bytes.append(QByteArrayView(stream).sliced(i, 1));
    const Outcome outcome = parse(bytes);
    QCOMPARE(outcome.anomalies, QByteArrayList());
    QCOMPARE(outcome.requests, expected.requests);
    QCOMPARE(outcome.error, expected.error);
    QCOMPARE(outcome.taken, expected.taken);
    QCOMPARE(outcome.state, expected.state);
}

void TestHttpRequestParser::continueDue_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<qsizetype>("headEnd"); ///< where a 100 may be due; -1: never
    const QByteArray expect = "Expect: 100-continue\r\n";
    const QByteArray withLength = post("Content-Length: 5\r\n" + expect, "hello");
    QTest::newRow("Content-Length body") << withLength << headerEnd(withLength);
    const QByteArray chunked
        = post("Transfer-Encoding: chunked\r\nExpect: 100-CONTINUE\r\n", "5\r\nhello\r\n0\r\n\r\n");
    QTest::newRow("chunked body") << chunked << headerEnd(chunked);
    const QByteArray second = get("/first") + withLength;
    QTest::newRow("second of a pipelined pair")
        << second << headerEnd(second, get("/first").size());
    QTest::newRow("no body") << get("/x", expect) << qsizetype(-1);
    QTest::newRow("Content-Length 0") << post("Content-Length: 0\r\n" + expect) << qsizetype(-1);
    QTest::newRow("HTTP/1.0") << QByteArray("POST / HTTP/1.0\r\nContent-Length: 5\r\n" + expect
                                            + "\r\nhello")
                              << qsizetype(-1);
    QTest::newRow("other expectation")
        << post("Content-Length: 5\r\nExpect: 200-ok\r\n", "hello") << qsizetype(-1);
    QTest::newRow("body over the cap")
        << post("Content-Length: 40\r\n" + expect, QByteArray(40, 'x')) << qsizetype(-1);
}

void TestHttpRequestParser::continueDue()
{
    // A 100 is due only when the feed that ends the head brings no byte of the body.
    QFETCH(QByteArray, stream);
    QFETCH(qsizetype, headEnd);
    const QList<qsizetype> atHeadEnd{headEnd};
    const QByteArrayView view(stream);
    QCOMPARE(parse({view}).continueAt, headEnd == stream.size() ? atHeadEnd : QList<qsizetype>());
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        const QList<qsizetype> due = parse({view.first(cut), view.sliced(cut)}).continueAt;
        QVERIFY2(due == (headEnd >= 0 && cut == headEnd ? atHeadEnd : QList<qsizetype>()),
                 QByteArray("cut at " + QByteArray::number(cut)).constData());
    }
    QList<QByteArrayView> bytes;
    for (qsizetype i = 0; i < stream.size(); ++i)
        bytes.append(view.sliced(i, 1));
    QCOMPARE(parse(bytes).continueAt, headEnd >= 0 ? atHeadEnd : QList<qsizetype>());
}

void TestHttpRequestParser::continueAnnouncedOnce()
{
    const QByteArray head = post("Content-Length: 5\r\nExpect: 100-continue\r\n");
    HttpRequestParser parser(smallLimits());
    QCOMPARE(parser.feed(head), head.size());
    QVERIFY(parser.isContinueDue());
    QCOMPARE(parser.feed("he"), 2);
    QVERIFY(!parser.isContinueDue());
    QCOMPARE(parser.feed("llo"), 3);
    QVERIFY(parser.hasRequest());
    QVERIFY(!parser.isContinueDue());
}

void TestHttpRequestParser::takesNoMoreThanTheLimits()
{
    // With the default limits too: a megabyte offered at once, at most the cap taken.
    const HttpLimits limits;
    const QByteArray line = "GET / HTTP/1.1\r\nX-Big: " + QByteArray(1024 * 1024, 'y');
    HttpRequestParser heads(limits);
    QCOMPARE(heads.feed(line), limits.maxHeaderBytes + 1);
    QVERIFY(heads.hasFailed());
    QCOMPARE(heads.error().status, 413);

    const QByteArray head
        = post("Content-Length: " + QByteArray::number(limits.maxBodyBytes + 1) + "\r\n");
    HttpRequestParser body(limits);
    QCOMPARE(body.feed(QByteArray(head + QByteArray(1024 * 1024, 'x'))), head.size());
    QVERIFY(body.hasFailed());
    QCOMPARE(body.error().status, 413);

    HttpRequestParser chunk(limits);
    const QByteArray chunkLine = chunkedPost("1;" + QByteArray(1024 * 1024, 'e'));
    QCOMPARE(chunk.feed(chunkLine), chunkedPost({}).size() + 1025);
    QVERIFY(chunk.hasFailed());
    QCOMPARE(chunk.error().status, 400);
}

void TestHttpRequestParser::waitsForTakeRequest()
{
    HttpRequestParser parser(smallLimits());
    const QByteArray two = get("/a") + get("/b");
    QCOMPARE(parser.feed(two), get("/a").size());
    QVERIFY(parser.hasRequest());
    QCOMPARE(parser.feed(QByteArrayView(two).sliced(get("/a").size())), 0);
    QCOMPARE(parser.takeRequest().path, QByteArray("/a"));
    QCOMPARE(parser.state(), State::Idle);
    QCOMPARE(parser.feed(QByteArrayView(two).sliced(get("/a").size())), get("/b").size());
    QCOMPARE(parser.takeRequest().path, QByteArray("/b"));
    QCOMPARE(parser.feed({}), 0);
    QCOMPARE(parser.state(), State::Idle);
}

void TestHttpRequestParser::partialRequestOnError()
{
    // What a refusal is about, e.g. for HEAD (the answer then has no body) or for logging.
    HttpRequestParser parser(smallLimits());
    parser.feed("HEAD /big?q HTTP/1.1\r\nContent-Length: 99\r\n\r\n");
    QVERIFY(parser.hasFailed());
    QCOMPARE(parser.error().status, 413);
    QCOMPARE(parser.error().code, ErrorCode::PayloadTooLarge);
    const HttpRequest partial = parser.takeRequest();
    QCOMPARE(partial.method, QByteArray("HEAD"));
    QCOMPARE(partial.path, QByteArray("/big"));
    QCOMPARE(partial.query, QByteArray("q"));
    QCOMPARE(partial.header("content-length"), QByteArray("99"));
    QCOMPARE(parser.state(), State::Idle);
}

void TestHttpRequestParser::resetStartsOver()
{
    HttpRequestParser parser(smallLimits());
    parser.feed(post("Content-Length: 5\r\n", "he"));
    QCOMPARE(parser.state(), State::ReadingBody);
    parser.reset();
    QCOMPARE(parser.state(), State::Idle);
    QCOMPARE(parser.feed(get("/fresh")), get("/fresh").size());
    QVERIFY(parser.hasRequest());
    const HttpRequest request = parser.takeRequest();
    QCOMPARE(request.path, QByteArray("/fresh"));
    QVERIFY(request.body.isEmpty());

    parser.feed("BROKEN\r\n");
    QVERIFY(parser.hasFailed());
    parser.reset();
    QVERIFY(!parser.hasFailed());
    QCOMPARE(parser.error().status, 0);
    QCOMPARE(parser.feed(get("/again")), get("/again").size());
    QVERIFY(parser.hasRequest());
}

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
