// SPDX-License-Identifier: MIT
#pragma once

#include "bench/deadlinewatcher.h"

#include <QByteArray>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>

#include <deque>
#include <functional>

class QTcpSocket;

namespace roomgate::bench {

class ThreadContext;

/** One HTTP request of the generator (HTTP/1.1, JSON body when not empty). */
struct HttpRequest
{
    QByteArray method;
    QByteArray path;
    QByteArray body;
    QByteArray token; ///< bearer token; none when empty
};

/** One answer, or why there was none (`status` 0). */
struct HttpReply
{
    int status = 0; ///< 0: no answer (see `error`)
    QByteArray body;
    QByteArray error; ///< `timeout`, `connection lost`, `bad response` when status is 0
    qint64 sentNs = 0; ///< when the request was handed to the socket (or the connect began)
    qint64 doneNs = 0;

    bool ok() const { return status >= 200 && status < 300; }
    QJsonObject json() const;
    /**
     * What to count an outcome under: `OK` for 2xx, the problem's `code` for an error, else
     * `HTTP_<status>`; `TIMEOUT` or `TRANSPORT` when there was no answer.
     */
    QString outcomeCode() const;
};

/**
 * One keep-alive HTTP/1.1 connection of a generator thread, with its own queue: one request
 * in flight at a time, answered in order, each with a deadline (checked by the thread's
 * ThreadContext). A connection the server closed while idle is reopened, and the request
 * that found it closed is sent once more. Lives on its ThreadContext's thread; destroy it
 * with deleteLater() from inside a callback.
 */
class HttpClient : public QObject, public DeadlineWatcher
{
    Q_OBJECT
public:
    using Callback = std::function<void(const HttpReply &)>;

    HttpClient(ThreadContext &context, const QString &host, quint16 port, qint64 timeoutNs,
               QObject *parent = nullptr);
    ~HttpClient() override;

    /** Queues @p request; @p callback runs on this thread with its answer. */
    void send(HttpRequest request, Callback callback);
    /** Requests queued or in flight. */
    int pending() const { return int(m_queue.size()); }
    /** Drops the connection and every queued request without calling back. */
    void abandon();

    void checkDeadline(qint64 nowNs) override;

private:
    struct Pending
    {
        HttpRequest request;
        Callback callback;
        bool retried = false;
    };

    void connectSocket();
    void writeHead();
    void onReadyRead();
    void onDisconnected();
    /** Parses one complete answer from m_in into @p reply; false when more bytes are needed. */
    bool takeAnswer(HttpReply *reply, bool atEof);
    void finishHead(HttpReply reply);
    void dropSocket();

    ThreadContext &m_context;
    QString m_host;
    QHostAddress m_address; ///< null when m_host is a name
    quint16 m_port;
    QByteArray m_hostHeader;
    qint64 m_timeoutNs;
    QTcpSocket *m_socket = nullptr;
    std::deque<Pending> m_queue;
    bool m_inFlight = false;
    bool m_connected = false;
    bool m_written = false; ///< the request in flight is on the current connection
    int m_servedOnSocket = 0; ///< answers read on the current connection
    bool m_closeAfterAnswer = false;
    qint64 m_sentNs = 0;
    qint64 m_deadlineNs = 0;
    QByteArray m_in;
};

} // namespace roomgate::bench
