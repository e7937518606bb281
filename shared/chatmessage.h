// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace roomgate {

/**
 * One chat message the server stored: it has the server's `id`, so it is durable in the
 * room history (I6). The `message` frame and each entry of a `joined` frame's history.
 * Value type, any thread.
 */
struct ChatMessage
{
    qint64 id = 0;
    QString room;
    QString from;
    QString text;
    QString clientId; ///< the sender's dedupe id; empty when the sender gave none
    qint64 sentAtMs = 0; ///< milliseconds since the epoch, UTC

    /** The `message` frame (`"type":"message"` included). */
    QJsonObject toJson() const;
    /** Reads a `message` frame or history entry; false without `id`, `from` and `text`. */
    static bool fromJson(const QJsonObject &object, ChatMessage *message);

    friend bool operator==(const ChatMessage &, const ChatMessage &) = default;
};

} // namespace roomgate

Q_DECLARE_METATYPE(roomgate::ChatMessage)
