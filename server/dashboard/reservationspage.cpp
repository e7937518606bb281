// SPDX-License-Identifier: MIT
#include "server/dashboard/reservationspage.h"

#include "server/dashboard/admincommands.h"
#include "server/dashboard/dashboardroles.h"
#include "server/dashboard/recordtableview.h"
#include "server/dashboard/reservationtablemodel.h"

#include <QAction>
#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace roomgate::server::dashboard {

ReservationsPage::ReservationsPage(ReservationTableModel &model, AdminCommands &commands,
                                   QWidget *parent)
    : QWidget(parent),
      m_model(model),
      m_commands(commands),
      m_proxy(new QSortFilterProxyModel(this)),
      m_view(new RecordTableView(this)),
      m_revoke(new QAction(QIcon::fromTheme(QStringLiteral("edit-delete")), tr("&Revoke"), this))
{
    m_proxy->setSourceModel(&m_model);
    m_proxy->setSortRole(SortRole);

    m_view->setModel(m_proxy);
    m_view->sortByColumn(ReservationTableModel::ExpiresIn, Qt::AscendingOrder);
    m_view->horizontalHeader()->resizeSection(ReservationTableModel::User, 180);
    m_view->horizontalHeader()->resizeSection(ReservationTableModel::Room, 200);
    m_view->horizontalHeader()->resizeSection(ReservationTableModel::Node, 160);
    m_view->horizontalHeader()->resizeSection(ReservationTableModel::Created, 170);
    m_view->addAction(m_revoke);

    m_revoke->setToolTip(tr("Revoke the selected reservation: its seat is freed, its ticket "
                            "refused"));
    m_revoke->setShortcut(QKeySequence::Delete);
    m_revoke->setShortcutContext(Qt::WidgetWithChildrenShortcut);

    auto *toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_revoke);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolbar);
    layout->addWidget(m_view);

    connect(m_revoke, &QAction::triggered, this, &ReservationsPage::revokeSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ReservationsPage::updateActions);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &ReservationsPage::updateActions);
    updateActions();
}

bool ReservationsPage::selectReservation(const QString &user, const QString &room)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        if (m_proxy->index(row, ReservationTableModel::User).data().toString() == user
            && m_proxy->index(row, ReservationTableModel::Room).data().toString() == room) {
            m_view->selectRow(row);
            return true;
        }
    }
    return false;
}

void ReservationsPage::updateActions()
{
    m_revoke->setEnabled(m_view->selectionModel()->hasSelection());
}

void ReservationsPage::revokeSelected()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const QModelIndex source = m_proxy->mapToSource(rows.first());
    const Reservation reservation = m_model.row(source.row());
    m_commands.revokeReservation(reservation.id, reservation.userName, reservation.roomName);
}

} // namespace roomgate::server::dashboard
