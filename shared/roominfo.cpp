// SPDX-License-Identifier: MIT
#include "shared/roominfo.h"

namespace roomgate {

QString roomStateName(RoomState state)
{
    switch (state) {
    case RoomState::Pending:
        return QStringLiteral("pending");
    case RoomState::Open:
        return QStringLiteral("open");
    case RoomState::Closed:
        return QStringLiteral("closed");
    case RoomState::Unknown:
        break;
    }
    return {};
}

RoomState roomStateFromName(QStringView name)
{
    if (name == u"open")
        return RoomState::Open;
    if (name == u"pending")
        return RoomState::Pending;
    if (name == u"closed")
        return RoomState::Closed;
    return RoomState::Unknown;
}

QJsonObject RoomInfo::toJson() const
{
    return QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("capacity"), capacity},
        {QStringLiteral("occupants"), occupants},
        {QStringLiteral("reserved"), reserved},
        {QStringLiteral("state"), roomStateName(state)},
    };
}

bool RoomInfo::fromJson(const QJsonObject &object, RoomInfo *room)
{
    const QJsonValue name = object.value(u"name");
    const QJsonValue capacity = object.value(u"capacity");
    if (!name.isString() || !capacity.isDouble())
        return false;
    room->name = name.toString();
    room->capacity = capacity.toInt();
    room->occupants = object.value(u"occupants").toInt();
    room->reserved = object.value(u"reserved").toInt();
    room->state = roomStateFromName(object.value(u"state").toString());
    return true;
}

} // namespace roomgate
