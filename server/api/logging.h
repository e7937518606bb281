// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace roomgate::server::api {

/** `roomgate.server.api`: decisions of the HTTP API that are worth a line (500s). */
Q_DECLARE_LOGGING_CATEGORY(lcApi)

} // namespace roomgate::server::api
