// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

class QTextLayout;

namespace roomgate::client::ui {

/**
 * Paints the MessageListModel: each message with its sender and time above the
 * wrapped text, one's own messages on a tinted background with "(you)" after the
 * name, notices centred and quiet, warnings in red. Heights follow the view's width.
 * Used by the RoomView's transcript; GUI thread.
 */
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /** The colour a sender's name is drawn in: stable per name, readable on white. */
    static QColor senderColor(const QString &sender);

private:
    /** Lays @p text out in @p width; returns the height it takes. */
    static int layoutText(QTextLayout &layout, int width);
    static int availableWidth(const QStyleOptionViewItem &option);
};

} // namespace roomgate::client::ui
