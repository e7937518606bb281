// SPDX-License-Identifier: MIT
#include "client/ui/roomdelegate.h"

#include "client/ui/roomlistmodel.h"
#include "shared/roominfo.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace roomgate::client::ui {

namespace {
constexpr int kMargin = 8;
constexpr int kBarWidth = 150;
constexpr int kBarHeight = 20;
const QColor kMembers(0x2f, 0x6f, 0xd0);
const QColor kReserved(0x9d, 0xbf, 0xf0);
const QColor kFull(0xc0, 0x39, 0x2b);
const QColor kFullReserved(0xec, 0xa8, 0xa0);
const QColor kTrack(0xe6, 0xe9, 0xee);

QFont smaller(const QFont &font)
{
    QFont small = font;
    if (font.pointSizeF() > 0)
        small.setPointSizeF(font.pointSizeF() * 0.9);
    return small;
}
} // namespace

void RoomDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                         const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    background.icon = {};
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const bool selected = option.state.testFlag(QStyle::State_Selected);
    const QPalette::ColorGroup group
        = option.state.testFlag(QStyle::State_Enabled) ? QPalette::Normal : QPalette::Disabled;
    const QColor text
        = option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    QColor dim = text;
    dim.setAlphaF(0.65f);

    const int capacity = qMax(1, index.data(RoomListModel::CapacityRole).toInt());
    const int occupants = qBound(0, index.data(RoomListModel::OccupantsRole).toInt(), capacity);
    const int reserved
        = qBound(0, index.data(RoomListModel::ReservedRole).toInt(), capacity - occupants);
    const auto state = static_cast<RoomState>(index.data(RoomListModel::StateRole).toInt());
    const bool full = occupants + reserved >= capacity;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect area = option.rect.adjusted(kMargin, kMargin / 2, -kMargin, -kMargin / 2);
    const QRect bar(area.right() - kBarWidth, area.center().y() - kBarHeight / 2, kBarWidth,
                    kBarHeight);
    const QRect textArea(area.left(), area.top(), bar.left() - area.left() - kMargin,
                         area.height());

    QFont nameFont = option.font;
    nameFont.setBold(true);
    const QFontMetrics nameMetrics(nameFont);
    QFont stateFont = smaller(option.font);
    const QFontMetrics stateMetrics(stateFont);
    const int lines = nameMetrics.height() + stateMetrics.height();
    const int top = textArea.top() + (textArea.height() - lines) / 2;

    painter->setFont(nameFont);
    painter->setPen(state == RoomState::Closed ? dim : text);
    painter->drawText(QRect(textArea.left(), top, textArea.width(), nameMetrics.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      nameMetrics.elidedText(index.data(RoomListModel::NameRole).toString(),
                                             Qt::ElideMiddle, textArea.width()));
    painter->setFont(stateFont);
    painter->setPen(dim);
    QString stateLine = index.data(RoomListModel::StateTextRole).toString();
    if (full && state != RoomState::Closed)
        stateLine = tr("%1 · full").arg(stateLine);
    painter->drawText(
        QRect(textArea.left(), top + nameMetrics.height(), textArea.width(), stateMetrics.height()),
        Qt::AlignLeft | Qt::AlignVCenter,
        stateMetrics.elidedText(stateLine, Qt::ElideRight, textArea.width()));

    // The seat bar: members, then reservations, then the free rest.
    QPainterPath track;
    track.addRoundedRect(bar, 4, 4);
    painter->setPen(Qt::NoPen);
    painter->setBrush(kTrack);
    painter->drawPath(track);
    painter->setClipPath(track);
    const int membersWidth = bar.width() * occupants / capacity;
    const int reservedWidth = bar.width() * (occupants + reserved) / capacity - membersWidth;
    painter->setBrush(full ? kFull : kMembers);
    painter->drawRect(QRect(bar.left(), bar.top(), membersWidth, bar.height()));
    painter->setBrush(full ? kFullReserved : kReserved);
    painter->drawRect(QRect(bar.left() + membersWidth, bar.top(), reservedWidth, bar.height()));
    painter->setClipping(false);

    // The numbers on the bar, readable on both the filled and the empty part.
    const QString numbers = index.data(RoomListModel::OccupancyTextRole).toString();
    QFont barFont = smaller(option.font);
    barFont.setBold(true);
    painter->setFont(barFont);
    const QRect textRect = painter->fontMetrics().boundingRect(bar, Qt::AlignCenter, numbers);
    QPainterPath halo;
    halo.addRoundedRect(textRect.adjusted(-4, 0, 4, 0), 3, 3);
    painter->setBrush(QColor(255, 255, 255, 190));
    painter->drawPath(halo);
    painter->setPen(QColor(0x20, 0x24, 0x2a));
    painter->drawText(bar, Qt::AlignCenter, numbers);
    painter->restore();
}

QSize RoomDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Q_UNUSED(index)
    const QFontMetrics metrics(option.font);
    return {kBarWidth + 3 * kMargin + 120, metrics.height() * 2 + 2 * kMargin + 4};
}

} // namespace roomgate::client::ui
