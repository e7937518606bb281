// SPDX-License-Identifier: MIT
#include "shared/chatmessage.h"

#include "shared/wiretime.h"

namespace roomgate {

QJsonObject ChatMessage::toJson() const
{
    QJsonObject frame{
        {QStringLiteral("type"), QStringLiteral("message")},
        {QStringLiteral("id"), id},
        {QStringLiteral("room"), room},
        {QStringLiteral("from"), from},
        {QStringLiteral("text"), text},
        {QStringLiteral("sentAt"), WireTime::format(sentAtMs)},
    };
    if (!clientId.isEmpty())
        frame.insert(QStringLiteral("clientId"), clientId);
    return frame;
}

bool ChatMessage::fromJson(const QJsonObject &object, ChatMessage *message)
{
    const QJsonValue id = object.value(u"id");
    const QJsonValue from = object.value(u"from");
    const QJsonValue text = object.value(u"text");
    if (!id.isDouble() || !from.isString() || !text.isString())
        return false;
    message->id = id.toInteger();
    message->room = object.value(u"room").toString();
    message->from = from.toString();
    message->text = text.toString();
    message->sentAtMs = WireTime::parse(object.value(u"sentAt").toString()).value_or(0);
    message->clientId = object.value(u"clientId").toString();
    return true;
}

} // namespace roomgate
