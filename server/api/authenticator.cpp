// SPDX-License-Identifier: MIT
#include "server/api/authenticator.h"

#include "server/admission/accountservice.h"
#include "server/api/apiresponses.h"

namespace roomgate::server::api {

Authenticator::Authenticator(AccountService &accounts, RateLimit perUser, const Clock &clock)
    : m_accounts(accounts), m_perUser(perUser, clock)
{ }

QByteArray Authenticator::bearerToken(const http::HttpRequest &request)
{
    const QByteArray header = request.header("authorization");
    if (header.size() > 7 && header.left(7).toLower() == "bearer ")
        return header.mid(7).trimmed();
    return {};
}

std::optional<User> Authenticator::user(const http::HttpRequest &request,
                                        const http::HttpResponder &responder)
{
    const QByteArray token = bearerToken(request);
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
    if (const RateVerdict rate = m_perUser.take(QString::number(user.value.id)); !rate.allowed) {
        refuseRateLimited(responder, rate.retryAfterMs,
                          QStringLiteral("too many requests from this user"));
        return std::nullopt;
    }
    return user.value;
}

std::optional<User> Authenticator::admin(const http::HttpRequest &request,
                                         const http::HttpResponder &responder)
{
    auto caller = user(request, responder);
    if (!caller)
        return std::nullopt;
    // Checked before any validation or lookup: a non-admin learns nothing here.
    if (!caller->admin) {
        refuse(responder, ErrorCode::Forbidden, QStringLiteral("this needs an admin session"));
        return std::nullopt;
    }
    return caller;
}

} // namespace roomgate::server::api
