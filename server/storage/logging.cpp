// SPDX-License-Identifier: MIT
#include "server/storage/logging.h"

Q_LOGGING_CATEGORY(lcStorage, "roomgate.server.storage", QtInfoMsg)
