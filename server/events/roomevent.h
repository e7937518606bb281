// SPDX-License-Identifier: MIT
#pragma once

#include "shared/chatmessage.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include <memory>
#include <mutex>

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

    /**
     * A message's frame, encoded once for every receiver by whichever thread needs it first
     * (a socket thread, not the storage writer that publishes it). Empty for other kinds.
     */
    QByteArray frame() const { return m_frame ? m_frame->bytes() : QByteArray(); }

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

private:
    class SharedFrame
    {
    public:
        explicit SharedFrame(ChatMessage message) : m_message(std::move(message)) { }
        const QByteArray &bytes() const;

    private:
        ChatMessage m_message;
        mutable std::once_flag m_encoded;
        mutable QByteArray m_bytes;
    };
    std::shared_ptr<const SharedFrame> m_frame; ///< Message: shared by every copy of the event
};

} // namespace roomgate::server

Q_DECLARE_METATYPE(roomgate::server::RoomEvent)
