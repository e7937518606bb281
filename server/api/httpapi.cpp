// SPDX-License-Identifier: MIT
#include "server/api/httpapi.h"

#include "server/api/apiresponses.h"
#include "server/http/httpserver.h"
#include "server/net/addresscounter.h"

namespace roomgate::server {

HttpApi::HttpApi(http::HttpServer &server, HttpApiServices services, HttpApiSettings settings,
                 QObject *parent)
    : QObject(parent),
      m_settings(std::move(settings)),
      m_perAddress(m_settings.perAddress, *m_settings.clock),
      m_auth(services.accounts, m_settings.perUser, *m_settings.clock),
      m_public(m_auth, services, m_settings),
      m_admin(m_auth, services.admin)
{
    m_public.addRoutes(m_router);
    m_admin.addRoutes(m_router);
    server.setHandler([this](const http::HttpRequest &request,
                             const http::HttpResponder &responder) {
        // From here on the request's peer is the client (behind a trusted proxy: the
        // one its X-Forwarded-For names).
        http::HttpRequest fromClient = request;
        fromClient.peerAddress
            = m_settings.clients.resolve(request.peerAddress, request.header("x-forwarded-for"));
        // 413 is the transport's; per-address limits come next, before anything else.
        const RateVerdict rate
            = m_perAddress.take(net::AddressCounter::keyOf(fromClient.peerAddress));
        if (!rate.allowed) {
            api::refuseRateLimited(responder, rate.retryAfterMs,
                                   QStringLiteral("too many requests from this address"));
            return;
        }
        m_router.dispatch(fromClient, responder);
    });
}

} // namespace roomgate::server
