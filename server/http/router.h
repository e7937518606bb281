// SPDX-License-Identifier: MIT
#pragma once

#include "server/http/httprequest.h"
#include "server/http/httpresponder.h"

#include <QByteArray>
#include <QList>

#include <functional>

namespace roomgate::server::http {

/**
 * Maps a method and a path pattern to a handler, e.g. `POST /api/v1/rooms/{name}/entries`.
 * Literal segments are compared exactly with the raw (percent-encoded) path; `{x}` matches
 * exactly one non-empty segment and is handed over percent-decoded. The first route added
 * that matches wins. Unknown paths get a 404 NOT_FOUND problem, known paths with another
 * method a 405 METHOD_NOT_ALLOWED with `Allow`; HEAD falls back to the GET route.
 *
 * Owned by whoever wires the server; filled before serving, then only read, on the
 * server's thread.
 */
class Router
{
public:
    /// Percent-decoded bytes of each `{param}` segment, in pattern order (UTF-8 validity
    /// is the caller's business).
    using Params = QList<QByteArray>;
    using Handler = std::function<void(const HttpRequest &, const Params &, const HttpResponder &)>;

    void add(QByteArray method, const QByteArray &pattern, Handler handler);
    void dispatch(const HttpRequest &request, const HttpResponder &responder) const;

private:
    struct Segment
    {
        QByteArray literal;
        bool isParam = false;
    };
    struct Route
    {
        QByteArray method;
        QList<Segment> segments;
        Handler handler;
    };

    QList<Route> m_routes;
};

} // namespace roomgate::server::http
