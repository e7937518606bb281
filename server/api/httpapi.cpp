// SPDX-License-Identifier: MIT
#include "server/api/httpapi.h"

#include "server/api/apiresponses.h"
#include "server/http/httpserver.h"

namespace roomgate::server {

HttpApi::HttpApi(http::HttpServer &server, HttpApiServices services, HttpApiSettings settings,
                 QObject *parent)
    : QObject(parent),
      m_settings(std::move(settings)),
      m_perAddress(m_settings.ratePerAddress),
      m_auth(services.accounts, m_settings.ratePerUser),
      m_public(m_auth, services, m_settings),
      m_admin(m_auth, services.admin)
{
    m_public.addRoutes(m_router);
    m_admin.addRoutes(m_router);
    server.setHandler(
        [this](const http::HttpRequest &request, const http::HttpResponder &responder) {
            // 413 is the transport's; per-address limits come next, before anything else.
            qint64 waitMs = 0;
            if (!m_perAddress.tryAcquire(request.peerAddress.toString(), &waitMs)) {
                api::refuseRateLimited(responder, waitMs,
                                       QStringLiteral("too many requests from this address"));
                return;
            }
            m_router.dispatch(request, responder);
        });
}

} // namespace roomgate::server
