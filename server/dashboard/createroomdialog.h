// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;
class QSpinBox;

namespace roomgate::server::dashboard {

/**
 * Asks for the name and capacity of a new room. The service validates both; the
 * dialog only keeps OK disabled while the name is blank. Main thread only.
 */
class CreateRoomDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CreateRoomDialog(QWidget *parent = nullptr);

    QString roomName() const;
    int capacity() const;

private:
    QLineEdit *m_name;
    QSpinBox *m_capacity;
    QDialogButtonBox *m_buttons;
};

} // namespace roomgate::server::dashboard
