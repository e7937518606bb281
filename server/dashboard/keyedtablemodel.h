// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>

namespace roomgate::server::dashboard {

/**
 * A table of records that is replaced wholesale from storage, but applied as a keyed
 * merge: rows that are gone are removed, changed rows are updated in place, new rows
 * are appended. Views keep their selection, current index and scroll position across
 * refreshes, which a model reset would lose. Main thread only.
 */
template<typename Row> class KeyedTableModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
    }

    const Row &row(int index) const { return m_rows.at(index); }
    const QList<Row> &rows() const { return m_rows; }

    /** The row holding @p key, or -1. */
    int rowOfKey(const QString &key) const
    {
        for (qsizetype i = 0; i < m_rows.size(); ++i) {
            if (keyOf(m_rows.at(i)) == key)
                return static_cast<int>(i);
        }
        return -1;
    }

    /** Makes the rows equal to @p fresh (matched by key), changing as little as it can. */
    void setRows(const QList<Row> &fresh)
    {
        QHash<QString, qsizetype> incoming;
        incoming.reserve(fresh.size());
        for (qsizetype i = 0; i < fresh.size(); ++i)
            incoming.insert(keyOf(fresh.at(i)), i);

        // Remove what is gone, one contiguous run at a time, from the end.
        for (qsizetype end = m_rows.size(); end > 0;) {
            if (incoming.contains(keyOf(m_rows.at(end - 1)))) {
                --end;
                continue;
            }
            qsizetype begin = end - 1;
            while (begin > 0 && !incoming.contains(keyOf(m_rows.at(begin - 1))))
                --begin;
            this->beginRemoveRows({}, static_cast<int>(begin), static_cast<int>(end - 1));
            m_rows.remove(begin, end - begin);
            this->endRemoveRows();
            end = begin;
        }

        // Update what stays, in place.
        QSet<QString> present;
        present.reserve(m_rows.size());
        for (qsizetype i = 0; i < m_rows.size(); ++i) {
            const QString key = keyOf(m_rows.at(i));
            present.insert(key);
            const Row &update = fresh.at(incoming.value(key));
            if (!sameRow(m_rows.at(i), update)) {
                m_rows[i] = update;
                const int r = static_cast<int>(i);
                Q_EMIT this->dataChanged(this->index(r, 0),
                                         this->index(r, this->columnCount() - 1));
            }
        }

        // Append what is new.
        QList<Row> added;
        for (const Row &candidate : fresh) {
            const QString key = keyOf(candidate);
            if (!present.contains(key)) {
                present.insert(key);
                added.append(candidate);
            }
        }
        if (!added.isEmpty()) {
            const int first = static_cast<int>(m_rows.size());
            this->beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
            m_rows.append(added);
            this->endInsertRows();
        }
    }

protected:
    /** The stable identity of @p row. */
    virtual QString keyOf(const Row &row) const = 0;
    /** Whether @p a and @p b show the same (no dataChanged needed). */
    virtual bool sameRow(const Row &a, const Row &b) const = 0;

    /** Local date and time of @p msecsSinceEpoch to the second; a dash for none. */
    static QString timeText(qint64 msecsSinceEpoch)
    {
        if (msecsSinceEpoch <= 0)
            return QStringLiteral("—");
        return QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch)
            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    }

    /** Tells views that column @p column of every row changed (e.g. a countdown). */
    void columnChanged(int column)
    {
        if (!m_rows.isEmpty())
            Q_EMIT this->dataChanged(this->index(0, column),
                                     this->index(static_cast<int>(m_rows.size()) - 1, column));
    }

private:
    QList<Row> m_rows;
};

} // namespace roomgate::server::dashboard
