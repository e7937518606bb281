// SPDX-License-Identifier: MIT
#include "server/dashboard/reservationtablemodel.h"

#include "server/dashboard/dashboardroles.h"

#include <QBrush>
#include <QColor>

namespace roomgate::server::dashboard {

namespace {
/** Below this, a countdown is shown in the colour of a warning. */
constexpr qint64 kSoonMs = 5'000;
} // namespace

ReservationTableModel::ReservationTableModel(QObject *parent)
    : KeyedTableModel(parent), m_now(QDateTime::currentMSecsSinceEpoch())
{ }

int ReservationTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void ReservationTableModel::setNow(qint64 msecsSinceEpoch)
{
    m_now = msecsSinceEpoch;
    columnChanged(ExpiresIn);
}

QVariant ReservationTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Reservation &r = row(index.row());
    const qint64 left = r.expiresAt - m_now;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case User:
            return r.userName;
        case Room:
            return r.roomName;
        case Node:
            return r.nodeId;
        case Created:
            return timeText(r.createdAt);
        case ExpiresIn:
            if (left <= 0)
                return tr("expired");
            // Whole seconds, rounded up: "1 second" until the very end.
            return tr("in %n second(s)", nullptr, static_cast<int>((left + 999) / 1000));
        }
        break;
    case SortRole:
        switch (index.column()) {
        case User:
            return r.userName.toCaseFolded();
        case Room:
            return r.roomName.toCaseFolded();
        case Node:
            return r.nodeId;
        case Created:
            return r.createdAt;
        case ExpiresIn:
            return r.expiresAt;
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == ExpiresIn && left < kSoonMs)
            return QBrush(QColor(0xc0, 0x39, 0x2b));
        break;
    case Qt::ToolTipRole:
        if (index.column() == ExpiresIn)
            return tr("Expires at %1").arg(timeText(r.expiresAt));
        break;
    case KeyRole:
        return r.id;
    default:
        break;
    }
    return {};
}

QVariant ReservationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
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
    case Created:
        return tr("Reserved at");
    case ExpiresIn:
        return tr("Expires");
    }
    return {};
}

QString ReservationTableModel::keyOf(const Reservation &reservation) const
{
    return reservation.id;
}

bool ReservationTableModel::sameRow(const Reservation &a, const Reservation &b) const
{
    return a.userName == b.userName && a.roomName == b.roomName && a.nodeId == b.nodeId
        && a.createdAt == b.createdAt && a.expiresAt == b.expiresAt;
}

} // namespace roomgate::server::dashboard
