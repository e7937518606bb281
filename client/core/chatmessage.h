// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace roomgate::client {

/**
 * One chat message the server acknowledged (it carries the server's `id`, so it is
 * durable in the room history). Value type, any thread.
 */
struct ChatMessage
{
    qint64 id = 0;
    QString room;
    QString from;
    QString text;
    QDateTime sentAt;
    QString clientId; ///< the sender's dedupe id; empty when the sender gave none
    bool own = false; ///< sent by this user (the acknowledgement of one's own message)

    /** Reads a `message` frame or history entry; false when it is not one. */
    static bool fromJson(const QJsonObject &object, const QString &you, ChatMessage *message);

    friend bool operator==(const ChatMessage &, const ChatMessage &) = default;
};

} // namespace roomgate::client

Q_DECLARE_METATYPE(roomgate::client::ChatMessage)
