// SPDX-License-Identifier: MIT
#include "server/storage/records.h"

namespace roomgate::server {

QString reservationStateName(ReservationState state)
{
    switch (state) {
    case ReservationState::Live:
        return QStringLiteral("live");
    case ReservationState::Claimed:
        return QStringLiteral("claimed");
    case ReservationState::Expired:
        return QStringLiteral("expired");
    case ReservationState::RoomClosed:
        return QStringLiteral("room_closed");
    case ReservationState::Banned:
        return QStringLiteral("banned");
    }
    return QStringLiteral("expired");
}

ReservationState reservationStateFromName(QStringView name)
{
    for (ReservationState state :
         {ReservationState::Live, ReservationState::Claimed, ReservationState::Expired,
          ReservationState::RoomClosed, ReservationState::Banned}) {
        if (name == reservationStateName(state))
            return state;
    }
    return ReservationState::Expired;
}

} // namespace roomgate::server
