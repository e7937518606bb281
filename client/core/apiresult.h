// SPDX-License-Identifier: MIT
#pragma once

#include "client/core/certificatecheck.h"
#include "client/core/localerror.h"
#include "shared/problem.h"

#include <variant>

namespace roomgate::client {

/**
 * The outcome of one ApiClient call: a value, or a Problem with the HTTP status
 * it came with. When no HTTP answer arrived at all, the status is 0, the code
 * UNAVAILABLE and `local` says why (refused, DNS, time-out, …): the server never sent
 * that failure, and the user is told so; a certificate the client refused says which and
 * why in `certificate`. Value type, any thread.
 */
template<typename T = std::monostate> struct ApiResult
{
    T value{}; ///< meaningful only when ok()
    Problem problem{ErrorCode::Ok};
    int httpStatus = 0;
    LocalError local = LocalError::None; ///< why no answer came; None when the server answered
    /** local is Tls over the server's certificate: refused as Unverified or Changed. */
    CertificateCheck certificate;

    bool ok() const { return problem.code == ErrorCode::Ok; }
    ErrorCode code() const { return problem.code; }
};

} // namespace roomgate::client
