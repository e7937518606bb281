// SPDX-License-Identifier: MIT
#include "server/dashboard/eventlogmodel.h"

#include "server/dashboard/dashboardroles.h"
#include "server/storage/records.h"

#include <QBrush>
#include <QColor>
#include <QJsonDocument>

namespace roomgate::server::dashboard {

EventLogModel::EventLogModel(QObject *parent) : QAbstractTableModel(parent) { }

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void EventLogModel::appendDecision(AdmissionService::Phase phase, ErrorCode code,
                                   const QString &user, const QString &room, qint64 durationUs)
{
    EventLogEntry e;
    e.at = QDateTime::currentDateTime();
    e.source = phase == AdmissionService::Phase::Reserve ? EventLogEntry::Source::Reserve
                                                         : EventLogEntry::Source::Claim;
    e.code = wireName(code);
    e.user = user;
    e.room = room;
    e.durationUs = durationUs;
    m_pending.append(e);
}

void EventLogModel::appendAdminAction(const AuditEntry &audit)
{
    EventLogEntry e;
    e.at = audit.at > 0 ? QDateTime::fromMSecsSinceEpoch(audit.at) : QDateTime::currentDateTime();
    e.source = EventLogEntry::Source::Admin;
    e.code = audit.action;
    e.room = audit.detail.value(QLatin1String("room")).toString();
    e.user = audit.detail.value(QLatin1String("user")).toString();
    // Targets name a room, "room/user", or a reservation id; the detail may say more.
    const qsizetype slash = audit.target.indexOf(QLatin1Char('/'));
    if (e.room.isEmpty() && slash > 0)
        e.room = audit.target.left(slash);
    if (e.user.isEmpty() && slash > 0)
        e.user = audit.target.mid(slash + 1);
    if (e.room.isEmpty() && audit.action.startsWith(QLatin1String("room.")))
        e.room = audit.target;
    QString detail = tr("by %1").arg(audit.admin);
    if (!audit.target.isEmpty())
        detail += QStringLiteral(" · ") + audit.target;
    if (!audit.detail.isEmpty())
        detail += QLatin1Char(' ')
            + QString::fromUtf8(QJsonDocument(audit.detail).toJson(QJsonDocument::Compact));
    e.detail = detail;
    m_pending.append(e);
}

bool EventLogModel::flush()
{
    if (m_pending.isEmpty())
        return false;
    // Only the newest maxRows() lines stay: drop from the buffer first, then the model.
    if (m_pending.size() > m_maxRows)
        m_pending.remove(0, m_pending.size() - m_maxRows);
    const qsizetype overflow = m_rows.size() + m_pending.size() - m_maxRows;
    if (overflow > 0) {
        beginRemoveRows({}, 0, static_cast<int>(overflow) - 1);
        m_rows.remove(0, overflow);
        endRemoveRows();
    }
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(m_pending.size()) - 1);
    m_rows.append(m_pending);
    m_pending.clear();
    endInsertRows();
    return true;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const EventLogEntry &e = m_rows.at(index.row());
    const bool refusal
        = e.source != EventLogEntry::Source::Admin && e.code != wireName(ErrorCode::Ok);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return e.at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
        case Event:
            switch (e.source) {
            case EventLogEntry::Source::Reserve:
                return tr("reserve");
            case EventLogEntry::Source::Claim:
                return tr("claim");
            case EventLogEntry::Source::Admin:
                return tr("admin");
            }
            break;
        case Code:
            return e.code;
        case User:
            return e.user;
        case Room:
            return e.room;
        case Details:
            if (e.source == EventLogEntry::Source::Admin)
                return e.detail;
            return tr("%1 ms").arg(static_cast<double>(e.durationUs) / 1000.0, 0, 'f', 2);
        }
        break;
    case SortRole:
        return index.column() == Time ? QVariant(e.at) : data(index, Qt::DisplayRole);
    case Qt::ToolTipRole:
        if (index.column() == Code && e.source != EventLogEntry::Source::Admin) {
            bool known = false;
            const ErrorCode code = errorCodeFromWireName(e.code, &known);
            if (known)
                return errorSentence(code);
        }
        if (index.column() == Time)
            return e.at.toString(Qt::ISODateWithMs);
        break;
    case Qt::ForegroundRole:
        if (refusal)
            return QBrush(QColor(0xc0, 0x39, 0x2b));
        if (e.source == EventLogEntry::Source::Admin)
            return QBrush(QColor(0x1f, 0x5f, 0xa8));
        break;
    default:
        break;
    }
    return {};
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Event:
        return tr("Event");
    case Code:
        return tr("Code");
    case User:
        return tr("User");
    case Room:
        return tr("Room");
    case Details:
        return tr("Details");
    }
    return {};
}

} // namespace roomgate::server::dashboard
