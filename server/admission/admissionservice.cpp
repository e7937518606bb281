// SPDX-License-Identifier: MIT
#include "server/admission/admissionservice.h"

#include "server/admission/logging.h"
#include "server/storage/readconnections.h"
#include "server/storage/replyhome.h"
#include "server/storage/reservationstore.h"
#include "server/storage/roomstore.h"
#include "server/storage/secrets.h"
#include "shared/textrules.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

namespace roomgate::server {

namespace {

/** A refused ending is tried again after this long, doubling, at most once a second. */
int retryDelayMs(int attempt)
{
    return std::min(1000, 50 << std::min(attempt, 5));
}

} // namespace

AdmissionService::AdmissionService(EntryQueue &queue, ReadConnections &reads,
                                   const AdmissionSettings &settings, QObject *parent)
    : QObject(parent),
      m_queue(queue),
      m_reads(reads),
      m_settings(settings),
      m_roomsPerUser(settings.limits.roomsPerUser, *settings.clock)
{ }

qint64 AdmissionService::monotonicUs() const
{
    static const QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.nsecsElapsed() / 1000;
}

void AdmissionService::noteDecision(Phase phase, ErrorCode code, const QString &user,
                                    const QString &room, qint64 startedUs)
{
    const qint64 us = monotonicUs() - startedUs;
    // A decision that lets the user in is logged at info, a refusal at debug: the metrics
    // count refusals by code, and a line each would let a flood of refused requests write
    // the log as fast as they come. printf-style, not a QDebug stream, which sets up a
    // QTextStream for every line.
    const bool admitted = code == ErrorCode::Ok;
    if (admitted ? lcAdmission().isInfoEnabled() : lcAdmission().isDebugEnabled()) {
        const QString line
            = QString::asprintf("%s user %ls room %ls result %s in %lld us",
                                phase == Phase::Reserve ? "reserve" : "claim",
                                qUtf16Printable(user.isEmpty() ? QStringLiteral("-") : user),
                                qUtf16Printable(room.isEmpty() ? QStringLiteral("-") : room),
                                errorInfo(code).wireName, us);
        if (admitted)
            qCInfo(lcAdmission, "%ls", qUtf16Printable(line));
        else
            qCDebug(lcAdmission, "%ls", qUtf16Printable(line));
    }
    Q_EMIT decided(phase, code, user, room, us);
}

void AdmissionService::reserve(const User &user, const QString &roomName, bool create,
                               qint64 capacity, Reply<ReserveAnswer> done)
{
    const qint64 started = monotonicUs();
    const QString name = TextRules::normalizedRoomName(roomName);
    ErrorCode invalid = ErrorCode::Ok;
    if (name.isNull())
        invalid = ErrorCode::InvalidRoomName;
    else if (TextRules::checkCapacity(capacity) != ErrorCode::Ok)
        invalid = ErrorCode::InvalidCapacity;
    if (invalid != ErrorCode::Ok) {
        noteDecision(Phase::Reserve, invalid, user.name, name, started);
        done(Outcome<ReserveAnswer>::failure(invalid));
        return;
    }
    if (!isAdmitting()) {
        noteDecision(Phase::Reserve, ErrorCode::Unavailable, user.name, name, started);
        done(Outcome<ReserveAnswer>::failure(ErrorCode::Unavailable));
        return;
    }

    ReserveRequest request;
    request.userId = user.id;
    request.userName = user.name;
    request.roomName = name;
    request.roomKey = TextRules::nameKey(name);
    request.create = create;
    // Only a reserve that creates a room counts; whether it does, the decision knows.
    const QString creator = QString::number(user.id);
    const RateVerdict rooms = create ? m_roomsPerUser.check(creator) : RateVerdict{};
    request.mayCreate = rooms.allowed;
    request.capacity = static_cast<int>(capacity);
    request.nodeId = m_settings.nodeId;
    request.newId = Secrets::newPublicId();
    request.now = m_settings.nowMs();
    request.ttlMs = m_settings.ticketTtlMs;

    m_queue.reserve(
        request,
        [this, self = QPointer(this), user, name, started, creator, roomsWait = rooms.retryAfterMs,
         done = std::move(done)](Outcome<ReserveResult> outcome) {
            if (!self)
                return;
            if (outcome.code == ErrorCode::RateLimited)
                outcome.retryAfterMs = roomsWait;
            if (outcome.ok() && outcome.value.roomCreated)
                m_roomsPerUser.take(creator);
            const QString roomLabel
                = outcome.value.room.name.isEmpty() ? name : outcome.value.room.name;
            noteDecision(Phase::Reserve, outcome.code, user.name, roomLabel, started);
            Outcome<ReserveAnswer> answer{outcome.code, {}, outcome.retryAfterMs};
            answer.value.result = std::move(outcome.value);
            if (answer.ok()) {
                answer.value.ticket = Secrets::deriveTicket(m_settings.ticketKey,
                                                            answer.value.result.reservation.id);
                answer.value.result.reservation.userName = user.name;
            }
            done(std::move(answer));
        });
}

void AdmissionService::cancel(const User &user, QByteArrayView ticket,
                              std::function<void(ErrorCode)> done)
{
    const QString id = Secrets::reservationOfTicket(m_settings.ticketKey, ticket);
    if (id.isEmpty()) {
        done(ErrorCode::ReservationNotFound);
        return;
    }
    m_queue.cancel(id, user.id, m_settings.nowMs(),
                   [user, done = std::move(done)](const Outcome<CancelResult> &outcome) {
                       if (outcome.ok()) {
                           qCInfo(lcAdmission).noquote()
                               << "cancel user" << user.name << "room"
                               << outcome.value.reservation.roomName
                               << (outcome.value.roomDeleted ? "(ghost room deleted)" : "");
                       }
                       done(outcome.code);
                   });
}

QString AdmissionService::roomOfTicket(QByteArrayView ticket)
{
    const QString id = Secrets::reservationOfTicket(m_settings.ticketKey, ticket);
    if (id.isEmpty())
        return {};
    const auto found = ReservationStore(m_reads.forThisThread()).byId(id);
    return found.ok() && found.value ? found.value->roomName : QString();
}

void AdmissionService::claim(QByteArrayView ticket, const QString &connectionId,
                             const QString &address, Reply<ClaimResult> done)
{
    const qint64 started = monotonicUs();
    const QString id = Secrets::reservationOfTicket(m_settings.ticketKey, ticket);
    if (id.isEmpty()) {
        noteDecision(Phase::Claim, ErrorCode::TicketInvalid, {}, {}, started);
        done(Outcome<ClaimResult>::failure(ErrorCode::TicketInvalid));
        return;
    }
    if (!isAdmitting()) {
        noteDecision(Phase::Claim, ErrorCode::Unavailable, {}, {}, started);
        done(Outcome<ClaimResult>::failure(ErrorCode::Unavailable));
        return;
    }
    ClaimRequest request;
    request.reservationId = id;
    request.nodeId = m_settings.nodeId;
    request.connectionId = connectionId;
    request.address = address;
    request.now = m_settings.nowMs();
    request.historyLimit = m_settings.historyLimit;
    request.maxSocketsPerUser = m_settings.limits.socketsPerUser;
    m_queue.claim(request,
                  [this, self = QPointer(this), started,
                   done = std::move(done)](Outcome<ClaimResult> outcome) {
                      if (self) {
                          noteDecision(Phase::Claim, outcome.code,
                                       outcome.value.reservation.userName,
                                       outcome.value.reservation.roomName, started);
                      }
                      done(std::move(outcome));
                  });
}

void AdmissionService::release(const Membership &membership, std::function<void()> done)
{
    // Answered on the caller's thread; retries run on this service's thread, which outlives
    // the socket threads, so an ending is never lost with one.
    QPointer<QObject> home = ReplyHome::forCurrentThread();
    auto answer = [home, done = std::move(done)] {
        if (done && home)
            QMetaObject::invokeMethod(home, done, Qt::QueuedConnection);
    };
    releaseAttempt(membership, 0, std::move(answer));
}

void AdmissionService::releaseAttempt(const Membership &membership, int attempt,
                                      std::function<void()> answer)
{
    m_queue.release(membership, m_settings.nowMs(),
                    [this, self = QPointer(this), membership, attempt,
                     answer = std::move(answer)](Outcome<bool> ended) mutable {
                        if (ended.ok()) {
                            answer();
                            return;
                        }
                        if (!self)
                            return;
                        const int delay = retryDelayMs(attempt);
                        qCWarning(lcAdmission).noquote()
                            << "could not free the seat of" << membership.userName << "in"
                            << membership.roomName << "(" << wireName(ended.code)
                            << "); trying again in" << delay << "ms";
                        QMetaObject::invokeMethod(
                            this,
                            [this, membership, attempt, delay, answer = std::move(answer)] {
                                QTimer::singleShot(
                                    delay, this, [this, membership, attempt, answer] {
                                        releaseAttempt(membership, attempt + 1, answer);
                                    });
                            },
                            Qt::QueuedConnection);
                    });
}

void AdmissionService::sweep()
{
    m_queue.expireDue(m_settings.nowMs(), [](Outcome<ExpiryResult> outcome) {
        if (!outcome.ok()) {
            qCWarning(lcAdmission) << "expiry sweep failed:" << wireName(outcome.code);
            return;
        }
        for (const Reservation &r : std::as_const(outcome.value.expired)) {
            qCInfo(lcAdmission).noquote()
                << "expired reservation of" << r.userName << "in" << r.roomName;
        }
        for (const Room &room : std::as_const(outcome.value.deletedRooms))
            qCInfo(lcAdmission).noquote() << "ghost room deleted:" << room.name;
    });
}

Outcome<QList<Room>> AdmissionService::rooms()
{
    return RoomStore(m_reads.forThisThread()).list(m_settings.nowMs());
}

} // namespace roomgate::server
