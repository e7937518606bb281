// SPDX-License-Identifier: MIT
#pragma once

#include "shared/chatmessage.h"

#include <QAbstractListModel>
#include <QList>
#include <QSet>

namespace roomgate::client::ui {

/**
 * The transcript of one room: the history of the joined frame, then live messages,
 * interleaved with notices from the client itself (who came and went, a lost and a
 * restored connection, a message the server refused). Messages are kept once per
 * server `id`, so a rejoin that repeats history adds nothing twice.
 *
 * Owned by a RoomView; GUI thread.
 */
class MessageListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum class Kind { Message, Notice, Warning };
    Q_ENUM(Kind)

    enum Role {
        KindRole = Qt::UserRole + 1, ///< int, Kind
        SenderRole, ///< QString; empty for notices
        TextRole, ///< QString
        TimeRole, ///< QDateTime, local time
        OwnRole, ///< bool, sent by this user
        IdRole, ///< qint64, the server's id; 0 for notices
    };

    explicit MessageListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /**
     * Adds the history of a joined frame (oldest first), skipping messages already here;
     * messages from @p you are marked as the user's own.
     */
    void appendHistory(const QList<ChatMessage> &history, const QString &you);
    /** Adds one acknowledged message; false when its id is already here. */
    bool appendMessage(const ChatMessage &message, bool own);
    void appendNotice(const QString &text, Kind kind = Kind::Notice);

    /** Rows that are messages (not notices). */
    int messageCount() const { return static_cast<int>(m_ids.size()); }

private:
    struct Entry
    {
        Kind kind = Kind::Message;
        QString sender;
        QString text;
        QDateTime time;
        bool own = false;
        qint64 id = 0;
    };
    void append(const Entry &entry);

    QList<Entry> m_entries;
    QSet<qint64> m_ids;
};

} // namespace roomgate::client::ui
