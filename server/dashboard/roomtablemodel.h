// SPDX-License-Identifier: MIT
#pragma once

#include "server/dashboard/keyedtablemodel.h"
#include "server/storage/records.h"

namespace roomgate::server::dashboard {

/**
 * Every room of the node's storage with its seat counts, as the Rooms tab shows it.
 * Refreshed by the DashboardWindow (coalesced); main thread only.
 */
class RoomTableModel : public KeyedTableModel<Room>
{
    Q_OBJECT
public:
    enum Column { Name, State, Occupants, Reserved, Capacity, Created, LastActivity, ColumnCount };
    Q_ENUM(Column)

    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /** "open", "pending", "closed" in the reader's language. */
    static QString stateText(RoomState state);

protected:
    QString keyOf(const Room &room) const override;
    bool sameRow(const Room &a, const Room &b) const override;
};

} // namespace roomgate::server::dashboard
