// SPDX-License-Identifier: MIT
#include "client/ui/roomlistmodel.h"

#include "client/core/sessionmanager.h"

namespace roomgate::client::ui {

RoomListModel::RoomListModel(QObject *parent) : QAbstractListModel(parent) { }

int RoomListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rooms.size());
}

QString RoomListModel::occupancyText(const RoomInfo &room)
{
    return tr("%1 + %2 / %3", "members + reserved seats / capacity")
        .arg(room.occupants)
        .arg(room.reserved)
        .arg(room.capacity);
}

QString RoomListModel::seatsText(const RoomInfo &room)
{
    QString text = tr("%n member(s)", nullptr, room.occupants) + QStringLiteral(", ")
        + tr("%n seat(s) reserved", nullptr, room.reserved) + QStringLiteral(", ")
        + tr("%n seat(s) in all", nullptr, room.capacity);
    if (room.freeSeats() == 0 && room.state != RoomState::Closed)
        text += QStringLiteral(", ") + tr("full");
    return text;
}

QString RoomListModel::stateText(RoomState state)
{
    switch (state) {
    case RoomState::Open:
        return tr("Open");
    case RoomState::Pending:
        return tr("New, waiting for its first member");
    case RoomState::Closed:
        return tr("Closed");
    case RoomState::Unknown:
        break;
    }
    return tr("Unknown");
}

QVariant RoomListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RoomInfo &room = m_rooms.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return room.name;
    case Qt::ToolTipRole:
        return QString(tr("%1: %n member(s) in the room", nullptr, room.occupants).arg(room.name)
                       + QLatin1Char('\n') + tr("%n seat(s) reserved", nullptr, room.reserved)
                       + QLatin1Char('\n') + tr("%n seat(s) in all", nullptr, room.capacity));
    case Qt::AccessibleTextRole:
        return QString(room.name + QStringLiteral(", ") + stateText(room.state));
    case Qt::AccessibleDescriptionRole:
        // The seat bar in words: what "1 + 0 / 2" means to the eye.
        return seatsText(room);
    case CapacityRole:
        return room.capacity;
    case OccupantsRole:
        return room.occupants;
    case ReservedRole:
        return room.reserved;
    case StateRole:
        return static_cast<int>(room.state);
    case StateTextRole:
        return stateText(room.state);
    case OccupancyTextRole:
        return occupancyText(room);
    default:
        return {};
    }
}

QHash<int, QByteArray> RoomListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(NameRole, "name");
    names.insert(CapacityRole, "capacity");
    names.insert(OccupantsRole, "occupants");
    names.insert(ReservedRole, "reserved");
    names.insert(StateRole, "state");
    names.insert(StateTextRole, "stateText");
    names.insert(OccupancyTextRole, "occupancyText");
    return names;
}

int RoomListModel::rowOf(const QString &name) const
{
    const QString key = SessionManager::roomKey(name);
    for (int row = 0; row < m_rooms.size(); ++row) {
        if (SessionManager::roomKey(m_rooms.at(row).name) == key)
            return row;
    }
    return -1;
}

void RoomListModel::setRooms(const QList<RoomInfo> &rooms)
{
    // Both lists come in the server's order, so after dropping the rooms that are gone
    // the old rows are a subsequence of the new ones: walk both and insert the gaps.
    QSet<QString> keep;
    for (const RoomInfo &room : rooms)
        keep.insert(SessionManager::roomKey(room.name));
    for (int row = static_cast<int>(m_rooms.size()) - 1; row >= 0; --row) {
        if (!keep.contains(SessionManager::roomKey(m_rooms.at(row).name))) {
            beginRemoveRows({}, row, row);
            m_rooms.removeAt(row);
            endRemoveRows();
        }
    }
    for (int row = 0; row < rooms.size(); ++row) {
        const RoomInfo &room = rooms.at(row);
        if (row < m_rooms.size()
            && SessionManager::roomKey(m_rooms.at(row).name)
                == SessionManager::roomKey(room.name)) {
            if (!(m_rooms.at(row) == room)) {
                m_rooms[row] = room;
                Q_EMIT dataChanged(index(row), index(row));
            }
            continue;
        }
        const int existing = rowOf(room.name);
        if (existing > row) {
            // Out of order (a rename in case only): move it here.
            beginMoveRows({}, existing, existing, {}, row);
            m_rooms.move(existing, row);
            endMoveRows();
            m_rooms[row] = room;
            Q_EMIT dataChanged(index(row), index(row));
            continue;
        }
        beginInsertRows({}, row, row);
        m_rooms.insert(row, room);
        endInsertRows();
    }
}

} // namespace roomgate::client::ui
