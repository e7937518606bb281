// SPDX-License-Identifier: MIT
#pragma once

#include "client/core/apiclient.h"
#include "shared/roominfo.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace roomgate::client {

/**
 * Watches a full room for a free seat: while a user waits after ROOM_FULL with no
 * `retryAfterSeconds` (only members hold the seats, so no reservation will lapse at a
 * known time), it polls `GET /api/v1/rooms` with a growing delay and says seatFree() as
 * soon as `occupants + reserved < capacity`. The server has no push for seats yet; the
 * poll is bounded (a number of polls, the delay capped) and stops by itself when the
 * room is gone or closed, or when told to.
 *
 * Owned by the view of the room that waits; uses an ApiClient that must outlive it. Lives
 * on the thread that created it (the GUI thread in the app).
 */
class SeatWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SeatWatcher(ApiClient *api, QObject *parent = nullptr);

    /** The first delay, the factor each poll multiplies it by, and its cap. */
    void setBackoff(int firstMs, double factor, int maxMs);
    /** Polls before giving up (default 60: with the default delays about 14 minutes). */
    void setMaxPolls(int polls) { m_maxPolls = qMax(1, polls); }

    /** Starts (or restarts) watching @p room; the first poll comes after the first delay. */
    void watch(const QString &room);
    void stop();
    bool isWatching() const { return m_timer.isActive() || m_inFlight; }
    QString room() const { return m_room; }
    int polls() const { return m_polls; }

Q_SIGNALS:
    /** A seat is free in the room (it stopped watching). */
    void seatFree(const roomgate::RoomInfo &room);
    /** It stopped without a free seat: the polls ran out, or the room is gone or closed. */
    void gaveUp();

private:
    void poll();
    void onRooms(const ApiResult<QList<RoomInfo>> &result);
    void scheduleNext();

    QPointer<ApiClient> m_api;
    QString m_room;
    QTimer m_timer;
    int m_firstMs = 2000;
    double m_factor = 1.5;
    int m_maxMs = 15'000;
    int m_maxPolls = 60;
    int m_polls = 0;
    int m_delayMs = 0;
    bool m_inFlight = false;
    quint64 m_generation = 0; ///< a stop() or watch() makes answers in flight stale
};

} // namespace roomgate::client
