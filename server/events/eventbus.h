// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>

namespace roomgate::server {

/**
 * Something that happened to a room, published by the node where it happened and
 * delivered to every node (this one included) that shares the storage.
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

    Kind kind = Kind::Message;
    QString room; ///< room name as stored
    QString user; ///< user concerned, when there is one
    QString originNode; ///< node that published it
    QString connectionId; ///< connection concerned (e.g. the sender), when there is one
    QJsonObject payload; ///< e.g. the message frame for Message

    QJsonObject toJson() const;
    static RoomEvent fromJson(const QJsonObject &object, bool *ok = nullptr);
};

/**
 * Fan-out of room events between the services of one node and between nodes.
 * The in-process bus is the embedded default; a broker-backed bus plugs in here.
 * Lives on the main thread; delivery is asynchronous (never inside publish()).
 */
class EventBus : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void publish(const RoomEvent &event) = 0;

Q_SIGNALS:
    void delivered(const roomgate::server::RoomEvent &event);
};

/** Delivers events to this process only, in publish order, from the event loop. */
class InProcessEventBus final : public EventBus
{
    Q_OBJECT
public:
    using EventBus::EventBus;
    void publish(const RoomEvent &event) override;
};

} // namespace roomgate::server

Q_DECLARE_METATYPE(roomgate::server::RoomEvent)
