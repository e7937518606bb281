// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

namespace roomgate::client::ui {

/**
 * One line of plain text that never widens its window: when it does not fit, it is
 * elided in the middle ("Long room … name"), and the full text is in the tooltip and the
 * accessible name. Its size hint asks for the full text, its minimum for a few letters.
 * For room names and other user-chosen text in headings. GUI thread.
 */
class ElidedLabel : public QWidget
{
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    void setText(const QString &text);
    QString text() const { return m_text; }
    /** The text as drawn now (elided or whole). */
    QString shownText() const;
    bool isElided() const { return shownText() != m_text; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    /** @p text elided in the middle to @p width pixels in @p metrics. */
    static QString elided(const QString &text, const QFontMetrics &metrics, int width);

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QString m_text;
};

} // namespace roomgate::client::ui
