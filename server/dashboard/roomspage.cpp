// SPDX-License-Identifier: MIT
#include "server/dashboard/roomspage.h"

#include "server/dashboard/admincommands.h"
#include "server/dashboard/capacitybardelegate.h"
#include "server/dashboard/createroomdialog.h"
#include "server/dashboard/dashboardroles.h"
#include "server/dashboard/recordtableview.h"
#include "server/dashboard/roomtablemodel.h"

#include <QAction>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QPointer>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace roomgate::server::dashboard {

RoomsPage::RoomsPage(RoomTableModel &model, AdminCommands &commands, QWidget *parent)
    : QWidget(parent),
      m_model(model),
      m_commands(commands),
      m_proxy(new QSortFilterProxyModel(this)),
      m_view(new RecordTableView(this)),
      m_filter(new QLineEdit(this)),
      m_create(new QAction(QIcon::fromTheme(QStringLiteral("list-add")), tr("&New room…"), this)),
      m_capacity(new QAction(tr("Change &capacity…"), this)),
      m_close(new QAction(QIcon::fromTheme(QStringLiteral("process-stop")), tr("C&lose"), this)),
      m_reopen(new QAction(tr("&Reopen"), this)),
      m_delete(new QAction(QIcon::fromTheme(QStringLiteral("edit-delete")), tr("&Delete"), this)),
      m_unban(new QAction(tr("&Unban user…"), this))
{
    m_proxy->setSourceModel(&m_model);
    m_proxy->setSortRole(SortRole);
    m_proxy->setFilterKeyColumn(RoomTableModel::Name);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_view->setModel(m_proxy);
    m_view->setItemDelegateForColumn(RoomTableModel::Capacity, new CapacityBarDelegate(m_view));
    m_view->sortByColumn(RoomTableModel::Name, Qt::AscendingOrder);
    m_view->horizontalHeader()->resizeSection(RoomTableModel::Name, 220);
    m_view->horizontalHeader()->resizeSection(RoomTableModel::Capacity, 180);
    m_view->horizontalHeader()->resizeSection(RoomTableModel::Created, 170);

    m_filter->setPlaceholderText(tr("Filter rooms by name"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMaximumWidth(280);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);

    m_create->setToolTip(tr("Create an open room"));
    m_capacity->setToolTip(tr("Change how many people the selected room holds"));
    m_close->setToolTip(tr("Close the selected room: members are sent out, entries refused"));
    m_reopen->setToolTip(tr("Open the selected closed room again"));
    m_delete->setToolTip(tr("Delete the selected room and its history"));
    m_unban->setToolTip(tr("Let a banned user enter the selected room again"));
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setShortcutContext(Qt::WidgetWithChildrenShortcut);

    auto *toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_create);
    toolbar->addSeparator();
    toolbar->addAction(m_capacity);
    toolbar->addAction(m_close);
    toolbar->addAction(m_reopen);
    toolbar->addAction(m_delete);
    toolbar->addSeparator();
    toolbar->addAction(m_unban);
    auto *spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    toolbar->addWidget(m_filter);

    auto *separator = new QAction(this);
    separator->setSeparator(true);
    m_view->addActions({m_capacity, m_close, m_reopen, m_delete, separator, m_unban});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolbar);
    layout->addWidget(m_view);

    connect(m_create, &QAction::triggered, this, &RoomsPage::createRoom);
    connect(m_capacity, &QAction::triggered, this, &RoomsPage::changeCapacity);
    connect(m_close, &QAction::triggered, this, [this] {
        const QString room = selectedRoom();
        if (!room.isEmpty())
            m_commands.closeRoom(room);
    });
    connect(m_reopen, &QAction::triggered, this, [this] {
        const QString room = selectedRoom();
        if (!room.isEmpty())
            m_commands.reopenRoom(room);
    });
    connect(m_delete, &QAction::triggered, this, [this] {
        const QString room = selectedRoom();
        if (!room.isEmpty())
            m_commands.deleteRoom(room);
    });
    connect(m_unban, &QAction::triggered, this, &RoomsPage::unbanUser);

    // A refresh can change the selected room's state (closed elsewhere, deleted).
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RoomsPage::updateActions);
    connect(&m_model, &QAbstractItemModel::dataChanged, this, &RoomsPage::updateActions);
    connect(&m_model, &QAbstractItemModel::rowsRemoved, this, &RoomsPage::updateActions);
    updateActions();
}

QString RoomsPage::selectedRoom() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(KeyRole).toString();
}

bool RoomsPage::selectRoom(const QString &name)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, RoomTableModel::Name);
        if (index.data(KeyRole).toString() == name) {
            m_view->selectRow(row);
            return true;
        }
    }
    return false;
}

void RoomsPage::updateActions()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const bool selected = !rows.isEmpty();
    const QString state = selected ? rows.first().data(StateRole).toString() : QString();
    m_capacity->setEnabled(selected);
    m_close->setEnabled(selected && state != QLatin1String("closed"));
    m_reopen->setEnabled(selected && state == QLatin1String("closed"));
    m_delete->setEnabled(selected);
    m_unban->setEnabled(selected);
}

void RoomsPage::createRoom()
{
    CreateRoomDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_commands.createRoom(dialog.roomName(), dialog.capacity(),
                          [self = QPointer(this)](bool created) {
                              if (created && self)
                                  self->m_filter->clear();
                          });
}

void RoomsPage::changeCapacity()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows(RoomTableModel::Capacity);
    if (rows.isEmpty())
        return;
    const QString room = rows.first().data(KeyRole).toString();
    bool ok = false;
    const int capacity
        = QInputDialog::getInt(this, tr("Change capacity"),
                               tr("Seats in “%1” (at least those in use: %2):")
                                   .arg(room)
                                   .arg(rows.first().data(SeatsUsedRole).toInt()),
                               rows.first().data(SeatsTotalRole).toInt(), 1, 10'000, 1, &ok);
    if (ok)
        m_commands.changeCapacity(room, capacity);
}

void RoomsPage::unbanUser()
{
    const QString room = selectedRoom();
    if (room.isEmpty())
        return;
    bool ok = false;
    const QString user = QInputDialog::getText(this, tr("Unban user"),
                                               tr("User to let into “%1” again:").arg(room),
                                               QLineEdit::Normal, QString(), &ok)
                             .trimmed();
    if (ok && !user.isEmpty())
        m_commands.unban(room, user);
}

} // namespace roomgate::server::dashboard
