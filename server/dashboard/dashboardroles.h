// SPDX-License-Identifier: MIT
#pragma once

#include <Qt>

namespace roomgate::server::dashboard {

/** Item data roles the dashboard's table models share with their views and delegates. */
enum DashboardRole {
    SortRole = Qt::UserRole, ///< raw value to sort by (numbers, epoch milliseconds)
    KeyRole, ///< the record's stable key (room name, reservation id, membership id)
    SeatsUsedRole, ///< capacity column: occupants + live reservations
    SeatsTotalRole, ///< capacity column: the capacity
    StateRole, ///< rooms: "pending", "open" or "closed", untranslated
};

} // namespace roomgate::server::dashboard
