// SPDX-License-Identifier: MIT
#include "client/ui/roomlistpane.h"

#include "client/ui/failurebanner.h"
#include "client/ui/roomdelegate.h"
#include "client/ui/roomlistmodel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QVBoxLayout>

namespace roomgate::client::ui {

namespace {
constexpr int kRefreshIntervalMs = 10'000;
} // namespace

RoomListPane::RoomListPane(ApiClient *api, const Clock &clock, QWidget *parent)
    : QWidget(parent),
      m_api(api),
      m_rooms(new RoomListModel(this)),
      m_filtered(new QSortFilterProxyModel(this)),
      m_banner(new FailureBanner(this, clock)),
      m_filter(new QLineEdit(this)),
      m_roomList(new QListView(this)),
      m_emptyList(new QLabel(this)),
      m_refreshButton(new QPushButton(tr("Re&fresh"), this)),
      m_createButton(new QPushButton(tr("&Create room…"), this)),
      m_enterButton(new QPushButton(tr("&Enter"), this)),
      m_legend(new QLabel(this))
{
    setObjectName(QStringLiteral("roomListPane"));
    m_banner->setObjectName(QStringLiteral("roomListBanner"));
    // A room's banner may stand beside this one: its Alt+T and Alt+G stay the room's.
    m_banner->setButtonTexts(tr("Loa&d the rooms again"), tr("Sign &in again"));
    m_filtered->setSourceModel(m_rooms);
    m_filtered->setFilterRole(RoomListModel::NameRole);
    m_filtered->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setObjectName(QStringLiteral("roomFilter"));
    m_filter->setPlaceholderText(tr("Filter rooms"));
    m_filter->setClearButtonEnabled(true);
    m_roomList->setObjectName(QStringLiteral("roomList"));
    m_roomList->setModel(m_filtered);
    m_roomList->setItemDelegate(new RoomDelegate(m_roomList));
    m_roomList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_roomList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_roomList->setUniformItemSizes(true);
    m_roomList->setAlternatingRowColors(true);
    m_roomList->setAccessibleName(tr("Rooms"));
    m_roomList->setAccessibleDescription(
        tr("Each room with its seats: members, reserved seats and capacity"));
    // Names are elided in the middle: a long one never asks for a wider list.
    m_roomList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_roomList->setTextElideMode(Qt::ElideMiddle);
    m_filter->setAccessibleName(tr("Filter rooms"));
    m_emptyList->setObjectName(QStringLiteral("emptyRoomList"));
    m_emptyList->setWordWrap(true);
    m_emptyList->setAlignment(Qt::AlignCenter);
    m_emptyList->hide();
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_refreshButton->setToolTip(tr("Load the room list again (F5)"));
    m_refreshButton->setAccessibleDescription(m_refreshButton->toolTip());
    m_createButton->setToolTip(tr("Create a room and enter it (Ctrl+N)"));
    m_createButton->setAccessibleDescription(m_createButton->toolTip());
    // The seat bar explained where it is seen, not only in a tooltip.
    m_legend->setObjectName(QStringLiteral("seatLegend"));
    m_legend->setWordWrap(true);
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setText(QStringLiteral("<span style=\"color:#2f6fd0\">■</span> %1 &nbsp; "
                                     "<span style=\"color:#9dbff0\">■</span> %2 &nbsp; "
                                     "<span style=\"color:#c0392b\">■</span> %3<br>%4")
                          .arg(tr("members"), tr("reserved"), tr("full"),
                               tr("Seats: members + reserved / capacity")));
    m_legend->setAccessibleName(tr("Seats: members + reserved / capacity"));
    QFont legendFont = m_legend->font();
    if (legendFont.pointSizeF() > 0)
        legendFont.setPointSizeF(legendFont.pointSizeF() * 0.9);
    m_legend->setFont(legendFont);
    m_refreshButton->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_createButton->setObjectName(QStringLiteral("createRoomButton"));
    m_enterButton->setObjectName(QStringLiteral("enterButton"));
    m_enterButton->setDefault(true);

    auto *header = new QLabel(tr("Rooms"), this);
    QFont headerFont = header->font();
    headerFont.setBold(true);
    if (headerFont.pointSizeF() > 0)
        headerFont.setPointSizeF(headerFont.pointSizeF() * 1.2);
    header->setFont(headerFont);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_refreshButton);
    buttons->addStretch(1);
    buttons->addWidget(m_createButton);
    buttons->addWidget(m_enterButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(header);
    layout->addWidget(m_banner);
    layout->addWidget(m_filter);
    layout->addWidget(m_roomList, 1);
    layout->addWidget(m_emptyList);
    layout->addWidget(m_legend);
    layout->addLayout(buttons);

    connect(m_filter, &QLineEdit::textChanged, m_filtered,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        if (m_filtered->rowCount() == 1)
            m_roomList->setCurrentIndex(m_filtered->index(0, 0));
        enterSelected();
    });
    connect(m_roomList, &QListView::activated, this, &RoomListPane::enterSelected);
    connect(m_roomList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &RoomListPane::updateActions);
    connect(m_filtered, &QAbstractItemModel::modelReset, this, &RoomListPane::updateActions);
    connect(m_filtered, &QAbstractItemModel::rowsRemoved, this, &RoomListPane::updateActions);
    connect(m_filtered, &QAbstractItemModel::rowsInserted, this, &RoomListPane::updateActions);
    connect(m_filtered, &QAbstractItemModel::dataChanged, this, &RoomListPane::updateActions);
    connect(m_refreshButton, &QPushButton::clicked, this, &RoomListPane::refresh);
    connect(m_createButton, &QPushButton::clicked, this, &RoomListPane::createRequested);
    connect(m_enterButton, &QPushButton::clicked, this, &RoomListPane::enterSelected);
    connect(m_banner, &FailureBanner::retryRequested, this, &RoomListPane::refresh);
    connect(m_banner, &FailureBanner::countdownFinished, this, &RoomListPane::refresh);
    connect(m_banner, &FailureBanner::signInAgainRequested, this,
            &RoomListPane::signInAgainRequested);

    m_refreshTimer.setInterval(kRefreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &RoomListPane::refresh);
    m_refreshTimer.start();
    updateActions();
}

QString RoomListPane::selectedRoom() const
{
    const QModelIndex index = m_roomList->currentIndex();
    return index.isValid() ? index.data(RoomListModel::NameRole).toString() : QString();
}

bool RoomListPane::canEnterSelected() const
{
    const QModelIndex index = m_roomList->currentIndex();
    return index.isValid()
        && static_cast<RoomState>(index.data(RoomListModel::StateRole).toInt())
        != RoomState::Closed;
}

void RoomListPane::updateActions()
{
    const bool enterable = canEnterSelected();
    m_enterButton->setEnabled(enterable);
    m_enterButton->setToolTip(!enterable && !selectedRoom().isEmpty()
                                  ? tr("This room is closed: nobody can enter it now")
                                  : tr("Enter the selected room (Enter)"));
    m_enterButton->setAccessibleDescription(m_enterButton->toolTip());
    const bool empty = m_rooms->rowCount() == 0;
    m_emptyList->setText(empty ? tr("No rooms yet: create the first one.")
                               : tr("No room matches the filter."));
    m_emptyList->setVisible(m_filtered->rowCount() == 0);
    Q_EMIT selectionChanged();
}

void RoomListPane::enterSelected()
{
    if (canEnterSelected())
        Q_EMIT enterRequested(selectedRoom());
}

void RoomListPane::refresh()
{
    if (!m_api || m_refreshInFlight)
        return;
    m_refreshInFlight = true;
    m_api->listRooms(this, [this](const ApiResult<QList<RoomInfo>> &result) {
        m_refreshInFlight = false;
        if (!result.ok()) {
            const Problem &problem = result.problem;
            FailureBanner::Actions actions = problem.code == ErrorCode::Unauthenticated
                ? FailureBanner::Actions(FailureBanner::Action::SignInAgain)
                : FailureBanner::Actions(FailureBanner::Action::RetryNow);
            const int countdown
                = problem.code == ErrorCode::RateLimited ? qMax(1, problem.retryAfterSeconds) : 0;
            // Automatic refreshes keep trying in the background; the banner stays.
            FailureBanner::Notice notice = result.local == LocalError::None
                ? FailureBanner::noticeFor(tr("Could not load the rooms"), problem, actions)
                : FailureBanner::noticeFor(
                    tr("Could not load the rooms"), result.local, LocalErrorPhase::RoomList,
                    displayAddress(m_api->baseUrl()), actions, result.certificate);
            notice.countdownSeconds = countdown;
            m_banner->present(notice);
            Q_EMIT refreshed(false);
            return;
        }
        m_banner->clear();
        const QString current = selectedRoom();
        m_rooms->setRooms(result.value);
        if (!current.isEmpty() && !m_roomList->currentIndex().isValid()) {
            const int row = m_rooms->rowOf(current);
            if (row >= 0)
                m_roomList->setCurrentIndex(m_filtered->mapFromSource(m_rooms->index(row)));
        }
        updateActions();
        Q_EMIT refreshed(true);
    });
}

} // namespace roomgate::client::ui
