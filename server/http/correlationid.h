// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace roomgate::server::http {

/**
 * A new random id for an `INTERNAL` answer: 128 bits from the system's random source as
 * 32 lower-case hex digits. The same id goes into the problem body and into the log line
 * about the failure, so a report leads to the log. Safe to call from any thread.
 */
QString newCorrelationId();

} // namespace roomgate::server::http
