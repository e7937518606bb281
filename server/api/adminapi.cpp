// SPDX-License-Identifier: MIT
#include "server/api/adminapi.h"

#include "server/admission/adminservice.h"
#include "server/api/apiresponses.h"
#include "server/api/authenticator.h"
#include "server/api/requestbody.h"
#include "shared/textrules.h"
#include "shared/wiretime.h"

#include <QJsonArray>

namespace roomgate::server::api {

using http::HttpResponse;

namespace {

QJsonObject reservationJson(const Reservation &r)
{
    return {
        {QStringLiteral("id"), r.id},
        {QStringLiteral("user"), r.userName},
        {QStringLiteral("room"), r.roomName},
        {QStringLiteral("node"), r.nodeId},
        {QStringLiteral("createdAt"), WireTime::format(r.createdAt)},
        {QStringLiteral("expiresAt"), WireTime::format(r.expiresAt)},
    };
}

QJsonObject memberJson(const Membership &m)
{
    return {
        {QStringLiteral("user"), m.userName},
        {QStringLiteral("room"), m.roomName},
        {QStringLiteral("node"), m.nodeId},
        {QStringLiteral("address"), m.address},
        {QStringLiteral("since"), WireTime::format(m.since)},
    };
}

/** 204 on success, else the refusal. */
AdminService::Done noContentOr(const http::HttpResponder &responder)
{
    return [responder](ErrorCode code) {
        if (code != ErrorCode::Ok) {
            refuse(responder, code);
            return;
        }
        responder.send(HttpResponse::noContent());
    };
}

} // namespace

AdminApi::AdminApi(Authenticator &auth, AdminService &admin) : m_auth(auth), m_admin(admin) { }

void AdminApi::addRoutes(http::Router &router)
{
    auto plain = [this](void (AdminApi::*handler)(const Request &, const Responder &)) {
        return [this, handler](const Request &r, const Params &, const Responder &s) {
            (this->*handler)(r, s);
        };
    };
    auto withParams
        = [this](void (AdminApi::*handler)(const Request &, const Params &, const Responder &)) {
              return [this, handler](const Request &r, const Params &p, const Responder &s) {
                  (this->*handler)(r, p, s);
              };
          };
    router.add("POST", "/api/v1/admin/rooms", plain(&AdminApi::createRoom));
    router.add("PATCH", "/api/v1/admin/rooms/{name}", withParams(&AdminApi::updateRoom));
    router.add("DELETE", "/api/v1/admin/rooms/{name}", withParams(&AdminApi::deleteRoom));
    router.add("GET", "/api/v1/admin/reservations", plain(&AdminApi::reservations));
    router.add("DELETE", "/api/v1/admin/reservations/{id}", withParams(&AdminApi::revoke));
    router.add("GET", "/api/v1/admin/members", plain(&AdminApi::members));
    router.add("DELETE", "/api/v1/admin/rooms/{name}/members/{user}", withParams(&AdminApi::kick));
    router.add("PUT", "/api/v1/admin/rooms/{name}/bans/{user}", withParams(&AdminApi::ban));
    router.add("DELETE", "/api/v1/admin/rooms/{name}/bans/{user}", withParams(&AdminApi::unban));
    router.add("GET", "/api/v1/admin/audit", plain(&AdminApi::audit));
    router.add("GET", "/api/v1/admin/nodes", plain(&AdminApi::nodes));
}

void AdminApi::createRoom(const Request &request, const Responder &responder)
{
    const auto admin = m_auth.admin(request, responder);
    if (!admin)
        return;
    const auto body = RequestBody::jsonObject(request, false);
    const QJsonValue name = body ? body->value(QStringLiteral("name")) : QJsonValue();
    const QJsonValue capacity = body ? body->value(QStringLiteral("capacity")) : QJsonValue();
    if (!body || !name.isString() || (!capacity.isUndefined() && !capacity.isDouble())) {
        RequestBody::refuse(request, responder,
                            QStringLiteral("{\"name\": string, \"capacity\": number}"));
        return;
    }
    const QString roomName = name.toString();
    m_admin.createRoom(
        admin->name, roomName, RequestBody::wholeNumber(capacity, TextRules::kDefaultCapacity),
        [responder, roomName](const Outcome<Room> &room) {
            if (!room.ok()) {
                refuse(responder, room.code, {}, TextRules::normalizedRoomName(roomName));
                return;
            }
            responder.send(HttpResponse::json(201, room.value.info().toJson()));
        });
}

void AdminApi::updateRoom(const Request &request, const Params &params, const Responder &responder)
{
    const auto admin = m_auth.admin(request, responder);
    if (!admin)
        return;
    const auto body = RequestBody::jsonObject(request, false);
    const QJsonValue capacity = body ? body->value(QStringLiteral("capacity")) : QJsonValue();
    const QJsonValue state = body ? body->value(QStringLiteral("state")) : QJsonValue();
    if (!body || (!capacity.isUndefined() && !capacity.isDouble())
        || (!state.isUndefined() && !state.isString())
        || (capacity.isUndefined() && state.isUndefined())) {
        RequestBody::refuse(
            request, responder,
            QStringLiteral("{\"capacity\"?: number, \"state\"?: \"open\"|\"closed\"}"));
        return;
    }
    std::optional<qint64> newCapacity;
    if (capacity.isDouble())
        newCapacity = RequestBody::wholeNumber(capacity, -1);
    std::optional<QString> newState;
    if (state.isString())
        newState = state.toString();
    const QString name = RequestBody::textParam(params, 0);
    m_admin.updateRoom(admin->name, name, newCapacity, newState,
                       [responder, name](const Outcome<Room> &room) {
                           if (!room.ok()) {
                               refuse(responder, room.code,
                                      room.code == ErrorCode::BadRequest
                                          ? QStringLiteral("state must be \"open\" or \"closed\"")
                                          : QString(),
                                      name);
                               return;
                           }
                           responder.send(HttpResponse::json(200, room.value.info().toJson()));
                       });
}

void AdminApi::deleteRoom(const Request &request, const Params &params, const Responder &responder)
{
    if (const auto admin = m_auth.admin(request, responder))
        m_admin.deleteRoom(admin->name, RequestBody::textParam(params, 0), noContentOr(responder));
}

void AdminApi::reservations(const Request &request, const Responder &responder)
{
    if (!m_auth.admin(request, responder))
        return;
    const auto list = m_admin.reservations(request.queryItem(QStringLiteral("room")));
    if (!list.ok()) {
        refuse(responder, list.code);
        return;
    }
    QJsonArray out;
    for (const Reservation &r : list.value)
        out.append(reservationJson(r));
    responder.send(HttpResponse::json(200, {{QStringLiteral("reservations"), out}}));
}

void AdminApi::revoke(const Request &request, const Params &params, const Responder &responder)
{
    if (const auto admin = m_auth.admin(request, responder))
        m_admin.revokeReservation(admin->name, RequestBody::textParam(params, 0),
                                  noContentOr(responder));
}

void AdminApi::members(const Request &request, const Responder &responder)
{
    if (!m_auth.admin(request, responder))
        return;
    const auto list = m_admin.members(request.queryItem(QStringLiteral("room")));
    if (!list.ok()) {
        refuse(responder, list.code);
        return;
    }
    QJsonArray out;
    for (const Membership &m : list.value)
        out.append(memberJson(m));
    responder.send(HttpResponse::json(200, {{QStringLiteral("members"), out}}));
}

void AdminApi::kick(const Request &request, const Params &params, const Responder &responder)
{
    if (const auto admin = m_auth.admin(request, responder))
        m_admin.kick(admin->name, RequestBody::textParam(params, 0),
                     RequestBody::textParam(params, 1), noContentOr(responder));
}

void AdminApi::ban(const Request &request, const Params &params, const Responder &responder)
{
    if (const auto admin = m_auth.admin(request, responder))
        m_admin.ban(admin->name, RequestBody::textParam(params, 0),
                    RequestBody::textParam(params, 1), noContentOr(responder));
}

void AdminApi::unban(const Request &request, const Params &params, const Responder &responder)
{
    if (const auto admin = m_auth.admin(request, responder))
        m_admin.unban(admin->name, RequestBody::textParam(params, 0),
                      RequestBody::textParam(params, 1), noContentOr(responder));
}

void AdminApi::audit(const Request &request, const Responder &responder)
{
    if (!m_auth.admin(request, responder))
        return;
    int limit = 100;
    if (request.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        const qint64 value = request.queryItem(QStringLiteral("limit")).toLongLong(&ok);
        if (!ok || value <= 0) {
            refuse(responder, ErrorCode::BadRequest,
                   QStringLiteral("limit must be a whole number of at least 1 (over 1000 is "
                                  "clamped)"));
            return;
        }
        limit = static_cast<int>(std::min<qint64>(value, 1000));
    }
    const auto entries = m_admin.audit(limit);
    if (!entries.ok()) {
        refuse(responder, entries.code);
        return;
    }
    QJsonArray out;
    for (const AuditEntry &e : entries.value) {
        out.append(QJsonObject{
            {QStringLiteral("at"), WireTime::format(e.at)},
            {QStringLiteral("admin"), e.admin},
            {QStringLiteral("action"), e.action},
            {QStringLiteral("target"), e.target},
            {QStringLiteral("detail"), e.detail},
        });
    }
    responder.send(HttpResponse::json(200, {{QStringLiteral("entries"), out}}));
}

void AdminApi::nodes(const Request &request, const Responder &responder)
{
    if (!m_auth.admin(request, responder))
        return;
    const auto list = m_admin.nodes();
    if (!list.ok()) {
        refuse(responder, list.code);
        return;
    }
    const qint64 now = m_admin.settings().nowMs();
    QJsonArray out;
    for (const NodeLease &node : list.value) {
        out.append(QJsonObject{
            {QStringLiteral("id"), node.id},
            {QStringLiteral("self"), node.id == m_admin.settings().nodeId},
            {QStringLiteral("alive"), node.leaseExpires > now},
            {QStringLiteral("startedAt"), WireTime::format(node.startedAt)},
            {QStringLiteral("leaseExpiresAt"), WireTime::format(node.leaseExpires)},
            {QStringLiteral("sockets"), node.load.sockets},
            {QStringLiteral("decisionsPerSecond"), node.load.decisionRate},
            {QStringLiteral("messagesPerSecond"), node.load.messageRate},
        });
    }
    responder.send(HttpResponse::json(200, {{QStringLiteral("nodes"), out}}));
}

} // namespace roomgate::server::api
