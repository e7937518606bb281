// SPDX-License-Identifier: MIT
#include "server/events/rabbitmqeventbus.h"

#include "shared/textrules.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutexLocker>
#include <QRandomGenerator>
#include <QThread>
#include <QUrl>

#include <amqp.h>
#include <amqp_tcp_socket.h>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace roomgate::server {

namespace {

Q_LOGGING_CATEGORY(lcEvents, "roomgate.server.events", QtInfoMsg)

constexpr amqp_channel_t Channel = 1;
constexpr char Exchange[] = "roomgate.rooms";
constexpr char AllRooms[] = "room.#";
/** Heartbeats both ways: a broker that vanished without closing is noticed in ~2 of these. */
constexpr int HeartbeatSeconds = 10;
/** TCP connect, handshake and each RPC (declare, bind) at most. */
constexpr int TimeoutSeconds = 5;
constexpr int FirstRetryMs = 500;
constexpr int LastRetryMs = 10000;
/** The link's poll() wakes at least this often (heartbeats, stop). */
constexpr int PollMs = 1000;
/** Deliveries handled per turn before pending publishes get theirs. */
constexpr int ReadsPerTurn = 256;

amqp_bytes_t bytes(const QByteArray &data)
{
    return amqp_bytes_t{static_cast<size_t>(data.size()), const_cast<char *>(data.constData())};
}

QByteArray toByteArray(amqp_bytes_t data)
{
    return QByteArray(static_cast<const char *>(data.bytes), static_cast<qsizetype>(data.len));
}

QString closeReason(const amqp_method_t &method)
{
    if (method.id == AMQP_CONNECTION_CLOSE_METHOD) {
        const auto *close = static_cast<const amqp_connection_close_t *>(method.decoded);
        return QStringLiteral("broker closed the connection: %1 %2")
            .arg(close->reply_code)
            .arg(QString::fromUtf8(toByteArray(close->reply_text)));
    }
    if (method.id == AMQP_CHANNEL_CLOSE_METHOD) {
        const auto *close = static_cast<const amqp_channel_close_t *>(method.decoded);
        return QStringLiteral("broker closed the channel: %1 %2")
            .arg(close->reply_code)
            .arg(QString::fromUtf8(toByteArray(close->reply_text)));
    }
    return QStringLiteral("unexpected method 0x%1").arg(method.id, 8, 16, QLatin1Char('0'));
}

QString describe(const amqp_rpc_reply_t &reply)
{
    switch (reply.reply_type) {
    case AMQP_RESPONSE_NORMAL:
        return QStringLiteral("no error");
    case AMQP_RESPONSE_NONE:
        return QStringLiteral("no reply");
    case AMQP_RESPONSE_LIBRARY_EXCEPTION:
        return QString::fromUtf8(amqp_error_string2(reply.library_error));
    case AMQP_RESPONSE_SERVER_EXCEPTION:
        return closeReason(reply.reply);
    }
    return QStringLiteral("unknown reply");
}

/** The parts of a broker URL; they point into @p buffer, which must outlive them. */
bool parseUrl(QByteArray &buffer, amqp_connection_info *info, QString *problem)
{
    amqp_default_connection_info(info);
    if (!buffer.startsWith("amqp://") && !buffer.startsWith("amqps://")) {
        *problem = QStringLiteral("a broker URL starts with amqp://");
        return false;
    }
    // librabbitmq takes "amqp://:5672/" for localhost: a typo should not reach a broker.
    if (QUrl(QString::fromUtf8(buffer)).host().isEmpty()) {
        *problem = QStringLiteral("the broker URL names no host");
        return false;
    }
    if (amqp_parse_url(buffer.data(), info) != AMQP_STATUS_OK) {
        *problem = QStringLiteral("not a broker URL (amqp://USER:PASS@HOST:PORT/VHOST)");
        return false;
    }
    if (info->ssl) {
        *problem = QStringLiteral("amqps:// (TLS to the broker) is not supported");
        return false;
    }
    // RabbitMQ has no empty virtual host: "amqp://host/" means the default one.
    if (*info->vhost == '\0')
        info->vhost = const_cast<char *>(AMQP_DEFAULT_VHOST);
    return true;
}

} // namespace

RabbitMqEventBus::RabbitMqEventBus(const QString &url, const QString &nodeId, QObject *parent)
    : EventBus(parent), m_nodeId(nodeId), m_url(url.toUtf8()), m_nodeUtf8(nodeId.toUtf8())
{
    qRegisterMetaType<RoomEvent>();
    QByteArray buffer = m_url;
    amqp_connection_info info;
    QString problem;
    if (!parseUrl(buffer, &info, &problem)) {
        qCCritical(lcEvents).noquote() << "broker:" << problem << "- events stay on this node";
        return;
    }
    m_where = QStringLiteral("%1:%2 (vhost %3)")
                  .arg(QString::fromUtf8(info.host))
                  .arg(info.port)
                  .arg(QString::fromUtf8(info.vhost));
    m_wakeFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m_wakeFd < 0) {
        qCCritical(lcEvents) << "broker: no eventfd:" << std::strerror(errno);
        return;
    }
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(QStringLiteral("rabbitmq"));
    m_thread->start();
}

RabbitMqEventBus::~RabbitMqEventBus()
{
    if (m_thread) {
        m_stopping = true;
        wake();
        // The link stops within a poll turn, or after the RPC or send it is blocked in:
        // shutting the socket down ends that at once.
        if (!m_thread->wait(QDeadlineTimer(3000))) {
            {
                QMutexLocker lock(&m_mutex);
                if (m_socket >= 0)
                    ::shutdown(m_socket, SHUT_RDWR);
            }
            if (!m_thread->wait(QDeadlineTimer(3LL * TimeoutSeconds * 1000))) {
                qCCritical(lcEvents) << "broker: the link thread does not stop; terminating it";
                m_thread->terminate();
                m_thread->wait();
            }
        }
        delete m_thread;
    }
    if (m_wakeFd >= 0)
        ::close(m_wakeFd);
}

QByteArray RabbitMqEventBus::routingKey(const QString &room)
{
    return "room."
        + QCryptographicHash::hash(TextRules::nameKey(room).toUtf8(), QCryptographicHash::Sha1)
              .toHex();
}

QString RabbitMqEventBus::urlProblem(const QString &url)
{
    QByteArray buffer = url.toUtf8();
    amqp_connection_info info;
    QString problem;
    parseUrl(buffer, &info, &problem);
    return problem;
}

bool RabbitMqEventBus::isConnected() const
{
    return m_connected.load(std::memory_order_acquire);
}

void RabbitMqEventBus::publish(const RoomEvent &event)
{
    // Here first, at once, like InProcessEventBus: subscribers are queued.
    Q_EMIT delivered(event);
    if (!m_connected.load(std::memory_order_acquire))
        return; // delivered locally only
    Pending pending{routingKey(event.room),
                    QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact)};
    bool wasEmpty = false;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_connected.load(std::memory_order_relaxed))
            return;
        if (m_pending.size() >= MaxPending) {
            if (!m_overflowWarned)
                qCWarning(lcEvents) << "broker: more than" << MaxPending
                                    << "events waiting to be sent; delivering locally only";
            m_overflowWarned = true;
            return;
        }
        wasEmpty = m_pending.isEmpty();
        m_pending.append(std::move(pending));
    }
    if (wasEmpty)
        wake();
}

void RabbitMqEventBus::follow(const QString &room)
{
    const QByteArray key = routingKey(room);
    {
        QMutexLocker lock(&m_mutex);
        if (++m_follows[key] != 1)
            return;
        m_dirty.insert(key);
    }
    wake();
}

void RabbitMqEventBus::unfollow(const QString &room)
{
    const QByteArray key = routingKey(room);
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_follows.find(key);
        if (it == m_follows.end()) {
            qCWarning(lcEvents) << "broker: unfollow() of a room not followed:" << room;
            return;
        }
        if (--it.value() > 0)
            return;
        m_follows.erase(it);
        m_dirty.insert(key);
    }
    wake();
}

void RabbitMqEventBus::whenFollowing(const QString &room, QObject *context,
                                     std::function<void()> then)
{
    const QByteArray key = routingKey(room);
    {
        QMutexLocker lock(&m_mutex);
        const bool bound = m_boundNow.contains(key) || m_boundNow.contains(QByteArray(AllRooms));
        if (m_connected.load(std::memory_order_relaxed) && !bound) {
            m_waiters[key].append(Waiter{context, std::move(then)});
            return;
        }
    }
    release({Waiter{context, std::move(then)}});
}

void RabbitMqEventBus::release(const QList<Waiter> &waiters)
{
    for (const Waiter &w : waiters) {
        if (w.context)
            QMetaObject::invokeMethod(w.context.data(), w.then, Qt::QueuedConnection);
    }
}

void RabbitMqEventBus::followAll(bool all)
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_followAll == all)
            return;
        m_followAll = all;
        m_dirty.insert(QByteArray(AllRooms));
    }
    wake();
}

void RabbitMqEventBus::wake() const
{
    if (m_wakeFd >= 0)
        ::eventfd_write(m_wakeFd, 1);
}

// ---- the link thread ------------------------------------------------------------------------

void RabbitMqEventBus::run()
{
    int retryMs = FirstRetryMs;
    bool reported = false; // the current outage is in the log already
    while (!m_stopping) {
        if (connectOnce()) {
            qCInfo(lcEvents).noquote()
                << "broker: connected to" << m_where << "as node" << m_nodeId;
            retryMs = FirstRetryMs;
            reported = false;
            serve();
            if (m_stopping) {
                m_connected = false; // nobody to tell: the bus is being destroyed
                closeConnection(true);
                break;
            }
            qCWarning(lcEvents).noquote()
                << "broker: lost" << m_where << QStringLiteral("(%1);").arg(m_lastError)
                << "events stay on this node until it is back";
            setConnected(false);
            closeConnection(false);
        } else {
            closeConnection(false);
            if (m_stopping)
                break;
            if (!reported)
                qCWarning(lcEvents).noquote()
                    << "broker: cannot connect to" << m_where
                    << QStringLiteral("(%1);").arg(m_lastError) << "retrying";
            else
                qCInfo(lcEvents).noquote() << "broker: still cannot connect to" << m_where
                                           << QStringLiteral("(%1)").arg(m_lastError);
            reported = true;
        }
        // Backoff with jitter, so that the nodes of a cluster do not all come back at once.
        waitFor(retryMs * 3 / 4
                + static_cast<int>(QRandomGenerator::global()->bounded(retryMs / 2)));
        retryMs = qMin(retryMs * 2, LastRetryMs);
    }
}

bool RabbitMqEventBus::failed(const char *what)
{
    m_lastError = QString::fromLatin1(what) + QStringLiteral(": ")
        + describe(amqp_get_rpc_reply(m_connection));
    return false;
}

bool RabbitMqEventBus::connectOnce()
{
    QByteArray buffer = m_url;
    amqp_connection_info info;
    if (!parseUrl(buffer, &info, &m_lastError))
        return false;

    m_connection = amqp_new_connection();
    if (!m_connection) {
        m_lastError = QStringLiteral("out of memory");
        return false;
    }
    amqp_socket_t *socket = amqp_tcp_socket_new(m_connection);
    if (!socket) {
        m_lastError = QStringLiteral("no socket");
        return false;
    }
    timeval timeout{TimeoutSeconds, 0};
    const int opened = amqp_socket_open_noblock(socket, info.host, info.port, &timeout);
    if (opened != AMQP_STATUS_OK) {
        m_lastError = QString::fromUtf8(amqp_error_string2(opened));
        return false;
    }
    {
        QMutexLocker lock(&m_mutex);
        m_socket = amqp_socket_get_sockfd(socket);
    }
    amqp_set_handshake_timeout(m_connection, &timeout);
    amqp_set_rpc_timeout(m_connection, &timeout);

    const amqp_rpc_reply_t login
        = amqp_login(m_connection, info.vhost, 0, AMQP_DEFAULT_FRAME_SIZE, HeartbeatSeconds,
                     AMQP_SASL_METHOD_PLAIN, info.user, info.password);
    if (login.reply_type != AMQP_RESPONSE_NORMAL) {
        m_lastError = QStringLiteral("login: ") + describe(login);
        return false;
    }
    if (!amqp_channel_open(m_connection, Channel))
        return failed("channel");
    // Durable: every node declares it alike, and it outlives a broker restart.
    if (!amqp_exchange_declare(m_connection, Channel, amqp_cstring_bytes(Exchange),
                               amqp_cstring_bytes("topic"), false, true, false, false,
                               amqp_empty_table))
        return failed("exchange");
    // Server-named, exclusive, auto-deleted: a new one per connection, gone with it, and
    // never held by an earlier connection the broker has not noticed the end of yet.
    const amqp_queue_declare_ok_t *queue = amqp_queue_declare(
        m_connection, Channel, amqp_empty_bytes, false, false, true, true, amqp_empty_table);
    if (!queue)
        return failed("queue");
    m_queue = toByteArray(queue->queue);
    // No acknowledgements: events are live notices (history is in the database), and a
    // node that is gone has nobody to deliver to.
    if (!amqp_basic_consume(m_connection, Channel, bytes(m_queue), amqp_empty_bytes, false, true,
                            true, amqp_empty_table))
        return failed("consume");

    // Every room followed by now; later changes stay in m_dirty for serve().
    m_bound.clear();
    QList<QByteArray> wanted;
    {
        QMutexLocker lock(&m_mutex);
        m_dirty.clear();
        wanted = m_follows.keys();
        if (m_followAll)
            wanted.append(QByteArray(AllRooms));
    }
    for (const QByteArray &key : std::as_const(wanted)) {
        if (m_stopping || !bind(key, true))
            return false;
    }
    setConnected(true);
    return true;
}

bool RabbitMqEventBus::bind(const QByteArray &key, bool on)
{
    const bool done = on
        ? amqp_queue_bind(m_connection, Channel, bytes(m_queue), amqp_cstring_bytes(Exchange),
                          bytes(key), amqp_empty_table)
            != nullptr
        : amqp_queue_unbind(m_connection, Channel, bytes(m_queue), amqp_cstring_bytes(Exchange),
                            bytes(key), amqp_empty_table)
            != nullptr;
    if (!done)
        return failed(on ? "bind" : "unbind");
    if (on)
        m_bound.insert(key);
    else
        m_bound.remove(key);
    QList<Waiter> ready;
    {
        QMutexLocker lock(&m_mutex);
        if (on) {
            m_boundNow.insert(key);
            if (key == AllRooms) {
                for (const QList<Waiter> &waiting : std::as_const(m_waiters))
                    ready += waiting;
                m_waiters.clear();
            } else {
                ready = m_waiters.take(key);
            }
        } else {
            m_boundNow.remove(key);
        }
    }
    release(ready);
    return true;
}

void RabbitMqEventBus::serve()
{
    const int fd = amqp_socket_get_sockfd(amqp_get_socket(m_connection));
    while (!m_stopping) {
        if (!syncBindings() || !sendPending() || !readIncoming())
            return;
        // librabbitmq may hold frames it has read already: the socket would not wake us.
        const bool buffered
            = amqp_data_in_buffer(m_connection) || amqp_frames_enqueued(m_connection);
        pollfd fds[2] = {{fd, POLLIN, 0}, {m_wakeFd, POLLIN, 0}};
        if (::poll(fds, 2, buffered ? 0 : PollMs) < 0 && errno != EINTR) {
            m_lastError = QString::fromUtf8(std::strerror(errno));
            return;
        }
        if (fds[1].revents & POLLIN) {
            eventfd_t ignored;
            ::eventfd_read(m_wakeFd, &ignored);
        }
    }
}

bool RabbitMqEventBus::syncBindings()
{
    QList<std::pair<QByteArray, bool>> changes;
    {
        QMutexLocker lock(&m_mutex);
        for (const QByteArray &key : std::as_const(m_dirty)) {
            const bool wanted = key == AllRooms ? m_followAll : m_follows.contains(key);
            if (wanted != m_bound.contains(key))
                changes.append({key, wanted});
        }
        m_dirty.clear();
    }
    for (const auto &[key, on] : std::as_const(changes)) {
        if (!bind(key, on))
            return false;
    }
    return true;
}

bool RabbitMqEventBus::sendPending()
{
    QList<Pending> batch;
    {
        QMutexLocker lock(&m_mutex);
        batch.swap(m_pending);
        m_overflowWarned = false;
    }
    if (batch.isEmpty())
        return true;
    amqp_basic_properties_t properties;
    properties._flags
        = AMQP_BASIC_CONTENT_TYPE_FLAG | AMQP_BASIC_DELIVERY_MODE_FLAG | AMQP_BASIC_APP_ID_FLAG;
    properties.content_type = amqp_cstring_bytes("application/json");
    properties.delivery_mode = 1; // transient: a live notice, not a record
    properties.app_id = bytes(m_nodeUtf8);
    for (const Pending &pending : std::as_const(batch)) {
        const int sent = amqp_basic_publish(m_connection, Channel, amqp_cstring_bytes(Exchange),
                                            bytes(pending.key), false, false, &properties,
                                            bytes(pending.body));
        if (sent != AMQP_STATUS_OK) {
            m_lastError = QStringLiteral("publish: ") + QString::fromUtf8(amqp_error_string2(sent));
            return false;
        }
    }
    return true;
}

bool RabbitMqEventBus::readIncoming()
{
    for (int i = 0; i < ReadsPerTurn; ++i) {
        amqp_maybe_release_buffers(m_connection);
        timeval now{0, 0};
        amqp_envelope_t envelope;
        const amqp_rpc_reply_t reply = amqp_consume_message(m_connection, &envelope, &now, 0);
        if (reply.reply_type == AMQP_RESPONSE_NORMAL) {
            const amqp_basic_properties_t &properties = envelope.message.properties;
            const QByteArray appId = (properties._flags & AMQP_BASIC_APP_ID_FLAG)
                ? toByteArray(properties.app_id)
                : QByteArray();
            const QByteArray body = toByteArray(envelope.message.body);
            amqp_destroy_envelope(&envelope);
            handleDelivery(appId, body);
            continue;
        }
        if (reply.reply_type != AMQP_RESPONSE_LIBRARY_EXCEPTION) {
            m_lastError = describe(reply);
            return false;
        }
        if (reply.library_error == AMQP_STATUS_TIMEOUT)
            return true; // nothing more for now
        if (reply.library_error != AMQP_STATUS_UNEXPECTED_STATE) {
            m_lastError = describe(reply);
            return false;
        }
        // Something other than a delivery: it was put back for us to read.
        amqp_frame_t frame;
        const int status = amqp_simple_wait_frame_noblock(m_connection, &frame, &now);
        if (status != AMQP_STATUS_OK) {
            m_lastError = QString::fromUtf8(amqp_error_string2(status));
            return false;
        }
        if (frame.frame_type != AMQP_FRAME_METHOD)
            continue;
        switch (frame.payload.method.id) {
        case AMQP_CONNECTION_CLOSE_METHOD: {
            m_lastError = closeReason(frame.payload.method);
            amqp_connection_close_ok_t ok{};
            amqp_send_method(m_connection, 0, AMQP_CONNECTION_CLOSE_OK_METHOD, &ok);
            return false;
        }
        case AMQP_CHANNEL_CLOSE_METHOD:
            // The channel is gone (its queue with it): start over on a new connection.
            m_lastError = closeReason(frame.payload.method);
            return false;
        case AMQP_BASIC_CANCEL_METHOD:
            m_lastError = QStringLiteral("the broker cancelled the consumer");
            return false;
        case AMQP_CONNECTION_BLOCKED_METHOD:
            qCWarning(lcEvents) << "broker: publishing blocked by the broker (resource alarm)";
            continue;
        case AMQP_CONNECTION_UNBLOCKED_METHOD:
            qCInfo(lcEvents) << "broker: publishing unblocked";
            continue;
        default:
            continue;
        }
    }
    return true;
}

void RabbitMqEventBus::handleDelivery(const QByteArray &appId, const QByteArray &body)
{
    if (appId == m_nodeUtf8)
        return; // published here, delivered here already
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    bool ok = false;
    RoomEvent event;
    if (error.error == QJsonParseError::NoError && document.isObject())
        event = RoomEvent::fromJson(document.object(), &ok);
    if (!ok) {
        qCWarning(lcEvents) << "broker: dropped a malformed event of" << body.size() << "bytes";
        return;
    }
    if (event.originNode == m_nodeId)
        return;
    Q_EMIT delivered(event);
}

void RabbitMqEventBus::setConnected(bool connected)
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_connected.load(std::memory_order_relaxed) == connected)
            return;
        m_connected.store(connected, std::memory_order_release);
        m_pending.clear(); // a new link starts with what is published from now on
    }
    // On the bus's own thread, like everything else about its state.
    QMetaObject::invokeMethod(
        this, [this, connected] { Q_EMIT connectionChanged(connected); }, Qt::QueuedConnection);
}

void RabbitMqEventBus::closeConnection(bool polite)
{
    if (!m_connection)
        return;
    if (polite) {
        timeval timeout{1, 0};
        amqp_set_rpc_timeout(m_connection, &timeout);
        amqp_channel_close(m_connection, Channel, AMQP_REPLY_SUCCESS);
        amqp_connection_close(m_connection, AMQP_REPLY_SUCCESS);
    }
    {
        QMutexLocker lock(&m_mutex);
        m_socket = -1; // the destructor must not shut down a descriptor reused elsewhere
    }
    amqp_destroy_connection(m_connection);
    m_connection = nullptr;
    m_queue.clear();
    m_bound.clear();
    // Nothing is bound any more: whoever waits goes on (the return sends members to re-enter).
    QList<Waiter> waiting;
    {
        QMutexLocker lock(&m_mutex);
        m_boundNow.clear();
        for (const QList<Waiter> &w : std::as_const(m_waiters))
            waiting += w;
        m_waiters.clear();
    }
    release(waiting);
}

void RabbitMqEventBus::waitFor(int ms)
{
    const QDeadlineTimer deadline(ms);
    while (!m_stopping && !deadline.hasExpired()) {
        pollfd fd{m_wakeFd, POLLIN, 0};
        if (::poll(&fd, 1, static_cast<int>(deadline.remainingTime())) > 0) {
            eventfd_t ignored;
            ::eventfd_read(m_wakeFd, &ignored);
        }
    }
}

} // namespace roomgate::server
