// SPDX-License-Identifier: MIT
#pragma once

#include "client/core/apiclient.h"
#include "client/core/entryoptions.h"
#include "client/core/roomsession.h"
#include "client/ui/roomlistpane.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QStackedWidget;
class QTabWidget;

namespace roomgate::client {
class SessionManager;
}

namespace roomgate::client::ui {

class FailureBanner;
class RoomListModel;
class RoomView;

/**
 * The signed-in window: the RoomListPane on the left (filter, seats bar, state,
 * refresh, create, enter), a tab per room the user is in on the right, one
 * RoomSession each through a SessionManager, so several rooms run at once.
 * Failures of the room list itself show in a banner above it; failures of an entry
 * in the room's tab. Nothing here speaks the protocol: ApiClient and RoomSession do.
 *
 * Created by the ClientShell for one signed-in account and destroyed on sign-out
 * (which leaves every room); uses the shell's ApiClient. GUI thread.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(ApiClient *api, const QString &username, const Clock &clock = Clock::system(),
               QWidget *parent = nullptr);
    ~MainWindow() override;

    QString username() const { return m_username; }
    SessionManager *sessions() const { return m_sessions; }
    RoomListPane *roomListPane() const { return m_listPane; }
    RoomListModel *rooms() const { return m_listPane->rooms(); }
    /** The tab of @p room, or nullptr. */
    RoomView *roomView(const QString &room) const;
    QList<RoomView *> roomViews() const;
    RoomView *currentRoomView() const;

    FailureBanner *roomListBanner() const { return m_listPane->banner(); }
    QLineEdit *filterEdit() const { return m_listPane->filterEdit(); }
    QListView *roomList() const { return m_listPane->roomList(); }
    QTabWidget *roomTabs() const { return m_tabs; }
    QPushButton *refreshButton() const { return m_listPane->refreshButton(); }
    QPushButton *createButton() const { return m_listPane->createButton(); }
    QPushButton *enterButton() const { return m_listPane->enterButton(); }

    /** Enters @p room (or brings its tab to the front) and returns its tab. */
    RoomView *enterRoom(const QString &room, const EntryOptions &options = {});
    void refreshRooms();
    /** Opens the Create room dialog (window-modal, not blocking). */
    void showCreateRoomDialog();
    /** Signed in again as the same user: reload the list, retry what the 401 stopped. */
    void resumeAfterSignIn();
    /**
     * Says in the status bar that the token lives in memory only: because no keychain
     * answered, or (@p keychainOff) because the user turned it off (`--no-keychain`).
     */
    void setMemoryOnlyNote(bool memoryOnly, bool keychainOff = false);
    /** The longest a room name shows on its tab before it is elided, in pixels. */
    static constexpr int kTabTextWidth = 200;

Q_SIGNALS:
    void signOutRequested();
    void signInAgainRequested();
    /** A room list answer arrived (successful or not); for tests and screenshots. */
    void roomsRefreshed(bool ok);

private:
    void addRoomView(RoomSession *session);
    void removeRoomView(RoomView *view);
    void leaveRoom(RoomView *view);
    void chooseAnotherRoom(RoomView *view);
    void updateTab(RoomView *view);
    void updateActions();

    QPointer<ApiClient> m_api;
    QString m_username;
    const Clock &m_clock;
    SessionManager *m_sessions;
    RoomListPane *m_listPane;
    QStackedWidget *m_rightPane;
    QTabWidget *m_tabs;
    QLabel *m_accountLabel;
    QLabel *m_memoryOnlyLabel;
    QAction *m_leaveAction = nullptr;
    QAction *m_enterAction = nullptr;
    QPointer<RoomView> m_noticeFrom; ///< the tab whose failure the status bar shows

    QHash<RoomSession *, RoomView *> m_views;
};

} // namespace roomgate::client::ui
