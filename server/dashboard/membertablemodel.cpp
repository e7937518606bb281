// SPDX-License-Identifier: MIT
#include "server/dashboard/membertablemodel.h"

#include "server/dashboard/dashboardroles.h"

namespace roomgate::server::dashboard {

int MemberTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MemberTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Membership &m = row(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case User:
            return m.userName;
        case Room:
            return m.roomName;
        case Node:
            return m.nodeId;
        case Address:
            return m.address;
        case Since:
            return timeText(m.since);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case User:
            return m.userName.toCaseFolded();
        case Room:
            return m.roomName.toCaseFolded();
        case Node:
            return m.nodeId;
        case Address:
            return m.address;
        case Since:
            return m.since;
        }
        break;
    case KeyRole:
        return keyOf(m);
    default:
        break;
    }
    return {};
}

QVariant MemberTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case User:
        return tr("User");
    case Room:
        return tr("Room");
    case Node:
        return tr("Node");
    case Address:
        return tr("Address");
    case Since:
        return tr("Connected since");
    }
    return {};
}

QString MemberTableModel::keyOf(const Membership &membership) const
{
    // One membership per connection; the id alone when a store leaves the connection out.
    return QString::number(membership.id) + QLatin1Char('/') + membership.connectionId;
}

bool MemberTableModel::sameRow(const Membership &a, const Membership &b) const
{
    return a.userName == b.userName && a.roomName == b.roomName && a.nodeId == b.nodeId
        && a.address == b.address && a.since == b.since;
}

} // namespace roomgate::server::dashboard
