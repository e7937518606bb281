// SPDX-License-Identifier: MIT
#include "server/dashboard/admincommands.h"

#include "server/admission/adminservice.h"
#include "server/dashboard/logging.h"

#include <QMessageBox>

namespace roomgate::server::dashboard {

AdminCommands::AdminCommands(AdminService &admin, QWidget *dialogParent, QObject *parent)
    : QObject(parent), m_admin(admin), m_dialogParent(dialogParent)
{ }

bool AdminCommands::confirm(const QString &title, const QString &question) const
{
    if (!m_confirmations)
        return true;
    return QMessageBox::question(m_dialogParent, title, question,
                                 QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
        == QMessageBox::Yes;
}

std::function<void(ErrorCode)> AdminCommands::reporter(QString success, QString failure, Then then)
{
    return [self = QPointer(this), success = std::move(success), failure = std::move(failure),
            then = std::move(then)](ErrorCode code) {
        if (!self)
            return;
        const bool ok = code == ErrorCode::Ok;
        if (!ok)
            qCInfo(lcDashboard).noquote() << "admin action refused:" << wireName(code);
        Q_EMIT self->reported(ok ? success : failure.arg(errorSentence(code)), !ok);
        if (then)
            then(ok);
    };
}

namespace {

/** The code of a room outcome, for reporter(). */
Reply<Room> codeOnly(std::function<void(ErrorCode)> report)
{
    return [report = std::move(report)](const Outcome<Room> &outcome) { report(outcome.code); };
}

} // namespace

bool AdminCommands::createRoom(const QString &name, int capacity, Then then)
{
    m_admin.createRoom(
        adminName(), name, capacity,
        codeOnly(reporter(tr("Room “%1” created with %n seat(s).", nullptr, capacity).arg(name),
                          tr("Could not create room “%1”: %2").arg(name, u"%1"), std::move(then))));
    return true;
}

bool AdminCommands::changeCapacity(const QString &room, int capacity, Then then)
{
    m_admin.updateRoom(
        adminName(), room, capacity, std::nullopt,
        codeOnly(reporter(tr("Room “%1” now has %n seat(s).", nullptr, capacity).arg(room),
                          tr("Could not change the capacity of “%1”: %2").arg(room, u"%1"),
                          std::move(then))));
    return true;
}

bool AdminCommands::closeRoom(const QString &room, Then then)
{
    if (!confirm(tr("Close room"),
                 tr("Close room “%1”? Everyone in it is sent out and new entries are refused.")
                     .arg(room)))
        return false;
    m_admin.updateRoom(
        adminName(), room, std::nullopt, QStringLiteral("closed"),
        codeOnly(reporter(tr("Room “%1” closed.").arg(room),
                          tr("Could not close room “%1”: %2").arg(room, u"%1"), std::move(then))));
    return true;
}

bool AdminCommands::reopenRoom(const QString &room, Then then)
{
    m_admin.updateRoom(
        adminName(), room, std::nullopt, QStringLiteral("open"),
        codeOnly(reporter(tr("Room “%1” is open again.").arg(room),
                          tr("Could not reopen room “%1”: %2").arg(room, u"%1"), std::move(then))));
    return true;
}

bool AdminCommands::deleteRoom(const QString &room, Then then)
{
    if (!confirm(tr("Delete room"),
                 tr("Delete room “%1” and its history? Everyone in it is sent out, and this "
                    "cannot be undone.")
                     .arg(room)))
        return false;
    m_admin.deleteRoom(adminName(), room,
                       reporter(tr("Room “%1” deleted.").arg(room),
                                tr("Could not delete room “%1”: %2").arg(room, u"%1"),
                                std::move(then)));
    return true;
}

bool AdminCommands::revokeReservation(const QString &id, const QString &user, const QString &room,
                                      Then then)
{
    if (!confirm(
            tr("Revoke reservation"),
            tr("Revoke the seat %1 reserved in “%2”? The seat is freed at once.").arg(user, room)))
        return false;
    m_admin.revokeReservation(
        adminName(), id,
        reporter(tr("The reservation of %1 in “%2” was revoked.").arg(user, room),
                 tr("Could not revoke the reservation of %1: %2").arg(user, u"%1"),
                 std::move(then)));
    return true;
}

bool AdminCommands::kick(const QString &room, const QString &user, Then then)
{
    if (!confirm(tr("Kick member"),
                 tr("Remove %1 from “%2”? Their connection is closed and the seat freed.")
                     .arg(user, room)))
        return false;
    m_admin.kick(adminName(), room, user,
                 reporter(tr("%1 was removed from “%2”.").arg(user, room),
                          tr("Could not remove %1: %2").arg(user, u"%1"), std::move(then)));
    return true;
}

bool AdminCommands::ban(const QString &room, const QString &user, Then then)
{
    if (!confirm(tr("Ban member"),
                 tr("Ban %1 from “%2”? They are removed now and cannot enter again until "
                    "unbanned.")
                     .arg(user, room)))
        return false;
    m_admin.ban(adminName(), room, user,
                reporter(tr("%1 is banned from “%2”.").arg(user, room),
                         tr("Could not ban %1: %2").arg(user, u"%1"), std::move(then)));
    return true;
}

bool AdminCommands::unban(const QString &room, const QString &user, Then then)
{
    m_admin.unban(adminName(), room, user,
                  reporter(tr("%1 may enter “%2” again.").arg(user, room),
                           tr("Could not unban %1: %2").arg(user, u"%1"), std::move(then)));
    return true;
}

} // namespace roomgate::server::dashboard
