// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace roomgate::client {

Q_DECLARE_LOGGING_CATEGORY(lcApi) ///< roomgate.client.api: HTTP calls and their outcomes
Q_DECLARE_LOGGING_CATEGORY(lcSession) ///< roomgate.client.session: room entry, chat, reconnects

} // namespace roomgate::client
