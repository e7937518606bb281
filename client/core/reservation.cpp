// SPDX-License-Identifier: MIT
#include "client/core/reservation.h"

#include "shared/wiretime.h"

namespace roomgate::client {

bool Reservation::fromJson(const QJsonObject &object, Reservation *reservation)
{
    const QJsonValue ticket = object.value(u"ticket");
    const QJsonValue url = object.value(u"websocketUrl");
    if (!ticket.isString() || !url.isString())
        return false;
    const QUrl websocketUrl(url.toString(), QUrl::StrictMode);
    if (!websocketUrl.isValid()
        || (websocketUrl.scheme() != u"ws" && websocketUrl.scheme() != u"wss"))
        return false;
    reservation->ticket = ticket.toString();
    reservation->websocketUrl = websocketUrl;
    if (const auto expiresAt = WireTime::parse(object.value(u"expiresAt").toString()))
        reservation->expiresAt = QDateTime::fromMSecsSinceEpoch(*expiresAt, Qt::UTC);
    reservation->ttlSeconds = object.value(u"ttlSeconds").toInt();
    if (!RoomInfo::fromJson(object.value(u"room").toObject(), &reservation->room))
        reservation->room = {};
    return true;
}

} // namespace roomgate::client
