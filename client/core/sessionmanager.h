// SPDX-License-Identifier: MIT
#pragma once

#include "client/core/apiclient.h"
#include "client/core/roomsession.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace roomgate::client {

/**
 * The rooms the user has open at once: one RoomSession per room, keyed like the
 * server compares room names (NFC, trimmed, case-folded), so "Lobby" and "lobby " are
 * the same session.
 *
 * Owns its sessions; uses an ApiClient that must outlive it. Lives on the thread that
 * created it (the GUI thread in the app).
 */
class SessionManager : public QObject
{
    Q_OBJECT
public:
    explicit SessionManager(ApiClient *api, QObject *parent = nullptr);
    ~SessionManager() override;

    /** The session of @p room, or nullptr. */
    RoomSession *session(const QString &room) const;
    QList<RoomSession *> sessions() const;
    int count() const { return static_cast<int>(m_sessions.size()); }

    /**
     * The session of @p room, created when missing; it enters with @p options when it
     * is Idle or Failed, and once its leave completes when it is still Leaving (closed
     * and opened again at once: it stays, and is not removed).
     */
    RoomSession *open(const QString &room, const EntryOptions &options = {});
    /** Leaves @p room and removes its session once it is Idle. */
    void close(const QString &room);
    /** Leaves every room (e.g. before signing out). */
    void leaveAll();

    /** The key two room names are compared by. */
    static QString roomKey(const QString &room);

Q_SIGNALS:
    void sessionAdded(roomgate::client::RoomSession *session);
    /** The session is already scheduled for deletion. */
    void sessionRemoved(const QString &room);

private:
    void remove(const QString &key);

    QPointer<ApiClient> m_api;
    QHash<QString, RoomSession *> m_sessions;
};

} // namespace roomgate::client
