// SPDX-License-Identifier: MIT
#include "bench/wsclient.h"

#include "bench/monotonic.h"
#include "bench/threadcontext.h"

#include <QCryptographicHash>
#include <QNetworkProxy>
#include <QRandomGenerator>
#include <QTcpSocket>

#include <cstring>

namespace roomgate::bench {

namespace {

constexpr quint8 kContinuation = 0x0;
constexpr quint8 kText = 0x1;
constexpr quint8 kBinary = 0x2;
constexpr quint8 kClose = 0x8;
constexpr quint8 kPing = 0x9;
constexpr quint8 kPong = 0xA;
constexpr qsizetype kMaxHandshakeBytes = 16 * 1024;
constexpr qint64 kStalledReadBuffer = 4 * 1024;

} // namespace

WsClient::WsClient(ThreadContext &context, QObject *parent)
    : QObject(parent), m_context(context), m_maskState(QRandomGenerator::global()->generate() | 1u)
{ }

WsClient::~WsClient()
{
    m_context.unwatch(this);
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        delete m_socket;
    }
}

void WsClient::open(const QUrl &url)
{
    m_url = url;
    m_state = State::Connecting;
    m_socket = new QTcpSocket(this);
    connect(m_socket, &QTcpSocket::connected, this, &WsClient::onConnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &WsClient::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &WsClient::onDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_socket && m_socket->state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
    });
    // No proxy lookup per connect (Qt asks libproxy on a thread of its own otherwise).
    m_socket->setProxy(QNetworkProxy::NoProxy);
    if (const QHostAddress source = m_context.nextSourceAddress(); !source.isNull())
        m_socket->bind(source);
    if (const QHostAddress address(url.host()); !address.isNull())
        m_socket->connectToHost(address, quint16(url.port(80)));
    else
        m_socket->connectToHost(url.host(), quint16(url.port(80)));
}

void WsClient::setDeadline(qint64 deadlineNs)
{
    m_deadlineNs = deadlineNs;
    if (deadlineNs > 0 && m_state != State::Closed)
        m_context.watch(this);
    else
        m_context.unwatch(this);
}

void WsClient::onConnected()
{
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_state = State::Handshaking;
    QByteArray nonce(16, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(nonce.data()), 4);
    m_key = nonce.toBase64();
    QByteArray resource = m_url.path(QUrl::FullyEncoded).toUtf8();
    if (resource.isEmpty())
        resource = "/";
    if (m_url.hasQuery())
        resource += '?' + m_url.query(QUrl::FullyEncoded).toUtf8();
    const QByteArray request = "GET " + resource + " HTTP/1.1\r\nHost: " + m_url.host().toUtf8()
        + ':' + QByteArray::number(m_url.port(80))
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + m_key
        + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    m_socket->write(request);
}

void WsClient::setReading(bool reading)
{
    if (reading == m_reading || !m_socket)
        return;
    m_reading = reading;
    // Qt stops taking bytes from the kernel once its own buffer holds this much.
    m_socket->setReadBufferSize(reading ? 0 : kStalledReadBuffer);
    if (reading)
        QMetaObject::invokeMethod(this, &WsClient::onReadyRead, Qt::QueuedConnection);
}

void WsClient::onReadyRead()
{
    if (!m_reading)
        return;
    const qint64 now = nowNs();
    m_in += m_socket->readAll();
    if (m_state == State::Handshaking) {
        if (!takeHandshake())
            return;
    }
    if (m_state == State::Open || m_state == State::Closing)
        takeFrames(now);
}

bool WsClient::takeHandshake()
{
    const qsizetype headEnd = m_in.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        if (m_in.size() > kMaxHandshakeBytes)
            end({1006, "handshake: response too long", false});
        return false;
    }
    const QByteArrayView head = QByteArrayView(m_in).first(headEnd);
    const qsizetype lineEnd = head.indexOf("\r\n");
    const QByteArray statusLine = (lineEnd < 0 ? head : head.first(lineEnd)).toByteArray();
    const QByteArray expected
        = QCryptographicHash::hash(QByteArray(m_key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
                                   QCryptographicHash::Sha1)
              .toBase64();
    bool accepted = false;
    for (const QByteArray &line : head.toByteArray().split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.first(colon).trimmed().toLower() == "sec-websocket-accept")
            accepted = line.sliced(colon + 1).trimmed() == expected;
    }
    if (!statusLine.startsWith("HTTP/1.1 101") || !accepted) {
        end({1006, "handshake: " + statusLine, false});
        return false;
    }
    m_in.remove(0, headEnd + 4);
    m_pos = 0;
    m_state = State::Open;
    if (onOpen)
        onOpen();
    return m_state == State::Open;
}

void WsClient::takeFrames(qint64 now)
{
    const auto *data = reinterpret_cast<const quint8 *>(m_in.constData());
    const qsizetype size = m_in.size();
    while (m_socket && (m_state == State::Open || m_state == State::Closing)) {
        if (size - m_pos < 2)
            break;
        const quint8 b0 = data[m_pos];
        const quint8 b1 = data[m_pos + 1];
        const bool fin = b0 & 0x80;
        const quint8 opcode = b0 & 0x0F;
        const bool masked = b1 & 0x80;
        quint64 length = b1 & 0x7F;
        qsizetype header = 2;
        if (length == 126) {
            if (size - m_pos < 4)
                break;
            length = (quint64(data[m_pos + 2]) << 8) | data[m_pos + 3];
            header = 4;
        } else if (length == 127) {
            if (size - m_pos < 10)
                break;
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | data[m_pos + 2 + i];
            header = 10;
        }
        const qsizetype maskAt = m_pos + header;
        if (masked)
            header += 4;
        if (quint64(size - m_pos - header) < length)
            break;
        const qsizetype payloadAt = m_pos + header;
        m_pos = payloadAt + qsizetype(length);
        if (masked) { // servers do not mask, but take it if one does
            auto *p = reinterpret_cast<quint8 *>(m_in.data()) + payloadAt;
            data = reinterpret_cast<const quint8 *>(m_in.constData());
            for (quint64 i = 0; i < length; ++i)
                p[i] ^= data[maskAt + qsizetype(i % 4)];
        }
        const QByteArrayView payload(m_in.constData() + payloadAt, qsizetype(length));
        switch (opcode) {
        case kText:
        case kBinary:
        case kContinuation:
            if (opcode != kContinuation && !m_fragments.isEmpty()) {
                end({1002, "protocol: new message inside a fragmented one", false});
                return;
            }
            if (fin && m_fragments.isEmpty()) {
                if (opcode != kContinuation && onText)
                    onText(payload, now);
            } else {
                if (opcode != kContinuation)
                    m_fragmentOpcode = opcode;
                m_fragments += payload;
                if (fin) {
                    const QByteArray whole = std::exchange(m_fragments, {});
                    if (m_fragmentOpcode == kText && onText)
                        onText(whole, now);
                }
            }
            break;
        case kPing:
            writeFrame(kPong, payload);
            break;
        case kPong:
            break;
        case kClose: {
            WsEnd how;
            how.code = 1005;
            if (length >= 2) {
                how.code = (int(data[payloadAt]) << 8) | data[payloadAt + 1];
                how.reason = payload.sliced(2).toByteArray();
            }
            if (!m_closeSent) {
                writeFrame(kClose, payload.first(std::min<qsizetype>(2, payload.size())));
                m_closeSent = true;
            }
            end(how);
            return;
        }
        default:
            end({1002, "protocol: unknown opcode", false});
            return;
        }
    }
    if (m_pos >= m_in.size()) {
        m_in.clear();
        m_pos = 0;
    } else if (m_pos > 64 * 1024) {
        m_in.remove(0, m_pos);
        m_pos = 0;
    }
}

void WsClient::writeFrame(quint8 opcode, QByteArrayView payload)
{
    if (!m_socket)
        return;
    const qsizetype length = payload.size();
    QByteArray frame;
    frame.reserve(length + 14);
    frame.append(char(0x80 | opcode));
    if (length < 126) {
        frame.append(char(0x80 | length));
    } else if (length < 65536) {
        frame.append(char(0x80 | 126));
        frame.append(char(length >> 8));
        frame.append(char(length & 0xFF));
    } else {
        frame.append(char(0x80 | 127));
        for (int i = 7; i >= 0; --i)
            frame.append(char((quint64(length) >> (8 * i)) & 0xFF));
    }
    // xorshift32: a different key per frame, cheap.
    m_maskState ^= m_maskState << 13;
    m_maskState ^= m_maskState >> 17;
    m_maskState ^= m_maskState << 5;
    quint8 mask[4];
    std::memcpy(mask, &m_maskState, 4);
    frame.append(reinterpret_cast<const char *>(mask), 4);
    const qsizetype at = frame.size();
    frame.resize(at + length);
    auto *out = reinterpret_cast<quint8 *>(frame.data()) + at;
    const auto *in = reinterpret_cast<const quint8 *>(payload.data());
    for (qsizetype i = 0; i < length; ++i)
        out[i] = in[i] ^ mask[i & 3];
    m_socket->write(frame);
}

void WsClient::sendText(QByteArrayView utf8)
{
    if (m_state == State::Open)
        writeFrame(kText, utf8);
}

void WsClient::sendClose(quint16 code)
{
    if (m_state != State::Open || m_closeSent)
        return;
    const char payload[2] = {char(code >> 8), char(code & 0xFF)};
    writeFrame(kClose, QByteArrayView(payload, 2));
    m_closeSent = true;
    m_state = State::Closing;
}

void WsClient::abort()
{
    m_state = State::Closed;
    m_context.unwatch(this);
    dropSocket();
}

void WsClient::onDisconnected()
{
    if (m_state == State::Closed)
        return;
    // Frames that came with the FIN first (a close frame among them).
    if (m_socket && (m_state == State::Open || m_state == State::Closing)) {
        m_in += m_socket->readAll();
        takeFrames(nowNs());
        if (m_state == State::Closed)
            return;
    }
    end({1006, m_state == State::Connecting ? "connect failed" : "connection lost", false});
}

void WsClient::end(WsEnd how)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_context.unwatch(this);
    if (m_socket) {
        // Let a close echo reach the peer, then go.
        QTcpSocket *socket = m_socket;
        m_socket = nullptr;
        socket->disconnect(this);
        socket->disconnectFromHost();
        if (socket->state() != QAbstractSocket::UnconnectedState)
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        else
            socket->deleteLater();
    }
    m_in.clear();
    m_pos = 0;
    if (onClosed)
        onClosed(how);
}

void WsClient::dropSocket()
{
    if (!m_socket)
        return;
    QTcpSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void WsClient::checkDeadline(qint64 nowNs)
{
    if (m_deadlineNs <= 0 || m_state == State::Closed) {
        m_context.unwatch(this);
        return;
    }
    if (nowNs < m_deadlineNs)
        return;
    dropSocket();
    end({1006, "timeout", true});
}

} // namespace roomgate::bench
