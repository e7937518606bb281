// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/ratelimiter.h"
#include "server/http/httprequest.h"
#include "server/http/httpresponder.h"
#include "server/storage/records.h"

#include <optional>

namespace roomgate::server {

class AccountService;

namespace api {

/**
 * Who is calling: the bearer token of a request to its user, then the per-user rate
 * limit, and for admin routes the admin check — each refusal answered in the contract's
 * order (401, 429 per user, 403). Used by the API's route handlers on the HTTP thread.
 */
class Authenticator
{
public:
    Authenticator(AccountService &accounts, RateLimit perUser, const Clock &clock);

    /** The caller, or the refusal already sent (401, 429, 503). */
    std::optional<User> user(const http::HttpRequest &request,
                             const http::HttpResponder &responder);
    /** The caller when an admin; else the refusal already sent (… and 403). */
    std::optional<User> admin(const http::HttpRequest &request,
                              const http::HttpResponder &responder);

    /** The token of `Authorization: Bearer …`, empty when there is none. */
    static QByteArray bearerToken(const http::HttpRequest &request);

private:
    AccountService &m_accounts;
    RateLimiter m_perUser;
};

} // namespace api
} // namespace roomgate::server
