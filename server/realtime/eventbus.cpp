// SPDX-License-Identifier: MIT
#include "server/realtime/eventbus.h"

namespace roomgate::server {

QJsonObject RoomEvent::toJson() const
{
    return QJsonObject{
        {QStringLiteral("kind"), static_cast<int>(kind)},
        {QStringLiteral("room"), room},
        {QStringLiteral("user"), user},
        {QStringLiteral("node"), originNode},
        {QStringLiteral("connection"), connectionId},
        {QStringLiteral("payload"), payload},
    };
}

RoomEvent RoomEvent::fromJson(const QJsonObject &object, bool *ok)
{
    RoomEvent e;
    const int kind = object.value(QStringLiteral("kind")).toInt(-1);
    const bool valid = kind >= 0 && kind <= static_cast<int>(Kind::RoomChanged)
        && object.value(QStringLiteral("room")).isString();
    if (ok)
        *ok = valid;
    if (!valid)
        return e;
    e.kind = static_cast<Kind>(kind);
    e.room = object.value(QStringLiteral("room")).toString();
    e.user = object.value(QStringLiteral("user")).toString();
    e.originNode = object.value(QStringLiteral("node")).toString();
    e.connectionId = object.value(QStringLiteral("connection")).toString();
    e.payload = object.value(QStringLiteral("payload")).toObject();
    return e;
}

void InProcessEventBus::publish(const RoomEvent &event)
{
    // Queued, so a publisher never re-enters its own handlers.
    QMetaObject::invokeMethod(
        this, [this, event] { Q_EMIT delivered(event); }, Qt::QueuedConnection);
}

} // namespace roomgate::server
