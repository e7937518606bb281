// SPDX-License-Identifier: MIT
#pragma once

#include "bench/benchoptions.h"
#include "bench/scenario.h"

#include <memory>

namespace roomgate::bench {

/** The scenario named in @p options (the parser has checked the name). */
std::unique_ptr<Scenario> makeScenario(const BenchOptions &options);

} // namespace roomgate::bench
