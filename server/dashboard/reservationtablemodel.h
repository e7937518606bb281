// SPDX-License-Identifier: MIT
#pragma once

#include "server/dashboard/keyedtablemodel.h"
#include "server/storage/records.h"

namespace roomgate::server::dashboard {

/**
 * The live reservations of every room, with the time each has left. The countdown
 * advances with setNow() (the window's one-second clock), not by asking storage again.
 * Main thread only.
 */
class ReservationTableModel : public KeyedTableModel<Reservation>
{
    Q_OBJECT
public:
    enum Column { User, Room, Node, Created, ExpiresIn, ColumnCount };
    Q_ENUM(Column)

    explicit ReservationTableModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /** The clock the countdown is computed against (epoch milliseconds). */
    void setNow(qint64 msecsSinceEpoch);
    qint64 now() const { return m_now; }

protected:
    QString keyOf(const Reservation &reservation) const override;
    bool sameRow(const Reservation &a, const Reservation &b) const override;

private:
    qint64 m_now;
};

} // namespace roomgate::server::dashboard
