// SPDX-License-Identifier: MIT
#pragma once

#include "shared/errorcode.h"

#include <QObject>
#include <QPointer>

class QWidget;

namespace roomgate::server {

class AdminService;

namespace dashboard {

/**
 * The admin actions of the dashboard: asks for confirmation where an action affects
 * people, runs it through the same AdminService as the admin API (audited under the
 * admin name "dashboard"), and reports the outcome as one human sentence. Owned by
 * the DashboardWindow; main thread only.
 */
class AdminCommands : public QObject
{
    Q_OBJECT
public:
    /** The name the audit log records for actions taken in the window. */
    static QString adminName() { return QStringLiteral("dashboard"); }

    AdminCommands(AdminService &admin, QWidget *dialogParent, QObject *parent = nullptr);

    /** Testing hook: when off, every confirmation is answered yes without a dialog. */
    void setConfirmationsEnabled(bool enabled) { m_confirmations = enabled; }
    bool confirmationsEnabled() const { return m_confirmations; }

    /** Asks @p question (Yes/No, No by default); true to go ahead. */
    bool confirm(const QString &title, const QString &question) const;

    // Each returns whether the action took effect; the outcome is also reported().
    bool createRoom(const QString &name, int capacity);
    bool changeCapacity(const QString &room, int capacity);
    bool closeRoom(const QString &room);
    bool reopenRoom(const QString &room);
    bool deleteRoom(const QString &room);
    bool revokeReservation(const QString &id, const QString &user, const QString &room);
    bool kick(const QString &room, const QString &user);
    bool ban(const QString &room, const QString &user);
    bool unban(const QString &room, const QString &user);

Q_SIGNALS:
    /** What an action did, or why it did not, in one sentence for the status bar. */
    void reported(const QString &message, bool failed);

private:
    /** Emits reported(@p message) and returns whether @p code is success. */
    bool report(ErrorCode code, const QString &message);

    AdminService &m_admin;
    QPointer<QWidget> m_dialogParent;
    bool m_confirmations = true;
};

} // namespace dashboard
} // namespace roomgate::server
