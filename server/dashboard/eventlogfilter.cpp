// SPDX-License-Identifier: MIT
#include "server/dashboard/eventlogfilter.h"

#include "server/dashboard/eventlogmodel.h"

namespace roomgate::server::dashboard {

void EventLogFilter::setRoom(const QString &text)
{
    m_room = text.trimmed();
    invalidateRowsFilter();
}

void EventLogFilter::setUser(const QString &text)
{
    m_user = text.trimmed();
    invalidateRowsFilter();
}

void EventLogFilter::setCode(const QString &text)
{
    m_code = text.trimmed();
    invalidateRowsFilter();
}

bool EventLogFilter::matches(int sourceRow, int column, const QString &text) const
{
    if (text.isEmpty())
        return true;
    return sourceModel()
        ->index(sourceRow, column)
        .data(Qt::DisplayRole)
        .toString()
        .contains(text, Qt::CaseInsensitive);
}

bool EventLogFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid())
        return false;
    return matches(sourceRow, EventLogModel::Room, m_room)
        && matches(sourceRow, EventLogModel::User, m_user)
        && matches(sourceRow, EventLogModel::Code, m_code);
}

} // namespace roomgate::server::dashboard
