// SPDX-License-Identifier: MIT
#include "server/dashboard/logging.h"

Q_LOGGING_CATEGORY(lcDashboard, "roomgate.server.dashboard", QtInfoMsg)
