// SPDX-License-Identifier: MIT
#include "client/ui/messagedelegate.h"

#include "client/ui/messagelistmodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QTextLayout>

#include <cmath>

namespace roomgate::client::ui {

namespace {
constexpr int kHMargin = 10;
constexpr int kVMargin = 4;
constexpr int kPadding = 6;
constexpr int kAccentWidth = 3;
const QColor kOwnBackground(0xe8, 0xf0, 0xfd);
const QColor kOwnAccent(0x2f, 0x6f, 0xd0);
const QColor kWarning(0xb0, 0x2a, 0x1e);

using Kind = MessageListModel::Kind;

QFont smaller(const QFont &font)
{
    QFont small = font;
    if (font.pointSizeF() > 0)
        small.setPointSizeF(font.pointSizeF() * 0.85);
    return small;
}

QString timeText(const QDateTime &time)
{
    const QLocale locale;
    // The C locale's short format carries seconds; a chat needs minutes.
    const QString timeFormat = locale.language() == QLocale::C
        ? QStringLiteral("HH:mm")
        : locale.timeFormat(QLocale::ShortFormat);
    if (time.date() == QDate::currentDate())
        return locale.toString(time.time(), timeFormat);
    return locale.toString(time.date(), QLocale::ShortFormat) + QLatin1Char(' ')
        + locale.toString(time.time(), timeFormat);
}

} // namespace

QColor MessageDelegate::senderColor(const QString &sender)
{
    // FNV-1a over the UTF-8 of the name: the same hue for the same name in every client,
    // every run and every build (qHash is seeded and may differ between processors).
    quint32 hash = 2166136261u;
    for (const char byte : sender.toUtf8()) {
        hash ^= static_cast<quint8>(byte);
        hash *= 16777619u;
    }
    return QColor::fromHsl(static_cast<int>(hash % 360u), 150, 80);
}

int MessageDelegate::availableWidth(const QStyleOptionViewItem &option)
{
    int width = option.rect.width();
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        width = view->viewport()->width();
    return qMax(80, width - 2 * kHMargin - 2 * kPadding - kAccentWidth);
}

int MessageDelegate::layoutText(QTextLayout &layout, int width)
{
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(textOption);
    layout.setCacheEnabled(true);
    qreal height = 0;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0, height));
        height += line.height();
    }
    layout.endLayout();
    return static_cast<int>(std::ceil(height));
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int width = availableWidth(option);
    const auto kind = static_cast<Kind>(index.data(MessageListModel::KindRole).toInt());
    if (kind != Kind::Message) {
        QTextLayout layout(index.data(MessageListModel::TextRole).toString(), smaller(option.font));
        return {width, layoutText(layout, width) + 2 * kVMargin + 2};
    }
    QTextLayout layout(index.data(MessageListModel::TextRole).toString(), option.font);
    const int header = QFontMetrics(option.font).height();
    return {width, header + layoutText(layout, width) + 2 * kPadding + 2 * kVMargin};
}

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    const int width = availableWidth(option);
    const auto kind = static_cast<Kind>(index.data(MessageListModel::KindRole).toInt());
    const QString text = index.data(MessageListModel::TextRole).toString();
    const QDateTime time = index.data(MessageListModel::TimeRole).toDateTime();
    const QPalette &palette = option.palette;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);

    if (kind != Kind::Message) {
        const QFont font = smaller(option.font);
        const QString line = tr("%1 · %2", "notice · time").arg(text, timeText(time));
        QTextLayout layout(line, font);
        const int height = layoutText(layout, width);
        painter->setPen(kind == Kind::Warning ? kWarning
                                              : palette.color(QPalette::PlaceholderText));
        // Centre each line of the notice.
        const int top = option.rect.top() + (option.rect.height() - height) / 2;
        for (int i = 0; i < layout.lineCount(); ++i) {
            const QTextLine textLine = layout.lineAt(i);
            const qreal left
                = option.rect.left() + (option.rect.width() - textLine.naturalTextWidth()) / 2;
            textLine.draw(painter, QPointF(left, top));
        }
        painter->restore();
        return;
    }

    const bool own = index.data(MessageListModel::OwnRole).toBool();
    const QString sender = index.data(MessageListModel::SenderRole).toString();
    const QRect bubble = option.rect.adjusted(kHMargin, kVMargin, -kHMargin, -kVMargin);
    if (own) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(kOwnBackground);
        painter->drawRoundedRect(bubble, 6, 6);
        painter->setBrush(kOwnAccent);
        painter->drawRoundedRect(QRect(bubble.left(), bubble.top(), kAccentWidth, bubble.height()),
                                 1.5, 1.5);
    }
    if (option.state.testFlag(QStyle::State_Selected)) {
        painter->setPen(QPen(palette.color(QPalette::Highlight), 1.5));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(bubble, 6, 6);
    }

    const int left = bubble.left() + kAccentWidth + kPadding;
    const int top = bubble.top() + kPadding;
    QFont nameFont = option.font;
    nameFont.setBold(true);
    const QFontMetrics nameMetrics(nameFont);
    const QString name = own ? tr("%1 (you)").arg(sender) : sender;
    painter->setFont(nameFont);
    // The sender's colour is the same in everyone's window, the own bubble included.
    painter->setPen(senderColor(sender));
    const QString elidedName = nameMetrics.elidedText(name, Qt::ElideRight, width * 2 / 3);
    painter->drawText(QPoint(left, top + nameMetrics.ascent()), elidedName);

    const QFont timeFont = smaller(option.font);
    painter->setFont(timeFont);
    painter->setPen(palette.color(QPalette::PlaceholderText));
    painter->drawText(
        QPoint(left + nameMetrics.horizontalAdvance(elidedName) + 8, top + nameMetrics.ascent()),
        timeText(time));

    QTextLayout layout(text, option.font);
    layoutText(layout, width);
    painter->setPen(palette.color(QPalette::Text));
    layout.draw(painter, QPointF(left, top + QFontMetrics(option.font).height()));
    painter->restore();
}

} // namespace roomgate::client::ui
