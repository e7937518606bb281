// SPDX-License-Identifier: MIT
#include "server/events/roomevent.h"

#include "shared/frames.h"

namespace roomgate::server {

namespace {

RoomEvent make(RoomEvent::Kind kind, const QString &room, const QString &user, const QString &node,
               const QString &connectionId = {})
{
    RoomEvent e;
    e.kind = kind;
    e.room = room;
    e.user = user;
    e.originNode = node;
    e.connectionId = connectionId;
    return e;
}

} // namespace

const QByteArray &RoomEvent::SharedFrame::bytes() const
{
    std::call_once(m_encoded, [this] { m_bytes = Frames::encode(m_message); });
    return m_bytes;
}

RoomEvent RoomEvent::reserved(const QString &room, const QString &user, const QString &node)
{
    return make(Kind::Reserved, room, user, node);
}

RoomEvent RoomEvent::claimed(const QString &room, const QString &user, const QString &node,
                             const QString &connectionId)
{
    return make(Kind::Claimed, room, user, node, connectionId);
}

RoomEvent RoomEvent::cancelled(const QString &room, const QString &user, const QString &node)
{
    return make(Kind::Cancelled, room, user, node);
}

RoomEvent RoomEvent::expired(const QString &room, const QString &user, const QString &node)
{
    return make(Kind::Expired, room, user, node);
}

RoomEvent RoomEvent::left(const QString &room, const QString &user, const QString &node,
                          const QString &connectionId)
{
    return make(Kind::Left, room, user, node, connectionId);
}

RoomEvent RoomEvent::chatMessage(const ChatMessage &message, const QString &node,
                                 const QString &connectionId)
{
    RoomEvent e = make(Kind::Message, message.room, message.from, node, connectionId);
    e.message = message;
    e.m_frame = std::make_shared<const SharedFrame>(message);
    return e;
}

RoomEvent RoomEvent::roomDeleted(const QString &room, const QString &node)
{
    return make(Kind::RoomDeleted, room, {}, node);
}

RoomEvent RoomEvent::kicked(const QString &room, const QString &user, const QString &node)
{
    return make(Kind::Kicked, room, user, node);
}

RoomEvent RoomEvent::roomClosed(const QString &room, const QString &node)
{
    return make(Kind::RoomClosed, room, {}, node);
}

RoomEvent RoomEvent::roomChanged(const QString &room, const QString &node)
{
    return make(Kind::RoomChanged, room, {}, node);
}

QJsonObject RoomEvent::toJson() const
{
    QJsonObject object{
        {QStringLiteral("kind"), static_cast<int>(kind)},
        {QStringLiteral("room"), room},
        {QStringLiteral("user"), user},
        {QStringLiteral("node"), originNode},
        {QStringLiteral("connection"), connectionId},
    };
    if (kind == Kind::Message)
        object.insert(QStringLiteral("message"), message.toJson());
    return object;
}

RoomEvent RoomEvent::fromJson(const QJsonObject &object, bool *ok)
{
    RoomEvent e;
    const int kind = object.value(QStringLiteral("kind")).toInt(-1);
    bool valid = kind >= 0 && kind <= static_cast<int>(Kind::RoomChanged)
        && object.value(QStringLiteral("room")).isString();
    if (valid && kind == static_cast<int>(Kind::Message))
        valid
            = ChatMessage::fromJson(object.value(QStringLiteral("message")).toObject(), &e.message);
    if (ok)
        *ok = valid;
    if (!valid)
        return RoomEvent{};
    e.kind = static_cast<Kind>(kind);
    e.room = object.value(QStringLiteral("room")).toString();
    e.user = object.value(QStringLiteral("user")).toString();
    e.originNode = object.value(QStringLiteral("node")).toString();
    e.connectionId = object.value(QStringLiteral("connection")).toString();
    if (e.kind == Kind::Message)
        e.m_frame = std::make_shared<const SharedFrame>(e.message);
    return e;
}

} // namespace roomgate::server
