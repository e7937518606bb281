// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace roomgate::client::ui {

/**
 * Paints one room of the RoomListModel as a row: the name, its state underneath, and
 * on the right a bar of the seats — members (solid) and reservations (light) against
 * the capacity — with "3 + 1 / 16" on it. Used by the room list; GUI thread.
 */
class RoomDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace roomgate::client::ui
