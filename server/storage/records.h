// SPDX-License-Identifier: MIT
#pragma once

#include "shared/errorcode.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace roomgate::server {

/** A registered account. */
struct User
{
    qint64 id = 0;
    QString name;
    QByteArray passwordHash;
    bool admin = false;
};

/** A room with the seat counts of one consistent read. */
struct Room
{
    qint64 id = 0;
    QString name;
    int capacity = 0;
    QString state; ///< "pending", "open", "closed"
    int occupants = 0;
    int reserved = 0; ///< live (unexpired, unclaimed) reservations
    qint64 createdAt = 0;
    qint64 lastActivity = 0;
};

/** A seat taken over HTTP and not yet claimed (or its remembered end). */
struct Reservation
{
    QString id; ///< public id, never the ticket
    qint64 roomId = 0;
    QString roomName;
    qint64 userId = 0;
    QString userName;
    QString nodeId;
    qint64 createdAt = 0;
    qint64 expiresAt = 0;
};

/** A claimed seat held by one WebSocket connection. */
struct Membership
{
    qint64 id = 0;
    qint64 roomId = 0;
    QString roomName;
    qint64 userId = 0;
    QString userName;
    QString nodeId;
    QString connectionId;
    QString address;
    qint64 since = 0;
};

/** A stored chat message. */
struct ChatMessage
{
    qint64 id = 0;
    QString room;
    QString from;
    QString text;
    QString clientId;
    qint64 sentAt = 0;
};

/** A result or the code of why there is none. */
template<typename T> struct Outcome
{
    ErrorCode code = ErrorCode::Ok;
    T value{};

    bool ok() const { return code == ErrorCode::Ok; }
    static Outcome failure(ErrorCode c) { return Outcome{c, T{}}; }
};

} // namespace roomgate::server
