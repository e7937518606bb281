// SPDX-License-Identifier: MIT
#pragma once

#include <QPlainTextEdit>

namespace roomgate::client::ui {

/**
 * The message input of a room: Enter sends (submitted()), Shift+Enter starts a new
 * line. A few lines high. Child of a RoomView; GUI thread.
 */
class MessageEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit MessageEdit(QWidget *parent = nullptr);

    QSize sizeHint() const override;

Q_SIGNALS:
    void submitted();

protected:
    void keyPressEvent(QKeyEvent *event) override;
};

} // namespace roomgate::client::ui
