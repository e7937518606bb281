// SPDX-License-Identifier: MIT
#pragma once

#include <QSortFilterProxyModel>

namespace roomgate::server::dashboard {

/**
 * Narrows the event log to lines whose room, user and code contain the given texts
 * (case-insensitive; an empty text matches everything). Main thread only.
 */
class EventLogFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setRoom(const QString &text);
    void setUser(const QString &text);
    /** A wire code ("ROOM_FULL") or an admin action ("member.kick"), or part of one. */
    void setCode(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool matches(int sourceRow, int column, const QString &text) const;

    QString m_room;
    QString m_user;
    QString m_code;
};

} // namespace roomgate::server::dashboard
