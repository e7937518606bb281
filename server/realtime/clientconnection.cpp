// SPDX-License-Identifier: MIT
#include "server/realtime/clientconnection.h"

#include "server/admission/admissionservice.h"
#include "server/admission/chatservice.h"
#include "server/events/eventbus.h"
#include "server/realtime/gatewayworker.h"
#include "server/realtime/logging.h"
#include "server/realtime/websocketchannel.h"
#include "server/realtime/websocketframe.h"
#include "shared/frames.h"

#include <QTimer>
#include <QUrlQuery>

namespace roomgate::server {

namespace {
/// Room for an error frame and a close frame beyond the buffered output.
constexpr qint64 kCloseHeadroomBytes = 512;
/// How long a slow consumer may take to read its close before the TCP connection is cut.
constexpr qint64 kSlowCloseGraceMs = 2000;
/// How long any other client may take to answer a close before the TCP connection is cut.
constexpr qint64 kCloseGraceMs = 10'000;
/// Refusals this far apart are two floods, not one.
constexpr qint64 kFloodPauseMs = 1000;
/// How long a claim waits for the broker to bind its room before it is decided anyway.
constexpr int kBindWaitMs = 2000;
} // namespace

ClientConnection::ClientConnection(GatewayWorker &worker, WebSocketChannel *channel,
                                   QString connectionId)
    : m_worker(worker), m_socket(channel), m_connectionId(std::move(connectionId))
{
    channel->setParent(this);
    m_lastSeenMs = m_lastPingMs = m_worker.settings().clock->monotonicMs();
    connect(channel, &WebSocketChannel::textReceived, this, &ClientConnection::onTextMessage);
    connect(channel, &WebSocketChannel::binaryReceived, this, &ClientConnection::onBinaryMessage);
    connect(channel, &WebSocketChannel::alive, this, [this] { touch(); });
    connect(channel, &WebSocketChannel::disconnected, this, &ClientConnection::onDisconnected);
}

QString ClientConnection::peerAddress() const
{
    if (!m_socket)
        return {};
    // Behind a trusted proxy, the client its X-Forwarded-For names.
    return m_worker.settings()
        .clients.resolve(m_socket->peerAddress(), m_socket->forwardedFor())
        .toString();
}

void ClientConnection::touch()
{
    m_lastSeenMs = m_worker.settings().clock->monotonicMs();
}

void ClientConnection::claim()
{
    const QByteArray &target = m_socket->target();
    const qsizetype queryStart = target.indexOf('?');
    const QUrlQuery query(queryStart < 0 ? QString()
                                         : QString::fromLatin1(target.mid(queryStart + 1)));
    const QByteArray ticket
        = query.queryItemValue(QStringLiteral("ticket"), QUrl::FullyDecoded).toUtf8();
    EventBus &bus = m_worker.bus();
    if (bus.routesByRoom()) {
        // Other nodes' events of the room must reach this node before the claim reads the
        // history, or a message committed in between would be in neither.
        const QString room = m_worker.admission().roomOfTicket(ticket);
        if (!room.isEmpty()) {
            m_worker.preFollow(this, room);
            const auto decide = [this, ticket] {
                if (m_state == State::Claiming && m_socket && !m_claimDecided)
                    decideClaim(ticket);
            };
            bus.whenFollowing(room, this, decide);
            // A broker that takes this long to bind does not hold the entry up any longer:
            // the member may then miss the room's messages of that moment (they stay in
            // the history), which beats never getting in.
            QTimer::singleShot(kBindWaitMs, this, decide);
            return;
        }
    }
    decideClaim(ticket);
}

void ClientConnection::decideClaim(const QByteArray &ticket)
{
    m_claimDecided = true;
    AdmissionService &admission = m_worker.admission();
    m_worker.admission().claim(
        ticket, m_connectionId, peerAddress(),
        [self = QPointer(this), &admission](const Outcome<ClaimResult> &outcome) {
            if (self && self->m_state == State::Claiming) {
                self->onClaimed(outcome);
                return;
            }
            // The socket went while its claim was decided: give the seat
            // straight back.
            if (outcome.ok())
                admission.release(outcome.value.membership);
        });
}

void ClientConnection::onClaimed(const Outcome<ClaimResult> &outcome)
{
    // Once in the room index (or refused), the room's events come the usual way.
    const auto keptMessages = [this] { return m_worker.endPreFollow(this); };
    if (!outcome.ok()) {
        keptMessages();
        Problem problem(outcome.code);
        problem.room = outcome.value.reservation.roomName;
        if (outcome.code == ErrorCode::RateLimited) {
            problem.detail = QStringLiteral("this user has the most joined sockets allowed");
            problem.retryAfterSeconds = 1;
        }
        refuse(problem);
        return;
    }
    const ClaimResult &result = outcome.value;
    m_membership = result.membership;
    m_seatHeld = true;
    m_state = State::Joined;
    m_worker.joinRoomIndex(this);
    const QList<ChatMessage> kept = keptMessages();
    sendFrame(Frames::encode(
        Frames::Joined{result.room.info(), m_membership.userName, result.members, result.history}));
    // Messages committed after the history was read, published before the room index had
    // this connection: once each, in order.
    for (const ChatMessage &message : result.history)
        m_historyIds.push_back(message.id);
    std::sort(m_historyIds.begin(), m_historyIds.end());
    for (const ChatMessage &message : kept) {
        if (!hadInHistory(message.id))
            sendFrame(Frames::encode(message));
    }
}

qint64 ClientConnection::unsentBytes() const
{
    return (m_socket ? m_socket->bytesToWrite() : 0) + m_outboxBytes;
}

bool ClientConnection::fits(qint64 bytes)
{
    if (!m_socket || m_state == State::Closed || m_abortAtMs)
        return false;
    const qint64 limit = m_worker.settings().sendBufferLimitBytes;
    if (unsentBytes() + bytes > limit) {
        // Frames reach the kernel once per event-loop turn: a burst fills the buffers
        // even for a fast reader. Hand the kernel what it takes now, then judge.
        flushOutbox();
        if (unsentBytes() + bytes > limit) {
            dropSlowConsumer();
            return false;
        }
    }
    return true;
}

void ClientConnection::sendWire(const QByteArray &wire)
{
    if (fits(wire.size()))
        hold(wire);
}

void ClientConnection::hold(const QByteArray &wire)
{
    // Until the worker's next pass: the frames of one event-loop turn go out together, in
    // one send(2) (shared with the broadcast, not copied, until then).
    m_outbox.append(wire);
    m_outboxBytes += wire.size();
    if (m_outbox.size() == 1)
        m_worker.flushLater(this);
}

void ClientConnection::flushOutbox()
{
    if (m_outbox.isEmpty())
        return;
    const QByteArray bytes = m_outbox.size() == 1 ? m_outbox.constFirst() : m_outbox.join();
    m_outbox = {};
    m_outboxBytes = 0;
    // Pings and the close go straight to the channel: closeWith() flushes first.
    if (m_socket)
        m_socket->write(bytes);
}

void ClientConnection::sendFrame(const QByteArray &utf8)
{
    sendWire(webSocketTextFrame(utf8));
}

void ClientConnection::dropSlowConsumer()
{
    // What could not be delivered is dropped; the seat is freed at once, whatever the
    // socket does next. The close goes out only if it fits, and the peer gets a moment
    // to take it; the deadline aborts it otherwise (checkLiveness).
    qCInfo(lcGateway).noquote() << "slow consumer:" << m_membership.userName << "in"
                                << m_membership.roomName << "with" << unsentBytes()
                                << "bytes unsent";
    releaseSeat();
    const bool closeFits
        = unsentBytes() + kCloseHeadroomBytes <= m_worker.settings().sendBufferLimitBytes;
    if (!closeFits) {
        m_state = State::Closing;
        m_socket->abort();
        return;
    }
    refuse(Problem(ErrorCode::SlowConsumer));
    m_abortAtMs = m_worker.settings().clock->monotonicMs() + kSlowCloseGraceMs;
}

void ClientConnection::sendError(const Problem &problem)
{
    if (!m_socket || m_state == State::Closed)
        return;
    // Past the send-buffer limit, as the close it may precede: a slow consumer's 4509 is
    // sent only where both fit (dropSlowConsumer()).
    hold(webSocketTextFrame(Frames::encode(problem)));
}

void ClientConnection::refuse(const Problem &problem)
{
    if (!m_socket || m_state == State::Closing || m_state == State::Closed)
        return;
    m_state = State::Closing;
    closeWith(problem);
}

void ClientConnection::closeWith(const std::optional<Problem> &problem)
{
    if (!m_socket || m_state == State::Closed)
        return;
    // A client that never answers the close is cut after a while.
    if (m_abortAtMs == 0)
        m_abortAtMs = m_worker.settings().clock->monotonicMs() + kCloseGraceMs;
    if (!problem) {
        flushOutbox(); // what was sent before goes out before the close
        m_socket->close(1000, "OK");
        return;
    }
    const int code = errorInfo(problem->code).closeCode;
    sendError(*problem);
    flushOutbox();
    m_socket->close(static_cast<quint16>(code ? code : 1011), wireName(problem->code).toUtf8());
}

void ClientConnection::endWith(std::optional<Problem> problem)
{
    if (!m_socket || m_state == State::Closing || m_state == State::Closed)
        return;
    m_state = State::Closing;
    releaseSeat([self = QPointer(this), problem = std::move(problem)] {
        if (self)
            self->closeWith(problem);
    });
}

void ClientConnection::endNow(const Problem &problem)
{
    if (!m_socket || m_state == State::Closing || m_state == State::Closed)
        return;
    releaseSeat({});
    refuse(problem);
}

void ClientConnection::sendOff(const Problem &problem)
{
    m_seatHeld = false;
    refuse(problem);
}

void ClientConnection::releaseSeat(std::function<void()> done)
{
    if (!m_seatHeld) {
        if (done)
            done();
        return;
    }
    m_seatHeld = false;
    m_worker.admission().release(m_membership, std::move(done));
}

void ClientConnection::checkLiveness(qint64 now, qint64 pingIntervalMs, qint64 idleTimeoutMs)
{
    if (m_socket && m_abortAtMs && now >= m_abortAtMs) {
        m_socket->abort(); // a slow consumer that did not take its close either
        return;
    }
    if (!m_socket || m_state != State::Joined)
        return;
    if (now - m_lastSeenMs >= idleTimeoutMs) {
        qCInfo(lcGateway).noquote()
            << "idle timeout:" << m_membership.userName << "in" << m_membership.roomName;
        endWith(Problem(ErrorCode::IdleTimeout));
        return;
    }
    if (now - m_lastPingMs >= pingIntervalMs) {
        m_lastPingMs = now;
        m_socket->ping();
    }
}

void ClientConnection::onTextMessage(const QByteArray &utf8)
{
    touch();
    if (m_state != State::Joined)
        return;
    QString why;
    const auto frame = Frames::decodeClientFrame(utf8, &why);
    if (!frame) {
        refuse(Problem(ErrorCode::BadRequest, why));
        return;
    }
    if (const auto *chat = std::get_if<Frames::Chat>(&*frame)) {
        handleChat(chat->text, chat->clientId);
        return;
    }
    // leave: the seat is free before the close says so.
    endWith(std::nullopt);
}

void ClientConnection::handleChat(const QString &text, const std::optional<QString> &clientId)
{
    m_worker.chat().post(m_membership, m_connectionId, text, clientId,
                         [self = QPointer(this)](const Outcome<ChatPosted> &outcome) {
                             if (!self || self->m_state != State::Joined)
                                 return;
                             if (outcome.code == ErrorCode::RateLimited) {
                                 self->onFlooding(outcome.retryAfterMs);
                                 return;
                             }
                             if (!outcome.ok()) {
                                 // Refused for its content or not stored: the connection stays.
                                 Problem problem(outcome.code);
                                 if (outcome.code != ErrorCode::BadRequest
                                     && outcome.code != ErrorCode::MessageTooLarge)
                                     problem.detail = QStringLiteral(
                                         "the message was not stored; send it again");
                                 problem.room = self->m_membership.roomName;
                                 self->sendError(problem);
                                 return;
                             }
                             // A repeated clientId: the original goes back to the sender only. A
                             // new message reaches everyone, the sender too, through the room's
                             // events.
                             if (outcome.value.duplicate)
                                 self->sendFrame(Frames::encode(outcome.value.message));
                         });
}

void ClientConnection::onFlooding(qint64 retryAfterMs)
{
    // The frame is dropped with an error frame and the socket stays; one still over the
    // rate after a while of refusals is closed.
    // A flood is refusals without a pause of a second; frames let through by the refill
    // within it do not end it.
    const qint64 now = m_worker.settings().clock->monotonicMs();
    if (m_floodSinceMs == 0 || now - m_lastRefusalMs > kFloodPauseMs)
        m_floodSinceMs = now;
    m_lastRefusalMs = now;
    Problem problem(ErrorCode::RateLimited, QStringLiteral("too many messages; slow down"));
    problem.room = m_membership.roomName;
    problem.retryAfterSeconds = Problem::secondsRoundedUp(retryAfterMs);
    if (now - m_floodSinceMs >= m_worker.settings().floodCloseMs) {
        qCInfo(lcGateway).noquote()
            << "message flood:" << m_membership.userName << "in" << m_membership.roomName;
        endWith(problem);
        return;
    }
    sendError(problem);
}

void ClientConnection::onBinaryMessage()
{
    touch();
    refuse(Problem(ErrorCode::BadRequest,
                   QStringLiteral("binary frames are not part of the protocol")));
}

void ClientConnection::onDisconnected()
{
    releaseSeat();
    m_state = State::Closed;
    Q_EMIT finished(this);
}

} // namespace roomgate::server
