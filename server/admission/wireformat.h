// SPDX-License-Identifier: MIT
#pragma once

#include "server/storage/records.h"

#include <QJsonObject>

namespace roomgate::server {

/** The JSON shapes of protocol v1 that both the HTTP API and the gateway send. */
namespace WireFormat {

/** ISO-8601 UTC with milliseconds, e.g. 2026-11-25T16:05:29.123Z. */
QString isoTime(qint64 msSinceEpoch);
QJsonObject room(const Room &room);
QJsonObject message(const ChatMessage &message);

} // namespace WireFormat
} // namespace roomgate::server
