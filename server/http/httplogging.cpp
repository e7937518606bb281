// SPDX-License-Identifier: MIT
#include "server/http/httplogging.h"

namespace roomgate::server::http {

Q_LOGGING_CATEGORY(lcHttp, "roomgate.server.http", QtInfoMsg)

} // namespace roomgate::server::http
