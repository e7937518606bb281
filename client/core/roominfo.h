// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace roomgate::client {

/**
 * One room as the server describes it (`GET /api/v1/rooms`, the `room` of a
 * reservation and of the joined frame). Value type, any thread.
 */
struct RoomInfo
{
    enum class State { Unknown, Pending, Open, Closed };

    QString name;
    int capacity = 0;
    int occupants = 0; ///< connected members
    int reserved = 0; ///< live, unclaimed reservations
    State state = State::Unknown;

    /** Seats neither taken by a member nor held by a reservation. */
    int freeSeats() const { return qMax(0, capacity - occupants - reserved); }

    /** Reads a room object; false when a field is missing or has the wrong type. */
    static bool fromJson(const QJsonObject &object, RoomInfo *room);
    static State stateFromWire(QStringView state);

    friend bool operator==(const RoomInfo &, const RoomInfo &) = default;
};

} // namespace roomgate::client

Q_DECLARE_METATYPE(roomgate::client::RoomInfo)
