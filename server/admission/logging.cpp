// SPDX-License-Identifier: MIT
#include "server/admission/logging.h"

Q_LOGGING_CATEGORY(lcAdmission, "roomgate.server.admission", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAccounts, "roomgate.server.accounts", QtInfoMsg)
