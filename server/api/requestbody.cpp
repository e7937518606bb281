// SPDX-License-Identifier: MIT
#include "server/api/requestbody.h"

#include "server/api/apiresponses.h"

#include <QJsonDocument>
#include <QStringDecoder>

#include <cmath>

namespace roomgate::server::api::RequestBody {

bool hasJsonContentType(const http::HttpRequest &request)
{
    const QByteArray type = request.header("content-type").split(';').first().trimmed().toLower();
    return type.isEmpty() || type == "application/json" || type.endsWith("+json");
}

std::optional<QJsonObject> jsonObject(const http::HttpRequest &request, bool emptyIsObject)
{
    if (!hasJsonContentType(request))
        return std::nullopt;
    if (request.body.trimmed().isEmpty())
        return emptyIsObject ? std::optional<QJsonObject>(QJsonObject()) : std::nullopt;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

void refuse(const http::HttpRequest &request, const http::HttpResponder &responder,
            const QString &expected)
{
    api::refuse(
        responder, ErrorCode::BadRequest,
        hasJsonContentType(request)
            ? QStringLiteral("expected ") + expected
            : QStringLiteral("send the body as JSON with Content-Type: application/json; expected ")
                + expected);
}

std::optional<QString> strictUtf8(const QByteArray &bytes)
{
    // ConvertInitialBom: a leading U+FEFF is part of the text (by default Qt drops it, and
    // "%EF%BB%BFlobby" would then name the room "lobby").
    QStringDecoder decoder(QStringDecoder::Utf8,
                           QStringDecoder::Flag::Stateless
                               | QStringDecoder::Flag::ConvertInitialBom);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

QString textParam(const http::Router::Params &params, int index)
{
    return strictUtf8(params.value(index)).value_or(QString());
}

std::optional<std::pair<QString, QString>> credentials(const http::HttpRequest &request,
                                                       const http::HttpResponder &responder)
{
    const auto body = jsonObject(request, false);
    const QJsonValue username = body ? body->value(QStringLiteral("username")) : QJsonValue();
    const QJsonValue password = body ? body->value(QStringLiteral("password")) : QJsonValue();
    if (!body || !username.isString() || !password.isString()) {
        refuse(request, responder,
               QStringLiteral("a JSON object with string fields username and password"));
        return std::nullopt;
    }
    return std::pair{username.toString(), password.toString()};
}

qint64 wholeNumber(const QJsonValue &value, qint64 fallback)
{
    if (!value.isDouble())
        return fallback;
    const double v = value.toDouble();
    return v == std::floor(v) && std::abs(v) < 1e12 ? static_cast<qint64>(v) : -1;
}

} // namespace roomgate::server::api::RequestBody
