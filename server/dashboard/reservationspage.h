// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QAction;
class QSortFilterProxyModel;
class QTableView;

namespace roomgate::server::dashboard {

class AdminCommands;
class ReservationTableModel;

/**
 * The Reservations tab: live reservations with their countdown, and Revoke on a
 * toolbar and in the context menu. Main thread only.
 */
class ReservationsPage : public QWidget
{
    Q_OBJECT
public:
    ReservationsPage(ReservationTableModel &model, AdminCommands &commands,
                     QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QAction *revokeAction() const { return m_revoke; }

    /** Selects the reservation of @p user in @p room; false when it is not shown. */
    bool selectReservation(const QString &user, const QString &room);

private:
    void updateActions();
    void revokeSelected();

    ReservationTableModel &m_model;
    AdminCommands &m_commands;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QAction *m_revoke;
};

} // namespace roomgate::server::dashboard
