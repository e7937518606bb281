// SPDX-License-Identifier: MIT
#pragma once

#include "server/events/roomevent.h"

#include <QObject>

#include <functional>

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

    /**
     * Interest in a room's events from other nodes: this node holds members there. Counted
     * (each follow() needs its unfollow()); a broker bus binds the room while the count is
     * above zero, so a node receives only the rooms it has members in. Events published on
     * this node are always delivered here. Any thread.
     */
    virtual void follow(const QString &room) { Q_UNUSED(room); }
    virtual void unfollow(const QString &room) { Q_UNUSED(room); }
    /**
     * Calls @p then on @p context's thread (queued) once events of @p room published on
     * other nodes from now on reach this node: at once when no binding is needed (no other
     * nodes, the room or every room already bound, or the other nodes out of reach — their
     * return then sends members to re-enter). follow() the room first. Any thread.
     */
    virtual void whenFollowing(const QString &room, QObject *context, std::function<void()> then)
    {
        Q_UNUSED(room);
        QMetaObject::invokeMethod(context, std::move(then), Qt::QueuedConnection);
    }
    /** Whether other nodes' events reach this node only for the rooms it follows. */
    virtual bool routesByRoom() const { return false; }
    /** Every room's events (a dashboard is open on this node). Any thread. */
    virtual void followAll(bool all) { Q_UNUSED(all); }
    /** False while the bus cannot reach the other nodes (the node serves its own members). */
    virtual bool isConnected() const { return true; }

    /** Calls @p handler with each event, queued on @p receiver's thread, while it lives. */
    template<typename Handler> QMetaObject::Connection subscribe(QObject *receiver, Handler handler)
    {
        return connect(this, &EventBus::delivered, receiver, std::move(handler),
                       Qt::QueuedConnection);
    }

Q_SIGNALS:
    void delivered(const roomgate::server::RoomEvent &event);
    /**
     * The link to the other nodes came back (@p connected) or was lost. Events published
     * elsewhere meanwhile were not delivered here: members should re-enter (history fills
     * the gap).
     */
    void connectionChanged(bool connected);
};

} // namespace roomgate::server
