// SPDX-License-Identifier: MIT
#include "client/core/authsession.h"

#include "shared/wiretime.h"

namespace roomgate::client {

bool AuthSession::fromJson(const QJsonObject &object, AuthSession *session)
{
    const QJsonValue token = object.value(u"token");
    const QJsonValue username = object.value(u"username");
    if (!token.isString() || token.toString().isEmpty() || !username.isString())
        return false;
    session->token = token.toString();
    session->username = username.toString();
    if (const auto expiresAt = WireTime::parse(object.value(u"expiresAt").toString()))
        session->expiresAt = QDateTime::fromMSecsSinceEpoch(*expiresAt, Qt::UTC);
    session->admin = object.value(u"admin").toBool(false);
    return true;
}

} // namespace roomgate::client
