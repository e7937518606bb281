// SPDX-License-Identifier: MIT
#pragma once

#include "server/http/httprequest.h"
#include "server/http/httpresponder.h"
#include "server/http/router.h"

#include <QJsonObject>

#include <optional>

namespace roomgate::server::api {

/**
 * Reading what a request carries: its JSON body, its path parameters, the fields the
 * contract types strictly. A body that is not what a route expects is answered
 * BAD_REQUEST here, naming the likely cause.
 */
namespace RequestBody {

/** application/json (and +json types), or no content type at all. */
bool hasJsonContentType(const http::HttpRequest &request);

/** The body as a JSON object; an empty body counts as {} when @p emptyIsObject. */
std::optional<QJsonObject> jsonObject(const http::HttpRequest &request, bool emptyIsObject);

/** BAD_REQUEST for a body that is not what @p expected describes. */
void refuse(const http::HttpRequest &request, const http::HttpResponder &responder,
            const QString &expected);

/** Valid UTF-8 only (a path that does not decode is refused, never "repaired"). */
std::optional<QString> strictUtf8(const QByteArray &bytes);

/** The decoded text of path parameter @p index; a null string when it is not UTF-8. */
QString textParam(const http::Router::Params &params, int index);

/** The username and password of a phase 0 body, or the BAD_REQUEST already sent. */
std::optional<std::pair<QString, QString>> credentials(const http::HttpRequest &request,
                                                       const http::HttpResponder &responder);

/** A JSON number as a whole number; @p fallback when absent, -1 when not whole. */
qint64 wholeNumber(const QJsonValue &value, qint64 fallback);

} // namespace RequestBody
} // namespace roomgate::server::api
