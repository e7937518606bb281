// SPDX-License-Identifier: MIT
#include "server/http/httprequestparser.h"

#include "server/http/httpgrammar.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace roomgate::server::http {

using namespace grammar;

namespace {

/// A chunk-size line (size plus extensions) longer than this is refused.
constexpr qint64 kMaxChunkLineBytes = 1024;
/// A Content-Length with more digits than this exceeds any cap (and would overflow qint64).
constexpr qsizetype kMaxLengthDigits = 18;

bool isDigits(QByteArrayView text)
{
    return !text.isEmpty()
        && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/** The line without its LF and an optional CR before it. */
QByteArrayView chomped(QByteArrayView line)
{
    if (line.endsWith('\n'))
        line.chop(1);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

} // namespace

HttpRequestParser::HttpRequestParser(HttpLimits limits) : m_limits(limits) { }

qsizetype HttpRequestParser::feed(QByteArrayView data)
{
    m_continueDue = false;
    qsizetype pos = 0;
    while (pos < data.size() && step(data, pos)) { }
    return pos;
}

HttpRequest HttpRequestParser::takeRequest()
{
    HttpRequest request = std::move(m_request);
    reset();
    return request;
}

void HttpRequestParser::reset()
{
    m_state = State::Idle;
    m_error = Error{};
    m_request = HttpRequest{};
    m_line.clear();
    m_headerBytes = 0;
    m_bodyFilled = 0;
    m_chunkRemaining = 0;
    m_requestLineSeen = false;
    m_http10 = false;
    m_keepAlive = true;
    m_continueDue = false;
}

/** One move of the state machine on the input at @p pos; false when it must stop. */
bool HttpRequestParser::step(QByteArrayView data, qsizetype &pos)
{
    switch (m_state) {
    case State::Idle:
        m_state = State::ReadingHeaders;
        return true;
    case State::ReadingHeaders:
        return readHeaders(data, pos);
    case State::ReadingBody:
    case State::ReadingChunkData:
        return readBody(data, pos);
    case State::ReadingChunkSize:
        return readChunkSize(data, pos);
    case State::ReadingChunkEnd:
        return readChunkEnd(data, pos);
    case State::ReadingTrailers:
        return readTrailers(data, pos);
    case State::Complete:
    case State::Failed:
        return false;
    }
    return false;
}

/**
 * Moves input from @p pos up to and including the next LF into m_line, but lets m_line
 * grow to at most @p maxBytes: the caller refuses a line that reaches a limit it set one
 * byte above what it allows. True when m_line holds a whole line.
 */
bool HttpRequestParser::takeLine(QByteArrayView data, qsizetype &pos, qint64 maxBytes)
{
    QByteArrayView rest = data.sliced(pos);
    const qint64 room = qMax<qint64>(0, maxBytes - m_line.size());
    if (rest.size() > room)
        rest = rest.first(room);
    const qsizetype newline = rest.indexOf('\n');
    const qsizetype taken = newline < 0 ? rest.size() : newline + 1;
    m_line.append(rest.first(taken));
    pos += taken;
    return newline >= 0;
}

bool HttpRequestParser::readHeaders(QByteArrayView data, qsizetype &pos)
{
    // One byte over the budget is enough to know it is exceeded, line finished or not.
    const qint64 budget = m_limits.maxHeaderBytes - m_headerBytes;
    const bool whole = takeLine(data, pos, budget + 1);
    if (m_line.size() > budget)
        return fail(413, ErrorCode::PayloadTooLarge, QStringLiteral("request headers too large"));
    if (!whole)
        return false;
    m_headerBytes += m_line.size();
    const QByteArray line = std::exchange(m_line, QByteArray());
    const QByteArrayView view = chomped(line);
    if (!m_requestLineSeen) {
        if (view.isEmpty())
            return true; // RFC 9112 §2.2: empty lines before a request line are ignored
        if (!parseRequestLine(view))
            return fail(400, ErrorCode::BadRequest, QStringLiteral("malformed request line"));
        m_requestLineSeen = true;
        return true;
    }
    if (view.isEmpty())
        return endHeaders(pos < data.size());
    if (!parseHeaderLine(view))
        return fail(400, ErrorCode::BadRequest, QStringLiteral("malformed header line"));
    return true;
}

bool HttpRequestParser::parseRequestLine(QByteArrayView line)
{
    const qsizetype firstSpace = line.indexOf(' ');
    if (firstSpace <= 0)
        return false;
    const qsizetype secondSpace = line.indexOf(' ', firstSpace + 1);
    if (secondSpace <= firstSpace + 1 || line.indexOf(' ', secondSpace + 1) >= 0)
        return false;
    const QByteArrayView method = line.first(firstSpace);
    QByteArrayView target = line.sliced(firstSpace + 1, secondSpace - firstSpace - 1);
    const QByteArrayView version = line.sliced(secondSpace + 1);

    if (!isToken(method))
        return false;
    // HTTP/1.x only; a later minor version is answered as 1.1 (RFC 9110 §2.5).
    if (version.size() != 8 || !version.startsWith("HTTP/1.") || version[7] < '0'
        || version[7] > '9')
        return false;
    m_http10 = version[7] == '0';

    const bool visible = std::all_of(target.begin(), target.end(), [](char c) {
        return static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f;
    });
    if (!visible)
        return false;
    if (!target.startsWith('/')) {
        if (target == "*") {
            // asterisk-form (OPTIONS *): kept as the path; no route will match it
        } else if (target.startsWith("http://") || target.startsWith("https://")) {
            // absolute-form: keep path and query, drop scheme and authority
            const qsizetype authority = target.indexOf("//") + 2;
            qsizetype pathStart = authority;
            while (pathStart < target.size() && target[pathStart] != '/'
                   && target[pathStart] != '?')
                ++pathStart;
            if (pathStart == authority)
                return false;
            target = target.sliced(pathStart);
        } else {
            return false;
        }
    }
    const qsizetype question = target.indexOf('?');
    QByteArrayView path = question < 0 ? target : target.first(question);
    m_request.method = method.toByteArray();
    m_request.path = path.isEmpty() ? QByteArrayLiteral("/") : path.toByteArray();
    m_request.query = question < 0 ? QByteArray() : target.sliced(question + 1).toByteArray();
    return true;
}

bool HttpRequestParser::parseHeaderLine(QByteArrayView line)
{
    // A leading space or tab is obsolete line folding, refused (RFC 9112 §5.2).
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return false;
    const QByteArrayView name = line.first(colon);
    if (!isToken(name)) // also refuses white space between name and colon (§5.1)
        return false;
    const QByteArrayView value = line.sliced(colon + 1).trimmed();
    const bool clean = std::all_of(value.begin(), value.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte == '\t' || (byte >= 0x20 && byte != 0x7f);
    });
    if (!clean)
        return false;
    m_request.headers.emplaceBack(name.toByteArray().toLower(), value.toByteArray());
    return true;
}

/**
 * The empty line after the headers: decides how the body is framed, or refuses the
 * request. @p inputFollows: bytes after the headers came with the same feed().
 */
bool HttpRequestParser::endHeaders(bool inputFollows)
{
    bool connectionClose = false;
    bool connectionKeepAlive = false;
    bool hasTransferEncoding = false;
    bool chunked = false;
    bool otherCoding = false;
    bool hasContentLength = false;
    bool badContentLength = false;
    QByteArrayView contentLength;
    QByteArrayView expect;

    for (const auto &[name, value] : std::as_const(m_request.headers)) {
        if (name == "connection") {
            forEachListElement(value, [&](QByteArrayView token) {
                if (equalsIgnoringCase(token, "close"))
                    connectionClose = true;
                else if (equalsIgnoringCase(token, "keep-alive"))
                    connectionKeepAlive = true;
            });
        } else if (name == "transfer-encoding") {
            hasTransferEncoding = true;
            forEachListElement(value, [&](QByteArrayView coding) {
                // chunked must be the only coding: we decode no others
                if (equalsIgnoringCase(coding, "chunked") && !chunked && !otherCoding)
                    chunked = true;
                else
                    otherCoding = true;
            });
        } else if (name == "content-length") {
            // Repeated values (header lines or a list) must agree (RFC 9110 §8.6).
            bool empty = true;
            forEachListElement(value, [&](QByteArrayView length) {
                empty = false;
                if (!isDigits(length)) {
                    badContentLength = true;
                    return;
                }
                while (length.size() > 1 && length.startsWith('0'))
                    length = length.sliced(1);
                if (hasContentLength && length != contentLength)
                    badContentLength = true;
                hasContentLength = true;
                contentLength = length;
            });
            if (empty)
                badContentLength = true;
        } else if (name == "expect") {
            expect = value;
        }
    }

    m_keepAlive = m_http10 ? connectionKeepAlive && !connectionClose : !connectionClose;

    if (hasTransferEncoding && hasContentLength)
        return fail(400, ErrorCode::BadRequest,
                    QStringLiteral("both Content-Length and Transfer-Encoding"));
    if (hasTransferEncoding && (m_http10 || otherCoding || !chunked))
        return fail(400, ErrorCode::BadRequest, QStringLiteral("unsupported Transfer-Encoding"));
    if (badContentLength)
        return fail(400, ErrorCode::BadRequest, QStringLiteral("invalid Content-Length"));
    qint64 length = 0;
    if (hasContentLength) {
        const bool tooLong = contentLength.size() > kMaxLengthDigits;
        if (!tooLong)
            length = contentLength.toLongLong();
        if (tooLong || length > m_limits.maxBodyBytes)
            return fail(413, ErrorCode::PayloadTooLarge, QStringLiteral("request body too large"));
    }

    if (!chunked && length == 0) {
        m_state = State::Complete;
        return false;
    }
    // The client waits for the 100 before it sends the body, unless it has already begun.
    const bool expectContinue
        = !m_http10 && !expect.isEmpty() && equalsIgnoringCase(expect, "100-continue");
    m_continueDue = expectContinue && !inputFollows;
    if (chunked) {
        m_state = State::ReadingChunkSize;
        return true;
    }
    m_request.body.resize(length);
    m_bodyFilled = 0;
    m_chunkRemaining = length;
    m_state = State::ReadingBody;
    return true;
}

bool HttpRequestParser::readBody(QByteArrayView data, qsizetype &pos)
{
    // Both a Content-Length body and one chunk: m_chunkRemaining bytes go to
    // m_request.body at m_bodyFilled.
    const qint64 taken = qMin<qint64>(m_chunkRemaining, data.size() - pos);
    std::memcpy(m_request.body.data() + m_bodyFilled, data.data() + pos,
                static_cast<size_t>(taken));
    pos += taken;
    m_bodyFilled += taken;
    m_chunkRemaining -= taken;
    if (m_chunkRemaining > 0)
        return false;
    if (m_state == State::ReadingChunkData) {
        m_state = State::ReadingChunkEnd;
        return true;
    }
    m_state = State::Complete;
    return false;
}

bool HttpRequestParser::readChunkSize(QByteArrayView data, qsizetype &pos)
{
    const bool whole = takeLine(data, pos, kMaxChunkLineBytes + 1);
    if (m_line.size() > kMaxChunkLineBytes)
        return fail(400, ErrorCode::BadRequest, QStringLiteral("malformed chunk size"));
    if (!whole)
        return false;
    const QByteArray line = std::exchange(m_line, QByteArray());
    QByteArrayView size = chomped(line);
    const qsizetype semicolon = size.indexOf(';');
    if (semicolon >= 0)
        size = size.first(semicolon); // chunk extensions are ignored
    size = size.trimmed();
    const bool hex = !size.isEmpty() && std::all_of(size.begin(), size.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
    if (!hex)
        return fail(400, ErrorCode::BadRequest, QStringLiteral("malformed chunk size"));
    while (size.size() > 1 && size.startsWith('0'))
        size = size.sliced(1);
    const qint64 chunkSize = size.size() > 15 ? -1 : size.toLongLong(nullptr, 16);
    if (chunkSize == 0) {
        m_state = State::ReadingTrailers;
        return true;
    }
    if (chunkSize < 0 || m_bodyFilled + chunkSize > m_limits.maxBodyBytes)
        return fail(413, ErrorCode::PayloadTooLarge, QStringLiteral("request body too large"));
    m_request.body.resize(m_bodyFilled + chunkSize);
    m_chunkRemaining = chunkSize;
    m_state = State::ReadingChunkData;
    return true;
}

bool HttpRequestParser::readChunkEnd(QByteArrayView data, qsizetype &pos)
{
    // Only CRLF or LF may follow the data: two bytes without an LF are wrong already.
    const bool whole = takeLine(data, pos, 2);
    if (whole ? m_line != "\r\n" && m_line != "\n" : m_line.size() >= 2)
        return fail(400, ErrorCode::BadRequest, QStringLiteral("malformed chunk"));
    if (!whole)
        return false;
    m_line.clear();
    m_state = State::ReadingChunkSize;
    return true;
}

bool HttpRequestParser::readTrailers(QByteArrayView data, qsizetype &pos)
{
    // Trailer lines count against the same budget as the header lines.
    const qint64 budget = m_limits.maxHeaderBytes - m_headerBytes;
    const bool whole = takeLine(data, pos, budget + 1);
    if (m_line.size() > budget)
        return fail(413, ErrorCode::PayloadTooLarge, QStringLiteral("request headers too large"));
    if (!whole)
        return false;
    m_headerBytes += m_line.size();
    const bool last = chomped(m_line).isEmpty();
    m_line.clear(); // trailer fields are read and dropped: nothing here uses them
    if (!last)
        return true;
    m_state = State::Complete;
    return false;
}

/** Ends parsing with @p status; returns false so that step() stops. */
bool HttpRequestParser::fail(int status, ErrorCode code, const QString &detail)
{
    m_state = State::Failed;
    m_error = Error{status, code, detail};
    m_line.clear();
    return false;
}

} // namespace roomgate::server::http
