// SPDX-License-Identifier: MIT
#pragma once

#include <span>

namespace roomgate::server::Schema {

/** One step of the schema, in both dialects. */
struct Migration
{
    const char *sqlite;
    const char *postgres;
};

/**
 * The versioned schema: step N brings it from version N to N + 1. Append only: a
 * released step never changes, a change is a new step for both dialects.
 */
std::span<const Migration> migrations();

} // namespace roomgate::server::Schema
