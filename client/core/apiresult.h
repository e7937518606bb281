// SPDX-License-Identifier: MIT
#pragma once

#include "shared/problem.h"

#include <variant>

namespace roomgate::client {

/**
 * The outcome of one ApiClient call: a value, or a Problem with the HTTP status
 * it came with (0 when no HTTP answer arrived at all). Value type, any thread.
 */
template<typename T = std::monostate> struct ApiResult
{
    T value{}; ///< meaningful only when ok()
    Problem problem{ErrorCode::Ok};
    int httpStatus = 0;

    bool ok() const { return problem.code == ErrorCode::Ok; }
    ErrorCode code() const { return problem.code; }
};

} // namespace roomgate::client
