// SPDX-License-Identifier: MIT
#include "client/core/seatwatcher.h"

#include "client/core/logging.h"
#include "client/core/sessionmanager.h"

namespace roomgate::client {

SeatWatcher::SeatWatcher(ApiClient *api, QObject *parent) : QObject(parent), m_api(api)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SeatWatcher::poll);
}

void SeatWatcher::setBackoff(int firstMs, double factor, int maxMs)
{
    m_firstMs = qMax(1, firstMs);
    m_factor = qMax(1.0, factor);
    m_maxMs = qMax(m_firstMs, maxMs);
}

void SeatWatcher::watch(const QString &room)
{
    stop();
    m_room = room;
    m_polls = 0;
    m_delayMs = m_firstMs;
    qCInfo(lcSession) << room << "full: watching for a free seat";
    m_timer.start(m_delayMs);
}

void SeatWatcher::stop()
{
    m_timer.stop();
    m_inFlight = false;
    ++m_generation;
}

void SeatWatcher::poll()
{
    if (!m_api) {
        Q_EMIT gaveUp(End::SessionEnded);
        return;
    }
    ++m_polls;
    m_inFlight = true;
    m_api->listRooms(this, [this, generation = m_generation](const ApiResult<QList<RoomInfo>> &r) {
        if (generation == m_generation)
            onRooms(r);
    });
}

void SeatWatcher::onRooms(const ApiResult<QList<RoomInfo>> &result)
{
    m_inFlight = false;
    if (!result.ok()) {
        if (result.code() == ErrorCode::Unauthenticated) {
            // Polling cannot help until the user signs in again; the banner says so.
            qCInfo(lcSession) << m_room << "session ended: no longer watching for a seat";
            stop();
            Q_EMIT gaveUp(End::SessionEnded);
            return;
        }
        // A server away for a moment is no reason to stop watching; one that asks for
        // a pause (too many requests, storage busy) gets it.
        scheduleNext(result.problem.retryAfterSeconds * 1000);
        return;
    }
    const QString key = SessionManager::roomKey(m_room);
    for (const RoomInfo &room : result.value) {
        if (SessionManager::roomKey(room.name) != key)
            continue;
        if (room.state == RoomState::Closed)
            break;
        if (room.occupants + room.reserved < room.capacity) {
            qCInfo(lcSession) << m_room << "a seat is free after" << m_polls << "poll(s)";
            stop();
            Q_EMIT seatFree(room);
            return;
        }
        scheduleNext();
        return;
    }
    qCInfo(lcSession) << m_room << "gone or closed: no longer watching for a seat";
    stop();
    Q_EMIT gaveUp(End::RoomGone);
}

void SeatWatcher::scheduleNext(int atLeastMs)
{
    if (m_polls >= m_maxPolls) {
        qCInfo(lcSession) << m_room << "no free seat after" << m_polls << "polls: giving up";
        stop();
        Q_EMIT gaveUp(End::NoSeat);
        return;
    }
    m_delayMs = qMin(m_maxMs, static_cast<int>(m_delayMs * m_factor));
    m_timer.start(qMax(m_delayMs, atLeastMs));
}

} // namespace roomgate::client
