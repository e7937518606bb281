// SPDX-License-Identifier: MIT
#pragma once

#include "server/http/httpresponder.h"
#include "server/http/httpresponse.h"
#include "shared/problem.h"

namespace roomgate::server::api {

/**
 * The one place a refusal becomes an HTTP answer: problem+json with the code's status,
 * `Retry-After` for UNAVAILABLE, and for INTERNAL a correlation id (logged) and nothing
 * internal in the body.
 */
http::HttpResponse problemResponse(Problem problem);

/** Answers @p code (with @p detail and @p room when given) through problemResponse(). */
void refuse(const http::HttpResponder &responder, ErrorCode code, const QString &detail = {},
            const QString &room = {});

/** Answers RATE_LIMITED with the wait in `Retry-After` and `retryAfterSeconds`. */
void refuseRateLimited(const http::HttpResponder &responder, qint64 waitMs, const QString &detail);

} // namespace roomgate::server::api
