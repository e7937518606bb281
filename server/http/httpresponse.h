// SPDX-License-Identifier: MIT
#pragma once

#include "shared/problem.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QList>

#include <utility>

namespace roomgate::server::http {

/**
 * One answer to an HttpRequest. Value type built by handlers on any thread and handed
 * to an HttpResponder; serialize() adds Content-Length and Connection itself (any values
 * set here for those two are replaced).
 */
struct HttpResponse
{
    /// What a serialized response says about its connection.
    enum class ConnectionHeader {
        Omitted, ///< HTTP/1.1's default: the connection stays open
        KeepAlive, ///< `Connection: keep-alive`, for an HTTP/1.0 client that asked for it
        Close, ///< `Connection: close`: the server closes after this response
    };

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

    /** True when a `Connection` header of this response lists `close`. */
    bool asksToClose() const;

    /**
     * The bytes sent on the wire: the status line; the headers but Content-Length,
     * Transfer-Encoding, Connection and unsafe ones (name not a token; CR, LF or NUL in the
     * value), which are dropped with a warning; `Content-Length` unless the status has no
     * body (1xx, 204, 304); @p connection; then the body, unless there is none or
     * @p requestMethod is HEAD.
     */
    QByteArray serialize(QByteArrayView requestMethod, ConnectionHeader connection) const;

    /** "Not Found" for 404; "Unknown" for codes it does not know. */
    static QByteArray reasonPhrase(int status);
};

} // namespace roomgate::server::http
