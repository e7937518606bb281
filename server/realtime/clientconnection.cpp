// SPDX-License-Identifier: MIT
#include "server/realtime/clientconnection.h"

#include "server/admission/admissionservice.h"
#include "server/admission/wireformat.h"
#include "server/realtime/gateway.h"
#include "server/realtime/logging.h"
#include "server/storage/roomstore.h"
#include "shared/textrules.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace roomgate::server {

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

ClientConnection::ClientConnection(Gateway &gateway, QWebSocket *socket, QString connectionId)
    : m_gateway(gateway), m_socket(socket), m_connectionId(std::move(connectionId))
{
    m_lastSeenMs = m_lastPingMs = nowMs();
    connect(socket, &QWebSocket::textMessageReceived, this, &ClientConnection::onTextMessage);
    connect(socket, &QWebSocket::binaryMessageReceived, this, &ClientConnection::onBinaryMessage);
    connect(socket, &QWebSocket::pong, this, [this] { touch(); });
    connect(socket, &QWebSocket::disconnected, this, &ClientConnection::onDisconnected);
}

ClientConnection::~ClientConnection()
{
    if (m_socket)
        m_socket->deleteLater();
}

QString ClientConnection::peerAddress() const
{
    if (!m_socket)
        return {};
    QHostAddress address = m_socket->peerAddress();
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        address = QHostAddress(v4);
    return address.toString();
}

void ClientConnection::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void ClientConnection::touch()
{
    m_lastSeenMs = nowMs();
}

void ClientConnection::claim()
{
    const QUrlQuery query(m_socket->requestUrl());
    const QByteArray ticket
        = query.queryItemValue(QStringLiteral("ticket"), QUrl::FullyDecoded).toUtf8();
    auto outcome = m_gateway.admission().claim(ticket, m_connectionId, peerAddress());
    if (!outcome.ok()) {
        Problem problem(outcome.code);
        problem.room = outcome.value.reservation.roomName;
        refuse(problem);
        return;
    }
    const ClaimResult &result = outcome.value;
    m_membership = result.membership;
    m_seatHeld = true;
    setState(State::Joined);
    m_gateway.joinRoomIndex(this);

    QJsonArray history;
    for (const ChatMessage &m : result.history)
        history.append(WireFormat::message(m));
    const QJsonObject joined{
        {QStringLiteral("type"), QStringLiteral("joined")},
        {QStringLiteral("room"), WireFormat::room(result.room)},
        {QStringLiteral("you"), m_membership.userName},
        {QStringLiteral("members"), QJsonArray::fromStringList(result.members)},
        {QStringLiteral("history"), history},
    };
    sendText(QString::fromUtf8(QJsonDocument(joined).toJson(QJsonDocument::Compact)));
}

void ClientConnection::sendText(const QString &frame)
{
    if (m_socket && m_state != State::Closed)
        m_socket->sendTextMessage(frame);
}

void ClientConnection::refuse(const Problem &problem, int closeCode)
{
    if (!m_socket || m_state == State::Closing || m_state == State::Closed)
        return;
    const int code = closeCode ? closeCode : errorInfo(problem.code).closeCode;
    m_socket->sendTextMessage(
        QString::fromUtf8(QJsonDocument(problem.toErrorFrame()).toJson(QJsonDocument::Compact)));
    setState(State::Closing);
    m_socket->close(static_cast<QWebSocketProtocol::CloseCode>(code ? code : 1011),
                    wireName(problem.code));
}

void ClientConnection::releaseSeat()
{
    if (!m_seatHeld)
        return;
    m_seatHeld = false;
    m_gateway.admission().release(m_membership);
}

void ClientConnection::checkLiveness(qint64 now, qint64 pingIntervalMs, qint64 idleTimeoutMs)
{
    if (!m_socket || m_state != State::Joined)
        return;
    if (now - m_lastSeenMs >= idleTimeoutMs) {
        qCInfo(lcGateway).noquote()
            << "idle timeout:" << m_membership.userName << "in" << m_membership.roomName;
        releaseSeat();
        refuse(Problem(ErrorCode::IdleTimeout));
        return;
    }
    if (now - m_lastPingMs >= pingIntervalMs) {
        m_lastPingMs = now;
        m_socket->ping();
    }
}

void ClientConnection::onTextMessage(const QString &text)
{
    touch();
    if (m_state != State::Joined)
        return;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    const QJsonObject frame = doc.object();
    const QJsonValue type = frame.value(QStringLiteral("type"));
    if (error.error != QJsonParseError::NoError || !doc.isObject() || !type.isString()) {
        refuse(Problem(ErrorCode::BadRequest,
                       QStringLiteral("a frame must be a JSON object with a type")));
        return;
    }
    if (type.toString() == QLatin1String("message")) {
        handleChat(frame);
    } else if (type.toString() == QLatin1String("leave")) {
        releaseSeat();
        setState(State::Closing);
        m_socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("OK"));
    } else {
        refuse(Problem(ErrorCode::BadRequest, QStringLiteral("unknown frame type")));
    }
}

void ClientConnection::handleChat(const QJsonObject &frame)
{
    qint64 waitMs = 0;
    if (!m_gateway.messageLimiter().tryAcquire(m_connectionId, &waitMs)) {
        Problem problem(ErrorCode::RateLimited, QStringLiteral("too many messages; slow down"));
        problem.room = m_membership.roomName;
        problem.retryAfterSeconds = Problem::secondsRoundedUp(waitMs);
        refuse(problem);
        return;
    }
    const QJsonValue text = frame.value(QStringLiteral("text"));
    const QJsonValue clientId = frame.value(QStringLiteral("clientId"));
    if (!text.isString() || (!clientId.isUndefined() && !clientId.isString())) {
        refuse(Problem(ErrorCode::BadRequest,
                       QStringLiteral("text must be a string, clientId a string when present")));
        return;
    }
    const QString body = text.toString();
    // Refused for content only: the frame was well formed, the connection stays.
    ErrorCode contentError = TextRules::checkMessageText(body);
    if (contentError == ErrorCode::Ok && !TextRules::isWellFormedUtf16(body))
        contentError = ErrorCode::BadRequest;
    const QString id = clientId.toString();
    if (contentError == ErrorCode::Ok && clientId.isString()
        && (id.isEmpty() || TextRules::codePointCount(id) > TextRules::kClientIdMax))
        contentError = ErrorCode::BadRequest;
    if (contentError != ErrorCode::Ok) {
        Problem problem(contentError);
        problem.room = m_membership.roomName;
        sendText(QString::fromUtf8(
            QJsonDocument(problem.toErrorFrame()).toJson(QJsonDocument::Compact)));
        return;
    }
    bool duplicate = false;
    const auto stored
        = m_gateway.rooms().appendMessage(m_membership, body, id, nowMs(), &duplicate);
    if (!stored.ok()) {
        Problem problem(stored.code, QStringLiteral("the message was not stored; send it again"));
        problem.room = m_membership.roomName;
        sendText(QString::fromUtf8(
            QJsonDocument(problem.toErrorFrame()).toJson(QJsonDocument::Compact)));
        return;
    }
    const QJsonObject message = WireFormat::message(stored.value);
    if (duplicate) {
        sendText(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
        return;
    }
    RoomEvent event;
    event.kind = RoomEvent::Kind::Message;
    event.room = m_membership.roomName;
    event.user = m_membership.userName;
    event.originNode = m_gateway.admission().settings().nodeId;
    event.connectionId = m_connectionId;
    event.payload = message;
    m_gateway.bus().publish(event);
}

void ClientConnection::onBinaryMessage(const QByteArray &)
{
    touch();
    refuse(Problem(ErrorCode::BadRequest,
                   QStringLiteral("binary frames are not part of the protocol")));
}

void ClientConnection::onDisconnected()
{
    releaseSeat();
    setState(State::Closed);
    Q_EMIT finished(this);
}

} // namespace roomgate::server
