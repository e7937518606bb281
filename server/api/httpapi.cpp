// SPDX-License-Identifier: MIT
#include "server/http/httpapi.h"

#include "server/admission/accountservice.h"
#include "server/admission/adminservice.h"
#include "server/admission/admissionservice.h"
#include "server/admission/metrics.h"
#include "server/admission/wireformat.h"
#include "server/http/httpserver.h"
#include "server/storage/database.h"
#include "server/storage/secrets.h"
#include "shared/problem.h"
#include "shared/textrules.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QRegularExpression>
#include <QStringDecoder>

#include <cmath>

Q_LOGGING_CATEGORY(lcHttp, "roomgate.server.http", QtInfoMsg)

namespace roomgate::server {

using http::HttpRequest;
using http::HttpResponder;
using http::HttpResponse;

namespace {

/** The one place a refusal becomes an HTTP answer. */
HttpResponse problemResponse(Problem problem)
{
    switch (problem.code) {
    case ErrorCode::Unavailable:
    case ErrorCode::ServerShutdown:
        if (problem.retryAfterSeconds <= 0)
            problem.retryAfterSeconds = 1;
        break;
    case ErrorCode::Internal:
        if (problem.correlationId.isEmpty()) {
            problem.correlationId = Secrets::newPublicId();
            qCWarning(lcHttp).noquote()
                << "internal error, correlation id" << problem.correlationId;
        }
        problem.detail = QStringLiteral("An unexpected error happened; quote the correlationId "
                                        "when reporting it.");
        break;
    default:
        break;
    }
    return HttpResponse::problem(problem);
}

void refuse(const HttpResponder &responder, ErrorCode code, const QString &detail = {},
            const QString &room = {})
{
    Problem problem(code, detail);
    problem.room = room;
    responder.send(problemResponse(problem));
}

/** Accepts application/json (and +json types), or no content type at all. */
bool hasJsonContentType(const HttpRequest &request)
{
    const QByteArray type = request.header("content-type").split(';').first().trimmed().toLower();
    return type.isEmpty() || type == "application/json" || type.endsWith("+json");
}

/** The body as a JSON object; an empty body counts as {} when @p emptyIsObject. */
std::optional<QJsonObject> jsonBody(const HttpRequest &request, bool emptyIsObject)
{
    if (!hasJsonContentType(request))
        return std::nullopt;
    if (request.body.trimmed().isEmpty())
        return emptyIsObject ? std::optional<QJsonObject>(QJsonObject()) : std::nullopt;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

/** BAD_REQUEST for a body that is not what @p expected describes, naming the likely cause. */
void refuseBody(const HttpRequest &request, const HttpResponder &responder, const QString &expected)
{
    refuse(
        responder, ErrorCode::BadRequest,
        hasJsonContentType(request)
            ? QStringLiteral("expected ") + expected
            : QStringLiteral("send the body as JSON with Content-Type: application/json; expected ")
                + expected);
}

/** Valid UTF-8 only (a path that does not decode is refused, never "repaired"). */
std::optional<QString> strictUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

/** The username and password of a phase 0 body, or the BAD_REQUEST already sent. */
std::optional<std::pair<QString, QString>> credentialsOf(const HttpRequest &request,
                                                         const HttpResponder &responder)
{
    const auto body = jsonBody(request, false);
    const QJsonValue username = body ? body->value(QStringLiteral("username")) : QJsonValue();
    const QJsonValue password = body ? body->value(QStringLiteral("password")) : QJsonValue();
    if (!body || !username.isString() || !password.isString()) {
        refuseBody(request, responder,
                   QStringLiteral("a JSON object with string fields username and password"));
        return std::nullopt;
    }
    return std::pair{username.toString(), password.toString()};
}

/** A JSON number as a whole number; -1 when it is not one (a broken rule, not a type error). */
qint64 wholeNumber(const QJsonValue &value, qint64 fallback)
{
    if (!value.isDouble())
        return fallback;
    const double v = value.toDouble();
    return v == std::floor(v) && std::abs(v) < 1e12 ? static_cast<qint64>(v) : -1;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

HttpApi::HttpApi(http::HttpServer &server, AccountService &accounts, AdmissionService &admission,
                 AdminService &admin, Metrics &metrics, Database &db, HttpApiSettings settings,
                 QObject *parent)
    : QObject(parent),
      m_server(server),
      m_accounts(accounts),
      m_admission(admission),
      m_adminService(admin),
      m_metrics(metrics),
      m_db(db),
      m_settings(std::move(settings)),
      m_perAddress(m_settings.ratePerAddress),
      m_perUser(m_settings.ratePerUser)
{
    addRoutes();
    m_server.setHandler([this](const HttpRequest &request, const HttpResponder &responder) {
        // 413 is the transport's; per-address limits come next, before anything else.
        qint64 waitMs = 0;
        if (!m_perAddress.tryAcquire(request.peerAddress.toString(), &waitMs)) {
            Problem problem(ErrorCode::RateLimited,
                            QStringLiteral("too many requests from this address"));
            problem.retryAfterSeconds = Problem::secondsRoundedUp(waitMs);
            responder.send(problemResponse(problem));
            return;
        }
        m_router.dispatch(request, responder);
    });
}

void HttpApi::addRoutes()
{
    auto plain = [this](void (HttpApi::*handler)(const HttpRequest &, const HttpResponder &)) {
        return [this, handler](const HttpRequest &r, const Params &, const HttpResponder &s) {
            (this->*handler)(r, s);
        };
    };
    auto withParams = [this](void (HttpApi::*handler)(const HttpRequest &, const Params &,
                                                      const HttpResponder &)) {
        return [this, handler](const HttpRequest &r, const Params &p, const HttpResponder &s) {
            (this->*handler)(r, p, s);
        };
    };
    m_router.add("POST", "/api/v1/accounts", plain(&HttpApi::createAccount));
    m_router.add("POST", "/api/v1/sessions", plain(&HttpApi::createSession));
    m_router.add("DELETE", "/api/v1/sessions/current", plain(&HttpApi::deleteSession));
    m_router.add("GET", "/api/v1/rooms", plain(&HttpApi::listRooms));
    m_router.add("POST", "/api/v1/rooms/{name}/entries", withParams(&HttpApi::reserve));
    m_router.add("DELETE", "/api/v1/entries/{ticket}", withParams(&HttpApi::cancel));
    m_router.add("GET", "/healthz", plain(&HttpApi::health));
    m_router.add("GET", "/metrics", plain(&HttpApi::metrics));
    m_router.add("POST", "/api/v1/admin/rooms", plain(&HttpApi::adminCreateRoom));
    m_router.add("PATCH", "/api/v1/admin/rooms/{name}", withParams(&HttpApi::adminUpdateRoom));
    m_router.add("DELETE", "/api/v1/admin/rooms/{name}", withParams(&HttpApi::adminDeleteRoom));
    m_router.add("GET", "/api/v1/admin/reservations", plain(&HttpApi::adminReservations));
    m_router.add("DELETE", "/api/v1/admin/reservations/{id}", withParams(&HttpApi::adminRevoke));
    m_router.add("GET", "/api/v1/admin/members", plain(&HttpApi::adminMembers));
    m_router.add("DELETE", "/api/v1/admin/rooms/{name}/members/{user}",
                 withParams(&HttpApi::adminKick));
    m_router.add("PUT", "/api/v1/admin/rooms/{name}/bans/{user}", withParams(&HttpApi::adminBan));
    m_router.add("DELETE", "/api/v1/admin/rooms/{name}/bans/{user}",
                 withParams(&HttpApi::adminUnban));
    m_router.add("GET", "/api/v1/admin/audit", plain(&HttpApi::adminAudit));
}

std::optional<User> HttpApi::authenticate(const HttpRequest &request,
                                          const HttpResponder &responder)
{
    const QByteArray header = request.header("authorization");
    QByteArray token;
    if (header.size() > 7 && header.left(7).toLower() == "bearer ")
        token = header.mid(7).trimmed();
    if (token.isEmpty()) {
        refuse(responder, ErrorCode::Unauthenticated, QStringLiteral("a bearer token is required"));
        return std::nullopt;
    }
    const auto user = m_accounts.authenticate(token);
    if (!user.ok()) {
        refuse(responder, user.code,
               user.code == ErrorCode::Unauthenticated
                   ? QStringLiteral("the session is unknown or has expired; sign in again")
                   : QString());
        return std::nullopt;
    }
    qint64 waitMs = 0;
    if (!m_perUser.tryAcquire(QString::number(user.value.id), &waitMs)) {
        Problem problem(ErrorCode::RateLimited, QStringLiteral("too many requests from this user"));
        problem.retryAfterSeconds = Problem::secondsRoundedUp(waitMs);
        responder.send(problemResponse(problem));
        return std::nullopt;
    }
    return user.value;
}

void HttpApi::createAccount(const HttpRequest &request, const HttpResponder &responder)
{
    const auto credentials = credentialsOf(request, responder);
    if (!credentials)
        return;
    const auto &[username, password] = *credentials;
    m_accounts.signUp(username, password, [responder](Outcome<User> user) {
        if (!user.ok()) {
            refuse(responder, user.code);
            return;
        }
        responder.send(HttpResponse::json(201, {{QStringLiteral("username"), user.value.name}}));
    });
}

void HttpApi::createSession(const HttpRequest &request, const HttpResponder &responder)
{
    const auto credentials = credentialsOf(request, responder);
    if (!credentials)
        return;
    const auto &[username, password] = *credentials;
    m_accounts.signIn(username, password, [responder](Outcome<SessionGrant> grant) {
        if (!grant.ok()) {
            refuse(responder, grant.code);
            return;
        }
        responder.send(HttpResponse::json(
            201,
            {
                {QStringLiteral("token"), QString::fromLatin1(grant.value.token)},
                {QStringLiteral("username"), grant.value.user.name},
                {QStringLiteral("expiresAt"), WireFormat::isoTime(grant.value.expiresAt)},
                {QStringLiteral("admin"), grant.value.user.admin},
            }));
    });
}

void HttpApi::deleteSession(const HttpRequest &request, const HttpResponder &responder)
{
    if (!authenticate(request, responder))
        return;
    const QByteArray token = request.header("authorization").mid(7).trimmed();
    const ErrorCode code = m_accounts.signOut(token);
    if (code != ErrorCode::Ok) {
        refuse(responder, code);
        return;
    }
    responder.send(HttpResponse::noContent());
}

void HttpApi::listRooms(const HttpRequest &request, const HttpResponder &responder)
{
    if (!authenticate(request, responder))
        return;
    const auto rooms = m_admission.rooms();
    if (!rooms.ok()) {
        refuse(responder, rooms.code);
        return;
    }
    QJsonArray list;
    for (const Room &room : rooms.value)
        list.append(WireFormat::room(room));
    responder.send(HttpResponse::json(200, {{QStringLiteral("rooms"), list}}));
}

QString HttpApi::websocketUrl(const HttpRequest &request, const QByteArray &ticket) const
{
    const QString query = QStringLiteral("?ticket=") + QString::fromLatin1(ticket);
    if (!m_settings.publicWsUrl.isEmpty())
        return m_settings.publicWsUrl + query;
    QString host = QString::fromLatin1(request.header("host"));
    if (host.startsWith(QLatin1Char('['))) {
        host = host.left(host.indexOf(QLatin1Char(']')) + 1); // [v6]:port → [v6]
    } else if (host.contains(QLatin1Char(':'))) {
        host = host.left(host.indexOf(QLatin1Char(':')));
    }
    // Only a plain host name or address goes into the URL we hand out.
    static const QRegularExpression safe(QStringLiteral("^(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]+)$"));
    if (host.isEmpty() || !safe.match(host).hasMatch())
        host = QStringLiteral("127.0.0.1");
    return QStringLiteral("ws://%1:%2/ws").arg(host).arg(m_settings.wsPort) + query;
}

void HttpApi::reserve(const HttpRequest &request, const Params &params,
                      const HttpResponder &responder)
{
    const auto user = authenticate(request, responder);
    if (!user)
        return;
    const auto body = jsonBody(request, true);
    if (!body) {
        refuseBody(request, responder, QStringLiteral("a JSON object (or no body)"));
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
    const auto name = strictUtf8(params.value(0));
    if (!name) {
        refuse(responder, ErrorCode::InvalidRoomName,
               QStringLiteral("the room name is not valid UTF-8"));
        return;
    }
    const qint64 wanted = wholeNumber(capacity, TextRules::kDefaultCapacity);
    const auto outcome = m_admission.reserve(*user, *name, create.toBool(false), wanted);
    if (!outcome.ok()) {
        Problem problem(outcome.code);
        problem.room = outcome.value.result.room.name.isEmpty()
            ? TextRules::normalizedRoomName(*name)
            : outcome.value.result.room.name;
        if (outcome.code == ErrorCode::RoomFull && outcome.value.result.retryAfterMs > 0)
            problem.retryAfterSeconds
                = Problem::secondsRoundedUp(outcome.value.result.retryAfterMs);
        responder.send(problemResponse(problem));
        return;
    }
    const ReserveResult &r = outcome.value.result;
    const qint64 remaining = qMax<qint64>(0, r.reservation.expiresAt - nowMs());
    responder.send(HttpResponse::json(
        r.repeated ? 200 : 201,
        {
            {QStringLiteral("ticket"), QString::fromLatin1(outcome.value.ticket)},
            {QStringLiteral("expiresAt"), WireFormat::isoTime(r.reservation.expiresAt)},
            {QStringLiteral("ttlSeconds"), Problem::secondsRoundedUp(remaining)},
            {QStringLiteral("websocketUrl"), websocketUrl(request, outcome.value.ticket)},
            {QStringLiteral("room"), WireFormat::room(r.room)},
        }));
}

void HttpApi::cancel(const HttpRequest &request, const Params &params,
                     const HttpResponder &responder)
{
    const auto user = authenticate(request, responder);
    if (!user)
        return;
    const ErrorCode code = m_admission.cancel(*user, params.value(0));
    if (code != ErrorCode::Ok) {
        refuse(responder, code);
        return;
    }
    responder.send(HttpResponse::noContent());
}

void HttpApi::health(const HttpRequest &, const HttpResponder &responder)
{
    if (!m_db.ping()) {
        refuse(responder, ErrorCode::Unavailable, QStringLiteral("storage is unreachable"));
        return;
    }
    responder.send(
        HttpResponse::json(200,
                           {
                               {QStringLiteral("status"), QStringLiteral("ok")},
                               {QStringLiteral("version"), QStringLiteral(ROOMGATE_VERSION)},
                               {QStringLiteral("node"), m_settings.nodeId},
                           }));
}

namespace {

QJsonObject reservationJson(const Reservation &r)
{
    return {
        {QStringLiteral("id"), r.id},
        {QStringLiteral("user"), r.userName},
        {QStringLiteral("room"), r.roomName},
        {QStringLiteral("node"), r.nodeId},
        {QStringLiteral("createdAt"), WireFormat::isoTime(r.createdAt)},
        {QStringLiteral("expiresAt"), WireFormat::isoTime(r.expiresAt)},
    };
}

QJsonObject memberJson(const Membership &m)
{
    return {
        {QStringLiteral("user"), m.userName},
        {QStringLiteral("room"), m.roomName},
        {QStringLiteral("node"), m.nodeId},
        {QStringLiteral("address"), m.address},
        {QStringLiteral("since"), WireFormat::isoTime(m.since)},
    };
}

/** The decoded text of a path parameter; a null string when it is not UTF-8. */
QString textParam(const http::Router::Params &params, int index)
{
    return strictUtf8(params.value(index)).value_or(QString());
}

} // namespace

std::optional<User> HttpApi::requireAdmin(const HttpRequest &request,
                                          const HttpResponder &responder)
{
    auto user = authenticate(request, responder);
    if (!user)
        return std::nullopt;
    // Checked before any validation or lookup: a non-admin learns nothing here.
    if (!user->admin) {
        refuse(responder, ErrorCode::Forbidden, QStringLiteral("this needs an admin session"));
        return std::nullopt;
    }
    return user;
}

void HttpApi::metrics(const HttpRequest &request, const HttpResponder &responder)
{
    if (!m_settings.metricsPublic && !requireAdmin(request, responder))
        return;
    const auto counts = m_adminService.counts();
    if (!counts.ok()) {
        refuse(responder, counts.code);
        return;
    }
    HttpResponse response;
    response.status = 200;
    response.body = m_metrics.render(counts.value, m_sockets ? m_sockets() : 0);
    response.setHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    responder.send(response);
}

void HttpApi::adminCreateRoom(const HttpRequest &request, const HttpResponder &responder)
{
    const auto admin = requireAdmin(request, responder);
    if (!admin)
        return;
    const auto body = jsonBody(request, false);
    const QJsonValue name = body ? body->value(QStringLiteral("name")) : QJsonValue();
    const QJsonValue capacity = body ? body->value(QStringLiteral("capacity")) : QJsonValue();
    if (!body || !name.isString() || (!capacity.isUndefined() && !capacity.isDouble())) {
        refuseBody(request, responder, QStringLiteral("{\"name\": string, \"capacity\": number}"));
        return;
    }
    const auto room = m_adminService.createRoom(admin->name, name.toString(),
                                                wholeNumber(capacity, TextRules::kDefaultCapacity));
    if (!room.ok()) {
        refuse(responder, room.code, {}, TextRules::normalizedRoomName(name.toString()));
        return;
    }
    responder.send(HttpResponse::json(201, WireFormat::room(room.value)));
}

void HttpApi::adminUpdateRoom(const HttpRequest &request, const Params &params,
                              const HttpResponder &responder)
{
    const auto admin = requireAdmin(request, responder);
    if (!admin)
        return;
    const auto body = jsonBody(request, false);
    const QJsonValue capacity = body ? body->value(QStringLiteral("capacity")) : QJsonValue();
    const QJsonValue state = body ? body->value(QStringLiteral("state")) : QJsonValue();
    if (!body || (!capacity.isUndefined() && !capacity.isDouble())
        || (!state.isUndefined() && !state.isString())
        || (capacity.isUndefined() && state.isUndefined())) {
        refuseBody(request, responder,
                   QStringLiteral("{\"capacity\"?: number, \"state\"?: \"open\"|\"closed\"}"));
        return;
    }
    std::optional<qint64> newCapacity;
    if (capacity.isDouble())
        newCapacity = wholeNumber(capacity, -1);
    std::optional<QString> newState;
    if (state.isString())
        newState = state.toString();
    const QString name = textParam(params, 0);
    const auto room = m_adminService.updateRoom(admin->name, name, newCapacity, newState);
    if (!room.ok()) {
        refuse(responder, room.code,
               room.code == ErrorCode::BadRequest
                   ? QStringLiteral("state must be \"open\" or \"closed\"")
                   : QString(),
               name);
        return;
    }
    responder.send(HttpResponse::json(200, WireFormat::room(room.value)));
}

void HttpApi::adminDeleteRoom(const HttpRequest &request, const Params &params,
                              const HttpResponder &responder)
{
    const auto admin = requireAdmin(request, responder);
    if (!admin)
        return;
    const ErrorCode code = m_adminService.deleteRoom(admin->name, textParam(params, 0));
    if (code != ErrorCode::Ok) {
        refuse(responder, code);
        return;
    }
    responder.send(HttpResponse::noContent());
}

void HttpApi::adminReservations(const HttpRequest &request, const HttpResponder &responder)
{
    if (!requireAdmin(request, responder))
        return;
    const auto list = m_adminService.reservations(request.queryItem(QStringLiteral("room")));
    if (!list.ok()) {
        refuse(responder, list.code);
        return;
    }
    QJsonArray out;
    for (const Reservation &r : list.value)
        out.append(reservationJson(r));
    responder.send(HttpResponse::json(200, {{QStringLiteral("reservations"), out}}));
}

void HttpApi::adminRevoke(const HttpRequest &request, const Params &params,
                          const HttpResponder &responder)
{
    const auto admin = requireAdmin(request, responder);
    if (!admin)
        return;
    const ErrorCode code = m_adminService.revokeReservation(admin->name, textParam(params, 0));
    if (code != ErrorCode::Ok) {
        refuse(responder, code);
        return;
    }
    responder.send(HttpResponse::noContent());
}

void HttpApi::adminMembers(const HttpRequest &request, const HttpResponder &responder)
{
    if (!requireAdmin(request, responder))
        return;
    const auto list = m_adminService.members(request.queryItem(QStringLiteral("room")));
    if (!list.ok()) {
        refuse(responder, list.code);
        return;
    }
    QJsonArray out;
    for (const Membership &m : list.value)
        out.append(memberJson(m));
    responder.send(HttpResponse::json(200, {{QStringLiteral("members"), out}}));
}

void HttpApi::adminKick(const HttpRequest &request, const Params &params,
                        const HttpResponder &responder)
{
    const auto admin = requireAdmin(request, responder);
    if (!admin)
        return;
    const ErrorCode code
        = m_adminService.kick(admin->name, textParam(params, 0), textParam(params, 1));
    if (code != ErrorCode::Ok) {
        refuse(responder, code);
        return;
    }
    responder.send(HttpResponse::noContent());
}

void HttpApi::adminBan(const HttpRequest &request, const Params &params,
                       const HttpResponder &responder)
{
    const auto admin = requireAdmin(request, responder);
    if (!admin)
        return;
    const ErrorCode code
        = m_adminService.ban(admin->name, textParam(params, 0), textParam(params, 1));
    if (code != ErrorCode::Ok) {
        refuse(responder, code);
        return;
    }
    responder.send(HttpResponse::noContent());
}

void HttpApi::adminUnban(const HttpRequest &request, const Params &params,
                         const HttpResponder &responder)
{
    const auto admin = requireAdmin(request, responder);
    if (!admin)
        return;
    const ErrorCode code
        = m_adminService.unban(admin->name, textParam(params, 0), textParam(params, 1));
    if (code != ErrorCode::Ok) {
        refuse(responder, code);
        return;
    }
    responder.send(HttpResponse::noContent());
}

void HttpApi::adminAudit(const HttpRequest &request, const HttpResponder &responder)
{
    if (!requireAdmin(request, responder))
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
    const auto entries = m_adminService.audit(limit);
    if (!entries.ok()) {
        refuse(responder, entries.code);
        return;
    }
    QJsonArray out;
    for (const AuditEntry &e : entries.value) {
        out.append(QJsonObject{
            {QStringLiteral("at"), WireFormat::isoTime(e.at)},
            {QStringLiteral("admin"), e.admin},
            {QStringLiteral("action"), e.action},
            {QStringLiteral("target"), e.target},
            {QStringLiteral("detail"), e.detail},
        });
    }
    responder.send(HttpResponse::json(200, {{QStringLiteral("entries"), out}}));
}

} // namespace roomgate::server
