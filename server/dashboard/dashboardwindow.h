// SPDX-License-Identifier: MIT
#pragma once

#include "server/dashboard/dashboardcontext.h"

#include <QMainWindow>
#include <QTimer>

class QLabel;
class QTabWidget;

namespace roomgate::server::dashboard {

class AdminCommands;
class EventLogModel;
class EventLogPage;
class MemberTableModel;
class MembersPage;
class OverviewPage;
class ReservationTableModel;
class ReservationsPage;
class RoomTableModel;
class RoomsPage;

/**
 * The admin window of a running node: Overview, Rooms, Reservations, Members and
 * Event log tabs over the node's own services (no HTTP to itself).
 *
 * Models are refreshed from service signals (EventBus::delivered,
 * AdmissionService::decided, AdminService::adminActed), coalesced by one single-shot
 * timer, so a burst of events costs one storage read per model; a one-second clock
 * samples Metrics and ticks the reservation countdown without touching storage.
 * Closing the window asks to stop the node (stopRequested). Lives on the main thread
 * with the services.
 */
class DashboardWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class Tab { Overview, Rooms, Reservations, Members, EventLog };
    Q_ENUM(Tab)

    /** How long events are gathered before the models are refreshed. */
    static constexpr int kRefreshDelayMs = 200;

    explicit DashboardWindow(DashboardContext context, QWidget *parent = nullptr);
    ~DashboardWindow() override;

    /** Testing hook: answer every confirmation with yes, without a dialog. */
    void setConfirmationsEnabled(bool enabled);

    void showTab(Tab tab);
    /** "overview", "rooms", "reservations", "members" or "events"; false when unknown. */
    bool showTab(const QString &name);

    /** Refreshes every model from storage now instead of at the end of the delay. */
    void refreshNow();

    AdminCommands &commands() const { return *m_commands; }
    RoomTableModel &roomsModel() const { return *m_rooms; }
    ReservationTableModel &reservationsModel() const { return *m_reservations; }
    MemberTableModel &membersModel() const { return *m_members; }
    EventLogModel &eventLogModel() const { return *m_events; }
    OverviewPage *overviewPage() const { return m_overviewPage; }
    RoomsPage *roomsPage() const { return m_roomsPage; }
    ReservationsPage *reservationsPage() const { return m_reservationsPage; }
    MembersPage *membersPage() const { return m_membersPage; }
    EventLogPage *eventLogPage() const { return m_eventLogPage; }
    /** The last sentence shown in the status bar (tests read it). */
    QString noticeText() const;

Q_SIGNALS:
    /** The admin closed the window and agreed to stop the server. */
    void stopRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    enum Part { Rooms = 0x1, Seats = 0x2, Log = 0x4, Everything = 0x7 };

    void schedule(int parts);
    void refresh();
    void tick();
    void showNotice(const QString &message, bool failed);
    void loadAuditHistory();

    DashboardContext m_context;
    AdminCommands *m_commands;
    RoomTableModel *m_rooms;
    ReservationTableModel *m_reservations;
    MemberTableModel *m_members;
    EventLogModel *m_events;
    QTabWidget *m_tabs;
    OverviewPage *m_overviewPage;
    RoomsPage *m_roomsPage;
    ReservationsPage *m_reservationsPage;
    MembersPage *m_membersPage;
    EventLogPage *m_eventLogPage;
    QLabel *m_notice;
    QLabel *m_status;
    QTimer m_refreshTimer;
    QTimer m_clock;
    QTimer m_noticeTimer;
    int m_dirty = 0;
    bool m_storageFailed = false;
};

} // namespace roomgate::server::dashboard
