// SPDX-License-Identifier: MIT
#include "server/realtime/logging.h"

Q_LOGGING_CATEGORY(lcGateway, "roomgate.server.realtime", QtInfoMsg)
