// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QStringList>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace roomgate::client::ui {

/**
 * Asks for the name and capacity of a new room. Names that break the protocol's
 * rules are pointed out as they are typed (the server checks again); a name that is
 * already on the room list is allowed with a note, since entering with `create` then
 * simply enters that room. Opened window-modal by the MainWindow; GUI thread.
 */
class CreateRoomDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CreateRoomDialog(QWidget *parent = nullptr);

    /** Names on the room list, for the "already exists" note. */
    void setExistingRooms(const QStringList &names);

    QString roomName() const;
    int capacity() const;

    QLineEdit *nameEdit() const { return m_name; }
    QSpinBox *capacityEdit() const { return m_capacity; }

    QLabel *hint() const { return m_hint; }

private:
    void validate();
    void fitHint();

    QLineEdit *m_name;
    QSpinBox *m_capacity;
    QLabel *m_hint;
    QDialogButtonBox *m_buttons;
    QStringList m_existingKeys;
};

} // namespace roomgate::client::ui
