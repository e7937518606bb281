// SPDX-License-Identifier: MIT
#include "bench/httpclient.h"

#include "bench/monotonic.h"
#include "bench/threadcontext.h"

#include <QJsonDocument>
#include <QNetworkProxy>
#include <QTcpSocket>

namespace roomgate::bench {

namespace {

/// A response head longer than this is not one the generator expects: fail it.
constexpr qsizetype kMaxHeadBytes = 64 * 1024;

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

/** The decoded body of a complete chunked stream at @p data; nullopt when incomplete. */
bool decodeChunked(QByteArrayView data, QByteArray *body, qsizetype *consumed, bool *bad)
{
    qsizetype pos = 0;
    body->clear();
    for (;;) {
        const qsizetype lineEnd = data.indexOf("\r\n", pos);
        if (lineEnd < 0)
            return false;
        QByteArrayView sizeText = data.sliced(pos, lineEnd - pos);
        if (const qsizetype semicolon = sizeText.indexOf(';'); semicolon >= 0)
            sizeText = sizeText.first(semicolon);
        bool ok = false;
        const qint64 size = sizeText.trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0) {
            *bad = true;
            return false;
        }
        pos = lineEnd + 2;
        if (size == 0) {
            // Trailers, then the empty line.
            for (;;) {
                const qsizetype end = data.indexOf("\r\n", pos);
                if (end < 0)
                    return false;
                const bool empty = end == pos;
                pos = end + 2;
                if (empty) {
                    *consumed = pos;
                    return true;
                }
            }
        }
        if (data.size() < pos + size + 2)
            return false;
        body->append(data.sliced(pos, size));
        pos += size + 2;
    }
}

} // namespace

QJsonObject HttpReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QString HttpReply::outcomeCode() const
{
    if (status == 0)
        return error == "timeout" ? QStringLiteral("TIMEOUT") : QStringLiteral("TRANSPORT");
    if (ok())
        return QStringLiteral("OK");
    const QString code = json().value(QStringLiteral("code")).toString();
    return code.isEmpty() ? QStringLiteral("HTTP_%1").arg(status) : code;
}

HttpClient::HttpClient(ThreadContext &context, const QString &host, quint16 port, qint64 timeoutNs,
                       QObject *parent)
    : QObject(parent),
      m_context(context),
      m_host(host),
      m_port(port),
      m_hostHeader(host.toUtf8() + ':' + QByteArray::number(port)),
      m_timeoutNs(timeoutNs)
{ }

HttpClient::~HttpClient()
{
    m_context.unwatch(this);
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        delete m_socket;
    }
}

void HttpClient::send(HttpRequest request, Callback callback)
{
    m_queue.push_back({std::move(request), std::move(callback)});
    if (!m_inFlight)
        writeHead();
}

void HttpClient::abandon()
{
    m_queue.clear();
    m_inFlight = false;
    m_context.unwatch(this);
    dropSocket();
}

void HttpClient::connectSocket()
{
    m_socket = new QTcpSocket(this);
    m_connected = false;
    m_servedOnSocket = 0;
    m_closeAfterAnswer = false;
    m_in.clear();
    connect(m_socket, &QTcpSocket::connected, this, [this] {
        m_connected = true;
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        writeHead();
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpClient::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpClient::onDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        // A refused or reset connection may never have been "connected": fail here too.
        if (m_socket && m_socket->state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
    });
    // No proxy lookup per connect (Qt asks libproxy on a thread of its own otherwise).
    m_socket->setProxy(QNetworkProxy::NoProxy);
    if (const QHostAddress source = m_context.nextSourceAddress(); !source.isNull())
        m_socket->bind(source);
    // A literal address skips the host lookup (and its /etc/services parsing) per connect.
    if (!m_address.isNull())
        m_socket->connectToHost(m_address, m_port);
    else
        m_socket->connectToHost(m_host, m_port);
}

void HttpClient::writeHead()
{
    if (m_queue.empty())
        return;
    if (!m_inFlight) {
        m_inFlight = true;
        m_written = false;
        m_sentNs = nowNs();
        m_deadlineNs = m_sentNs + m_timeoutNs;
        m_context.watch(this);
    }
    if (m_written)
        return;
    if (!m_socket) {
        connectSocket();
        return;
    }
    if (!m_connected)
        return; // written once connected
    const HttpRequest &r = m_queue.front().request;
    QByteArray out;
    out.reserve(160 + r.path.size() + r.token.size() + r.body.size());
    out += r.method + ' ' + r.path + " HTTP/1.1\r\nHost: " + m_hostHeader + "\r\n";
    if (!r.token.isEmpty())
        out += "Authorization: Bearer " + r.token + "\r\n";
    if (!r.body.isEmpty())
        out += "Content-Type: application/json\r\n";
    if (r.method != "GET" && r.method != "HEAD")
        out += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n";
    out += "\r\n";
    out += r.body;
    m_socket->write(out);
    m_written = true;
}

void HttpClient::onReadyRead()
{
    m_in += m_socket->readAll();
    while (m_inFlight && m_written) {
        HttpReply reply;
        if (!takeAnswer(&reply, false))
            return;
        finishHead(std::move(reply));
    }
}

bool HttpClient::takeAnswer(HttpReply *reply, bool atEof)
{
    const qsizetype headEnd = m_in.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        if (m_in.size() > kMaxHeadBytes || (atEof && !m_in.isEmpty())) {
            reply->error = "bad response";
            m_in.clear();
            return true;
        }
        return false;
    }
    const QByteArrayView head = QByteArrayView(m_in).first(headEnd);
    const qsizetype firstLineEnd = head.indexOf("\r\n");
    const QByteArrayView statusLine = firstLineEnd < 0 ? head : head.first(firstLineEnd);
    // "HTTP/1.1 201 Created"
    const QList<QByteArray> parts = statusLine.toByteArray().split(' ');
    const int status = parts.size() >= 2 ? parts.at(1).toInt() : 0;
    if (!statusLine.startsWith("HTTP/1.") || status < 100) {
        reply->error = "bad response";
        m_in.clear();
        return true;
    }
    qint64 contentLength = -1;
    bool chunked = false;
    bool close = statusLine.startsWith("HTTP/1.0");
    qsizetype pos = firstLineEnd < 0 ? head.size() : firstLineEnd + 2;
    while (pos < head.size()) {
        qsizetype end = head.indexOf("\r\n", pos);
        if (end < 0)
            end = head.size();
        const QByteArrayView line = head.sliced(pos, end - pos);
        pos = end + 2;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArrayView name = line.first(colon).trimmed();
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        if (equalsIgnoringCase(name, "content-length"))
            contentLength = value.toLongLong();
        else if (equalsIgnoringCase(name, "transfer-encoding"))
            chunked = value.contains("chunked");
        else if (equalsIgnoringCase(name, "connection"))
            close = equalsIgnoringCase(value, "close");
    }
    const qsizetype bodyStart = headEnd + 4;
    qsizetype consumed = 0;
    if (status < 200 || status == 204 || status == 304) {
        consumed = bodyStart;
        if (status < 200) { // 100 Continue and friends: not the answer yet
            m_in.remove(0, consumed);
            return takeAnswer(reply, atEof);
        }
    } else if (chunked) {
        bool bad = false;
        qsizetype used = 0;
        if (!decodeChunked(QByteArrayView(m_in).sliced(bodyStart), &reply->body, &used, &bad)) {
            if (!bad && !atEof)
                return false;
            reply->error = "bad response";
            m_in.clear();
            return true;
        }
        consumed = bodyStart + used;
    } else if (contentLength >= 0) {
        if (m_in.size() < bodyStart + contentLength) {
            if (!atEof)
                return false;
            reply->error = "bad response";
            m_in.clear();
            return true;
        }
        reply->body = m_in.sliced(bodyStart, contentLength);
        consumed = bodyStart + contentLength;
    } else {
        // The body runs to the end of the connection.
        if (!atEof)
            return false;
        reply->body = m_in.sliced(bodyStart);
        consumed = m_in.size();
        close = true;
    }
    reply->status = status;
    m_in.remove(0, consumed);
    m_closeAfterAnswer = close;
    return true;
}

void HttpClient::finishHead(HttpReply reply)
{
    Pending done = std::move(m_queue.front());
    m_queue.pop_front();
    m_inFlight = false;
    m_context.unwatch(this);
    reply.sentNs = m_sentNs;
    reply.doneNs = nowNs();
    if (reply.status == 0 || m_closeAfterAnswer)
        dropSocket();
    else
        ++m_servedOnSocket;
    if (done.callback)
        done.callback(reply);
    // The callback may have queued (and so written) the next one already.
    if (!m_inFlight && !m_queue.empty())
        writeHead();
}

void HttpClient::onDisconnected()
{
    if (!m_socket)
        return;
    if (m_inFlight && m_written) {
        m_in += m_socket->readAll();
        HttpReply reply;
        if (takeAnswer(&reply, true) && reply.status != 0) {
            finishHead(std::move(reply));
            return;
        }
    }
    const bool reused = m_servedOnSocket > 0;
    const bool nothingRead = m_in.isEmpty();
    dropSocket();
    if (!m_inFlight)
        return;
    // A keep-alive connection the server closed just as we wrote: the request was never
    // read. Send it once more on a new connection (what browsers do).
    if (reused && nothingRead && !m_queue.front().retried) {
        m_queue.front().retried = true;
        connectSocket();
        return;
    }
    HttpReply reply;
    reply.error = "connection lost";
    finishHead(std::move(reply));
}

void HttpClient::dropSocket()
{
    if (!m_socket)
        return;
    QTcpSocket *socket = m_socket;
    m_socket = nullptr;
    m_connected = false;
    m_written = false;
    m_in.clear();
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void HttpClient::checkDeadline(qint64 nowNs)
{
    if (!m_inFlight) {
        m_context.unwatch(this);
        return;
    }
    if (nowNs < m_deadlineNs)
        return;
    dropSocket();
    HttpReply reply;
    reply.error = "timeout";
    finishHead(std::move(reply));
}

} // namespace roomgate::bench
