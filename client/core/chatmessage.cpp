// SPDX-License-Identifier: MIT
#include "client/core/chatmessage.h"

namespace roomgate::client {

bool ChatMessage::fromJson(const QJsonObject &object, const QString &you, ChatMessage *message)
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
    message->sentAt = QDateTime::fromString(object.value(u"sentAt").toString(), Qt::ISODateWithMs);
    message->clientId = object.value(u"clientId").toString();
    // Both names are the server's stored form of the same account, so they compare exactly.
    message->own = !you.isEmpty() && message->from == you;
    return true;
}

} // namespace roomgate::client
