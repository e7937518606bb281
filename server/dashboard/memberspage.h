// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include <utility>

class QAction;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace roomgate::server::dashboard {

class AdminCommands;
class MemberTableModel;

/**
 * The Members tab: connected members of every room, with Kick and Ban on a toolbar
 * and in the context menu. Main thread only.
 */
class MembersPage : public QWidget
{
    Q_OBJECT
public:
    MembersPage(MemberTableModel &model, AdminCommands &commands, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QAction *kickAction() const { return m_kick; }
    QAction *banAction() const { return m_ban; }

    /** Selects the membership of @p user in @p room; false when it is not shown. */
    bool selectMember(const QString &user, const QString &room);

private:
    void updateActions();
    /** The selected membership's room and user, or empty strings. */
    std::pair<QString, QString> selected() const;

    MemberTableModel &m_model;
    AdminCommands &m_commands;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
    QAction *m_kick;
    QAction *m_ban;
};

} // namespace roomgate::server::dashboard
