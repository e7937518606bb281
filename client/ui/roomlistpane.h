// SPDX-License-Identifier: MIT
#pragma once

#include "client/core/apiclient.h"
#include "shared/clock.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QSortFilterProxyModel;

namespace roomgate::client::ui {

class FailureBanner;
class RoomListModel;

/**
 * The room list of the signed-in window: a filter, the rooms with their seats and state
 * (refreshed every few seconds and on demand), a banner for failures of the list itself,
 * and Refresh, Create room… and Enter. It loads the list through the ApiClient and asks
 * its owner to enter or create a room through signals: it enters nothing itself.
 *
 * Child of the MainWindow; GUI thread.
 */
class RoomListPane : public QWidget
{
    Q_OBJECT
public:
    RoomListPane(ApiClient *api, const Clock &clock, QWidget *parent = nullptr);

    RoomListModel *rooms() const { return m_rooms; }
    FailureBanner *banner() const { return m_banner; }
    QLineEdit *filterEdit() const { return m_filter; }
    QListView *roomList() const { return m_roomList; }
    QPushButton *refreshButton() const { return m_refreshButton; }
    QPushButton *createButton() const { return m_createButton; }
    QPushButton *enterButton() const { return m_enterButton; }
    QLabel *legend() const { return m_legend; }

    /** The room selected in the list; empty when none. */
    QString selectedRoom() const;
    /** Whether the selected room can be entered (there is one, and it is not closed). */
    bool canEnterSelected() const;

public Q_SLOTS:
    /** Loads the list now (one call at a time; a call in flight makes this a no-op). */
    void refresh();
    /** Asks to enter the selected room, when it can be entered. */
    void enterSelected();

Q_SIGNALS:
    void enterRequested(const QString &room);
    void createRequested();
    void signInAgainRequested();
    /** The selection or the list changed what can be entered. */
    void selectionChanged();
    /** A list answer arrived (successful or not); for tests and screenshots. */
    void refreshed(bool ok);

private:
    void updateActions();

    QPointer<ApiClient> m_api;
    RoomListModel *m_rooms;
    QSortFilterProxyModel *m_filtered;
    FailureBanner *m_banner;
    QLineEdit *m_filter;
    QListView *m_roomList;
    QLabel *m_emptyList;
    QPushButton *m_refreshButton;
    QPushButton *m_createButton;
    QPushButton *m_enterButton;
    QLabel *m_legend;
    QTimer m_refreshTimer;
    bool m_refreshInFlight = false;
};

} // namespace roomgate::client::ui
