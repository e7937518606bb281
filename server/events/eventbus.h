// SPDX-License-Identifier: MIT
#pragma once

#include "server/events/roomevent.h"

#include <QObject>

namespace roomgate::server {

/**
 * Fan-out of room events between the services of one node and between nodes. The
 * in-process bus is the embedded default; a broker-backed bus plugs in here.
 *
 * publish() may be called from any thread. `delivered` is emitted on the bus's own
 * thread, never inside publish(), in publish order per publishing thread; subscribers
 * on other threads receive it queued, in the same order. Connect with a context object.
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

} // namespace roomgate::server
