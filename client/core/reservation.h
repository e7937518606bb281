// SPDX-License-Identifier: MIT
#pragma once

#include "shared/roominfo.h"

#include <QDateTime>
#include <QUrl>

namespace roomgate::client {

/**
 * A seat held for the user by phase 1 (`POST /api/v1/rooms/{name}/entries`), to be
 * claimed over `websocketUrl` before `expiresAt`. The ticket is a secret: never log
 * it. Value type, any thread.
 */
struct Reservation
{
    QString ticket;
    QDateTime expiresAt;
    int ttlSeconds = 0; ///< time left when the server answered, rounded up
    QUrl websocketUrl;
    RoomInfo room; ///< counts after the decision
    bool repeated = false; ///< 200: the user already held this live reservation

    /** Reads a reserve answer; false when it is not one. */
    static bool fromJson(const QJsonObject &object, Reservation *reservation);
};

} // namespace roomgate::client

Q_DECLARE_METATYPE(roomgate::client::Reservation)
