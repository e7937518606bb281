// SPDX-License-Identifier: MIT
#include "server/dashboard/roomtablemodel.h"

#include "server/dashboard/dashboardroles.h"

namespace roomgate::server::dashboard {

int RoomTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RoomTableModel::stateText(RoomState state)
{
    switch (state) {
    case RoomState::Open:
        return tr("open");
    case RoomState::Pending:
        return tr("pending");
    case RoomState::Closed:
        return tr("closed");
    case RoomState::Unknown:
        break;
    }
    return {};
}

QVariant RoomTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Room &room = row(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return room.name;
        case State:
            return stateText(room.state);
        case Occupants:
            return room.occupants;
        case Reserved:
            return room.reserved;
        case Capacity:
            return QStringLiteral("%1 / %2").arg(room.occupants + room.reserved).arg(room.capacity);
        case Created:
            return timeText(room.createdAt);
        case LastActivity:
            return timeText(room.lastActivity);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case Name:
            return room.name.toCaseFolded();
        case State:
            return roomStateName(room.state);
        case Occupants:
            return room.occupants;
        case Reserved:
            return room.reserved;
        case Capacity:
            // Fullest first when sorted descending: the share of seats in use.
            return room.capacity > 0
                ? static_cast<double>(room.occupants + room.reserved) / room.capacity
                : 0.0;
        case Created:
            return room.createdAt;
        case LastActivity:
            return room.lastActivity;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == Capacity)
            return tr("%1 present, %2 reserved, %n seat(s) in all", nullptr, room.capacity)
                .arg(room.occupants)
                .arg(room.reserved);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == Occupants || index.column() == Reserved)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case KeyRole:
        return room.name;
    case StateRole:
        return roomStateName(room.state);
    case SeatsUsedRole:
        if (index.column() == Capacity)
            return room.occupants + room.reserved;
        break;
    case SeatsTotalRole:
        if (index.column() == Capacity)
            return room.capacity;
        break;
    default:
        break;
    }
    return {};
}

QVariant RoomTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Room");
    case State:
        return tr("State");
    case Occupants:
        return tr("Present");
    case Reserved:
        return tr("Reserved");
    case Capacity:
        return tr("Seats in use");
    case Created:
        return tr("Created");
    case LastActivity:
        return tr("Last activity");
    }
    return {};
}

QString RoomTableModel::keyOf(const Room &room) const
{
    // Names are unique case-insensitively; a room deleted and created again is one row.
    return room.name.toCaseFolded();
}

bool RoomTableModel::sameRow(const Room &a, const Room &b) const
{
    return a.name == b.name && a.capacity == b.capacity && a.state == b.state
        && a.occupants == b.occupants && a.reserved == b.reserved && a.createdAt == b.createdAt
        && a.lastActivity == b.lastActivity;
}

} // namespace roomgate::server::dashboard
