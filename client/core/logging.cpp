// SPDX-License-Identifier: MIT
#include "client/core/logging.h"

namespace roomgate::client {

Q_LOGGING_CATEGORY(lcApi, "roomgate.client.api", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSession, "roomgate.client.session", QtInfoMsg)

} // namespace roomgate::client
