// SPDX-License-Identifier: MIT
#include "server/admission/wireformat.h"

#include <QDateTime>

namespace roomgate::server::WireFormat {

QString isoTime(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject room(const Room &room)
{
    return QJsonObject{
        {QStringLiteral("name"), room.name},           {QStringLiteral("capacity"), room.capacity},
        {QStringLiteral("occupants"), room.occupants}, {QStringLiteral("reserved"), room.reserved},
        {QStringLiteral("state"), room.state},
    };
}

QJsonObject message(const ChatMessage &message)
{
    QJsonObject frame{
        {QStringLiteral("type"), QStringLiteral("message")},
        {QStringLiteral("id"), message.id},
        {QStringLiteral("room"), message.room},
        {QStringLiteral("from"), message.from},
        {QStringLiteral("text"), message.text},
        {QStringLiteral("sentAt"), isoTime(message.sentAt)},
    };
    if (!message.clientId.isEmpty())
        frame.insert(QStringLiteral("clientId"), message.clientId);
    return frame;
}

} // namespace roomgate::server::WireFormat
