// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/admissionservice.h"

#include <QAbstractTableModel>
#include <QDateTime>

namespace roomgate::server {

struct AuditEntry;

namespace dashboard {

/** One line of the dashboard's event log. */
struct EventLogEntry
{
    enum class Source { Reserve, Claim, Admin };

    QDateTime at;
    Source source = Source::Reserve;
    QString code; ///< wire name of a decision, or the admin action ("member.kick")
    QString user;
    QString room;
    QString detail; ///< admin actions: who and on what
    qint64 durationUs = -1; ///< decisions: how long the decision took
};

/**
 * A live tail of admission decisions and admin actions, newest last, bounded to the
 * last maxRows() lines. Appends are buffered and enter the model in one batch on
 * flush(), so a burst of decisions costs one row insertion, not one per decision.
 * Main thread only.
 */
class EventLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Event, Code, User, Room, Details, ColumnCount };
    Q_ENUM(Column)

    explicit EventLogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void appendDecision(AdmissionService::Phase phase, ErrorCode code, const QString &user,
                        const QString &room, qint64 durationUs);
    void appendAdminAction(const AuditEntry &audit);
    /** Moves the buffered lines into the model; true when there were any. */
    bool flush();

    const EventLogEntry &entry(int row) const { return m_rows.at(row); }
    int maxRows() const { return m_maxRows; }
    void setMaxRows(int rows) { m_maxRows = qMax(1, rows); }

private:
    QList<EventLogEntry> m_rows;
    QList<EventLogEntry> m_pending;
    int m_maxRows = 10'000;
};

} // namespace dashboard
} // namespace roomgate::server
