// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

namespace roomgate::client::ui {

Q_DECLARE_LOGGING_CATEGORY(lcUi) ///< roomgate.client.ui: windows, sign-in, room tabs
Q_DECLARE_LOGGING_CATEGORY(lcKeychain) ///< roomgate.client.keychain: where the token is kept

} // namespace roomgate::client::ui
