// SPDX-License-Identifier: MIT
#include "client/ui/memberlistmodel.h"

#include <QColor>
#include <QFont>
#include <QIcon>
#include <QPainter>
#include <QPixmap>

namespace roomgate::client::ui {

namespace {

QIcon dot(const QColor &colour)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(1.5, 1.5, 9, 9));
    return QIcon(pixmap);
}

/** A green dot: the member is connected now; a grey one: was, when we last knew. */
QIcon presenceIcon(bool stale)
{
    static const QIcon present = dot(QColor(0x2e, 0xa0, 0x43));
    static const QIcon unknown = dot(QColor(0xb0, 0xb0, 0xb0));
    return stale ? unknown : present;
}

} // namespace

MemberListModel::MemberListModel(QObject *parent) : QAbstractListModel(parent) { }

int MemberListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_members.size());
}

QVariant MemberListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QString &name = m_members.at(index.row());
    const bool you = name == m_you;
    switch (role) {
    case Qt::DisplayRole:
        return you ? tr("%1 (you)").arg(name) : name;
    case Qt::DecorationRole:
        return presenceIcon(m_stale);
    case Qt::ForegroundRole:
        if (m_stale)
            return QColor(0x8a, 0x8a, 0x8a);
        return {};
    case Qt::ToolTipRole:
        return you ? tr("You are in the room") : tr("%1 is in the room").arg(name);
    case Qt::FontRole:
        if (you) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case NameRole:
        return name;
    case YouRole:
        return you;
    case StaleRole:
        return m_stale;
    default:
        return {};
    }
}

QHash<int, QByteArray> MemberListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(NameRole, "name");
    names.insert(YouRole, "you");
    names.insert(StaleRole, "stale");
    return names;
}

void MemberListModel::setMembers(const QStringList &members, const QString &you)
{
    if (you != m_you) {
        beginResetModel();
        m_members = members;
        m_you = you;
        endResetModel();
        return;
    }
    // Presence changes one name at a time: remove who left, append who came.
    for (int row = static_cast<int>(m_members.size()) - 1; row >= 0; --row) {
        if (!members.contains(m_members.at(row))) {
            beginRemoveRows({}, row, row);
            m_members.removeAt(row);
            endRemoveRows();
        }
    }
    for (const QString &member : members) {
        if (m_members.contains(member))
            continue;
        const int row = static_cast<int>(m_members.size());
        beginInsertRows({}, row, row);
        m_members.append(member);
        endInsertRows();
    }
}

void MemberListModel::setStale(bool stale)
{
    if (m_stale == stale)
        return;
    m_stale = stale;
    if (!m_members.isEmpty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1),
                           {Qt::DecorationRole, Qt::ForegroundRole, StaleRole});
}

void MemberListModel::clear()
{
    beginResetModel();
    m_members.clear();
    endResetModel();
}

} // namespace roomgate::client::ui
