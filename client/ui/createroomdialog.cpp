// SPDX-License-Identifier: MIT
#include "client/ui/createroomdialog.h"

#include "client/core/sessionmanager.h"
#include "shared/textrules.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace roomgate::client::ui {

CreateRoomDialog::CreateRoomDialog(QWidget *parent)
    : QDialog(parent),
      m_name(new QLineEdit(this)),
      m_capacity(new QSpinBox(this)),
      m_hint(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("createRoomDialog"));
    setWindowTitle(tr("Create a room"));
    m_name->setObjectName(QStringLiteral("roomNameEdit"));
    m_name->setMaxLength(TextRules::kRoomNameMax + 8); // room for spaces that are trimmed
    m_name->setPlaceholderText(tr("Letters, digits, spaces, _ - ."));
    m_capacity->setObjectName(QStringLiteral("capacityEdit"));
    m_capacity->setRange(TextRules::kCapacityMin, TextRules::kCapacityMax);
    m_capacity->setValue(TextRules::kDefaultCapacity);
    m_capacity->setSuffix(tr(" seats"));
    m_hint->setObjectName(QStringLiteral("createRoomHint"));
    m_hint->setWordWrap(true);
    m_hint->hide();

    m_name->setAccessibleName(tr("Room name"));
    m_capacity->setAccessibleName(tr("Capacity"));
    m_hint->setAccessibleName(tr("About the name"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Capacity:"), m_capacity);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    // The dialog is never smaller than what it shows: a hint of two lines gets them.
    layout->setSizeConstraint(QLayout::SetMinimumSize);

    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("Create and enter"));
    ok->setEnabled(false);
    connect(m_name, &QLineEdit::textChanged, this, &CreateRoomDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(420, sizeHint().height());
}

void CreateRoomDialog::fitHint()
{
    // A wrapped hint needs more height at this width than the layout knew: grow to it.
    layout()->activate();
    const int needed = layout()->totalHeightForWidth(width());
    if (needed > height())
        resize(width(), needed);
}

void CreateRoomDialog::setExistingRooms(const QStringList &names)
{
    m_existingKeys.clear();
    for (const QString &name : names)
        m_existingKeys.append(SessionManager::roomKey(name));
    validate();
}

QString CreateRoomDialog::roomName() const
{
    return m_name->text().trimmed();
}

int CreateRoomDialog::capacity() const
{
    return m_capacity->value();
}

void CreateRoomDialog::validate()
{
    const QString name = roomName();
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    if (name.isEmpty()) {
        ok->setEnabled(false);
        m_hint->hide();
        return;
    }
    if (TextRules::normalizedRoomName(name).isNull()) {
        ok->setEnabled(false);
        m_hint->setStyleSheet(QStringLiteral("QLabel { color: #c0392b; }"));
        m_hint->setText(errorSentence(ErrorCode::InvalidRoomName));
        m_hint->show();
        fitHint();
        return;
    }
    ok->setEnabled(true);
    if (m_existingKeys.contains(SessionManager::roomKey(name))) {
        m_hint->setStyleSheet(QString());
        m_hint->setText(tr("A room with this name exists already: you will enter it."));
        m_hint->show();
        fitHint();
    } else {
        m_hint->hide();
    }
}

} // namespace roomgate::client::ui
