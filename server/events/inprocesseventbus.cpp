// SPDX-License-Identifier: MIT
#include "server/events/inprocesseventbus.h"

namespace roomgate::server {

InProcessEventBus::InProcessEventBus(QObject *parent) : EventBus(parent)
{
    qRegisterMetaType<RoomEvent>();
}

void InProcessEventBus::publish(const RoomEvent &event)
{
    // Subscribers are connected queued (subscribe()): none runs inside publish(), and
    // each thread gets the events in the order this one published them.
    Q_EMIT delivered(event);
}

} // namespace roomgate::server
