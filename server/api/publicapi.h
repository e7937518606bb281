// SPDX-License-Identifier: MIT
#pragma once

#include "server/api/apisettings.h"
#include "server/http/router.h"

namespace roomgate::server::api {

class Authenticator;

/**
 * The routes of phase 0 (accounts, sessions), phase 1 (rooms, reserve, cancel) and
 * operations (/healthz, /metrics): each reads its request, calls a service and turns the
 * outcome into the contract's answer. Lives on the HTTP server's thread.
 */
class PublicApi
{
public:
    PublicApi(Authenticator &auth, HttpApiServices services, HttpApiSettings settings);

    void addRoutes(http::Router &router);

private:
    using Request = http::HttpRequest;
    using Responder = http::HttpResponder;
    using Params = http::Router::Params;

    void createAccount(const Request &request, const Responder &responder);
    void createSession(const Request &request, const Responder &responder);
    void deleteSession(const Request &request, const Responder &responder);
    void deleteAllSessions(const Request &request, const Responder &responder);
    void listRooms(const Request &request, const Responder &responder);
    void reserve(const Request &request, const Params &params, const Responder &responder);
    void cancel(const Request &request, const Params &params, const Responder &responder);
    void health(const Request &request, const Responder &responder);
    void metrics(const Request &request, const Responder &responder);

    /**
     * `websocketUrl` up to the ticket: `--public-ws-url`, or the host of @p hostHeader (the
     * request's Host). Made only for a reservation that succeeded.
     */
    QString websocketUrlPrefix(const QByteArray &hostHeader) const;

    Authenticator &m_auth;
    HttpApiServices m_services;
    HttpApiSettings m_settings;
};

} // namespace roomgate::server::api
