// SPDX-License-Identifier: MIT
#include "server/dashboard/recordtableview.h"

#include <QHeaderView>

namespace roomgate::server::dashboard {

RecordTableView::RecordTableView(QWidget *parent) : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setAlternatingRowColors(true);
    setSortingEnabled(true);
    setContextMenuPolicy(Qt::ActionsContextMenu);
    verticalHeader()->hide();
    horizontalHeader()->setStretchLastSection(true);
}

void RecordTableView::rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end)
{
    const QModelIndex current = currentIndex();
    if (current.isValid() && current.parent() == parent && current.row() >= start
        && current.row() <= end)
        selectionModel()->clear();
    QTableView::rowsAboutToBeRemoved(parent, start, end);
}

} // namespace roomgate::server::dashboard
