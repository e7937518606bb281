// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <optional>

namespace roomgate {

/** Points in time on the wire: ISO-8601 UTC with milliseconds (`2026-11-25T16:05:29.123Z`). */
namespace WireTime {

QString format(qint64 msSinceEpoch);
/** Milliseconds since the epoch of an ISO-8601 time; nullopt when it is not one. */
std::optional<qint64> parse(const QString &text);

} // namespace WireTime
} // namespace roomgate
