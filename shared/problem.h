// SPDX-License-Identifier: MIT
#pragma once

#include "shared/errorcode.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace roomgate {

/**
 * One refusal as both phases carry it: an RFC 9457 problem body over HTTP, an
 * error frame over WebSocket. Value type.
 */
struct Problem
{
    ErrorCode code = ErrorCode::Internal;
    QString detail;
    QString room; ///< the room concerned, when there is one
    int retryAfterSeconds = 0; ///< 0: absent
    QString correlationId; ///< for Internal: the key into the server log
    int statusOverride = 0; ///< HTTP status when the transport answers another (408)

    Problem() = default;
    Problem(ErrorCode c, QString d = {}) : code(c), detail(std::move(d)) { }

    int httpStatus() const { return statusOverride ? statusOverride : errorInfo(code).httpStatus; }
    bool retryable() const { return errorInfo(code).retryable; }

    /** `application/problem+json` body. */
    QJsonObject toProblemJson() const;
    /** `{"type":"error","code",…}` WebSocket frame. */
    QJsonObject toErrorFrame() const;

    /** Reads either form; code Internal when the body is not one of ours. */
    static Problem fromJson(const QJsonObject &object);

    /** Whole seconds, rounded up, at least 1. */
    static int secondsRoundedUp(qint64 milliseconds);
};

} // namespace roomgate
