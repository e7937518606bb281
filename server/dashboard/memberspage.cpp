// SPDX-License-Identifier: MIT
#include "server/dashboard/memberspage.h"

#include "server/dashboard/admincommands.h"
#include "server/dashboard/dashboardroles.h"
#include "server/dashboard/membertablemodel.h"
#include "server/dashboard/recordtableview.h"

#include <QAction>
#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace roomgate::server::dashboard {

MembersPage::MembersPage(MemberTableModel &model, AdminCommands &commands, QWidget *parent)
    : QWidget(parent),
      m_model(model),
      m_commands(commands),
      m_proxy(new QSortFilterProxyModel(this)),
      m_view(new RecordTableView(this)),
      m_filter(new QLineEdit(this)),
      m_kick(new QAction(QIcon::fromTheme(QStringLiteral("user-offline")), tr("&Kick"), this)),
      m_ban(new QAction(QIcon::fromTheme(QStringLiteral("dialog-cancel")), tr("&Ban"), this))
{
    m_proxy->setSourceModel(&m_model);
    m_proxy->setSortRole(SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_view->setModel(m_proxy);
    m_view->sortByColumn(MemberTableModel::Room, Qt::AscendingOrder);
    m_view->horizontalHeader()->resizeSection(MemberTableModel::User, 180);
    m_view->horizontalHeader()->resizeSection(MemberTableModel::Room, 200);
    m_view->horizontalHeader()->resizeSection(MemberTableModel::Node, 160);
    m_view->horizontalHeader()->resizeSection(MemberTableModel::Address, 160);
    m_view->addActions({m_kick, m_ban});

    m_kick->setToolTip(tr("Remove the selected member from the room (they may enter again)"));
    m_ban->setToolTip(tr("Remove the selected member and keep them out of the room"));

    m_filter->setPlaceholderText(tr("Filter by user, room, node or address"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMaximumWidth(280);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);

    auto *toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_kick);
    toolbar->addAction(m_ban);
    auto *spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    toolbar->addWidget(m_filter);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolbar);
    layout->addWidget(m_view);

    connect(m_kick, &QAction::triggered, this, [this] {
        const auto [room, user] = selected();
        if (!user.isEmpty())
            m_commands.kick(room, user);
    });
    connect(m_ban, &QAction::triggered, this, [this] {
        const auto [room, user] = selected();
        if (!user.isEmpty())
            m_commands.ban(room, user);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MembersPage::updateActions);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &MembersPage::updateActions);
    updateActions();
}

std::pair<QString, QString> MembersPage::selected() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    const Membership &m = m_model.row(m_proxy->mapToSource(rows.first()).row());
    return {m.roomName, m.userName};
}

bool MembersPage::selectMember(const QString &user, const QString &room)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        if (m_proxy->index(row, MemberTableModel::User).data().toString() == user
            && m_proxy->index(row, MemberTableModel::Room).data().toString() == room) {
            m_view->selectRow(row);
            return true;
        }
    }
    return false;
}

void MembersPage::updateActions()
{
    const bool selected = m_view->selectionModel()->hasSelection();
    m_kick->setEnabled(selected);
    m_ban->setEnabled(selected);
}

} // namespace roomgate::server::dashboard
