// SPDX-License-Identifier: MIT
#include "server/http/router.h"

#include <QVarLengthArray>

#include <algorithm>

namespace roomgate::server::http {

namespace {

using SegmentViews = QVarLengthArray<QByteArrayView, 16>;

/** "/a/b" gives "", "a", "b"; "/a/" gives "", "a", "". */
SegmentViews splitPath(QByteArrayView path)
{
    SegmentViews segments;
    qsizetype start = 0;
    while (true) {
        const qsizetype slash = path.indexOf('/', start);
        if (slash < 0) {
            segments.append(path.sliced(start));
            return segments;
        }
        segments.append(path.sliced(start, slash - start));
        start = slash + 1;
    }
}

} // namespace

void Router::add(QByteArray method, const QByteArray &pattern, Handler handler)
{
    Q_ASSERT_X(pattern.startsWith('/'), "Router::add", "patterns start with '/'");
    Route route{std::move(method), {}, std::move(handler)};
    for (const QByteArrayView segment : splitPath(pattern)) {
        const bool isParam
            = segment.size() >= 2 && segment.startsWith('{') && segment.endsWith('}');
        route.segments.append(Segment{isParam ? QByteArray() : segment.toByteArray(), isParam});
    }
    m_routes.append(std::move(route));
}

void Router::dispatch(const HttpRequest &request, const HttpResponder &responder) const
{
    const SegmentViews path = splitPath(request.path);
    auto matches = [&path](const Route &route) {
        if (route.segments.size() != path.size())
            return false;
        for (qsizetype i = 0; i < path.size(); ++i) {
            const Segment &segment = route.segments[i];
            if (segment.isParam ? path[i].isEmpty() : path[i] != segment.literal)
                return false;
        }
        return true;
    };
    auto call = [&](const Route &route) {
        Params params;
        for (qsizetype i = 0; i < path.size(); ++i) {
            if (route.segments[i].isParam)
                params.append(HttpRequest::percentDecoded(path[i]));
        }
        route.handler(request, params, responder);
    };

    const Route *headFallback = nullptr;
    QList<QByteArray> allowed;
    for (const Route &route : m_routes) {
        if (!matches(route))
            continue;
        if (route.method == request.method) {
            call(route);
            return;
        }
        if (!headFallback && request.method == "HEAD" && route.method == "GET")
            headFallback = &route;
        allowed.append(route.method);
    }
    if (headFallback) {
        call(*headFallback);
        return;
    }
    if (allowed.isEmpty()) {
        responder.send(HttpResponse::problem(roomgate::Problem{ErrorCode::NotFound}));
        return;
    }
    std::sort(allowed.begin(), allowed.end());
    allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
    HttpResponse response = HttpResponse::problem(roomgate::Problem{ErrorCode::MethodNotAllowed});
    response.setHeader(QByteArrayLiteral("Allow"), allowed.join(", "));
    responder.send(std::move(response));
}

} // namespace roomgate::server::http
