// SPDX-License-Identifier: MIT
#include "client/ui/messageedit.h"

#include <QKeyEvent>

namespace roomgate::client::ui {

namespace {
constexpr int kVisibleLines = 3;
} // namespace

MessageEdit::MessageEdit(QWidget *parent) : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QSize MessageEdit::sizeHint() const
{
    const int lines = fontMetrics().lineSpacing() * kVisibleLines;
    return {QPlainTextEdit::sizeHint().width(),
            lines + 2 * frameWidth() + static_cast<int>(2 * document()->documentMargin())};
}

void MessageEdit::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    const Qt::KeyboardModifiers modifiers
        = event->modifiers() & ~(Qt::KeypadModifier | Qt::GroupSwitchModifier);
    if (enter && modifiers == Qt::NoModifier) {
        event->accept();
        Q_EMIT submitted();
        return;
    }
    if (enter && modifiers.testFlag(Qt::ShiftModifier)) {
        insertPlainText(QStringLiteral("\n"));
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace roomgate::client::ui
