// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace roomgate::client {

/**
 * A signed-in session (`POST /api/v1/sessions`): the bearer token and who it
 * belongs to. The token is a secret: never log it. Value type, any thread.
 */
struct AuthSession
{
    QString token;
    QString username; ///< the account's stored (NFC) name, whatever case was typed
    QDateTime expiresAt;
    bool admin = false;

    /** Reads a sign-in answer; false when it is not one. */
    static bool fromJson(const QJsonObject &object, AuthSession *session);
};

} // namespace roomgate::client

Q_DECLARE_METATYPE(roomgate::client::AuthSession)
