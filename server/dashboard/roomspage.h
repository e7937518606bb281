// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QAction;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace roomgate::server::dashboard {

class AdminCommands;
class RoomTableModel;

/**
 * The Rooms tab: the rooms table (sortable, filtered by a line edit) with the admin
 * actions on a toolbar and in the context menu. Actions act on the selected room and
 * go through AdminCommands. Main thread only.
 */
class RoomsPage : public QWidget
{
    Q_OBJECT
public:
    RoomsPage(RoomTableModel &model, AdminCommands &commands, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QLineEdit *filterEdit() const { return m_filter; }
    QAction *createAction() const { return m_create; }
    QAction *capacityAction() const { return m_capacity; }
    QAction *closeAction() const { return m_close; }
    QAction *reopenAction() const { return m_reopen; }
    QAction *deleteAction() const { return m_delete; }
    QAction *unbanAction() const { return m_unban; }

    /** Selects the row of room @p name; false when it is not shown. */
    bool selectRoom(const QString &name);
    /** The selected room's name, or an empty string. */
    QString selectedRoom() const;

private:
    void updateActions();
    void createRoom();
    void changeCapacity();
    void unbanUser();

    RoomTableModel &m_model;
    AdminCommands &m_commands;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
    QAction *m_create;
    QAction *m_capacity;
    QAction *m_close;
    QAction *m_reopen;
    QAction *m_delete;
    QAction *m_unban;
};

} // namespace roomgate::server::dashboard
