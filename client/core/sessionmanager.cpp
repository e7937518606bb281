// SPDX-License-Identifier: MIT
#include "client/core/sessionmanager.h"

#include "shared/textrules.h"

namespace roomgate::client {

SessionManager::SessionManager(ApiClient *api, QObject *parent) : QObject(parent), m_api(api) { }

SessionManager::~SessionManager()
{
    // Children are deleted by QObject; each RoomSession cancels or leaves on its own.
    for (RoomSession *session : std::as_const(m_sessions))
        session->disconnect(this);
}

QString SessionManager::roomKey(const QString &room)
{
    const QString normalized = TextRules::normalizedRoomName(room);
    // An invalid name still gets its own session, so the user sees the server's refusal.
    return normalized.isNull() ? room : TextRules::nameKey(normalized);
}

RoomSession *SessionManager::session(const QString &room) const
{
    return m_sessions.value(roomKey(room));
}

QList<RoomSession *> SessionManager::sessions() const
{
    return m_sessions.values();
}

RoomSession *SessionManager::open(const QString &room, const EntryOptions &options)
{
    const QString key = roomKey(room);
    RoomSession *session = m_sessions.value(key);
    if (!session) {
        session = new RoomSession(m_api, room, this);
        m_sessions.insert(key, session);
        Q_EMIT sessionAdded(session);
    } else {
        // Opened again while closing: keep it.
        disconnect(session, &RoomSession::stateChanged, this, nullptr);
    }
    if (session->isIdle() || session->hasFailed()
        || session->state() == RoomSession::State::Leaving) {
        // While Leaving, the session enters by itself once the server has its goodbye.
        session->setEntryOptions(options);
        session->enter();
    }
    return session;
}

void SessionManager::close(const QString &room)
{
    const QString key = roomKey(room);
    RoomSession *session = m_sessions.value(key);
    if (!session)
        return;
    session->leave();
    if (session->isIdle()) {
        remove(key);
        return;
    }
    connect(session, &RoomSession::stateChanged, this, [this, key](RoomSession::State state) {
        if (state == RoomSession::State::Idle || state == RoomSession::State::Failed)
            remove(key);
    });
}

void SessionManager::leaveAll()
{
    for (RoomSession *session : std::as_const(m_sessions))
        session->leave();
}

void SessionManager::remove(const QString &key)
{
    RoomSession *session = m_sessions.take(key);
    if (!session)
        return;
    session->disconnect(this);
    const QString room = session->room();
    session->deleteLater();
    Q_EMIT sessionRemoved(room);
}

} // namespace roomgate::client
