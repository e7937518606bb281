// SPDX-License-Identifier: MIT
#include "server/http/httpresponse.h"

#include "server/http/httpgrammar.h"
#include "server/http/httplogging.h"

#include <QJsonDocument>

#include <algorithm>

namespace roomgate::server::http {

HttpResponse &HttpResponse::setHeader(QByteArray name, QByteArray value)
{
    auto sameName = [&name](const std::pair<QByteArray, QByteArray> &header) {
        return header.first.compare(name, Qt::CaseInsensitive) == 0;
    };
    const qsizetype first
        = std::find_if(headers.cbegin(), headers.cend(), sameName) - headers.cbegin();
    if (first == headers.size()) {
        headers.emplaceBack(std::move(name), std::move(value));
        return *this;
    }
    headers.erase(std::remove_if(headers.begin() + first + 1, headers.end(), sameName),
                  headers.end());
    headers[first] = {std::move(name), std::move(value)};
    return *this;
}

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (const auto &[headerName, value] : headers) {
        if (headerName.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpResponse HttpResponse::json(int status, const QJsonObject &object)
{
    HttpResponse response;
    response.status = status;
    response.headers.emplaceBack(QByteArrayLiteral("Content-Type"),
                                 QByteArrayLiteral("application/json"));
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse HttpResponse::noContent()
{
    HttpResponse response;
    response.status = 204;
    return response;
}

HttpResponse HttpResponse::problem(const roomgate::Problem &problem)
{
    HttpResponse response;
    response.status = problem.httpStatus();
    response.headers.emplaceBack(QByteArrayLiteral("Content-Type"),
                                 QByteArrayLiteral("application/problem+json"));
    if (problem.retryAfterSeconds > 0)
        response.headers.emplaceBack(QByteArrayLiteral("Retry-After"),
                                     QByteArray::number(problem.retryAfterSeconds));
    response.body = QJsonDocument(problem.toProblemJson()).toJson(QJsonDocument::Compact);
    return response;
}

bool HttpResponse::asksToClose() const
{
    bool close = false;
    for (const auto &[name, value] : headers) {
        if (grammar::equalsIgnoringCase(name, "connection")) {
            grammar::forEachListElement(value, [&close](QByteArrayView token) {
                if (grammar::equalsIgnoringCase(token, "close"))
                    close = true;
            });
        }
    }
    return close;
}

QByteArray HttpResponse::serialize(QByteArrayView requestMethod, ConnectionHeader connection) const
{
    using grammar::equalsIgnoringCase;
    const bool isHead = requestMethod == "HEAD";
    // RFC 9110 §8.6: no Content-Length on 1xx and 204; 304 would have to repeat the
    // representation's length, which we do not know.
    const bool bodyless = status < 200 || status == 204 || status == 304;

    QByteArray out;
    out.reserve(256 + (isHead || bodyless ? 0 : body.size()));
    out.append("HTTP/1.1 ");
    out.append(QByteArray::number(status));
    out.append(' ');
    out.append(reasonPhrase(status));
    out.append("\r\n");
    for (const auto &[name, value] : headers) {
        if (equalsIgnoringCase(name, "content-length")
            || equalsIgnoringCase(name, "transfer-encoding")
            || equalsIgnoringCase(name, "connection"))
            continue;
        const bool unsafeValue
            = value.contains('\r') || value.contains('\n') || value.contains('\0');
        if (!grammar::isToken(name) || unsafeValue) {
            qCWarning(lcHttp) << "dropping unsafe response header" << name;
            continue;
        }
        out.append(name);
        out.append(": ");
        out.append(value);
        out.append("\r\n");
    }
    if (!bodyless) {
        out.append("Content-Length: ");
        out.append(QByteArray::number(body.size()));
        out.append("\r\n");
    }
    switch (connection) {
    case ConnectionHeader::Omitted:
        break;
    case ConnectionHeader::KeepAlive:
        out.append("Connection: keep-alive\r\n");
        break;
    case ConnectionHeader::Close:
        out.append("Connection: close\r\n");
        break;
    }
    out.append("\r\n");
    if (!isHead && !bodyless)
        out.append(body);
    return out;
}

QByteArray HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return QByteArrayLiteral("Continue");
    case 101:
        return QByteArrayLiteral("Switching Protocols");
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 202:
        return QByteArrayLiteral("Accepted");
    case 204:
        return QByteArrayLiteral("No Content");
    case 301:
        return QByteArrayLiteral("Moved Permanently");
    case 302:
        return QByteArrayLiteral("Found");
    case 303:
        return QByteArrayLiteral("See Other");
    case 304:
        return QByteArrayLiteral("Not Modified");
    case 307:
        return QByteArrayLiteral("Temporary Redirect");
    case 308:
        return QByteArrayLiteral("Permanent Redirect");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 406:
        return QByteArrayLiteral("Not Acceptable");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 409:
        return QByteArrayLiteral("Conflict");
    case 410:
        return QByteArrayLiteral("Gone");
    case 411:
        return QByteArrayLiteral("Length Required");
    case 412:
        return QByteArrayLiteral("Precondition Failed");
    case 413:
        return QByteArrayLiteral("Content Too Large");
    case 415:
        return QByteArrayLiteral("Unsupported Media Type");
    case 417:
        return QByteArrayLiteral("Expectation Failed");
    case 422:
        return QByteArrayLiteral("Unprocessable Content");
    case 426:
        return QByteArrayLiteral("Upgrade Required");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 504:
        return QByteArrayLiteral("Gateway Timeout");
    case 505:
        return QByteArrayLiteral("HTTP Version Not Supported");
    default:
        return QByteArrayLiteral("Unknown");
    }
}

} // namespace roomgate::server::http
