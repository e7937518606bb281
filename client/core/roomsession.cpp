// SPDX-License-Identifier: MIT
#include "client/core/roomsession.h"

#include "client/core/logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>
#include <QWebSocket>

namespace roomgate::client {

namespace {

/** Largest frame or message accepted from the server. A joined frame carries up to 50
 * messages of 4000 code points each, JSON-escaped: a few MiB at the very worst. */
constexpr quint64 kMaxIncomingBytes = 8 * 1024 * 1024;
/** The server's default frame limit (`--frame-limit`): a bigger frame costs the connection. */
constexpr qsizetype kMaxOutgoingFrameBytes = 64 * 1024;
constexpr int kLeaveTimeoutMs = 5000;
constexpr int kAbnormalClose = 1006;

/** Error frames that refuse one message while the connection stays open. */
bool isContentRefusal(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadRequest:
    case ErrorCode::MessageTooLarge:
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

} // namespace

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
    m_connectDelayTimer.setSingleShot(true);
    connect(&m_connectDelayTimer, &QTimer::timeout, this, &RoomSession::openSocket);
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this,
            [this] { connectionBroken(tr("The connection to the chat server timed out.")); });
    m_leaveTimer.setSingleShot(true);
    connect(&m_leaveTimer, &QTimer::timeout, this, [this] {
        dropSocket();
        finishLeaving();
    });
    m_keepAliveTimer.setInterval(30'000);
    connect(&m_keepAliveTimer, &QTimer::timeout, this, &RoomSession::sendKeepAlive);
}

RoomSession::~RoomSession()
{
    if (m_socket) {
        m_socket->disconnect(this);
        if (m_state == State::Joined) {
            // Best effort: the server frees the seat when the TCP connection closes anyway.
            sendFrame({{QStringLiteral("type"), QStringLiteral("leave")}});
            m_socket->flush();
        }
    }
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

void RoomSession::setKeepAliveInterval(int milliseconds)
{
    m_keepAliveTimer.setInterval(qMax(0, milliseconds));
    if (milliseconds <= 0)
        m_keepAliveTimer.stop();
}

void RoomSession::setState(State state)
{
    if (m_state == state)
        return;
    qCDebug(lcSession) << m_room << m_state << "->" << state;
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
        qCDebug(lcSession) << m_room << "enter() ignored in" << m_state;
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

void RoomSession::requestReservation()
{
    if (m_state != State::Reserving)
        return;
    if (!m_api) {
        fail(Phase::Reservation, Problem(ErrorCode::Internal, tr("Not connected to a server.")), 0,
             0);
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
        failOrRetry(Phase::Reservation, result.problem, result.httpStatus, 0);
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
    if (m_connectDelayMs > 0)
        m_connectDelayTimer.start(m_connectDelayMs);
    else
        openSocket();
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
    dropSocket();
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingFrameSize(kMaxIncomingBytes);
    m_socket->setMaxAllowedIncomingMessageSize(kMaxIncomingBytes);
    m_closeHandshake = false;
    m_errorFrame.reset();
    m_pingOutstanding = false;
    connect(m_socket, &QWebSocket::textMessageReceived, this, &RoomSession::onText);
    connect(m_socket, &QWebSocket::aboutToClose, this, [this] { m_closeHandshake = true; });
    connect(m_socket, &QWebSocket::disconnected, this, &RoomSession::onSocketDisconnected);
    connect(m_socket, &QWebSocket::pong, this, [this] { m_pingOutstanding = false; });
    qCInfo(lcSession) << m_room << "connecting to" << m_reservation->websocketUrl.host()
                      << m_reservation->websocketUrl.port();
    m_connectTimer.start(m_connectTimeoutMs);
    m_socket->open(m_reservation->websocketUrl);
}

void RoomSession::dropSocket()
{
    if (!m_socket)
        return;
    m_keepAliveTimer.stop();
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
}

void RoomSession::sendFrame(const QJsonObject &frame)
{
    if (m_socket)
        m_socket->sendTextMessage(
            QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
}

void RoomSession::sendKeepAlive()
{
    if (!m_socket || m_state != State::Joined)
        return;
    if (m_pingOutstanding) {
        connectionBroken(tr("The chat server stopped answering."));
        return;
    }
    m_pingOutstanding = true;
    m_socket->ping();
}

QString RoomSession::sendMessage(const QString &text)
{
    if (m_state != State::Joined || !m_socket)
        return {};
    const QString clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QJsonObject frame{{QStringLiteral("type"), QStringLiteral("message")},
                            {QStringLiteral("text"), text},
                            {QStringLiteral("clientId"), clientId}};
    const QByteArray bytes = QJsonDocument(frame).toJson(QJsonDocument::Compact);
    if (bytes.size() > kMaxOutgoingFrameBytes) {
        // The server would close the connection (1009) instead of refusing the message:
        // refuse it here, the way the server refuses text over 4000 characters.
        QMetaObject::invokeMethod(
            this,
            [this] {
                Q_EMIT messageRefused(ErrorCode::MessageTooLarge,
                                      errorSentence(ErrorCode::MessageTooLarge));
            },
            Qt::QueuedConnection);
        return {};
    }
    m_socket->sendTextMessage(QString::fromUtf8(bytes));
    return clientId;
}

void RoomSession::onText(const QString &text)
{
    m_pingOutstanding = false; // any frame shows the connection is alive
    const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = frame.value(u"type").toString();
    if (type == u"joined") {
        onJoinedFrame(frame);
    } else if (type == u"message") {
        ChatMessage message;
        if (m_state < State::Joined || !ChatMessage::fromJson(frame, m_you, &message))
            return;
        m_lastMessageId = qMax(m_lastMessageId, message.id);
        Q_EMIT messageReceived(message);
    } else if (type == u"presence") {
        onPresence(frame);
    } else if (type == u"error") {
        onErrorFrame(frame);
    } else {
        qCDebug(lcSession) << m_room << "ignored a frame of type" << type;
    }
}

void RoomSession::onJoinedFrame(const QJsonObject &frame)
{
    if (m_state != State::Connecting)
        return;
    m_connectTimer.stop();
    m_reservation.reset(); // claimed: nothing to cancel any more
    m_you = frame.value(u"you").toString();
    RoomInfo room;
    if (RoomInfo::fromJson(frame.value(u"room").toObject(), &room))
        m_roomInfo = room;
    m_members.clear();
    for (const QJsonValue &member : frame.value(u"members").toArray())
        m_members.append(member.toString());
    const qint64 seenBefore = m_lastMessageId;
    const bool rejoin = m_reconnecting;
    m_history.clear();
    for (const QJsonValue &entry : frame.value(u"history").toArray()) {
        ChatMessage message;
        if (ChatMessage::fromJson(entry.toObject(), m_you, &message)) {
            m_history.append(message);
            m_lastMessageId = qMax(m_lastMessageId, message.id);
        }
    }
    m_policy.reset();
    m_reconnecting = false;
    m_failure = {};
    qCInfo(lcSession) << m_room << "joined with" << m_members.size() << "member(s)";
    if (m_keepAliveTimer.interval() > 0)
        m_keepAliveTimer.start();
    setState(State::Joined);
    Q_EMIT joined();
    Q_EMIT membersChanged(m_members);
    if (rejoin) {
        // What was said while we were away, so a transcript can simply append.
        for (const ChatMessage &message : std::as_const(m_history)) {
            if (message.id > seenBefore)
                Q_EMIT messageReceived(message);
        }
    }
}

void RoomSession::onPresence(const QJsonObject &frame)
{
    if (m_state != State::Joined)
        return;
    const QString user = frame.value(u"user").toString();
    const QString event = frame.value(u"event").toString();
    if (event == u"joined") {
        if (!m_members.contains(user))
            m_members.append(user);
        Q_EMIT memberJoined(user);
    } else if (event == u"left") {
        m_members.removeAll(user);
        Q_EMIT memberLeft(user);
    } else {
        return;
    }
    Q_EMIT membersChanged(m_members);
}

void RoomSession::onErrorFrame(const QJsonObject &frame)
{
    const Problem problem = Problem::fromJson(frame);
    m_errorFrame = problem;
    if (m_state == State::Joined && isContentRefusal(problem.code)) {
        qCInfo(lcSession) << m_room << "message refused:" << wireName(problem.code);
        Q_EMIT messageRefused(problem.code, problem.detail);
    }
}

void RoomSession::onSocketDisconnected()
{
    if (!m_socket)
        return;
    m_connectTimer.stop();
    m_keepAliveTimer.stop();
    const bool handshake = m_closeHandshake;
    const int closeCode = handshake ? static_cast<int>(m_socket->closeCode()) : kAbnormalClose;
    const QString reason = m_socket->closeReason();
    const QString socketError = m_socket->errorString();
    const std::optional<Problem> frame = std::exchange(m_errorFrame, std::nullopt);
    dropSocket();

    if (m_state == State::Leaving) {
        m_leaveTimer.stop();
        qCInfo(lcSession) << m_room << "left, close" << closeCode;
        finishLeaving();
        return;
    }

    // The error frame names the reason; the close code is the fallback when none came.
    // While joined, a content refusal's frame only counts when the close matches it.
    Problem problem;
    if (frame
        && (m_state == State::Connecting || errorInfo(frame->code).closeCode == closeCode
            || (closeCode == kAbnormalClose && !isContentRefusal(frame->code)))) {
        problem = *frame;
    } else {
        // The close reason is the wire code; the close code alone is ambiguous (1011).
        bool known = false;
        ErrorCode code = errorCodeFromWireName(reason, &known);
        if (!known || code == ErrorCode::Ok)
            code = errorCodeFromCloseCode(closeCode, &known);
        if (known) {
            problem = Problem(code);
        } else if (closeCode == kAbnormalClose) {
            problem = Problem(ErrorCode::Unavailable,
                              socketError.isEmpty() ? tr("The connection was lost.") : socketError);
        } else {
            // Includes a 1000 the client did not ask for: the contract has none.
            problem
                = Problem(ErrorCode::Internal,
                          tr("The chat server closed the connection (code %1).").arg(closeCode));
        }
    }
    endConnection(problem.code, problem.detail, closeCode, problem.retryAfterSeconds);
}

void RoomSession::finishLeaving()
{
    setState(State::Idle);
    if (std::exchange(m_enterWhenLeft, false) && m_state == State::Idle)
        enter();
}

void RoomSession::connectionBroken(const QString &detail)
{
    if (!m_socket)
        return;
    m_connectTimer.stop();
    dropSocket();
    m_errorFrame.reset();
    endConnection(ErrorCode::Unavailable, detail, kAbnormalClose, 0);
}

void RoomSession::endConnection(ErrorCode code, const QString &detail, int closeCode,
                                int retryAfterSeconds)
{
    Problem problem(code, detail);
    problem.retryAfterSeconds = retryAfterSeconds;
    qCInfo(lcSession) << m_room << "connection ended in" << m_state << "close" << closeCode
                      << wireName(code);
    if (m_state == State::Connecting) {
        // A ticket the server judged is used up; one it never saw (no connection, a
        // time-out, a storage failure) still holds a seat that nobody will claim now.
        if (m_reservation && !claimWasJudged(code))
            cancelTicket(m_reservation->ticket);
        m_reservation.reset();
        failOrRetry(Phase::Connection, problem, 0, closeCode);
        return;
    }
    if (m_state != State::Joined)
        return;
    if (!ReconnectPolicy::retryHelps(code)) {
        fail(Phase::Connection, problem, 0, closeCode);
        return;
    }
    m_policy.reset();
    m_reconnecting = true;
    Q_EMIT connectionLost(code, detail);
    scheduleReconnect(retryAfterSeconds);
}

void RoomSession::failOrRetry(Phase phase, const Problem &problem, int httpStatus, int closeCode)
{
    if (m_reconnecting && m_policy.shouldRetry(problem.code)) {
        scheduleReconnect(problem.retryAfterSeconds);
        return;
    }
    fail(phase, problem, httpStatus, closeCode);
}

void RoomSession::fail(Phase phase, const Problem &problem, int httpStatus, int closeCode)
{
    stopTimers();
    dropSocket();
    // Joined: the connection ended for good; reconnecting: the way back in gave up.
    const bool whileJoined = m_state == State::Joined || m_reconnecting;
    m_reconnecting = false;
    m_failure = Failure{phase,
                        problem.code,
                        problem.detail,
                        problem.retryAfterSeconds,
                        errorInfo(problem.code).retryable,
                        ReconnectPolicy::retryHelps(problem.code),
                        httpStatus,
                        closeCode,
                        whileJoined};
    qCInfo(lcSession) << m_room << "failed in" << phase << wireName(problem.code);
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
    m_connectDelayTimer.stop();
    m_connectTimer.stop();
    m_leaveTimer.stop();
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
        dropSocket();
        if (m_reservation)
            cancelTicket(m_reservation->ticket);
        setState(State::Idle);
        return;
    case State::Joined:
        stopTimers();
        m_keepAliveTimer.stop();
        sendFrame({{QStringLiteral("type"), QStringLiteral("leave")}});
        m_leaveTimer.start(kLeaveTimeoutMs);
        setState(State::Leaving);
        return;
    }
}

} // namespace roomgate::client
