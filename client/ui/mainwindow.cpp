// SPDX-License-Identifier: MIT
#include "client/ui/mainwindow.h"

#include "client/core/sessionmanager.h"
#include "client/ui/createroomdialog.h"
#include "client/ui/elidedlabel.h"
#include "client/ui/failurebanner.h"
#include "client/ui/logging.h"
#include "client/ui/messageedit.h"
#include "client/ui/roomlistmodel.h"
#include "client/ui/roomview.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QPainter>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace roomgate::client::ui {

namespace {
constexpr int kNoticeMs = 15'000;

/** A small coloured dot for a room tab: joined, entering, failed, not in the room. */
QIcon indicatorIcon(RoomView::Indicator indicator)
{
    QColor colour;
    switch (indicator) {
    case RoomView::Indicator::Joined:
        colour = QColor(0x2e, 0xa0, 0x43);
        break;
    case RoomView::Indicator::Entering:
        colour = QColor(0xd6, 0x8a, 0x00);
        break;
    case RoomView::Indicator::Failed:
        colour = QColor(0xc0, 0x39, 0x2b);
        break;
    case RoomView::Indicator::Idle:
        colour = QColor(0x9a, 0x9a, 0x9a);
        break;
    }
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(1.5, 1.5, 9, 9));
    return QIcon(pixmap);
}

} // namespace

MainWindow::MainWindow(ApiClient *api, const QString &username, const Clock &clock, QWidget *parent)
    : QMainWindow(parent),
      m_api(api),
      m_username(username),
      m_clock(clock),
      m_sessions(new SessionManager(api, this)),
      m_listPane(new RoomListPane(api, clock, this)),
      m_rightPane(new QStackedWidget(this)),
      m_tabs(new QTabWidget(this)),
      m_accountLabel(new QLabel(this)),
      m_memoryOnlyLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    // The platform adds the application's name ("alice — Roomgate"): not said twice.
    setWindowTitle(username);
    resize(1200, 760);

    // The rooms the user is in.
    m_tabs->setObjectName(QStringLiteral("roomTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->setElideMode(Qt::ElideMiddle);
    auto *placeholder
        = new QLabel(tr("Enter a room from the list — double-click it — or create one.\n"
                        "You can be in several rooms at once: each gets a tab here."),
                     this);
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setWordWrap(true);
    QPalette placeholderPalette = placeholder->palette();
    placeholderPalette.setColor(QPalette::WindowText, QColor(0x7a, 0x7a, 0x7a));
    placeholder->setPalette(placeholderPalette);
    m_rightPane->addWidget(placeholder);
    m_rightPane->addWidget(m_tabs);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_listPane);
    splitter->addWidget(m_rightPane);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({400, 800});
    splitter->setChildrenCollapsible(false);
    setCentralWidget(splitter);

    // Menus.
    QMenu *appMenu = menuBar()->addMenu(tr("&Roomgate"));
    QAction *signOut = appMenu->addAction(tr("Sign &out"));
    signOut->setObjectName(QStringLiteral("signOutAction"));
    connect(signOut, &QAction::triggered, this, &MainWindow::signOutRequested);
    appMenu->addSeparator();
    QAction *quit = appMenu->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    QMenu *roomMenu = menuBar()->addMenu(tr("R&oom"));
    QAction *create = roomMenu->addAction(tr("&Create room…"));
    create->setShortcut(QKeySequence::New);
    connect(create, &QAction::triggered, this, &MainWindow::showCreateRoomDialog);
    m_enterAction = roomMenu->addAction(tr("&Enter selected room"));
    connect(m_enterAction, &QAction::triggered, m_listPane, &RoomListPane::enterSelected);
    QAction *refresh = roomMenu->addAction(tr("&Refresh the list"));
    refresh->setShortcut(QKeySequence::Refresh);
    connect(refresh, &QAction::triggered, this, &MainWindow::refreshRooms);
    roomMenu->addSeparator();
    m_leaveAction = roomMenu->addAction(tr("&Leave room"));
    // Ctrl+W everywhere (the tooltips say so), and the platform's own Close keys too.
    QList<QKeySequence> closeKeys{QKeySequence(Qt::CTRL | Qt::Key_W)};
    for (const QKeySequence &keys : QKeySequence::keyBindings(QKeySequence::Close)) {
        if (!closeKeys.contains(keys))
            closeKeys.append(keys);
    }
    m_leaveAction->setShortcuts(closeKeys);
    connect(m_leaveAction, &QAction::triggered, this, [this] {
        if (RoomView *view = currentRoomView())
            leaveRoom(view);
    });
    QAction *findAction = new QAction(this);
    findAction->setShortcut(QKeySequence::Find);
    connect(findAction, &QAction::triggered, m_listPane,
            [this] { m_listPane->filterEdit()->setFocus(Qt::ShortcutFocusReason); });
    addAction(findAction);

    // Status bar.
    m_accountLabel->setText(tr("Signed in as %1 on %2")
                                .arg(username, api ? api->baseUrl().toDisplayString() : QString()));
    statusBar()->addPermanentWidget(m_accountLabel);
    m_memoryOnlyLabel->setObjectName(QStringLiteral("memoryOnlyStatus"));
    m_memoryOnlyLabel->setStyleSheet(
        QStringLiteral("QLabel { color: #8a5a00; border-left: 1px solid #b0b0b0; "
                       "padding-left: 8px; margin-left: 4px; }"));
    m_memoryOnlyLabel->hide();
    statusBar()->addPermanentWidget(m_memoryOnlyLabel);

    // Behaviour.
    connect(m_listPane, &RoomListPane::enterRequested, this,
            [this](const QString &room) { enterRoom(room); });
    connect(m_listPane, &RoomListPane::createRequested, this, &MainWindow::showCreateRoomDialog);
    connect(m_listPane, &RoomListPane::signInAgainRequested, this,
            &MainWindow::signInAgainRequested);
    connect(m_listPane, &RoomListPane::selectionChanged, this, &MainWindow::updateActions);
    connect(m_listPane, &RoomListPane::refreshed, this, &MainWindow::roomsRefreshed);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        if (auto *view = qobject_cast<RoomView *>(m_tabs->widget(index)))
            leaveRoom(view);
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateActions);
    connect(m_sessions, &SessionManager::sessionAdded, this, &MainWindow::addRoomView);

    updateActions();
    refreshRooms();
}

MainWindow::~MainWindow()
{
    // The views go first: they watch sessions the SessionManager is about to delete.
    m_sessions->disconnect(this);
    const QList<RoomView *> views = m_views.values();
    m_views.clear();
    qDeleteAll(views);
}

RoomView *MainWindow::roomView(const QString &room) const
{
    if (RoomSession *session = m_sessions->session(room))
        return m_views.value(session);
    const QString key = SessionManager::roomKey(room);
    for (RoomView *view : m_views) {
        if (SessionManager::roomKey(view->roomName()) == key)
            return view;
    }
    return nullptr;
}

QList<RoomView *> MainWindow::roomViews() const
{
    QList<RoomView *> views;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *view = qobject_cast<RoomView *>(m_tabs->widget(i)))
            views.append(view);
    }
    return views;
}

RoomView *MainWindow::currentRoomView() const
{
    return qobject_cast<RoomView *>(m_tabs->currentWidget());
}

void MainWindow::updateActions()
{
    m_enterAction->setEnabled(m_listPane->canEnterSelected());
    m_leaveAction->setEnabled(currentRoomView() != nullptr);
}

void MainWindow::refreshRooms()
{
    m_listPane->refresh();
}

void MainWindow::showCreateRoomDialog()
{
    auto *dialog = new CreateRoomDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QStringList names;
    for (const RoomInfo &room : rooms()->rooms())
        names.append(room.name);
    dialog->setExistingRooms(names);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        enterRoom(dialog->roomName(), EntryOptions{true, dialog->capacity()});
    });
    dialog->open();
}

RoomView *MainWindow::enterRoom(const QString &room, const EntryOptions &options)
{
    RoomSession *session = m_sessions->open(room, options);
    if (!session)
        return nullptr;
    RoomView *view = m_views.value(session);
    if (!view) {
        // Opened again while it was still leaving: the tab was already gone, and the
        // session enters by itself once the leave completes.
        addRoomView(session);
        view = m_views.value(session);
    }
    m_tabs->setCurrentWidget(view);
    view->input()->setFocus(Qt::OtherFocusReason);
    return view;
}

void MainWindow::addRoomView(RoomSession *session)
{
    if (m_views.contains(session))
        return;
    auto *view = new RoomView(session, m_clock, m_tabs);
    m_views.insert(session, view);
    const int index = m_tabs->addTab(view, view->roomName());
    m_tabs->setCurrentIndex(index);
    m_rightPane->setCurrentWidget(m_tabs);
    connect(view, &RoomView::statusChanged, this, [this, view] { updateTab(view); });
    connect(view, &RoomView::leaveRequested, this, [this, view] { leaveRoom(view); });
    connect(view, &RoomView::chooseAnotherRoomRequested, this,
            [this, view] { chooseAnotherRoom(view); });
    connect(view, &RoomView::signInAgainRequested, this, &MainWindow::signInAgainRequested);
    connect(view, &RoomView::failureShown, this, [this, view](const QString &title) {
        // Which tab, and what went wrong, in one short line beside the account: the
        // sentence and the actions are in the tab's banner. A long name is elided.
        m_noticeFrom = view;
        const QString name
            = ElidedLabel::elided(view->roomName(), statusBar()->fontMetrics(), kTabTextWidth);
        statusBar()->showMessage(tr("%1 — %2").arg(name, title), kNoticeMs);
    });
    connect(session, &RoomSession::joined, this, [this, view] {
        // The tab is fine again: its old failure is no news any more.
        if (m_noticeFrom == view)
            statusBar()->clearMessage();
    });
    // A refused entry changes what the list should say (a full room, a closed one).
    connect(session, &RoomSession::failed, this, &MainWindow::refreshRooms);
    connect(session, &RoomSession::stateChanged, this, [this](RoomSession::State state) {
        // Seats changed hands: the list's numbers are stale.
        if (state == RoomSession::State::Joined || state == RoomSession::State::Idle)
            refreshRooms();
    });
    // A dropped connection may be the server going away: the list should say so too.
    connect(session, &RoomSession::connectionLost, this, &MainWindow::refreshRooms);
    updateTab(view);
    updateActions();
    qCInfo(lcUi) << "room tab opened for" << session->room();
}

void MainWindow::updateTab(RoomView *view)
{
    const int index = m_tabs->indexOf(view);
    if (index < 0)
        return;
    // A long name never widens the window: elided in the middle, whole in the tooltip.
    const QString name = view->roomName();
    m_tabs->setTabText(index,
                       ElidedLabel::elided(name, m_tabs->tabBar()->fontMetrics(), kTabTextWidth)
                           .replace(QLatin1Char('&'), QStringLiteral("&&")));
    m_tabs->setTabIcon(index, indicatorIcon(view->indicator()));
    m_tabs->setTabToolTip(index, name + QLatin1Char('\n') + view->statusText());
    m_tabs->tabBar()->setAccessibleName(tr("Rooms you are in"));
}

void MainWindow::removeRoomView(RoomView *view)
{
    m_views.remove(view->session());
    for (auto it = m_views.begin(); it != m_views.end();) {
        if (it.value() == view)
            it = m_views.erase(it);
        else
            ++it;
    }
    const int index = m_tabs->indexOf(view);
    if (index >= 0)
        m_tabs->removeTab(index);
    if (m_noticeFrom == view) {
        // Its failure closes with it.
        statusBar()->clearMessage();
        m_noticeFrom.clear();
    }
    view->deleteLater();
    if (m_tabs->count() == 0)
        m_rightPane->setCurrentIndex(0);
    updateActions();
}

void MainWindow::leaveRoom(RoomView *view)
{
    RoomSession *session = view->session();
    removeRoomView(view);
    if (session)
        m_sessions->close(session->room());
}

void MainWindow::chooseAnotherRoom(RoomView *view)
{
    leaveRoom(view);
    refreshRooms();
    m_listPane->roomList()->setFocus(Qt::OtherFocusReason);
}

void MainWindow::resumeAfterSignIn()
{
    m_listPane->banner()->clear();
    refreshRooms();
    for (RoomSession *session : m_sessions->sessions()) {
        if (session->hasFailed() && session->failure().code == ErrorCode::Unauthenticated)
            session->retryNow();
    }
}

void MainWindow::setMemoryOnlyNote(bool memoryOnly, bool keychainOff)
{
    if (keychainOff) {
        m_memoryOnlyLabel->setText(tr("Session not saved: keychain off"));
        m_memoryOnlyLabel->setToolTip(tr("The keychain is off (--no-keychain), so your session "
                                         "is kept in memory only. You sign in again after "
                                         "quitting."));
    } else {
        m_memoryOnlyLabel->setText(tr("Session not saved: no keychain"));
        m_memoryOnlyLabel->setToolTip(
            tr("No system keychain answered, so your session is kept in memory only. "
               "You sign in again after quitting."));
    }
    m_memoryOnlyLabel->setAccessibleName(m_memoryOnlyLabel->text());
    m_memoryOnlyLabel->setAccessibleDescription(m_memoryOnlyLabel->toolTip());
    m_memoryOnlyLabel->setVisible(memoryOnly);
}

} // namespace roomgate::client::ui
