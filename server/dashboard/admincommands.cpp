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

bool AdminCommands::report(ErrorCode code, const QString &message)
{
    if (code != ErrorCode::Ok)
        qCInfo(lcDashboard).noquote() << "admin action refused:" << wireName(code);
    Q_EMIT reported(message, code != ErrorCode::Ok);
    return code == ErrorCode::Ok;
}

bool AdminCommands::createRoom(const QString &name, int capacity)
{
    const ErrorCode code = m_admin.createRoom(adminName(), name, capacity).code;
    return report(code,
                  code == ErrorCode::Ok
                      ? tr("Room “%1” created with %n seat(s).", nullptr, capacity).arg(name)
                      : tr("Could not create room “%1”: %2").arg(name, errorSentence(code)));
}

bool AdminCommands::changeCapacity(const QString &room, int capacity)
{
    const ErrorCode code = m_admin.updateRoom(adminName(), room, capacity, std::nullopt).code;
    return report(
        code,
        code == ErrorCode::Ok
            ? tr("Room “%1” now has %n seat(s).", nullptr, capacity).arg(room)
            : tr("Could not change the capacity of “%1”: %2").arg(room, errorSentence(code)));
}

bool AdminCommands::closeRoom(const QString &room)
{
    if (!confirm(tr("Close room"),
                 tr("Close room “%1”? Everyone in it is sent out and new entries are refused.")
                     .arg(room)))
        return false;
    const ErrorCode code
        = m_admin.updateRoom(adminName(), room, std::nullopt, QStringLiteral("closed")).code;
    return report(code,
                  code == ErrorCode::Ok
                      ? tr("Room “%1” closed.").arg(room)
                      : tr("Could not close room “%1”: %2").arg(room, errorSentence(code)));
}

bool AdminCommands::reopenRoom(const QString &room)
{
    const ErrorCode code
        = m_admin.updateRoom(adminName(), room, std::nullopt, QStringLiteral("open")).code;
    return report(code,
                  code == ErrorCode::Ok
                      ? tr("Room “%1” is open again.").arg(room)
                      : tr("Could not reopen room “%1”: %2").arg(room, errorSentence(code)));
}

bool AdminCommands::deleteRoom(const QString &room)
{
    if (!confirm(tr("Delete room"),
                 tr("Delete room “%1” and its history? Everyone in it is sent out, and this "
                    "cannot be undone.")
                     .arg(room)))
        return false;
    const ErrorCode code = m_admin.deleteRoom(adminName(), room);
    return report(code,
                  code == ErrorCode::Ok
                      ? tr("Room “%1” deleted.").arg(room)
                      : tr("Could not delete room “%1”: %2").arg(room, errorSentence(code)));
}

bool AdminCommands::revokeReservation(const QString &id, const QString &user, const QString &room)
{
    if (!confirm(
            tr("Revoke reservation"),
            tr("Revoke the seat %1 reserved in “%2”? The seat is freed at once.").arg(user, room)))
        return false;
    const ErrorCode code = m_admin.revokeReservation(adminName(), id);
    return report(
        code,
        code == ErrorCode::Ok
            ? tr("The reservation of %1 in “%2” was revoked.").arg(user, room)
            : tr("Could not revoke the reservation of %1: %2").arg(user, errorSentence(code)));
}

bool AdminCommands::kick(const QString &room, const QString &user)
{
    if (!confirm(tr("Kick member"),
                 tr("Remove %1 from “%2”? Their connection is closed and the seat freed.")
                     .arg(user, room)))
        return false;
    const ErrorCode code = m_admin.kick(adminName(), room, user);
    return report(code,
                  code == ErrorCode::Ok
                      ? tr("%1 was removed from “%2”.").arg(user, room)
                      : tr("Could not remove %1: %2").arg(user, errorSentence(code)));
}

bool AdminCommands::ban(const QString &room, const QString &user)
{
    if (!confirm(tr("Ban member"),
                 tr("Ban %1 from “%2”? They are removed now and cannot enter again until "
                    "unbanned.")
                     .arg(user, room)))
        return false;
    const ErrorCode code = m_admin.ban(adminName(), room, user);
    return report(code,
                  code == ErrorCode::Ok
                      ? tr("%1 is banned from “%2”.").arg(user, room)
                      : tr("Could not ban %1: %2").arg(user, errorSentence(code)));
}

bool AdminCommands::unban(const QString &room, const QString &user)
{
    const ErrorCode code = m_admin.unban(adminName(), room, user);
    return report(code,
                  code == ErrorCode::Ok
                      ? tr("%1 may enter “%2” again.").arg(user, room)
                      : tr("Could not unban %1: %2").arg(user, errorSentence(code)));
}

} // namespace roomgate::server::dashboard
