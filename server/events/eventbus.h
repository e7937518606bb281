// SPDX-License-Identifier: MIT
#pragma once

#include "server/events/roomevent.h"

#include <QObject>

namespace roomgate::server {

/**
 * Fan-out of room events between the services of one node and between nodes. The
 * in-process bus is the embedded default; a broker-backed bus plugs in here.
 *
 * publish() may be called from any thread. Subscribers get every event queued on their
 * own thread (never inside publish()), in publish order per publishing thread — the
 * storage writer publishes in commit order, and its answers to a thread are posted after
 * the events of the same commit, so a thread never hears an answer before its events.
 */
class EventBus : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void publish(const RoomEvent &event) = 0;

    /** Calls @p handler with each event, queued on @p receiver's thread, while it lives. */
    template<typename Handler> QMetaObject::Connection subscribe(QObject *receiver, Handler handler)
    {
        return connect(this, &EventBus::delivered, receiver, std::move(handler),
                       Qt::QueuedConnection);
    }

Q_SIGNALS:
    void delivered(const roomgate::server::RoomEvent &event);
};

} // namespace roomgate::server
