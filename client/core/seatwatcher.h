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
 * It stays well inside the server's HTTP rate limits (20 requests a second per user by
 * default, shared with everything else the user does): a poll at most every 2 s, growing
 * to one every 10 s; an answer with `retryAfterSeconds` (RATE_LIMITED, UNAVAILABLE) makes
 * the next poll wait at least that long, and a session that ended (UNAUTHENTICATED)
 * stops the watch.
 *
 * Owned by the view of the room that waits; uses an ApiClient that must outlive it. Lives
 * on the thread that created it (the GUI thread in the app).
 */
class SeatWatcher : public QObject
{
    Q_OBJECT
public:
    /** Why a watch ended without a free seat. */
    enum class End {
        NoSeat, ///< the polls ran out with the room still full
        RoomGone, ///< the room was closed or deleted
        SessionEnded, ///< the poll was UNAUTHENTICATED: the user must sign in again
    };
    Q_ENUM(End)

    explicit SeatWatcher(ApiClient *api, QObject *parent = nullptr);

    /** The defaults: a poll 2 s after the refusal, each wait 1.5 times the last, up to 10 s. */
    static constexpr int kFirstDelayMs = 2000;
    static constexpr double kFactor = 1.5;
    static constexpr int kMaxDelayMs = 10'000;

    /** The first delay, the factor each poll multiplies it by, and its cap. */
    void setBackoff(int firstMs, double factor, int maxMs);
    int firstDelayMs() const { return m_firstMs; }
    int maxDelayMs() const { return m_maxMs; }
    /** Polls before giving up (default 60: with the default delays about 9 minutes). */
    void setMaxPolls(int polls) { m_maxPolls = qMax(1, polls); }
    /** The wait before the poll that is due next; 0 when none is (in flight, or stopped). */
    int nextPollDelayMs() const { return m_timer.isActive() ? m_timer.interval() : 0; }

    /** Starts (or restarts) watching @p room; the first poll comes after the first delay. */
    void watch(const QString &room);
    void stop();
    bool isWatching() const { return m_timer.isActive() || m_inFlight; }
    QString room() const { return m_room; }
    int polls() const { return m_polls; }

Q_SIGNALS:
    /** A seat is free in the room (it stopped watching). */
    void seatFree(const roomgate::RoomInfo &room);
    /** It stopped without a free seat, for @p why. */
    void gaveUp(roomgate::client::SeatWatcher::End why);

private:
    void poll();
    void onRooms(const ApiResult<QList<RoomInfo>> &result);
    void scheduleNext(int atLeastMs = 0);

    QPointer<ApiClient> m_api;
    QString m_room;
    QTimer m_timer;
    int m_firstMs = kFirstDelayMs;
    double m_factor = kFactor;
    int m_maxMs = kMaxDelayMs;
    int m_maxPolls = 60;
    int m_polls = 0;
    int m_delayMs = 0;
    bool m_inFlight = false;
    quint64 m_generation = 0; ///< a stop() or watch() makes answers in flight stale
};

} // namespace roomgate::client
