// SPDX-License-Identifier: MIT
#pragma once

#include "server/admission/ratelimiter.h"
#include "server/api/adminapi.h"
#include "server/api/apisettings.h"
#include "server/api/authenticator.h"
#include "server/api/publicapi.h"
#include "server/http/router.h"

#include <QObject>

namespace roomgate::server {

namespace http {
class HttpServer;
}

/**
 * Protocol v1 over Roomgate's HTTP server: the per-address limit first (after the
 * transport's 413), then the routes of the public and the admin API. Transport only: no
 * admission rule lives here. Lives on the HTTP server's thread.
 */
class HttpApi : public QObject
{
    Q_OBJECT
public:
    HttpApi(http::HttpServer &server, HttpApiServices services, HttpApiSettings settings,
            QObject *parent = nullptr);

private:
    HttpApiSettings m_settings;
    http::Router m_router;
    RateLimiter m_perAddress;
    api::Authenticator m_auth;
    api::PublicApi m_public;
    api::AdminApi m_admin;
};

} // namespace roomgate::server
