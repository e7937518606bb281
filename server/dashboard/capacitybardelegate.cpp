// SPDX-License-Identifier: MIT
#include "server/dashboard/capacitybardelegate.h"

#include "server/dashboard/dashboardroles.h"

#include <QApplication>
#include <QPainter>
#include <QStyleOptionProgressBar>

namespace roomgate::server::dashboard {

void CapacityBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    const QVariant total = index.data(SeatsTotalRole);
    if (!total.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The selection background first, so a selected row stays visibly selected.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const int capacity = qMax(1, total.toInt());
    const int used = qBound(0, index.data(SeatsUsedRole).toInt(), capacity);
    QStyleOptionProgressBar bar;
    bar.state = option.state | QStyle::State_Horizontal;
    bar.direction = option.direction;
    bar.fontMetrics = option.fontMetrics;
    bar.palette = option.palette;
    bar.rect = option.rect.adjusted(3, 3, -3, -3);
    bar.minimum = 0;
    bar.maximum = capacity;
    bar.progress = used;
    bar.text = index.data(Qt::DisplayRole).toString();
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    // A full room stands out: the bar turns the colour of a warning.
    if (used >= capacity)
        bar.palette.setColor(QPalette::Highlight, QColor(0xc0, 0x39, 0x2b));
    else if (used * 4 >= capacity * 3)
        bar.palette.setColor(QPalette::Highlight, QColor(0xd6, 0x8a, 0x00));
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

QSize CapacityBarDelegate::sizeHint(const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(qMax(size.width(), 140));
    return size;
}

} // namespace roomgate::server::dashboard
