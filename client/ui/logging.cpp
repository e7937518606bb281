// SPDX-License-Identifier: MIT
#include "client/ui/logging.h"

namespace roomgate::client::ui {

Q_LOGGING_CATEGORY(lcUi, "roomgate.client.ui", QtInfoMsg)
Q_LOGGING_CATEGORY(lcKeychain, "roomgate.client.keychain", QtInfoMsg)

} // namespace roomgate::client::ui
