// SPDX-License-Identifier: MIT
#include "server/api/apiresponses.h"

#include "server/api/logging.h"
#include "server/http/correlationid.h"

namespace roomgate::server::api {

http::HttpResponse problemResponse(Problem problem)
{
    switch (problem.code) {
    case ErrorCode::Unavailable:
    case ErrorCode::ServerShutdown:
        if (problem.retryAfterSeconds <= 0)
            problem.retryAfterSeconds = 1;
        break;
    case ErrorCode::Internal:
        if (problem.correlationId.isEmpty()) {
            problem.correlationId = http::newCorrelationId();
            qCWarning(lcApi).noquote() << "internal error, correlation id" << problem.correlationId;
        }
        problem.detail.clear(); // the code's sentence; nothing internal reaches the body
        break;
    default:
        break;
    }
    return http::HttpResponse::problem(problem);
}

void refuse(const http::HttpResponder &responder, ErrorCode code, const QString &detail,
            const QString &room)
{
    Problem problem(code, detail);
    problem.room = room;
    responder.send(problemResponse(problem));
}

void refuseRateLimited(const http::HttpResponder &responder, qint64 waitMs, const QString &detail)
{
    Problem problem(ErrorCode::RateLimited, detail);
    problem.retryAfterSeconds = Problem::secondsRoundedUp(waitMs);
    responder.send(problemResponse(problem));
}

} // namespace roomgate::server::api
