// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace roomgate::server::http {

/** `roomgate.server.http`: connection and protocol events of the HTTP layer. */
Q_DECLARE_LOGGING_CATEGORY(lcHttp)

} // namespace roomgate::server::http
