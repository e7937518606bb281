// SPDX-License-Identifier: MIT
#include "server/app/servercore.h"
#include "server/dashboard/admincommands.h"
#include "server/dashboard/csvexport.h"
#include "server/dashboard/dashboardroles.h"
#include "server/dashboard/dashboardwindow.h"
#include "server/dashboard/eventlogfilter.h"
#include "server/dashboard/eventlogmodel.h"
#include "server/dashboard/eventlogpage.h"
#include "server/dashboard/memberspage.h"
#include "server/dashboard/membertablemodel.h"
#include "server/dashboard/overviewpage.h"
#include "server/dashboard/ratechart.h"
#include "server/dashboard/reservationspage.h"
#include "server/dashboard/reservationtablemodel.h"
#include "server/dashboard/roomspage.h"
#include "server/dashboard/roomtablemodel.h"
#include "tests/common/testserver.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <memory>

using namespace roomgate;
using namespace roomgate::server;
using namespace roomgate::server::dashboard;
using namespace roomgate::test;

namespace {

/** Bound for anything that waits on the coalesced refresh (200 ms) or the clock (1 s). */
constexpr int kUpdateMs = 5000;

/** The first row whose @p column shows @p text, or -1. */
int findRow(const QAbstractItemModel &model, int column, const QString &text)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, column).data().toString() == text)
            return row;
    }
    return -1;
}

} // namespace

/**
 * The dashboard over a real node in this process: HTTP and WebSocket clients reserve
 * and claim, the window's models follow, and its actions reach the clients.
 */
class tst_DashboardWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void translationsAreEmbedded();
    void csvField_data();
    void csvField();
    void reserveAndClaimShowUp();
    void kickFromMembersView();
    void roomActionsTakeEffect();
    void selectionSurvivesRefresh();
    void revokeFromReservationsView();
    void eventLogFiltersAndExports();
    void overviewCountsAndChart();
    void closingAsksToStopTheServer();

private:
    /** A new user @p name (password per TestApi) who reserved and claimed a seat in @p room. */
    std::unique_ptr<TestSocket> join(const QString &name, const QString &room, int capacity = 16);
    /**
     * Runs an admin action of the window and waits until it is decided (bounded): whether
     * it took effect. @p action gets the completion to pass on.
     */
    static bool settled(const std::function<bool(AdminCommands::Then)> &action);
    /** @p column of room @p name (SortRole: the raw value), or an invalid variant. */
    QVariant roomValue(const QString &name, int column, int role = SortRole) const;

    QTemporaryDir m_dir;
    QTranslator m_english;
    std::unique_ptr<ServerCore> m_core;
    std::unique_ptr<DashboardWindow> m_window;
    std::unique_ptr<TestApi> m_api;
};

void tst_DashboardWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // As main() does for an English locale: numerus forms read "1 day", not "1 day(s)".
    QVERIFY(m_english.load(QStringLiteral(":/i18n/roomgate_dashboard_en.qm")));
    QCoreApplication::installTranslator(&m_english);
    ServerConfig config;
    const auto parsed = ServerConfig::parse(
        {QStringLiteral("roomgate-server"), QStringLiteral("--headless"),
         QStringLiteral("--http-port"), QStringLiteral("0"), QStringLiteral("--ws-port"),
         QStringLiteral("0"), QStringLiteral("--data-dir"), m_dir.path(),
         QStringLiteral("--password-cost"), QStringLiteral("minimum"),
         QStringLiteral("--rate-limits"), QStringLiteral("off")},
        QProcessEnvironment(), &config);
    QVERIFY2(parsed.run, qPrintable(parsed.message));
    m_core = std::make_unique<ServerCore>(config);
    QVERIFY2(m_core->open(), qPrintable(m_core->errorString()));
    QVERIFY2(m_core->start(), qPrintable(m_core->errorString()));

    ServerCore &core = *m_core;
    m_window = std::make_unique<DashboardWindow>(DashboardContext{
        .admin = core.admin(),
        .admission = core.admission(),
        .metrics = core.metrics(),
        .bus = core.bus(),
        .nodeId = core.nodeId(),
        .httpAddress = QStringLiteral("127.0.0.1:%1").arg(core.httpPort()),
        .wsAddress = QStringLiteral("127.0.0.1:%1").arg(core.wsPort()),
        .startedAt = core.startedAt(),
        .socketCount = [&core] { return core.socketCount(); },
    });
    m_window->setConfirmationsEnabled(false);
    m_window->show();
    m_api = std::make_unique<TestApi>(core.httpPort());
}

void tst_DashboardWindow::cleanupTestCase()
{
    m_window.reset();
    if (!m_core)
        return;
    bool stopped = false;
    m_core->stop([&stopped] { stopped = true; });
    QTRY_VERIFY_WITH_TIMEOUT(stopped, 15000);
    m_core.reset();
}

std::unique_ptr<TestSocket> tst_DashboardWindow::join(const QString &name, const QString &room,
                                                      int capacity)
{
    const QByteArray token = m_api->userToken(name);
    if (token.isEmpty())
        return nullptr;
    const HttpReply reply = m_api->reserve(token, room, true, capacity);
    if (reply.status != 201)
        return nullptr;
    auto socket = std::make_unique<TestSocket>();
    socket->open(reply.json.value(QStringLiteral("websocketUrl")).toString());
    if (socket->frameOfType(QStringLiteral("joined")).isEmpty())
        return nullptr;
    return socket;
}

bool tst_DashboardWindow::settled(const std::function<bool(AdminCommands::Then)> &action)
{
    std::optional<bool> done;
    if (!action([&done](bool ok) { done = ok; }))
        return false;
    return QTest::qWaitFor([&done] { return done.has_value(); }, 10000) && *done;
}

QVariant tst_DashboardWindow::roomValue(const QString &name, int column, int role) const
{
    const RoomTableModel &rooms = m_window->roomsModel();
    const int row = findRow(rooms, RoomTableModel::Name, name);
    return row < 0 ? QVariant() : rooms.index(row, column).data(role);
}

void tst_DashboardWindow::translationsAreEmbedded()
{
    QTranslator korean;
    QVERIFY(korean.load(QLocale(QLocale::Korean), QStringLiteral("roomgate_dashboard"),
                        QStringLiteral("_"), QStringLiteral(":/i18n")));
    // The window's own strings and the shared error sentences (embedded by roomgate_shared)
    // are both translated.
    QCOMPARE(korean.translate("roomgate::server::dashboard::DashboardWindow", "Members"),
             QStringLiteral("구성원"));
    QTranslator errors;
    QVERIFY(loadErrorSentences(errors, QStringLiteral("ko")));
    const QString full
        = errors.translate("roomgate::ErrorText", errorInfo(ErrorCode::RoomFull).sentence);
    QVERIFY(!full.isEmpty());
    QVERIFY(full != QLatin1String(errorInfo(ErrorCode::RoomFull).sentence));
    QCOMPARE(korean.translate("roomgate::server::dashboard::ReservationTableModel",
                              "in %n second(s)", nullptr, 3),
             QStringLiteral("%n초 후"));
    QCOMPARE(m_english.translate("roomgate::server::dashboard::ReservationTableModel",
                                 "in %n second(s)", nullptr, 1),
             QStringLiteral("in %n second"));
}

void tst_DashboardWindow::csvField_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("field");
    QTest::newRow("plain") << QStringLiteral("ROOM_FULL") << QStringLiteral("ROOM_FULL");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("hangul") << QStringLiteral("라운지") << QStringLiteral("라운지");
    QTest::newRow("comma") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
    QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
    QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
    QTest::newRow("carriage return") << QStringLiteral("a\rb") << QStringLiteral("\"a\rb\"");
    QTest::newRow("json") << QStringLiteral("{\"room\":\"x\",\"user\":\"y\"}")
                          << QStringLiteral("\"{\"\"room\"\":\"\"x\"\",\"\"user\"\":\"\"y\"\"}\"");
}

void tst_DashboardWindow::csvField()
{
    QFETCH(QString, text);
    QFETCH(QString, field);
    QCOMPARE(Csv::field(text), field);
    QCOMPARE(Csv::record({text, QStringLiteral("x")}), field + QStringLiteral(",x\r\n"));
}

void tst_DashboardWindow::reserveAndClaimShowUp()
{
    const QString room = QStringLiteral("라운지");
    const QString user = QStringLiteral("민지");
    const QByteArray token = m_api->userToken(user);
    QVERIFY(!token.isEmpty());
    const HttpReply reply = m_api->reserve(token, room, true, 4);
    QCOMPARE(reply.status, 201);

    // Phase 1: a pending room with one reservation, and the reservation counting down.
    QTRY_VERIFY_WITH_TIMEOUT(roomValue(room, RoomTableModel::Reserved).isValid(), kUpdateMs);
    QTRY_COMPARE_WITH_TIMEOUT(roomValue(room, RoomTableModel::Reserved).toInt(), 1, kUpdateMs);
    QCOMPARE(roomValue(room, RoomTableModel::State, StateRole).toString(),
             QStringLiteral("pending"));
    QCOMPARE(roomValue(room, RoomTableModel::Capacity, SeatsTotalRole).toInt(), 4);
    QCOMPARE(roomValue(room, RoomTableModel::Capacity, SeatsUsedRole).toInt(), 1);

    const ReservationTableModel &reservations = m_window->reservationsModel();
    const auto countdown = [&] {
        const int row = findRow(reservations, ReservationTableModel::User, user);
        return row < 0
            ? QString()
            : reservations.index(row, ReservationTableModel::ExpiresIn).data().toString();
    };
    QTRY_VERIFY_WITH_TIMEOUT(!countdown().isEmpty(), kUpdateMs);
    QCOMPARE(reservations
                 .index(findRow(reservations, ReservationTableModel::User, user),
                        ReservationTableModel::Room)
                 .data()
                 .toString(),
             room);
    const QString before = countdown();
    // The one-second clock moves the countdown without a new storage read.
    QTRY_VERIFY_WITH_TIMEOUT(countdown() != before, 3000);

    // Phase 2: the reservation becomes a member of an open room.
    TestSocket socket;
    socket.open(reply.json.value(QStringLiteral("websocketUrl")).toString());
    QVERIFY(!socket.frameOfType(QStringLiteral("joined")).isEmpty());
    const MemberTableModel &members = m_window->membersModel();
    QTRY_VERIFY_WITH_TIMEOUT(findRow(members, MemberTableModel::User, user) >= 0, kUpdateMs);
    const int member = findRow(members, MemberTableModel::User, user);
    QCOMPARE(members.index(member, MemberTableModel::Room).data().toString(), room);
    QCOMPARE(members.index(member, MemberTableModel::Node).data().toString(), m_core->nodeId());
    QVERIFY(!members.index(member, MemberTableModel::Address).data().toString().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(findRow(reservations, ReservationTableModel::User, user), -1,
                              kUpdateMs);
    QTRY_COMPARE_WITH_TIMEOUT(roomValue(room, RoomTableModel::Occupants).toInt(), 1, kUpdateMs);
    QCOMPARE(roomValue(room, RoomTableModel::Reserved).toInt(), 0);
    QCOMPARE(roomValue(room, RoomTableModel::State, StateRole).toString(), QStringLiteral("open"));

    // Both decisions reach the event log.
    const EventLogModel &log = m_window->eventLogModel();
    const auto decisions = [&] {
        int found = 0;
        for (int row = 0; row < log.rowCount(); ++row) {
            const EventLogEntry &e = log.entry(row);
            if (e.user == user && e.room == room && e.code == QLatin1String("OK"))
                ++found;
        }
        return found;
    };
    QTRY_COMPARE_WITH_TIMEOUT(decisions(), 2, kUpdateMs);

    // Leaving frees the seat in the view too.
    socket.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("leave")}});
    QVERIFY(socket.waitClosed());
    QTRY_COMPARE_WITH_TIMEOUT(findRow(members, MemberTableModel::User, user), -1, kUpdateMs);
    QTRY_COMPARE_WITH_TIMEOUT(roomValue(room, RoomTableModel::Occupants).toInt(), 0, kUpdateMs);
}

void tst_DashboardWindow::kickFromMembersView()
{
    const QString room = QStringLiteral("kick-room");
    const QString user = QStringLiteral("alice");
    auto alice = join(user, room, 1);
    QVERIFY(alice);

    MembersPage *page = m_window->membersPage();
    m_window->showTab(DashboardWindow::Tab::Members);
    QTRY_VERIFY_WITH_TIMEOUT(page->selectMember(user, room), kUpdateMs);
    QVERIFY(page->kickAction()->isEnabled());
    page->kickAction()->trigger();

    QVERIFY(alice->waitClosed());
    QCOMPARE(alice->closeCode(), 4403);
    QCOMPARE(alice->closeReason(), QStringLiteral("KICKED"));
    // The socket may hear of the kick before the window hears its action was done.
    QTRY_VERIFY2_WITH_TIMEOUT(m_window->noticeText().contains(user),
                              qPrintable(m_window->noticeText()), kUpdateMs);
    QTRY_COMPARE_WITH_TIMEOUT(findRow(m_window->membersModel(), MemberTableModel::User, user), -1,
                              kUpdateMs);
    QTRY_COMPARE_WITH_TIMEOUT(roomValue(room, RoomTableModel::Occupants).toInt(), 0, kUpdateMs);
    QVERIFY(!page->kickAction()->isEnabled());

    // The one seat is free again: someone else gets it.
    const HttpReply next = m_api->reserve(m_api->userToken(QStringLiteral("bob")), room, false);
    QCOMPARE(next.status, 201);

    // The kick is in the event log, by the dashboard.
    const EventLogModel &log = m_window->eventLogModel();
    const auto kicks = [&] {
        for (int row = 0; row < log.rowCount(); ++row) {
            const EventLogEntry &e = log.entry(row);
            if (e.source == EventLogEntry::Source::Admin && e.code == QLatin1String("member.kick")
                && e.user == user && e.room == room)
                return e.detail.contains(AdminCommands::adminName());
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(kicks(), kUpdateMs);
}

void tst_DashboardWindow::roomActionsTakeEffect()
{
    const QString room = QStringLiteral("회의실");
    AdminCommands &commands = m_window->commands();
    QVERIFY(settled([&](auto then) { return commands.createRoom(room, 3, then); }));
    QTRY_COMPARE_WITH_TIMEOUT(roomValue(room, RoomTableModel::State, StateRole).toString(),
                              QStringLiteral("open"), kUpdateMs);
    QCOMPARE(roomValue(room, RoomTableModel::Capacity, SeatsTotalRole).toInt(), 3);

    // A room name that is taken: refused, with the catalogue's sentence in the status bar.
    QVERIFY(!settled([&](auto then) { return commands.createRoom(room, 3, then); }));
    QVERIFY2(m_window->noticeText().contains(errorSentence(ErrorCode::RoomExists)),
             qPrintable(m_window->noticeText()));

    auto carol = join(QStringLiteral("carol"), room);
    QVERIFY(carol);
    auto dave = join(QStringLiteral("dave"), room);
    QVERIFY(dave);
    QTRY_COMPARE_WITH_TIMEOUT(roomValue(room, RoomTableModel::Occupants).toInt(), 2, kUpdateMs);

    // Never below what is in use (I1).
    QVERIFY(!settled([&](auto then) { return commands.changeCapacity(room, 1, then); }));
    QVERIFY2(m_window->noticeText().contains(errorSentence(ErrorCode::CapacityInUse)),
             qPrintable(m_window->noticeText()));
    QVERIFY(settled([&](auto then) { return commands.changeCapacity(room, 5, then); }));
    QTRY_COMPARE_WITH_TIMEOUT(roomValue(room, RoomTableModel::Capacity, SeatsTotalRole).toInt(), 5,
                              kUpdateMs);

    // Close from the toolbar action: members are told ROOM_CLOSED.
    RoomsPage *page = m_window->roomsPage();
    QVERIFY(page->selectRoom(room));
    QVERIFY(page->closeAction()->isEnabled());
    QVERIFY(!page->reopenAction()->isEnabled());
    page->closeAction()->trigger();
    QVERIFY(carol->waitClosed());
    QVERIFY(dave->waitClosed());
    QCOMPARE(carol->closeCode(), 4410);
    QCOMPARE(dave->closeCode(), 4410);
    QTRY_COMPARE_WITH_TIMEOUT(roomValue(room, RoomTableModel::State, StateRole).toString(),
                              QStringLiteral("closed"), kUpdateMs);
    QTRY_COMPARE_WITH_TIMEOUT(roomValue(room, RoomTableModel::Occupants).toInt(), 0, kUpdateMs);
    QTRY_VERIFY_WITH_TIMEOUT(page->reopenAction()->isEnabled(), kUpdateMs);
    QVERIFY(!page->closeAction()->isEnabled());
    const HttpReply refused = m_api->reserve(m_api->userToken(QStringLiteral("erin")), room, false);
    QCOMPARE(refused.status, 403);

    page->reopenAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(roomValue(room, RoomTableModel::State, StateRole).toString(),
                              QStringLiteral("open"), kUpdateMs);

    page->deleteAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!roomValue(room, RoomTableModel::Name).isValid(), kUpdateMs);
    QVERIFY2(page->selectedRoom().isEmpty(), qPrintable(page->selectedRoom()));
}

void tst_DashboardWindow::selectionSurvivesRefresh()
{
    AdminCommands &commands = m_window->commands();
    QVERIFY(
        settled([&](auto then) { return commands.createRoom(QStringLiteral("bravo"), 4, then); }));
    RoomsPage *page = m_window->roomsPage();
    QTRY_VERIFY_WITH_TIMEOUT(page->selectRoom(QStringLiteral("bravo")), kUpdateMs);

    // Rooms sorted by name: a new room before it and a change to it move its row.
    QVERIFY(
        settled([&](auto then) { return commands.createRoom(QStringLiteral("alpha"), 4, then); }));
    QVERIFY(settled(
        [&](auto then) { return commands.changeCapacity(QStringLiteral("bravo"), 6, then); }));
    QTRY_VERIFY_WITH_TIMEOUT(roomValue(QStringLiteral("alpha"), RoomTableModel::Name).isValid(),
                             kUpdateMs);
    QTRY_COMPARE_WITH_TIMEOUT(
        roomValue(QStringLiteral("bravo"), RoomTableModel::Capacity, SeatsTotalRole).toInt(), 6,
        kUpdateMs);
    QCOMPARE(page->selectedRoom(), QStringLiteral("bravo"));
}

void tst_DashboardWindow::revokeFromReservationsView()
{
    const QString room = QStringLiteral("revoke-room");
    const QString user = QStringLiteral("frank");
    const HttpReply reply = m_api->reserve(m_api->userToken(user), room, true, 2);
    QCOMPARE(reply.status, 201);

    ReservationsPage *page = m_window->reservationsPage();
    QTRY_VERIFY_WITH_TIMEOUT(page->selectReservation(user, room), kUpdateMs);
    QVERIFY(page->revokeAction()->isEnabled());
    page->revokeAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(
        findRow(m_window->reservationsModel(), ReservationTableModel::User, user), -1, kUpdateMs);

    // The revoked ticket is refused as unknown.
    TestSocket socket;
    socket.open(reply.json.value(QStringLiteral("websocketUrl")).toString());
    QVERIFY(socket.waitClosed());
    QCOMPARE(socket.closeCode(), 4401);
}

void tst_DashboardWindow::eventLogFiltersAndExports()
{
    // A refusal: reserve without create in a room that does not exist.
    const HttpReply refused = m_api->reserve(m_api->userToken(QStringLiteral("grace")),
                                             QStringLiteral("nowhere"), false);
    QCOMPARE(refused.status, 404);

    EventLogPage *page = m_window->eventLogPage();
    EventLogFilter *filter = page->filter();
    const EventLogModel &log = m_window->eventLogModel();
    QTRY_VERIFY_WITH_TIMEOUT(
        findRow(log, EventLogModel::Code, QStringLiteral("ROOM_NOT_FOUND")) >= 0, kUpdateMs);

    page->codeFilterBox()->setCurrentText(QStringLiteral("ROOM_NOT_FOUND"));
    QCOMPARE(filter->rowCount(), 1);
    QCOMPARE(filter->index(0, EventLogModel::User).data().toString(), QStringLiteral("grace"));
    QCOMPARE(filter->index(0, EventLogModel::Room).data().toString(), QStringLiteral("nowhere"));
    page->codeFilterBox()->setCurrentText(QString());

    page->roomFilterEdit()->setText(QStringLiteral("KICK-ROOM"));
    page->userFilterEdit()->setText(QStringLiteral("alice"));
    QVERIFY(filter->rowCount() >= 3); // reserve, claim, kick
    for (int row = 0; row < filter->rowCount(); ++row) {
        QCOMPARE(filter->index(row, EventLogModel::Room).data().toString(),
                 QStringLiteral("kick-room"));
        QCOMPARE(filter->index(row, EventLogModel::User).data().toString(),
                 QStringLiteral("alice"));
    }

    QTemporaryDir out;
    QVERIFY(out.isValid());
    const QString path = out.filePath(QStringLiteral("events.csv"));
    QVERIFY(page->exportTo(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString csv = QString::fromUtf8(file.readAll());
    const QStringList lines = csv.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), filter->rowCount() + 1);
    QCOMPARE(lines.first(), QStringLiteral("Time,Event,Code,User,Room,Details"));
    QVERIFY(csv.contains(QStringLiteral(",member.kick,alice,kick-room,")));

    page->roomFilterEdit()->clear();
    page->userFilterEdit()->clear();
    QCOMPARE(filter->rowCount(), log.rowCount());
}

void tst_DashboardWindow::overviewCountsAndChart()
{
    OverviewPage *overview = m_window->overviewPage();
    QTRY_VERIFY_WITH_TIMEOUT(overview->rateChart()->sampleCount() >= 2, kUpdateMs);
    QVERIFY(overview->counterText(QStringLiteral("reserved")).toInt() >= 1);
    QVERIFY(overview->counterText(QStringLiteral("claimed")).toInt() >= 1);
    QVERIFY(overview->counterText(QStringLiteral("refused")).toInt() >= 1);
    QCOMPARE(overview->counterText(QStringLiteral("nodeId")), m_core->nodeId());
    QVERIFY(overview->counterText(QStringLiteral("nodes")).contains(m_core->nodeId()));

    // Gauges follow storage: a live reservation and a connected member.
    auto henry = join(QStringLiteral("henry"), QStringLiteral("gauge-room"));
    QVERIFY(henry);
    QTRY_COMPARE_WITH_TIMEOUT(overview->counterText(QStringLiteral("sockets")).toInt(),
                              m_core->socketCount(), kUpdateMs);
    QTRY_VERIFY_WITH_TIMEOUT(overview->counterText(QStringLiteral("occupants")).toInt() >= 1,
                             kUpdateMs);
    QCOMPARE(OverviewPage::uptimeText(59), QStringLiteral("00:00:59"));
    QCOMPARE(OverviewPage::uptimeText(90'061), QStringLiteral("1 day 01:01:01"));
}

void tst_DashboardWindow::closingAsksToStopTheServer()
{
    // Last: the window is gone afterwards. main() connects this to the SIGTERM path.
    QSignalSpy stop(m_window.get(), &DashboardWindow::stopRequested);
    QVERIFY(m_window->close());
    QCOMPARE(stop.count(), 1);
    QVERIFY(!m_window->isVisible());
}

QTEST_MAIN(tst_DashboardWindow)
#include "tst_dashboardwindow.moc"
