// SPDX-License-Identifier: MIT
#include "shared/problem.h"

#include <algorithm>

namespace roomgate {

QJsonObject Problem::toProblemJson() const
{
    const ErrorInfo &info = errorInfo(code);
    QJsonObject body{
        {QStringLiteral("type"), problemType(code)},
        {QStringLiteral("title"), QString::fromLatin1(info.title)},
        {QStringLiteral("status"), httpStatus()},
        {QStringLiteral("code"), QString::fromLatin1(info.wireName)},
        {QStringLiteral("detail"), detail.isEmpty() ? QString::fromLatin1(info.sentence) : detail},
        {QStringLiteral("retryable"), info.retryable},
    };
    if (!room.isEmpty())
        body.insert(QStringLiteral("room"), room);
    if (retryAfterSeconds > 0)
        body.insert(QStringLiteral("retryAfterSeconds"), retryAfterSeconds);
    if (!correlationId.isEmpty())
        body.insert(QStringLiteral("correlationId"), correlationId);
    return body;
}

QJsonObject Problem::toErrorFrame() const
{
    const ErrorInfo &info = errorInfo(code);
    QJsonObject frame{
        {QStringLiteral("type"), QStringLiteral("error")},
        {QStringLiteral("code"), QString::fromLatin1(info.wireName)},
        {QStringLiteral("message"), detail.isEmpty() ? QString::fromLatin1(info.sentence) : detail},
        {QStringLiteral("retryable"), info.retryable},
    };
    if (!room.isEmpty())
        frame.insert(QStringLiteral("room"), room);
    if (retryAfterSeconds > 0)
        frame.insert(QStringLiteral("retryAfterSeconds"), retryAfterSeconds);
    return frame;
}

Problem Problem::fromJson(const QJsonObject &object)
{
    Problem p;
    bool known = false;
    p.code = errorCodeFromWireName(object.value(QStringLiteral("code")).toString(), &known);
    if (!known)
        p.code = ErrorCode::Internal;
    p.detail = object.contains(QStringLiteral("detail"))
        ? object.value(QStringLiteral("detail")).toString()
        : object.value(QStringLiteral("message")).toString();
    p.room = object.value(QStringLiteral("room")).toString();
    p.retryAfterSeconds = object.value(QStringLiteral("retryAfterSeconds")).toInt(0);
    p.correlationId = object.value(QStringLiteral("correlationId")).toString();
    return p;
}

int Problem::secondsRoundedUp(qint64 milliseconds)
{
    const qint64 seconds = (milliseconds + 999) / 1000;
    return static_cast<int>(std::clamp<qint64>(seconds, 1, 24LL * 3600));
}

} // namespace roomgate
