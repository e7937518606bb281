// SPDX-License-Identifier: MIT
#pragma once

#include "server/http/httplimits.h"
#include "server/http/httprequest.h"
#include "server/http/httprequestparser.h"
#include "server/http/httpresponse.h"

#include <QHostAddress>
#include <QObject>

#include <atomic>
#include <memory>

class QTcpSocket;

namespace roomgate::server::http {

class HttpWorker;

/**
 * One client socket of an HttpServer, joining it to an HttpRequestParser and to
 * HttpResponse::serialize(): it feeds what arrives to the parser, hands each complete
 * request to the server's handler and writes the answers in request order. It stops
 * parsing while a request is unanswered, which keeps pipelined answers in order and bounds
 * what a client makes it hold (one read of the socket's bounded buffer, and that buffer).
 * It owns the time limits (408, idle keep-alive) and closes gracefully: the answer first,
 * then a bounded drain of unread input (lingering close). Its time limits are a deadline
 * that its HttpWorker checks (one timer per worker, not one per connection: starting and
 * stopping thousands of QTimers costs a linear search each in Qt's timer list).
 *
 * Owned by its HttpWorker (its parent), deleted later once finished(); owns the socket.
 * Lives on the server's thread; keeps no state outside itself.
 */
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    /** Takes ownership of @p socket, a connected socket that @p worker serves. */
    HttpConnection(QTcpSocket *socket, HttpWorker *worker);
    ~HttpConnection() override;

    /** Closes now when idle, else after the answer to the request in progress. */
    void closeGracefully();

    /** True while request @p sequence waits for its answer and the client is connected. */
    bool isAwaitingResponse(quint64 sequence) const;

    /** Whether the time limit of the current state has passed at @p nowMs (monotonic). */
    bool isPastDeadline(qint64 nowMs) const { return m_deadlineMs != 0 && nowMs >= m_deadlineMs; }
    /** Acts on the time limit of the current state when it has passed at @p nowMs. */
    void checkDeadline(qint64 nowMs);

Q_SIGNALS:
    /** The socket is closed; the server deletes the connection later. Emitted once. */
    void finished();

private:
    friend class HttpResponder;

    enum class State {
        Idle, ///< between requests, no byte of the next one read yet (keep-alive timer)
        Reading, ///< a request is arriving: the parser has it (request timer)
        AwaitingResponse, ///< the handler owns the request
        Lingering, ///< final answer written; draining input until the client closes
        Finished, ///< socket closed
    };

    void setState(State state);
    /** The current state's time limit ends @p ms from now; 0: it has none. */
    void setDeadline(int ms);
    void respond(quint64 sequence, HttpResponse response);

    void processInput();
    bool step();
    bool hasInput() const;
    bool readRequest();
    void dispatchRequest();

    void reject(int status, roomgate::ErrorCode code, const QString &detail);
    bool writeResponse(const HttpRequest &request, HttpResponse response, bool close);
    void beginLingeringClose();
    void shutdownWrite();
    void discardInput();
    void closeNow();

    void onBytesWritten();
    void onTimeout();
    void onSocketError();
    void finish();

    HttpWorker *m_worker;
    QTcpSocket *m_socket;
    qint64 m_deadlineMs = 0; ///< monotonic; 0: none
    const HttpLimits m_limits;
    const QHostAddress m_peerAddress;
    const quint16 m_peerPort;

    State m_state = State::Idle;
    HttpRequestParser m_parser;
    /// Read from the socket, not yet taken by the parser: pipelined requests wait here (and
    /// in the socket's buffer) while a request is unanswered.
    QByteArray m_input;
    qsizetype m_inputPos = 0; ///< the parser has taken m_input up to here
    HttpRequest m_current; ///< the request handed to the handler
    quint64 m_sequence = 0;
    /// The request in m_current is answered or its client gone (HttpResponder::stillWanted).
    std::shared_ptr<std::atomic<bool>> m_settled;
    qint64 m_lingerDiscarded = 0;
    bool m_http10 = false; ///< m_current is HTTP/1.0
    bool m_keepAlive = true; ///< the connection stays open after answering m_current
    bool m_closeRequested = false;
    bool m_processing = false;
    bool m_inHandler = false;
    bool m_writeShutdownPending = false;
};

} // namespace roomgate::server::http
