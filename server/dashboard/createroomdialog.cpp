// SPDX-License-Identifier: MIT
#include "server/dashboard/createroomdialog.h"

#include "shared/textrules.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace roomgate::server::dashboard {

CreateRoomDialog::CreateRoomDialog(QWidget *parent)
    : QDialog(parent),
      m_name(new QLineEdit(this)),
      m_capacity(new QSpinBox(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("New room"));
    // The protocol's limits; the service checks them again.
    m_name->setMaxLength(TextRules::kRoomNameMax);
    m_name->setPlaceholderText(tr("Letters, digits, spaces, _ - ."));
    m_capacity->setRange(TextRules::kCapacityMin, TextRules::kCapacityMax);
    m_capacity->setValue(TextRules::kDefaultCapacity);

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Seats:"), m_capacity);
    form->addRow(m_buttons);

    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("Create"));
    ok->setEnabled(false);
    connect(m_name, &QLineEdit::textChanged, ok,
            [ok](const QString &text) { ok->setEnabled(!text.trimmed().isEmpty()); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString CreateRoomDialog::roomName() const
{
    return m_name->text().trimmed();
}

int CreateRoomDialog::capacity() const
{
    return m_capacity->value();
}

} // namespace roomgate::server::dashboard
