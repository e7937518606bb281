// SPDX-License-Identifier: MIT
#pragma once

#include "shared/roominfo.h"

#include <QAbstractListModel>
#include <QList>
#include <QSet>

namespace roomgate::client::ui {

/**
 * The rooms of `GET /api/v1/rooms`, one row each, for the room list. setRooms()
 * merges a fresh answer into the rows (updates, inserts, removals) so selection and
 * scrolling survive a refresh. Owned by the MainWindow; GUI thread.
 */
class RoomListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        NameRole = Qt::UserRole + 1, ///< QString, the server's form of the name
        CapacityRole, ///< int
        OccupantsRole, ///< int, connected members
        ReservedRole, ///< int, live reservations
        StateRole, ///< int, RoomState
        StateTextRole, ///< QString, the state in words
        OccupancyTextRole, ///< QString, "3 + 1 / 16"
    };

    explicit RoomListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /** Replaces the rows with @p rooms (in the server's order), keeping unchanged rows. */
    void setRooms(const QList<RoomInfo> &rooms);
    const QList<RoomInfo> &rooms() const { return m_rooms; }
    /** The row of @p name, compared the way the server compares room names; -1 if none. */
    int rowOf(const QString &name) const;

    /** "3 + 1 / 16": members + reservations against the capacity. */
    static QString occupancyText(const RoomInfo &room);
    static QString stateText(RoomState state);
    /** The seats in words: "1 member, 0 seats reserved, 2 seats in all". */
    static QString seatsText(const RoomInfo &room);

private:
    QList<RoomInfo> m_rooms;
};

} // namespace roomgate::client::ui
