// SPDX-License-Identifier: MIT
#include "client/core/roominfo.h"

namespace roomgate::client {

RoomInfo::State RoomInfo::stateFromWire(QStringView state)
{
    if (state == u"open")
        return State::Open;
    if (state == u"pending")
        return State::Pending;
    if (state == u"closed")
        return State::Closed;
    return State::Unknown;
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
    room->state = stateFromWire(object.value(u"state").toString());
    return true;
}

} // namespace roomgate::client
