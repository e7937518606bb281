// SPDX-License-Identifier: MIT
#pragma once

#include "server/http/httplimits.h"
#include "server/http/httprequest.h"
#include "server/http/httpresponse.h"

#include <QHostAddress>
#include <QObject>

class QTcpSocket;
class QTimer;

namespace roomgate::server::http {

class HttpServer;

/**
 * One client socket of an HttpServer: parses requests incrementally from the socket's
 * buffer, hands each complete one to the server's handler and writes the answers in
 * request order. It stops parsing while a request is unanswered, which keeps pipelined
 * answers in order and bounds what a client can make it buffer.
 *
 * Owned by its HttpServer (its parent), deleted later once finished(); owns the socket.
 * Lives on the server's thread.
 */
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    /** Takes ownership of @p socket, a connected socket accepted by @p server. */
    HttpConnection(QTcpSocket *socket, HttpServer *server);
    ~HttpConnection() override;

    /** Closes now when idle, else after the answer to the request in progress. */
    void closeGracefully();

    /** True while request @p sequence waits for its answer and the client is connected. */
    bool isAwaitingResponse(quint64 sequence) const;

Q_SIGNALS:
    /** The socket is closed; the server deletes the connection later. Emitted once. */
    void finished();

private:
    friend class HttpResponder;

    enum class State {
        Idle, ///< between requests, no byte of the next one read yet
        ReadingHeaders, ///< request line and header lines
        ReadingBody, ///< Content-Length body
        ReadingChunkSize, ///< chunked: size line
        ReadingChunkData, ///< chunked: data of one chunk
        ReadingChunkEnd, ///< chunked: CRLF after the data
        ReadingTrailers, ///< chunked: trailer section (discarded)
        AwaitingResponse, ///< the handler owns the request
        Lingering, ///< final answer written; draining input until the client closes
        Finished, ///< socket closed
    };

    void setState(State state);
    void respond(quint64 sequence, HttpResponse response);

    void processInput();
    bool step();
    bool readHeaders();
    bool parseRequestLine(QByteArrayView line);
    bool parseHeaderLine(QByteArrayView line);
    bool startBody();
    bool readBody();
    bool readChunkSize();
    bool readChunkEnd();
    bool readTrailers();
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

    HttpServer *m_server;
    QTcpSocket *m_socket;
    QTimer *m_timer;
    const HttpLimits m_limits;
    const QHostAddress m_peerAddress;
    const quint16 m_peerPort;

    State m_state = State::Idle;
    HttpRequest m_request; ///< the request being parsed
    HttpRequest m_current; ///< the request handed to the handler
    quint64 m_sequence = 0;
    qint64 m_headerBytes = 0;
    qint64 m_bodyFilled = 0; ///< bytes of m_request.body received
    qint64 m_chunkRemaining = 0;
    qint64 m_lingerDiscarded = 0;
    bool m_requestLineSeen = false;
    bool m_http10 = false;
    bool m_keepAlive = true;
    bool m_expectContinue = false;
    bool m_closeRequested = false;
    bool m_processing = false;
    bool m_inHandler = false;
    bool m_writeShutdownPending = false;
};

} // namespace roomgate::server::http
