// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace roomgate::server::dashboard {

/**
 * Paints a room's capacity column as a bar: seats in use (SeatsUsedRole, occupants and
 * live reservations) out of the capacity (SeatsTotalRole), with the numbers on it.
 * Used by the Rooms view; main thread only.
 */
class CapacityBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace roomgate::server::dashboard
