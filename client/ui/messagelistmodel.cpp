// SPDX-License-Identifier: MIT
#include "client/ui/messagelistmodel.h"

#include <QLocale>

namespace roomgate::client::ui {

MessageListModel::MessageListModel(QObject *parent) : QAbstractListModel(parent) { }

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole: {
        const QString time = QLocale().toString(entry.time.time(), QLocale::ShortFormat);
        if (entry.kind != Kind::Message)
            return QStringLiteral("[%1] %2").arg(time, entry.text);
        return QStringLiteral("[%1] %2: %3").arg(time, entry.sender, entry.text);
    }
    case Qt::ToolTipRole:
        return QLocale().toString(entry.time, QLocale::LongFormat);
    case KindRole:
        return static_cast<int>(entry.kind);
    case SenderRole:
        return entry.sender;
    case TextRole:
        return entry.text;
    case TimeRole:
        return entry.time;
    case OwnRole:
        return entry.own;
    case IdRole:
        return entry.id;
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(SenderRole, "sender");
    names.insert(TextRole, "text");
    names.insert(TimeRole, "time");
    names.insert(OwnRole, "own");
    names.insert(IdRole, "id");
    return names;
}

void MessageListModel::append(const Entry &entry)
{
    const int row = static_cast<int>(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(entry);
    endInsertRows();
}

void MessageListModel::appendHistory(const QList<ChatMessage> &history, const QString &you)
{
    for (const ChatMessage &message : history)
        appendMessage(message, !you.isEmpty() && message.from == you);
}

bool MessageListModel::appendMessage(const ChatMessage &message, bool own)
{
    if (message.id != 0 && m_ids.contains(message.id))
        return false;
    m_ids.insert(message.id);
    const QDateTime sentAt = message.sentAtMs > 0
        ? QDateTime::fromMSecsSinceEpoch(message.sentAtMs).toLocalTime()
        : QDateTime::currentDateTime();
    append({Kind::Message, message.from, message.text, sentAt, own, message.id});
    return true;
}

void MessageListModel::appendNotice(const QString &text, Kind kind)
{
    append({kind, QString(), text, QDateTime::currentDateTime(), false, 0});
}

} // namespace roomgate::client::ui
