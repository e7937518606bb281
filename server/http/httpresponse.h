// SPDX-License-Identifier: MIT
#pragma once

#include "shared/problem.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

#include <utility>

namespace roomgate::server::http {

/**
 * One answer to an HttpRequest. Value type built by handlers on any thread and handed
 * to an HttpResponder; the connection adds Content-Length and Connection itself (any
 * values set here for those two are replaced).
 */
struct HttpResponse
{
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    /** Sets @p name to @p value, replacing any header of that name (case-insensitive). */
    HttpResponse &setHeader(QByteArray name, QByteArray value);
    /** Value of the first header named @p name (case-insensitive), or an empty array. */
    QByteArray header(QByteArrayView name) const;

    /** Compact JSON body, `Content-Type: application/json`. */
    static HttpResponse json(int status, const QJsonObject &object);
    /** 204, no body. */
    static HttpResponse noContent();
    /**
     * `application/problem+json` body of @p problem, status from its code, and a
     * `Retry-After` header when it carries retryAfterSeconds.
     */
    static HttpResponse problem(const roomgate::Problem &problem);

    /** "Not Found" for 404; "Unknown" for codes it does not know. */
    static QByteArray reasonPhrase(int status);
};

} // namespace roomgate::server::http
