// SPDX-License-Identifier: MIT
#include "tests/clientcore/fakegateway.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace roomgate::test {

namespace {

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
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
            const QJsonObject room{{QStringLiteral("name"), QStringLiteral("fake")},
                                   {QStringLiteral("capacity"), 4},
                                   {QStringLiteral("occupants"), 1},
                                   {QStringLiteral("reserved"), 0},
                                   {QStringLiteral("state"), QStringLiteral("open")}};
            socket->sendTextMessage(
                compact({{QStringLiteral("type"), QStringLiteral("joined")},
                         {QStringLiteral("room"), room},
                         {QStringLiteral("you"), QStringLiteral("me")},
                         {QStringLiteral("members"), QJsonArray{QStringLiteral("me")}},
                         {QStringLiteral("history"), QJsonArray()}}));
            Q_EMIT joined();
        }
    });
}

QString FakeGateway::ticketUrl() const
{
    return QStringLiteral("ws://127.0.0.1:%1/ws?ticket=fake").arg(port());
}

QByteArray FakeGateway::reservationJson() const
{
    const QJsonObject room{{QStringLiteral("name"), QStringLiteral("fake")},
                           {QStringLiteral("capacity"), 4},
                           {QStringLiteral("occupants"), 0},
                           {QStringLiteral("reserved"), 1},
                           {QStringLiteral("state"), QStringLiteral("open")}};
    return QJsonDocument(QJsonObject{{QStringLiteral("ticket"), QStringLiteral("fake")},
                                     {QStringLiteral("expiresAt"),
                                      QStringLiteral("2099-01-01T00:00:00.000Z")},
                                     {QStringLiteral("ttlSeconds"), 30},
                                     {QStringLiteral("websocketUrl"), ticketUrl()},
                                     {QStringLiteral("room"), room}})
        .toJson(QJsonDocument::Compact);
}

void FakeGateway::end(const QString &code, int closeCode)
{
    if (!m_latest)
        return;
    if (!code.isEmpty()) {
        m_latest->sendTextMessage(compact({{QStringLiteral("type"), QStringLiteral("error")},
                                           {QStringLiteral("code"), code},
                                           {QStringLiteral("message"), QStringLiteral("fake")}}));
    }
    m_latest->close(static_cast<QWebSocketProtocol::CloseCode>(closeCode), code);
}

void FakeGateway::drop()
{
    if (m_latest)
        m_latest->abort();
}

} // namespace roomgate::test
