// SPDX-License-Identifier: MIT
#pragma once

#include "shared/chatmessage.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace roomgate::server {

/**
 * Something that happened to a room, published by the node where it happened (after the
 * commit that made it true) and delivered to every node that shares the storage, this
 * one included. Built only by the named constructors below, one per kind.
 * Kinds are part of the inter-node wire format: append only.
 */
struct RoomEvent
{
    enum class Kind : quint8 {
        Reserved = 0,
        Claimed = 1,
        Cancelled = 2,
        Expired = 3,
        Left = 4,
        Message = 5,
        RoomDeleted = 6,
        Kicked = 7,
        RoomClosed = 8,
        RoomChanged = 9,
    };

    Kind kind = Kind::RoomChanged;
    QString room; ///< room name as stored
    QString user; ///< user concerned, when there is one
    QString originNode; ///< node that published it
    QString connectionId; ///< connection concerned (the joiner, the leaver), when there is one
    ChatMessage message; ///< Message: the stored message
    QByteArray frame; ///< Message: its frame, encoded once for every receiver

    static RoomEvent reserved(const QString &room, const QString &user, const QString &node);
    static RoomEvent claimed(const QString &room, const QString &user, const QString &node,
                             const QString &connectionId);
    /** Given back by its user, or revoked by an admin. */
    static RoomEvent cancelled(const QString &room, const QString &user, const QString &node);
    static RoomEvent expired(const QString &room, const QString &user, const QString &node);
    static RoomEvent left(const QString &room, const QString &user, const QString &node,
                          const QString &connectionId);
    static RoomEvent chatMessage(const ChatMessage &message, const QString &node,
                                 const QString &connectionId);
    static RoomEvent roomDeleted(const QString &room, const QString &node);
    /** @p user was removed by an admin; a Left follows. */
    static RoomEvent kicked(const QString &room, const QString &user, const QString &node);
    static RoomEvent roomClosed(const QString &room, const QString &node);
    /** Capacity, state or reservations changed by an admin. */
    static RoomEvent roomChanged(const QString &room, const QString &node);

    /** The form events travel in between nodes. */
    QJsonObject toJson() const;
    static RoomEvent fromJson(const QJsonObject &object, bool *ok = nullptr);
};

} // namespace roomgate::server

Q_DECLARE_METATYPE(roomgate::server::RoomEvent)
