// SPDX-License-Identifier: MIT
#pragma once

#include "server/dashboard/keyedtablemodel.h"
#include "server/storage/records.h"

namespace roomgate::server::dashboard {

/** Every claimed seat, on any node, as the Members tab shows it. Main thread only. */
class MemberTableModel : public KeyedTableModel<Membership>
{
    Q_OBJECT
public:
    enum Column { User, Room, Node, Address, Since, ColumnCount };
    Q_ENUM(Column)

    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    QString keyOf(const Membership &membership) const override;
    bool sameRow(const Membership &a, const Membership &b) const override;
};

} // namespace roomgate::server::dashboard
