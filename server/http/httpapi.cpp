// SPDX-License-Identifier: MIT
#include "server/http/httpapi.h"

#include "server/admission/accountservice.h"
#include "server/admission/admissionservice.h"
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
        refuse(responder, ErrorCode::BadRequest,
               QStringLiteral("expected a JSON object with string fields username and password"));
        return std::nullopt;
    }
    return std::pair{username.toString(), password.toString()};
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

HttpApi::HttpApi(http::HttpServer &server, AccountService &accounts, AdmissionService &admission,
                 Database &db, HttpApiSettings settings, QObject *parent)
    : QObject(parent),
      m_server(server),
      m_accounts(accounts),
      m_admission(admission),
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
        refuse(responder, ErrorCode::BadRequest, QStringLiteral("the body must be a JSON object"));
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
    qint64 wanted = TextRules::kDefaultCapacity;
    if (capacity.isDouble()) {
        const double value = capacity.toDouble();
        // Not a whole number, or out of any sensible range: a broken rule, not a type error.
        wanted = (value == std::floor(value) && std::abs(value) < 1e12) ? static_cast<qint64>(value)
                                                                        : -1;
    }
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

} // namespace roomgate::server
