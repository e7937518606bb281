// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace roomgate::server::http {

/**
 * `roomgate.server.http`, info and up by default: the HTTP layer's connection and protocol
 * events (debug) and failures, and the v1 API on top of it. Log through this one: a second
 * category object of the same name would carry its own default level.
 */
Q_DECLARE_LOGGING_CATEGORY(lcHttp)

} // namespace roomgate::server::http
