// SPDX-License-Identifier: MIT
#include "server/api/logging.h"

namespace roomgate::server::api {

Q_LOGGING_CATEGORY(lcApi, "roomgate.server.api", QtInfoMsg)

} // namespace roomgate::server::api
