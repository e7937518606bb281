// SPDX-License-Identifier: MIT
#include "server/api/publicapi.h"

#include "server/admission/accountservice.h"
#include "server/admission/adminservice.h"
#include "server/admission/admissionservice.h"
#include "server/admission/healthservice.h"
#include "server/admission/metrics.h"
#include "server/api/apiresponses.h"
#include "server/api/authenticator.h"
#include "server/api/requestbody.h"
#include "server/net/addresscounter.h"
#include "shared/textrules.h"
#include "shared/wiretime.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace roomgate::server::api {

using http::HttpResponse;

namespace {

/** The hash queue's view of a sign-up or sign-in: its address, and whether it still waits. */
HashClient hashClient(const http::HttpRequest &request, const http::HttpResponder &responder)
{
    return HashClient{net::AddressCounter::keyOf(request.peerAddress), responder.stillWanted()};
}

} // namespace

PublicApi::PublicApi(Authenticator &auth, HttpApiServices services, HttpApiSettings settings)
    : m_auth(auth), m_services(std::move(services)), m_settings(std::move(settings))
{ }

void PublicApi::addRoutes(http::Router &router)
{
    auto plain = [this](void (PublicApi::*handler)(const Request &, const Responder &)) {
        return [this, handler](const Request &r, const Params &, const Responder &s) {
            (this->*handler)(r, s);
        };
    };
    auto withParams
        = [this](void (PublicApi::*handler)(const Request &, const Params &, const Responder &)) {
              return [this, handler](const Request &r, const Params &p, const Responder &s) {
                  (this->*handler)(r, p, s);
              };
          };
    router.add("POST", "/api/v1/accounts", plain(&PublicApi::createAccount));
    router.add("POST", "/api/v1/sessions", plain(&PublicApi::createSession));
    router.add("DELETE", "/api/v1/sessions/current", plain(&PublicApi::deleteSession));
    router.add("DELETE", "/api/v1/sessions", plain(&PublicApi::deleteAllSessions));
    router.add("GET", "/api/v1/rooms", plain(&PublicApi::listRooms));
    router.add("POST", "/api/v1/rooms/{name}/entries", withParams(&PublicApi::reserve));
    router.add("DELETE", "/api/v1/entries/{ticket}", withParams(&PublicApi::cancel));
    router.add("GET", "/healthz", plain(&PublicApi::health));
    router.add("GET", "/metrics", plain(&PublicApi::metrics));
}

void PublicApi::createAccount(const Request &request, const Responder &responder)
{
    // Every sign-up counts against its address, whatever its body.
    const RateVerdict rate
        = m_services.accounts.countSignUp(net::AddressCounter::keyOf(request.peerAddress));
    if (!rate.allowed) {
        refuseRateLimited(responder, rate.retryAfterMs,
                          QStringLiteral("too many accounts from this address; try later"));
        return;
    }
    const auto credentials = RequestBody::credentials(request, responder);
    if (!credentials)
        return;
    const auto &[username, password] = *credentials;
    m_services.accounts.signUp(
        username, password, hashClient(request, responder), [responder](Outcome<User> user) {
            if (!user.ok()) {
                refuse(responder, user.code);
                return;
            }
            responder.send(
                HttpResponse::json(201, {{QStringLiteral("username"), user.value.name}}));
        });
}

void PublicApi::createSession(const Request &request, const Responder &responder)
{
    const auto credentials = RequestBody::credentials(request, responder);
    if (!credentials)
        return;
    const auto &[username, password] = *credentials;
    m_services.accounts.signIn(
        username, password, hashClient(request, responder),
        [responder](Outcome<SessionGrant> grant) {
            if (grant.code == ErrorCode::RateLimited) {
                refuseRateLimited(responder, grant.retryAfterMs,
                                  QStringLiteral("too many failed sign-ins; try again later"));
                return;
            }
            if (!grant.ok()) {
                refuse(responder, grant.code);
                return;
            }
            responder.send(HttpResponse::json(
                201,
                {
                    {QStringLiteral("token"), QString::fromLatin1(grant.value.token)},
                    {QStringLiteral("username"), grant.value.user.name},
                    {QStringLiteral("expiresAt"), WireTime::format(grant.value.expiresAt)},
                    {QStringLiteral("admin"), grant.value.user.admin},
                }));
        });
}

void PublicApi::deleteSession(const Request &request, const Responder &responder)
{
    if (!m_auth.user(request, responder))
        return;
    m_services.accounts.signOut(Authenticator::bearerToken(request), [responder](ErrorCode code) {
        if (code != ErrorCode::Ok) {
            refuse(responder, code);
            return;
        }
        responder.send(HttpResponse::noContent());
    });
}

void PublicApi::deleteAllSessions(const Request &request, const Responder &responder)
{
    const auto user = m_auth.user(request, responder);
    if (!user)
        return;
    m_services.accounts.signOutEverywhere(*user, [responder](ErrorCode code) {
        if (code != ErrorCode::Ok) {
            refuse(responder, code);
            return;
        }
        responder.send(HttpResponse::noContent());
    });
}

void PublicApi::listRooms(const Request &request, const Responder &responder)
{
    if (!m_auth.user(request, responder))
        return;
    const auto rooms = m_services.admission.rooms();
    if (!rooms.ok()) {
        refuse(responder, rooms.code);
        return;
    }
    QJsonArray list;
    for (const Room &room : rooms.value)
        list.append(room.info().toJson());
    responder.send(HttpResponse::json(200, {{QStringLiteral("rooms"), list}}));
}

QString PublicApi::websocketUrlPrefix(const QByteArray &hostHeader) const
{
    const QString query = QStringLiteral("?ticket=");
    if (!m_settings.publicWsUrl.isEmpty())
        return m_settings.publicWsUrl + query;
    QString host = QString::fromLatin1(hostHeader);
    if (host.startsWith(QLatin1Char('['))) {
        host = host.left(host.indexOf(QLatin1Char(']')) + 1); // [v6]:port → [v6]
    } else if (host.contains(QLatin1Char(':'))) {
        host = host.left(host.indexOf(QLatin1Char(':')));
    }
    // Only a plain host name or address goes into the URL we hand out.
    static const QRegularExpression safe(QStringLiteral("^(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]+)$"));
    if (host.isEmpty() || !safe.match(host).hasMatch())
        host = QStringLiteral("127.0.0.1");
    return QStringLiteral("%1://%2:%3/ws")
               .arg(m_settings.wss ? QStringLiteral("wss") : QStringLiteral("ws"), host)
               .arg(m_settings.wsPort)
        + query;
}

void PublicApi::reserve(const Request &request, const Params &params, const Responder &responder)
{
    const auto user = m_auth.user(request, responder);
    if (!user)
        return;
    const auto body = RequestBody::jsonObject(request, true);
    if (!body) {
        RequestBody::refuse(request, responder, QStringLiteral("a JSON object (or no body)"));
        return;
    }
    const QJsonValue create = body->value(QStringLiteral("create"));
    const QJsonValue capacity = body->value(QStringLiteral("capacity"));
    if ((!create.isUndefined() && !create.isBool())
        || (!capacity.isUndefined() && !capacity.isDouble())) {
        refuse(responder, ErrorCode::BadRequest,
               QStringLiteral("create must be a boolean and capacity a number"));
        return;
    }
    const auto name = RequestBody::strictUtf8(params.value(0));
    if (!name) {
        refuse(responder, ErrorCode::InvalidRoomName,
               QStringLiteral("the room name is not valid UTF-8"));
        return;
    }
    const qint64 wanted = RequestBody::wholeNumber(capacity, TextRules::kDefaultCapacity);
    m_services.admission.reserve(
        *user, *name, create.toBool(false), wanted,
        [this, responder, name = *name,
         host = request.header("host")](const Outcome<ReserveAnswer> &outcome) {
            if (!outcome.ok()) {
                Problem problem(outcome.code);
                problem.room = outcome.value.result.room.name.isEmpty()
                    ? TextRules::normalizedRoomName(name)
                    : outcome.value.result.room.name;
                if (outcome.code == ErrorCode::RoomFull && outcome.value.result.retryAfterMs > 0)
                    problem.retryAfterSeconds
                        = Problem::secondsRoundedUp(outcome.value.result.retryAfterMs);
                if (outcome.code == ErrorCode::RateLimited) {
                    problem.detail = QStringLiteral("you created many rooms lately; enter an "
                                                    "existing one or try later");
                    problem.retryAfterSeconds = Problem::secondsRoundedUp(outcome.retryAfterMs);
                }
                responder.send(problemResponse(problem));
                return;
            }
            const ReserveResult &r = outcome.value.result;
            const qint64 remaining = qMax<qint64>(
                0, r.reservation.expiresAt - m_services.admission.settings().nowMs());
            responder.send(HttpResponse::json(
                r.repeated ? 200 : 201,
                {
                    {QStringLiteral("ticket"), QString::fromLatin1(outcome.value.ticket)},
                    {QStringLiteral("expiresAt"), WireTime::format(r.reservation.expiresAt)},
                    {QStringLiteral("ttlSeconds"), Problem::secondsRoundedUp(remaining)},
                    {QStringLiteral("websocketUrl"),
                     QString(websocketUrlPrefix(host) + QString::fromLatin1(outcome.value.ticket))},
                    {QStringLiteral("room"), r.room.info().toJson()},
                }));
        });
}

void PublicApi::cancel(const Request &request, const Params &params, const Responder &responder)
{
    const auto user = m_auth.user(request, responder);
    if (!user)
        return;
    m_services.admission.cancel(*user, params.value(0), [responder](ErrorCode code) {
        if (code != ErrorCode::Ok) {
            refuse(responder, code);
            return;
        }
        responder.send(HttpResponse::noContent());
    });
}

void PublicApi::health(const Request &, const Responder &responder)
{
    if (!m_services.health.storageReachable()) {
        refuse(responder, ErrorCode::Unavailable, QStringLiteral("storage is unreachable"));
        return;
    }
    QJsonObject body{
        {QStringLiteral("status"), QStringLiteral("ok")},
        {QStringLiteral("version"), QStringLiteral(ROOMGATE_VERSION)},
        {QStringLiteral("node"), m_settings.nodeId},
    };
    // Still serving (200), in part: a load balancer may prefer other nodes.
    if (const QString reason = m_services.health.degradedReason(); !reason.isEmpty()) {
        body.insert(QStringLiteral("status"), QStringLiteral("degraded"));
        body.insert(QStringLiteral("detail"), reason);
    }
    responder.send(HttpResponse::json(200, body));
}

void PublicApi::metrics(const Request &request, const Responder &responder)
{
    if (!m_settings.metricsPublic && !m_auth.admin(request, responder))
        return;
    const auto counts = m_services.admin.counts();
    if (!counts.ok()) {
        refuse(responder, counts.code);
        return;
    }
    HttpResponse response;
    response.status = 200;
    response.body = m_services.metrics.render(
        counts.value, m_services.socketCount ? m_services.socketCount() : 0);
    response.setHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    responder.send(response);
}

} // namespace roomgate::server::api
