// SPDX-License-Identifier: MIT
#include "client/core/roomsession.h"

#include "client/core/logging.h"
#include "shared/protocoldefaults.h"

#include <QUuid>

namespace roomgate::client {

namespace {

/** Message ids remembered for gap fills; far more than one joined frame's history. */
constexpr std::size_t kSeenIds = std::size_t{20} * ProtocolDefaults::kHistoryLength;

/** Error frames that refuse one message while the connection stays open. */
bool isContentRefusal(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadRequest:
    case ErrorCode::MessageTooLarge:
    case ErrorCode::RateLimited:
    case ErrorCode::Unavailable:
    case ErrorCode::Internal:
        return true;
    default:
        return false;
    }
}

/** Claim refusals after which the ticket is no live reservation any more. */
bool claimWasJudged(ErrorCode code)
{
    switch (code) {
    case ErrorCode::TicketInvalid:
    case ErrorCode::TicketExpired:
    case ErrorCode::TicketAlreadyUsed:
    case ErrorCode::RoomNotFound:
    case ErrorCode::RoomClosed:
    case ErrorCode::Kicked:
        return true;
    default:
        return false;
    }
}

/** Plain words for the log, not enum names. */
const char *logName(RoomSession::State state)
{
    switch (state) {
    case RoomSession::State::Idle:
        return "idle";
    case RoomSession::State::Reserving:
        return "reserving";
    case RoomSession::State::Connecting:
        return "connecting";
    case RoomSession::State::Joined:
        return "joined";
    case RoomSession::State::Leaving:
        return "leaving";
    case RoomSession::State::Failed:
        return "failed";
    }
    return "?";
}

QString logName(const RoomSession::Failure &failure)
{
    if (failure.certificate.isRefusal())
        return localErrorName(failure.local) + u'/'
            + CertificateCheck::verdictName(failure.certificate.verdict);
    return failure.local == LocalError::None ? wireName(failure.code)
                                             : localErrorName(failure.local);
}

} // namespace

QString RoomSession::Failure::sentence() const
{
    if (local == LocalError::None)
        return errorSentence(code);
    const LocalErrorPhase where
        = phase == Phase::Reservation ? LocalErrorPhase::Reservation : LocalErrorPhase::Connection;
    if (certificate.isRefusal())
        return certificate.sentence(where, address);
    return localErrorSentence(local, where, address);
}

RoomSession::RoomSession(ApiClient *api, const QString &room, QObject *parent)
    : QObject(parent), m_api(api), m_room(room)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        m_countdownTimer.stop();
        Q_EMIT reconnectingIn(0);
        requestReservation();
    });
    m_countdownTimer.setInterval(1000);
    connect(&m_countdownTimer, &QTimer::timeout, this, [this] {
        if (const int left = reconnectSecondsLeft(); left > 0)
            Q_EMIT reconnectingIn(left);
    });
    connect(&m_socket, &RoomSocket::joinedReceived, this, &RoomSession::onJoinedFrame);
    connect(&m_socket, &RoomSocket::messageReceived, this, &RoomSession::onMessageFrame);
    connect(&m_socket, &RoomSocket::presenceReceived, this, &RoomSession::onPresence);
    connect(&m_socket, &RoomSocket::errorReceived, this, &RoomSession::onErrorFrame);
    connect(&m_socket, &RoomSocket::ended, this, &RoomSession::onSocketEnded);
}

RoomSession::~RoomSession()
{
    m_socket.disconnect(this);
    // Best effort: the server frees the seat when the TCP connection closes anyway.
    if (m_state == State::Joined)
        m_socket.leave();
    m_socket.abort();
    // A reserve in flight is cancelled by its own callback (it sees this session gone).
    if (m_reservation)
        cancelTicket(m_reservation->ticket);
}

QString RoomSession::phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Reservation:
        return tr("Reservation");
    case Phase::Connection:
        return tr("Connection");
    }
    return {};
}

int RoomSession::reconnectSecondsLeft() const
{
    if (!m_retryTimer.isActive())
        return 0;
    return static_cast<int>((m_retryDeadline.remainingTime() + 999) / 1000);
}

bool RoomSession::isOwn(const ChatMessage &message) const
{
    // Both names are the server's stored form of the same account, so they compare exactly.
    return !m_you.isEmpty() && message.from == m_you;
}

void RoomSession::setState(State state)
{
    if (m_state == state)
        return;
    qCDebug(lcSession) << m_room << logName(m_state) << "->" << logName(state);
    m_state = state;
    Q_EMIT stateChanged(state);
}

void RoomSession::enter()
{
    if (m_state == State::Leaving) {
        // The room was closed and entered again at once (SessionManager::open()): the
        // server must see the goodbye first, or the new reservation meets ALREADY_IN_ROOM.
        qCDebug(lcSession) << m_room << "enter() waits for the leave to complete";
        m_enterWhenLeft = true;
        return;
    }
    if (m_state != State::Idle && m_state != State::Failed) {
        qCDebug(lcSession) << m_room << "enter() ignored while" << logName(m_state);
        return;
    }
    m_policy.reset();
    m_reconnecting = false;
    beginEntry();
}

void RoomSession::retryNow()
{
    if (m_state == State::Failed) {
        enter();
    } else if (m_retryTimer.isActive()) {
        stopTimers();
        Q_EMIT reconnectingIn(0);
        requestReservation();
    }
}

void RoomSession::beginEntry()
{
    stopTimers();
    m_failure = {};
    setState(State::Reserving);
    requestReservation();
}

RoomSession::Failure RoomSession::failureOf(Phase phase, const Problem &problem) const
{
    Failure failure;
    failure.phase = phase;
    failure.code = problem.code;
    failure.detail = problem.detail;
    failure.retryAfterSeconds = problem.retryAfterSeconds;
    failure.retryable = errorInfo(problem.code).retryable;
    failure.retryHelps = ReconnectPolicy::retryHelps(problem.code);
    if (phase == Phase::Reservation && m_api)
        failure.address = displayAddress(m_api->baseUrl());
    else if (phase == Phase::Connection)
        failure.address = displayAddress(m_socket.address());
    return failure;
}

void RoomSession::requestReservation()
{
    if (m_state != State::Reserving)
        return;
    if (!m_api) {
        fail(failureOf(Phase::Reservation,
                       Problem(ErrorCode::Internal, tr("Not connected to a server."))));
        return;
    }
    if (m_reserveInFlight) {
        // Left and entered again before the first answer: that answer will do.
        m_discardReservation = false;
        return;
    }
    if (m_cancelsInFlight > 0) {
        m_reserveWanted = true;
        return;
    }
    m_reserveInFlight = true;
    m_discardReservation = false;
    qCInfo(lcSession) << m_room << "reserving";
    // The ApiClient is the context, not this session: an answer must reach us, or, once
    // we are gone, be cancelled so the seat does not wait for its expiry.
    ApiClient *api = m_api;
    api->reserve(m_room, m_options, api,
                 [self = QPointer<RoomSession>(this),
                  api = QPointer<ApiClient>(api)](const ApiResult<Reservation> &result) {
                     if (self) {
                         self->onReserved(result);
                     } else if (result.ok() && api) {
                         api->cancel(result.value.ticket, api, {});
                     }
                 });
}

void RoomSession::onReserved(const ApiResult<Reservation> &result)
{
    m_reserveInFlight = false;
    if (m_discardReservation || m_state != State::Reserving) {
        m_discardReservation = false;
        if (result.ok())
            cancelTicket(result.value.ticket);
        return;
    }
    if (!result.ok()) {
        Failure why = failureOf(Phase::Reservation, result.problem);
        why.httpStatus = result.httpStatus;
        why.local = result.local;
        why.certificate = result.certificate;
        if (why.certificate.isRefusal())
            why.retryHelps = false;
        failOrRetry(why);
        return;
    }
    m_reservation = result.value;
    m_roomInfo = result.value.room;
    if (result.value.repeated)
        qCInfo(lcSession) << m_room << "reserved again, same ticket, ttl" << result.value.ttlSeconds
                          << "s";
    else
        qCInfo(lcSession) << m_room << "reserved, ttl" << result.value.ttlSeconds << "s";
    setState(State::Connecting);
    const quint64 attempt = ++m_attempt;
    if (!m_claimGate) {
        openSocket();
        return;
    }
    m_claimGate([self = QPointer<RoomSession>(this), attempt] {
        if (self && self->m_attempt == attempt)
            self->openSocket();
    });
}

void RoomSession::cancelTicket(const QString &ticket)
{
    if (m_reservation && m_reservation->ticket == ticket)
        m_reservation.reset();
    if (!m_api)
        return;
    ++m_cancelsInFlight;
    qCInfo(lcSession) << m_room << "cancelling an unclaimed reservation";
    m_api->cancel(ticket, m_api, [self = QPointer<RoomSession>(this)](const ApiResult<> &) {
        // 404 means claimed, expired or already gone: the seat is not held either way.
        if (self)
            self->onCancelDone();
    });
}

void RoomSession::onCancelDone()
{
    if (--m_cancelsInFlight > 0 || !m_reserveWanted)
        return;
    m_reserveWanted = false;
    requestReservation();
}

void RoomSession::openSocket()
{
    if (m_state != State::Connecting || !m_reservation)
        return;
    m_pending.clear();
    if (m_api) {
        // The chat connection is the server's: its trusted certificate applies.
        const QString server = CertificatePins::serverKey(m_api->baseUrl());
        m_socket.setTrustedCertificate(server, m_api->certificatePins()->pin(server));
    }
    m_socket.open(m_reservation->websocketUrl);
}

QString RoomSession::sendMessage(const QString &text)
{
    if (m_state != State::Joined || !m_socket.isOpen())
        return {};
    QString clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!m_socket.send(Frames::Chat{text, clientId})) {
        // The server would close the connection (1009) instead of refusing the message:
        // refuse it here, the way the server refuses text over 4000 characters.
        const MessageRefusal refusal{
            ErrorCode::MessageTooLarge, errorSentence(ErrorCode::MessageTooLarge), 0, {}, text};
        QMetaObject::invokeMethod(
            this, [this, refusal] { Q_EMIT messageRefused(refusal); }, Qt::QueuedConnection);
        return {};
    }
    m_pending.append({clientId, text});
    return clientId;
}

void RoomSession::remember(qint64 id)
{
    m_seen.insert(id);
    while (m_seen.size() > kSeenIds)
        m_seen.erase(m_seen.begin());
}

void RoomSession::onMessageFrame(const ChatMessage &message)
{
    if (m_state != State::Joined || m_seen.contains(message.id))
        return;
    remember(message.id);
    if (isOwn(message)) {
        for (qsizetype i = 0; i < m_pending.size(); ++i) {
            if (m_pending.at(i).first == message.clientId) {
                m_pending.removeAt(i);
                break;
            }
        }
    }
    Q_EMIT messageReceived(message);
}

void RoomSession::onJoinedFrame(const Frames::Joined &frame)
{
    if (m_state != State::Connecting)
        return;
    m_reservation.reset(); // claimed: nothing to cancel any more
    m_you = frame.you;
    m_roomInfo = frame.room;
    m_members = frame.members;
    m_history = frame.history;
    const bool rejoin = m_reconnecting;
    // What was said while we were away, so a transcript can simply append; what it has
    // shown already (the history overlaps what came live) is not repeated.
    QList<ChatMessage> missed;
    for (const ChatMessage &message : std::as_const(m_history)) {
        if (rejoin && !m_seen.contains(message.id))
            missed.append(message);
        remember(message.id);
    }
    m_policy.reset();
    m_reconnecting = false;
    m_failure = {};
    qCInfo(lcSession) << m_room << "joined with" << m_members.size() << "member(s)";
    setState(State::Joined);
    Q_EMIT joined();
    Q_EMIT membersChanged(m_members);
    for (const ChatMessage &message : std::as_const(missed))
        Q_EMIT messageReceived(message);
}

void RoomSession::onPresence(const Frames::Presence &presence)
{
    if (m_state != State::Joined)
        return;
    if (presence.event == Frames::Presence::Event::Joined) {
        if (!m_members.contains(presence.user))
            m_members.append(presence.user);
        Q_EMIT memberJoined(presence.user);
    } else {
        m_members.removeAll(presence.user);
        Q_EMIT memberLeft(presence.user);
    }
    Q_EMIT membersChanged(m_members);
}

void RoomSession::onErrorFrame(const Problem &problem)
{
    if (m_state != State::Joined || !isContentRefusal(problem.code))
        return; // a claim refusal or the reason of the close that follows
    // The server answers frames in order: a refusal is for the oldest message not yet
    // acknowledged.
    MessageRefusal refusal{problem.code, problem.detail, problem.retryAfterSeconds, {}, {}};
    if (!m_pending.isEmpty()) {
        std::tie(refusal.clientId, refusal.text) = m_pending.takeFirst();
    }
    qCInfo(lcSession).noquote() << m_room << "message refused:" << wireName(problem.code);
    Q_EMIT messageRefused(refusal);
}

void RoomSession::onSocketEnded(const RoomSocket::Ending &ending)
{
    m_pending.clear();
    if (m_state == State::Leaving) {
        qCInfo(lcSession) << m_room << "left, close" << ending.closeCode;
        finishLeaving();
        return;
    }

    // The error frame names the reason; the close code is the fallback when none came.
    // While joined, a content refusal's frame only counts when the close matches it.
    const int closeCode = ending.closeCode;
    const bool abnormal = closeCode == RoomSocket::kAbnormalClose;
    const std::optional<Problem> &frame = ending.errorFrame;
    Problem problem;
    LocalError local = LocalError::None;
    if (frame
        && (m_state == State::Connecting || errorInfo(frame->code).closeCode == closeCode
            || (abnormal && !isContentRefusal(frame->code)))) {
        problem = *frame;
    } else {
        // The close reason is the wire code; the close code alone is ambiguous (1011).
        bool known = false;
        ErrorCode code = errorCodeFromWireName(ending.reason, &known);
        if (!known || code == ErrorCode::Ok)
            code = errorCodeFromCloseCode(closeCode, &known);
        if (known && !abnormal) {
            problem = Problem(code);
        } else if (abnormal) {
            // No close frame: what happened is this side's knowledge, not the server's word.
            local = ending.local == LocalError::None ? LocalError::ConnectionLost : ending.local;
            problem
                = Problem(ErrorCode::Unavailable,
                          ending.detail.isEmpty() ? tr("The connection was lost.") : ending.detail);
        } else {
            // Includes a 1000 the client did not ask for: the contract has none.
            problem
                = Problem(ErrorCode::Internal,
                          tr("The chat server closed the connection (code %1).").arg(closeCode));
        }
    }
    Failure why = failureOf(Phase::Connection, problem);
    why.closeCode = closeCode;
    why.local = local;
    if (local == LocalError::Tls && ending.certificate.isRefusal()) {
        why.certificate = ending.certificate;
        why.retryHelps = false;
    }
    endConnection(why);
}

void RoomSession::finishLeaving()
{
    setState(State::Idle);
    if (std::exchange(m_enterWhenLeft, false) && m_state == State::Idle)
        enter();
}

void RoomSession::endConnection(const Failure &why)
{
    qCInfo(lcSession).noquote() << m_room << "connection ended while" << logName(m_state) << "close"
                                << why.closeCode << logName(why);
    if (m_state == State::Connecting) {
        // A ticket the server judged is used up; one it never saw (no connection, a
        // time-out, a storage failure) still holds a seat that nobody will claim now.
        if (m_reservation && !claimWasJudged(why.code))
            cancelTicket(m_reservation->ticket);
        m_reservation.reset();
        failOrRetry(why);
        return;
    }
    if (m_state != State::Joined)
        return;
    if (!ReconnectPolicy::retryHelps(why.code)) {
        fail(why);
        return;
    }
    m_policy.reset();
    m_reconnecting = true;
    Q_EMIT connectionLost(why);
    scheduleReconnect(why.retryAfterSeconds);
}

void RoomSession::failOrRetry(const Failure &why)
{
    // A refused certificate stays refused until the user decides: no automatic retries.
    if (m_reconnecting && m_policy.shouldRetry(why.code) && !why.certificate.isRefusal()) {
        scheduleReconnect(why.retryAfterSeconds);
        return;
    }
    fail(why);
}

void RoomSession::fail(Failure why)
{
    stopTimers();
    m_socket.abort();
    m_pending.clear();
    // Joined: the connection ended for good; reconnecting: the way back in gave up.
    why.whileJoined = m_state == State::Joined || m_reconnecting;
    m_reconnecting = false;
    m_failure = why;
    qCInfo(lcSession).noquote() << m_room << "failed in the"
                                << (why.phase == Phase::Reservation ? "reservation" : "connection")
                                << "phase:" << logName(why);
    setState(State::Failed);
    Q_EMIT failed(m_failure);
}

void RoomSession::scheduleReconnect(int retryAfterSeconds)
{
    const int delay = m_policy.nextDelay(retryAfterSeconds * 1000);
    qCInfo(lcSession) << m_room << "reconnect attempt" << m_policy.attempts() << "in" << delay
                      << "ms";
    m_retryDeadline = QDeadlineTimer(delay);
    m_retryTimer.start(delay);
    m_countdownTimer.start();
    // The countdown runs before the state says so: a stateChanged handler can show it.
    setState(State::Reserving);
    Q_EMIT reconnectingIn(reconnectSecondsLeft());
}

void RoomSession::stopTimers()
{
    m_retryTimer.stop();
    m_countdownTimer.stop();
}

void RoomSession::leave()
{
    switch (m_state) {
    case State::Idle:
        return;
    case State::Leaving:
        m_enterWhenLeft = false;
        return;
    case State::Failed:
        m_failure = {};
        setState(State::Idle);
        return;
    case State::Reserving:
        stopTimers();
        m_reconnecting = false;
        m_reserveWanted = false;
        if (m_reserveInFlight)
            m_discardReservation = true;
        setState(State::Idle);
        return;
    case State::Connecting:
        stopTimers();
        m_reconnecting = false;
        ++m_attempt; // a claim gate still holding this entry opens nothing
        m_socket.abort();
        if (m_reservation)
            cancelTicket(m_reservation->ticket);
        setState(State::Idle);
        return;
    case State::Joined:
        stopTimers();
        m_pending.clear();
        setState(State::Leaving);
        m_socket.leave();
        return;
    }
}

} // namespace roomgate::client
