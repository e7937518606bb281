// SPDX-License-Identifier: MIT
#pragma once

#include "server/http/httplimits.h"
#include "server/http/httprequest.h"
#include "shared/errorcode.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace roomgate::server::http {

/**
 * Incremental HTTP/1.1 request parser, free of sockets and timers: fed bytes in pieces of
 * any size, it yields one complete HttpRequest (request line, header fields, a
 * Content-Length or chunked body; trailer fields are read and dropped) or one Error that
 * says how to answer. It decides an Error as soon as the input shows it, e.g. a 413 for a
 * declared body over HttpLimits::maxBodyBytes right after the headers.
 *
 * It never consumes past the end of the request it reads, so bytes of pipelined requests
 * stay with the caller until takeRequest(); and it holds at most the current line (within
 * HttpLimits::maxHeaderBytes) and the body (within maxBodyBytes).
 *
 * A plain value with no shared state; HttpConnection owns one per socket and uses it on
 * the connection's thread.
 */
class HttpRequestParser
{
public:
    enum class State {
        Idle, ///< no byte of a request fed yet
        ReadingHeaders, ///< request line and header lines (empty lines before it skipped)
        ReadingBody, ///< Content-Length body
        ReadingChunkSize, ///< chunked: size line
        ReadingChunkData, ///< chunked: data of one chunk
        ReadingChunkEnd, ///< chunked: CRLF after the data
        ReadingTrailers, ///< chunked: trailer section (dropped)
        Complete, ///< a whole request is in: takeRequest()
        Failed, ///< the input is refused: error(); feed() takes nothing more
    };

    /** Why a request is refused: the status to answer with, and its problem's code and detail. */
    struct Error
    {
        int status = 0; ///< 400, or 413 for a head or body over the limits
        roomgate::ErrorCode code = roomgate::ErrorCode::BadRequest;
        QString detail; ///< e.g. "malformed request line", "request body too large"
    };

    explicit HttpRequestParser(HttpLimits limits = {});

    /**
     * Parses from the start of @p data up to the end of one request, or up to the byte that
     * makes it fail, and returns how many bytes it took; the rest belongs to the next
     * request: feed it again after takeRequest(). Takes nothing when Complete or Failed.
     */
    qsizetype feed(QByteArrayView data);

    State state() const { return m_state; }
    bool hasRequest() const { return m_state == State::Complete; }
    bool hasFailed() const { return m_state == State::Failed; }
    /** Valid when hasFailed(). */
    const Error &error() const { return m_error; }

    /**
     * True after the feed() that ended the headers of a request that expects
     * `100-continue`, when a body must follow and none of it came with that feed (a client
     * that has begun sending it needs no invitation). Reset by the next feed().
     */
    bool isContinueDue() const { return m_continueDue; }
    /** Whether the request whose headers are in was HTTP/1.0. Read before takeRequest(). */
    bool isHttp10() const { return m_http10; }
    /**
     * Whether the client lets the connection stay open after the answer (`Connection`
     * header, HTTP/1.0 or 1.1 default), once the headers are in. Read before takeRequest().
     */
    bool keepAlive() const { return m_keepAlive; }

    /**
     * Moves out the request, complete when hasRequest(), otherwise as far as it is parsed
     * (what a 400, 408 or 413 answers), and starts over at Idle.
     */
    HttpRequest takeRequest();
    /** Drops any request in progress, and the error, and starts over at Idle. */
    void reset();

private:
    bool step(QByteArrayView data, qsizetype &pos);
    bool takeLine(QByteArrayView data, qsizetype &pos, qint64 maxBytes);
    bool readHeaders(QByteArrayView data, qsizetype &pos);
    bool parseRequestLine(QByteArrayView line);
    bool parseHeaderLine(QByteArrayView line);
    bool endHeaders(bool inputFollows);
    bool readBody(QByteArrayView data, qsizetype &pos);
    bool readChunkSize(QByteArrayView data, qsizetype &pos);
    bool readChunkEnd(QByteArrayView data, qsizetype &pos);
    bool readTrailers(QByteArrayView data, qsizetype &pos);
    bool fail(int status, roomgate::ErrorCode code, const QString &detail);

    HttpLimits m_limits;
    State m_state = State::Idle;
    Error m_error;
    HttpRequest m_request;
    QByteArray m_line; ///< the line being read, while it arrives in pieces
    qint64 m_headerBytes = 0; ///< request line, header and trailer lines so far
    qint64 m_bodyFilled = 0; ///< bytes of m_request.body received
    qint64 m_chunkRemaining = 0; ///< bytes still to come of the body or the current chunk
    bool m_requestLineSeen = false;
    bool m_http10 = false;
    bool m_keepAlive = true;
    bool m_continueDue = false;
};

} // namespace roomgate::server::http
