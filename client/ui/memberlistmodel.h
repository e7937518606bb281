// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QStringList>

namespace roomgate::client::ui {

/**
 * Who is in one room right now, in join order, kept live from the session's
 * presence events; the user's own name is marked. Owned by a RoomView; GUI thread.
 */
class MemberListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        NameRole = Qt::UserRole + 1, ///< QString
        YouRole, ///< bool
        StaleRole, ///< bool, see setStale()
    };

    explicit MemberListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /** Replaces the members, keeping the rows of those still present. */
    void setMembers(const QStringList &members, const QString &you);
    void clear();
    const QStringList &members() const { return m_members; }
    /** The connection is down: the names are who was there, shown greyed. */
    void setStale(bool stale);
    bool isStale() const { return m_stale; }

private:
    QStringList m_members;
    QString m_you;
    bool m_stale = false;
};

} // namespace roomgate::client::ui
