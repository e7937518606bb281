// SPDX-License-Identifier: MIT
#pragma once

#include "shared/errorcode.h"

#include <QObject>
#include <QPointer>

#include <functional>

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

    /** Called once an action is decided: whether it took effect. */
    using Then = std::function<void(bool done)>;

    // Each returns false when the admin declined to confirm (nothing was asked of the
    // server); the outcome comes later, as reported() and through @p then.
    bool createRoom(const QString &name, int capacity, Then then = {});
    bool changeCapacity(const QString &room, int capacity, Then then = {});
    bool closeRoom(const QString &room, Then then = {});
    bool reopenRoom(const QString &room, Then then = {});
    bool deleteRoom(const QString &room, Then then = {});
    bool revokeReservation(const QString &id, const QString &user, const QString &room,
                           Then then = {});
    bool kick(const QString &room, const QString &user, Then then = {});
    bool ban(const QString &room, const QString &user, Then then = {});
    bool unban(const QString &room, const QString &user, Then then = {});

Q_SIGNALS:
    /** What an action did, or why it did not, in one sentence for the status bar. */
    void reported(const QString &message, bool failed);

private:
    /**
     * An outcome handler that reports @p success or @p failure (with the code's sentence
     * for %2, or %1 when @p failure has one argument) and then calls @p then.
     */
    std::function<void(ErrorCode)> reporter(QString success, QString failure, Then then);

    AdminService &m_admin;
    QPointer<QWidget> m_dialogParent;
    bool m_confirmations = true;
};

} // namespace dashboard
} // namespace roomgate::server
