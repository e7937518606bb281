// SPDX-License-Identifier: MIT
#pragma once

#include <QTableView>

namespace roomgate::server::dashboard {

/**
 * The table view of the dashboard's record lists (rooms, reservations, members).
 *
 * In single-selection mode QAbstractItemView selects a neighbour when the selected row
 * is removed. Here rows disappear because of other people (a member leaves, a room is
 * deleted elsewhere), so the selection is dropped instead: an action must never land
 * on a row the admin did not pick. Main thread only.
 */
class RecordTableView : public QTableView
{
    Q_OBJECT
public:
    explicit RecordTableView(QWidget *parent = nullptr);

protected:
    void rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end) override;
};

} // namespace roomgate::server::dashboard
