// SPDX-License-Identifier: MIT
#include "server/http/httpconnection.h"

#include "server/http/httplogging.h"
#include "server/http/httpresponder.h"
#include "server/http/httpworker.h"
#include "shared/clock.h"

#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace roomgate::server::http {

namespace {

/// Parsing of the next request pauses while more than this waits to be sent: a client
/// that pipelines but never reads cannot make the write buffer grow without bound.
constexpr qint64 kMaxPendingWriteBytes = 256LL * 1024;

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, HttpWorker *worker)
    : QObject(worker),
      m_worker(worker),
      m_socket(socket),
      m_limits(worker->limits()),
      m_peerAddress(socket->peerAddress()),
      m_peerPort(socket->peerPort()),
      m_parser(m_limits)
{
    m_socket->setParent(this);
    // Qt stops reading from the kernel when its buffer is full: together with parsing
    // pausing while a request is unanswered, this bounds what one client makes us hold.
    m_socket->setReadBufferSize(qMax<qint64>(m_limits.maxHeaderBytes + 1, 4096));

    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::processInput);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::finish);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &HttpConnection::onSocketError);

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
        setDeadline(m_limits.requestTimeoutMs);
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
        setDeadline(m_limits.keepAliveTimeoutMs);
        break;
    case State::Reading:
        setDeadline(m_limits.requestTimeoutMs);
        break;
    case State::AwaitingResponse:
    case State::Finished:
        setDeadline(0);
        break;
    case State::Lingering:
        setDeadline(m_limits.lingerTimeoutMs);
        break;
    }
}

void HttpConnection::setDeadline(int ms)
{
    m_deadlineMs = ms > 0 ? Clock::system().monotonicMs() + ms : 0;
}

void HttpConnection::checkDeadline(qint64 nowMs)
{
    if (!isPastDeadline(nowMs))
        return;
    m_deadlineMs = 0;
    onTimeout();
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
            && hasInput();
    }
    m_processing = false;
}

bool HttpConnection::step()
{
    switch (m_state) {
    case State::Idle:
        if (!hasInput() || m_socket->bytesToWrite() > kMaxPendingWriteBytes)
            return false;
        setState(State::Reading);
        return true;
    case State::Reading:
        return readRequest();
    case State::Lingering:
        discardInput();
        return false;
    case State::AwaitingResponse:
    case State::Finished:
        return false;
    }
    return false;
}

bool HttpConnection::hasInput() const
{
    return m_inputPos < m_input.size() || m_socket->bytesAvailable() > 0;
}

bool HttpConnection::readRequest()
{
    if (m_inputPos == m_input.size()) {
        m_input = m_socket->read(m_socket->bytesAvailable());
        m_inputPos = 0;
        if (m_input.isEmpty())
            return false;
    }
    // The parser stops at the end of the request: what follows stays for the next one.
    m_inputPos += m_parser.feed(QByteArrayView(m_input).sliced(m_inputPos));
    if (m_inputPos == m_input.size()) {
        m_input.clear();
        m_inputPos = 0;
    }
    // The client waits for this before sending the body, unless it has already begun.
    if (m_parser.isContinueDue() && m_socket->bytesAvailable() == 0) {
        HttpResponse interim;
        interim.status = 100;
        m_socket->write(interim.serialize({}, HttpResponse::ConnectionHeader::Omitted));
    }
    if (m_parser.hasFailed()) {
        const HttpRequestParser::Error error = m_parser.error();
        reject(error.status, error.code, error.detail);
        return false;
    }
    // All taken, request incomplete: the rest may wait in the socket already (it fills while
    // a request is answered, and no readyRead announces that again).
    if (!m_parser.hasRequest())
        return m_input.isEmpty() && m_socket->bytesAvailable() > 0;
    dispatchRequest();
    return true;
}

void HttpConnection::dispatchRequest()
{
    m_http10 = m_parser.isHttp10();
    m_keepAlive = !m_closeRequested && m_parser.keepAlive();
    m_current = m_parser.takeRequest();
    m_current.peerAddress = m_peerAddress;
    m_current.peerPort = m_peerPort;
    setState(State::AwaitingResponse);
    ++m_sequence;
    m_settled = std::make_shared<std::atomic<bool>>(false);
    const HttpResponder responder(this, m_sequence, m_settled);
    m_inHandler = true;
    m_worker->dispatch(m_current, responder);
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
    m_settled->store(true);
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
    // The hook sees the request as far as it was parsed.
    HttpRequest request = m_parser.takeRequest();
    request.peerAddress = m_peerAddress;
    request.peerPort = m_peerPort;
    m_keepAlive = false;
    writeResponse(request, HttpResponse::problem(problem), true);
    beginLingeringClose();
}

bool HttpConnection::writeResponse(const HttpRequest &request, HttpResponse response, bool close)
{
    m_worker->finalizeResponse(request, response);
    close = close || response.asksToClose();
    using ConnectionHeader = HttpResponse::ConnectionHeader;
    ConnectionHeader connection = ConnectionHeader::Omitted;
    if (close)
        connection = ConnectionHeader::Close;
    else if (m_http10)
        connection = ConnectionHeader::KeepAlive;
    // Sent now when it can be (most answers): no write buffer kept for the connection's
    // life, and no event-loop turn before the client has it.
    m_socket->write(response.serialize(request.method, connection));
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
    m_lingerDiscarded += m_input.size() - m_inputPos;
    m_input.clear();
    m_inputPos = 0;
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
    case State::Reading:
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
    if (m_settled)
        m_settled->store(true);
    m_parser.reset();
    m_input.clear();
    m_inputPos = 0;
    if (!m_inHandler)
        m_current = HttpRequest{};
    Q_EMIT finished();
}

} // namespace roomgate::server::http
