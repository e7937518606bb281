// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace roomgate {

/**
 * A room's state on the wire (`"pending"`, `"open"`, `"closed"`). Unknown is what a
 * reader makes of a state it does not know (a newer server). Values are stored: append
 * only.
 */
enum class RoomState : quint8 { Unknown = 0, Pending = 1, Open = 2, Closed = 3 };

/** The wire name of @p state; empty for Unknown. */
QString roomStateName(RoomState state);
/** The state a wire name stands for; Unknown when it is not one. */
RoomState roomStateFromName(QStringView name);

/**
 * One room as the protocol shows it (`GET /api/v1/rooms`, the `room` of a reservation
 * and of the `joined` frame). Value type, any thread.
 */
struct RoomInfo
{
    QString name;
    int capacity = 0;
    int occupants = 0; ///< connected members
    int reserved = 0; ///< live, unclaimed reservations
    RoomState state = RoomState::Unknown;

    /** Seats neither taken by a member nor held by a reservation. */
    int freeSeats() const { return qMax(0, capacity - occupants - reserved); }

    QJsonObject toJson() const;
    /** Reads a room object; false when `name` or `capacity` is missing or mistyped. */
    static bool fromJson(const QJsonObject &object, RoomInfo *room);

    friend bool operator==(const RoomInfo &, const RoomInfo &) = default;
};

} // namespace roomgate

Q_DECLARE_METATYPE(roomgate::RoomInfo)
