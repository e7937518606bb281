// SPDX-License-Identifier: MIT
#pragma once

#include "server/http/router.h"

namespace roomgate::server {

class AdminService;

namespace api {

class Authenticator;

/**
 * The routes under /api/v1/admin/: admin rights are checked right after authentication,
 * before any validation or lookup; each action goes to the AdminService and its outcome
 * becomes the contract's answer. Lives on the HTTP server's thread.
 */
class AdminApi
{
public:
    AdminApi(Authenticator &auth, AdminService &admin);

    void addRoutes(http::Router &router);

private:
    using Request = http::HttpRequest;
    using Responder = http::HttpResponder;
    using Params = http::Router::Params;

    void createRoom(const Request &request, const Responder &responder);
    void updateRoom(const Request &request, const Params &params, const Responder &responder);
    void deleteRoom(const Request &request, const Params &params, const Responder &responder);
    void reservations(const Request &request, const Responder &responder);
    void revoke(const Request &request, const Params &params, const Responder &responder);
    void members(const Request &request, const Responder &responder);
    void kick(const Request &request, const Params &params, const Responder &responder);
    void ban(const Request &request, const Params &params, const Responder &responder);
    void unban(const Request &request, const Params &params, const Responder &responder);
    void audit(const Request &request, const Responder &responder);
    void nodes(const Request &request, const Responder &responder);

    Authenticator &m_auth;
    AdminService &m_admin;
};

} // namespace api
} // namespace roomgate::server
