// SPDX-License-Identifier: MIT
#pragma once

#include "server/events/eventbus.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QPointer>
#include <QSet>
#include <QString>

#include <atomic>
#include <functional>

class QThread;
struct amqp_connection_state_t_;

namespace roomgate::server {

/**
 * The event bus between nodes, on a RabbitMQ broker (AMQP 0-9-1, librabbitmq).
 *
 * Every node publishes to one topic exchange (`roomgate.rooms`) with a routing key per room
 * (`routingKey()`), and reads its own exclusive, auto-deleted queue, bound to the keys of the
 * rooms it follows (`follow()` while the count is above zero, `room.#` under `followAll()`),
 * so a node receives only the rooms it has members in. Events from one node for one room
 * reach every other node in publish order (one connection, one channel).
 *
 * publish() delivers locally at once, on the publishing thread (as `InProcessEventBus`
 * does: subscribers are queued, and the writer's answers rely on the order), then hands the
 * event to the link thread, which sends it; what comes back from the broker with this node
 * as its origin is dropped. `delivered` for other nodes' events is emitted on the link
 * thread; subscribers get it queued on theirs.
 *
 * Broker loss: local delivery goes on. `isConnected()` turns false and `connectionChanged`
 * is emitted; events published meanwhile are delivered locally only — other nodes never
 * see them (they learn that they missed something from their own `connectionChanged`).
 * The link reconnects with backoff (0.5 s doubling to 10 s, with jitter), declares the
 * exchange and a new queue, binds every room followed by then, and only then reports
 * itself connected. Events that do not decode are logged and dropped.
 *
 * The bus object lives on the thread that made it (the main thread), and owns the link
 * thread, where the AMQP connection lives and blocks (librabbitmq is synchronous); no
 * caller ever waits for the broker. publish(), follow(), unfollow(), followAll() and
 * isConnected() may be called from any thread. The destructor closes the channel and the
 * connection and stops the thread within a few seconds, whatever the broker does.
 */
class RabbitMqEventBus final : public EventBus
{
    Q_OBJECT
public:
    /**
     * @p url: `amqp://USER:PASS@HOST:PORT/VHOST` (an empty VHOST or `%2F` is `/`).
     * @p nodeId: this node, the `originNode` of what it publishes (unique among the nodes).
     * Starts connecting at once; isConnected() is false, with no connectionChanged, until the
     * first connection is up. A URL urlProblem() rejects is logged and the bus stays
     * disconnected for good (local delivery only): check it first.
     */
    RabbitMqEventBus(const QString &url, const QString &nodeId, QObject *parent = nullptr);
    ~RabbitMqEventBus() override;

    void publish(const RoomEvent &event) override;
    void follow(const QString &room) override;
    void unfollow(const QString &room) override;
    void followAll(bool all) override;
    bool isConnected() const override;
    void whenFollowing(const QString &room, QObject *context, std::function<void()> then) override;
    bool routesByRoom() const override { return true; }

    /** What is wrong with broker URL @p url; empty when this bus can use it. */
    static QString urlProblem(const QString &url);
    /** The routing key of @p room: `room.` and the hex SHA-1 of its name key in UTF-8
     * (room names may be longer than AMQP's 255-byte keys). */
    static QByteArray routingKey(const QString &room);

    /** Events waiting to be sent at most; beyond, they are delivered locally only. */
    static constexpr qsizetype MaxPending = 65536;

private:
    struct Waiter
    {
        QPointer<QObject> context;
        std::function<void()> then;
    };
    /** Runs @p waiters on their contexts' threads (any thread, no lock held). */
    static void release(const QList<Waiter> &waiters);

    struct Pending
    {
        QByteArray key;
        QByteArray body;
    };

    // Link thread.
    void run();
    bool connectOnce();
    void serve();
    bool syncBindings();
    bool sendPending();
    bool readIncoming();
    void handleDelivery(const QByteArray &appId, const QByteArray &body);
    bool bind(const QByteArray &key, bool on);
    bool failed(const char *what);
    void closeConnection(bool polite);
    void setConnected(bool connected);
    void waitFor(int ms);
    void wake() const;

    const QString m_nodeId;
    const QByteArray m_url; ///< as given: librabbitmq parses a copy of it
    const QByteArray m_nodeUtf8; ///< the messages' app-id
    QString m_where; ///< host:port/vhost, for the log (never the password)

    // Shared, under m_mutex.
    mutable QMutex m_mutex;
    QList<Pending> m_pending;
    QHash<QByteArray, int> m_follows; ///< routing key → follow count
    bool m_followAll = false;
    QSet<QByteArray> m_dirty; ///< keys whose binding may have to change
    QSet<QByteArray> m_boundNow; ///< m_bound, for whenFollowing() on other threads
    QHash<QByteArray, QList<Waiter>> m_waiters; ///< whenFollowing() until the key is bound
    int m_socket = -1; ///< the connection's fd, for the destructor to unblock the link
    bool m_overflowWarned = false;
    std::atomic<bool> m_connected{false}; ///< written under m_mutex
    std::atomic<bool> m_stopping{false};

    // Link thread only.
    amqp_connection_state_t_ *m_connection = nullptr;
    QByteArray m_queue; ///< this connection's server-named queue
    QSet<QByteArray> m_bound;
    QString m_lastError;

    int m_wakeFd = -1; ///< eventfd: publish() and follow() wake the link's poll()
    QThread *m_thread = nullptr;
};

} // namespace roomgate::server
