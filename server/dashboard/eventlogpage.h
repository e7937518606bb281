// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QAction;
class QComboBox;
class QLineEdit;
class QTableView;

namespace roomgate::server::dashboard {

class EventLogFilter;
class EventLogModel;

/**
 * The Event log tab: the live tail of admission decisions and admin actions, filters
 * by room, user and code, and Export to CSV of what the filters let through. Follows
 * the tail while the view is scrolled to the bottom. Main thread only.
 */
class EventLogPage : public QWidget
{
    Q_OBJECT
public:
    EventLogPage(EventLogModel &model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    EventLogFilter *filter() const { return m_filter; }
    QAction *exportAction() const { return m_export; }
    QLineEdit *roomFilterEdit() const { return m_room; }
    QLineEdit *userFilterEdit() const { return m_user; }
    QComboBox *codeFilterBox() const { return m_code; }

    /** Writes the filtered log to @p path as CSV; false (and a message) on failure. */
    bool exportTo(const QString &path, QString *error = nullptr);

Q_SIGNALS:
    /** An export finished or failed, in one sentence. */
    void reported(const QString &message, bool failed);

private:
    void exportWithDialog();

    EventLogModel &m_model;
    EventLogFilter *m_filter;
    QTableView *m_view;
    QLineEdit *m_room;
    QLineEdit *m_user;
    QComboBox *m_code;
    QAction *m_export;
    bool m_following = true;
};

} // namespace roomgate::server::dashboard
