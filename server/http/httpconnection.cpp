// SPDX-License-Identifier: MIT
#include "server/http/httpconnection.h"

#include "server/http/httplogging.h"
#include "server/http/httpresponder.h"
#include "server/http/httpserver.h"

#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace roomgate::server::http {

namespace {

/// A chunk-size line (size plus extensions) longer than this is refused.
constexpr qint64 kMaxChunkLineBytes = 1024;
/// Parsing of the next request pauses while more than this waits to be sent: a client
/// that pipelines but never reads cannot make the write buffer grow without bound.
constexpr qint64 kMaxPendingWriteBytes = 256 * 1024;
/// A Content-Length with more digits than this exceeds any cap (and would overflow qint64).
constexpr qsizetype kMaxLengthDigits = 18;

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

bool isDigits(QByteArrayView text)
{
    return !text.isEmpty()
        && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/** The line without its LF and an optional CR before it. */
QByteArrayView chomped(const QByteArray &line)
{
    QByteArrayView view(line);
    if (view.endsWith('\n'))
        view.chop(1);
    if (view.endsWith('\r'))
        view.chop(1);
    return view;
}

/** Calls @p visit with each trimmed, non-empty element of a comma-separated list. */
template<typename Visit> void forEachListElement(QByteArrayView list, Visit visit)
{
    qsizetype start = 0;
    while (start <= list.size()) {
        qsizetype end = list.indexOf(',', start);
        if (end < 0)
            end = list.size();
        const QByteArrayView element = list.sliced(start, end - start).trimmed();
        if (!element.isEmpty())
            visit(element);
        start = end + 1;
    }
}

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

/** Bytes a header name or value may never carry into a response. */
bool isUnsafeForHeader(QByteArrayView text)
{
    return text.contains('\r') || text.contains('\n') || text.contains('\0');
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, HttpServer *server)
    : QObject(server),
      m_server(server),
      m_socket(socket),
      m_timer(new QTimer(this)),
      m_limits(server->limits()),
      m_peerAddress(socket->peerAddress()),
      m_peerPort(socket->peerPort())
{
    m_socket->setParent(this);
    // Qt stops reading from the kernel when its buffer is full: together with parsing
    // pausing while a request is unanswered, this bounds what one client makes us hold.
    m_socket->setReadBufferSize(qMax<qint64>(m_limits.maxHeaderBytes + 1, 4096));
    m_timer->setSingleShot(true);

    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::processInput);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::finish);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &HttpConnection::onSocketError);
    connect(m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);

    setState(State::Idle);
}

HttpConnection::~HttpConnection()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

void HttpConnection::closeGracefully()
{
    m_closeRequested = true;
    m_keepAlive = false;
    switch (m_state) {
    case State::Idle:
        closeNow();
        break;
    case State::AwaitingResponse:
        // The handler gets a bounded time to answer; the answer then closes.
        m_timer->start(m_limits.requestTimeoutMs);
        break;
    default:
        // Reading: the request timer bounds it, and its answer closes.
        break;
    }
}

bool HttpConnection::isAwaitingResponse(quint64 sequence) const
{
    return m_state == State::AwaitingResponse && sequence == m_sequence
        && m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpConnection::setState(State state)
{
    m_state = state;
    switch (state) {
    case State::Idle:
        m_request = HttpRequest{};
        m_request.peerAddress = m_peerAddress;
        m_request.peerPort = m_peerPort;
        m_headerBytes = 0;
        m_bodyFilled = 0;
        m_chunkRemaining = 0;
        m_requestLineSeen = false;
        m_http10 = false;
        m_expectContinue = false;
        m_timer->start(m_limits.keepAliveTimeoutMs);
        break;
    case State::ReadingHeaders:
        m_timer->start(m_limits.requestTimeoutMs);
        break;
    case State::ReadingBody:
    case State::ReadingChunkSize:
    case State::ReadingChunkData:
    case State::ReadingChunkEnd:
    case State::ReadingTrailers:
        break; // still within the request's time
    case State::AwaitingResponse:
    case State::Finished:
        m_timer->stop();
        break;
    case State::Lingering:
        m_timer->start(m_limits.lingerTimeoutMs);
        break;
    }
}

void HttpConnection::processInput()
{
    if (m_processing)
        return; // the loop below picks the new input up
    m_processing = true;
    bool resume = true;
    while (resume) {
        while (step()) { }
        // Write the answers now instead of one event-loop turn later (saves a poll round
        // per request). Draining the write buffer may lift the pause for pipelined input.
        resume = m_socket->bytesToWrite() > 0 && m_socket->flush() && m_state == State::Idle
            && m_socket->bytesAvailable() > 0;
    }
    m_processing = false;
}

bool HttpConnection::step()
{
    switch (m_state) {
    case State::Idle:
        if (m_socket->bytesAvailable() <= 0 || m_socket->bytesToWrite() > kMaxPendingWriteBytes)
            return false;
        setState(State::ReadingHeaders);
        return true;
    case State::ReadingHeaders:
        return readHeaders();
    case State::ReadingBody:
    case State::ReadingChunkData:
        return readBody();
    case State::ReadingChunkSize:
        return readChunkSize();
    case State::ReadingChunkEnd:
        return readChunkEnd();
    case State::ReadingTrailers:
        return readTrailers();
    case State::Lingering:
        discardInput();
        return false;
    case State::AwaitingResponse:
    case State::Finished:
        return false;
    }
    return false;
}

bool HttpConnection::readHeaders()
{
    while (m_socket->canReadLine()) {
        const QByteArray line = m_socket->readLine();
        m_headerBytes += line.size();
        if (m_headerBytes > m_limits.maxHeaderBytes) {
            reject(413, ErrorCode::PayloadTooLarge, QStringLiteral("request headers too large"));
            return false;
        }
        const QByteArrayView view = chomped(line);
        if (!m_requestLineSeen) {
            if (view.isEmpty())
                continue; // RFC 9112 §2.2: empty lines before a request line are ignored
            if (!parseRequestLine(view)) {
                reject(400, ErrorCode::BadRequest, QStringLiteral("malformed request line"));
                return false;
            }
            m_requestLineSeen = true;
            continue;
        }
        if (view.isEmpty())
            return startBody();
        if (!parseHeaderLine(view)) {
            reject(400, ErrorCode::BadRequest, QStringLiteral("malformed header line"));
            return false;
        }
    }
    if (m_headerBytes + m_socket->bytesAvailable() > m_limits.maxHeaderBytes)
        reject(413, ErrorCode::PayloadTooLarge, QStringLiteral("request headers too large"));
    return false;
}

bool HttpConnection::parseRequestLine(QByteArrayView line)
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

bool HttpConnection::parseHeaderLine(QByteArrayView line)
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

bool HttpConnection::startBody()
{
    bool connectionClose = false;
    bool connectionKeepAlive = false;
    bool hasTransferEncoding = false;
    bool chunked = false;
    bool otherCoding = false;
    bool hasContentLength = false;
    bool badContentLength = false;
    bool tooLong = false;
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

    m_keepAlive = !m_closeRequested
        && (m_http10 ? connectionKeepAlive && !connectionClose : !connectionClose);

    if (hasTransferEncoding && hasContentLength) {
        reject(400, ErrorCode::BadRequest,
               QStringLiteral("both Content-Length and Transfer-Encoding"));
        return false;
    }
    if (hasTransferEncoding && (m_http10 || otherCoding || !chunked)) {
        reject(400, ErrorCode::BadRequest, QStringLiteral("unsupported Transfer-Encoding"));
        return false;
    }
    if (badContentLength) {
        reject(400, ErrorCode::BadRequest, QStringLiteral("invalid Content-Length"));
        return false;
    }
    qint64 length = 0;
    if (hasContentLength) {
        tooLong = contentLength.size() > kMaxLengthDigits;
        if (!tooLong)
            length = contentLength.toLongLong();
        if (tooLong || length > m_limits.maxBodyBytes) {
            reject(413, ErrorCode::PayloadTooLarge, QStringLiteral("request body too large"));
            return false;
        }
    }
    m_expectContinue = !m_http10 && !expect.isEmpty() && equalsIgnoringCase(expect, "100-continue");

    if (!chunked && length == 0) {
        dispatchRequest();
        return true;
    }
    // The client waits for this before sending the body, unless it has already begun.
    if (m_expectContinue && m_socket->bytesAvailable() == 0)
        m_socket->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
    if (chunked) {
        setState(State::ReadingChunkSize);
        return true;
    }
    m_request.body.resize(length);
    m_bodyFilled = 0;
    m_chunkRemaining = length;
    setState(State::ReadingBody);
    return true;
}

bool HttpConnection::readBody()
{
    // Both a Content-Length body and one chunk: m_chunkRemaining bytes go to
    // m_request.body at m_bodyFilled, straight from the socket buffer.
    const qint64 read = m_socket->read(m_request.body.data() + m_bodyFilled, m_chunkRemaining);
    if (read <= 0)
        return false;
    m_bodyFilled += read;
    m_chunkRemaining -= read;
    if (m_chunkRemaining > 0)
        return true;
    if (m_state == State::ReadingChunkData)
        setState(State::ReadingChunkEnd);
    else
        dispatchRequest();
    return true;
}

bool HttpConnection::readChunkSize()
{
    if (!m_socket->canReadLine()) {
        if (m_socket->bytesAvailable() > kMaxChunkLineBytes)
            reject(400, ErrorCode::BadRequest, QStringLiteral("malformed chunk size"));
        return false;
    }
    const QByteArray line = m_socket->readLine();
    QByteArrayView size = chomped(line);
    const qsizetype semicolon = size.indexOf(';');
    if (semicolon >= 0)
        size = size.first(semicolon);
    size = size.trimmed();
    const bool hex = !size.isEmpty() && std::all_of(size.begin(), size.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
    if (line.size() > kMaxChunkLineBytes || !hex) {
        reject(400, ErrorCode::BadRequest, QStringLiteral("malformed chunk size"));
        return false;
    }
    while (size.size() > 1 && size.startsWith('0'))
        size = size.sliced(1);
    const qint64 chunkSize = size.size() > 15 ? -1 : size.toLongLong(nullptr, 16);
    if (chunkSize == 0) {
        setState(State::ReadingTrailers);
        return true;
    }
    if (chunkSize < 0 || m_bodyFilled + chunkSize > m_limits.maxBodyBytes) {
        reject(413, ErrorCode::PayloadTooLarge, QStringLiteral("request body too large"));
        return false;
    }
    m_request.body.resize(m_bodyFilled + chunkSize);
    m_chunkRemaining = chunkSize;
    setState(State::ReadingChunkData);
    return true;
}

bool HttpConnection::readChunkEnd()
{
    if (!m_socket->canReadLine()) {
        if (m_socket->bytesAvailable() >= 2)
            reject(400, ErrorCode::BadRequest, QStringLiteral("malformed chunk"));
        return false;
    }
    const QByteArray line = m_socket->readLine();
    if (line != "\r\n" && line != "\n") {
        reject(400, ErrorCode::BadRequest, QStringLiteral("malformed chunk"));
        return false;
    }
    setState(State::ReadingChunkSize);
    return true;
}

bool HttpConnection::readTrailers()
{
    while (m_socket->canReadLine()) {
        const QByteArray line = m_socket->readLine();
        m_headerBytes += line.size();
        if (m_headerBytes > m_limits.maxHeaderBytes) {
            reject(413, ErrorCode::PayloadTooLarge, QStringLiteral("request headers too large"));
            return false;
        }
        if (chomped(line).isEmpty()) {
            dispatchRequest();
            return true;
        }
        // trailer fields are read and dropped: nothing here uses them
    }
    if (m_headerBytes + m_socket->bytesAvailable() > m_limits.maxHeaderBytes)
        reject(413, ErrorCode::PayloadTooLarge, QStringLiteral("request headers too large"));
    return false;
}

void HttpConnection::dispatchRequest()
{
    m_current = std::move(m_request);
    m_request = HttpRequest{};
    setState(State::AwaitingResponse);
    ++m_sequence;
    const HttpResponder responder(this, m_sequence);
    m_inHandler = true;
    m_server->dispatch(m_current, responder);
    m_inHandler = false;
    if (m_state != State::AwaitingResponse)
        m_current = HttpRequest{}; // answered already: free the body now
}

void HttpConnection::respond(quint64 sequence, HttpResponse response)
{
    if (m_state != State::AwaitingResponse || sequence != m_sequence) {
        qCDebug(lcHttp) << "dropping a late or second answer for" << m_current.path;
        return;
    }
    const bool close = writeResponse(m_current, std::move(response), !m_keepAlive);
    if (!m_inHandler)
        m_current = HttpRequest{};
    if (close) {
        beginLingeringClose();
        return;
    }
    setState(State::Idle);
    // Pipelined requests may already wait in the buffer: no readyRead will announce them.
    processInput();
}

void HttpConnection::reject(int status, ErrorCode code, const QString &detail)
{
    qCDebug(lcHttp) << "refusing request from" << m_peerAddress << status << detail;
    roomgate::Problem problem{code, detail};
    problem.statusOverride = status;
    HttpResponse response = HttpResponse::problem(problem);
    m_keepAlive = false;
    writeResponse(m_request, std::move(response), true);
    beginLingeringClose();
}

bool HttpConnection::writeResponse(const HttpRequest &request, HttpResponse response, bool close)
{
    m_server->finalizeResponse(request, response);

    const int status = response.status;
    const bool isHead = request.method == "HEAD";
    // RFC 9110 §8.6: no Content-Length on 1xx and 204; 304 would have to repeat the
    // representation's length, which we do not know.
    const bool bodyless = status < 200 || status == 204 || status == 304;

    QByteArray out;
    out.reserve(256 + (isHead || bodyless ? 0 : response.body.size()));
    out.append("HTTP/1.1 ");
    out.append(QByteArray::number(status));
    out.append(' ');
    out.append(HttpResponse::reasonPhrase(status));
    out.append("\r\n");
    for (const auto &[name, value] : std::as_const(response.headers)) {
        if (equalsIgnoringCase(name, "content-length")
            || equalsIgnoringCase(name, "transfer-encoding"))
            continue;
        if (equalsIgnoringCase(name, "connection")) {
            forEachListElement(value, [&close](QByteArrayView token) {
                if (equalsIgnoringCase(token, "close"))
                    close = true;
            });
            continue;
        }
        if (!isToken(name) || isUnsafeForHeader(value)) {
            qCWarning(lcHttp) << "dropping unsafe response header" << name;
            continue;
        }
        out.append(name);
        out.append(": ");
        out.append(value);
        out.append("\r\n");
    }
    if (!bodyless) {
        out.append("Content-Length: ");
        out.append(QByteArray::number(response.body.size()));
        out.append("\r\n");
    }
    if (close)
        out.append("Connection: close\r\n");
    else if (m_http10)
        out.append("Connection: keep-alive\r\n");
    out.append("\r\n");
    if (!isHead && !bodyless)
        out.append(response.body);
    m_socket->write(out);
    return close;
}

void HttpConnection::beginLingeringClose()
{
    // Closing with unread input makes the kernel send a reset, which can destroy the
    // answer before the client reads it. So: send the answer, shut down our write side,
    // and drain the client's input (bounded) until it closes.
    setState(State::Lingering);
    m_lingerDiscarded = 0;
    if (m_socket->bytesToWrite() == 0)
        shutdownWrite();
    else
        m_writeShutdownPending = true;
    discardInput();
}

void HttpConnection::shutdownWrite()
{
    m_writeShutdownPending = false;
#ifdef Q_OS_UNIX
    const qintptr descriptor = m_socket->socketDescriptor();
    if (descriptor >= 0 && ::shutdown(static_cast<int>(descriptor), SHUT_WR) == 0)
        return;
#endif
    m_socket->disconnectFromHost();
}

void HttpConnection::discardInput()
{
    const qint64 available = m_socket->bytesAvailable();
    if (available > 0)
        m_lingerDiscarded += m_socket->skip(available);
    if (m_lingerDiscarded > m_limits.lingerMaxBytes) {
        m_socket->abort();
        finish();
    }
}

void HttpConnection::closeNow()
{
    // A client that does not read its answers gets no graceful flush.
    if (m_socket->bytesToWrite() > 0)
        m_socket->abort();
    else
        m_socket->disconnectFromHost();
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        finish();
}

void HttpConnection::onBytesWritten()
{
    if (m_writeShutdownPending && m_socket->bytesToWrite() == 0)
        shutdownWrite();
    if (m_state == State::Idle)
        processInput(); // parsing may have paused for the write buffer
}

void HttpConnection::onTimeout()
{
    switch (m_state) {
    case State::Idle:
        qCDebug(lcHttp) << "closing idle connection from" << m_peerAddress;
        closeNow();
        break;
    case State::ReadingHeaders:
    case State::ReadingBody:
    case State::ReadingChunkSize:
    case State::ReadingChunkData:
    case State::ReadingChunkEnd:
    case State::ReadingTrailers:
        reject(408, ErrorCode::BadRequest, QStringLiteral("request timed out"));
        break;
    case State::AwaitingResponse: // closing, and the handler did not answer in time
    case State::Lingering:
        m_socket->abort();
        finish();
        break;
    case State::Finished:
        break;
    }
}

void HttpConnection::onSocketError()
{
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        finish();
}

void HttpConnection::finish()
{
    if (m_state == State::Finished)
        return;
    setState(State::Finished);
    m_request = HttpRequest{};
    if (!m_inHandler)
        m_current = HttpRequest{};
    Q_EMIT finished();
}

} // namespace roomgate::server::http
