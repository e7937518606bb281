// SPDX-License-Identifier: MIT
#include "server/events/inprocesseventbus.h"

namespace roomgate::server {

InProcessEventBus::InProcessEventBus(QObject *parent) : EventBus(parent)
{
    qRegisterMetaType<RoomEvent>();
}

void InProcessEventBus::publish(const RoomEvent &event)
{
    // Queued even on the bus's own thread, so a publisher never re-enters its handlers.
    QMetaObject::invokeMethod(
        this, [this, event] { Q_EMIT delivered(event); }, Qt::QueuedConnection);
}

} // namespace roomgate::server
