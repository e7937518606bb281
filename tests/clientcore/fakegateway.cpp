// SPDX-License-Identifier: MIT
#include "tests/clientcore/fakegateway.h"

#include "shared/frames.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace roomgate::test {

namespace {

RoomInfo fakeRoom(int occupants, int reserved)
{
    return RoomInfo{QStringLiteral("fake"), 4, occupants, reserved, RoomState::Open};
}

QString text(const QByteArray &frame)
{
    return QString::fromUtf8(frame);
}

} // namespace

FakeGateway::FakeGateway(QObject *parent)
    : QObject(parent), m_server(QStringLiteral("fake"), QWebSocketServer::NonSecureMode)
{
    m_server.listen(QHostAddress::LocalHost, 0);
    connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            ++m_connections;
            m_latest = socket;
            if (const auto refusal = std::exchange(m_claimRefusal, std::nullopt)) {
                socket->sendTextMessage(text(Frames::encode(refusal->first)));
                socket->close(static_cast<QWebSocketProtocol::CloseCode>(refusal->second),
                              wireName(refusal->first.code));
                continue;
            }
            connect(socket, &QWebSocket::textMessageReceived, this,
                    [this, socket](const QString &frame) { onText(socket, frame); });
            socket->sendTextMessage(text(Frames::encode(Frames::Joined{
                fakeRoom(1, 0), QStringLiteral("me"), {QStringLiteral("me")}, m_history})));
            Q_EMIT joined();
        }
    });
}

ChatMessage FakeGateway::message(qint64 id, const QString &from)
{
    return ChatMessage{id,        QStringLiteral("fake"),
                       from,      QStringLiteral("message %1").arg(id),
                       QString(), QDateTime::currentMSecsSinceEpoch()};
}

void FakeGateway::onText(QWebSocket *socket, const QString &frame)
{
    const auto decoded = Frames::decodeClientFrame(frame.toUtf8());
    if (!decoded)
        return;
    if (std::holds_alternative<Frames::Leave>(*decoded)) {
        socket->close(QWebSocketProtocol::CloseCodeNormal);
        return;
    }
    const auto &chat = std::get<Frames::Chat>(*decoded);
    Q_EMIT chatReceived(chat.text);
    if (m_messageRefusal) {
        socket->sendTextMessage(text(Frames::encode(*m_messageRefusal)));
        return;
    }
    ChatMessage echo = message(++m_nextId, QStringLiteral("me"));
    echo.text = chat.text;
    echo.clientId = chat.clientId.value_or(QString());
    socket->sendTextMessage(text(Frames::encode(echo)));
}

void FakeGateway::refuseNextClaim(const Problem &problem, int closeCode)
{
    m_claimRefusal = std::pair{problem, closeCode};
}

void FakeGateway::send(const ChatMessage &chatMessage)
{
    if (m_latest)
        m_latest->sendTextMessage(text(Frames::encode(chatMessage)));
}

QString FakeGateway::ticketUrl() const
{
    return QStringLiteral("ws://127.0.0.1:%1/ws?ticket=fake").arg(port());
}

QByteArray FakeGateway::reservationJson() const
{
    return QJsonDocument(QJsonObject{{QStringLiteral("ticket"), QStringLiteral("fake")},
                                     {QStringLiteral("expiresAt"),
                                      QStringLiteral("2099-01-01T00:00:00.000Z")},
                                     {QStringLiteral("ttlSeconds"), 30},
                                     {QStringLiteral("websocketUrl"), ticketUrl()},
                                     {QStringLiteral("room"), fakeRoom(0, 1).toJson()}})
        .toJson(QJsonDocument::Compact);
}

void FakeGateway::end(const QString &code, int closeCode)
{
    if (!m_latest)
        return;
    if (!code.isEmpty()) {
        bool known = false;
        Problem problem(errorCodeFromWireName(code, &known), QStringLiteral("fake"));
        m_latest->sendTextMessage(text(Frames::encode(problem)));
    }
    m_latest->close(static_cast<QWebSocketProtocol::CloseCode>(closeCode), code);
}

void FakeGateway::drop()
{
    if (m_latest)
        m_latest->abort();
}

} // namespace roomgate::test
