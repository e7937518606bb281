// SPDX-License-Identifier: MIT
#include "server/dashboard/dashboardwindow.h"

#include "server/admission/adminservice.h"
#include "server/admission/admissionservice.h"
#include "server/dashboard/admincommands.h"
#include "server/dashboard/eventlogmodel.h"
#include "server/dashboard/eventlogpage.h"
#include "server/dashboard/logging.h"
#include "server/dashboard/memberspage.h"
#include "server/dashboard/membertablemodel.h"
#include "server/dashboard/overviewpage.h"
#include "server/dashboard/reservationspage.h"
#include "server/dashboard/reservationtablemodel.h"
#include "server/dashboard/roomspage.h"
#include "server/dashboard/roomtablemodel.h"
#include "server/events/eventbus.h"

#include <QAction>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>

#include <utility>

namespace roomgate::server::dashboard {

namespace {
/** How many audit entries the event log starts with. */
constexpr int kAuditHistory = 200;
/** How long a status-bar sentence stays. */
constexpr int kNoticeMs = 15'000;
} // namespace

DashboardWindow::DashboardWindow(DashboardContext context, QWidget *parent)
    : QMainWindow(parent),
      m_context(std::move(context)),
      m_commands(new AdminCommands(m_context.admin, this, this)),
      m_rooms(new RoomTableModel(this)),
      m_reservations(new ReservationTableModel(this)),
      m_members(new MemberTableModel(this)),
      m_events(new EventLogModel(this)),
      m_tabs(new QTabWidget(this)),
      m_overviewPage(new OverviewPage(m_context, m_tabs)),
      m_roomsPage(new RoomsPage(*m_rooms, *m_commands, m_tabs)),
      m_reservationsPage(new ReservationsPage(*m_reservations, *m_commands, m_tabs)),
      m_membersPage(new MembersPage(*m_members, *m_commands, m_tabs)),
      m_eventLogPage(new EventLogPage(*m_events, m_tabs)),
      m_notice(new QLabel(this)),
      m_status(new QLabel(this))
{
    setWindowTitle(tr("Roomgate dashboard — %1").arg(m_context.nodeId));
    resize(1280, 820);

    m_tabs->addTab(m_overviewPage, tr("Overview"));
    m_tabs->addTab(m_roomsPage, tr("Rooms"));
    m_tabs->addTab(m_reservationsPage, tr("Reservations"));
    m_tabs->addTab(m_membersPage, tr("Members"));
    m_tabs->addTab(m_eventLogPage, tr("Event log"));
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);

    QMenu *server = menuBar()->addMenu(tr("&Server"));
    QAction *refreshAction = server->addAction(tr("&Refresh now"));
    refreshAction->setShortcut(QKeySequence::Refresh);
    connect(refreshAction, &QAction::triggered, this, &DashboardWindow::refreshNow);
    server->addAction(m_eventLogPage->exportAction());
    server->addSeparator();
    QAction *stopAction = server->addAction(tr("S&top server and quit"));
    stopAction->setShortcut(QKeySequence::Quit);
    connect(stopAction, &QAction::triggered, this, &QWidget::close);
    QMenu *rooms = menuBar()->addMenu(tr("&Rooms"));
    rooms->addAction(m_roomsPage->createAction());
    rooms->addSeparator();
    rooms->addActions({m_roomsPage->capacityAction(), m_roomsPage->closeAction(),
                       m_roomsPage->reopenAction(), m_roomsPage->deleteAction(),
                       m_roomsPage->unbanAction()});

    statusBar()->addWidget(m_notice, 1);
    statusBar()->addPermanentWidget(m_status);
    m_noticeTimer.setSingleShot(true);
    m_noticeTimer.setInterval(kNoticeMs);
    connect(&m_noticeTimer, &QTimer::timeout, m_notice, &QLabel::clear);
    connect(m_commands, &AdminCommands::reported, this, &DashboardWindow::showNotice);
    connect(m_eventLogPage, &EventLogPage::reported, this, &DashboardWindow::showNotice);

    // Service signals only mark what is stale; one timer turns a burst into one read.
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(kRefreshDelayMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &DashboardWindow::refresh);
    connect(&m_context.admission, &AdmissionService::decided, this,
            [this](AdmissionService::Phase phase, ErrorCode code, const QString &user,
                   const QString &room, qint64 durationUs) {
                m_events->appendDecision(phase, code, user, room, durationUs);
                // A refusal changes no seat: only the log needs the event.
                schedule(code == ErrorCode::Ok ? Everything : Log);
            });
    connect(&m_context.admin, &AdminService::adminActed, this, [this](const AuditEntry &entry) {
        m_events->appendAdminAction(entry);
        schedule(Everything);
    });
    // The event log and the live counts show every room, of every node.
    m_context.bus.followAll(true);
    m_context.bus.subscribe(this, [this](const RoomEvent &event) {
        // A chat message moves only the room's last activity.
        schedule(event.kind == RoomEvent::Kind::Message ? Rooms : Rooms | Seats);
    });

    loadAuditHistory();
    m_dirty = Everything;
    refresh();

    m_clock.setInterval(1000);
    connect(&m_clock, &QTimer::timeout, this, &DashboardWindow::tick);
    m_clock.start();
    tick();
}

DashboardWindow::~DashboardWindow()
{
    m_context.bus.followAll(false);
}

void DashboardWindow::setConfirmationsEnabled(bool enabled)
{
    m_commands->setConfirmationsEnabled(enabled);
}

void DashboardWindow::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(static_cast<int>(tab));
}

bool DashboardWindow::showTab(const QString &name)
{
    static const QList<std::pair<QString, Tab>> kNames{
        {QStringLiteral("overview"), Tab::Overview},
        {QStringLiteral("rooms"), Tab::Rooms},
        {QStringLiteral("reservations"), Tab::Reservations},
        {QStringLiteral("members"), Tab::Members},
        {QStringLiteral("events"), Tab::EventLog},
    };
    for (const auto &[text, tab] : kNames) {
        if (name.compare(text, Qt::CaseInsensitive) == 0) {
            showTab(tab);
            return true;
        }
    }
    return false;
}

void DashboardWindow::schedule(int parts)
{
    m_dirty |= parts;
    // Not restarted while running: under a steady stream of events the models still
    // refresh every kRefreshDelayMs instead of waiting for a quiet moment.
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void DashboardWindow::refreshNow()
{
    m_refreshTimer.stop();
    m_dirty = Everything;
    refresh();
}

void DashboardWindow::refresh()
{
    const int parts = std::exchange(m_dirty, 0);
    if (parts & Log)
        m_events->flush();
    if (!(parts & (Rooms | Seats)))
        return;

    ErrorCode failure = ErrorCode::Ok;
    auto note = [&failure](ErrorCode code) {
        if (code != ErrorCode::Ok && failure == ErrorCode::Ok)
            failure = code;
    };
    if (parts & Rooms) {
        const auto rooms = m_context.admin.rooms();
        note(rooms.code);
        if (rooms.ok())
            m_rooms->setRows(rooms.value);
    }
    if (parts & Seats) {
        const auto reservations = m_context.admin.reservations(QString());
        note(reservations.code);
        if (reservations.ok())
            m_reservations->setRows(reservations.value);
        const auto members = m_context.admin.members(QString());
        note(members.code);
        if (members.ok())
            m_members->setRows(members.value);

        const auto nodes = m_context.admin.nodes();
        note(nodes.code);
        if (nodes.ok())
            m_overviewPage->setNodes(nodes.value, QDateTime::currentMSecsSinceEpoch());
    }
    const auto counts = m_context.admin.counts();
    note(counts.code);
    if (counts.ok())
        m_overviewPage->setCounts(counts.value);

    // Say so once when storage stops answering, and once when it is back.
    if (failure != ErrorCode::Ok && !m_storageFailed) {
        qCWarning(lcDashboard).noquote() << "refresh failed:" << wireName(failure);
        showNotice(tr("Could not read from storage: %1").arg(errorSentence(failure)), true);
    } else if (failure == ErrorCode::Ok && m_storageFailed) {
        showNotice(tr("Storage answers again."), false);
    }
    m_storageFailed = failure != ErrorCode::Ok;
}

void DashboardWindow::tick()
{
    const QDateTime now = QDateTime::currentDateTime();
    m_overviewPage->sample(now);
    m_reservations->setNow(now.toMSecsSinceEpoch());
    const int sockets = m_context.socketCount ? m_context.socketCount() : 0;
    m_status->setText(tr("%1 · %n connection(s)", nullptr, sockets).arg(m_context.nodeId));
}

void DashboardWindow::loadAuditHistory()
{
    const auto audit = m_context.admin.audit(kAuditHistory);
    if (!audit.ok())
        return;
    // Newest first from storage; the log reads oldest first.
    for (auto it = audit.value.crbegin(); it != audit.value.crend(); ++it)
        m_events->appendAdminAction(*it);
    m_events->flush();
}

void DashboardWindow::showNotice(const QString &message, bool failed)
{
    m_notice->setText(message);
    m_notice->setToolTip(message);
    m_notice->setStyleSheet(failed ? QStringLiteral("QLabel { color: #c0392b; font-weight: bold; }")
                                   : QString());
    m_noticeTimer.start();
}

QString DashboardWindow::noticeText() const
{
    return m_notice->text();
}

void DashboardWindow::closeEvent(QCloseEvent *event)
{
    const int sockets = m_context.socketCount ? m_context.socketCount() : 0;
    if (!m_commands->confirm(tr("Stop the server"),
                             tr("Closing the dashboard stops this server. %n connection(s) "
                                "will be closed. Stop the server?",
                                nullptr, sockets))) {
        event->ignore();
        return;
    }
    event->accept();
    m_clock.stop();
    m_refreshTimer.stop();
    Q_EMIT stopRequested();
}

} // namespace roomgate::server::dashboard
